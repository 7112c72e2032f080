//! `folio check`: every problem a build would refuse, plus those a build lets
//! through: site links that lead nowhere, files missing from `static/`, two
//! entries with one DOI or arXiv id, `as_of` dates without a year, and people who
//! appear in no author list. Nothing is written; the site is rendered in memory
//! so that links are checked against exactly the files a build would write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use serde_saphyr::Spanned;

use crate::config::{Config, Mode};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, RawSite};
use crate::model::{PartialDate, Site};
use crate::resolve::Overrides;
use crate::schema::{AuthorFile, DeclaredMetric, PaperFile};
use crate::site;
use crate::text::{closest, safe_url};

/// What `folio check` found, sorted by file, line and column.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
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
    let mut diagnostics = match site::load_site(root, &Overrides::default()) {
        Ok((site, mut diags)) => {
            extra_checks(root, &site, &mut diags)?;
            diags
        }
        // The extra checks need a resolved site: report what stopped it.
        Err(Error::Input(diags)) => diags,
        Err(e) => return Err(e),
    };
    diagnostics.extend(crate::init::outdated_workflows(root));
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    diagnostics.dedup();
    Ok(CheckReport { diagnostics })
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
    Ok(())
}

// Links

/// Every file a build writes, to look site links up in.
struct Targets<'a> {
    config: &'a Config,
    files: HashSet<String>,
}

/// Why a site link leads nowhere.
enum Broken {
    /// A page address (`/papers/nope/`) that no page has.
    Page { hint: Option<String> },
    /// A file (`/files/x.pdf`) that is not in `static/` (nor written by the build).
    File { rel: String, hint: Option<String> },
    /// A file the build writes only under a condition this site does not meet.
    Conditional { when: &'static str },
}

impl<'a> Targets<'a> {
    fn new<'p>(config: &'a Config, paths: impl Iterator<Item = &'p str>) -> Targets<'a> {
        Targets {
            config,
            files: paths.map(str::to_string).collect(),
        }
    }

    /// The path inside the output that a link points at (`files/x.pdf`), when it
    /// points into this site; `None` for other sites, mail and in-page anchors.
    fn site_path(&self, url: &str) -> Option<String> {
        let url = url.trim();
        let rest = if url.starts_with('/') && !url.starts_with("//") {
            &url[1..]
        } else {
            let base = &self.config.base_url;
            url.strip_prefix(base.as_str())
                .filter(|_| !base.is_empty())?
        };
        let end = rest.find(['#', '?']).unwrap_or(rest.len());
        Some(percent_decode(&rest[..end]))
    }

    /// Checks a link that points into this site.
    fn find(&self, path: &str) -> Result<(), Broken> {
        let page = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            format!("{path}/index.html")
        };
        if self.files.contains(path) || self.files.contains(&page) {
            return Ok(());
        }
        if let Some((_, when)) = CONDITIONAL.iter().find(|(file, _)| *file == path) {
            return Err(Broken::Conditional { when });
        }
        let trimmed = path.trim_end_matches('/');
        let (dir, name) = match trimmed.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), trimmed),
        };
        let is_file = name.contains('.') && !path.ends_with('/') && !name.ends_with(".html");
        // Siblings in the same folder: pages (`x/index.html`) or files.
        let siblings = self.files.iter().filter_map(|f| {
            let rest = f.strip_prefix(dir.as_str())?;
            match rest.strip_suffix("/index.html") {
                Some(p) if !is_file && !p.contains('/') => Some((p, "/")),
                None if is_file && !rest.contains('/') => Some((rest, "")),
                _ => None,
            }
        });
        let siblings: Vec<(&str, &str)> = siblings.collect();
        let hint = closest(name, siblings.iter().map(|(n, _)| *n)).map(|best| {
            let slash = siblings
                .iter()
                .find(|(n, _)| *n == best)
                .map_or("", |s| s.1);
            format!("did you mean `/{dir}{best}{slash}`?")
        });
        Err(if is_file {
            Broken::File {
                rel: path.to_string(),
                hint,
            }
        } else {
            Broken::Page { hint }
        })
    }
}

