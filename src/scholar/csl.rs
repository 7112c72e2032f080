//! `papers.json`: the site's papers as CSL-JSON, the format reference managers
//! (Zotero, Mendeley) and pandoc read, made from the same fields and name
//! parts as the formatted references, so the bibliography can be taken back
//! out of the site without loss.

use std::borrow::Cow;

use serde::Serialize;

use crate::markdown::plain_inline;
use crate::model::Paper;
use crate::model::config::Config;
use crate::model::names::NameParts;
use crate::model::schema::PaperKind;
use crate::scholar::cite::arxiv_id;

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

/// A CSL name: `{dropping-particle, family, given, non-dropping-particle,
/// suffix}` or `{literal}`.
/// Fields are declared in the byte order of their keys, the order of the
/// sorted map this file was first written from, so the output is unchanged.
#[derive(Serialize)]
struct Name<'a> {
    #[serde(rename = "dropping-particle", skip_serializing_if = "str::is_empty")]
    dropping_particle: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    given: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<&'a str>,
    #[serde(
        rename = "non-dropping-particle",
        skip_serializing_if = "str::is_empty"
    )]
    particle: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'a str,
}

impl<'a> Name<'a> {
    fn new(parts: &'a NameParts) -> Name<'a> {
        // A family name alone (`DeepSeek-AI`) is a group's name; any other part
        // makes it a person's.
        let family_only = [&parts.given, &parts.particle, &parts.dropping_particle]
            .into_iter()
            .chain([&parts.suffix])
            .all(|s| s.is_empty());
        if parts.literal || family_only {
            return Name {
                dropping_particle: "",
                family: None,
                given: "",
                literal: Some(&parts.family),
                particle: "",
                suffix: "",
            };
        }
        Name {
            dropping_particle: &parts.dropping_particle,
            family: Some(&parts.family),
            given: &parts.given,
            literal: None,
            particle: &parts.particle,
            suffix: &parts.suffix,
        }
    }
}

/// The CSL date: `{"date-parts": [[year, month, day]]}`.
#[derive(Serialize)]
struct Issued {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<u64>; 1],
}

type Text<'a> = Option<Cow<'a, str>>;

/// One paper as a CSL-JSON item, serialised directly (no intermediate value
/// tree). Fields in the byte order of their keys (see [`Name`]); empty texts
/// are left out.
#[derive(Serialize)]
struct Item<'a> {
    #[serde(rename = "DOI", skip_serializing_if = "is_blank")]
    doi: Text<'a>,
    #[serde(rename = "ISBN", skip_serializing_if = "is_blank")]
    isbn: Text<'a>,
    #[serde(rename = "ISSN", skip_serializing_if = "is_blank")]
    issn: Text<'a>,
    #[serde(rename = "URL", skip_serializing_if = "is_blank")]
    url: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    r#abstract: Text<'a>,
    author: Vec<Name<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "is_blank")]
    container_title: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    edition: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    editor: Option<Vec<Name<'a>>>,
    #[serde(rename = "event-place", skip_serializing_if = "is_blank")]
    event_place: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    genre: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    id: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    issue: Text<'a>,
    issued: Issued,
    #[serde(skip_serializing_if = "is_blank")]
    note: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    number: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    page: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    publisher: Text<'a>,
    #[serde(rename = "publisher-place", skip_serializing_if = "is_blank")]
    publisher_place: Text<'a>,
    #[serde(skip_serializing_if = "is_blank")]
    title: Text<'a>,
    r#type: &'static str,
    #[serde(skip_serializing_if = "is_blank")]
    volume: Text<'a>,
}

fn is_blank(text: &Text) -> bool {
    text.as_deref().is_none_or(str::is_empty)
}

fn borrowed(text: &Option<String>) -> Text<'_> {
    text.as_deref().map(Cow::Borrowed)
}

