//! `folio update`: owns the network side of metrics. It reads the site's papers
//! and people (`targets`), asks the sources configured in `site.yaml` for
//! citation counts and author records (`sources`, through the retrying, caching
//! `http` client), and computes the new `data/metrics.yaml` (`merge`: per-year
//! history accumulated across runs). It also finds works the site lacks
//! (`discover`), and fetches a person's public record for `folio init
//! --orcid` (`profile`). It never writes: the caller writes the file it returns, so a
//! failed source leaves everything as it was.
//!
//! Exit codes (set by the binary from `Error::exit_code`): 3 when a source is
//! down, over budget, or answers what folio cannot read.

pub mod cache;
pub mod discover;
pub mod http;
mod merge;
pub mod profile;
pub mod sources;
pub mod targets;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, io_error};
use crate::model::config::{MetricsSettings, MetricsSource};
use crate::model::metrics_data::MetricsData;
use http::{Client, Fetched, Request};
use sources::{Key, WorkCounts};
use targets::PaperTarget;

/// Where the fetched metrics live, relative to the site.
pub const METRICS_FILE: &str = "data/metrics.yaml";

/// The environment variable holding the OpenAlex key (never written anywhere).
pub const KEY_VAR: &str = "OPENALEX_API_KEY";

/// What `folio update` is asked.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub site: PathBuf,
    /// The OpenAlex API key, from `OPENALEX_API_KEY`.
    pub api_key: Option<String>,
    /// `YYYY-MM-DD`: the `as_of` of every number fetched.
    pub today: String,
}

/// One number that changed (or appeared).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `paper <slug>` or `author <id>`.
    pub what: String,
    pub field: &'static str,
    pub old: Option<u64>,
    pub new: u64,
    /// The source, and how the paper was found when not by an identifier.
    pub source: String,
}

/// What a run found; `text` is the new `data/metrics.yaml`.
#[derive(Debug, Default)]
pub struct UpdateReport {
    pub changes: Vec<Change>,
    /// Things to tell: title matches, merged ids, hand values, papers not found.
    pub notes: Vec<String>,
    pub text: String,
    /// The file as it was (`None`: there was none).
    pub old_text: Option<String>,
    pub papers_found: usize,
    pub papers_total: usize,
}

impl UpdateReport {
    /// True when the file would change.
    pub fn changed(&self) -> bool {
        self.old_text.as_deref() != Some(self.text.as_str())
    }
}

/// The site as `update` needs it: settings, targets, the old file.
pub(crate) struct SiteInput {
    pub settings: MetricsSettings,
    pub papers: Vec<PaperTarget>,
    pub authors: Vec<targets::AuthorTarget>,
    pub old: MetricsData,
    pub old_text: Option<String>,
    pub raw: crate::load::RawSite,
}

/// Reads the site: its files must load without error, and `data/metrics.yaml`
/// must be readable when it exists.
pub(crate) fn read_site(root: &Path) -> Result<SiteInput> {
    if !root.join("site.yaml").is_file() {
        return Err(Error::Update(format!(
            "{}: no site.yaml here: this folder is not a folio site",
            root.display()
        )));
    }
    let mut diags = Vec::new();
    let raw = crate::load::load_site(root, &mut diags)?;
    if diags.iter().any(crate::Diagnostic::is_error) {
        return Err(Error::Input(diags));
    }
    let settings = raw
        .site
        .as_ref()
        .and_then(|s| s.value.metrics.clone())
        .unwrap_or(MetricsSettings {
            sources: MetricsSource::all(),
            not_mine: Vec::new(),
        });
    if settings.sources.is_empty() {
        return Err(Error::Update(
            "site.yaml: `metrics.sources` is empty; list at least one of openalex, \
             semantic_scholar, crossref"
                .into(),
        ));
    }
    let (old, old_text) = read_old(root)?;
    Ok(SiteInput {
        papers: targets::papers(&raw),
        authors: targets::authors(&raw),
        settings,
        old,
        old_text,
        raw,
    })
}

fn read_old(root: &Path) -> Result<(MetricsData, Option<String>)> {
    let rel = Path::new(METRICS_FILE);
    let path = root.join(rel);
    if !path.exists() {
        return Ok((MetricsData::default(), None));
    }
    let text = std::fs::read_to_string(&path).map_err(io_error(&path))?;
    let data =
        crate::load::parse_yaml::<MetricsData>(rel, &text).map_err(|d| Error::Input(vec![d]))?;
    Ok((data, Some(text)))
}

