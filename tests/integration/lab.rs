//! Lab sites: the fixture in tests/fixtures/lab (14 members, 60 shared papers),
//! checked against facts computed here from its files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{TestSite, count};

#[derive(serde::Deserialize)]
struct Member {
    name: String,
    #[serde(default)]
    name_variants: Vec<String>,
}

#[derive(serde::Deserialize)]
struct PaperFacts {
    authors: Vec<String>,
    citations: u64,
}

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lab"))
}

fn read<T: serde::de::DeserializeOwned>(dir: &str) -> BTreeMap<String, T> {
    std::fs::read_dir(fixture().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (
                stem,
                serde_saphyr::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect()
}

/// For each member id, the slugs of the papers that name them (by id, name or variant).
fn expected_papers() -> BTreeMap<String, BTreeSet<String>> {
    let members: BTreeMap<String, Member> = read("authors");
    let papers: BTreeMap<String, PaperFacts> = read("papers");
    members
        .iter()
        .map(|(id, m)| {
            let names: Vec<&str> = std::iter::once(id.as_str())
                .chain(std::iter::once(m.name.as_str()))
                .chain(m.name_variants.iter().map(String::as_str))
                .collect();
            let theirs = papers
                .iter()
                .filter(|(_, p)| p.authors.iter().any(|a| names.contains(&a.as_str())))
                .map(|(slug, _)| slug.clone())
                .collect();
            (id.clone(), theirs)
        })
        .collect()
}

/// The paper slugs listed in a page's paper list.
fn listed(html: &str) -> BTreeSet<String> {
    html.split("<li class=\"paper\"")
        .skip(1)
        .map(|item| {
            let start = item.find("href=\"/papers/").unwrap() + 14;
            item[start..start + item[start..].find('/').unwrap()].to_string()
        })
        .collect()
}

fn built() -> TestSite {
    let site = TestSite::copy_of(fixture());
    site.build();
    site
}

// Each member's page lists exactly the papers that name them, however written.
#[test]
fn member_pages_list_exactly_their_papers() {
    let site = built();
    let expected = expected_papers();
    assert_eq!(expected.len(), 14);
    for (id, papers) in &expected {
        let page = site.output(&format!("authors/{id}/index.html"));
        assert_eq!(&listed(&page), papers, "papers of {id}");
    }
    assert!(
        expected.values().map(BTreeSet::len).sum::<usize>() > 60,
        "papers are shared between members"
    );
}

// The people page groups members by role; alumni come from past end dates.
#[test]
fn people_page_groups_roles_and_derives_alumni() {
    let site = built();
    let people = site.output("people/index.html");
    let section = |role: &str| {
        let start = people
            .find(&format!("id=\"role-{role}\""))
            .unwrap_or_else(|| panic!("no {role} group"));
        let end = people[start..].find("</section>").unwrap() + start;
        people[start..end].to_string()
    };
    let alumni = section("alumni");
    for name in ["David Kim", "Eva Novak", "Raj Patel"] {
        assert!(alumni.contains(name), "{name} is an alumnus");
    }
    assert!(alumni.contains("Now: Assistant Professor, University of Toronto"));
    assert!(
        alumni.contains("PhD Student · 2016–2021"),
        "former role and years"
    );
    assert!(
        section("phd").contains("Kenji Sato"),
        "an end date in the future is not alumni"
    );
    assert!(section("visitor").contains("Ines Costa"));
    assert!(section("pi").contains("Mei Chen"));
    assert_eq!(count(&people, "class=\"person\""), 14);
}

// Lab metrics count each paper once, however many members wrote it.
#[test]
fn lab_metrics_do_not_double_count() {
    let site = built();
    let papers: BTreeMap<String, PaperFacts> = read("papers");
    let citations: u64 = papers.values().map(|p| p.citations).sum();
    let home = site.output("index.html");
    assert!(
        home.contains(
            "<span class=\"metric-value\">60</span> <span class=\"metric-label\">papers</span>"
        ),
        "{home}"
    );
    let total = folio::i18n::Locale::english().number(citations);
    assert!(home.contains(&format!(
        "<span class=\"metric-value\">{total}</span> <span class=\"metric-label\">citations</span>"
    )));
}

// Every member is highlighted in every list entry, never hidden by "et al.".
#[test]
fn every_member_is_highlighted_and_never_hidden() {
    let site = built();
    let members: BTreeMap<String, Member> = read("authors");
    let papers: BTreeMap<String, PaperFacts> = read("papers");
    let list = site.output("publications/index.html");
    for item in list.split("<li class=\"paper\"").skip(1) {
        let slug = {
            let start = item.find("href=\"/papers/").unwrap() + 14;
            &item[start..start + item[start..].find('/').unwrap()]
        };
        let authors_line = &item[item.find("<p class=\"authors\">").unwrap()..];
        let authors_line = &authors_line[..authors_line.find("</p>").unwrap()];
        for author in &papers[slug].authors {
            let member = members.iter().find(|(id, m)| {
                id == &author || &m.name == author || m.name_variants.contains(author)
            });
            if let Some((id, _)) = member {
                assert!(
                    authors_line
                        .contains(&format!("<strong class=\"me\"><a href=\"/authors/{id}/\">")),
                    "{slug}: {id} not highlighted in {authors_line}"
                );
            }
        }
    }
}

// News: the five latest on the home page, all on the archive page, and a valid feed.
#[test]
fn news_on_home_archive_and_feed() {
    let site = TestSite::copy_of(fixture());
    site.try_build_with(Some("https://chenlab.example.org/"))
        .unwrap();
    let home = site.output("index.html");
    assert!(home.contains("Lab news number 7") && home.contains("Lab news number 3"));
    assert!(!home.contains("Lab news number 2"), "only the five latest");
    let archive = site.output("news/index.html");
    assert_eq!(count(&archive, "class=\"news-item\""), 7);
    let feed = site.output("news.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        7
    );
}

// A profile link to a file of the site (`cv: /files/cv.pdf`) carries the
// project site's sub-path, as every other site link written in YAML does.
#[test]
fn profile_links_to_site_files_carry_the_base_path() {
    let author = format!(
        "{}links:\n  cv: /files/cv.pdf\n",
        crate::common::AUTHOR_YAML
    );
    let site = TestSite::new()
        .file("authors/ada.yaml", &author)
        .file("static/files/cv.pdf", "%PDF");
    site.try_build_with(Some("https://someone.github.io/homepage/"))
        .unwrap();
    let html = site.output("authors/ada/index.html");
    assert!(html.contains("href=\"/homepage/files/cv.pdf\""), "{html}");
    assert!(!html.contains("href=\"/files/cv.pdf\""), "{html}");
}
