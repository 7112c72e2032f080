//! `folio check`: every problem a build would refuse, plus those a build lets
//! through: site links that lead nowhere, files missing from `static/`, two
//! entries with one DOI or arXiv id, `as_of` dates without a year, and people who
//! appear in no author list. Nothing is written; the site is rendered in memory
//! so that links are checked against exactly the files a build would write.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, RawSite};
use crate::model::config::Mode;
use crate::model::schema::DeclaredMetric;
use crate::model::{PartialDate, Site};
use crate::resolve::Overrides;
use crate::site;
use links::{Targets, check_links, check_originals};
use sources::{Sources, position};

mod links;
mod look;
mod sources;

/// What `folio check` found, sorted by file, line and column.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The active integrations and snippets (trusted HTML), one a line.
    pub active: Vec<String>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The last line of the report: `folio check: 2 errors, 3 warnings`.
    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let s = |n: usize| if n == 1 { "" } else { "s" };
        format!("folio check: {e} error{}, {w} warning{}", s(e), s(w))
    }

    /// An error when the site has errors, so that the command fails.
    pub fn into_result(self) -> Result<()> {
        match self.errors() {
            0 => Ok(()),
            errors => Err(Error::Check {
                errors,
                warnings: self.warnings(),
            }),
        }
    }
}

/// Checks the site at `root`. Problems in the site are the report, not an
/// error; only a failure to read the site at all is one.
pub fn check(root: &Path) -> Result<CheckReport> {
    let mut active = Vec::new();
    let mut diagnostics = match site::load_site(root, &Overrides::default()) {
        Ok((site, mut diags)) => {
            extra_checks(root, &site, &mut diags)?;
            diags.extend(crate::cli::theme::outdated_templates(
                root,
                &site.config.theme,
            ));
            active = look::active(&site.config);
            diags
        }
        // The extra checks need a resolved site: report what stopped it.
        Err(Error::Input(diags)) => diags,
        Err(e) => return Err(e),
    };
    diagnostics.extend(crate::cli::init::outdated_workflows(root));
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    diagnostics.dedup();
    Ok(CheckReport {
        diagnostics,
        active,
    })
}

/// The checks a build does not make, over a site that resolved.
fn extra_checks(root: &Path, site: &Site, diags: &mut Vec<Diagnostic>) -> Result<()> {
    // The resolved site has no positions: read the raw files again for them.
    let raw = load::load_site(root, &mut Vec::new())?;
    let mut sources = Sources::new(root);
    match site::render_site(root, site) {
        Ok(outputs) => {
            let targets = Targets::new(&site.config, outputs.iter().map(|o| o.path.as_str()));
            check_links(&raw, &targets, &mut sources, diags);
            let resized = crate::images::resized_sources(site);
            check_originals(&raw, &targets, &resized, &mut sources, diags);
        }
        Err(Error::Input(d)) => diags.extend(d),
        Err(Error::Template { name, message }) => {
            diags.push(Diagnostic::error(Path::new(&name), 0, 0, message));
        }
        Err(e) => return Err(e),
    }
    check_duplicate_ids(&raw, diags);
    check_dates(&raw, &mut sources, diags);
    check_people_in_papers(&raw, site, &mut sources, diags);
    look::raw_html(&raw, &site.config, diags);
    diags.extend(crate::images::missing_cards(site));
    Ok(())
}

/// Two entries with one DOI or one arXiv id are one paper listed twice: its
/// citations count twice and it shows twice. The build checks slugs only.
fn check_duplicate_ids(raw: &RawSite, diags: &mut Vec<Diagnostic>) {
    type Seen<'a> = BTreeMap<String, Vec<(&'a Path, &'a Spanned<String>)>>;
    let (mut dois, mut arxiv): (Seen, Seen) = Default::default();
    for (_, paper) in &raw.papers {
        let links = &paper.value.links;
        if let Some(doi) = &links.doi {
            let key = doi_key(&doi.value);
            dois.entry(key).or_default().push((&paper.path, doi));
        }
        if let Some(id) = &links.arxiv {
            let key = arxiv_key(&id.value);
            arxiv.entry(key).or_default().push((&paper.path, id));
        }
    }
    for (what, seen, field) in [("DOI", dois, "doi"), ("arXiv id", arxiv, "arxiv")] {
        for (key, uses) in seen.into_iter().filter(|(_, u)| u.len() > 1) {
            let list: Vec<String> = uses
                .iter()
                .map(|(p, s)| format!("{}:{}", p.display(), s.referenced.line()))
                .collect();
            for (path, s) in &uses {
                let (line, column) = position(s);
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        column,
                        format!(
                            "links.{field}: duplicate {what} `{key}`, used by {}",
                            list.join(", ")
                        ),
                    )
                    .with_hint("one paper listed twice: merge the entries, or correct the id"),
                );
            }
        }
    }
}

/// A DOI as a comparable key: without its resolver prefix, lowercase (DOIs
/// ignore case).
fn doi_key(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let prefixes = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    prefixes
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower)
        .trim()
        .to_string()
}

