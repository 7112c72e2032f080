//! The full example site (`examples/full/`): every content kind with realistic
//! data, built as a user would. Each kind's engineer adds its pages to `PAGES`
//! and its cross links below; `example.rs` keeps the reference profile.

use std::path::Path;

use crate::common::{TestSite, count, jsonld};

/// A copy of `examples/full/`, built once per test.
pub fn full() -> TestSite {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    site.build();
    site
}

/// One page of each type the site has, with the schema.org `@type` of its
/// JSON-LD (`None`: the page carries none).
const PAGES: &[(&str, Option<&str>)] = &[
    ("index.html", Some("WebSite")),
    ("publications/index.html", None),
    (
        "papers/variance-decomposition/index.html",
        Some("ScholarlyArticle"),
    ),
    ("papers/thesis/index.html", Some("Thesis")),
    ("authors/ines-varga/index.html", Some("Person")),
    ("topics/index.html", None),
    ("topics/sc/index.html", None),
    ("news/index.html", None),
    ("about/index.html", None),
    ("talks/index.html", None),
    ("talks/variance-keynote/index.html", Some("Event")),
    ("teaching/index.html", None),
    ("teaching/statistical-genomics/index.html", Some("Course")),
    ("projects/index.html", None),
    (
        "projects/regulatory-variance/index.html",
        Some("ResearchProject"),
    ),
    (
        "projects/integration-limits/index.html",
        Some("ResearchProject"),
    ),
    ("software/index.html", None),
    ("software/vardecomp/index.html", Some("SoftwareSourceCode")),
    ("software/chromprior/index.html", Some("SoftwareSourceCode")),
    ("posts/index.html", None),
    ("posts/tags/statistics/index.html", None),
    ("posts/page/2/index.html", None),
    (
        "posts/three-papers-one-question/index.html",
        Some("BlogPosting"),
    ),
    ("404.html", None),
];

// Every page type of the full site is written, with the JSON-LD type it should
// carry (parsed, not searched for).
#[test]
fn full_site_builds_every_page_type_with_its_json_ld() {
    let site = full();
    for (page, ty) in PAGES {
        let html = site.output(page);
        match ty {
            Some(ty) => assert_eq!(jsonld(&html)["@type"], *ty, "{page}"),
            None => assert!(!html.contains("application/ld+json"), "{page}"),
        }
    }
}

// The full site holds what issue 15 asks of it: ten papers and six talks,
// each with its own page.
#[test]
fn full_site_has_ten_papers_and_six_talks() {
    let site = full();
    let dirs = |rel: &str| std::fs::read_dir(site.out.join(rel)).unwrap().count();
    assert_eq!(dirs("papers"), 10);
    // Six talk pages plus the list itself.
    assert_eq!(dirs("talks"), 7);
    let talks = site.output("talks/index.html");
    for year in ["2027", "2026", "2025", "2024"] {
        assert!(talks.contains(&format!("id=\"talks-{year}\"")), "{year}");
    }
}

// A talk links the papers it presents, and each paper lists its talks.
#[test]
fn full_site_links_papers_and_talks_both_ways() {
    let site = full();
    let keynote = site.output("talks/variance-keynote/index.html");
    assert!(keynote.contains("href=\"/papers/variance-decomposition/\""));
    assert!(keynote.contains("href=\"/papers/hierarchical-dropout/\""));
    let paper = site.output("papers/variance-decomposition/index.html");
    assert!(paper.contains("href=\"/talks/variance-keynote/\""));
    assert!(paper.contains("href=\"/talks/batch-bounds-invited/\""));
    let event = jsonld(&keynote);
    assert_eq!(event["location"]["@type"], "Place");
    assert_eq!(event["performer"][0]["name"], "Ines Varga");
}

// With an absolute base_url the site has its feeds and a sitemap naming every
// talk.
#[test]
fn full_site_writes_feeds_and_a_sitemap() {
    let site = full();
    let feed = site.output("feed.xml");
    assert_eq!(count(&feed, "<entry>"), 10);
    assert_eq!(count(&site.output("news.xml"), "<entry>"), 5);
    let sitemap = site.output("sitemap.xml");
    for page in [
        "talks/",
        "talks/variance-keynote/",
        "papers/thesis/",
        "about/",
    ] {
        let loc = format!("<loc>https://ines-varga.example.org/{page}</loc>");
        assert!(sitemap.contains(&loc), "{loc}");
    }
}

// The full site's home page shows its next talk first and its recent talks
// after the papers, as its `home:` says.
#[test]
fn full_site_home_shows_upcoming_and_recent_talks() {
    let site = full();
    let home = site.output("index.html");
    let upcoming = home.find("id=\"upcoming-talks-heading\"").unwrap();
    let recent = home.find("id=\"recent-talks-heading\"").unwrap();
    assert!(upcoming < home.find("id=\"news-heading\"").unwrap());
    assert!(home[upcoming..recent].contains("href=\"/talks/batch-bounds-invited/\""));
    assert!(home[recent..].contains("href=\"/talks/design-tutorial/\""));
}

