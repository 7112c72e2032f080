//! Semantic Scholar papers, as saved from the Graph API (`{"data": [...]}`) or as
//! a list.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::json::{at, clean_text, number, parse_works, str_at};
use super::paper::{Citations, ImportedPaper, add_link, bare_arxiv, bare_doi, family_of};
use crate::error::Diagnostic;
use crate::model::schema::PaperKind;

/// Parses a Semantic Scholar export.
pub fn parse(text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    parse_works(text, path, "data", "Semantic Scholar papers", paper)
}

fn paper(w: &Value, warnings: &mut Vec<String>) -> Result<ImportedPaper, String> {
    let id = str_at(w, &["paperId"]).map(str::to_string);
    let authors: Vec<String> = at(w, &["authors"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| str_at(a, &["name"]))
        .map(|n| clean_text(n, false))
        .collect();
    if authors.is_empty() {
        return Err(format!(
            "paper `{}` has no authors; skipped",
            id.unwrap_or_default()
        ));
    }
    let date = str_at(w, &["publicationDate"])
        .and_then(super::paper::valid_date)
        .or_else(|| {
            at(w, &["year"])
                .and_then(number)
                .and_then(|y| super::paper::valid_date(&format!("{y:04}")))
        })
        .unwrap_or_default();
    let venue = str_at(w, &["venue"])
        .or_else(|| str_at(w, &["journal", "name"]))
        .or_else(|| str_at(w, &["publicationVenue", "name"]))
        .map(|v| clean_text(v, false));
    let links = links(w, warnings);
    let kind = kind(w, venue.as_deref(), links.contains_key("arxiv"));
    Ok(ImportedPaper {
        identifiers: id.iter().map(|i| ("semantic_scholar", i.clone())).collect(),
        id,
        title: str_at(w, &["title"])
            .map(|t| clean_text(t, false))
            .unwrap_or_default(),
        date,
        first_family: authors.first().map(|a| family_of(a)),
        authors,
        venue,
        kind,
        abstract_: str_at(w, &["abstract"]).map(|a| clean_text(a, true)),
        links,
        citations: at(w, &["citationCount"])
            .and_then(number)
            .map(|value| Citations {
                value,
                source: "Semantic Scholar".into(),
                as_of: None,
                url: None,
            }),
        ..ImportedPaper::default()
    })
}

fn links(w: &Value, warnings: &mut Vec<String>) -> BTreeMap<&'static str, String> {
    let mut links = BTreeMap::new();
    if let Some(doi) = str_at(w, &["externalIds", "DOI"]).and_then(bare_doi) {
        links.insert("doi", doi);
    }
    if let Some(id) = str_at(w, &["externalIds", "ArXiv"]).and_then(bare_arxiv) {
        links.insert("arxiv", id);
    }
    if let Some(pdf) = str_at(w, &["openAccessPdf", "url"]).filter(|u| bare_arxiv(u).is_none()) {
        add_link(&mut links, "pdf", pdf, warnings);
    }
    if let Some(url) = str_at(w, &["url"]) {
        add_link(&mut links, "html", url, warnings);
    }
    links
}

/// Semantic Scholar's `publicationTypes` to folio's kind.
fn kind(w: &Value, venue: Option<&str>, has_arxiv: bool) -> Option<PaperKind> {
    let types: Vec<&str> = at(w, &["publicationTypes"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let on_arxiv_only = venue.is_none_or(|v| v.to_ascii_lowercase().contains("arxiv"));
    let kind = if types.contains(&"Conference") {
        PaperKind::Conference
    } else if types.contains(&"BookSection") {
        PaperKind::Chapter
    } else if types.contains(&"Book") {
        PaperKind::Book
    } else if has_arxiv && on_arxiv_only {
        PaperKind::Preprint
    } else if types.contains(&"JournalArticle") || types.contains(&"Review") {
        PaperKind::Article
    } else {
        return None;
    };
    Some(kind)
}
