//! The three sources of citation counts, as addresses to ask and answers to
//! read: OpenAlex (works and authors, with counts per year), Semantic Scholar
//! (the graph API's paper lookup) and Crossref (`is-referenced-by-count`).
//! Pure: no network here, `http` does the asking.
//!
//! The base addresses can be changed with environment variables, for tests
//! only (they point folio at a local server replaying recorded answers):
//! `FOLIO_TEST_OPENALEX_URL`, `FOLIO_TEST_SEMANTIC_SCHOLAR_URL`,
//! `FOLIO_TEST_CROSSREF_URL`, `FOLIO_TEST_ORCID_URL`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::encode_path;
use super::http::Request;
use crate::model::config::MetricsSource;

/// What a source was asked about a paper: one identifier, or the title.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Doi(String),
    Arxiv(String),
    OpenAlex(String),
    SemanticScholar(String),
    /// Exact title, year and first author's family name.
    Title {
        title: String,
        year: i32,
        family: String,
    },
}

impl Key {
    /// The name written as `matched_by`.
    pub fn kind(&self) -> &'static str {
        match self {
            Key::Doi(_) => "doi",
            Key::Arxiv(_) => "arxiv",
            Key::OpenAlex(_) => "openalex",
            Key::SemanticScholar(_) => "semantic_scholar",
            Key::Title { .. } => "title",
        }
    }
}

/// A paper's counts as one source gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkCounts {
    pub citations: u64,
    /// Citations received per year (OpenAlex only).
    pub by_year: BTreeMap<i32, u64>,
    /// Identifiers the answer carries: `openalex`, `doi`, `semantic_scholar`, `arxiv`.
    pub ids: BTreeMap<String, String>,
    pub title: String,
    pub year: Option<i32>,
    /// Family names of the authors, in order (title matching).
    pub first_author: Option<String>,
}

/// An author's record in OpenAlex.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorCounts {
    /// `openalex` (`A123`) and `orcid`.
    pub ids: BTreeMap<String, String>,
    pub name: String,
    pub affiliation: Option<String>,
    pub works_count: u64,
    pub citations: u64,
    pub h_index: u64,
    pub i10_index: u64,
    pub by_year: BTreeMap<i32, u64>,
}

/// A source's base address: the public one, or the test override.
pub fn base(source: &str) -> String {
    let (var, default) = match source {
        "openalex" => ("FOLIO_TEST_OPENALEX_URL", "https://api.openalex.org"),
        "semantic_scholar" => (
            "FOLIO_TEST_SEMANTIC_SCHOLAR_URL",
            "https://api.semanticscholar.org",
        ),
        "crossref" => ("FOLIO_TEST_CROSSREF_URL", "https://api.crossref.org"),
        _ => ("FOLIO_TEST_ORCID_URL", "https://pub.orcid.org"),
    };
    std::env::var(var)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
        .trim_end_matches('/')
        .to_string()
}

/// The single lookup of a paper in a source, when the source can look this
/// key up. OpenAlex finds an arXiv paper by the DOI arXiv registers for it.
pub fn work_request(source: MetricsSource, key: &Key) -> Option<Request> {
    let url = match (source, key) {
        (MetricsSource::OpenAlex, Key::Doi(doi)) => {
            format!("{}/works/doi:{}", base("openalex"), encode_path(doi))
        }
        (MetricsSource::OpenAlex, Key::Arxiv(id)) => format!(
            "{}/works/doi:10.48550/arxiv.{}",
            base("openalex"),
            encode_path(id)
        ),
        (MetricsSource::OpenAlex, Key::OpenAlex(id)) => {
            format!("{}/works/{}", base("openalex"), encode_path(id))
        }
        (MetricsSource::OpenAlex, Key::Title { title, year, .. }) => format!(
            "{}/works?filter=title.search:{},publication_year:{year}&per_page=25",
            base("openalex"),
            super::encode_query(&title.replace([',', '|', ':'], " "))
        ),
        (MetricsSource::SemanticScholar, k) => format!(
            "{}/graph/v1/paper/{}?fields={S2_FIELDS}",
            base("semantic_scholar"),
            encode_path(&s2_id(k)?)
        ),
        (MetricsSource::Crossref, Key::Doi(doi)) => {
            format!("{}/works/{}", base("crossref"), encode_path(doi))
        }
        _ => return None,
    };
    Some(Request::get(url))
}

/// The fields asked of Semantic Scholar.
const S2_FIELDS: &str = "title,year,citationCount,externalIds,authors";

/// How many ids one Semantic Scholar batch may hold.
pub const S2_BATCH: usize = 500;

/// A key as Semantic Scholar names papers (`DOI:...`, `ARXIV:...`, its own id).
pub fn s2_id(key: &Key) -> Option<String> {
    match key {
        Key::Doi(doi) => Some(format!("DOI:{doi}")),
        Key::Arxiv(id) => Some(format!("ARXIV:{id}")),
        Key::SemanticScholar(id) => Some(id.clone()),
        _ => None,
    }
}

