//! `papers.json`: the site's papers as CSL-JSON, the format reference managers
//! (Zotero, Mendeley) and pandoc read, made from the same fields and name
//! parts as the formatted references, so the bibliography can be taken back
//! out of the site without loss.

use serde_json::{Map, Value, json};

use crate::markdown::plain_inline;
use crate::model::config::Config;
use crate::model::names::NameParts;
use crate::model::schema::PaperKind;
use crate::model::{Paper, PaperAuthor};

/// The CSL type of a kind.
fn csl_type(p: &Paper) -> &'static str {
    match p.kind {
        Some(PaperKind::Article) => "article-journal",
        Some(PaperKind::Conference) => "paper-conference",
        Some(PaperKind::Book) => "book",
        Some(PaperKind::Chapter) => "chapter",
        Some(PaperKind::Thesis) => "thesis",
        Some(PaperKind::Report) => "report",
        Some(PaperKind::Preprint) | Some(PaperKind::Misc) | None => "article",
    }
}

/// A CSL name: `{family, given, non-dropping-particle, suffix}` or `{literal}`.
fn name(parts: &NameParts) -> Value {
    if parts.literal || parts.given.is_empty() && parts.particle.is_empty() {
        return json!({ "literal": parts.family });
    }
    let mut m = Map::new();
    m.insert("family".into(), parts.family.clone().into());
    for (key, value) in [
        ("given", &parts.given),
        ("non-dropping-particle", &parts.particle),
        ("suffix", &parts.suffix),
    ] {
        if !value.is_empty() {
            m.insert(key.into(), value.clone().into());
        }
    }
    Value::Object(m)
}

fn author(a: &PaperAuthor) -> Value {
    name(&a.parts)
}

/// One paper as a CSL-JSON item.
pub fn item(p: &Paper, config: &Config) -> Value {
    let mut m = Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            m.insert(key.into(), v.into());
        }
    };
    put("id", Some(p.cite_key.clone()));
    put("type", Some(csl_type(p).to_string()));
    put("title", Some(plain_inline(&p.title)));
    let b = &p.biblio;
    let thesis_or_report = matches!(p.kind, Some(PaperKind::Thesis | PaperKind::Report));
    if thesis_or_report {
        put(
            "publisher",
            b.institution.clone().or_else(|| p.venue.clone()),
        );
    } else {
        put("container-title", p.venue.as_deref().map(plain_inline));
        put("publisher", b.publisher.clone());
    }
    put("volume", b.volume.clone());
    put("issue", b.issue.clone());
    put("page", b.pages.clone());
    put("edition", b.edition.clone());
    put("number", b.number.clone());
    put("ISBN", b.isbn.clone());
    put("ISSN", b.issn.clone());
    put("publisher-place", b.address.clone());
    put("genre", b.thesis_type.clone());
    put(
        "DOI",
        p.link("doi")
            .map(|d| d.trim_start_matches("https://doi.org/").to_string()),
    );
    put("URL", config.absolute_url(&format!("papers/{}/", p.slug)));
    if !p.abstract_text.is_empty() {
        put("abstract", Some(plain_inline(&p.abstract_text)));
    }
    let mut parts = vec![u64::from(p.date.year.unsigned_abs())];
    parts.extend(p.date.month.map(u64::from));
    if p.date.month.is_some() {
        parts.extend(p.date.day.map(u64::from));
    }
    m.insert("issued".into(), json!({ "date-parts": [parts] }));
    let authors: Vec<Value> = p.authors.iter().map(author).collect();
    m.insert("author".into(), authors.into());
    if !b.editors.is_empty() {
        let editors: Vec<Value> = b
            .editors
            .iter()
            .map(|e| name(&NameParts::guess(e)))
            .collect();
        m.insert("editor".into(), editors.into());
    }
    Value::Object(m)
}

/// `papers.json`: every paper, in the order of `papers.bib`.
pub fn papers_json<'a>(papers: impl Iterator<Item = &'a Paper>, config: &Config) -> String {
    let items: Vec<Value> = papers.map(|p| item(p, config)).collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
