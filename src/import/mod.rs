//! `folio import`: papers from BibTeX or a citation export (OpenAlex, Semantic
//! Scholar, ORCID, CSL-JSON) become `papers/<slug>.yaml` files.
//!
//! Parsing is pure, one module per format, each returning papers and located
//! diagnostics. This module reads the input and the site's existing papers,
//! decides for each paper whether it is new, a duplicate to merge, or unchanged,
//! and writes the files (unless it is a dry run). Nothing is ever overwritten
//! blindly: see `merge` for the re-import rules.

mod bibtex;
mod combine;
mod csl;
mod json;
mod latex;

pub(crate) use latex::fold_ascii;
mod merge;
mod names;
mod openalex;
mod orcid;
mod paper;
mod position;
mod semantic_scholar;
mod site;
mod yaml;

use std::path::{Path, PathBuf};

pub use paper::{Citations, ImportedPaper, hash, scheme_less_host};

use crate::error::{Diagnostic, Error, Result, io_error};

/// The formats `folio import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// BibTeX or BibLaTeX (`.bib`).
    Bibtex,
    /// OpenAlex works JSON.
    #[value(name = "openalex")]
    OpenAlex,
    /// Semantic Scholar Graph API papers JSON.
    SemanticScholar,
    /// ORCID `/works` JSON or the full record (`/v3.0/<id>`).
    Orcid,
    /// CSL-JSON (Zotero, Mendeley, pandoc).
    CslJson,
}

impl Format {
    /// The name used on the command line and in `imported.from`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Bibtex => "bibtex",
            Format::OpenAlex => "openalex",
            Format::SemanticScholar => "semantic-scholar",
            Format::Orcid => "orcid",
            Format::CslJson => "csl-json",
        }
    }

    /// Recognises a format from the file name, then from its content.
    pub fn detect(path: &Path, text: &str) -> Option<Format> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["bib", "bibtex"].contains(&ext.to_ascii_lowercase().as_str()) {
            return Some(Format::Bibtex);
        }
        let start = text.trim_start();
        if start.starts_with(['@', '%']) {
            return Some(Format::Bibtex);
        }
        let root: serde_json::Value = serde_json::from_str(text).ok()?;
        let sample = match &root {
            serde_json::Value::Array(list) => list.first()?,
            object => object,
        };
        let has = |key: &str| sample.get(key).is_some() || root.get(key).is_some();
        if has("results") || has("authorships") || has("cited_by_count") {
            Some(Format::OpenAlex)
        } else if has("data") || has("paperId") || has("externalIds") {
            Some(Format::SemanticScholar)
        } else if has("group") || has("work-summary") || has("activities-summary") {
            Some(Format::Orcid)
        } else if has("issued") || has("container-title") || has("author") {
            Some(Format::CslJson)
        } else {
            None
        }
    }
}

/// Parses an input text in a format: papers, and a diagnostic for each entry
/// that could not be read. Pure: no disk, no site.
pub fn parse(format: Format, text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    match format {
        Format::Bibtex => bibtex::parse(text, path),
        Format::OpenAlex => openalex::parse(text, path),
        Format::SemanticScholar => semantic_scholar::parse(text, path),
        Format::Orcid => orcid::parse(text, path),
        Format::CslJson => csl::parse(text, path),
    }
}

/// What `folio import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The file to import.
    pub input: PathBuf,
    /// Its format; `None` recognises it from the file name or content.
    pub from: Option<Format>,
    /// The site folder (holding `site.yaml`).
    pub site: PathBuf,
    /// Report what would happen, write nothing.
    pub dry_run: bool,
    /// The date citation counts are "as of" (`YYYY-MM-DD`); default: the input
    /// file's modification date (UTC).
    pub as_of: Option<String>,
}

/// What an import did (or, in a dry run, would do). The library never prints:
/// the caller shows `diagnostics`, `lines` and `summary()`.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Entries that could not be imported (each has an error in `diagnostics`).
    pub skipped: usize,
    pub dry_run: bool,
    /// One line per imported entry: the file created, updated or left unchanged.
    pub lines: Vec<String>,
    /// Errors (skipped entries) and warnings, with file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The files written (or that would be), relative to the site.
    pub written: Vec<PathBuf>,
}

impl ImportReport {
    /// `imported N new, updated M, unchanged K, skipped S`.
    pub fn summary(&self) -> String {
        let counts = format!(
            "imported {} new, updated {}, unchanged {}, skipped {}",
            self.new, self.updated, self.unchanged, self.skipped
        );
        if self.dry_run {
            format!("dry run, nothing written: {counts}")
        } else {
            counts
        }
    }

    /// An error when entries were skipped, so that the command fails.
    pub fn into_result(self, input: &Path) -> Result<()> {
        if self.skipped == 0 {
            return Ok(());
        }
        let entries = if self.skipped == 1 {
            "entry"
        } else {
            "entries"
        };
        Err(Error::Import {
            input: input.to_path_buf(),
            message: format!(
                "{} {entries} skipped (see above); the rest was imported",
                self.skipped
            ),
        })
    }
}