/// One paper as a CSL-JSON item.
fn item<'a>(p: &'a Paper, editors: &'a [NameParts], config: &Config) -> Item<'a> {
    let b = &p.biblio;
    let thesis_or_report = matches!(p.kind, Some(PaperKind::Thesis | PaperKind::Report));
    let (container_title, publisher) = if thesis_or_report {
        (
            None,
            borrowed(&b.institution).or_else(|| borrowed(&p.venue)),
        )
    } else {
        (
            p.venue.as_deref().map(|v| Cow::Owned(plain_inline(v))),
            borrowed(&b.publisher),
        )
    };
    // An arXiv preprint as Zotero files it: the archive as publisher, the id as number.
    let arxiv = p
        .link("arxiv")
        .and_then(arxiv_id)
        .filter(|_| matches!(p.kind, Some(PaperKind::Preprint) | None) && p.venue.is_none());
    let (publisher, number) = match arxiv {
        Some(id) => (
            Some(Cow::Borrowed("arXiv")),
            Some(Cow::Owned(format!("arXiv:{id}"))),
        ),
        None => (publisher, borrowed(&b.number)),
    };
    let mut parts = vec![u64::from(p.date.year.unsigned_abs())];
    parts.extend(p.date.month.map(u64::from));
    if p.date.month.is_some() {
        parts.extend(p.date.day.map(u64::from));
    }
    Item {
        doi: p
            .link("doi")
            .map(|d| Cow::Borrowed(d.trim_start_matches("https://doi.org/"))),
        isbn: borrowed(&b.isbn),
        issn: borrowed(&b.issn),
        url: config
            .absolute_url(&format!("papers/{}/", p.slug))
            .map(Cow::Owned),
        r#abstract: (!p.abstract_text.is_empty())
            .then(|| Cow::Owned(plain_inline(&p.abstract_text))),
        author: p.authors.iter().map(|a| Name::new(&a.parts)).collect(),
        container_title,
        edition: borrowed(&b.edition),
        editor: (!editors.is_empty()).then(|| editors.iter().map(Name::new).collect()),
        // A proceedings' `address` is where the conference met.
        event_place: borrowed(&b.address).filter(|_| p.kind == Some(PaperKind::Conference)),
        genre: borrowed(&b.thesis_type),
        id: Some(Cow::Borrowed(&p.cite_key)),
        issue: borrowed(&b.issue),
        issued: Issued {
            date_parts: [parts],
        },
        note: borrowed(&b.reference_note),
        number,
        page: borrowed(&b.pages),
        publisher,
        publisher_place: borrowed(&b.address),
        title: Some(Cow::Owned(plain_inline(&p.title))),
        r#type: csl_type(p),
        volume: borrowed(&b.volume),
    }
}

/// `papers.json`: every paper, in the order of `papers.bib`, written as each
/// item is made.
pub fn papers_json<'a>(papers: impl Iterator<Item = &'a Paper>, config: &Config) -> String {
    let mut out = Vec::with_capacity(64 * 1024);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    let mut seq = match serde::Serializer::serialize_seq(&mut ser, None) {
        Ok(seq) => seq,
        Err(_) => return "[]\n".into(),
    };
    for p in papers {
        let editors: Vec<NameParts> = p
            .biblio
            .editors
            .iter()
            .map(|e| NameParts::guess(e))
            .collect();
        if serde::ser::SerializeSeq::serialize_element(&mut seq, &item(p, &editors, config))
            .is_err()
        {
            return "[]\n".into();
        }
    }
    if serde::ser::SerializeSeq::end(seq).is_err() {
        return "[]\n".into();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_else(|_| "[]\n".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Biblio, Link};
    use crate::scholar::reference::tests::paper;

    fn item_of(p: &Paper) -> serde_json::Value {
        let path = std::path::Path::new("site.yaml");
        let raw = crate::load::parse_yaml(path, "title: T\nbase_url: https://x.org/\n").unwrap();
        let config = Config::resolve(raw, None, path, &mut Vec::new());
        serde_json::to_value(item(p, &[], &config)).unwrap()
    }

    // Zotero's convention, which citeproc-js's APA style cites as
    // "(arXiv:2001.08361). arXiv.": the archive is the publisher, the id the number.
    #[test]
    fn an_arxiv_preprint_names_its_archive_and_number() {
        let mut p = paper(PaperKind::Preprint, None, "2020", Biblio::default());
        p.links.push(Link {
            kind: "arxiv",
            label: "arXiv".into(),
            url: "https://arxiv.org/abs/2001.08361".into(),
        });
        let item = item_of(&p);
        assert_eq!(item["publisher"], "arXiv");
        assert_eq!(item["number"], "arXiv:2001.08361");
    }

    // A proceedings' address is where the conference met: IEEE prints it from
    // `event-place`, ACM from `publisher-place`.
    #[test]
    fn a_conference_address_is_its_event_place_too() {
        let biblio = Biblio {
            address: Some("San Diego, CA".into()),
            ..Biblio::default()
        };
        let p = paper(PaperKind::Conference, Some("COLT"), "2007", biblio.clone());
        let item = item_of(&p);
        assert_eq!(item["event-place"], "San Diego, CA");
        assert_eq!(item["publisher-place"], "San Diego, CA");
        let p = paper(PaperKind::Book, None, "2007", biblio);
        assert!(item_of(&p).get("event-place").is_none());
    }
}
