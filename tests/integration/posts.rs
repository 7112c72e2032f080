//! Posts (`posts/<slug>.md`): strict front matter located in the file, the
//! paginated list, tag pages, the post pages with their neighbours, the feed,
//! JSON-LD `BlogPosting`, drafts (built by `folio serve`, never by `folio build`).

use crate::common::{SITE_YAML, TestSite, jsonld, single_error};

const POST: &str = "---\ntitle: Engines that compute $x^2$\ndate: 2024-06-12\nupdated: 2024-07-01\ntags: [Engines, history]\nauthors: [ada]\nsummary: How the engine computes.\npapers: [engine]\n---\nThe engine computes $x^2$. It was never built.\n";

/// A site with one paper (`engine`) and the given post files.
fn site_with(posts: &[(&str, &str)]) -> TestSite {
    let mut site = TestSite::new().paper("engine", "The Analytical Engine", "2024-01-05", "");
    for (slug, text) in posts {
        site = site.file(&format!("posts/{slug}.md"), text);
    }
    site
}

fn post(title: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\nBody of {title}.\n")
}

fn with_base_url(site: TestSite) -> TestSite {
    site.file(
        "site.yaml",
        &format!("{SITE_YAML}base_url: https://ada.example.org/site/\n"),
    )
}

#[test]
fn unknown_post_field_suggests_the_closest_name_at_its_line_in_the_file() {
    let site = site_with(&[("p", "---\ntitle: T\ndate: 2024\ntgs: [a]\n---\nBody\n")]);
    assert_eq!(
        single_error(site),
        "posts/p.md:4:1: error: unknown field `tgs`\n  hint: did you mean `tags`?"
    );
}

#[test]
fn wrong_type_in_a_post_names_the_field() {
    let site = site_with(&[("p", "---\ntitle: T\ndate: 2024\ndraft: maybe\n---\n")]);
    let err = single_error(site);
    assert!(
        err.starts_with("posts/p.md:4:8: error: field `draft`"),
        "{err}"
    );
}

#[test]
fn impossible_post_dates_are_located_in_the_file() {
    let site = site_with(&[(
        "p",
        "---\ntitle: T\ndate: 2024-02-30\nupdated: 2024-13\n---\n",
    )]);
    let err = site.build_err();
    assert!(
        err.contains("posts/p.md:3:7: error: date `2024-02-30` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15"),
        "{err}"
    );
    assert!(
        err.contains("posts/p.md:4:10: error: date `2024-13` is not valid"),
        "{err}"
    );
}

#[test]
fn an_update_before_the_date_is_an_error() {
    let site = site_with(&[(
        "p",
        "---\ntitle: T\ndate: 2024-05-02\nupdated: 2024-05-01\n---\n",
    )]);
    assert_eq!(
        single_error(site),
        "posts/p.md:4:10: error: updated is before date\n  hint: write the day of the last change, or remove `updated`"
    );
}

#[test]
fn an_unknown_paper_slug_or_author_id_in_a_post_is_located_with_a_hint() {
    let site = site_with(&[(
        "p",
        "---\ntitle: T\ndate: 2024\npapers: [engine, engin]\nauthors: [adaa]\n---\n",
    )]);
    let err = site.build_err();
    assert!(
        err.contains(
            "posts/p.md:4:18: error: unknown paper slug `engin`\n  hint: did you mean `engine`?"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "posts/p.md:5:11: error: unknown author id `adaa`\n  hint: did you mean `ada`?"
        ),
        "{err}"
    );
}

#[test]
fn a_post_without_front_matter_is_an_error() {
    let site = site_with(&[("p", "Just text\n")]);
    assert_eq!(
        single_error(site),
        "posts/p.md:1:1: error: missing front matter\n  hint: start the post with ---, `title:` and `date:` lines, and ---"
    );
}

#[test]
fn post_schema_accepts_a_valid_post_and_refuses_an_invalid_one() {
    let schema = folio::cli::jsonschema::schema("post.schema.json").expect("post schema");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let value = |yaml: &str| -> serde_json::Value {
        folio::load::parse_yaml(std::path::Path::new("p.yaml"), yaml).unwrap()
    };
    let front = POST.split("---\n").nth(1).unwrap();
    assert!(validator.is_valid(&value(front)));
    for bad in [
        "title: T\ndate: 2024\ntgs: [a]\n",
        "title: T\ndate: 2024\ndraft: 1\n",
        "title: T\ndate: 2024\ntags: a\n",
        "date: 2024\n",
    ] {
        assert!(!validator.is_valid(&value(bad)), "{bad}");
    }
}

