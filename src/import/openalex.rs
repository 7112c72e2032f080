//! OpenAlex works, as saved from the API (`{"results": [...]}`) or as a list.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::json::{at, clean_text, number, parse_works, str_at};
use super::paper::{
    Citations, ImportedPaper, add_link, arxiv_from_doi, bare_arxiv, bare_doi, family_of,
};
use crate::error::Diagnostic;
use crate::model::schema::PaperKind;

/// Parses an OpenAlex export.
pub fn parse(text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    parse_works(text, path, "results", "OpenAlex works", work)
}

fn work(w: &Value, warnings: &mut Vec<String>) -> Result<ImportedPaper, String> {
    let authors: Vec<String> = at(w, &["authorships"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            str_at(a, &["author", "display_name"]).or_else(|| str_at(a, &["raw_author_name"]))
        })
        .map(|n| clean_text(n, false))
        .collect();
    let id =
        str_at(w, &["id"]).map(|id| id.trim_start_matches("https://openalex.org/").to_string());
    if authors.is_empty() {
        return Err(format!(
            "work `{}` has no authors; skipped",
            id.unwrap_or_default()
        ));
    }
    let title = str_at(w, &["title"])
        .or_else(|| str_at(w, &["display_name"]))
        .map(|t| clean_text(t, false))
        .unwrap_or_default();
    let date = publication_date(w);
    let links = links(w, warnings);
    let kind = kind(w, links.contains_key("arxiv"));
    Ok(ImportedPaper {
        first_family: authors.first().map(|a| family_of(a)),
        authors,
        authors_truncated: at(w, &["is_authors_truncated"]).and_then(Value::as_bool) == Some(true),
        identifiers: id.iter().map(|i| ("openalex", i.clone())).collect(),
        id,
        title,
        date,
        venue: str_at(w, &["primary_location", "source", "display_name"])
            .map(|v| clean_text(v, false)),
        kind,
        abstract_: at(w, &["abstract_inverted_index"])
            .and_then(uninvert)
            .filter(|a| !a.is_empty()),
        links,
        citations: at(w, &["cited_by_count"])
            .and_then(number)
            .map(|value| Citations {
                value,
                source: "OpenAlex".into(),
                as_of: None,
                url: None,
            }),
        biblio: biblio(w),
        ..ImportedPaper::default()
    })
}

/// `biblio`: volume, issue, first and last page.
fn biblio(w: &Value) -> std::collections::BTreeMap<&'static str, String> {
    let mut out = std::collections::BTreeMap::new();
    let part = |key: &str| str_at(w, &["biblio", key]).map(|v| clean_text(v, false));
    if let Some(v) = part("volume") {
        out.insert("volume", v);
    }
    if let Some(i) = part("issue") {
        out.insert("issue", i);
    }
    match (part("first_page"), part("last_page")) {
        (Some(f), Some(l)) if f != l => {
            out.insert("pages", format!("{f}–{l}"));
        }
        (Some(f), _) => {
            out.insert("pages", f);
        }
        _ => {}
    }
    out
}

/// `publication_date`, except that OpenAlex writes `YYYY-01-01` when it knows
/// only the year: that is taken as the year.
fn publication_date(w: &Value) -> String {
    let year = || {
        at(w, &["publication_year"])
            .and_then(number)
            .and_then(|y| super::paper::valid_date(&format!("{y:04}")))
    };
    match str_at(w, &["publication_date"]) {
        Some(d) if d.ends_with("-01-01") => {
            super::paper::valid_date(d.get(..4).unwrap_or("")).or_else(year)
        }
        Some(d) => super::paper::valid_date(d).or_else(year),
        None => year(),
    }
    .unwrap_or_default()
}

fn links(w: &Value, warnings: &mut Vec<String>) -> BTreeMap<&'static str, String> {
    let mut links = BTreeMap::new();
    let doi = str_at(w, &["doi"])
        .or_else(|| str_at(w, &["ids", "doi"]))
        .and_then(bare_doi);
    let arxiv = str_at(w, &["ids", "arxiv"])
        .and_then(bare_arxiv)
        .or_else(|| doi.as_deref().and_then(arxiv_from_doi))
        .or_else(|| {
            at(w, &["locations"])
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|l| str_at(l, &["landing_page_url"]))
                .find_map(bare_arxiv)
        });
    if let Some(doi) = doi {
        links.insert("doi", doi);
    }
    if let Some(id) = arxiv {
        links.insert("arxiv", id);
    }
    if let Some(pdf) =
        str_at(w, &["primary_location", "pdf_url"]).filter(|u| bare_arxiv(u).is_none())
    {
        add_link(&mut links, "pdf", pdf, warnings);
    }
    links
}

/// OpenAlex's `type` (and Crossref's, when given) to folio's kind.
fn kind(w: &Value, has_arxiv: bool) -> Option<PaperKind> {
    let source_type = str_at(w, &["primary_location", "source", "type"]).unwrap_or("");
    if str_at(w, &["type_crossref"]) == Some("proceedings-article") || source_type == "conference" {
        return Some(PaperKind::Conference);
    }
    Some(match str_at(w, &["type"])? {
        "article" if source_type == "repository" || (has_arxiv && source_type != "journal") => {
            PaperKind::Preprint
        }
        "article" | "review" | "letter" | "editorial" => PaperKind::Article,
        "preprint" | "posted-content" => PaperKind::Preprint,
        "book-chapter" => PaperKind::Chapter,
        "book" | "monograph" | "edited-book" => PaperKind::Book,
        "dissertation" => PaperKind::Thesis,
        "report" => PaperKind::Report,
        "proceedings-article" => PaperKind::Conference,
        _ => PaperKind::Misc,
    })
}

/// The abstract from OpenAlex's inverted index (word -> positions).
fn uninvert(index: &Value) -> Option<String> {
    let mut words: Vec<(u64, &str)> = Vec::new();
    for (word, positions) in index.as_object()? {
        for p in positions.as_array()? {
            words.push((p.as_u64()?, word));
        }
    }
    words.sort();
    let text: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    Some(text.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abstracts_are_rebuilt_from_the_inverted_index() {
        let index = serde_json::json!({"We": [0], "find": [1, 3], "and": [2]});
        assert_eq!(uninvert(&index).as_deref(), Some("We find and find"));
    }

    #[test]
    fn a_work_maps_to_folio_fields() {
        let text = r#"{"results": [{"id": "https://openalex.org/W1", "doi": "https://doi.org/10.48550/arxiv.2401.02954",
            "title": "DeepSeek LLM", "publication_date": "2024-01-05", "type": "article",
            "authorships": [{"author": {"display_name": "Xiao Bi"}}],
            "primary_location": {"source": {"display_name": "arXiv (Cornell University)", "type": "repository"}},
            "cited_by_count": 42}]}"#;
        let (papers, diags) = parse(text, Path::new("w.json"));
        assert!(diags.is_empty(), "{diags:?}");
        let p = &papers[0];
        assert_eq!(p.id.as_deref(), Some("W1"));
        assert_eq!(p.links["arxiv"], "2401.02954");
        assert_eq!(p.kind, Some(PaperKind::Preprint));
        assert_eq!(p.citations.as_ref().map(|c| c.value), Some(42));
        assert_eq!(p.slug(), "bi2024deepseek");
    }
}