/// Files the build writes only under a condition, and the condition.
const CONDITIONAL: [(&str, &str); 4] = [
    ("feed.xml", "when `base_url` is an absolute URL"),
    ("sitemap.xml", "when `base_url` is an absolute URL"),
    (
        "news.xml",
        "when `base_url` is an absolute URL and there is news",
    ),
    ("CNAME", "when `cname` is set"),
];

/// Decodes `%20` and friends, keeping the text as is when it is not valid UTF-8.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// One link found in a file: what field holds it, where, and the address.
struct FoundLink {
    path: PathBuf,
    line: u64,
    column: u64,
    field: String,
    url: String,
    /// Written in YAML (a `links:` entry, a photo), where a link without a
    /// leading `/` is relative to each page that shows it.
    yaml: bool,
}

fn check_links(
    raw: &RawSite,
    targets: &Targets,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    for link in collect_links(raw, sources) {
        if let Some(d) = check_link(&link, targets) {
            diags.push(d);
        }
    }
}

fn check_link(link: &FoundLink, targets: &Targets) -> Option<Diagnostic> {
    let FoundLink {
        path,
        line,
        column,
        field,
        url,
        ..
    } = link;
    let Some(site_path) = targets.site_path(url) else {
        return relative_link_warning(link);
    };
    let (message, hint) = match targets.find(&site_path).err()? {
        Broken::Page { hint } => (
            format!("{field}: link `{url}` matches no page of the site"),
            hint,
        ),
        Broken::File { rel, hint } => (
            format!("{field}: `{url}` is not in static/"),
            hint.or_else(|| Some(format!("add the file as static/{rel}"))),
        ),
        Broken::Conditional { when } => (format!("{field}: `{url}` is written only {when}"), None),
    };
    let d = Diagnostic::error(path, *line, *column, message);
    Some(match hint {
        Some(h) => d.with_hint(h),
        None => d,
    })
}

/// `photo: images/me.jpg` works on one page and breaks on every other.
fn relative_link_warning(link: &FoundLink) -> Option<Diagnostic> {
    let url = link.url.trim();
    let lower = url.to_ascii_lowercase();
    let absolute = ["http://", "https://", "mailto:", "#", "/"]
        .iter()
        .any(|p| lower.starts_with(p));
    if !link.yaml || absolute || safe_url(url).is_none() {
        return None;
    }
    Some(
        Diagnostic::warning(
            &link.path,
            link.line,
            link.column,
            format!(
                "{}: `{url}` is relative to each page that shows it",
                link.field
            ),
        )
        .with_hint(if crate::import::scheme_less_host(url) {
            format!("`{url}` looks like an address without its scheme: write `https://{url}`")
        } else {
            format!(
                "start it with `/` (`/{}`) to point into the site",
                url.trim_start_matches("./")
            )
        }),
    )
}

impl FoundLink {
    /// A link written as a YAML value at `(line, column)`.
    fn in_yaml(path: &Path, (line, column): (u64, u64), field: &str, url: &str) -> FoundLink {
        FoundLink {
            path: path.to_path_buf(),
            line,
            column,
            field: field.to_string(),
            url: url.to_string(),
            yaml: true,
        }
    }
}