#[test]
fn posts_are_listed_newest_first_in_pages_of_the_configured_size() {
    let site = site_with(&[
        ("one", &post("First", "2024-01-01", "")),
        ("two", &post("Second", "2024-02-01", "")),
        ("three", &post("Third", "2024-03-01", "")),
    ])
    .file("site.yaml", &format!("{SITE_YAML}posts_per_page: 2\n"));
    site.build();
    let first = site.output("posts/index.html");
    let (third, second) = (first.find("Third").unwrap(), first.find("Second").unwrap());
    assert!(third < second, "newest first: {first}");
    assert!(!first.contains("/posts/one/"), "{first}");
    assert!(
        first.contains("<a rel=\"next\" href=\"/posts/page/2/\">Older posts</a>"),
        "{first}"
    );
    let second_page = site.output("posts/page/2/index.html");
    assert!(
        second_page.contains("href=\"/posts/one/\""),
        "{second_page}"
    );
    assert!(second_page.contains("<a rel=\"prev\" href=\"/posts/\">Newer posts</a>"));
    assert!(second_page.contains("Posts, page 2 of 2"));
    assert!(!site.exists("posts/page/3/index.html"));
}

#[test]
fn the_page_size_defaults_to_ten_and_must_be_positive() {
    let many: Vec<(String, String)> = (1..=11)
        .map(|i| {
            (
                format!("p{i}"),
                post(&format!("Post {i}"), &format!("2024-01-{i:02}"), ""),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = site_with(&refs);
    site.build();
    assert!(site.output("posts/index.html").contains("/posts/p2/"));
    assert!(
        site.output("posts/page/2/index.html")
            .contains("/posts/p1/")
    );
    let site = site.file("site.yaml", &format!("{SITE_YAML}posts_per_page: 0\n"));
    assert!(
        site.build_err()
            .contains("posts_per_page: 0 is out of range")
    );
}

#[test]
fn each_tag_has_a_page_listing_its_posts() {
    let site = site_with(&[
        ("engine-post", POST),
        ("other", &post("Other", "2024-01-01", "tags: [engines]\n")),
        ("untagged", &post("Untagged", "2024-01-02", "")),
    ]);
    site.build();
    // `Engines` and `engines` are one tag, named as first written.
    let tag = site.output("posts/tags/engines/index.html");
    assert!(tag.contains("<h1>Posts tagged Engines</h1>"), "{tag}");
    assert!(tag.contains("/posts/engine-post/") && tag.contains("/posts/other/"));
    assert!(!tag.contains("/posts/untagged/"));
    assert!(
        site.output("posts/tags/history/index.html")
            .contains("/posts/engine-post/")
    );
    let page = site.output("posts/engine-post/index.html");
    assert!(page.contains("<a class=\"tag\" href=\"/posts/tags/history/\">history</a>"));
}

#[test]
fn a_post_page_shows_its_text_reading_time_papers_and_neighbours() {
    let site = site_with(&[
        ("engine-post", POST),
        ("older", &post("Older", "2024-01-01", "")),
        ("newer", &post("Newer", "2025-01-01", "")),
    ]);
    site.build();
    let page = site.output("posts/engine-post/index.html");
    assert!(
        page.contains("<math"),
        "maths in the title and body: {page}"
    );
    assert!(page.contains("1 min read"), "{page}");
    assert!(
        page.contains("<time datetime=\"2024-07-01\">"),
        "the update: {page}"
    );
    assert!(page.contains("<a href=\"/papers/engine/\">The Analytical Engine</a>"));
    let paper = site.output("papers/engine/index.html");
    assert!(
        paper.contains("<a href=\"/posts/engine-post/\">Engines that compute"),
        "{paper}"
    );
    assert!(!paper.contains("/posts/older/"));
    assert!(
        page.contains("Older post: <a rel=\"prev\" href=\"/posts/older/\">Older</a>"),
        "{page}"
    );
    assert!(page.contains("Newer post: <a rel=\"next\" href=\"/posts/newer/\">Newer</a>"));
    assert!(page.contains("<meta name=\"description\" content=\"How the engine computes.\">"));
    let oldest = site.output("posts/older/index.html");
    assert!(
        !oldest.contains("Older post:"),
        "the oldest has no older neighbour"
    );
}

#[test]
fn a_post_page_carries_a_blog_posting_and_everything_lives_under_the_sub_path() {
    let site = with_base_url(site_with(&[("engine-post", POST)]));
    site.build();
    let html = site.output("posts/engine-post/index.html");
    let ld = jsonld(&html);
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], "Engines that compute x²");
    assert_eq!(ld["datePublished"], "2024-06-12");
    assert_eq!(ld["dateModified"], "2024-07-01");
    assert_eq!(ld["url"], "https://ada.example.org/site/posts/engine-post/");
    assert_eq!(ld["author"][0]["name"], "Ada Lovelace");
    assert_eq!(ld["keywords"], "Engines, history");
    assert_eq!(
        ld["about"][0]["url"],
        "https://ada.example.org/site/papers/engine/"
    );
    assert!(html.contains("href=\"/site/papers/engine/\""), "{html}");
    assert!(html.contains("href=\"/site/posts/tags/engines/\""));
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/site/posts/atom.xml\""
    ));
    let sitemap = site.output("sitemap.xml");
    for loc in ["posts/", "posts/engine-post/", "posts/tags/history/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://ada.example.org/site/{loc}</loc>")),
            "{loc}: {sitemap}"
        );
    }
}