/// Runs an update: every paper and author asked, the new file computed.
/// `progress(done, total)` is called after each paper.
pub fn update(
    opts: &UpdateOptions,
    client: &mut Client,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<UpdateReport> {
    let site = read_site(&opts.site)?;
    let mut run = Run {
        client,
        key: opts.api_key.clone(),
        notes: Vec::new(),
        batch: BTreeMap::new(),
    };
    let sources = dedup(&site.settings.sources);
    if run.key.is_some() && sources.contains(&MetricsSource::OpenAlex) {
        run.prefetch_dois(&site.papers)?;
    }
    // Source by source, in order of preference: each asks only for the papers
    // the sources before it did not know, Semantic Scholar all in one batch.
    let mut found = BTreeMap::new();
    let total = site.papers.len() * sources.len() + site.authors.len();
    let mut done = 0;
    for &source in &sources {
        let pending: Vec<&PaperTarget> = site
            .papers
            .iter()
            .filter(|p| !found.contains_key(&p.slug))
            .collect();
        if source == MetricsSource::SemanticScholar {
            run.s2_batch(&pending, &mut found)?;
        } else {
            for p in &pending {
                if let Some(hit) = run.paper(p, source)? {
                    found.insert(p.slug.clone(), hit);
                }
                done += 1;
                progress(done, total);
            }
        }
        done += site.papers.len() - pending.len();
        progress(done, total);
    }
    for p in site.papers.iter().filter(|p| !found.contains_key(&p.slug)) {
        run.notes.push(format!(
            "paper {}: not found in {}; its old values are kept",
            p.slug,
            names(&sources)
        ));
    }
    let mut people = BTreeMap::new();
    for (i, a) in site.authors.iter().enumerate() {
        if let Some(rec) = run.author(a)? {
            people.insert(a.id.clone(), rec);
        }
        progress(site.papers.len() * sources.len() + i + 1, total);
    }
    let merged = merge::merge(&site, &found, &people, &opts.today, &mut run.notes);
    let text = merge::to_yaml(&merged.data)?;
    Ok(UpdateReport {
        changes: merged.changes,
        notes: run.notes,
        text,
        old_text: site.old_text,
        papers_found: found.len(),
        papers_total: site.papers.len(),
    })
}

/// A paper found: by which key, in which source, with what counts.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub source: MetricsSource,
    pub key: Key,
    pub counts: WorkCounts,
}

struct Run<'a> {
    client: &'a mut Client,
    key: Option<String>,
    notes: Vec<String>,
    /// With a key: OpenAlex works fetched by batched DOI queries.
    batch: BTreeMap<String, Option<WorkCounts>>,
}

