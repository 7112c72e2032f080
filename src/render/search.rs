//! The site-wide search index, `search.json`: one compact row per page worth
//! finding (papers, talks, posts, projects, courses, collection items, pages,
//! authors), built at build time and fetched by `assets/folio.js` only when a
//! reader opens the search. Each kind adds its rows with one function in
//! `KINDS`.
//!
//! Format: `{"kinds": [label, ...], "items": [[kind, url, title, text], ...]}`:
//! `kind` indexes `kinds` (labels in the site's language), `url` is the
//! page's site path (with the base path), `title` plain text, `text` the
//! other words it is found by (authors, venue, year, topics, event, tags).
//! Abstracts and bodies are left out to keep the index small: about 250 bytes
//! a paper (243 KB, 57 KB gzipped, for the 1000-paper bench site, whose
//! publications page alone is 2.2 MB).

use serde::Serialize;

use super::context::{author_dir, paper_dir};
use super::shared::{Content, Output};
use crate::markdown::plain_inline;
use crate::model::Site;

/// One searchable page: kind label key, site path, title, words.
struct Row {
    kind: &'static str,
    path: String,
    title: String,
    text: String,
}

/// The kinds of page the index holds, in the order results of equal rank
/// are shown; a new kind adds its function here.
/// The rows of one kind.
type Rows = fn(&Site) -> Vec<Row>;

const KINDS: [(&str, Rows); 8] = [
    ("search_kind_paper", papers),
    ("search_kind_talk", talks),
    ("search_kind_post", posts),
    ("search_kind_project", projects),
    ("search_kind_course", courses),
    ("search_kind_item", collection_items),
    ("search_kind_page", pages),
    ("search_kind_person", people),
];

#[derive(Serialize)]
struct Index<'a> {
    kinds: Vec<&'a str>,
    items: Vec<(usize, String, String, String)>,
}

/// `search.json` for the site.
pub(super) fn index(site: &Site) -> Output {
    let locale = &site.config.locale;
    let kinds: Vec<&str> = KINDS.iter().map(|(key, _)| locale.text(key)).collect();
    let mut items = Vec::new();
    for (k, (_, rows)) in KINDS.iter().enumerate() {
        for r in rows(site) {
            debug_assert!(KINDS[k].0 == r.kind);
            let url = site.config.url_for(&r.path);
            items.push((k, url, r.title, r.text));
        }
    }
    let json = serde_json::to_string(&Index { kinds, items }).unwrap_or_else(|_| "{}".into());
    Output {
        path: PATH.into(),
        content: Content::Bytes(json.into_bytes()),
    }
}

/// Where the index is written.
pub(super) const PATH: &str = "search.json";

/// The words of `parts`, joined by single spaces (whitespace inside a part
/// is squeezed too; empty parts add nothing).
fn squeeze(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for word in parts.iter().flat_map(|p| p.split_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn row(kind: &'static str, path: String, title: &str, words: &[&str]) -> Row {
    Row {
        kind,
        path,
        title: plain_inline(title),
        text: squeeze(words),
    }
}

fn papers(site: &Site) -> Vec<Row> {
    site.papers
        .iter()
        .map(|p| {
            let year = p.date.year.to_string();
            let topics = &site.config.topics;
            let words: Vec<&str> = (p.authors.iter().map(|a| a.name.as_str()))
                .chain([year.as_str()])
                .chain(p.venue.as_deref())
                .chain(
                    p.topics
                        .iter()
                        .map(|k| topics.get(k).map_or(k.as_str(), |t| t.name.as_str())),
                )
                .collect();
            row("search_kind_paper", paper_dir(p), &p.title, &words)
        })
        .collect()
}

fn talks(site: &Site) -> Vec<Row> {
    site.talks
        .iter()
        .map(|t| {
            let year = t.date.year.to_string();
            let place = t.location.as_ref().map(|l| l.display()).unwrap_or_default();
            let words = [t.event.as_deref().unwrap_or(""), &year, &place];
            row(
                "search_kind_talk",
                super::talks::talk_dir(t),
                &t.title,
                &words,
            )
        })
        .collect()
}

fn posts(site: &Site) -> Vec<Row> {
    site.posts
        .iter()
        .filter(|p| !p.draft)
        .map(|p| {
            let mut words: Vec<&str> = p.tags.iter().map(String::as_str).collect();
            words.push(&p.summary);
            row(
                "search_kind_post",
                super::posts::post_dir(p),
                &p.title,
                &words,
            )
        })
        .collect()
}

fn projects(site: &Site) -> Vec<Row> {
    site.projects
        .iter()
        .map(|p| {
            let mut words: Vec<&str> = p.tags.iter().map(String::as_str).collect();
            words.push(&p.summary);
            row(
                "search_kind_project",
                super::projects::project_dir(p),
                &p.title,
                &words,
            )
        })
        .collect()
}

fn courses(site: &Site) -> Vec<Row> {
    site.courses
        .iter()
        .map(|c| {
            let words = [c.code.as_deref().unwrap_or("")];
            row(
                "search_kind_course",
                super::teaching::course_dir(c),
                &c.title,
                &words,
            )
        })
        .collect()
}

fn collection_items(site: &Site) -> Vec<Row> {
    let mut rows = Vec::new();
    for c in site.collections.iter().filter(|c| c.item_pages) {
        for i in &c.items {
            let mut words: Vec<&str> = i.tags.iter().map(String::as_str).collect();
            words.push(&c.title);
            let path = super::collection::item_dir(c, i);
            rows.push(row("search_kind_item", path, &i.title, &words));
        }
    }
    rows
}

fn pages(site: &Site) -> Vec<Row> {
    site.pages
        .iter()
        .map(|p| {
            let words = [p.description.as_deref().unwrap_or("")];
            row("search_kind_page", format!("{}/", p.slug), &p.title, &words)
        })
        .collect()
}

fn people(site: &Site) -> Vec<Row> {
    site.authors
        .values()
        .map(|a| {
            let words = [a.position.as_deref().unwrap_or("")];
            Row {
                kind: "search_kind_person",
                path: author_dir(&a.id),
                // A name is plain text, never Markdown.
                title: a.name.clone(),
                text: squeeze(&words),
            }
        })
        .collect()
}