#[test]
fn the_posts_feed_is_atom_with_full_text() {
    let site = with_base_url(site_with(&[
        ("engine-post", POST),
        ("older", &post("Older", "2024-01-01", "")),
    ]));
    site.build();
    let xml = site.output("posts/atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2);
    let first = entries[0];
    let text = |name: &str| {
        first
            .children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        text("id"),
        "https://ada.example.org/site/posts/engine-post/"
    );
    assert_eq!(text("updated"), "2024-07-01T00:00:00Z");
    assert_eq!(text("title"), "Engines that compute x²");
    assert!(text("content").contains("<math"), "{xml}");
}

// A draft is never built by `folio build`: no page, not in the list, the
// feed, the sitemap or a tag page.
#[test]
fn folio_build_leaves_drafts_out() {
    let site = with_base_url(site_with(&[
        ("engine-post", POST),
        (
            "secret",
            &post(
                "Secret plans",
                "2025-01-01",
                "tags: [hidden]\ndraft: true\n",
            ),
        ),
    ]));
    site.build();
    assert!(!site.exists("posts/secret/index.html"));
    assert!(!site.exists("posts/tags/hidden/index.html"));
    for file in [
        "posts/index.html",
        "posts/atom.xml",
        "sitemap.xml",
        "authors/ada/index.html",
    ] {
        assert!(!site.output(file).contains("secret"), "{file}");
    }
    assert!(
        !site
            .output("posts/engine-post/index.html")
            .contains("Secret plans")
    );
}

// `folio serve` builds drafts, marked as drafts in the list and on the page.
#[test]
fn folio_serve_builds_drafts_with_a_visible_marker() {
    let site = site_with(&[
        ("engine-post", POST),
        (
            "secret",
            &post("Secret plans", "2025-01-01", "draft: true\n"),
        ),
    ]);
    let run = crate::watch::Running::start(&[
        "serve",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
        "--port",
        "0",
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    let page = site.output("posts/secret/index.html");
    assert!(page.contains("class=\"draft-marker draft-note\""), "{page}");
    assert!(page.contains("Draft: folio serve shows it; folio build leaves it out."));
    let list = site.output("posts/index.html");
    assert!(
        list.contains("<span class=\"tag draft-marker\">Draft</span>"),
        "{list}"
    );
    assert!(
        !site
            .output("posts/engine-post/index.html")
            .contains("draft-marker")
    );
}

// Without --output the preview, drafts included, goes to SITE/.folio/serve/
// (kept out of git), never to public/, which a deploy could pick up.
#[test]
fn folio_serve_previews_outside_public() {
    let site = site_with(&[(
        "secret",
        &post("Secret plans", "2025-01-01", "draft: true\n"),
    )]);
    let run =
        crate::watch::Running::start(&["serve", site.root().to_str().unwrap(), "--port", "0"]);
    run.wait_for_count("rebuilt after initial build", 1);
    let preview = site.root().join(".folio/serve");
    assert!(preview.join("posts/secret/index.html").is_file());
    assert!(!site.root().join("public").exists());
    let ignore = std::fs::read_to_string(site.root().join(".folio/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "serve/"), "{ignore}");
    assert!(run.line_with("serving").contains(".folio/serve"));
}

// The .gitignore that serve writes never goes through a link to a file
// outside the site, even a dangling one.
#[cfg(unix)]
#[test]
fn folio_serve_never_writes_its_gitignore_through_a_link() {
    let site = site_with(&[("p", &post("P", "2025-01-01", ""))]);
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::create_dir_all(site.root().join(".folio")).unwrap();
    std::os::unix::fs::symlink(&target, site.root().join(".folio/.gitignore")).unwrap();
    let run =
        crate::watch::Running::start(&["serve", site.root().to_str().unwrap(), "--port", "0"]);
    run.wait_for_count("rebuilt after initial build", 1);
    assert!(!target.exists(), "wrote through the link");
    assert!(site.root().join(".folio/serve/index.html").is_file());
}

#[test]
fn post_text_is_escaped_everywhere() {
    let hostile = "---\ntitle: \"<script>alert(1)</script> & co\"\ndate: 2024\ntags: [\"<b>t</b>\"]\nsummary: \"</script><img src=x onerror=alert(1)>\"\n---\n<img src=x onerror=alert(1)> [x](javascript:alert(1))\n";
    let site = with_base_url(site_with(&[("h", hostile)]));
    site.build();
    for page in [
        "posts/index.html",
        "posts/h/index.html",
        "posts/tags/b-t-b/index.html",
    ] {
        let html = site.output(page);
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        assert!(!html.contains("<b>t</b>"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(!html.contains("javascript:"), "{page}");
    }
    let ld = jsonld(&site.output("posts/h/index.html"));
    assert_eq!(ld["headline"], "<script>alert(1)</script> & co");
    assert!(roxmltree::Document::parse(&site.output("posts/atom.xml")).is_ok());
}

#[test]
fn reserved_post_and_page_slugs_are_errors() {
    let site = site_with(&[("page", &post("Page", "2024", ""))]);
    assert!(
        site.build_err()
            .contains("posts/page.md: error: post slug `page` is taken by the posts list")
    );
    let site = site_with(&[("p", &post("P", "2024", ""))])
        .file("pages/posts.md", "---\ntitle: My posts\n---\nHello\n");
    assert!(
        site.build_err()
            .contains("page slug `posts` is taken by a generated page")
    );
}

#[test]
fn the_classic_theme_renders_posts() {
    let site = site_with(&[("engine-post", POST)]);
    let site = site.file("site.yaml", &format!("{SITE_YAML}theme: classic\n"));
    site.build();
    assert!(
        site.output("posts/index.html")
            .contains("Engines that compute")
    );
    assert!(
        site.output("posts/engine-post/index.html")
            .contains("It was never built.")
    );
}

// Lab mode: a member's page lists the posts naming them, and no other; the
// owner of a personal site has every post on their page.
#[test]
fn author_pages_list_their_posts() {
    let lab = TestSite::empty();
    folio::cli::init::init(lab.root(), true).unwrap();
    let lab = lab.file(
        "posts/sam-post.md",
        &post("Sam writes", "2025-10", "authors: [sam-student]\n"),
    );
    lab.build();
    assert!(
        lab.output("authors/sam-student/index.html")
            .contains("href=\"/posts/sam-post/\"")
    );
    assert!(
        !lab.output("authors/pat-investigator/index.html")
            .contains("/posts/sam-post/")
    );
    let personal = site_with(&[("p", &post("Mine", "2024", ""))]);
    personal.build();
    assert!(
        personal
            .output("authors/ada/index.html")
            .contains("href=\"/posts/p/\"")
    );
}

// `folio new post` writes a draft that builds (and is left out until published).
#[test]
fn new_post_writes_a_draft_that_builds() {
    let site = TestSite::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["new", "post", "Notes: $P$ vs $NP$", "--site"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let path = site.root().join("posts/notes-p-vs-np.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.build();
    assert!(!site.exists("posts/notes-p-vs-np/index.html"), "a draft");
    std::fs::write(&path, text.replace("draft: true", "draft: false")).unwrap();
    site.build();
    assert!(
        site.output("posts/notes-p-vs-np/index.html")
            .contains("<math")
    );
}

// `folio watch` rebuilds on an edit in `posts/`, and its output is a full build.
#[test]
fn watch_rebuilds_on_a_post_edit() {
    let site = site_with(&[("engine-post", POST)]);
    let _run = crate::watch::watch_mode(&site, false);
    let site = site.file(
        "posts/engine-post.md",
        &POST.replace("Engines that compute", "Engines that weave"),
    );
    crate::watch::wait_until_fresh(&site, "post edit").unwrap();
    assert!(
        site.output("posts/engine-post/index.html")
            .contains("Engines that weave")
    );
    let site = site.file("posts/new.md", &post("Brand new", "2026-01-01", ""));
    crate::watch::wait_until_fresh(&site, "new post").unwrap();
    assert!(site.output("posts/index.html").contains("Brand new"));
}

// `[@slug]` in a post cites the site's papers: numbered links to their pages
// and a reference list at the end; an unknown slug is an error at its place.
#[test]
fn citations_in_a_post_link_papers_and_list_references() {
    let text = "---\ntitle: Cites\ndate: 2024\n---\nAs the engine shows [@engine], and\nothers [@engine; @notes].\n";
    let site = site_with(&[("c", text)]).paper("notes", "Notes on the Engine", "1843", "");
    site.build();
    let html = site.output("posts/c/index.html");
    assert!(
        html.contains("shows <span class=\"citation\">[<a href=\"/papers/engine/\" aria-describedby=\"ref-1\">1</a>]</span>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/papers/notes/\" aria-describedby=\"ref-2\">2</a>]"));
    assert!(
        html.contains("<h2 id=\"references-heading\">References</h2>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<li id=\"ref-1\">Lovelace, A., &amp; Babbage, C. (2024). <i>The Analytical Engine</i>."
        ),
        "{html}"
    );
    let bad = "---\ntitle: Cites\ndate: 2024\n---\nFine.\n\nSee [@engine; @engin].\n";
    let site = site_with(&[("c", bad)]);
    assert_eq!(
        single_error(site),
        "posts/c.md:7:15: error: citation: no paper has the slug `engin`\n  hint: did you mean `engine`?"
    );
}

// `citations: { style: author-year }`: `(Family et al., year)` links, one
// author or two by name, and the reference list sorted by the authors' family
// names, then year, not in the order of first citation; a project body cites
// the same way.
#[test]
fn author_year_citations_name_authors_and_sort_the_references() {
    let text =
        "---\ntitle: Cites\ndate: 2024\n---\nShown [@engine; @zeta], and [@notes] and [@early].\n";
    let site = site_with(&[("c", text)])
        .file(
            "site.yaml",
            &format!("{SITE_YAML}citations: {{ style: author-year }}\n"),
        )
        .file(
            "papers/notes.yaml",
            "title: Notes\ndate: 1843\nauthors: [Ada Lovelace, Charles Babbage, Luigi Menabrea]\n",
        )
        .file(
            "papers/zeta.yaml",
            "title: Zeta\ndate: 2020\nauthors: [Alan Turing]\n",
        )
        .file(
            "papers/early.yaml",
            "title: Early\ndate: 1840\nauthors: [{ family: Lovelace, given: Ada }]\n",
        )
        .file(
            "projects/p.md",
            "---\ntitle: P\nsummary: S\nstatus: active\n---\nBuilt on [@zeta].\n",
        );
    site.build();
    let html = site.output("posts/c/index.html");
    assert!(
        html.contains("Shown <span class=\"citation author-year\">(<a href=\"/papers/engine/\" aria-describedby=\"ref-1\">Lovelace and Babbage, 2024</a>; <a href=\"/papers/zeta/\" aria-describedby=\"ref-2\">Turing, 2020</a>)</span>"),
        "{html}"
    );
    assert!(
        html.contains(">Lovelace et al., 1843</a>)") && html.contains(">Lovelace, 1840</a>)"),
        "{html}"
    );
    let list = html.split("class=\"reference-list\"").nth(1).unwrap();
    // Lovelace alone, then Lovelace and Babbage, then with Menabrea (whatever
    // the year), then Turing.
    let order: Vec<usize> = ["Early", "The Analytical Engine", "Notes", "Zeta"]
        .iter()
        .map(|t| list.find(&format!("<i>{t}</i>")).unwrap_or(usize::MAX))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{list}");
    assert!(!html.contains("<ol class=\"reference-list\">"), "{html}");
    let project = site.output("projects/p/index.html");
    assert!(project.contains(">Turing, 2020</a>)</span>"), "{project}");
}

// An unknown citation style is an error at its value, naming the two styles.
#[test]
fn unknown_citation_style_is_an_error() {
    let site = site_with(&[]).file(
        "site.yaml",
        &format!("{SITE_YAML}citations: {{ style: harvard }}\n"),
    );
    let err = single_error(site);
    assert!(
        err.starts_with("site.yaml:") && err.contains("numbered") && err.contains("author-year"),
        "{err}"
    );
}

// Pages cite papers too, located in the page file.
#[test]
fn citations_in_a_page_are_checked_and_rendered() {
    let site = site_with(&[]).file(
        "pages/about.md",
        "---\ntitle: About\n---\nMy best paper [@engine].\n",
    );
    site.build();
    let html = site.output("about/index.html");
    assert!(
        html.contains("<a href=\"/papers/engine/\" aria-describedby=\"ref-1\">1</a>"),
        "{html}"
    );
    let site = site.file(
        "pages/about.md",
        "---\ntitle: About\n---\nMy best paper [@engien].\n",
    );
    assert_eq!(
        single_error(site),
        "pages/about.md:4:16: error: citation: no paper has the slug `engien`\n  hint: did you mean `engine`?"
    );
}

// A post with code, a table and footnotes: code highlighted at build time
// (classes the stylesheet colours, light and dark), a table with column
// headers, notes with links both ways.
#[test]
fn code_tables_and_footnotes_in_a_post() {
    let text = "---\ntitle: Bits\ndate: 2024\n---\nA claim.[^1]\n\n```python\ndef f(x):\n    return \"<x>\"  # done\n```\n\n| n | time |\n|--:|:--|\n| 10 | 1 s |\n\n[^1]: The proof.\n";
    let site = site_with(&[("bits", text)]);
    site.build();
    let html = site.output("posts/bits/index.html");
    assert!(
        html.contains("<code class=\"language-python\"><span class=\"hl-source hl-python\">"),
        "{html}"
    );
    assert!(
        html.contains("hl-comment") && html.contains("hl-string"),
        "{html}"
    );
    assert!(
        html.contains("&lt;x&gt;") && !html.contains("\"<x>\""),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"col\" class=\"align-right\">n</th>"),
        "{html}"
    );
    assert!(
        html.contains("role=\"region\" aria-label=\"Table\""),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a>"),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"Back to reference 1\">↩</a>"),
        "{html}"
    );
    let css = site.output("assets/style.css");
    assert!(
        css.contains(".hl-comment {\n  color: light-dark("),
        "colours for both schemes"
    );
}

// `home: [..., posts]` puts the five latest posts on the home page, where
// `home:` places them, in both themes; without it the home page has none.
#[test]
fn the_home_page_lists_the_latest_posts_where_home_says() {
    let many: Vec<(String, String)> = (1..=6)
        .map(|i| {
            let extra = format!("summary: Summary {i}.\n");
            (
                format!("p{i}"),
                post(&format!("Post {i}"), &format!("2024-01-0{i}"), &extra),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    for theme in ["default", "classic"] {
        let site = site_with(&refs).file(
            "site.yaml",
            &format!("{SITE_YAML}theme: {theme}\nhome: [posts, papers]\n"),
        );
        site.build();
        let home = site.output("index.html");
        let section = home.find("id=\"latest-posts-heading\"").expect(theme);
        assert!(
            section < home.find("The Analytical Engine").unwrap(),
            "{theme}: before the papers"
        );
        let (p6, p2) = (
            home.find("/posts/p6/").unwrap(),
            home.find("/posts/p2/").unwrap(),
        );
        assert!(p6 < p2, "{theme}: newest first");
        assert!(!home.contains("/posts/p1/"), "{theme}: five at most");
        assert!(home.contains("Summary 6."), "{theme}");
        assert!(
            home.contains("<a href=\"/posts/\">All posts</a>"),
            "{theme}"
        );
    }
    let site = site_with(&refs);
    site.build();
    assert!(!site.output("index.html").contains("latest-posts-heading"));
}

// Display maths sits in a focusable region named in the site's words, the
// one box that scrolls sideways when the formula is wider than a phone.
#[test]
fn display_maths_scrolls_in_a_focusable_named_region() {
    let site = site_with(&[(
        "m",
        "---\ntitle: M\ndate: 2024\n---\nSee $$\\sum_{i=1}^{n} x_i$$ here.\n",
    )]);
    site.build();
    let html = site.output("posts/m/index.html");
    assert!(
        html.contains("<span class=\"math-display\" tabindex=\"0\" role=\"region\" aria-label=\"Equation\"><math display=\"block\">"),
        "{html}"
    );
    let css = site.output("assets/style.css");
    assert!(
        css.contains(".math-display {\n  display: block;\n  max-width: 100%;\n  overflow-x: auto;")
    );
}
