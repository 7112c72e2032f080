//! `data/metrics.yaml`: the machine-owned file of fetched bibliometrics.
//!
//! `folio update` writes it (citation counts per paper, author records with
//! h-index and citations received per year, each with its source and date);
//! `folio build` reads it and never touches the network. Maps are `BTreeMap`s so
//! that the same data is always written in the same order, and every struct
//! denies unknown fields, like every hand-written input.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// The only format this folio reads and writes.
pub const FORMAT: u32 = 1;

/// The largest count the file may hold (as `schema::MAX_COUNT` for hand values).
pub const MAX_COUNT: u64 = crate::model::schema::MAX_COUNT;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsData {
    /// Always `1`; a newer format is refused with a hint to update folio.
    #[serde(deserialize_with = "format_version")]
    pub format: u32,
    /// Per paper, keyed by the paper's slug.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub papers: BTreeMap<String, PaperMetrics>,
    /// Per author record, keyed by the author id (`authors/<id>.yaml`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub authors: BTreeMap<String, AuthorMetrics>,
}

impl Default for MetricsData {
    fn default() -> Self {
        MetricsData {
            format: FORMAT,
            papers: BTreeMap::new(),
            authors: BTreeMap::new(),
        }
    }
}

/// Where a number was fetched from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Source {
    #[serde(rename = "openalex")]
    OpenAlex,
    #[serde(rename = "semantic_scholar")]
    SemanticScholar,
    #[serde(rename = "crossref")]
    Crossref,
}

impl Source {
    /// The key as written in the file and in `site.yaml`'s `metrics.sources`.
    pub fn key(self) -> &'static str {
        match self {
            Source::OpenAlex => "openalex",
            Source::SemanticScholar => "semantic_scholar",
            Source::Crossref => "crossref",
        }
    }
}

/// How a paper was found in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MatchedBy {
    #[serde(rename = "doi")]
    Doi,
    #[serde(rename = "arxiv")]
    Arxiv,
    #[serde(rename = "openalex")]
    OpenAlex,
    #[serde(rename = "semantic_scholar")]
    SemanticScholar,
    /// Exact title, year and first author: reported as such, since it can be wrong.
    #[serde(rename = "title")]
    Title,
}

/// A calendar day, `YYYY-MM-DD`, checked to exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(String);

impl Day {
    /// Parses `YYYY-MM-DD`; anything shorter or impossible is refused.
    pub fn parse(text: &str) -> Result<Day, String> {
        let date = crate::model::PartialDate::parse(text);
        match date {
            Ok(d) if d.day.is_some() => Ok(Day(d.iso())),
            Ok(_) => Err(format!(
                "date `{text}` needs a day: write YYYY-MM-DD, e.g. 2026-11-28"
            )),
            Err(_) => Err(format!(
                "date `{text}` is not valid: write YYYY-MM-DD, e.g. 2026-11-28"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Day::parse(&text).map_err(de::Error::custom)
    }
}

/// One paper's fetched numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperMetrics {
    #[serde(deserialize_with = "count")]
    pub citations: u64,
    pub source: Source,
    pub as_of: Day,
    pub matched_by: MatchedBy,
    /// Identifiers the source knows the paper by (`openalex: W...`, `doi: ...`),
    /// learned on a run so that the next one can look it up directly.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ids: BTreeMap<String, String>,
    /// Citations the paper received in each year.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "per_year"
    )]
    pub citations_by_year: BTreeMap<i32, u64>,
}

/// One author's fetched record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorMetrics {
    pub source: Source,
    pub as_of: Day,
    /// The identifiers the record was fetched by (`orcid`, `openalex`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ids: BTreeMap<String, String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_count"
    )]
    pub h_index: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_count"
    )]
    pub i10_index: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_count"
    )]
    pub citations: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_count"
    )]
    pub works_count: Option<u64>,
    /// Citations received in each year, accumulated across runs so that the
    /// history reaches further back than the source's window.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "per_year"
    )]
    pub citations_by_year: BTreeMap<i32, u64>,
}

