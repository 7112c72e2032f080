//! Bibliometrics: what can be computed from the listed papers (count, citations,
//! h-index, i10-index), merged with what an author declares. A declared value wins
//! and keeps its source; one that cannot be true of the listed papers is warned about.

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::i18n::Locale;
use crate::model::schema::DeclaredMetric;
use crate::model::{Author, Bar, Metric, Paper};
use crate::text::slugify;

/// The h-index: the largest h such that h papers have at least h citations each.
pub fn h_index(counts: &[u64]) -> u64 {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted
        .iter()
        .enumerate()
        .take_while(|(i, c)| **c > *i as u64)
        .count() as u64
}

/// The i10-index: papers with at least ten citations.
pub fn i10_index(counts: &[u64]) -> u64 {
    counts.iter().filter(|c| **c >= 10).count() as u64
}

/// Metrics of a set of papers, each paper counted once (a lab's papers, however
/// many members wrote each): papers, citations and h-index from per-paper counts.
pub fn for_papers(papers: &[&Paper], locale: &Locale) -> Vec<Metric> {
    let counts: Vec<u64> = papers.iter().filter_map(|p| p.citations).collect();
    let n = papers.len();
    let metric = |key: &str, label: &str, value: u64, source: String| Metric {
        key: key.into(),
        label: locale.text(label).into(),
        value: locale.number(value),
        source,
        as_of: None,
        source_url: None,
        definition: None,
    };
    let mut out = vec![metric(
        "papers",
        "metric_papers",
        n as u64,
        locale.text("counted_from_papers").into(),
    )];
    if !counts.is_empty() {
        let source = locale.fill(
            "computed_from_counts",
            &[
                ("known", &locale.number(counts.len() as u64)),
                ("total", &locale.number(n as u64)),
            ],
        );
        out.push(metric(
            "citations",
            "metric_citations",
            sum_of(&counts),
            source.clone(),
        ));
        out.push(metric(
            "h-index",
            "metric_h_index",
            h_index(&counts),
            source,
        ));
    }
    out
}

/// Citations per year for the chart: as declared, or else the per-paper counts
/// summed by publication year. Returns the bars and the string-table key of how
/// they were obtained.
pub fn by_year(
    declared: &std::collections::BTreeMap<i32, u64>,
    papers: &[&Paper],
) -> (Vec<Bar>, &'static str) {
    if !declared.is_empty() {
        let bars = declared
            .iter()
            .map(|(&year, &value)| Bar { year, value })
            .collect();
        return (bars, "declared_per_year");
    }
    let mut sums: std::collections::BTreeMap<i32, u64> = std::collections::BTreeMap::new();
    for p in papers {
        if let Some(c) = p.citations {
            let sum = sums.entry(p.date.year).or_default();
            *sum = sum.saturating_add(c);
        }
    }
    let bars = sums
        .into_iter()
        .map(|(year, value)| Bar { year, value })
        .collect();
    (bars, "papers_per_year")
}

/// The sum of citation counts. Inputs are at most `schema::MAX_COUNT` each, so
/// this cannot overflow in practice; it saturates rather than wrap regardless.
fn sum_of(counts: &[u64]) -> u64 {
    counts.iter().fold(0, |sum, c| sum.saturating_add(*c))
}

