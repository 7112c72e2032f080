//! Pure resolution: raw files to a checked, sorted `Site`. Author references are
//! linked, keys checked, slugs made unique, metrics computed. Every problem of every
//! file is collected; nothing here touches the disk.

pub mod metrics;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_saphyr::Spanned;

use crate::config::Config;
use crate::config::Mode;
use crate::error::Diagnostic;
use crate::load::{Loaded, RawSite, Stamp};
use crate::markdown::{self, MathProblem};
use crate::model::{Author, Link, News, Page, Paper, PaperAuthor, PartialDate, Site};
use crate::schema::{AuthorFile, AuthorLinks, DateText, NewsFile, PaperFile, PaperLinks, Role};
use crate::text::{check_key, check_slug, closest, name_key, nfc, safe_url, slugify};

/// Top-level output folders that pages may not take as their slug.
const RESERVED_PAGE_SLUGS: [&str; 7] = [
    "papers",
    "topics",
    "authors",
    "publications",
    "assets",
    "static",
    "404",
];

/// Options that override `site.yaml` for one build.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// The date alumni are judged against; `None` means today (or the date of
    /// `SOURCE_DATE_EPOCH`, for reproducible builds).
    pub today: Option<PartialDate>,
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
        author.metrics = metrics::for_author(author, &theirs, &config.locale, diags);
        (author.citations_by_year, author.citations_by_year_source) =
            metrics::by_year(&author.declared_by_year, &theirs);
    }
    let pages = raw
        .pages
        .into_iter()
        .filter_map(|p| resolve_page(&config, p, diags))
        .collect();
    let mut news: Vec<News> = raw
        .news
        .into_iter()
        .filter_map(|n| resolve_news(&config, n, diags))
        .collect();
    news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    Some(Site {
        config,
        authors,
        papers,
        pages,
        news,
        static_files: raw.static_files,
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

fn member_date(
    path: &Path,
    date: &Option<Spanned<DateText>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    let d = date.as_ref()?;
    PartialDate::parse(&d.value.0)
        .map_err(|msg| diags.push(at(path, d, msg)))
        .ok()
}

fn resolve_news(
    config: &Config,
    file: Loaded<(NewsFile, String)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<News> {
    let path = file.path;
    let (n, body) = file.value;
    if n.title.trim().is_empty() {
        diags.push(Diagnostic::error(&path, 0, 0, "the title is empty").with_hint("write a title"));
    }
    let date = PartialDate::parse(&n.date.value.0)
        .map_err(|msg| diags.push(at(&path, &n.date, msg)))
        .ok()?;
    let link = match n.link.as_deref().map(|l| (l, safe_url(l))) {
        Some((_, Some(url))) => Some(config.link(url)),
        Some((raw, None)) => {
            diags.push(Diagnostic::error(
                &path,
                0,
                0,
                format!("link `{raw}` is not an http(s), mailto or relative link"),
            ));
            return None;
        }
        None => None,
    };
    let mut problems = Vec::new();
    let markdown = n.body.as_deref().unwrap_or(&body);
    let html = markdown::render(markdown, &config.base_path, &mut problems);
    report_math(&path, "news", (0, 0), problems, diags);
    Some(News {
        slug: slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
        date,
        title: n.title,
        html,
        link,
        source: path,
    })
}

fn at<T>(path: &Path, s: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, s.referenced.line(), s.referenced.column(), message)
}

fn position<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

fn report_math(
    path: &Path,
    field: &str,
    (line, column): (u64, u64),
    problems: Vec<MathProblem>,
    diags: &mut Vec<Diagnostic>,
) {
    for p in problems {
        diags.push(
            Diagnostic::warning(
                path,
                line,
                column,
                format!("{field}: TeX `{}` cannot be rendered: {}", p.tex, p.message),
            )
            .with_hint(p.hint),
        );
    }
}

fn resolve_author(
    config: &Config,
    id: String,
    file: Loaded<AuthorFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Author> {
    let path = file.path;
    let a = file.value;
    if let Err(msg) = check_key(&id) {
        diags.push(Diagnostic::error(
            &path,
            0,
            0,
            format!("author id `{id}` (the file name): {msg}"),
        ));
        return None;
    }
    if let Some(field) = &a.field {
        check_topic(config, &path, field, diags);
    }
    let photo = a.photo.as_ref().and_then(|p| match safe_url(&p.value) {
        Some(url) => Some(config.link(url)),
        None => {
            diags.push(at(
                &path,
                p,
                format!("photo `{}` is not an http(s) or relative link", p.value),
            ));
            None
        }
    });
    let mut problems = Vec::new();
    let bio_html = a
        .bio
        .as_ref()
        .map(|b| markdown::render(&b.value, &config.base_path, &mut problems))
        .unwrap_or_default();
    report_math(
        &path,
        "bio",
        a.bio.as_ref().map_or((0, 0), position),
        problems,
        diags,
    );
    let affiliation = a
        .affiliation
        .as_ref()
        .map(|key| affiliation_of(config, &path, key, diags));
    let start = member_date(&path, &a.start, diags);
    let end = member_date(&path, &a.end, diags);
    if let (Some(s), Some(e), Some(at_end)) = (start, end, &a.end)
        && e < s
    {
        diags.push(
            at(
                &path,
                at_end,
                format!("`end` ({}) is before `start` ({})", e.iso(), s.iso()),
            )
            .with_hint("swap the dates, or correct the one that is wrong"),
        );
    }
    Some(Author {
        links: profile_links(config, &a.links, &path, diags),
        metrics: Vec::new(),
        citations_by_year: Vec::new(),
        citations_by_year_source: "",
        declared_by_year: a.citations_by_year.clone(),
        role: a.role,
        former_role: None,
        start,
        end,
        next_position: a.next_position,
        id,
        name: a.name,
        name_variants: a.name_variants,
        position: a.position,
        affiliation,
        field: a.field.map(|f| f.value),
        photo,
        bio_html,
        source: path,
        declared: a.metrics,
        badges: a.badges,
    })
}

/// An author's affiliation: a key of `affiliations:` in site.yaml, or free text.
/// Free text that is one edit from a key is most likely a typo of it.
fn affiliation_of(
    config: &Config,
    path: &Path,
    key: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> (String, Option<String>) {
    if let Some(def) = config.affiliations.get(&key.value) {
        return (def.name.clone(), def.url.clone());
    }
    let is_key_like = crate::text::check_key(&key.value).is_ok();
    if is_key_like
        && let Some(best) = closest(&key.value, config.affiliations.keys().map(String::as_str))
    {
        let (line, column) = position(key);
        diags.push(
            Diagnostic::warning(
                path,
                line,
                column,
                format!(
                    "affiliation `{}` is not a key of `affiliations:` in site.yaml; it is shown as written",
                    key.value
                ),
            )
            .with_hint(format!("did you mean `{best}`?")),
        );
    }
    (key.value.clone(), None)
}

/// Turns profile identifiers into full links: a bare ORCID iD, GitHub user or
/// Scholar user id is as good as the URL. Site paths (`/files/cv.pdf`) get the
/// base path, as every other link written in YAML does.
fn profile_links(
    config: &Config,
    l: &AuthorLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs: [(&'static str, &'static str, &Option<String>, &str); 11] = [
        ("email", "link_email", &l.email, "mailto:"),
        ("homepage", "link_homepage", &l.homepage, ""),
        ("cv", "link_cv", &l.cv, ""),
        (
            "scholar",
            "link_scholar",
            &l.scholar,
            "https://scholar.google.com/citations?user=",
        ),
        ("orcid", "link_orcid", &l.orcid, "https://orcid.org/"),
        ("github", "link_github", &l.github, "https://github.com/"),
        (
            "semantic_scholar",
            "link_semantic_scholar",
            &l.semantic_scholar,
            "https://www.semanticscholar.org/author/",
        ),
        ("dblp", "link_dblp", &l.dblp, "https://dblp.org/pid/"),
        (
            "openreview",
            "link_openreview",
            &l.openreview,
            "https://openreview.net/profile?id=",
        ),
        ("x", "link_x", &l.x, "https://x.com/"),
        (
            "linkedin",
            "link_linkedin",
            &l.linkedin,
            "https://www.linkedin.com/in/",
        ),
    ];
    let mut links = Vec::new();
    for (kind, label, value, prefix) in specs {
        let Some(value) = value else { continue };
        let value = value.trim();
        let is_url = ["http://", "https://", "mailto:"]
            .iter()
            .any(|p| value.starts_with(p));
        let url = if is_url || prefix.is_empty() {
            value.to_string()
        } else {
            let id = value.trim_start_matches('@');
            let encoded: String = id
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '\'' | '`'))
                .collect();
            format!("{prefix}{encoded}")
        };
        match safe_url(&url) {
            Some(url) => links.push(Link {
                kind,
                label: config.locale.text(label).to_string(),
                url: config.link(url),
            }),
            None => diags.push(Diagnostic::error(
                path,
                0,
                0,
                format!("links.{kind}: `{value}` is not an http(s), mailto or relative link"),
            )),
        }
    }
    links
}

/// Maps names and name variants of known authors to their ids.
struct NameIndex {
    by_name: HashMap<String, String>,
}

impl NameIndex {
    fn new(
        authors: &BTreeMap<String, Author>,
        site_path: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> NameIndex {
        let mut by_name: HashMap<String, String> = HashMap::new();
        for a in authors.values() {
            for name in std::iter::once(&a.name).chain(&a.name_variants) {
                let key = name_key(name);
                match by_name.get(&key) {
                    Some(other) if other != &a.id => diags.push(Diagnostic::warning(
                        &a.source,
                        0,
                        0,
                        format!("name `{name}` also belongs to author `{other}`; papers will link to `{other}`"),
                    )),
                    _ => {
                        by_name.insert(key, a.id.clone());
                    }
                }
            }
        }
        let _ = site_path;
        NameIndex { by_name }
    }

    fn find(&self, name: &str) -> Option<&String> {
        self.by_name.get(&name_key(name))
    }
}

fn check_topic(
    config: &Config,
    path: &Path,
    key: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if config.topics.contains_key(&key.value) {
        return true;
    }
    let hint = match closest(&key.value, config.topics.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "add it under `topics:` in site.yaml".to_string(),
    };
    diags.push(at(path, key, format!("unknown topic `{}`", key.value)).with_hint(hint));
    false
}

fn resolve_paper(
    config: &Config,
    authors: &BTreeMap<String, Author>,
    names: &NameIndex,
    index: Option<usize>,
    file: Loaded<PaperFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Paper> {
    let path = file.path;
    let p = file.value;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let slug = match (&p.slug, index) {
        (Some(s), _) => {
            let slug = nfc(&s.value);
            if let Err(msg) = check_slug(&slug) {
                diags.push(at(&path, s, msg));
            }
            slug
        }
        (None, None) => slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
        (None, Some(_)) => slugify(&markdown::plain_inline(&p.title.value)),
    };
    if slug.is_empty() {
        let d = match index {
            Some(_) => at(&path, &p.title, "cannot make a slug from this title"),
            None => Diagnostic::error(&path, 0, 0, "cannot make a slug from this file name"),
        };
        diags.push(d.with_hint("add `slug: my-paper`"));
    }
    if p.title.value.trim().is_empty() {
        diags.push(at(&path, &p.title, "the title is empty").with_hint("write the paper's title"));
    }
    let date = PartialDate::parse(&p.date.value.0)
        .map_err(|msg| diags.push(at(&path, &p.date, msg)))
        .ok();
    if p.authors.is_empty() {
        diags.push(
            at(&path, &p.title, "a paper needs at least one author")
                .with_hint("add `authors: [Your Name]`"),
        );
    }
    warn_split_names(&path, &p.authors, diags);
    let paper_authors: Vec<PaperAuthor> = p
        .authors
        .iter()
        .filter_map(|entry| resolve_paper_author(authors, names, &path, entry, diags))
        .collect();
    for t in &p.topics {
        check_topic(config, &path, t, diags);
    }
    check_pulled_text(config, &path, &p, &paper_authors, diags);
    for a in &p.affiliations {
        if !config.affiliations.contains_key(&a.value) {
            let hint = match closest(&a.value, config.affiliations.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "add it under `affiliations:` in site.yaml".to_string(),
            };
            diags.push(at(&path, a, format!("unknown affiliation `{}`", a.value)).with_hint(hint));
        }
    }
    let links = paper_links(config, &p.links, &path, diags);
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&p.title.value, &mut problems);
    report_math(&path, "title", position(&p.title), problems, diags);
    let mut problems = Vec::new();
    let abstract_text = p
        .abstract_
        .as_ref()
        .map(|a| a.value.clone())
        .unwrap_or_default();
    let abstract_html = markdown::render(&abstract_text, &config.base_path, &mut problems);
    report_math(
        &path,
        "abstract",
        p.abstract_.as_ref().map_or((0, 0), position),
        problems,
        diags,
    );
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let mut paper = Paper {
        slug,
        cite_key: String::new(),
        cite_base: String::new(),
        title: p.title.value,
        title_html,
        date: date?,
        authors: paper_authors,
        authors_truncated: p.authors_truncated,
        affiliations: p.affiliations.into_iter().map(|a| a.value).collect(),
        topics: p.topics.into_iter().map(|t| t.value).collect(),
        venue: p.venue,
        kind: p.kind,
        abstract_text,
        abstract_html,
        links,
        has_code: p.has_code,
        citations: p.citations.as_ref().map(|c| c.value),
        citations_source: p.citations.as_ref().and_then(|c| {
            let source = c.source.as_deref()?;
            Some(match &c.as_of {
                Some(date) => format!("{source}, as of {date}"),
                None => source.to_string(),
            })
        }),
        selected: p.selected,
        award: p.award,
        note: p.note,
        bibtex: p.bibtex,
        source: path,
    };
    paper.cite_base = crate::cite::key(&paper);
    Some(paper)
}

/// The most text a paper may take from other files: its authors' names from
/// author files, its topics' and affiliations' names from site.yaml. Each is
/// shown wherever the paper is listed, so one long name used by many papers
/// would otherwise multiply (a 1 MB name in sixty papers wrote 525 MB).
const MAX_PULLED_TEXT: usize = 64 * 1024;

/// Refuses a paper whose names from other files pass [`MAX_PULLED_TEXT`].
fn check_pulled_text(
    config: &Config,
    path: &Path,
    p: &PaperFile,
    resolved: &[PaperAuthor],
    diags: &mut Vec<Diagnostic>,
) {
    let names = resolved
        .iter()
        .filter(|a| a.id.is_some())
        .map(|a| a.name.len());
    let topics = p
        .topics
        .iter()
        .filter_map(|t| config.topics.get(&t.value))
        .map(|t| t.name.len());
    let affiliations = p
        .affiliations
        .iter()
        .filter_map(|a| config.affiliations.get(&a.value))
        .map(|a| a.name.len());
    let total: usize = names.chain(topics).chain(affiliations).sum();
    if total > MAX_PULLED_TEXT
        && let Some(first) = p.authors.first()
    {
        let message = format!(
            "authors: the names this paper takes from author files and site.yaml come to {total} bytes, more than 64 KiB"
        );
        diags.push(
            at(path, first, message)
                .with_hint("each is shown wherever the paper is listed; shorten the long `name:`"),
        );
    }
}

fn resolve_paper_author(
    authors: &BTreeMap<String, Author>,
    names: &NameIndex,
    path: &Path,
    entry: &Spanned<crate::schema::AuthorEntry>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PaperAuthor> {
    let e = &entry.value;
    if e.name.is_empty() {
        diags.push(at(path, entry, "empty author name"));
        return None;
    }
    let id = match &e.id {
        Some(id) if authors.contains_key(id) => Some(id.clone()),
        Some(id) => {
            let hint = match closest(id, authors.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("create authors/{id}.yaml or write the name instead"),
            };
            diags.push(at(path, entry, format!("unknown author id `{id}`")).with_hint(hint));
            return None;
        }
        None if authors.contains_key(&e.name) => Some(e.name.clone()),
        None => names.find(&e.name).cloned(),
    };
    if id.is_none()
        && looks_like_id(&e.name)
        && let Some(best) = closest(&e.name, authors.keys().map(String::as_str))
    {
        diags.push(
            Diagnostic::warning(
                path,
                entry.referenced.line(),
                entry.referenced.column(),
                format!(
                    "author `{}` looks like an author id but no such author exists",
                    e.name
                ),
            )
            .with_hint(format!("did you mean `{best}`?")),
        );
    }
    let name = match &id {
        Some(id) if e.id.is_some() && e.name == *id || authors.contains_key(&e.name) => {
            authors[id].name.clone()
        }
        _ => e.name.clone(),
    };
    Some(PaperAuthor {
        name,
        id,
        equal: e.equal,
        corresponding: e.corresponding,
    })
}

/// `authors: [Raman, Priya, Iain Murray]`: in a YAML list the comma of
/// "Raman, Priya" separates two authors. Two one-word names in a row are
/// most likely one name written "Last, First".
fn warn_split_names(
    path: &Path,
    authors: &[Spanned<crate::schema::AuthorEntry>],
    diags: &mut Vec<Diagnostic>,
) {
    let one_word = |e: &crate::schema::AuthorEntry| {
        e.id.is_none()
            && !e.name.contains(char::is_whitespace)
            && e.name.starts_with(char::is_uppercase)
            && e.name
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    let mut i = 0;
    while i + 1 < authors.len() {
        let (a, b) = (&authors[i], &authors[i + 1]);
        if one_word(&a.value) && one_word(&b.value) {
            let (last, first) = (&a.value.name, &b.value.name);
            diags.push(
                Diagnostic::warning(
                    path,
                    a.referenced.line(),
                    a.referenced.column(),
                    format!(
                        "authors `{last}` and `{first}` look like one name, \"{last}, {first}\", split in two by the list's comma"
                    ),
                )
                .with_hint(format!(
                    "write `{first} {last}`, or quote it: \"{last}, {first}\""
                )),
            );
            i += 2;
        } else {
            i += 1;
        }
    }
}

fn looks_like_id(name: &str) -> bool {
    name.contains('-')
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn paper_links(
    config: &Config,
    l: &PaperLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs: [(&'static str, &'static str, &Option<Spanned<String>>); 10] = [
        ("pdf", "link_pdf", &l.pdf),
        ("arxiv", "link_arxiv", &l.arxiv),
        ("doi", "link_doi", &l.doi),
        ("code", "link_code", &l.code),
        ("project", "link_project", &l.project),
        ("data", "link_data", &l.data),
        ("slides", "link_slides", &l.slides),
        ("poster", "link_poster", &l.poster),
        ("video", "link_video", &l.video),
        ("html", "link_html", &l.html),
    ];
    let mut links = Vec::new();
    for (kind, label, value) in specs {
        let Some(value) = value else { continue };
        let raw = value.value.trim();
        let url = match kind {
            "arxiv" if !raw.contains("://") => format!("https://arxiv.org/abs/{raw}"),
            "doi" if !raw.contains("://") => {
                format!("https://doi.org/{}", raw.trim_start_matches("doi:"))
            }
            _ => raw.to_string(),
        };
        match safe_url(&url) {
            Some(url) => links.push(Link {
                kind,
                label: config.locale.text(label).to_string(),
                url: config.link(url),
            }),
            None => diags.push(
                at(path, value, format!("links.{kind}: `{raw}` is not allowed"))
                    .with_hint("use an http(s) link or a path such as /files/paper.pdf"),
            ),
        }
    }
    links
}

/// Gives every paper a BibTeX key, unique in the site: oldest first, a repeated
/// key gets `b`, `c`... so a new paper never changes an older paper's key.
fn assign_cite_keys(papers: &mut [Paper]) {
    // How many older papers share each paper's key, oldest first.
    let mut used: FxHashMap<&str, usize> = FxHashMap::default();
    let earlier: Vec<usize> = papers
        .iter()
        .rev()
        .map(|p| {
            let n = used.entry(p.cite_base.as_str()).or_insert(0);
            *n += 1;
            *n - 1
        })
        .collect();
    for (p, n) in papers.iter_mut().rev().zip(earlier) {
        if n == 0 {
            if p.cite_key != p.cite_base {
                p.cite_key.clone_from(&p.cite_base);
            }
        } else {
            p.cite_key = format!("{}{}", p.cite_base, (b'a' + (n as u8).min(25)) as char);
        }
    }
}

/// Two papers may not share a slug, nor slugs that differ only in case.
fn check_unique_slugs(papers: &[Paper], diags: &mut Vec<Diagnostic>) {
    let mut seen: FxHashMap<String, Vec<&PathBuf>> = FxHashMap::default();
    for p in papers {
        seen.entry(p.slug.to_lowercase())
            .or_default()
            .push(&p.source);
    }
    let mut taken: Vec<_> = seen.into_iter().filter(|(_, f)| f.len() > 1).collect();
    taken.sort();
    for (slug, mut files) in taken {
        files.sort();
        {
            let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            for f in &files {
                diags.push(
                    Diagnostic::error(
                        f,
                        0,
                        0,
                        format!("duplicate slug `{slug}`, used by {}", list.join(", ")),
                    )
                    .with_hint("rename a file or give one paper its own `slug:`"),
                );
            }
        }
    }
}

fn resolve_page(
    config: &Config,
    file: Loaded<(crate::schema::PageFront, String)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let path = file.path;
    let (front, body) = file.value;
    let slug = match &front.slug {
        Some(s) => {
            let slug = nfc(&s.value);
            if let Err(msg) = check_slug(&slug) {
                diags.push(at(&path, s, msg));
                return None;
            }
            slug
        }
        None => slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
    };
    if RESERVED_PAGE_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(
                &path,
                0,
                0,
                format!("page slug `{slug}` is taken by a generated page"),
            )
            .with_hint("rename the file or set `slug:`"),
        );
        return None;
    }
    if front.title.trim().is_empty() {
        diags.push(Diagnostic::error(&path, 0, 0, "the title is empty").with_hint("write a title"));
    }
    let mut problems = Vec::new();
    let html = markdown::render(&body, &config.base_path, &mut problems);
    report_math(&path, "page", (0, 0), problems, diags);
    Some(Page {
        slug,
        title: front.title,
        description: front.description,
        html,
        source: path,
    })
}
