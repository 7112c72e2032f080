//! Pure resolution: raw files to a checked, sorted `Site`. Author references are
//! linked, keys checked, slugs made unique, metrics computed. Every problem of every
//! file is collected; nothing here touches the disk.

mod author;
mod collection;
mod course;
mod cv;
mod located;
pub mod metrics;
mod page;
mod paper;
mod post;
mod project;
mod talk;

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use author::{NameIndex, resolve_author};
use course::resolve_course;
use page::{resolve_news, resolve_page};
use paper::{assign_cite_keys, check_unique_slugs, resolve_paper};
use post::resolve_post;
use project::{ProjectTargets, resolve_projects};
use talk::{Targets, resolve_talk};

use crate::error::Diagnostic;
use crate::load::{RawSite, Stamp};
use crate::model::config::Config;
use crate::model::config::Mode;
use crate::model::schema::Role;
use crate::model::{Course, News, Paper, PartialDate, Post, Site, Talk};
use crate::text::closest;

/// Options that override `site.yaml` for one build.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// The date alumni are judged against; `None` means today (or the date of
    /// `SOURCE_DATE_EPOCH`, for reproducible builds).
    pub today: Option<PartialDate>,
    /// Build draft posts too (`folio serve`); `folio build` never does.
    pub drafts: bool,
}

