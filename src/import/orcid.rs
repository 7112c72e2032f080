//! ORCID works, as saved from the public API's `/works` (`{"group": [...]}`)
//! or the full record `/v3.0/<id>` (`activities-summary.works.group`).
//! A work summary carries no author list: the site's owner, whose record it is,
//! becomes the author, and the list is marked as truncated.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::json::{at, clean_text, parse_works, str_at};
use super::paper::{ImportedPaper, add_url, bare_arxiv, bare_doi};
use crate::error::Diagnostic;
use crate::model::schema::PaperKind;

/// Parses an ORCID works export. The papers have no authors yet.
pub fn parse(text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    parse_works(
        text,
        path,
        "group|activities-summary/works/group",
        "ORCID works",
        group,
    )
}

/// A group is one work as several sources describe it: the first summary is used.
fn group(g: &Value, warnings: &mut Vec<String>) -> Result<ImportedPaper, String> {
    let summary = at(g, &["work-summary"])
        .and_then(Value::as_array)
        .and_then(|s| s.first())
        .unwrap_or(g);
    let id = at(summary, &["put-code"]).map(|p| match p {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let mut title = str_at(summary, &["title", "title", "value"])
        .map(|t| clean_text(t, false))
        .unwrap_or_default();
    if let Some(sub) = str_at(summary, &["title", "subtitle", "value"]) {
        title = format!("{title}: {}", clean_text(sub, false));
    }
    let part = |name: &str| str_at(summary, &["publication-date", name, "value"]);
    let date = match (part("year"), part("month"), part("day")) {
        (Some(y), Some(m), Some(d)) => format!("{y}-{m:0>2}-{d:0>2}"),
        (Some(y), Some(m), None) => format!("{y}-{m:0>2}"),
        (Some(y), _, _) => y.to_string(),
        _ => String::new(),
    };
    let date = super::paper::valid_date(&date)
        .or_else(|| part("year").and_then(super::paper::valid_date))
        .unwrap_or_default();
    let links = links(summary, warnings);
    Ok(ImportedPaper {
        id,
        title,
        date,
        venue: str_at(summary, &["journal-title", "value"]).map(|v| clean_text(v, false)),
        kind: str_at(summary, &["type"]).map(kind),
        links,
        ..ImportedPaper::default()
    })
}

/// DOI, arXiv id and address from the work's own identifiers (`self`, not
/// `part-of`, which names the journal).
fn links(w: &Value, warnings: &mut Vec<String>) -> BTreeMap<&'static str, String> {
    let mut links = BTreeMap::new();
    let ids = at(w, &["external-ids", "external-id"]).and_then(Value::as_array);
    for id in ids.into_iter().flatten() {
        if str_at(id, &["external-id-relationship"])
            .is_some_and(|r| !r.eq_ignore_ascii_case("self"))
        {
            continue;
        }
        let value = str_at(id, &["external-id-value"])
            .or_else(|| str_at(id, &["external-id-normalized", "value"]))
            .unwrap_or("");
        match str_at(id, &["external-id-type"])
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("doi") => {
                if let Some(doi) = bare_doi(value) {
                    links.entry("doi").or_insert(doi);
                }
            }
            Some("arxiv") => {
                if let Some(a) = bare_arxiv(value) {
                    links.entry("arxiv").or_insert(a);
                }
            }
            _ => {}
        }
    }
    if let Some(url) = str_at(w, &["url", "value"]) {
        add_url(&mut links, url, warnings);
    }
    links
}

/// ORCID's work types (`journal-article`, or `JOURNAL_ARTICLE` in older exports).
fn kind(t: &str) -> PaperKind {
    match t.to_ascii_lowercase().replace('_', "-").as_str() {
        "journal-article" | "magazine-article" | "review" => PaperKind::Article,
        "conference-paper" | "conference-abstract" | "conference-poster" => PaperKind::Conference,
        "book-chapter" => PaperKind::Chapter,
        "book" | "edited-book" => PaperKind::Book,
        "dissertation" | "dissertation-thesis" => PaperKind::Thesis,
        "report" | "working-paper" => PaperKind::Report,
        "preprint" => PaperKind::Preprint,
        _ => PaperKind::Misc,
    }
}
