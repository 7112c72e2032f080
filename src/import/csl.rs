//! CSL-JSON, the citation format of Zotero, Mendeley and pandoc: a list of items.

use crate::model::names::NameParts;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::json::{at, clean_text, number, parse_works, str_at};
use super::paper::{ImportedPaper, add_url, bare_arxiv, bare_doi, family_of};
use crate::error::Diagnostic;
use crate::model::schema::PaperKind;

/// Parses a CSL-JSON file.
pub fn parse(text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    parse_works(text, path, "items", "a CSL-JSON list of items", item)
}

fn item(w: &Value, warnings: &mut Vec<String>) -> Result<ImportedPaper, String> {
    let id = at(w, &["id"]).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let people = at(w, &["author"]).or_else(|| at(w, &["editor"]));
    let names: Vec<(String, Option<String>, NameParts)> = people
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(name)
        .collect();
    if names.is_empty() {
        return Err(format!(
            "item `{}` has no authors; skipped",
            id.unwrap_or_default()
        ));
    }
    let container = at(w, &["container-title"]).and_then(|c| match c {
        Value::Array(list) => list.first().and_then(Value::as_str),
        other => other.as_str(),
    });
    let csl_type = str_at(w, &["type"]).unwrap_or("");
    let venue = container
        .or_else(|| str_at(w, &["event-title"]))
        .or_else(|| str_at(w, &["event"]))
        .or_else(|| match csl_type {
            "thesis" | "report" | "book" => str_at(w, &["publisher"]),
            _ => None,
        })
        .map(|v| clean_text(v, false))
        .filter(|v| !v.is_empty());
    let links = links(w, warnings);
    let kind = kind(csl_type, venue.as_deref(), links.contains_key("arxiv"));
    Ok(ImportedPaper {
        id,
        title: str_at(w, &["title"])
            .map(|t| clean_text(t, false))
            .unwrap_or_default(),
        date: at(w, &["issued"]).and_then(date).unwrap_or_default(),
        first_family: names.first().and_then(|n| n.1.clone()),
        author_parts: names.iter().map(|n| Some(n.2.clone())).collect(),
        authors: names.into_iter().map(|n| n.0).collect(),
        venue,
        kind,
        abstract_: str_at(w, &["abstract"]).map(|a| clean_text(a, true)),
        biblio: biblio(w, csl_type),
        editors: at(w, &["author"])
            .and(at(w, &["editor"]))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(name)
            .map(|n| n.0)
            .collect(),
        links,
        ..ImportedPaper::default()
    })
}

