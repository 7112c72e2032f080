//! Projects (`projects/<slug>.yaml` or `.md`): strict input with located
//! errors, the card grid and one page per project, links both ways with papers
//! and talks, JSON-LD `ResearchProject`, member pages listing their projects.

use crate::common::{TestSite, jsonld, single_error};

const PROJECT: &str = "title: The Engine Project\nsummary: Engines that compute $x^2$.\nstatus: active\nstart: 2023-09\nimage: /images/engine.png\nimage_alt: A drawing of the engine\npeople: [ada]\npapers: [engine]\ntalks: [engine-talk]\nlinks: { code: https://example.org/code, data: /files/data.csv }\ntags: [machines, notes]\nbody: |\n  What the engine does, in *detail*.\n";

/// A site with one paper (`engine`), one talk (`engine-talk`), a picture
/// (`static/images/engine.png`) and the given project files (name with extension).
fn site_with(projects: &[(&str, &str)]) -> TestSite {
    let mut site = TestSite::new()
        .paper("engine", "The Analytical Engine", "2024-01-05", "")
        .file(
            "talks/engine-talk.yaml",
            "title: Engines that compute\ndate: 2024-06-12\n",
        )
        .bytes("static/images/engine.png", &crate::common::png(64, 36));
    for (name, text) in projects {
        site = site.file(&format!("projects/{name}"), text);
    }
    site
}

#[test]
fn unknown_project_field_suggests_the_closest_name() {
    let site = site_with(&[("p.yaml", "title: P\nsumary: x\n")]);
    assert_eq!(
        single_error(site),
        "projects/p.yaml:2:1: error: unknown field `sumary`\n  hint: did you mean `summary`?"
    );
}

#[test]
fn an_unknown_field_in_front_matter_is_located_in_the_file() {
    let site = site_with(&[("p.md", "---\ntitle: P\nstauts: active\n---\nBody.\n")]);
    assert_eq!(
        single_error(site),
        "projects/p.md:3:1: error: unknown field `stauts`\n  hint: did you mean `status`?"
    );
}

