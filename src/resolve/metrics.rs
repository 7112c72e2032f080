//! Bibliometrics: what can be computed from the listed papers (count, citations,
//! h-index, i10-index), merged with what an author declares and what `folio
//! update` fetched into `data/metrics.yaml`. A value written by hand wins and
//! keeps its source, then a fetched one (with its source and date), then the
//! computed one; a declared value that cannot be true of the listed papers is
//! warned about.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::i18n::Locale;
use crate::load::MetricsInput;
use crate::model::config::Config;
use crate::model::metrics_data::{AuthorMetrics, MatchedBy, PaperMetrics, Source};
use crate::model::schema::DeclaredMetric;
use crate::model::{Author, Bar, Metric, Paper};
use crate::text::{closest, safe_url, slugify};

/// A source's name as readers know it ("OpenAlex").
pub fn source_name(source: Source, locale: &Locale) -> &str {
    locale.text(match source {
        Source::OpenAlex => "metrics_source_openalex",
        Source::SemanticScholar => "metrics_source_semantic_scholar",
        Source::Crossref => "metrics_source_crossref",
    })
}

/// An "as of" date as readers see it: in the site's language when it is a
/// date (`2026-11-28` is `Nov 28, 2026`, `2026年11月28日`), else as written.
/// Its spaces do not break, so a date stays on one line.
pub(crate) fn shown_date(text: &str, locale: &Locale) -> String {
    match crate::model::PartialDate::parse(text) {
        Ok(d) => d.display(locale).replace(' ', "\u{a0}"),
        Err(_) => text.to_string(),
    }
}

/// "OpenAlex, as of Nov 28, 2026".
fn fetched_from(source: Source, as_of: &str, locale: &Locale) -> String {
    format!(
        "{}, {}",
        source_name(source, locale),
        locale.fill("as_of", &[("date", &shown_date(as_of, locale))])
    )
}

/// Where a fetched paper count comes from, in words; a match by title alone
/// says so, since it can be wrong.
fn paper_source(m: &PaperMetrics, locale: &Locale) -> String {
    let from = fetched_from(m.source, m.as_of.as_str(), locale);
    match m.matched_by {
        MatchedBy::Title => format!("{from}, {}", locale.text("matched_by_title")),
        _ => from,
    }
}

/// Gives each paper without a hand-written citation count the fetched one. A
/// slug of the file that no paper has is warned about, by its position.
pub fn apply_to_papers(
    papers: &mut [Paper],
    input: &MetricsInput,
    locale: &Locale,
    diags: &mut Vec<Diagnostic>,
) {
    let index: HashMap<&str, usize> = papers
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    let mut updates = Vec::new();
    for (slug, m) in &input.data.papers {
        match index.get(slug.as_str()) {
            Some(&i) => updates.push((i, m)),
            None => diags.push(unknown_key(
                input,
                "papers",
                slug,
                "paper",
                papers.iter().map(|p| p.slug.as_str()),
            )),
        }
    }
    for (i, m) in updates {
        let p = &mut papers[i];
        if p.citations.is_none() {
            p.citations = Some(m.citations);
            p.citations_source = Some(paper_source(m, locale));
        }
    }
}

/// Warns about the author ids of the file that the site has no file for.
pub fn check_authors<'a>(
    input: &MetricsInput,
    ids: impl Iterator<Item = &'a str> + Clone,
    diags: &mut Vec<Diagnostic>,
) {
    for id in input.data.authors.keys() {
        if !ids.clone().any(|known| known == id) {
            diags.push(unknown_key(input, "authors", id, "author", ids.clone()));
        }
    }
}

/// A warning that `data/metrics.yaml` names a paper or author the site lacks.
fn unknown_key<'a>(
    input: &MetricsInput,
    section: &str,
    key: &str,
    what: &str,
    known: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let (line, column) = input.position(section, key);
    let missing = match section {
        "authors" => format!("no authors/{key}.yaml here"),
        _ => format!("no paper has the slug `{key}`"),
    };
    let hint = match closest(key, known) {
        Some(best) => format!("did you mean `{best}`? `folio update` rewrites this file"),
        None => format!("{missing}: was it renamed or removed? `folio update` rewrites this file"),
    };
    Diagnostic::warning(
        &input.path,
        line,
        column,
        format!("{what} `{key}` is not on this site; its fetched metrics are not shown"),
    )
    .with_hint(hint)
}

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

