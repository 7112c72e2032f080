//! What `folio update` looks up, read from the site's files: each paper's
//! identifiers (DOI, arXiv, OpenAlex, Semantic Scholar) or its title, year
//! and first author; the owner's and the
//! members' author ids (ORCID, OpenAlex); the values written by hand.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::sources::{Key, bare_doi, family_of, short_openalex};
use crate::load::RawSite;
use crate::model::config::Mode;
use crate::model::schema::{AuthorEntry, PaperFile};
use crate::text::{nfc, slugify};

/// A paper to look up.
#[derive(Debug, Clone)]
pub struct PaperTarget {
    pub slug: String,
    /// Identifiers, best first (DOI, arXiv, OpenAlex, Semantic Scholar).
    pub keys: Vec<Key>,
    /// The title key, used only when there is no identifier.
    pub title: Option<Key>,
    /// The count written in the paper file, which the site shows instead.
    pub hand_citations: Option<u64>,
    pub file: PathBuf,
    /// The identifiers the paper file gives itself (`doi:10.1/x`): not worth
    /// remembering as learned.
    pub own: Vec<String>,
}

/// A person whose author record is fetched.
#[derive(Debug, Clone)]
pub struct AuthorTarget {
    pub id: String,
    /// `orcid:0000-...` or `A123`: what OpenAlex is asked.
    pub key: Option<String>,
    /// Metrics written in the author file, which the site shows instead.
    pub hand: Vec<(&'static str, u64)>,
    pub file: PathBuf,
}

/// Every paper, sorted by slug.
pub fn papers(raw: &RawSite) -> Vec<PaperTarget> {
    let mut out: Vec<PaperTarget> = raw
        .papers
        .iter()
        .map(|(index, f)| {
            let slug = slug_of(*index, &f.path, &f.value);
            // Looked up by the file's own identifiers only, so that a run asks
            // what the last one asked (its cache answers) and matches the same
            // way; learned ids serve `--discover` and the next merge.
            let keys = keys_of(&f.value);
            let own = keys.iter().map(key_string).collect();
            let title = keys.is_empty().then(|| title_key(&f.value)).flatten();
            PaperTarget {
                own,
                hand_citations: f.value.citations.as_ref().map(|c| c.value),
                keys,
                title,
                file: f.path.clone(),
                slug,
            }
        })
        .filter(|p| !p.slug.is_empty())
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.dedup_by(|a, b| a.slug == b.slug);
    out
}

/// The slug as `resolve::paper` makes it: `slug:`, else the file name, else
/// (a file of several papers) the title.
fn slug_of(index: Option<usize>, path: &std::path::Path, p: &PaperFile) -> String {
    match (&p.slug, index) {
        (Some(s), _) => nfc(&s.value),
        (None, None) => slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
        (None, Some(_)) => slugify(&crate::markdown::plain_inline(&p.title.value)),
    }
}

fn keys_of(p: &PaperFile) -> Vec<Key> {
    let doi = p
        .links
        .doi
        .as_ref()
        .map(|d| bare_doi(&d.value))
        .filter(|d| d.starts_with("10."));
    let arxiv = p
        .links
        .arxiv
        .as_ref()
        .map(|a| bare_arxiv(&a.value))
        .filter(|a| !a.is_empty());
    let openalex = p.identifiers.openalex.as_deref().map(short_openalex);
    let s2 = p.identifiers.semantic_scholar.clone();
    let mut keys = Vec::new();
    keys.extend(doi.map(Key::Doi));
    keys.extend(arxiv.map(Key::Arxiv));
    keys.extend(openalex.map(Key::OpenAlex));
    keys.extend(s2.map(Key::SemanticScholar));
    keys
}

/// `https://arxiv.org/abs/2401.01234v2` -> `2401.01234` (version dropped).
pub fn bare_arxiv(a: &str) -> String {
    let a = a.trim();
    let a = a
        .rsplit_once("arxiv.org/abs/")
        .or_else(|| a.rsplit_once("arxiv.org/pdf/"))
        .map_or(a, |(_, id)| id);
    let a = a.trim_start_matches("arXiv:").trim_start_matches("arxiv:");
    let a = a.trim_end_matches(".pdf");
    match a.rfind('v') {
        Some(i) if i > 0 && a[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < a.len() => {
            a[..i].to_string()
        }
        _ => a.to_string(),
    }
}

fn title_key(p: &PaperFile) -> Option<Key> {
    let year = p.date.value.0.get(..4)?.parse().ok()?;
    let first = p.authors.first()?;
    let family = match &first.value {
        AuthorEntry {
            parts: Some(parts), ..
        } if !parts.family.is_empty() => parts.family.clone(),
        a => family_of(&a.name),
    };
    Some(Key::Title {
        title: crate::markdown::plain_inline(&p.title.value),
        year,
        family,
    })
}

/// A title compared letter for letter, ignoring case, accents of ASCII
/// letters aside, punctuation and spacing.
pub fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        crate::import::fold_ascii(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

/// The owner (personal site) or every member (lab site), sorted by id.
pub fn authors(raw: &RawSite) -> Vec<AuthorTarget> {
    let site = raw.site.as_ref().map(|s| &s.value);
    let owner = site.and_then(|s| s.owner.as_ref()).map(|o| o.value.clone());
    let lab = site.is_some_and(|s| s.mode == Mode::Lab);
    let mut out: Vec<AuthorTarget> = raw
        .authors
        .iter()
        .filter(|(id, f)| Some(id) == owner.as_ref() || (lab && f.value.role.is_some()))
        .map(|(id, f)| {
            let links = &f.value.links;
            let key = links
                .orcid
                .as_deref()
                .and_then(orcid_of)
                .map(|o| format!("orcid:{o}"))
                .or_else(|| links.openalex.as_deref().map(short_openalex));
            let m = &f.value.metrics;
            let hand = [
                ("h_index", &m.h_index),
                ("i10_index", &m.i10_index),
                ("citations", &m.citations),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k, v.value.value)))
            .collect();
            AuthorTarget {
                id: id.clone(),
                key,
                hand,
                file: f.path.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The bare ORCID iD of `https://orcid.org/0000-...` or `0000-...`, when it
/// has the shape of one.
pub fn orcid_of(text: &str) -> Option<String> {
    let id = text.trim().trim_end_matches('/');
    let id = id.rsplit('/').next().unwrap_or(id);
    let ok = id.len() == 19
        && id.bytes().enumerate().all(|(i, b)| {
            if i % 5 == 4 {
                b == b'-'
            } else {
                b.is_ascii_digit() || (i == 18 && b == b'X')
            }
        });
    ok.then(|| id.to_string())
}

/// Every identifier the site knows (its papers' and those learned), as
/// `kind:value` strings: what `--discover` compares works against.
pub fn known_ids(papers: &[PaperTarget], raw: &RawSite) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in papers {
        for k in p.keys.iter().chain(p.title.iter()) {
            out.insert(key_string(k));
        }
    }
    for (_, f) in &raw.papers {
        for d in &f.value.identifiers.dois {
            out.insert(key_string(&Key::Doi(bare_doi(d))));
        }
        if let Some(k) = title_key(&f.value) {
            out.insert(key_string(&k));
        }
    }
    out
}

/// A key as one comparable string (`doi:10.1/x`, `title:attention|2017|vaswani`).
pub fn key_string(k: &Key) -> String {
    match k {
        Key::Title {
            title,
            year,
            family,
        } => {
            let fold = |s: &str| -> String {
                crate::import::fold_ascii(s)
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect()
            };
            format!("title:{}|{year}|{}", fold(title), fold(family))
        }
        Key::Doi(v) | Key::Arxiv(v) | Key::OpenAlex(v) | Key::SemanticScholar(v) => {
            format!("{}:{}", k.kind(), v.to_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids_lose_their_address_and_version() {
        assert_eq!(
            bare_arxiv("https://arxiv.org/abs/2401.01234v2"),
            "2401.01234"
        );
        assert_eq!(bare_arxiv("arXiv:hep-th/9901001"), "hep-th/9901001");
        assert_eq!(bare_arxiv("2401.01234"), "2401.01234");
    }

    #[test]
    fn orcid_ids_are_recognised_in_links() {
        assert_eq!(
            orcid_of("https://orcid.org/0000-0002-1825-009X").as_deref(),
            Some("0000-0002-1825-009X")
        );
        assert_eq!(orcid_of("0000-0002-1825-0097x"), None);
    }

    #[test]
    fn titles_match_ignoring_case_and_punctuation() {
        assert!(same_title(
            "Attention Is All You Need",
            "attention is all you need."
        ));
        assert!(!same_title("Attention", "Attention Is All"));
    }
}