#[test]
fn unknown_project_status_suggests_a_known_one() {
    let site = site_with(&[
        ("a.yaml", "title: A\nstatus: activ\n"),
        ("b.yaml", "title: B\nstatus: finished\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("projects/a.yaml:2:9: error: field `status`: `activ` is not a known value\n  hint: did you mean `active`?"),
        "{err}"
    );
    assert!(
        err.contains("projects/b.yaml:2:9: error: field `status`: `finished` is not a known value\n  hint: did you mean `completed`?"),
        "{err}"
    );
}

#[test]
fn wrong_type_in_a_project_names_the_field() {
    let site = site_with(&[("p.yaml", "title: P\ntags: machines\n")]);
    let err = single_error(site);
    assert!(
        err.starts_with("projects/p.yaml:2:7: error: field `tags`"),
        "{err}"
    );
}

#[test]
fn bad_project_dates_are_located() {
    let site = site_with(&[
        ("a.yaml", "title: A\nstart: 2024-13\n"),
        ("b.md", "---\ntitle: B\nstart: 2024-05\nend: 2023\n---\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("projects/a.yaml:2:8: error: date `2024-13` is not valid"),
        "{err}"
    );
    assert!(
        err.contains(
            "projects/b.md:4:6: error: end is before start\n  hint: write when the project ended"
        ),
        "{err}"
    );
}

#[test]
fn unknown_people_papers_and_talks_are_located_with_a_hint() {
    let site = site_with(&[(
        "p.yaml",
        "title: P\npeople: [adaa]\npapers: [engin]\ntalks: [engine-tlak]\n",
    )]);
    let err = site.build_err();
    for want in [
        "projects/p.yaml:2:10: error: unknown author id `adaa`\n  hint: did you mean `ada`?",
        "projects/p.yaml:3:10: error: unknown paper slug `engin`\n  hint: did you mean `engine`?",
        "projects/p.yaml:4:9: error: unknown talk slug `engine-tlak`\n  hint: did you mean `engine-talk`?",
    ] {
        assert!(err.contains(want), "{want}\n---\n{err}");
    }
}

#[test]
fn a_missing_or_outside_image_is_a_located_error() {
    let site = site_with(&[
        ("a.yaml", "title: A\nimage: /images/engin.png\n"),
        ("b.yaml", "title: B\nimage: https://example.org/x.png\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("projects/a.yaml:2:8: error: image: no file static/images/engin.png\n  hint: put the picture in static/, or correct the path"),
        "{err}"
    );
    assert!(
        err.contains(
            "projects/b.yaml:2:8: error: image: `https://example.org/x.png` is not a site path"
        ),
        "{err}"
    );
}

#[test]
fn unsafe_project_links_are_errors() {
    let site = site_with(&[(
        "p.yaml",
        "title: P\nlinks: { demo: \"javascript:alert(1)\" }\n",
    )]);
    assert_eq!(
        single_error(site),
        "projects/p.yaml:2:16: error: links.demo: `javascript:alert(1)` is not allowed\n  hint: use an http(s) link or a path such as /files/slides.pdf"
    );
}

#[test]
fn a_body_in_front_matter_is_an_error() {
    let site = site_with(&[("p.md", "---\ntitle: P\nbody: x\n---\nBody.\n")]);
    assert_eq!(
        single_error(site),
        "projects/p.md:3:7: error: `body` in the front matter of a Markdown file\n  hint: write the body after the closing ---"
    );
}

#[test]
fn project_schema_accepts_a_valid_project_and_refuses_an_invalid_one() {
    let schema = folio::cli::jsonschema::schema("project.schema.json").expect("project schema");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let value = |yaml: &str| -> serde_json::Value {
        folio::load::parse_yaml(std::path::Path::new("p.yaml"), yaml).unwrap()
    };
    assert!(validator.is_valid(&value(PROJECT)));
    assert!(validator.is_valid(&value("title: P\nstart: 2024\n")));
    for bad in [
        "title: P\nsumary: x\n",
        "title: P\nstatus: activ\n",
        "title: P\nlinks: { slides: x }\n",
        "title: P\ntags: x\n",
        "status: active\n",
    ] {
        assert!(!validator.is_valid(&value(bad)), "{bad}");
    }
}

#[test]
fn projects_page_is_a_grid_of_cards_current_first_and_links_both_ways() {
    let site = site_with(&[
        ("engine.yaml", PROJECT),
        (
            "older.md",
            "---\ntitle: Older work\nstatus: completed\nstart: 2019\nend: 2021\npapers: [engine]\n---\nThe *old* body.\n",
        ),
    ]);
    site.build();
    let list = site.output("projects/index.html");
    assert!(list.contains("<ul class=\"project-grid\">"), "{list}");
    let (new, old) = (
        list.find("href=\"/projects/engine/\"").unwrap(),
        list.find("href=\"/projects/older/\"").unwrap(),
    );
    assert!(new < old, "current projects first: {list}");
    // The picture is resized (tests/integration/images.rs): a copy under _img/.
    assert!(
        list.contains("<img class=\"project-image\" src=\"/_img/engine-64."),
        "{list}"
    );
    assert!(list.contains("alt=\"A drawing of the engine\""), "{list}");
    assert!(list.contains(">Active</span>") && list.contains(">Completed</span>"));
    assert!(list.contains("<math"), "maths in the summary: {list}");
    let page = site.output("projects/engine/index.html");
    for want in [
        "<a href=\"/papers/engine/\">The Analytical Engine</a>",
        "<a href=\"/talks/engine-talk/\">Engines that compute</a>",
        "href=\"/authors/ada/\"",
        "href=\"/files/data.csv\"",
        "<em>detail</em>",
        "<li class=\"tag\">machines</li>",
    ] {
        assert!(page.contains(want), "{want}\n---\n{page}");
    }
    assert!(
        site.output("projects/older/index.html")
            .contains("<em>old</em>")
    );
    let paper = site.output("papers/engine/index.html");
    assert!(
        paper.contains("<a href=\"/projects/engine/\">The Engine Project</a>"),
        "{paper}"
    );
    assert!(paper.contains("<a href=\"/projects/older/\">Older work</a>"));
    let talk = site.output("talks/engine-talk/index.html");
    assert!(
        talk.contains("<a href=\"/projects/engine/\">The Engine Project</a>"),
        "{talk}"
    );
    assert!(!talk.contains("/projects/older/"));
}

#[test]
fn a_project_page_carries_a_research_project() {
    let site = site_with(&[("engine.yaml", PROJECT)]).file(
        "site.yaml",
        &format!(
            "{}base_url: https://ada.example.org/site/\n",
            crate::common::SITE_YAML
        ),
    );
    site.build();
    let html = site.output("projects/engine/index.html");
    let ld = jsonld(&html);
    assert_eq!(ld["@type"], "ResearchProject");
    assert_eq!(ld["name"], "The Engine Project");
    assert_eq!(ld["url"], "https://ada.example.org/site/projects/engine/");
    assert!(
        ld["image"]
            .as_str()
            .unwrap()
            .starts_with("https://ada.example.org/site/_img/engine-64."),
        "{}",
        ld["image"]
    );
    assert_eq!(ld["foundingDate"], "2023-09");
    assert_eq!(ld["member"][0]["name"], "Ada Lovelace");
    assert_eq!(ld["subjectOf"][0]["@type"], "ScholarlyArticle");
    assert_eq!(ld["subjectOf"][1]["@type"], "Event");
    assert!(html.contains("src=\"/site/_img/engine-64."), "{html}");
    assert!(html.contains("href=\"/site/papers/engine/\""));
    assert!(
        site.output("papers/engine/index.html")
            .contains("href=\"/site/projects/engine/\"")
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://ada.example.org/site/projects/</loc>"));
    assert!(sitemap.contains("<loc>https://ada.example.org/site/projects/engine/</loc>"));
}

#[test]
fn project_text_is_escaped_everywhere() {
    let hostile = "title: \"<script>alert(1)</script> & co\"\nsummary: \"<b>S</b>\"\nimage: /images/engine.png\nimage_alt: \"\\\" onerror=\\\"alert(1)\"\ntags: [\"<i>T</i>\"]\nbody: \"</script><img src=x onerror=alert(1)>\"\n";
    let site = site_with(&[("h.yaml", hostile)]);
    site.build();
    for page in ["projects/index.html", "projects/h/index.html"] {
        let html = site.output(page);
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        for raw in ["<b>S</b>", "<i>T</i>", "<img src=x", "\" onerror=\"alert"] {
            assert!(!html.contains(raw), "{page}: {raw}\n{html}");
        }
        assert!(html.contains("&lt;i&gt;T&lt;/i&gt;"), "{page}: {html}");
    }
    let ld = jsonld(&site.output("projects/h/index.html"));
    assert_eq!(ld["name"], "<script>alert(1)</script> & co");
}

#[test]
fn a_page_cannot_take_the_projects_folder() {
    let site = site_with(&[("p.yaml", "title: P\n")])
        .file("pages/projects.md", "---\ntitle: My projects\n---\nHello\n");
    let err = site.build_err();
    assert!(
        err.contains("page slug `projects` is taken by a generated page"),
        "{err}"
    );
}

#[test]
fn the_classic_theme_renders_projects() {
    let yaml = format!("{}theme: classic\n", crate::common::SITE_YAML);
    let site = site_with(&[("engine.yaml", PROJECT)]).file("site.yaml", &yaml);
    site.build();
    assert!(
        site.output("projects/index.html")
            .contains("The Engine Project")
    );
    assert!(
        site.output("projects/engine/index.html")
            .contains("The Analytical Engine")
    );
}

// `folio watch` rebuilds on an edit in `projects/`: the project's page and the
// paper it lists show the new title, and the output is what a full build writes.
#[test]
fn watch_rebuilds_on_a_project_edit_as_a_full_build_would() {
    let site = site_with(&[("engine.yaml", PROJECT)]);
    let run = crate::watch::Running::start(&[
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    let site = site.file(
        "projects/engine.yaml",
        &PROJECT.replace("The Engine Project", "The Loom Project"),
    );
    run.wait_for_count("rebuilt after change", 1);
    assert!(
        site.output("papers/engine/index.html")
            .contains("The Loom Project")
    );
    crate::watch::wait_until_fresh(&site, "after a project edit").unwrap();
}

// `folio new project` writes a stub that builds into a project page.
#[test]
fn new_project_writes_a_stub_that_builds() {
    let site = TestSite::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["new", "project", "Atlas of $k$-mers", "--site"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(site.root().join("projects/atlas-of-k-mers.yaml").is_file());
    site.build();
    assert!(
        site.output("projects/atlas-of-k-mers/index.html")
            .contains("<math")
    );
}

// Lab mode: a member's page lists the projects naming them, and no other; the
// owner of a personal site has every project on their page.
#[test]
fn author_pages_list_their_projects() {
    let lab = TestSite::empty();
    folio::cli::init::init(lab.root(), true).unwrap();
    let lab = lab.file(
        "projects/sam-project.yaml",
        "title: Sam builds\nstatus: active\npeople: [sam-student]\npapers: [lab-paper]\n",
    );
    lab.build();
    assert!(
        lab.output("authors/sam-student/index.html")
            .contains("href=\"/projects/sam-project/\"")
    );
    assert!(
        !lab.output("authors/pat-investigator/index.html")
            .contains("/projects/sam-project/")
    );
    let personal = site_with(&[("p.yaml", "title: Mine\n")]);
    personal.build();
    assert!(
        personal
            .output("authors/ada/index.html")
            .contains("href=\"/projects/p/\"")
    );
}

// `folio check` reports a project listing an unknown talk, with the exit code of an error.
#[test]
fn check_reports_a_project_with_an_unknown_talk() {
    let site = site_with(&[("p.yaml", "title: P\ntalks: [nope]\n")]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("check")
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("projects/p.yaml:2:9: error: unknown talk slug `nope`"),
        "{stderr}"
    );
}

// `home: [..., current_projects]` shows the projects still going as cards, in
// the place `home:` gives it, in both themes; a completed project is not there.
#[test]
fn the_home_page_shows_current_projects_where_site_yaml_puts_them() {
    for theme in ["default", "classic"] {
        let yaml = format!(
            "{}theme: {theme}\nhome: [current_projects, papers]\n",
            crate::common::SITE_YAML
        );
        let site = site_with(&[
            ("engine.yaml", PROJECT),
            ("open.yaml", "title: Open ended\n"),
            ("done.yaml", "title: Done project\nstatus: completed\n"),
        ])
        .file("site.yaml", &yaml);
        site.build();
        let home = site.output("index.html");
        let (projects, papers) = (
            home.find("id=\"projects-heading\"").unwrap(),
            home.find("The Analytical Engine").unwrap(),
        );
        assert!(projects < papers, "{theme}: {home}");
        assert!(home.contains("<h3 class=\"project-title\"><a href=\"/projects/engine/\">"));
        assert!(home.contains("href=\"/projects/open/\""), "{theme}");
        assert!(!home.contains("/projects/done/"), "{theme}");
    }
    // Not listed in `home:`: no projects on the home page.
    let site = site_with(&[("engine.yaml", PROJECT)]);
    site.build();
    assert!(!site.output("index.html").contains("/projects/engine/"));
}

// `[@slug]` in a project's body cites the site's papers (as in posts and
// pages); an unknown slug is an error at its line in the file, in a Markdown
// body and in a YAML block scalar alike.
#[test]
fn citations_in_a_project_body_link_papers_and_unknown_ones_are_located() {
    let site = site_with(&[("p.md", "---\ntitle: P\n---\nBuilt on [@engine].\n")]);
    site.build();
    let html = site.output("projects/p/index.html");
    assert!(
        html.contains("<a href=\"/papers/engine/\" aria-describedby=\"ref-1\">1</a>"),
        "{html}"
    );
    assert!(html.contains("<li id=\"ref-1\">"), "{html}");
    let site = site_with(&[("p.md", "---\ntitle: P\n---\nFine.\nBuilt on [@engien].\n")]);
    assert_eq!(
        single_error(site),
        "projects/p.md:5:11: error: citation: no paper has the slug `engien`\n  hint: did you mean `engine`?"
    );
    let site = site_with(&[(
        "q.yaml",
        "title: Q\nbody: |\n  Fine.\n  Built on [@engien].\n",
    )]);
    let err = single_error(site);
    assert!(
        err.starts_with("projects/q.yaml:4:"),
        "the line of the citation: {err}"
    );
}
