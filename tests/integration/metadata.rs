//! Scholarly metadata, checked by parsing it: Google Scholar tags, JSON-LD, the
//! Atom feed, the sitemap and the bibliography.

use crate::common::{SITE_YAML, TestSite, jsonld};

const BASE: &str = "https://ada.github.io/site/";
const HOSTILE: &str = "A </script><script>alert(1)</script> & \\\"quoted\\\" $x<y$ ]]>";

fn site() -> TestSite {
    TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}base_url: {BASE}\n"))
        .file("authors/ada.yaml", "name: Ada Lovelace\nlinks:\n  orcid: 0000-0002-1825-0097\n  github: ada\n  email: ada@example.org\n")
        .file(
            "papers/engine.yaml",
            "title: Notes on the Analytical Engine\ndate: 2023-10-05\nauthors: [Ada Lovelace, Charles Babbage, L. F. Menabrea]\nvenue: Scientific Memoirs\nkind: conference\nlinks:\n  pdf: /files/engine.pdf\n  doi: 10.1000/xyz123\n  arxiv: 2301.00001\nabstract: The engine weaves *algebraic* patterns.\n",
        )
        .file("papers/hostile.yaml", &format!("title: \"{HOSTILE}\"\ndate: 2024-01\nauthors: [\"Eve <b>\"]\nabstract: \"{HOSTILE}\"\n"))
        .file("static/files/engine.pdf", "%PDF-1.4")
}

/// Unescapes the few entities tera's HTML escaping produces.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `<meta name=... content=...>` pairs of a page, in order.
fn metas(html: &str) -> Vec<(String, String)> {
    html.split("<meta ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                let end = start + tag[start..].find('"')?;
                Some(unescape(&tag[start..end]))
            };
            Some((attr("name").or_else(|| attr("property"))?, attr("content")?))
        })
        .collect()
}

// Google Scholar's Highwire tags: one author per tag, in order, dates with slashes.
#[test]
fn paper_pages_carry_google_scholar_tags() {
    let site = site();
    site.build();
    let html = site.output("papers/engine/index.html");
    let citation: Vec<(String, String)> = metas(&html)
        .into_iter()
        .filter(|(n, _)| n.starts_with("citation_"))
        .collect();
    let expect = [
        ("citation_title", "Notes on the Analytical Engine"),
        ("citation_author", "Ada Lovelace"),
        ("citation_author", "Charles Babbage"),
        ("citation_author", "L. F. Menabrea"),
        ("citation_publication_date", "2023/10/05"),
        ("citation_conference_title", "Scientific Memoirs"),
        (
            "citation_pdf_url",
            "https://ada.github.io/site/files/engine.pdf",
        ),
        ("citation_doi", "10.1000/xyz123"),
        ("citation_arxiv_id", "2301.00001"),
        (
            "citation_abstract_html_url",
            "https://ada.github.io/site/papers/engine/",
        ),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(citation, expect);
    let og: Vec<(String, String)> = metas(&html)
        .into_iter()
        .filter(|(n, _)| n.starts_with("og:"))
        .collect();
    assert!(og.contains(&("og:type".into(), "article".into())));
    assert!(og.contains(&(
        "og:url".into(),
        "https://ada.github.io/site/papers/engine/".into()
    )));
}

// JSON-LD parses, carries the facts, and stays inert for a hostile title.
#[test]
fn json_ld_is_valid_and_inert() {
    let site = site();
    site.build();
    let paper = jsonld(&site.output("papers/engine/index.html"));
    assert_eq!(paper["@type"], "ScholarlyArticle");
    assert_eq!(paper["author"][1]["name"], "Charles Babbage");
    assert_eq!(paper["datePublished"], "2023-10-05");
    assert_eq!(paper["sameAs"][0], "https://doi.org/10.1000/xyz123");
    let hostile_html = site.output("papers/hostile/index.html");
    let hostile = jsonld(&hostile_html);
    let expected_title = HOSTILE.replace("\\\"", "\"");
    assert_eq!(hostile["headline"], expected_title.replace('$', ""));
    assert_eq!(
        hostile_html.matches("</script>").count(),
        hostile_html.matches("<script").count()
    );
    let person = jsonld(&site.output("authors/ada/index.html"));
    assert_eq!(person["@type"], "Person");
    assert_eq!(
        person["sameAs"],
        serde_json::json!([
            "https://orcid.org/0000-0002-1825-0097",
            "https://github.com/ada"
        ])
    );
    let home = jsonld(&site.output("index.html"));
    assert_eq!(home["@type"], "WebSite");
    assert_eq!(home["url"], BASE);
}

// The Atom feed and the sitemap are well-formed XML, newest paper first.
#[test]
fn feed_and_sitemap_parse_as_xml() {
    let site = site();
    site.build();
    let feed_text = site.output("feed.xml");
    let feed = roxmltree::Document::parse(&feed_text).expect("feed is XML");
    let titles: Vec<String> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        titles,
        [
            HOSTILE.replace("\\\"", "\"").replace('$', ""),
            "Notes on the Analytical Engine".to_string()
        ]
    );
    let map_text = site.output("sitemap.xml");
    let map = roxmltree::Document::parse(&map_text).expect("sitemap is XML");
    let locs: Vec<&str> = map
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://ada.github.io/site/papers/engine/"));
    assert!(locs.contains(&"https://ada.github.io/site/"));
    assert!(locs.iter().all(|l| l.starts_with(BASE)));
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://ada.github.io/site/sitemap.xml\n"
    );
}