/// Every link of the site's files, with its position.
fn collect_links(raw: &RawSite, sources: &mut Sources) -> Vec<FoundLink> {
    let mut links = Vec::new();
    if let Some(site) = &raw.site {
        for item in &site.value.nav {
            links.push(FoundLink::in_yaml(
                &site.path,
                position(item),
                "nav",
                &item.value.url,
            ));
        }
    }
    for (_, author) in &raw.authors {
        author_links(&author.path, &author.value, sources, &mut links);
    }
    for (_, paper) in &raw.papers {
        paper_links(&paper.path, &paper.value, sources, &mut links);
    }
    for page in &raw.pages {
        let (path, (_, body)) = (&page.path, &page.value);
        let origin = sources.body_start(path, body);
        markdown_links(path, "page", body, origin, sources, &mut links);
    }
    for news in &raw.news {
        let (path, (item, body)) = (&news.path, &news.value);
        if let Some(url) = &item.link {
            let at = sources.find_value(path, 1, "link", url);
            links.push(FoundLink::in_yaml(path, at, "link", url));
        }
        let (text, origin) = match &item.body {
            Some(text) => {
                let (line, column) = sources.find_value(path, 1, "body", "");
                (text, Origin::Yaml(line, column))
            }
            None => (body, sources.body_start(path, body)),
        };
        markdown_links(path, "body", text, origin, sources, &mut links);
    }
    links
}

fn author_links(path: &Path, a: &AuthorFile, sources: &mut Sources, out: &mut Vec<FoundLink>) {
    if let Some(photo) = &a.photo {
        out.push(FoundLink::in_yaml(
            path,
            position(photo),
            "photo",
            &photo.value,
        ));
    }
    for (key, value) in [("cv", &a.links.cv), ("homepage", &a.links.homepage)] {
        if let Some(url) = value {
            let at = sources.find_value(path, 1, key, url);
            out.push(FoundLink::in_yaml(path, at, &format!("links.{key}"), url));
        }
    }
    if let Some(bio) = &a.bio {
        markdown_links(path, "bio", &bio.value, yaml_origin(bio), sources, out);
    }
}

fn paper_links(path: &Path, p: &PaperFile, sources: &mut Sources, out: &mut Vec<FoundLink>) {
    let l = &p.links;
    // `arxiv` and `doi` are identifiers, made into links to their resolvers.
    let fields = [
        ("pdf", &l.pdf),
        ("code", &l.code),
        ("project", &l.project),
        ("slides", &l.slides),
        ("video", &l.video),
        ("poster", &l.poster),
        ("data", &l.data),
        ("html", &l.html),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            out.push(FoundLink::in_yaml(
                path,
                position(v),
                &format!("links.{key}"),
                &v.value,
            ));
        }
    }
    if let Some(text) = &p.abstract_ {
        markdown_links(
            path,
            "abstract",
            &text.value,
            yaml_origin(text),
            sources,
            out,
        );
    }
}

fn position<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

fn yaml_origin<T>(s: &Spanned<T>) -> Origin {
    Origin::Yaml(s.referenced.line(), s.referenced.column())
}

/// The links and images of a Markdown text found at `origin` in its file.
fn markdown_links(
    path: &Path,
    field: &str,
    text: &str,
    origin: Origin,
    sources: &mut Sources,
    out: &mut Vec<FoundLink>,
) {
    let options = Options::ENABLE_MATH
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let url = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => dest_url,
            Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let (line, column) = sources.in_text(path, origin, text, range);
        out.push(FoundLink {
            path: path.to_path_buf(),
            line,
            column,
            field: field.to_string(),
            url: url.to_string(),
            yaml: false,
        });
    }
}

// Duplicates

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

// Positions

/// The text of the site's files, read when a position inside one is needed.
struct Sources {
    root: PathBuf,
    texts: HashMap<PathBuf, Option<String>>,
}