impl Run<'_> {
    /// Adds the key (OpenAlex only) and asks.
    fn get(&mut self, source: MetricsSource, mut req: Request) -> Result<Fetched> {
        if source == MetricsSource::OpenAlex
            && let Some(key) = &self.key
        {
            req.secret_query = Some(("api_key".into(), key.clone()));
        }
        self.client.get(&req).map_err(|f| {
            Error::SourceFailed(format!(
                "{} did not answer ({}: {}); data/metrics.yaml is unchanged and the old \
                 values are kept; try again later",
                source.name(),
                f.what,
                f.reason
            ))
        })
    }

    fn malformed(source: MetricsSource, what: &str, why: &str) -> Error {
        Error::SourceFailed(format!(
            "{} sent an answer folio cannot read for {what}: {why}; data/metrics.yaml is \
             unchanged and the old values are kept",
            source.name()
        ))
    }

    /// With a key, one filter query per 100 DOIs instead of one lookup each.
    fn prefetch_dois(&mut self, papers: &[PaperTarget]) -> Result<()> {
        let dois: Vec<String> = papers
            .iter()
            .filter_map(|p| match p.keys.first() {
                Some(Key::Doi(d)) => Some(d.clone()),
                _ => None,
            })
            .collect();
        for chunk in dois.chunks(100) {
            for d in chunk {
                self.batch.insert(d.clone(), None);
            }
            let req = sources::openalex_batch(chunk);
            let body = match self.get(MetricsSource::OpenAlex, req)? {
                Fetched::Found(b) => b,
                Fetched::NotFound => continue,
            };
            let (works, _) = sources::parse_openalex_list(&body)
                .map_err(|e| Self::malformed(MetricsSource::OpenAlex, "a list of DOIs", &e))?;
            for (w, _) in works {
                if let Some(doi) = w.ids.get("doi").cloned()
                    && self.batch.contains_key(&doi)
                {
                    self.batch.insert(doi, Some(w));
                }
            }
        }
        Ok(())
    }

    /// The paper in `source`, by its first identifier that source can look
    /// up; by the title when it has none.
    fn paper(&mut self, p: &PaperTarget, source: MetricsSource) -> Result<Option<Hit>> {
        for key in p.keys.iter().chain(p.title.iter()) {
            if let Some(counts) = self.lookup(source, key, &p.slug)? {
                self.note_hit(p, source, key, &counts);
                return Ok(Some(Hit {
                    source,
                    key: key.clone(),
                    counts,
                }));
            }
        }
        Ok(None)
    }

    /// Every pending paper's Semantic Scholar ids in batches of 500; a paper
    /// takes the answer of its first id that is known.
    fn s2_batch(
        &mut self,
        pending: &[&PaperTarget],
        found: &mut BTreeMap<String, Hit>,
    ) -> Result<()> {
        let source = MetricsSource::SemanticScholar;
        let asked: Vec<(usize, &Key, String)> = pending
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.keys
                    .iter()
                    .filter_map(move |k| Some((i, k, sources::s2_id(k)?)))
            })
            .collect();
        let mut answers = Vec::new();
        for chunk in asked.chunks(sources::S2_BATCH) {
            let ids: Vec<String> = chunk.iter().map(|(_, _, id)| id.clone()).collect();
            let got = match self.get(source, sources::s2_batch_request(&ids))? {
                Fetched::Found(body) => sources::parse_s2_batch(&body, ids.len())
                    .map_err(|e| Self::malformed(source, "a batch of papers", &e))?,
                Fetched::NotFound => vec![None; ids.len()],
            };
            answers.extend(got);
        }
        for ((i, key, _), answer) in asked.into_iter().zip(answers) {
            let p = pending[i];
            if let Some(counts) = answer
                && !found.contains_key(&p.slug)
            {
                self.note_hit(p, source, key, &counts);
                let hit = Hit {
                    source,
                    key: key.clone(),
                    counts,
                };
                found.insert(p.slug.clone(), hit);
            }
        }
        Ok(())
    }

    fn lookup(
        &mut self,
        source: MetricsSource,
        key: &Key,
        slug: &str,
    ) -> Result<Option<WorkCounts>> {
        if let (MetricsSource::OpenAlex, Key::Doi(doi)) = (source, key)
            && let Some(hit) = self.batch.get(doi)
        {
            return Ok(hit.clone());
        }
        let Some(req) = sources::work_request(source, key) else {
            return Ok(None);
        };
        let body = match self.get(source, req)? {
            Fetched::Found(b) => b,
            Fetched::NotFound => return Ok(None),
        };
        let what = format!("paper {slug}");
        if let Key::Title {
            title,
            year,
            family,
        } = key
        {
            let (works, _) = sources::parse_openalex_list(&body)
                .map_err(|e| Self::malformed(source, &what, &e))?;
            return Ok(works.into_iter().map(|(w, _)| w).find(|w| {
                targets::same_title(&w.title, title)
                    && w.year == Some(*year)
                    && w.first_author
                        .as_deref()
                        .is_some_and(|f| targets::same_title(f, family))
            }));
        }
        sources::parse_work(source, &body)
            .map(Some)
            .map_err(|e| Self::malformed(source, &what, &e))
    }

    fn note_hit(&mut self, p: &PaperTarget, source: MetricsSource, key: &Key, w: &WorkCounts) {
        if let Key::Title { .. } = key {
            self.notes.push(format!(
                "paper {}: found in {} by its title, year and first author only ({}); \
                 check that it is the same work, or add its DOI",
                p.slug,
                source.name(),
                w.ids.get("openalex").map_or("", String::as_str)
            ));
        }
        if let (Key::OpenAlex(asked), Some(now)) = (key, w.ids.get("openalex"))
            && asked != now
        {
            self.notes.push(format!(
                "paper {}: OpenAlex merged {asked} into {now}; the new id is kept in {METRICS_FILE}",
                p.slug
            ));
        }
        if let Some(hand) = p.hand_citations {
            self.notes.push(format!(
                "paper {}: {} sets citations: {hand} by hand, which the site shows \
                 ({} {} is recorded in {METRICS_FILE})",
                p.slug,
                p.file.display(),
                source.name(),
                w.citations
            ));
        }
    }

    fn author(&mut self, a: &targets::AuthorTarget) -> Result<Option<sources::AuthorCounts>> {
        let Some(key) = &a.key else {
            self.notes.push(format!(
                "author {}: no ORCID or OpenAlex id in {} (links.orcid or links.openalex); \
                 no author record fetched",
                a.id,
                a.file.display()
            ));
            return Ok(None);
        };
        let body = match self.get(MetricsSource::OpenAlex, sources::author_request(key))? {
            Fetched::Found(b) => b,
            Fetched::NotFound => {
                self.notes
                    .push(format!("author {}: OpenAlex does not know {key}", a.id));
                return Ok(None);
            }
        };
        let rec = sources::parse_author(&body).map_err(|e| {
            Self::malformed(MetricsSource::OpenAlex, &format!("author {}", a.id), &e)
        })?;
        for (field, value) in &a.hand {
            self.notes.push(format!(
                "author {}: {} sets {field}: {value} by hand, which the site shows",
                a.id,
                a.file.display()
            ));
        }
        Ok(Some(rec))
    }
}

fn dedup(sources: &[MetricsSource]) -> Vec<MetricsSource> {
    let mut out = Vec::new();
    for s in sources {
        if !out.contains(s) {
            out.push(*s);
        }
    }
    out
}

fn names(sources: &[MetricsSource]) -> String {
    sources
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Percent-encodes a path segment (`/` kept: DOIs contain it).
pub fn encode_path(s: &str) -> String {
    encode(s, b"-._~/:")
}

/// Percent-encodes a query value.
pub fn encode_query(s: &str) -> String {
    encode(s, b"-._~")
}

fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