/// An arXiv id as a comparable key: without URL, `arXiv:` prefix, `.pdf` or
/// version (`2408.08152v2` is `2408.08152`).
fn arxiv_key(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let mut id = lower.as_str();
    for p in ["https://", "http://", "www.", "arxiv.org/"] {
        id = id.strip_prefix(p).unwrap_or(id);
    }
    for p in ["abs/", "pdf/", "html/", "arxiv:"] {
        id = id.strip_prefix(p).unwrap_or(id);
    }
    let id = id.trim_end_matches('/').trim_end_matches(".pdf");
    let without_version = id
        .rfind('v')
        .filter(|&i| i > 0 && id[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < id.len())
        .map_or(id, |i| &id[..i]);
    without_version.to_string()
}

// Dates

/// `as_of` is shown as written, so the build takes any text; a date without a
/// year ("Nov 1") says nothing a reader can trust. Years of `citations_by_year`
/// are any number to the build.
fn check_dates(raw: &RawSite, sources: &mut Sources, diags: &mut Vec<Diagnostic>) {
    for (_, author) in &raw.authors {
        let (path, a) = (&author.path, &author.value);
        let m = &a.metrics;
        for (key, metric) in [
            ("h_index", &m.h_index),
            ("citations", &m.citations),
            ("i10_index", &m.i10_index),
        ] {
            if let Some(Spanned {
                value: DeclaredMetric {
                    as_of: Some(date), ..
                },
                referenced,
                ..
            }) = metric
            {
                let field = format!("metrics.{key}.as_of");
                let at = sources.find_value(path, referenced.line(), "as_of", date);
                diags.extend(date_warning(path, at, &field, date));
            }
        }
        for (i, badge) in a.badges.iter().enumerate() {
            if let Some(date) = &badge.as_of {
                let at = sources.find_value(path, 1, "as_of", date);
                diags.extend(date_warning(path, at, &format!("badges[{i}].as_of"), date));
            }
        }
        for year in a
            .citations_by_year
            .keys()
            .filter(|y| !(1000..=9999).contains(*y))
        {
            let (line, column) = sources.find_value(path, 1, "citations_by_year", "");
            let message = format!("citations_by_year: `{year}` is not a year");
            diags.push(
                Diagnostic::warning(path, line, column, message)
                    .with_hint("write the year in full, e.g. 2024"),
            );
        }
    }
    for (_, paper) in &raw.papers {
        let citations = paper.value.citations.as_ref();
        if let Some(date) = citations.and_then(|c| c.as_of.as_ref()) {
            let start = paper.value.title.referenced.line();
            let at = sources.find_value(&paper.path, start, "as_of", date);
            diags.extend(date_warning(&paper.path, at, "citations.as_of", date));
        }
    }
}

/// A warning when `value` is not a date: one without a year, or not a date at all.
fn date_warning(
    path: &Path,
    (line, column): (u64, u64),
    field: &str,
    value: &str,
) -> Option<Diagnostic> {
    if PartialDate::parse(value).is_ok() {
        return None;
    }
    let has_year = value
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let message = if has_year {
        format!("{field}: `{value}` is not a date")
    } else {
        format!("{field}: date `{value}` has no year")
    };
    Some(
        Diagnostic::warning(path, line, column, message)
            .with_hint("write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2026-11-01"),
    )
}

// People

/// The owner and lab members should each be an author of some paper: when none
/// lists them, their name is most likely spelled another way in the papers.
fn check_people_in_papers(
    raw: &RawSite,
    site: &Site,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    if site.papers.is_empty() {
        return;
    }
    let authors: HashSet<&str> = site
        .papers
        .iter()
        .flat_map(|p| &p.authors)
        .filter_map(|a| a.id.as_deref())
        .collect();
    let hint = |id: &str| {
        format!(
            "add the spelling the papers use to `name_variants` in authors/{id}.yaml, or list them as `{id}`"
        )
    };
    let owner = site.config.owner.as_deref();
    if let (Some(id), Some(file)) = (owner, &raw.site)
        && !authors.contains(id)
    {
        let (line, column) = file.value.owner.as_ref().map_or((0, 0), position);
        diags.push(
            Diagnostic::warning(
                &file.path,
                line,
                column,
                format!("owner `{id}` is not an author of any paper"),
            )
            .with_hint(hint(id)),
        );
    }
    if site.config.mode != Mode::Lab {
        return;
    }
    for author in site.authors.values() {
        let id = author.id.as_str();
        if author.is_member() && owner != Some(id) && !authors.contains(id) {
            let (line, column) = sources.find_value(&author.source, 1, "name", &author.name);
            diags.push(
                Diagnostic::warning(
                    &author.source,
                    line,
                    column,
                    format!("member `{id}` is not an author of any paper"),
                )
                .with_hint(hint(id)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_compare_without_resolver_or_case() {
        assert_eq!(doi_key("https://doi.org/10.1/ABC"), "10.1/abc");
        assert_eq!(doi_key("doi:10.1/abc"), "10.1/abc");
        assert_eq!(doi_key("10.1/Abc "), "10.1/abc");
    }

    #[test]
    fn arxiv_ids_compare_without_url_or_version() {
        for id in [
            "2408.08152",
            "2408.08152v2",
            "https://arxiv.org/abs/2408.08152v1",
            "https://arxiv.org/pdf/2408.08152.pdf",
            "arXiv:2408.08152",
        ] {
            assert_eq!(arxiv_key(id), "2408.08152", "{id}");
        }
        assert_eq!(arxiv_key("cs/0112017v1"), "cs/0112017");
    }
}
