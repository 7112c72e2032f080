//! Talks (`talks/<slug>.yaml`): strict input with located errors, the talks
//! page and one page per talk, links both ways with papers, JSON-LD `Event`.

use crate::common::{TestSite, jsonld, single_error};

const TALK: &str = "title: Engines that compute\ndate: 2024-06-12\nevent: Analytical Society Meeting\nevent_url: https://example.org/meeting\nkind: invited\nlocation: { city: London, country: UK, latitude: 51.5, longitude: -0.12 }\nlinks: { slides: /files/engine-slides.pdf, video: https://example.org/v }\npapers: [engine]\nauthors: [ada]\nabstract: The engine computes $x^2$.\n";

/// A site with one paper (`engine`) and the given talk files.
fn site_with(talks: &[(&str, &str)]) -> TestSite {
    let mut site = TestSite::new().paper("engine", "The Analytical Engine", "2024-01-05", "");
    for (slug, yaml) in talks {
        site = site.file(&format!("talks/{slug}.yaml"), yaml);
    }
    site
}

#[test]
fn unknown_talk_field_suggests_the_closest_name() {
    let site = site_with(&[("t", "title: T\ndate: 2024\nevnt: X\n")]);
    assert_eq!(
        single_error(site),
        "talks/t.yaml:3:1: error: unknown field `evnt`\n  hint: did you mean `event`?"
    );
}

