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