/// `folio import`: reads the input, merges it into the site's `papers/`.
pub fn import(opts: &ImportOptions) -> Result<ImportReport> {
    if !opts.site.join("site.yaml").is_file() {
        return Err(Error::Import {
            input: opts.site.join("site.yaml"),
            message: "no site.yaml here: this folder is not a folio site".into(),
        });
    }
    let text = read_input(&opts.input)?;
    let format = match opts.from.or_else(|| Format::detect(&opts.input, &text)) {
        Some(f) => f,
        None => {
            return Err(Error::Import {
                input: opts.input.clone(),
                message: "cannot tell the format of this file: add --from bibtex, openalex, \
                          semantic-scholar, orcid or csl-json"
                    .into(),
            });
        }
    };
    let as_of = as_of(opts)?;
    let (mut papers, diagnostics) = parse(format, &text, &opts.input);
    let mut report = ImportReport {
        dry_run: opts.dry_run,
        skipped: diagnostics.iter().filter(|d| d.is_error()).count(),
        diagnostics,
        ..ImportReport::default()
    };
    if format == Format::Orcid {
        give_owner_authorship(opts, &mut papers, &mut report)?;
    }
    let mut site = site::SitePapers::scan(&opts.site, &mut report.diagnostics)?;
    for p in &mut papers {
        p.from = format.name().to_string();
        if let Some(c) = &mut p.citations {
            c.as_of = Some(as_of.clone());
        }
    }
    for (p, notes) in group_duplicates(papers) {
        site.import_one(&p, &notes, opts, &mut report)?;
    }
    report
        .diagnostics
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    Ok(report)
}

/// The input's records of one paper (same DOI, arXiv id, or title, year and
/// first author) combined into one, each with the notes on what was merged.
/// Ordered by file name, so that new files get the same names whatever the
/// order of the input.
fn group_duplicates(papers: Vec<ImportedPaper>) -> Vec<(ImportedPaper, Vec<String>)> {
    let mut index = paper::Index::default();
    let mut groups: Vec<Vec<ImportedPaper>> = Vec::new();
    for p in papers {
        let keys = p.keys();
        let n = match index.find(&keys) {
            Some((n, _)) => n,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        index.insert(&keys, n);
        groups[n].push(p);
    }
    let mut out: Vec<_> = groups
        .into_iter()
        .filter_map(combine::combine_all)
        .collect();
    out.sort_by_cached_key(|(p, _)| (p.slug(), paper::title_key(&p.title), p.date.clone()));
    out
}

/// Reads the input as UTF-8 (a byte-order mark is dropped).
fn read_input(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(io_error(path))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::Import {
        input: path.to_path_buf(),
        message: "the file is not UTF-8 text; save it as UTF-8".into(),
    })
}

/// The `as_of` date: given, or the input's modification date.
fn as_of(opts: &ImportOptions) -> Result<String> {
    if let Some(date) = &opts.as_of {
        return crate::model::PartialDate::parse(date)
            .map(|d| d.iso())
            .map_err(|message| Error::Import {
                input: PathBuf::from("--as-of"),
                message,
            });
    }
    let modified = std::fs::metadata(&opts.input)
        .and_then(|m| m.modified())
        .map_err(io_error(&opts.input))?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(utc_date(secs))
}

/// `YYYY-MM-DD` of a Unix time, in UTC (Howard Hinnant's civil-from-days).
fn utc_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// ORCID lists works without authors: they are the owner's, whose record it is.
fn give_owner_authorship(
    opts: &ImportOptions,
    papers: &mut Vec<ImportedPaper>,
    report: &mut ImportReport,
) -> Result<()> {
    let rel = Path::new("site.yaml");
    let text =
        std::fs::read_to_string(opts.site.join(rel)).map_err(io_error(&opts.site.join(rel)))?;
    let owner = crate::load::parse_yaml::<crate::model::config::SiteFile>(rel, &text)
        .map_err(|d| Error::Input(vec![d]))?
        .owner
        .map(|o| o.value);
    let Some(owner) = owner else {
        for p in papers.iter() {
            report.diagnostics.push(
                Diagnostic::error(
                    &opts.input,
                    p.line,
                    p.column,
                    "ORCID works have no author list",
                )
                .with_hint("set `owner:` in site.yaml: the owner becomes the author"),
            );
        }
        report.skipped += papers.len();
        papers.clear();
        return Ok(());
    };
    for p in papers {
        p.authors = vec![owner.clone()];
        p.author_parts.clear();
        p.first_family = None;
        p.authors_truncated = true;
        p.authors_are_placeholder = true;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_time_to_utc_date() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_793_491_199), "2026-10-31");
        assert_eq!(utc_date(1_793_491_200), "2026-11-01");
    }

    #[test]
    fn formats_are_recognised_by_name_and_content() {
        let p = Path::new("x.json");
        assert_eq!(
            Format::detect(Path::new("refs.bib"), ""),
            Some(Format::Bibtex)
        );
        assert_eq!(Format::detect(p, "\n@article{k,}"), Some(Format::Bibtex));
        assert_eq!(
            Format::detect(p, r#"{"results": []}"#),
            Some(Format::OpenAlex)
        );
        assert_eq!(
            Format::detect(p, r#"{"data": []}"#),
            Some(Format::SemanticScholar)
        );
        assert_eq!(Format::detect(p, r#"{"group": []}"#), Some(Format::Orcid));
        assert_eq!(
            Format::detect(p, r#"[{"title": "T", "issued": {"date-parts": [[2020]]}}]"#),
            Some(Format::CslJson)
        );
        assert_eq!(Format::detect(p, "[]"), None);
    }

    #[test]
    fn summary_names_every_count() {
        let r = ImportReport {
            new: 2,
            updated: 1,
            skipped: 1,
            ..ImportReport::default()
        };
        assert_eq!(
            r.summary(),
            "imported 2 new, updated 1, unchanged 0, skipped 1"
        );
    }
}