/// Today's date in UTC, or the date of `SOURCE_DATE_EPOCH` when set.
pub fn today() -> PartialDate {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil_date(secs.div_euclid(86_400))
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> PartialDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// Resolved papers kept between builds (`folio watch`), by file: while the shared
/// input (`site.yaml`, authors, `key`) is unchanged, a paper file whose stamp is
/// unchanged is neither read nor resolved again.
#[derive(Default)]
pub struct PaperMemo {
    key: u64,
    /// By path relative to the site (as bytes: cheaper to hash than a `Path`).
    files: FxHashMap<OsString, MemoEntry>,
    fresh: HashSet<String>,
}

struct MemoEntry {
    stamp: Stamp,
    /// The file's papers. They are lent to each build's `Site` and given back by
    /// `restore`; until then the file is not known.
    papers: Vec<Paper>,
    /// How many papers the file resolved to.
    count: usize,
    diags: Vec<Diagnostic>,
}

impl PaperMemo {
    /// Whether the memo holds the file `rel` at this `stamp`.
    pub fn knows(&self, rel: &Path, stamp: Stamp) -> bool {
        self.files
            .get(rel.as_os_str())
            .is_some_and(|e| e.stamp == stamp && e.papers.len() == e.count)
    }

    /// Gives back the papers a build's `Site` borrowed.
    pub fn restore(&mut self, papers: Vec<Paper>) {
        for p in papers {
            if let Some(e) = self.files.get_mut(p.source.as_os_str())
                && e.papers.len() < e.count
            {
                e.papers.push(p);
            }
        }
    }

    /// The slugs of the papers resolved anew by the last build (not taken from
    /// the memo).
    pub fn fresh(&self) -> &HashSet<String> {
        &self.fresh
    }

    /// Starts a build whose shared input hashes to `key`. Returns false (and
    /// forgets everything) when that differs from the last build's.
    pub fn begin(&mut self, key: u64) -> bool {
        if self.key == key {
            return true;
        }
        self.key = key;
        self.files.clear();
        self.fresh.clear();
        false
    }
}

/// Resolves the raw site. Returns `None` only when `site.yaml` itself is unusable.
pub fn resolve(raw: RawSite, overrides: &Overrides, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    resolve_with(raw, overrides, diags, None)
}

/// `resolve`, taking the papers of `raw.known_papers` from `memo` and keeping
/// the newly resolved ones there.
pub fn resolve_with(
    raw: RawSite,
    overrides: &Overrides,
    diags: &mut Vec<Diagnostic>,
    memo: Option<&mut PaperMemo>,
) -> Option<Site> {
    let site_file = raw.site?;
    let collection_defs = site_file.value.collections.clone();
    let config = Config::resolve(
        site_file.value,
        overrides.base_url.as_deref(),
        &site_file.path,
        diags,
    );
    let mut authors = BTreeMap::new();
    for (id, file) in raw.authors {
        if let Some(a) = resolve_author(&config, id, file, diags) {
            authors.insert(a.id.clone(), a);
        }
    }
    if let Some(owner) = &config.owner
        && !authors.contains_key(owner)
        && !has_errors_in(diags, &Path::new("authors").join(owner))
    {
        let hint = match closest(owner, authors.keys().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("create authors/{owner}.yaml"),
        };
        diags.push(
            Diagnostic::error(
                &site_file.path,
                0,
                0,
                format!("owner `{owner}` has no file authors/{owner}.yaml"),
            )
            .with_hint(hint),
        );
    }
    check_site_values(&config, &site_file.path, diags);
    crate::model::appearance::check_files(
        &config.appearance,
        &raw.static_files,
        &site_file.path,
        diags,
    );
    let names = NameIndex::new(&authors, &site_file.path, diags);
    // Papers resolve independently (Markdown and maths are the costly part): in
    // parallel, each with its own diagnostics, kept in file order.
    let paths: Vec<PathBuf> = match memo {
        Some(_) => raw.papers.iter().map(|(_, f)| f.path.clone()).collect(),
        None => Vec::new(),
    };
    let resolved: Vec<(Option<Paper>, Vec<Diagnostic>)> = raw
        .papers
        .into_par_iter()
        .map(|(index, file)| {
            let mut d = Vec::new();
            let paper = resolve_paper(&config, &authors, &names, index, file, &mut d);
            (paper, d)
        })
        .collect();
    let mut papers = Vec::with_capacity(resolved.len() + raw.known_papers.len());
    match memo {
        None => {
            for (paper, d) in resolved {
                diags.extend(d);
                papers.extend(paper);
            }
        }
        Some(memo) => {
            // The new results, counted by file for the memo.
            let mut fresh: FxHashMap<OsString, MemoEntry> = raw
                .paper_files
                .iter()
                .filter_map(|(rel, stamp)| {
                    let entry = MemoEntry {
                        stamp: (*stamp)?,
                        papers: Vec::new(),
                        count: 0,
                        diags: Vec::new(),
                    };
                    Some((rel.as_os_str().to_os_string(), entry))
                })
                .collect();
            memo.fresh.clear();
            for ((paper, d), path) in resolved.into_iter().zip(&paths) {
                if let Some(e) = fresh.get_mut(path.as_os_str()) {
                    e.count += usize::from(paper.is_some());
                    e.diags.extend(d.iter().cloned());
                }
                if let Some(p) = &paper {
                    memo.fresh.insert(p.slug.clone());
                }
                diags.extend(d);
                papers.extend(paper);
            }
            for rel in &raw.known_papers {
                if let Some(e) = memo.files.get_mut(rel.as_os_str()) {
                    diags.extend(e.diags.iter().cloned());
                    papers.append(&mut e.papers);
                }
            }
            let known: HashSet<&std::ffi::OsStr> =
                raw.known_papers.iter().map(|p| p.as_os_str()).collect();
            memo.files.retain(|rel, _| known.contains(rel.as_os_str()));
            memo.files.extend(fresh);
        }
    }
    check_unique_slugs(&papers, diags);
    // Slugs are unique (or the build fails), so the order is total.
    papers.sort_unstable_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    assign_cite_keys(&mut papers);
    let fetched = raw.metrics.as_ref();
    if let Some(input) = fetched {
        metrics::apply_to_papers(&mut papers, input, &config.locale, diags);
        metrics::check_authors(input, authors.keys().map(String::as_str), diags);
    }
    let today = overrides.today.unwrap_or_else(today);
    for author in authors.values_mut() {
        if author.end.is_some_and(|end| end < today) && author.role.is_some() {
            author.former_role = author.role.filter(|r| *r != Role::Alumni);
            author.role = Some(Role::Alumni);
        }
    }
    let owner = config
        .owner
        .clone()
        .filter(|_| config.mode == Mode::Personal);
    for author in authors.values_mut() {
        let is_owner = owner.as_deref() == Some(author.id.as_str());
        let theirs: Vec<&Paper> = papers
            .iter()
            .filter(|p| {
                is_owner
                    || p.authors
                        .iter()
                        .any(|a| a.id.as_deref() == Some(&author.id))
            })
            .collect();
        let theirs_fetched = fetched.and_then(|m| m.data.authors.get(&author.id));
        author.metrics = metrics::for_author(author, &theirs, theirs_fetched, &config, diags);
        (
            author.citations_by_year,
            author.citations_by_year_source,
            author.citations_by_year_note,
        ) = metrics::by_year(
            &author.declared_by_year,
            theirs_fetched,
            &theirs,
            &config.locale,
        );
    }
    let cited = located::Papers::new(&papers);
    let pages = raw
        .pages
        .into_iter()
        .filter_map(|p| resolve_page(&config, &cited, p, diags))
        .collect();
    let mut news: Vec<News> = raw
        .news
        .into_iter()
        .filter_map(|n| resolve_news(&config, n, diags))
        .collect();
    news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let targets = Targets {
        authors: &authors,
        papers: papers.iter().map(|p| p.slug.as_str()).collect(),
    };
    let mut talks: Vec<Talk> = raw
        .talks
        .into_iter()
        .filter_map(|t| resolve_talk(&config, &targets, t, diags))
        .collect();
    talks.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let mut posts: Vec<Post> = raw
        .posts
        .into_iter()
        .filter_map(|p| resolve_post(&config, (&targets, &cited), &raw.static_files, p, diags))
        .filter(|p| overrides.drafts || !p.draft)
        .collect();
    posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let mut courses: Vec<Course> = raw
        .courses
        .into_iter()
        .filter_map(|c| resolve_course(&config, &authors, c, diags))
        .collect();
    courses.sort_by(|a, b| {
        b.latest()
            .cmp(&a.latest())
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let cv = raw
        .cv
        .and_then(|f| cv::resolve_cv(&config, &authors, !papers.is_empty(), f, diags));
    let project_targets = ProjectTargets {
        base: &targets,
        talks: talks.iter().map(|t| t.slug.as_str()).collect(),
        static_files: &raw.static_files,
        cited: &cited,
    };
    let projects = resolve_projects(&config, &project_targets, raw.projects, diags);
    let collections =
        collection::resolve_collections(&config, &collection_defs, raw.collections, diags);
    Some(Site {
        config,
        authors,
        papers,
        pages,
        news,
        talks,
        posts,
        courses,
        cv,
        projects,
        static_files: raw.static_files,
        today,
        collections,
        images: Default::default(),
        cards: Default::default(),
    })
}

/// Whether `diags` holds an error about the file `stem.yaml` or `stem.yml`:
/// a file that failed to parse is reported once, not again as missing.
fn has_errors_in(diags: &[Diagnostic], stem: &Path) -> bool {
    diags.iter().any(|d| {
        d.is_error()
            && d.path.with_extension("") == stem
            && d.path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml")
    })
}

/// What `site.yaml` may hold but folio cannot use: an empty title, a topic key
/// that names a Windows device, a `cname` that is not a bare domain.
fn check_site_values(config: &Config, path: &Path, diags: &mut Vec<Diagnostic>) {
    if config.title.trim().is_empty() {
        diags.push(
            Diagnostic::error(path, 0, 0, "the site's title is empty")
                .with_hint("write the title every page shows, such as your name"),
        );
    }
    for key in config.topics.keys() {
        if is_device_name(key) {
            diags.push(
                Diagnostic::error(
                    path,
                    0,
                    0,
                    format!("topic key `{key}` is a reserved device name on Windows"),
                )
                .with_hint("rename the topic: its page would be a folder of that name"),
            );
        }
    }
    if let Some(cname) = &config.cname
        && !is_domain(cname.trim())
    {
        diags.push(
            Diagnostic::error(
                path,
                0,
                0,
                format!("cname `{}` is not a domain name", cname.escape_debug()),
            )
            .with_hint(
                "write the bare domain, such as `www.example.org`: no scheme, path or spaces",
            ),
        );
    }
}

/// `con`, `NUL`, `com1`...: names Windows keeps for devices, in any case.
fn is_device_name(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    crate::text::check_slug(&lower).is_err_and(|m| m.contains("reserved device name"))
}

/// A domain name as a CNAME file holds it: labels of letters, digits and `-`,
/// separated by dots.
fn is_domain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
