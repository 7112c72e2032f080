//! The site side of an import: the paper files already in `papers/`, found
//! again by DOI, arXiv id or title, and the files created or merged into. New
//! files are created, never overwritten; updated files are replaced atomically.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::paper::{self, ImportedPaper};
use super::{ImportOptions, ImportReport, combine, merge};
use crate::error::{Diagnostic, Error, Result, io_error};
use crate::model::schema::PaperFile;

/// A paper file of the site, as far as matching and merging need it.
struct Existing {
    /// Relative to the site: `papers/x.yaml`.
    rel: PathBuf,
    text: String,
    /// The paper, for a one-paper file; a list file is matched but not edited.
    single: Option<PaperFile>,
}

/// The site's paper files and the slugs they use.
pub(super) struct SitePapers {
    root: PathBuf,
    files: Vec<Existing>,
    index: paper::Index,
    slugs: HashSet<String>,
}

impl SitePapers {
    /// Reads every paper file. One that cannot be parsed is reported as a warning
    /// and cannot be matched, but its name is still never reused.
    pub(super) fn scan(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<SitePapers> {
        let mut site = SitePapers {
            root: root.to_path_buf(),
            files: Vec::new(),
            index: paper::Index::default(),
            slugs: HashSet::new(),
        };
        let dir = root.join("papers");
        if !dir.is_dir() {
            return Ok(site);
        }
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Io {
                path: e.path().unwrap_or(&dir).to_path_buf(),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop")),
            })?;
            let name = entry.file_name().to_string_lossy();
            let ext = entry.path().extension().and_then(|e| e.to_str());
            if entry.file_type().is_file()
                && !crate::load::is_ignored_name(&name)
                && matches!(ext, Some("yaml" | "yml"))
            {
                paths.push(entry.into_path());
            }
        }
        // Parsing is the slow part on a site with thousands of papers.
        let parsed: Vec<_> = paths
            .par_iter()
            .map(|path| {
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let text = std::fs::read_to_string(path);
                let papers = text.as_ref().ok().map(|t| parse_papers(&rel, t));
                (rel, text, papers)
            })
            .collect();
        for (rel, text, papers) in parsed {
            let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
            site.slugs.insert(stem.to_lowercase());
            match (text, papers) {
                (Ok(text), Some(Ok((list, single)))) => site.add(rel, text, list, single),
                (Err(e), _) => {
                    diags.push(Diagnostic::warning(&rel, 0, 0, format!("cannot read: {e}")))
                }
                (_, Some(Err(d))) => diags.push(Diagnostic {
                    severity: crate::Severity::Warning,
                    message: format!(
                        "{}; this file is not matched against imported papers",
                        d.message
                    ),
                    ..d
                }),
                (Ok(_), None) => {}
            }
        }
        Ok(site)
    }

    fn add(&mut self, rel: PathBuf, text: String, mut list: Vec<PaperFile>, single: bool) {
        for p in &list {
            let slug = match &p.slug {
                Some(s) => s.value.clone(),
                None if !single => {
                    crate::text::slugify(&crate::markdown::plain_inline(&p.title.value))
                }
                None => String::new(),
            };
            if !slug.is_empty() {
                self.slugs.insert(slug.to_lowercase());
            }
            self.index
                .insert(&paper::MatchKeys::of_file(p), self.files.len());
        }
        let single = if single { list.pop() } else { None };
        self.files.push(Existing { rel, text, single });
    }

    /// Creates, merges into, or leaves alone the file for one imported paper.
    /// `notes` say which records of the input were merged into it; they are
    /// reported only when the file changes, so a re-import prints nothing.
    pub(super) fn import_one(
        &mut self,
        p: &ImportedPaper,
        notes: &[String],
        opts: &ImportOptions,
        report: &mut ImportReport,
    ) -> Result<()> {
        let source = match &p.id {
            Some(id) => format!("from {id}"),
            None => format!("from line {}", p.line),
        };
        let Some((i, reason)) = self.index.find(&p.keys()) else {
            report.lines.extend(notes.iter().cloned());
            return self.create(p, opts, report, &source);
        };
        let rel = self.files[i].rel.clone();
        let shown = display(&rel);
        for other in self
            .index
            .find_all(&p.keys())
            .into_iter()
            .filter(|n| *n != i)
        {
            report.diagnostics.push(
                Diagnostic::warning(
                    &opts.input,
                    p.line,
                    p.column,
                    format!(
                        "this paper is in two files, {shown} and {}: merged into the first only",
                        display(&self.files[other].rel)
                    ),
                )
                .with_hint("keep one of the two files and delete the other"),
            );
        }
        let Some(existing) = &self.files[i].single else {
            report.unchanged += 1;
            report.lines.push(format!(
                "unchanged {shown} ({source}, {reason}): a file with a list of papers is not edited"
            ));
            return Ok(());
        };
        // The file's record and the import are ranked like two imports.
        let mut own = combine::from_file(existing);
        own.line = p.line;
        if own.from.is_empty() {
            // Written by hand: named by its file; the import supplies provenance.
            own.id = Some(shown.clone());
        }
        // The record the file came from, imported again, speaks for itself.
        let same_record = own.from == p.from && own.id == p.id;
        let (winner, loser) = if !same_record && combine::compare(&own, p).is_ge() {
            (&own, p)
        } else {
            (p, &own)
        };
        let combined = combine::combine(winner, loser);
        let merged_note = combine::note(winner, loser, reason);
        let outcome = match merge::merge(existing, &self.files[i].text, &combined, &rel) {
            Ok(o) => o,
            Err(why) => {
                report.unchanged += 1;
                report.diagnostics.push(Diagnostic::warning(
                    &rel,
                    0,
                    0,
                    format!("not updated from {}: {why}", opts.input.display()),
                ));
                return Ok(());
            }
        };
        let kept = if outcome.kept.is_empty() {
            String::new()
        } else {
            format!("; kept as written: {}", outcome.kept.join(", "))
        };
        let Some((text, parsed)) = outcome.text else {
            report.unchanged += 1;
            return Ok(());
        };
        report.lines.extend(notes.iter().cloned());
        // A re-import of the record the file came from is an update, not a merge.
        if !outcome.updated.is_empty() && !same_record {
            report.lines.push(merged_note);
        }
        let changed = if outcome.updated.is_empty() {
            "provenance".to_string()
        } else {
            outcome.updated.join(", ")
        };
        let verb = if opts.dry_run {
            "would update"
        } else {
            "updated"
        };
        report.lines.push(format!(
            "{verb} {shown} ({source}, {reason}): {changed}{kept}"
        ));
        report.updated += 1;
        if !opts.dry_run {
            write_replacing(&self.root.join(&rel), &text)?;
        }
        report.written.push(rel);
        self.index.insert(&paper::MatchKeys::of_file(&parsed), i);
        self.files[i].single = Some(parsed);
        self.files[i].text = text;
        Ok(())
    }

    /// Writes a new file under a free slug: `<slug>`, else `<slug>-2`, `-3`...
    fn create(
        &mut self,
        p: &ImportedPaper,
        opts: &ImportOptions,
        report: &mut ImportReport,
        source: &str,
    ) -> Result<()> {
        let base = p.slug();
        let base = if base.is_empty() {
            "paper".to_string()
        } else {
            base
        };
        let slug = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|s| {
                !self.slugs.contains(s)
                    && !self.root.join("papers").join(format!("{s}.yaml")).exists()
            })
            .unwrap_or(base);
        let rel = Path::new("papers").join(format!("{slug}.yaml"));
        let (text, parsed) = match merge::new_file(p, &rel) {
            Ok(t) => t,
            Err(why) => {
                report.skipped += 1;
                report.diagnostics.push(Diagnostic::error(
                    &opts.input,
                    p.line,
                    p.column,
                    format!("cannot write this entry: {why}"),
                ));
                return Ok(());
            }
        };
        let verb = if opts.dry_run {
            "would create"
        } else {
            "created"
        };
        report
            .lines
            .push(format!("{verb} {} ({source})", display(&rel)));
        report.new += 1;
        if !opts.dry_run {
            write_new(&self.root.join(&rel), &text)?;
        }
        report.written.push(rel.clone());
        self.slugs.insert(slug);
        self.index.insert(&p.keys(), self.files.len());
        self.files.push(Existing {
            rel,
            text,
            single: Some(parsed),
        });
        Ok(())
    }
}

/// A paper file holds one paper or a list of them (then the flag is false).
fn parse_papers(rel: &Path, text: &str) -> std::result::Result<(Vec<PaperFile>, bool), Diagnostic> {
    let is_list = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with("- ") || l == "-");
    if is_list {
        crate::load::parse_yaml::<Vec<PaperFile>>(rel, text).map(|list| (list, false))
    } else {
        crate::load::parse_yaml::<PaperFile>(rel, text).map(|p| (vec![p], true))
    }
}

/// A relative path with `/` separators, as shown in reports.
fn display(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Creates a file that must not exist yet: never overwrites.
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(text.as_bytes()).map_err(io_error(path))
}

/// Replaces a file through a temporary one, so it is never left half-written.
fn write_replacing(path: &Path, text: &str) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.folio-import.tmp"));
    std::fs::write(&tmp, text).map_err(io_error(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_error(path))
}