fn format_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v != FORMAT {
        return Err(de::Error::custom(format!(
            "format {v} is not one this folio reads (it reads format {FORMAT}): \
             update folio, or run `folio update` to rewrite the file"
        )));
    }
    Ok(v)
}

fn check_count<E: de::Error>(value: u64) -> Result<u64, E> {
    if value > MAX_COUNT {
        return Err(E::custom(format!(
            "{value} is more than any real count (at most 1,000,000,000)"
        )));
    }
    Ok(value)
}

fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    check_count(u64::deserialize(d)?)
}

fn some_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<u64>::deserialize(d)?.map(check_count).transpose()
}

/// Years with four digits, counts within bounds.
fn per_year<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, u64>, D::Error> {
    let map = BTreeMap::<i32, u64>::deserialize(d)?;
    for (&year, &value) in &map {
        if !(1000..=9999).contains(&year) {
            return Err(de::Error::custom(format!(
                "year {year} is not a four-digit year"
            )));
        }
        check_count::<D::Error>(value)?;
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# Written by `folio update`: do not edit by hand.
format: 1
papers:
  attention-2017:
    citations: 1234
    source: openalex
    as_of: 2026-11-28
    matched_by: doi
    ids:
      openalex: W2963403868
    citations_by_year:
      2024: 300
      2025: 410
  workshop-note:
    citations: 3
    source: crossref
    as_of: 2026-11-28
    matched_by: title
authors:
  ada:
    source: openalex
    as_of: 2026-11-28
    ids:
      orcid: 0000-0002-1825-0097
      openalex: A5023888391
    h_index: 12
    i10_index: 14
    citations: 1530
    works_count: 31
    citations_by_year:
      2016: 4
      2025: 620
";

    fn parse(text: &str) -> Result<MetricsData, String> {
        crate::load::parse_yaml(std::path::Path::new("data/metrics.yaml"), text)
            .map_err(|d| d.to_string())
    }

    #[test]
    fn a_sample_file_round_trips() {
        let data = parse(SAMPLE).unwrap();
        assert_eq!(data.format, 1);
        let paper = &data.papers["attention-2017"];
        assert_eq!(paper.citations, 1234);
        assert_eq!(paper.source, Source::OpenAlex);
        assert_eq!(paper.as_of.as_str(), "2026-11-28");
        assert_eq!(paper.matched_by, MatchedBy::Doi);
        assert_eq!(paper.citations_by_year[&2025], 410);
        assert_eq!(data.papers["workshop-note"].matched_by, MatchedBy::Title);
        let ada = &data.authors["ada"];
        assert_eq!(ada.h_index, Some(12));
        assert_eq!(ada.ids["orcid"], "0000-0002-1825-0097");
        assert_eq!(
            ada.citations_by_year.keys().copied().collect::<Vec<_>>(),
            [2016, 2025]
        );
        // Serialized and read back, nothing is lost or reordered.
        let json = serde_json::to_string(&data).unwrap();
        let back: MetricsData = serde_json::from_str(&json).unwrap();
        assert_eq!(back, data);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        let typo = SAMPLE.replace("    matched_by: doi", "    matched: doi");
        assert!(parse(&typo).unwrap_err().contains("matched"));
        let source = SAMPLE.replace("source: crossref", "source: scholar");
        assert!(parse(&source).is_err());
        let date = SAMPLE.replace(
            "as_of: 2026-11-28\n    matched_by: title",
            "as_of: 2026-11\n    matched_by: title",
        );
        assert!(parse(&date).unwrap_err().contains("needs a day"));
        let newer = SAMPLE.replace("format: 1", "format: 2");
        assert!(parse(&newer).unwrap_err().contains("update folio"));
        let year = SAMPLE.replace("2016: 4", "16: 4");
        assert!(parse(&year).unwrap_err().contains("four-digit"));
    }
}
