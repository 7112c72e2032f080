//! Two records of one paper (a preprint and its published version, the same
//! work from two exports) become one without losing anything.
//!
//! The records are ordered by a written rank (docs/import.md): the kind first
//! (journal article, conference paper, book and chapter above thesis and report,
//! above preprint and misc), then the number of bibliographic fields, then the
//! later date, then a fixed order of the values so that the choice never depends
//! on the order the records came in. The winner supplies kind, venue, date and
//! title; the loser fills what the winner lacks; every identifier of both is
//! kept; the citation count is the larger of the two, with its source.

use std::cmp::Ordering;

use super::paper::{ImportedPaper, arxiv_from_doi, bare_doi, field_count, kind_name};
use crate::model::schema::{PaperFile, PaperKind};

/// The rank of a kind: higher wins. A record without a kind ranks lowest.
pub fn kind_rank(kind: Option<PaperKind>) -> u8 {
    match kind {
        Some(PaperKind::Article | PaperKind::Conference | PaperKind::Book | PaperKind::Chapter) => {
            3
        }
        Some(PaperKind::Thesis | PaperKind::Report) => 2,
        Some(PaperKind::Preprint | PaperKind::Misc) => 1,
        None => 0,
    }
}

/// A total order on records of one paper: `Greater` when `a` should supply the
/// kind, venue, date and title.
pub fn compare(a: &ImportedPaper, b: &ImportedPaper) -> Ordering {
    kind_rank(a.kind)
        .cmp(&kind_rank(b.kind))
        .then_with(|| field_count(a).cmp(&field_count(b)))
        .then_with(|| a.date.cmp(&b.date))
        // Equal so far: a fixed, arbitrary order, so the result never depends
        // on which record came first.
        .then_with(|| fingerprint(b).cmp(&fingerprint(a)))
}

/// What the winner of a merge keeps: so a record and a file it made compare
/// the same way.
fn fingerprint(p: &ImportedPaper) -> String {
    let kind = p.kind.map_or("", kind_name);
    let venue = p.venue.as_deref().unwrap_or("");
    format!("{}|{:?}|{kind}|{venue}|{}", p.from, p.id, p.title)
}

/// Why `winner` outranks `loser`, in words.
pub fn reason(winner: &ImportedPaper, loser: &ImportedPaper) -> String {
    let kind = |p: &ImportedPaper| p.kind.map_or("a record without kind", kind_name);
    let (rw, rl) = (kind_rank(winner.kind), kind_rank(loser.kind));
    let (fw, fl) = (field_count(winner), field_count(loser));
    if rw != rl {
        format!("{} ranks above {}", kind(winner), kind(loser))
    } else if fw != fl {
        format!("more bibliographic fields, {fw} against {fl}")
    } else if winner.date != loser.date {
        format!("later date, {} against {}", winner.date, loser.date)
    } else {
        "equal rank, fields and date".to_string()
    }
}

/// Where a record comes from, for reports: `bibtex lstm`, `openalex line 3`.
pub fn source(p: &ImportedPaper) -> String {
    match (p.from.as_str(), &p.id) {
        ("", Some(id)) => id.clone(),
        (from, Some(id)) => format!("{from} {id}"),
        (from, None) => format!("{from} line {}", p.line),
    }
}

