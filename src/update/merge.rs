//! The new `data/metrics.yaml` from the old one and what this run found: new
//! values replace old ones, counts per year overwrite the years they cover and
//! keep the older years (so the history reaches further back than a source's
//! window), entries of papers and people the site no longer has are dropped,
//! and entries not found this time are kept as they were.

use std::collections::BTreeMap;

use super::sources::{AuthorCounts, Key};
use super::{Change, Hit, METRICS_FILE, SiteInput};
use crate::error::{Error, Result};
use crate::model::config::MetricsSource;
use crate::model::metrics_data::{
    AuthorMetrics, Day, MatchedBy, MetricsData, PaperMetrics, Source,
};

pub(super) struct Merged {
    pub data: MetricsData,
    pub changes: Vec<Change>,
}

pub(super) fn merge(
    site: &SiteInput,
    found: &BTreeMap<String, Hit>,
    people: &BTreeMap<String, AuthorCounts>,
    today: &str,
    notes: &mut Vec<String>,
) -> Merged {
    let day = Day::parse(today).unwrap_or_else(|_| Day::parse("1970-01-01").expect("a valid day"));
    let mut data = MetricsData::default();
    let mut changes = Vec::new();
    for p in &site.papers {
        let old = site.old.papers.get(&p.slug);
        let Some(hit) = found.get(&p.slug) else {
            if let Some(old) = old {
                data.papers.insert(p.slug.clone(), old.clone());
            }
            continue;
        };
        let new = paper_metrics(p, hit, old, &day);
        let how = match hit.key {
            Key::Title { .. } => format!("{} (title match)", hit.source.name()),
            _ => hit.source.name().to_string(),
        };
        let old_count = old.map(|o| o.citations);
        if old_count != Some(new.citations) {
            changes.push(Change {
                what: format!("paper {}", p.slug),
                field: "citations",
                old: old_count,
                new: new.citations,
                source: how,
            });
        }
        data.papers.insert(p.slug.clone(), new);
    }
    for a in &site.authors {
        let old = site.old.authors.get(&a.id);
        let Some(rec) = people.get(&a.id) else {
            if let Some(old) = old {
                data.authors.insert(a.id.clone(), old.clone());
            }
            continue;
        };
        let new = author_metrics(rec, old, &day);
        for (field, o, n) in [
            ("h_index", old.and_then(|o| o.h_index), new.h_index),
            ("i10_index", old.and_then(|o| o.i10_index), new.i10_index),
            ("citations", old.and_then(|o| o.citations), new.citations),
            (
                "works_count",
                old.and_then(|o| o.works_count),
                new.works_count,
            ),
        ] {
            if let Some(n) = n
                && o != Some(n)
            {
                changes.push(Change {
                    what: format!("author {}", a.id),
                    field,
                    old: o,
                    new: n,
                    source: "OpenAlex".into(),
                });
            }
        }
        if let (Some(first), Some(last)) = (
            new.citations_by_year.keys().next(),
            new.citations_by_year.keys().last(),
        ) {
            notes.push(format!(
                "author {}: citations received per year known for {first}-{last} in {METRICS_FILE}",
                a.id
            ));
        }
        data.authors.insert(a.id.clone(), new);
    }
    Merged { data, changes }
}

fn paper_metrics(
    p: &super::targets::PaperTarget,
    hit: &Hit,
    old: Option<&PaperMetrics>,
    day: &Day,
) -> PaperMetrics {
    // Identifiers the paper file does not give: learned, for the next run.
    let own: Vec<String> = p.own.clone();
    let mut ids = old.map(|o| o.ids.clone()).unwrap_or_default();
    for (kind, value) in &hit.counts.ids {
        ids.insert(kind.clone(), value.clone());
    }
    ids.retain(|kind, value| !own.contains(&format!("{kind}:{}", value.to_lowercase())));
    PaperMetrics {
        citations: hit.counts.citations,
        source: source(hit.source),
        as_of: day.clone(),
        matched_by: matched_by(&hit.key),
        ids,
        citations_by_year: accumulate(old.map(|o| &o.citations_by_year), &hit.counts.by_year),
    }
}

fn author_metrics(rec: &AuthorCounts, old: Option<&AuthorMetrics>, day: &Day) -> AuthorMetrics {
    AuthorMetrics {
        source: Source::OpenAlex,
        as_of: day.clone(),
        ids: rec.ids.clone(),
        h_index: Some(rec.h_index),
        i10_index: Some(rec.i10_index),
        citations: Some(rec.citations),
        works_count: Some(rec.works_count),
        citations_by_year: accumulate(old.map(|o| &o.citations_by_year), &rec.by_year),
    }
}

/// Old years kept, the years the source gives now overwritten.
fn accumulate(old: Option<&BTreeMap<i32, u64>>, new: &BTreeMap<i32, u64>) -> BTreeMap<i32, u64> {
    let mut out = old.cloned().unwrap_or_default();
    out.extend(new.iter().map(|(y, n)| (*y, *n)));
    out
}

fn source(s: MetricsSource) -> Source {
    match s {
        MetricsSource::OpenAlex => Source::OpenAlex,
        MetricsSource::SemanticScholar => Source::SemanticScholar,
        MetricsSource::Crossref => Source::Crossref,
    }
}

fn matched_by(k: &Key) -> MatchedBy {
    match k {
        Key::Doi(_) => MatchedBy::Doi,
        Key::Arxiv(_) => MatchedBy::Arxiv,
        Key::OpenAlex(_) => MatchedBy::OpenAlex,
        Key::SemanticScholar(_) => MatchedBy::SemanticScholar,
        Key::Title { .. } => MatchedBy::Title,
    }
}

/// The file's text: a header line, then the data, keys sorted.
pub(super) fn to_yaml(data: &MetricsData) -> Result<String> {
    let body = serde_saphyr::to_string(data)
        .map_err(|e| Error::Update(format!("cannot write {METRICS_FILE}: {e}")))?;
    Ok(format!(
        "# Written by `folio update`: do not edit by hand (values in paper and author files win).\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_old_years_and_takes_the_new_ones() {
        let old = BTreeMap::from([(2014, 3), (2015, 5), (2016, 9)]);
        let new = BTreeMap::from([(2016, 11), (2017, 20)]);
        assert_eq!(
            accumulate(Some(&old), &new),
            BTreeMap::from([(2014, 3), (2015, 5), (2016, 11), (2017, 20)])
        );
    }
}