#[test]
fn unknown_talk_kind_suggests_a_known_one() {
    let site = site_with(&[
        ("a", "title: A\ndate: 2024\nkind: keynot\n"),
        ("b", "title: B\ndate: 2024\nkind: defence\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains(
            "talks/a.yaml:3:7: error: field `kind`: `keynot` is not a known value\n  hint: did you mean `keynote`?"
        ),
        "{err}"
    );
    assert!(
        err.contains("talks/b.yaml:3:7: error: field `kind`: `defence` is not a known value\n  hint: did you mean `defense`?"),
        "{err}"
    );
}

#[test]
fn wrong_type_in_a_talk_names_the_field() {
    let site = site_with(&[("t", "title: T\ndate: 2024\npapers: engine\n")]);
    let err = single_error(site);
    assert!(
        err.starts_with("talks/t.yaml:3:9: error: field `papers`"),
        "{err}"
    );
}

#[test]
fn impossible_talk_dates_are_located() {
    let site = site_with(&[("t", "title: T\ndate: 2024-02-30\nend_date: 2024-13\n")]);
    let err = site.build_err();
    assert!(
        err.contains("talks/t.yaml:2:7: error: date `2024-02-30` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15"),
        "{err}"
    );
    assert!(
        err.contains("talks/t.yaml:3:11: error: date `2024-13` is not valid"),
        "{err}"
    );
}

#[test]
fn an_end_date_before_the_date_is_an_error() {
    let site = site_with(&[("t", "title: T\ndate: 2024-05-02\nend_date: 2024-05-01\n")]);
    assert_eq!(
        single_error(site),
        "talks/t.yaml:3:11: error: end_date is before date\n  hint: write the last day of the talk"
    );
}

#[test]
fn an_unknown_paper_slug_or_author_id_is_located_with_a_hint() {
    let site = site_with(&[(
        "t",
        "title: T\ndate: 2024\npapers: [engine, engin]\nauthors: [adaa]\n",
    )]);
    let err = site.build_err();
    assert!(
        err.contains(
            "talks/t.yaml:3:18: error: unknown paper slug `engin`\n  hint: did you mean `engine`?"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "talks/t.yaml:4:11: error: unknown author id `adaa`\n  hint: did you mean `ada`?"
        ),
        "{err}"
    );
}

#[test]
fn unsafe_talk_links_are_errors() {
    let site = site_with(&[(
        "t",
        "title: T\ndate: 2024\nlinks: { slides: \"javascript:alert(1)\" }\n",
    )]);
    assert_eq!(
        single_error(site),
        "talks/t.yaml:3:18: error: links.slides: `javascript:alert(1)` is not allowed\n  hint: use an http(s) link or a path such as /files/slides.pdf"
    );
}

#[test]
fn coordinates_out_of_range_or_alone_are_errors() {
    let site = site_with(&[
        (
            "a",
            "title: A\ndate: 2024\nlocation: { latitude: 91, longitude: 0 }\n",
        ),
        ("b", "title: B\ndate: 2024\nlocation: { latitude: 10 }\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("talks/a.yaml:3:23: error: location.latitude: 91 is out of range"),
        "{err}"
    );
    assert!(
        err.contains("talks/b.yaml:3:23: error: location: latitude and longitude go together"),
        "{err}"
    );
}

#[test]
fn talk_schema_accepts_a_valid_talk_and_refuses_an_invalid_one() {
    let schema = folio::cli::jsonschema::schema("talk.schema.json").expect("talk schema");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let value = |yaml: &str| -> serde_json::Value {
        folio::load::parse_yaml(std::path::Path::new("t.yaml"), yaml).unwrap()
    };
    assert!(validator.is_valid(&value(TALK)));
    for bad in [
        "title: T\ndate: 2024\nevnt: X\n",
        "title: T\ndate: 2024\nkind: keynot\n",
        "title: T\ndate: 2024\nlocation: { town: Paris }\n",
        "date: 2024\n",
    ] {
        assert!(!validator.is_valid(&value(bad)), "{bad}");
    }
}

#[test]
fn talks_page_groups_by_year_newest_first_and_links_papers_both_ways() {
    let site = site_with(&[
        ("engine-talk", TALK),
        ("older", "title: Older\ndate: 2023-03\nkind: poster\n"),
        ("newer", "title: Newer\ndate: 2025\n"),
    ]);
    site.build();
    let list = site.output("talks/index.html");
    let (y25, y24, y23) = (
        list.find(">2025</h2>").unwrap(),
        list.find(">2024</h2>").unwrap(),
        list.find(">2023</h2>").unwrap(),
    );
    assert!(y25 < y24 && y24 < y23, "{list}");
    assert!(list.contains("<span class=\"tag talk-kind\">Poster</span>"));
    assert!(list.contains("href=\"/talks/engine-talk/\""));
    let talk = site.output("talks/engine-talk/index.html");
    assert!(
        talk.contains("<a href=\"/papers/engine/\">The Analytical Engine</a>"),
        "{talk}"
    );
    assert!(
        talk.contains("<a href=\"https://example.org/meeting\">Analytical Society Meeting</a>")
    );
    assert!(talk.contains("<dd>London, UK</dd>"));
    assert!(talk.contains("href=\"/files/engine-slides.pdf\""));
    assert!(talk.contains("<math"), "maths in the abstract: {talk}");
    let paper = site.output("papers/engine/index.html");
    assert!(
        paper.contains("<a href=\"/talks/engine-talk/\">Engines that compute</a>"),
        "{paper}"
    );
    assert!(!paper.contains("/talks/older/"));
}

#[test]
fn a_talk_page_carries_an_event_with_place_and_performer() {
    let site = site_with(&[("engine-talk", TALK)]).file(
        "site.yaml",
        &format!(
            "{}base_url: https://ada.example.org/site/\n",
            crate::common::SITE_YAML
        ),
    );
    site.build();
    let html = site.output("talks/engine-talk/index.html");
    let ld = jsonld(&html);
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["name"], "Engines that compute");
    assert_eq!(ld["startDate"], "2024-06-12");
    assert_eq!(ld["url"], "https://ada.example.org/site/talks/engine-talk/");
    assert_eq!(ld["location"]["address"]["addressLocality"], "London");
    assert_eq!(ld["location"]["geo"]["latitude"], 51.5);
    assert_eq!(ld["performer"][0]["name"], "Ada Lovelace");
    assert_eq!(
        ld["performer"][0]["url"],
        "https://ada.example.org/site/authors/ada/"
    );
    // Every link of the site lives under the sub-path.
    assert!(html.contains("href=\"/site/papers/engine/\""), "{html}");
    assert!(
        html.contains("href=\"/site/files/engine-slides.pdf\""),
        "{html}"
    );
    assert!(
        site.output("papers/engine/index.html")
            .contains("href=\"/site/talks/engine-talk/\"")
    );
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://ada.example.org/site/talks/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://ada.example.org/site/talks/engine-talk/</loc>"));
}

#[test]
fn talk_text_is_escaped_everywhere() {
    let hostile = "title: \"<script>alert(1)</script> & co\"\ndate: 2024\nevent: \"<b>Ev</b>\"\nlocation: { city: \"<i>Town</i>\" }\nabstract: \"</script><img src=x onerror=alert(1)>\"\n";
    let site = site_with(&[("h", hostile)]);
    site.build();
    for page in ["talks/index.html", "talks/h/index.html"] {
        let html = site.output(page);
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        assert!(!html.contains("<b>Ev</b>"), "{page}");
        assert!(!html.contains("<i>Town</i>"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(html.contains("&lt;b&gt;Ev&lt;/b&gt;"), "{page}: {html}");
    }
    let ld = jsonld(&site.output("talks/h/index.html"));
    assert_eq!(ld["name"], "<script>alert(1)</script> & co");
}

#[test]
fn a_page_cannot_take_the_talks_folder() {
    let site = site_with(&[("t", "title: T\ndate: 2024\n")])
        .file("pages/talks.md", "---\ntitle: My talks\n---\nHello\n");
    let err = site.build_err();
    assert!(
        err.contains("page slug `talks` is taken by a generated page"),
        "{err}"
    );
}

#[test]
fn the_classic_theme_renders_talks() {
    let site = site_with(&[("engine-talk", TALK)]);
    let yaml = format!("{}theme: classic\n", crate::common::SITE_YAML);
    let site = site.file("site.yaml", &yaml);
    site.build();
    assert!(
        site.output("talks/index.html")
            .contains("Engines that compute")
    );
    assert!(
        site.output("talks/engine-talk/index.html")
            .contains("Analytical Society Meeting")
    );
}

// `folio watch` rebuilds on an edit in `talks/`: the talk's page and the page
// of the paper it presents both show the new title.
#[test]
fn watch_rebuilds_on_a_talk_edit() {
    let site = site_with(&[("engine-talk", TALK)]);
    let run = crate::watch::Running::start(&[
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    let site = site.file(
        "talks/engine-talk.yaml",
        &TALK.replace("Engines that compute", "Engines that weave"),
    );
    run.wait_for_count("rebuilt after change", 1);
    assert!(
        site.output("talks/engine-talk/index.html")
            .contains("Engines that weave")
    );
    assert!(
        site.output("papers/engine/index.html")
            .contains("Engines that weave")
    );
}

// `folio new talk` writes a stub that builds into a talk page.
#[test]
fn new_talk_writes_a_stub_that_builds() {
    let site = TestSite::new();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["new", "talk", "Keynote: $P$ vs $NP$", "--site"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let path = site.root().join("talks/keynote-p-vs-np.yaml");
    assert!(path.is_file());
    site.build();
    assert!(
        site.output("talks/keynote-p-vs-np/index.html")
            .contains("<math")
    );
    assert!(
        site.output("talks/index.html")
            .contains("/talks/keynote-p-vs-np/")
    );
}

// Lab mode: a member's page lists the talks naming them as a speaker, and no
// other; the owner of a personal site has every talk on their page.
#[test]
fn author_pages_list_their_talks() {
    let lab = TestSite::empty();
    folio::cli::init::init(lab.root(), true).unwrap();
    let lab = lab.file(
        "talks/sam-talk.yaml",
        "title: Sam speaks\ndate: 2025-10\npapers: [lab-paper]\nauthors: [sam-student]\n",
    );
    lab.build();
    assert!(
        lab.output("authors/sam-student/index.html")
            .contains("href=\"/talks/sam-talk/\"")
    );
    assert!(
        !lab.output("authors/pat-investigator/index.html")
            .contains("/talks/sam-talk/")
    );
    let personal = site_with(&[("t", "title: Mine\ndate: 2024\n")]);
    personal.build();
    assert!(
        personal
            .output("authors/ada/index.html")
            .contains("href=\"/talks/t/\"")
    );
}

// `folio check` reports a talk citing an unknown paper, with the exit code of an error.
#[test]
fn check_reports_a_talk_citing_an_unknown_paper() {
    let site = site_with(&[("t", "title: T\ndate: 2024\npapers: [engin]\n")]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("check")
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "talks/t.yaml:3:10: error: unknown paper slug `engin`\n  hint: did you mean `engine`?"
        ),
        "{stderr}"
    );
}

// A place known only by its coordinates has no empty name in the JSON-LD.
#[test]
fn a_place_with_only_coordinates_has_no_empty_name() {
    let site = site_with(&[(
        "t",
        "title: T\ndate: 2024\nlocation: { latitude: 1.5, longitude: 2.5 }\n",
    )]);
    site.build();
    let ld = jsonld(&site.output("talks/t/index.html"));
    assert_eq!(ld["location"]["geo"]["longitude"], 2.5);
    assert!(ld["location"].get("name").is_none(), "{ld}");
}