/// Semantic Scholar's batch lookup: one POST for up to 500 ids.
pub fn s2_batch_request(ids: &[String]) -> Request {
    Request::post_json(
        format!(
            "{}/graph/v1/paper/batch?fields={S2_FIELDS}",
            base("semantic_scholar")
        ),
        serde_json::json!({ "ids": ids }).to_string(),
    )
}

/// The batch answer: one entry per id asked, in order (`null` when unknown).
pub fn parse_s2_batch(body: &str, asked: usize) -> Result<Vec<Option<WorkCounts>>, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let list = v.as_array().ok_or("not a list")?;
    if list.len() != asked {
        return Err(format!("{} answers for {asked} ids", list.len()));
    }
    list.iter()
        .map(|p| {
            if p.is_null() {
                Ok(None)
            } else {
                s2_work(p).map(Some)
            }
        })
        .collect()
}

/// One OpenAlex filter query for up to 100 DOIs (a list query: it costs
/// credits, so only with a key, where it saves requests).
pub fn openalex_batch(dois: &[String]) -> Request {
    let values: Vec<String> = dois.iter().map(|d| super::encode_query(d)).collect();
    Request::get(format!(
        "{}/works?filter=doi:{}&per_page=100",
        base("openalex"),
        values.join("%7C")
    ))
}

/// An author's record in OpenAlex, by ORCID or OpenAlex id.
pub fn author_request(key: &str) -> Request {
    Request::get(format!("{}/authors/{}", base("openalex"), encode_path(key)))
}

/// One page of an OpenAlex author's works (`--discover`).
pub fn author_works_request(author: &str, cursor: &str) -> Request {
    Request::get(format!(
        "{}/works?filter=author.id:{}&per_page=100&cursor={}",
        base("openalex"),
        encode_path(author),
        super::encode_query(cursor)
    ))
}

/// A person's public ORCID record (v3.0, JSON).
pub fn orcid_request(orcid: &str) -> Request {
    let mut r = Request::get(format!(
        "{}/v3.0/{}/record",
        base("orcid"),
        encode_path(orcid)
    ));
    r.headers.push(("Accept".into(), "application/json".into()));
    r
}

/// Reads an answer of `source` about one work. `Err` is a body folio cannot
/// read (not JSON, or no count where one must be).
pub fn parse_work(source: MetricsSource, body: &str) -> Result<WorkCounts, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    match source {
        MetricsSource::OpenAlex => openalex_work(&v),
        MetricsSource::SemanticScholar => s2_work(&v),
        MetricsSource::Crossref => crossref_work(&v),
    }
}

/// The works of a list answer, each read and as given, and the next cursor.
pub type WorkList = (Vec<(WorkCounts, Value)>, Option<String>);