/// One record from two: `winner` must outrank (or equal) `loser` by [`compare`].
/// The winner's kind, venue, date and title are kept; any other field, and a
/// venue the winner lacks, may come from the loser.
pub fn combine(winner: &ImportedPaper, loser: &ImportedPaper) -> ImportedPaper {
    let mut out = winner.clone();
    out.own_fields = Some(field_count(winner));
    if author_quality(loser) > author_quality(winner) {
        out.authors = loser.authors.clone();
        out.author_parts = loser.author_parts.clone();
        out.first_family = loser.first_family.clone();
        out.authors_truncated = loser.authors_truncated;
        out.authors_are_placeholder = loser.authors_are_placeholder;
    }
    // What the winner lacks comes from the loser: a merge only ever adds, so
    // that the result is the same whichever record was on the site first.
    for (own, other) in [
        (&mut out.venue, &loser.venue),
        (&mut out.abstract_, &loser.abstract_),
        (&mut out.bibtex, &loser.bibtex),
        (&mut out.award, &loser.award),
        (&mut out.preview, &loser.preview),
    ] {
        if own.is_none() {
            own.clone_from(other);
        }
    }
    if out.kind.is_none() {
        out.kind = loser.kind;
    }
    out.selected |= loser.selected;
    merge_links(&mut out, loser);
    for (key, value) in &loser.biblio {
        out.biblio.entry(key).or_insert_with(|| value.clone());
    }
    if out.editors.is_empty() {
        out.editors.clone_from(&loser.editors);
    }
    for (name, id) in &loser.identifiers {
        out.identifiers.entry(name).or_insert_with(|| id.clone());
    }
    out.citations = match (&winner.citations, &loser.citations) {
        (Some(a), Some(b)) => {
            let key = |c: &super::Citations| (c.value, c.source.clone(), c.as_of.clone());
            Some(if key(b) > key(a) {
                b.clone()
            } else {
                a.clone()
            })
        }
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    if out.from.is_empty() {
        out.from = loser.from.clone();
        out.id = loser.id.clone();
    }
    out
}

/// A full, real author list is better than a truncated one or a placeholder.
fn author_quality(p: &ImportedPaper) -> (bool, bool, usize) {
    (
        !p.authors_are_placeholder,
        !p.authors_truncated,
        p.authors.len(),
    )
}

/// Links of the loser fill the winner's gaps; a second DOI is kept among the
/// other DOIs (an arXiv DOI also gives the arXiv id).
fn merge_links(out: &mut ImportedPaper, loser: &ImportedPaper) {
    let mut dois: Vec<String> = out.other_dois.clone();
    dois.extend(loser.other_dois.iter().cloned());
    for (kind, value) in &loser.links {
        match out.links.get(kind) {
            None => {
                out.links.insert(kind, value.clone());
            }
            Some(own) if *kind == "doi" && !own.eq_ignore_ascii_case(value) => {
                dois.push(value.clone())
            }
            Some(_) => {}
        }
    }
    if !out.links.contains_key("arxiv")
        && let Some(id) = dois.iter().find_map(|d| arxiv_from_doi(d))
    {
        out.links.insert("arxiv", id);
    }
    let own = out
        .links
        .get("doi")
        .and_then(|d| bare_doi(d))
        .map(|d| d.to_lowercase());
    // Spellings that differ only in case are one DOI: the smallest is kept.
    dois.sort();
    let mut seen = Vec::new();
    dois.retain(|d| {
        let key = bare_doi(d).unwrap_or_else(|| d.clone()).to_lowercase();
        let keep = own.as_deref() != Some(key.as_str()) && !seen.contains(&key);
        seen.push(key);
        keep
    });
    dois.sort_by_key(|d| d.to_lowercase());
    out.other_dois = dois;
}

/// Folds the records of one paper into one, best first; with one note per
/// record merged in, naming both sources and what was chosen.
pub fn combine_all(mut group: Vec<ImportedPaper>) -> Option<(ImportedPaper, Vec<String>)> {
    group.sort_by(|a, b| compare(b, a));
    let mut iter = group.into_iter();
    let mut acc = iter.next()?;
    let mut notes = Vec::new();
    for p in iter {
        notes.push(note(&acc, &p, "same paper"));
        acc = combine(&acc, &p);
    }
    Some((acc, notes))
}

/// `merged <loser> into <winner> (<why matched>): kind, venue, date and title
/// from <winner> (<why>)`, and where the citation count comes from.
pub fn note(winner: &ImportedPaper, loser: &ImportedPaper, matched: &str) -> String {
    let mut text = format!(
        "merged {} into {} ({matched}): kind, venue, date and title from {} ({})",
        source(loser),
        source(winner),
        source(winner),
        reason(winner, loser)
    );
    if let (Some(w), Some(l)) = (&winner.citations, &loser.citations)
        && l.value > w.value
    {
        text.push_str(&format!(
            "; citations {} ({}) from {}, the larger count",
            l.value,
            l.source,
            source(loser)
        ));
    }
    text
}

/// A paper file as the record it would be if it had been imported, to rank it
/// against an import and combine the two.
pub fn from_file(p: &PaperFile) -> ImportedPaper {
    let mut links = std::collections::BTreeMap::new();
    for (kind, url) in super::merge::file_links(p) {
        links.insert(kind, url);
    }
    ImportedPaper {
        id: p.imported.as_ref().and_then(|r| r.id.clone()),
        own_fields: p.imported.as_ref().and_then(|r| r.fields),
        from: p
            .imported
            .as_ref()
            .map_or_else(String::new, |r| r.from.clone()),
        title: p.title.value.clone(),
        date: p.date.value.0.clone(),
        authors: p.authors.iter().map(|a| a.value.name.clone()).collect(),
        author_parts: p.authors.iter().map(|a| a.value.parts.clone()).collect(),
        authors_truncated: p.authors_truncated,
        venue: p.venue.clone(),
        kind: p.kind,
        abstract_: p.abstract_.as_ref().map(|a| a.value.clone()),
        links,
        citations: p.citations.as_ref().map(|c| super::Citations {
            value: c.value,
            source: c.source.clone().unwrap_or_default(),
            as_of: c.as_of.clone(),
            url: c.url.clone(),
        }),
        bibtex: p.bibtex.clone(),
        selected: p.selected,
        award: p.award.clone(),
        preview: p.preview.as_ref().map(|v| v.value.clone()),
        biblio: super::merge::file_biblio(p)
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        editors: p.editors.clone(),
        other_dois: p.identifiers.dois.clone(),
        identifiers: p
            .identifiers
            .named()
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        ..ImportedPaper::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Citations;

    const KINDS: [Option<PaperKind>; 9] = [
        None,
        Some(PaperKind::Article),
        Some(PaperKind::Conference),
        Some(PaperKind::Preprint),
        Some(PaperKind::Book),
        Some(PaperKind::Chapter),
        Some(PaperKind::Thesis),
        Some(PaperKind::Report),
        Some(PaperKind::Misc),
    ];

    fn record(kind: Option<PaperKind>, date: &str) -> ImportedPaper {
        ImportedPaper {
            title: "Deep Nets".into(),
            date: date.into(),
            authors: vec!["Ann Lee".into()],
            kind,
            from: "bibtex".into(),
            ..ImportedPaper::default()
        }
    }

    // The written rank: published > thesis, report > preprint, misc > no kind,
    // whatever the fields and dates, for every pair of kinds.
    #[test]
    fn the_kind_rank_decides_over_every_pair_of_kinds() {
        let tier = |k: Option<PaperKind>| match k.map(kind_name) {
            Some("article" | "conference" | "book" | "chapter") => 3,
            Some("thesis" | "report") => 2,
            Some("preprint" | "misc") => 1,
            _ => 0,
        };
        for a in KINDS {
            for b in KINDS {
                // The lower-ranked record is richer and later: the kind still decides.
                let mut ra = record(a, "2019");
                let mut rb = record(b, "2021");
                rb.venue = Some("arXiv".into());
                rb.abstract_ = Some("Text.".into());
                let expected = tier(a).cmp(&tier(b));
                if expected != Ordering::Equal {
                    assert_eq!(compare(&ra, &rb), expected, "{a:?} vs {b:?}");
                    assert_eq!(compare(&rb, &ra), expected.reverse(), "{b:?} vs {a:?}");
                } else {
                    // Same tier: more fields win, then the later date.
                    assert_eq!(compare(&ra, &rb), Ordering::Less, "{a:?} vs {b:?}");
                    rb.venue = None;
                    rb.abstract_ = None;
                    assert_eq!(compare(&ra, &rb), Ordering::Less, "later date");
                    ra.date = "2021".into();
                    ra.id = Some("x".into());
                    assert_ne!(compare(&ra, &rb), Ordering::Equal, "always decided");
                }
            }
        }
    }

    // The journal article keeps its kind, venue, date, title and DOI; the
    // preprint's arXiv DOI, abstract and larger citation count are kept too.
    #[test]
    fn a_published_version_absorbs_its_preprint() {
        let mut article = record(Some(PaperKind::Article), "2020-05");
        article.title = "Deep Nets for All".into();
        article.venue = Some("Nature".into());
        article.links.insert("doi", "10.1038/x".into());
        article.citations = Some(Citations {
            value: 11,
            source: "openalex".into(),
            as_of: None,
            url: None,
        });
        let mut preprint = record(Some(PaperKind::Preprint), "2021-01");
        preprint.venue = Some("arXiv".into());
        preprint.abstract_ = Some("We study nets.".into());
        preprint
            .links
            .insert("doi", "10.48550/arXiv.2001.00001".into());
        preprint.citations = Some(Citations {
            value: 17,
            source: "google-scholar".into(),
            as_of: None,
            url: None,
        });
        for order in [
            vec![article.clone(), preprint.clone()],
            vec![preprint.clone(), article.clone()],
        ] {
            let (p, notes) = combine_all(order).unwrap();
            assert_eq!(p.kind, Some(PaperKind::Article));
            assert_eq!(p.venue.as_deref(), Some("Nature"));
            assert_eq!(p.title, "Deep Nets for All");
            assert_eq!(p.date, "2020-05");
            assert_eq!(p.links["doi"], "10.1038/x");
            assert_eq!(p.links["arxiv"], "2001.00001");
            assert_eq!(p.other_dois, ["10.48550/arXiv.2001.00001"]);
            assert_eq!(p.abstract_.as_deref(), Some("We study nets."));
            assert_eq!(p.citations.as_ref().unwrap().value, 17);
            assert_eq!(
                notes,
                [
                    "merged bibtex line 0 into bibtex line 0 (same paper): kind, venue, date and title from bibtex line 0 (article ranks above preprint); citations 17 (google-scholar) from bibtex line 0, the larger count"
                ]
            );
        }
    }

    // A real author list replaces a truncated one or the ORCID placeholder.
    #[test]
    fn the_fullest_author_list_is_kept() {
        let mut orcid = record(Some(PaperKind::Article), "2020");
        orcid.authors = vec!["Ada Lovelace".into()];
        orcid.authors_are_placeholder = true;
        let mut preprint = record(Some(PaperKind::Preprint), "2019");
        preprint.authors = vec!["Ann Lee".into(), "Ada Lovelace".into()];
        let p = combine(&orcid, &preprint);
        assert_eq!(p.authors, ["Ann Lee", "Ada Lovelace"]);
        assert!(!p.authors_are_placeholder);
    }
}
