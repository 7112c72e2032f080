//! The site-wide search index (`search.json`): one row per page worth
//! finding, of every kind, with site paths that honour a sub-path base_url.

use std::path::Path;

use crate::common::TestSite;

fn full() -> TestSite {
    TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"))
}

/// The index's rows as `(kind label, url, title, words)`.
fn rows(site: &TestSite) -> Vec<(String, String, String, String)> {
    let index: serde_json::Value = serde_json::from_str(&site.output("search.json")).unwrap();
    let kinds = index["kinds"].as_array().unwrap();
    index["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let k = row[0].as_u64().unwrap() as usize;
            let s = |i: usize| row[i].as_str().unwrap().to_string();
            (kinds[k].as_str().unwrap().to_string(), s(1), s(2), s(3))
        })
        .collect()
}

// Every paper, talk and page of the full site is in the index once, with its
// kind, address, plain title and the words it is found by.
#[test]
fn search_index_lists_every_page_of_every_kind() {
    let site = full();
    site.build();
    let rows = rows(&site);
    let count = |kind: &str| rows.iter().filter(|r| r.0 == kind).count();
    assert_eq!(count("Paper"), 10);
    assert_eq!(count("Talk"), 6);
    assert_eq!(count("Item"), 3);
    assert_eq!(count("Page"), 1);
    assert_eq!(count("Person"), 4);
    let paper = rows
        .iter()
        .find(|r| r.1 == "/papers/chromatin-priors/")
        .unwrap();
    assert_eq!(paper.0, "Paper");
    assert_eq!(
        paper.2,
        "Chromatin Accessibility as a Prior for Gene Regulatory Network Inference"
    );
    for word in ["Tomás Reyes", "2025", "CSG 2025", "Genomics"] {
        assert!(paper.3.contains(word), "{word} in {}", paper.3);
    }
    let talk = rows
        .iter()
        .find(|r| r.1 == "/talks/variance-keynote/")
        .unwrap();
    assert!(talk.3.contains("Northern Symposium") && talk.3.contains("Tromsø"));
    assert!(
        rows.iter()
            .any(|r| r.1 == "/software/vardecomp/" && r.3.contains("single-cell"))
    );
    assert!(rows.iter().any(|r| r.1 == "/about/" && r.2 == "About"));
    // Every row is a page the build wrote.
    for r in &rows {
        assert!(site.exists(&format!("{}index.html", &r.1[1..])), "{}", r.1);
    }
}

// Under a project site's sub-path every address carries it, and the panel
// fetches the index from there.
#[test]
fn search_index_addresses_honour_the_base_path() {
    let site = full();
    site.try_build_with(Some("https://someone.github.io/full/"))
        .unwrap();
    assert!(rows(&site).iter().all(|r| r.1.starts_with("/full/")));
    let home = site.output("index.html");
    assert!(home.contains("data-index=\"/full/search.json\""), "{home}");
    // The control is hidden until the script reveals it.
    assert!(home.contains("<button type=\"button\" class=\"search-toggle\" hidden"));
}

// Titles are plain text (maths as its TeX source), never HTML.
#[test]
fn search_index_titles_are_plain_text() {
    let site = TestSite::new().paper("sq", "Squares $x^2$ and <b>bold</b>", "2024", "");
    site.build();
    let rows = rows(&site);
    let paper = rows.iter().find(|r| r.1 == "/papers/sq/").unwrap();
    assert!(!paper.2.contains("<math"), "{}", paper.2);
    assert!(paper.2.starts_with("Squares "), "{}", paper.2);
}