// papers.bib holds every paper once, with unique keys.
#[test]
fn bibliography_has_every_paper_with_unique_keys() {
    let site = site().paper("twin1", "Engine Notes", "2023", "").paper(
        "twin2",
        "Engine Notes",
        "2023",
        "",
    );
    site.build();
    let bib = site.output("papers.bib");
    let keys: Vec<&str> = bib
        .lines()
        .filter(|l| l.starts_with('@'))
        .map(|l| l.split('{').nth(1).unwrap().trim_end_matches(','))
        .collect();
    assert_eq!(keys.len(), 4);
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4, "{keys:?}");
    assert!(
        keys.contains(&"lovelace2023engine") && keys.contains(&"lovelace2023engineb"),
        "{keys:?}"
    );
}

// Without an absolute base URL there is no sitemap or feed (they need absolute URLs).
#[test]
fn relative_sites_have_no_sitemap_or_feed() {
    let site = TestSite::new().paper("a", "A", "2020", "");
    site.build();
    assert!(!site.exists("sitemap.xml") && !site.exists("feed.xml"));
    assert_eq!(site.output("robots.txt"), "User-agent: *\nAllow: /\n");
}

fn reference_in(html: &str) -> String {
    let start = html.find("<p class=\"reference\">").unwrap();
    let p = &html[start..];
    let p = &p[p.find("</span> ").unwrap() + 8..];
    p[..p.find("</p>").unwrap()].to_string()
}

// The formatted reference in each supported style, against known-good text.
#[test]
fn formatted_references_in_apa_ieee_and_acm() {
    let expected = [
        (
            "apa",
            "Lovelace, A., Babbage, C., &amp; Menabrea, L. F. (2023). Notes on the Analytical Engine. <i>Scientific Memoirs</i>. <a href=\"https://doi.org/10.1000/xyz123\">https://doi.org/10.1000/xyz123</a>",
        ),
        (
            "ieee",
            "A. Lovelace, C. Babbage, and L. F. Menabrea, “Notes on the Analytical Engine,” in <i>Scientific Memoirs</i>, Oct. 2023, doi: <a href=\"https://doi.org/10.1000/xyz123\">10.1000/xyz123</a>.",
        ),
        (
            "acm",
            "Ada Lovelace, Charles Babbage, and L. F. Menabrea. 2023. Notes on the Analytical Engine. In <i>Scientific Memoirs</i>. <a href=\"https://doi.org/10.1000/xyz123\">https://doi.org/10.1000/xyz123</a>",
        ),
    ];
    for (style, text) in expected {
        let site = site().file(
            "site.yaml",
            &format!("{SITE_YAML}base_url: {BASE}\ncitation_style: {style}\n"),
        );
        site.build();
        assert_eq!(
            reference_in(&site.output("papers/engine/index.html")),
            text,
            "{style}"
        );
    }
}

// The BibTeX entry made from the fields, against known-good text.
#[test]
fn bibtex_entry_from_fields() {
    let site = site();
    site.build();
    let html = site.output("papers/engine/index.html");
    let start = html.find("<code>").unwrap() + 6;
    let bib = unescape(&html[start..start + html[start..].find("</code>").unwrap()]);
    assert_eq!(
        bib,
        "@inproceedings{lovelace2023notes,\n  title = {{Notes on the Analytical Engine}},\n  author = {Lovelace, Ada and Babbage, Charles and Menabrea, L. F.},\n  year = 2023,\n  month = oct,\n  booktitle = {Scientific Memoirs},\n  doi = {10.1000/xyz123},\n  eprint = {2301.00001},\n  archiveprefix = {arXiv},\n  url = {https://ada.github.io/site/papers/engine/},\n}"
    );
}