impl Sources {
    fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            texts: HashMap::new(),
        }
    }

    fn text(&mut self, rel: &Path) -> Option<&str> {
        let root = &self.root;
        self.texts
            .entry(rel.to_path_buf())
            .or_insert_with(|| load::read_text(root, rel).ok())
            .as_deref()
    }

    /// Line and column of `key: value` at or after `from_line`, pointing at the
    /// value: the first line with both, else the first with the key; `(0, 0)`
    /// when the key is not found.
    fn find_value(&mut self, rel: &Path, from_line: u64, key: &str, value: &str) -> (u64, u64) {
        let Some(text) = self.text(rel) else {
            return (0, 0);
        };
        let skip = from_line.saturating_sub(1) as usize;
        let with_key = || {
            text.lines()
                .enumerate()
                .skip(skip)
                .filter_map(|(i, line)| find_key(line, key).map(|k| (i, line, k)))
        };
        let with_value =
            || with_key().find_map(|(i, line, k)| line[k..].find(value).map(|v| (i, line, k + v)));
        let found = (!value.is_empty()).then(with_value).flatten().or_else(|| {
            with_key()
                .next()
                .map(|(i, line, k)| (i, line, line.len() - line[k..].trim_start().len()))
        });
        found.map_or((0, 0), |(i, line, at)| {
            (i as u64 + 1, line[..at].chars().count() as u64 + 1)
        })
    }

    /// Where the Markdown body of a file with front matter starts.
    fn body_start(&mut self, rel: &Path, body: &str) -> Origin {
        match self.text(rel) {
            Some(text) if text.ends_with(body) => {
                let before = &text[..text.len() - body.len()];
                Origin::Body(before.matches('\n').count() as u64 + 1)
            }
            _ => Origin::Body(0),
        }
    }

    /// The file position of the Markdown source `text[range]`, in a text found at
    /// `origin`. A body maps line for line; a YAML value (a block, plain or
    /// quoted scalar) is searched for the link's source from the value's line on,
    /// falling back to the value's own position.
    fn in_text(
        &mut self,
        rel: &Path,
        origin: Origin,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> (u64, u64) {
        match origin {
            Origin::Body(0) | Origin::Yaml(0, _) => (0, 0),
            Origin::Body(line) => {
                let before = &text[..range.start];
                let line_in_text = before.matches('\n').count() as u64;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
                (line + line_in_text, column + 1)
            }
            Origin::Yaml(line, column) => {
                let snippet = text[range.clone()].lines().next().unwrap_or("");
                let nth = text[..range.start].matches(snippet).count();
                self.text(rel)
                    .and_then(|src| find_nth(src, line, snippet, nth))
                    .unwrap_or((line, column))
            }
        }
    }
}

/// Line and column of the `nth` (from 0) occurrence of `snippet` at or after
/// line `from`.
fn find_nth(text: &str, from: u64, snippet: &str, nth: usize) -> Option<(u64, u64)> {
    if snippet.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .flat_map(|(i, line)| {
            line.match_indices(snippet)
                .map(move |(at, _)| (i, line, at))
        })
        .nth(nth)
        .map(|(i, line, at)| (i as u64 + 1, line[..at].chars().count() as u64 + 1))
}

/// Where a Markdown text starts in its file.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// The body of a file with front matter, from this line on.
    Body(u64),
    /// A YAML value at this line and column.
    Yaml(u64, u64),
}

/// The byte index just after `key:` when the line holds that key.
fn find_key(line: &str, key: &str) -> Option<usize> {
    let mut search = 0;
    while let Some(i) = line[search..].find(key).map(|i| i + search) {
        let before = line[..i].chars().next_back();
        let boundary = before.is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-' | '\t'));
        let after = line[i + key.len()..].trim_start_matches(' ');
        if boundary && after.starts_with(':') {
            let colon = line.len() - after.len() + 1;
            return Some(colon);
        }
        search = i + key.len();
    }
    None
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

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("files/my%20cv.pdf"), "files/my cv.pdf");
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
    }

    #[test]
    fn keys_are_found_at_word_boundaries() {
        assert_eq!(find_key("  as_of: 2026", "as_of"), Some(8));
        assert_eq!(find_key("{ value: 3, as_of: x }", "as_of"), Some(18));
        assert_eq!(find_key("has_of: x", "as_of"), None);
        assert_eq!(find_key("- link: /x", "link"), Some(7));
    }
}