/// The works of an OpenAlex list answer (`{"results": [...]}`), and the next cursor.
pub fn parse_openalex_list(body: &str) -> Result<WorkList, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or("no `results` list")?;
    let works = results
        .iter()
        .map(|w| openalex_work(w).map(|c| (c, w.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let next = v
        .pointer("/meta/next_cursor")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((works, next))
}

fn count(v: &Value, key: &str) -> Result<u64, String> {
    v.get(key)
        .and_then(Value::as_u64)
        .filter(|n| *n <= crate::model::schema::MAX_COUNT)
        .ok_or_else(|| format!("no whole number `{key}`"))
}

fn openalex_work(v: &Value) -> Result<WorkCounts, String> {
    let citations = count(v, "cited_by_count")?;
    let mut ids = BTreeMap::new();
    if let Some(id) = v.get("id").and_then(Value::as_str) {
        ids.insert("openalex".into(), short_openalex(id));
    }
    if let Some(doi) = v.get("doi").and_then(Value::as_str) {
        let doi = bare_doi(doi);
        if let Some(arxiv) = doi.strip_prefix("10.48550/arxiv.") {
            ids.insert("arxiv".into(), arxiv.to_string());
        }
        ids.insert("doi".into(), doi);
    }
    let family = v
        .pointer("/authorships/0/author/display_name")
        .and_then(Value::as_str)
        .map(family_of);
    Ok(WorkCounts {
        citations,
        by_year: by_year(v),
        ids,
        title: v
            .get("title")
            .or_else(|| v.get("display_name"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        year: v
            .get("publication_year")
            .and_then(Value::as_i64)
            .map(|y| y as i32),
        first_author: family,
    })
}

/// `counts_by_year: [{year, cited_by_count}]` as a map.
fn by_year(v: &Value) -> BTreeMap<i32, u64> {
    v.get("counts_by_year")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let year = e.get("year")?.as_i64()?;
            let n = e.get("cited_by_count")?.as_u64()?;
            (1000..=9999)
                .contains(&year)
                .then_some((year as i32, n.min(crate::model::schema::MAX_COUNT)))
        })
        .collect()
}

fn s2_work(v: &Value) -> Result<WorkCounts, String> {
    let citations = count(v, "citationCount")?;
    let mut ids = BTreeMap::new();
    if let Some(id) = v.get("paperId").and_then(Value::as_str) {
        ids.insert("semantic_scholar".into(), id.to_string());
    }
    if let Some(doi) = v.pointer("/externalIds/DOI").and_then(Value::as_str) {
        ids.insert("doi".into(), bare_doi(doi));
    }
    if let Some(a) = v.pointer("/externalIds/ArXiv").and_then(Value::as_str) {
        ids.insert("arxiv".into(), a.to_string());
    }
    Ok(WorkCounts {
        citations,
        ids,
        title: v.get("title").and_then(Value::as_str).unwrap_or("").into(),
        year: v.get("year").and_then(Value::as_i64).map(|y| y as i32),
        first_author: v
            .pointer("/authors/0/name")
            .and_then(Value::as_str)
            .map(family_of),
        ..WorkCounts::default()
    })
}

fn crossref_work(v: &Value) -> Result<WorkCounts, String> {
    let m = v.get("message").ok_or("no `message`")?;
    let citations = count(m, "is-referenced-by-count")?;
    let mut ids = BTreeMap::new();
    if let Some(doi) = m.get("DOI").and_then(Value::as_str) {
        ids.insert("doi".into(), bare_doi(doi));
    }
    Ok(WorkCounts {
        citations,
        ids,
        title: m
            .pointer("/title/0")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        year: m
            .pointer("/issued/date-parts/0/0")
            .and_then(Value::as_i64)
            .map(|y| y as i32),
        first_author: m
            .pointer("/author/0/family")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..WorkCounts::default()
    })
}

/// Reads an OpenAlex author.
pub fn parse_author(body: &str) -> Result<AuthorCounts, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON ({e})"))?;
    let stats = v.get("summary_stats").ok_or("no `summary_stats`")?;
    let mut ids = BTreeMap::new();
    if let Some(id) = v.get("id").and_then(Value::as_str) {
        ids.insert("openalex".into(), short_openalex(id));
    }
    if let Some(o) = v.get("orcid").and_then(Value::as_str) {
        ids.insert(
            "orcid".into(),
            o.trim_start_matches("https://orcid.org/").to_string(),
        );
    }
    let affiliation = v
        .pointer("/last_known_institutions/0/display_name")
        .or_else(|| v.pointer("/affiliations/0/institution/display_name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(AuthorCounts {
        ids,
        name: v
            .get("display_name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        affiliation,
        works_count: count(&v, "works_count")?,
        citations: count(&v, "cited_by_count")?,
        h_index: count(stats, "h_index")?,
        i10_index: count(stats, "i10_index")?,
        by_year: by_year(&v),
    })
}

/// `https://openalex.org/W123` -> `W123`.
pub fn short_openalex(id: &str) -> String {
    id.trim()
        .trim_start_matches("https://openalex.org/")
        .trim_start_matches("http://openalex.org/")
        .to_ascii_uppercase()
}

/// A DOI without its resolver prefix, lower-cased (DOIs ignore case).
pub fn bare_doi(doi: &str) -> String {
    let d = doi.trim();
    let lower = d.to_ascii_lowercase();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    lower
}

/// The family name of `Given Family` (the last word), or of `Family, Given`.
pub fn family_of(name: &str) -> String {
    match name.split_once(',') {
        Some((family, _)) => family.trim().to_string(),
        None => name.split_whitespace().last().unwrap_or("").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_openalex_work_gives_counts_per_year_and_identifiers() {
        let body = r#"{"id":"https://openalex.org/W2741809807","doi":"https://doi.org/10.48550/arXiv.1706.03762",
            "title":"Attention","publication_year":2017,"cited_by_count":120,
            "authorships":[{"author":{"display_name":"Ashish Vaswani"}}],
            "counts_by_year":[{"year":2024,"cited_by_count":50},{"year":2023,"cited_by_count":40}]}"#;
        let w = parse_work(MetricsSource::OpenAlex, body).unwrap();
        assert_eq!(w.citations, 120);
        assert_eq!(w.by_year, BTreeMap::from([(2023, 40), (2024, 50)]));
        assert_eq!(w.ids["openalex"], "W2741809807");
        assert_eq!(w.ids["arxiv"], "1706.03762");
        assert_eq!(w.first_author.as_deref(), Some("Vaswani"));
    }

    #[test]
    fn a_batch_answer_is_one_entry_per_id_asked() {
        let body = r#"[{"paperId":"abc","citationCount":4,"externalIds":{"DOI":"10.1/X"}},null]"#;
        let got = parse_s2_batch(body, 2).unwrap();
        assert_eq!(got[0].as_ref().map(|w| w.citations), Some(4));
        assert!(got[1].is_none());
        assert!(
            parse_s2_batch(body, 3)
                .unwrap_err()
                .contains("2 answers for 3 ids")
        );
    }

    #[test]
    fn bodies_without_a_count_are_refused() {
        assert!(parse_work(MetricsSource::Crossref, r#"{"message":{}}"#).is_err());
        assert!(parse_work(MetricsSource::SemanticScholar, "<html>").is_err());
        let w = parse_work(
            MetricsSource::Crossref,
            r#"{"status":"ok","message":{"DOI":"10.1/X","is-referenced-by-count":7}}"#,
        )
        .unwrap();
        assert_eq!((w.citations, w.ids["doi"].as_str()), (7, "10.1/x"));
    }
}
