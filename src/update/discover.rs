//! `folio update --discover`: the works OpenAlex lists for the owner (or each
//! member of a lab) that the site does not have, compared against every
//! identifier the site knows (its papers' DOIs, arXiv ids, OpenAlex and
//! Semantic Scholar ids, those learned in `data/metrics.yaml`, and title, year
//! and first author), less the works `metrics.not_mine` in `site.yaml` lists.
//! `--add` hands the chosen ones to `folio import` (as an OpenAlex export).

use std::collections::BTreeSet;

use serde_json::Value;

use super::http::{Client, Fetched, Request};
use super::sources::{self, Key, WorkCounts, bare_doi, short_openalex};
use super::targets::{self, bare_arxiv, key_string};
use super::{METRICS_FILE, UpdateOptions};
use crate::error::{Error, Result};
use crate::model::config::MetricsSource;

/// How many pages of 100 works are read per person at most.
const MAX_PAGES: usize = 20;

/// A work the site does not have.
#[derive(Debug, Clone)]
pub struct Discovered {
    /// The author id it was listed for.
    pub author: String,
    /// `W123`.
    pub openalex: String,
    pub title: String,
    pub year: Option<i32>,
    pub doi: Option<String>,
    /// The work as OpenAlex gave it, for `folio import`.
    pub work: Value,
}

/// What `--discover` found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub works: Vec<Discovered>,
    /// Works left out because `metrics.not_mine` lists them.
    pub not_mine: usize,
    pub notes: Vec<String>,
}

/// Lists the works of the owner or members that the site lacks.
pub fn discover(opts: &UpdateOptions, client: &mut Client) -> Result<Discovery> {
    let site = super::read_site(&opts.site)?;
    let mut known = targets::known_ids(&site.papers, &site.raw);
    for p in site.old.papers.values() {
        for (kind, value) in &p.ids {
            known.insert(format!("{kind}:{}", value.to_lowercase()));
        }
    }
    let not_mine: BTreeSet<String> = site
        .settings
        .not_mine
        .iter()
        .map(|n| not_mine_key(n))
        .collect();
    let mut out = Discovery::default();
    let mut seen = BTreeSet::new();
    for a in &site.authors {
        let Some(key) = &a.key else {
            out.notes.push(format!(
                "author {}: no ORCID or OpenAlex id in {}; cannot list their works",
                a.id,
                a.file.display()
            ));
            continue;
        };
        let Some(author_id) = author_id(opts, client, key)? else {
            out.notes
                .push(format!("author {}: OpenAlex does not know {key}", a.id));
            continue;
        };
        for (w, raw) in works_of(opts, client, &author_id)? {
            let keys = work_keys(&w);
            let id = w.ids.get("openalex").cloned().unwrap_or_default();
            if keys.iter().any(|k| not_mine.contains(k)) {
                out.not_mine += 1;
                continue;
            }
            if keys.iter().any(|k| known.contains(k)) || !seen.insert(id.clone()) {
                continue;
            }
            out.works.push(Discovered {
                author: a.id.clone(),
                openalex: id,
                title: w.title.clone(),
                year: w.year,
                doi: w.ids.get("doi").cloned(),
                work: raw,
            });
        }
    }
    out.works
        .sort_by(|a, b| (b.year, &a.title, &a.openalex).cmp(&(a.year, &b.title, &b.openalex)));
    Ok(out)
}

/// The comparable keys of a listed work.
fn work_keys(w: &WorkCounts) -> Vec<String> {
    let mut keys: Vec<String> = w
        .ids
        .iter()
        .map(|(kind, value)| format!("{kind}:{}", value.to_lowercase()))
        .collect();
    if let (Some(year), Some(family)) = (w.year, &w.first_author) {
        keys.push(key_string(&Key::Title {
            title: w.title.clone(),
            year,
            family: family.clone(),
        }));
    }
    keys
}

/// A `not_mine` entry as a key: `W123`, a DOI (bare or as a link), an arXiv id.
fn not_mine_key(entry: &str) -> String {
    let e = entry.trim();
    let short = short_openalex(e);
    if short.len() > 1 && short.starts_with('W') && short[1..].bytes().all(|b| b.is_ascii_digit()) {
        return key_string(&Key::OpenAlex(short));
    }
    let doi = bare_doi(e);
    if doi.starts_with("10.") {
        return key_string(&Key::Doi(doi));
    }
    key_string(&Key::Arxiv(bare_arxiv(e)))
}

fn ask(opts: &UpdateOptions, client: &mut Client, mut req: Request) -> Result<Fetched> {
    if let Some(key) = &opts.api_key {
        req.secret_query = Some(("api_key".into(), key.clone()));
    }
    client.get(&req).map_err(|f| {
        Error::SourceFailed(format!(
            "{} did not answer ({}: {}); nothing was changed; try again later",
            MetricsSource::OpenAlex.name(),
            f.what,
            f.reason
        ))
    })
}

/// The OpenAlex author id (`A123`) of `orcid:...` or `A123`.
fn author_id(opts: &UpdateOptions, client: &mut Client, key: &str) -> Result<Option<String>> {
    if !key.starts_with("orcid:") {
        return Ok(Some(key.to_string()));
    }
    match ask(opts, client, sources::author_request(key))? {
        Fetched::NotFound => Ok(None),
        Fetched::Found(body) => sources::parse_author(&body)
            .map(|a| a.ids.get("openalex").cloned())
            .map_err(|e| malformed(&e)),
    }
}

fn works_of(
    opts: &UpdateOptions,
    client: &mut Client,
    author: &str,
) -> Result<Vec<(WorkCounts, Value)>> {
    let mut out = Vec::new();
    let mut cursor = "*".to_string();
    for _ in 0..MAX_PAGES {
        let body = match ask(opts, client, sources::author_works_request(author, &cursor))? {
            Fetched::Found(b) => b,
            Fetched::NotFound => break,
        };
        let (works, next) = sources::parse_openalex_list(&body).map_err(|e| malformed(&e))?;
        let empty = works.is_empty();
        out.extend(works);
        match next {
            Some(n) if !empty && n != cursor => cursor = n,
            _ => break,
        }
    }
    Ok(out)
}

fn malformed(why: &str) -> Error {
    Error::SourceFailed(format!(
        "OpenAlex sent an answer folio cannot read: {why}; nothing was changed ({METRICS_FILE} included)"
    ))
}

/// The chosen works as an OpenAlex export (`{"results": [...]}`), for `folio import`.
pub fn export(works: &[&Discovered]) -> String {
    let results: Vec<&Value> = works.iter().map(|w| &w.work).collect();
    serde_json::json!({ "results": results }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_mine_entries_are_read_as_ids() {
        assert_eq!(not_mine_key("W123"), "openalex:w123");
        assert_eq!(not_mine_key("https://openalex.org/W123"), "openalex:w123");
        assert_eq!(not_mine_key("https://doi.org/10.1/ABC"), "doi:10.1/abc");
        assert_eq!(not_mine_key("2401.01234v1"), "arxiv:2401.01234");
    }
}