/// Volume, issue, pages, publisher, edition, number, ISBN, ISSN, place and
/// thesis type (`genre`).
fn biblio(w: &Value, csl_type: &str) -> std::collections::BTreeMap<&'static str, String> {
    let text = |key: &str| {
        at(w, &[key]).and_then(|v| match v {
            Value::String(s) => Some(clean_text(s, false)),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let mut out = std::collections::BTreeMap::new();
    let arxiv = |v: &String| v.to_ascii_lowercase().starts_with("arxiv:");
    for (key, csl) in [
        ("volume", "volume"),
        ("issue", "issue"),
        ("pages", "page"),
        ("edition", "edition"),
        ("isbn", "ISBN"),
        ("issn", "ISSN"),
        ("address", "publisher-place"),
    ] {
        if let Some(v) = text(csl).filter(|v| !v.is_empty()) {
            // A page range takes an en dash; an ISBN or a place keeps its hyphens.
            let v = if key == "pages" {
                v.replace('-', "–")
            } else {
                v
            };
            out.insert(key, v);
        }
    }
    if let Some(n) = text("number").filter(|n| !arxiv(n)) {
        out.insert("number", n);
    }
    match csl_type {
        "thesis" => {
            if let Some(p) = text("publisher") {
                out.insert("institution", p);
            }
            if let Some(g) = text("genre") {
                out.insert("thesis_type", g);
            }
        }
        "report" => {
            if let Some(p) = text("publisher") {
                out.insert("institution", p);
            }
        }
        _ => {
            if let Some(p) = text("publisher").filter(|p| !p.eq_ignore_ascii_case("arxiv")) {
                out.insert("publisher", p);
            }
        }
    }
    out
}

/// A CSL name as printed, its family name, and its parts (`literal` is a
/// corporate author; the dropping and the non-dropping particle each kept).
fn name(n: &Value) -> Option<(String, Option<String>, NameParts)> {
    if let Some(literal) = str_at(n, &["literal"]) {
        let literal = clean_text(literal, false);
        let parts = NameParts::literal(&literal);
        return Some((literal.clone(), Some(family_of(&literal)), parts));
    }
    let family = str_at(n, &["family"])?;
    let text = |key: &str| {
        str_at(n, &[key])
            .map(|v| clean_text(v, false))
            .unwrap_or_default()
    };
    let parts = NameParts {
        family: clean_text(family, false),
        given: text("given"),
        particle: text("non-dropping-particle"),
        dropping_particle: text("dropping-particle"),
        suffix: text("suffix"),
        literal: false,
    };
    Some((parts.display(), Some(parts.family.clone()), parts))
}

/// `issued`: `date-parts` (numbers or strings), or a `raw` or `literal` date.
fn date(issued: &Value) -> Option<String> {
    if let Some(text) = issued.as_str() {
        return super::paper::valid_date(text);
    }
    let parts: Vec<u64> = at(issued, &["date-parts"])
        .and_then(Value::as_array)
        .and_then(|p| p.first())
        .and_then(Value::as_array)
        .map(|p| p.iter().map_while(number).collect())
        .unwrap_or_default();
    let full = match parts.as_slice() {
        [y, m, d, ..] => format!("{y:04}-{m:02}-{d:02}"),
        [y, m] => format!("{y:04}-{m:02}"),
        [y] => format!("{y:04}"),
        [] => {
            let raw = str_at(issued, &["raw"]).or_else(|| str_at(issued, &["literal"]))?;
            return super::paper::valid_date(raw).or_else(|| {
                raw.split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4)
                    .and_then(super::paper::valid_date)
            });
        }
    };
    super::paper::valid_date(&full)
        .or_else(|| super::paper::valid_date(&full[..full.len().min(7)]))
        .or_else(|| super::paper::valid_date(&full[..4]))
}

fn links(w: &Value, warnings: &mut Vec<String>) -> BTreeMap<&'static str, String> {
    let mut links = BTreeMap::new();
    if let Some(doi) = str_at(w, &["DOI"]).and_then(bare_doi) {
        links.insert("doi", doi);
    }
    // Zotero files arXiv preprints with `number: "arXiv:2401.02954"`.
    if let Some(a) = str_at(w, &["number"])
        .filter(|n| n.to_ascii_lowercase().starts_with("arxiv:"))
        .and_then(bare_arxiv)
    {
        links.insert("arxiv", a);
    }
    if let Some(doi) = links
        .get("doi")
        .and_then(|d| super::paper::arxiv_from_doi(d))
    {
        links.entry("arxiv").or_insert(doi);
    }
    if let Some(url) = str_at(w, &["URL"]) {
        add_url(&mut links, url, warnings);
    }
    links
}

/// CSL item types to folio's kind. CSL calls a preprint `article`.
fn kind(t: &str, venue: Option<&str>, has_arxiv: bool) -> Option<PaperKind> {
    let arxiv_venue = venue.is_some_and(|v| v.to_ascii_lowercase().contains("arxiv"));
    Some(match t {
        "article-journal" if arxiv_venue => PaperKind::Preprint,
        "article-journal" | "article-magazine" | "article-newspaper" | "review" => {
            PaperKind::Article
        }
        "paper-conference" => PaperKind::Conference,
        "chapter" | "entry-encyclopedia" | "entry-dictionary" => PaperKind::Chapter,
        "book" => PaperKind::Book,
        "thesis" => PaperKind::Thesis,
        "report" => PaperKind::Report,
        "article" => PaperKind::Preprint,
        "" if has_arxiv => PaperKind::Preprint,
        "" => return None,
        _ if has_arxiv => PaperKind::Preprint,
        _ => PaperKind::Misc,
    })
}