/// Citations per year for the chart: received each year as declared by hand,
/// or else as fetched (the accumulated history), or else the per-paper counts
/// summed by publication year. Returns the bars, the string-table key of what
/// they count (`declared_per_year` and `fetched_per_year` count citations
/// received, `papers_per_year` those of the papers published each year), and
/// that said in words with the source and date.
pub fn by_year(
    declared: &BTreeMap<i32, u64>,
    fetched: Option<&AuthorMetrics>,
    papers: &[&Paper],
    locale: &Locale,
) -> (Vec<Bar>, &'static str, String) {
    let bars_of = |map: &BTreeMap<i32, u64>| {
        map.iter()
            .map(|(&year, &value)| Bar { year, value })
            .collect()
    };
    if !declared.is_empty() {
        let key = "declared_per_year";
        return (bars_of(declared), key, locale.text(key).into());
    }
    if let Some(f) = fetched.filter(|f| !f.citations_by_year.is_empty()) {
        let key = "fetched_per_year";
        let note = locale.fill(
            key,
            &[
                ("source", source_name(f.source, locale)),
                ("date", &shown_date(f.as_of.as_str(), locale)),
            ],
        );
        return (bars_of(&f.citations_by_year), key, note);
    }
    let mut sums: BTreeMap<i32, u64> = BTreeMap::new();
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
    let key = "papers_per_year";
    (bars, key, locale.text(key).into())
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
    fetched: Option<&AuthorMetrics>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Metric> {
    let locale = &config.locale;
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
                from_file: Option<u64>,
                computed: Option<u64>| {
        if let Some(m) = declared {
            Some(declared_metric(key, locale.text(label), &m.value, config))
        } else if let (Some(v), Some(f)) = (from_file, fetched) {
            Some(fetched_metric(key, locale.text(label), v, f, locale))
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
        fetched.and_then(|f| f.h_index),
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
        fetched.and_then(|f| f.citations),
        have_counts.then_some(total),
    ));
    let i10 = have_counts.then(|| i10_index(&counts));
    let i10_fetched = fetched.and_then(|f| f.i10_index);
    out.extend(pick(
        "i10-index",
        "metric_i10_index",
        &d.i10_index,
        i10_fetched,
        i10,
    ));
    for b in &author.badges {
        out.push(Metric {
            key: slugify(&b.label),
            label: b.label.clone(),
            value: format!("{}{}", b.value.0, b.unit.as_deref().unwrap_or("")),
            source: source_text(&b.source, locale),
            as_of: b.as_of.as_deref().map(|d| shown_date(d, locale)),
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

/// A value declared by hand; its `url` (checked when read) is a site path
/// under the base path, or an outside address as written.
fn declared_metric(key: &str, label: &str, m: &DeclaredMetric, config: &Config) -> Metric {
    let locale = &config.locale;
    Metric {
        key: key.into(),
        label: label.into(),
        value: locale.number(m.value),
        source: source_text(&m.source, locale),
        as_of: m.as_of.as_deref().map(|d| shown_date(d, locale)),
        source_url: m.url.as_deref().and_then(safe_url).map(|u| config.link(u)),
        definition: None,
    }
}

/// A value from `data/metrics.yaml`: its source named, dated, and linked to the
/// author's record there when the file knows its identifier.
fn fetched_metric(
    key: &str,
    label: &str,
    value: u64,
    f: &AuthorMetrics,
    locale: &Locale,
) -> Metric {
    Metric {
        key: key.into(),
        label: label.into(),
        value: locale.number(value),
        source: locale.fill("source_named", &[("source", source_name(f.source, locale))]),
        as_of: Some(shown_date(f.as_of.as_str(), locale)),
        source_url: record_url(f),
        definition: None,
    }
}

/// The public page of the author's record at the source, when its identifier
/// is known and looks like one (letters and digits only, so nothing else can
/// slip into the address).
fn record_url(f: &AuthorMetrics) -> Option<String> {
    let (key, base) = match f.source {
        Source::OpenAlex => ("openalex", "https://openalex.org/"),
        Source::SemanticScholar => (
            "semantic_scholar",
            "https://www.semanticscholar.org/author/",
        ),
        Source::Crossref => return None,
    };
    let id = f.ids.get(key)?;
    let id = id.rsplit('/').next().unwrap_or(id);
    (!id.is_empty() && id.len() <= 40 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| format!("{base}{id}"))
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