/// The badges of an author, in display order: h-index, papers, citations,
/// i10-index, then the custom ones.
pub fn for_author(
    author: &Author,
    papers: &[&Paper],
    locale: &Locale,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Metric> {
    let counts: Vec<u64> = papers.iter().filter_map(|p| p.citations).collect();
    let n = papers.len() as u64;
    let computed_from = locale.fill(
        "computed_from_counts_listed",
        &[
            ("known", &locale.number(counts.len() as u64)),
            ("total", &locale.number(n)),
        ],
    );
    let have_counts = !counts.is_empty();
    let d = &author.declared;
    let mut out = Vec::new();
    let pick = |key: &str,
                label: &str,
                declared: &Option<Spanned<DeclaredMetric>>,
                computed: Option<u64>| {
        if let Some(m) = declared {
            Some(declared_metric(key, locale.text(label), &m.value, locale))
        } else {
            computed.map(|v| Metric {
                key: key.into(),
                label: locale.text(label).into(),
                value: locale.number(v),
                source: computed_from.clone(),
                as_of: None,
                source_url: None,
                definition: None,
            })
        }
    };
    out.extend(pick(
        "h-index",
        "metric_h_index",
        &d.h_index,
        have_counts.then(|| h_index(&counts)),
    ));
    out.push(Metric {
        key: "papers".into(),
        label: locale.text("metric_papers").into(),
        value: locale.number(n),
        source: locale.text("counted_from_papers_listed").into(),
        as_of: None,
        source_url: None,
        definition: None,
    });
    let total = sum_of(&counts);
    out.extend(pick(
        "citations",
        "metric_citations",
        &d.citations,
        have_counts.then_some(total),
    ));
    let i10 = have_counts.then(|| i10_index(&counts));
    out.extend(pick("i10-index", "metric_i10_index", &d.i10_index, i10));
    for b in &author.badges {
        out.push(Metric {
            key: slugify(&b.label),
            label: b.label.clone(),
            value: format!("{}{}", b.value.0, b.unit.as_deref().unwrap_or("")),
            source: source_text(&b.source, locale),
            as_of: b.as_of.clone(),
            source_url: None,
            definition: b.definition.clone(),
        });
    }
    check_declared(author, n, have_counts.then_some(total), diags);
    out
}

/// How a declared value's origin reads to a visitor.
fn source_text(source: &Option<String>, locale: &Locale) -> String {
    match source {
        Some(s) => locale.fill("source_named", &[("source", s)]),
        None => locale.text("declared_no_source").into(),
    }
}

fn declared_metric(key: &str, label: &str, m: &DeclaredMetric, locale: &Locale) -> Metric {
    Metric {
        key: key.into(),
        label: label.into(),
        value: locale.number(m.value),
        source: source_text(&m.source, locale),
        as_of: m.as_of.clone(),
        source_url: m.url.clone().filter(|u| crate::text::safe_url(u).is_some()),
        definition: None,
    }
}

/// Warns about declared values that the listed papers cannot support, unless a
/// source says they count papers not listed here.
fn check_declared(
    author: &Author,
    papers: u64,
    citations: Option<u64>,
    diags: &mut Vec<Diagnostic>,
) {
    let d = &author.declared;
    let warn = |m: &Spanned<DeclaredMetric>, msg: String, diags: &mut Vec<Diagnostic>| {
        diags.push(
            Diagnostic::warning(&author.source, m.referenced.line(), m.referenced.column(), msg)
                .with_hint("add `source:` (e.g. Google Scholar) and `as_of:` to show where the number comes from"),
        );
    };
    for (label, m) in [("h-index", &d.h_index), ("i10-index", &d.i10_index)] {
        if let Some(m) = m
            .as_ref()
            .filter(|m| m.value.source.is_none() && m.value.value > papers)
        {
            let msg = format!(
                "{label} {} cannot be true of the {papers} papers listed, and no source is given",
                m.value.value
            );
            warn(m, msg, diags);
        }
    }
    if let (Some(m), Some(total)) = (&d.citations, citations)
        && m.value.source.is_none()
        && m.value.value < total
    {
        let msg = format!(
            "citations {} is fewer than the {total} counted on the listed papers, and no source is given",
            m.value.value
        );
        warn(m, msg, diags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h_index_examples() {
        assert_eq!(h_index(&[]), 0);
        assert_eq!(h_index(&[0, 0]), 0);
        assert_eq!(h_index(&[10, 8, 5, 4, 3]), 4);
        assert_eq!(h_index(&[25, 8, 5, 3, 3]), 3);
        assert_eq!(h_index(&[100]), 1);
    }

    #[test]
    fn sums_saturate_instead_of_wrapping() {
        assert_eq!(sum_of(&[1 << 63, 1 << 63]), u64::MAX);
        assert_eq!(sum_of(&[2, 3]), 5);
    }

    #[test]
    fn i10_counts_papers_with_ten_or_more() {
        assert_eq!(i10_index(&[9, 10, 11, 0]), 2);
    }

    #[test]
    fn thousands_separators() {
        let l = Locale::english();
        assert_eq!(l.number(0), "0");
        assert_eq!(l.number(999), "999");
        assert_eq!(l.number(18213), "18,213");
        assert_eq!(l.number(1234567), "1,234,567");
    }
}