// Three courses over several terms, each taught term listed; four projects,
// each with its picture in the output, linked both ways with papers and talks.
#[test]
fn full_site_has_three_courses_and_four_projects_with_pictures() {
    let site = full();
    let dirs = |rel: &str| std::fs::read_dir(site.out.join(rel)).unwrap().count();
    // Three course pages plus the list itself; four projects likewise.
    assert_eq!(dirs("teaching"), 4);
    assert_eq!(dirs("projects"), 5);
    let teaching = site.output("teaching/index.html");
    assert_eq!(count(&teaching, "class=\"course-item\""), 3);
    for term in ["Fall 2023", "Fall 2025", "Spring 2026", "Jul 8, 2024"] {
        assert!(teaching.contains(term), "{term}");
    }
    let course = jsonld(&site.output("teaching/statistical-genomics/index.html"));
    assert_eq!(course["hasCourseInstance"].as_array().unwrap().len(), 3);
    assert_eq!(course["provider"]["name"], "University of Northfield");
    let projects = site.output("projects/index.html");
    assert_eq!(count(&projects, "class=\"project-image\""), 4);
    for png in [
        "regulatory-variance",
        "integration-limits",
        "perturbation-design",
        "chromatin-priors",
    ] {
        // Resized (tests/integration/images.rs): copies under _img/.
        let rel = format!("_img/{png}-640.");
        assert!(projects.contains(&format!("src=\"/{rel}")), "{png}");
    }
    // project ↔ paper ↔ talk
    let project = site.output("projects/regulatory-variance/index.html");
    assert!(project.contains("href=\"/papers/variance-decomposition/\""));
    assert!(project.contains("href=\"/talks/variance-keynote/\""));
    assert!(
        site.output("papers/variance-decomposition/index.html")
            .contains("href=\"/projects/regulatory-variance/\"")
    );
    assert!(
        site.output("talks/variance-keynote/index.html")
            .contains("href=\"/projects/regulatory-variance/\"")
    );
    // The Markdown project's body, and the home page's current projects.
    assert!(
        site.output("projects/integration-limits/index.html")
            .contains("<em>cannot</em>")
    );
    let home = site.output("index.html");
    assert!(home.contains("href=\"/projects/perturbation-design/\""));
    assert!(
        !home.contains("href=\"/projects/chromatin-priors/\""),
        "completed"
    );
    let sitemap = site.output("sitemap.xml");
    for page in [
        "teaching/statistical-genomics/",
        "projects/chromatin-priors/",
    ] {
        let loc = format!("<loc>https://ines-varga.example.org/{page}</loc>");
        assert!(sitemap.contains(&loc), "{loc}");
    }
}

// Five posts: one with maths, one with code, one with a table, one citing the
// site's papers, one draft. `folio build` writes four; the draft only when
// drafts are asked for (`folio serve`), marked as a draft.
#[test]
fn full_site_posts_show_maths_code_tables_citations_and_keep_the_draft_out() {
    let site = full();
    let maths = site.output("posts/negative-binomial-by-hand/index.html");
    assert!(maths.contains("<math display=\"block\">"), "maths");
    let code = site.output("posts/fitting-dispersion-in-python/index.html");
    assert!(code.contains("<code class=\"language-python\"><span class=\"hl-source hl-python\">"));
    assert!(code.contains("<code class=\"language-bash\">"));
    let table = site.output("posts/benchmark-numbers-in-one-table/index.html");
    assert!(table.contains("<th scope=\"col\" class=\"align-right\">Runtime</th>"));
    assert!(table.contains("role=\"doc-noteref\""), "a footnote");
    let cites = site.output("posts/three-papers-one-question/index.html");
    assert!(
        cites.contains(
            "<a href=\"/papers/variance-decomposition/\" aria-describedby=\"ref-1\">1</a>"
        )
    );
    assert_eq!(count(&cites, "<li id=\"ref-"), 5, "five papers cited");
    assert!(!site.exists("posts/lab-retreat-notes/index.html"));
    assert!(
        !site
            .output("posts/index.html")
            .contains("lab-retreat-notes")
    );
    assert_eq!(count(&site.output("posts/atom.xml"), "<entry>"), 4);
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://ines-varga.example.org/posts/three-papers-one-question/</loc>")
    );
    assert!(!sitemap.contains("lab-retreat-notes"));
    // The preview builds the draft, marked.
    folio::build(&folio::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.out.clone()),
        overrides: folio::resolve::Overrides {
            drafts: true,
            ..Default::default()
        },
    })
    .unwrap();
    let draft = site.output("posts/lab-retreat-notes/index.html");
    assert!(draft.contains("class=\"draft-marker draft-note\""));
    // The owner's page lists her posts; a co-author's page lists theirs.
    assert!(
        site.output("authors/tomas-reyes/index.html")
            .contains("/posts/fitting-dispersion-in-python/")
    );
}

// `folio check` of the full site reports nothing: every cross reference
// resolves and every linked file (the talk's slides included) is in static/.
#[test]
fn full_site_passes_folio_check_clean() {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    let report = folio::cli::check::check(site.root()).unwrap();
    let lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

// The posts list has two pages (`posts_per_page: 3`, four posts): the second
// holds the oldest post, and the newer/older links lead to each other under a
// sub-path base_url, in both themes.
#[test]
fn full_site_posts_paginate_with_links_under_a_sub_path() {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    for theme in ["default", "classic"] {
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        let yaml = yaml.replace("theme: default\n", &format!("theme: {theme}\n"));
        std::fs::write(site.root().join("site.yaml"), yaml).unwrap();
        site.try_build_with(Some("https://someone.github.io/full/"))
            .unwrap_or_else(|e| panic!("{e}"));
        let first = site.output("posts/index.html");
        let second = site.output("posts/page/2/index.html");
        assert!(
            first.contains("<a rel=\"next\" href=\"/full/posts/page/2/\">")
                && !first.contains("rel=\"prev\""),
            "{theme}: {first}"
        );
        assert!(
            second.contains("<a rel=\"prev\" href=\"/full/posts/\">")
                && !second.contains("rel=\"next\""),
            "{theme}: {second}"
        );
        let oldest = "href=\"/full/posts/negative-binomial-by-hand/\"";
        assert!(
            second.contains(oldest) && !first.contains(oldest),
            "{theme}"
        );
        assert_eq!(count(&first, "class=\"post-item"), 3, "{theme}");
        assert!(!site.exists("posts/page/3/index.html"));
    }
}
