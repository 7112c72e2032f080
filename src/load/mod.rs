//! Reads a site from disk: finds its files (walkdir), decodes them, and parses the
//! YAML into the raw file types. Every problem becomes a `Diagnostic` with the
//! file, line and column; nothing here decides what the data means.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::config::SiteFile;
use crate::error::{Diagnostic, Error, Result};
use crate::model::StaticFile;
use crate::schema::{AuthorFile, NewsFile, PageFront, PaperFile};
use crate::text::closest;

mod expanded;

/// Files larger than this are refused before parsing: no real paper is that big,
/// and a huge value must fail fast rather than exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed file and where it came from (relative to the site folder).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub value: T,
}

/// The raw content of a site, before resolution.
#[derive(Debug, Default)]
pub struct RawSite {
    pub site: Option<Loaded<SiteFile>>,
    /// Author id (file stem) and file.
    pub authors: Vec<(String, Loaded<AuthorFile>)>,
    /// Papers with their position in a multi-paper file (`None` for a one-paper file).
    pub papers: Vec<(Option<usize>, Loaded<PaperFile>)>,
    pub pages: Vec<Loaded<(PageFront, String)>>,
    /// News items with their Markdown body (empty for YAML items).
    pub news: Vec<Loaded<(NewsFile, String)>>,
    pub static_files: Vec<StaticFile>,
    /// Size and modification time of every input that is not a paper: when these
    /// change, every page may change.
    pub context_stamps: Vec<(PathBuf, Stamp)>,
    /// Paper files that were read, with their stamps.
    pub paper_files: Vec<(PathBuf, Option<Stamp>)>,
    /// Paper files not read because the caller already has them (`load_site_with`).
    pub known_papers: Vec<PathBuf>,
}

/// What identifies a file's version cheaply: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    /// The stamp of a file, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

type Parsed = Arc<dyn Any + Send + Sync>;

/// Parsed files kept between builds (by `folio watch`): a file whose stamp has not
/// changed is not read or parsed again.
/// A one-off build uses `Cache::none()`, which keeps nothing: a copy of every
/// parsed file would only cost time and memory.
#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<PathBuf, (Stamp, Parsed)>>,
    seen: Mutex<HashSet<PathBuf>>,
    off: bool,
}

impl Cache {
    /// A cache that keeps nothing.
    pub fn none() -> Cache {
        Cache {
            off: true,
            ..Cache::default()
        }
    }

    /// The cached result for `rel`, or `parse()` stored for next time.
    fn get_or<T: Clone + Send + Sync + 'static>(
        &self,
        root: &Path,
        rel: &Path,
        parse: impl FnOnce() -> T,
    ) -> T {
        if self.off {
            return parse();
        }
        let stamp = Stamp::of(&root.join(rel));
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_path_buf());
        if let Some(stamp) = stamp {
            let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            let hit = entries.get(rel).filter(|(old, _)| *old == stamp);
            if let Some(value) = hit.and_then(|(_, parsed)| parsed.downcast_ref::<T>()) {
                return value.clone();
            }
        }
        let value = parse();
        if let Some(stamp) = stamp {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries.insert(rel.to_path_buf(), (stamp, Arc::new(value.clone())));
        }
        value
    }

    /// Forgets files not seen since the last call (deleted or renamed).
    fn prune(&self) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|path, _| seen.contains(path));
        seen.clear();
    }
}

/// Reads every input file of the site at `root`.
pub fn load_site(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<RawSite> {
    load_site_cached(root, &Cache::none(), diags)
}

/// Reads the site, reusing what `cache` holds for files that did not change.
pub fn load_site_cached(
    root: &Path,
    cache: &Cache,
    diags: &mut Vec<Diagnostic>,
) -> Result<RawSite> {
    load_site_with(root, cache, &|_, _| false, diags)
}

/// `load_site_cached`, except that paper files for which `known(path, stamp)`
/// holds are not read at all: they are listed in `known_papers` (the caller has
/// their resolved papers from an earlier build).
pub fn load_site_with(
    root: &Path,
    cache: &Cache,
    known: &(dyn Fn(&Path, Stamp) -> bool + Sync),
    diags: &mut Vec<Diagnostic>,
) -> Result<RawSite> {
    let site_path = root.join("site.yaml");
    if !site_path.is_file() {
        return Err(Error::Input(vec![
            Diagnostic::error(
                &site_path,
                0,
                0,
                "no site.yaml here: this folder is not a folio site",
            )
            .with_hint(
                "run `folio build` in the site folder, or pass it: `folio build path/to/site`",
            ),
        ]));
    }
    if std::fs::symlink_metadata(&site_path).is_ok_and(|m| m.is_symlink()) {
        let site = root.canonicalize().map_err(crate::error::io_error(root))?;
        if let Some(d) = leaves_site(root, &site, &site_path) {
            return Err(Error::Input(vec![d]));
        }
    }
    let mut raw = RawSite::default();
    let site_rel = Path::new("site.yaml");
    let (site, d) = cache.get_or(root, site_rel, || {
        collect(|d| read_yaml::<SiteFile>(root, site_rel, d))
    });
    raw.site = site;
    diags.extend(d);
    raw.context_stamps.push(stamp_of(root, site_rel));

    let author_files = content_files(root, "authors", diags)?;
    let authors: Vec<_> = author_files
        .par_iter()
        .map(|rel| {
            (
                rel,
                cache.get_or(root, rel, || {
                    collect(|d| read_yaml::<AuthorFile>(root, rel, d))
                }),
            )
        })
        .collect();
    for (rel, (loaded, d)) in authors {
        diags.extend(d);
        raw.context_stamps.push(stamp_of(root, rel));
        if let Some(l) = loaded {
            let id = rel
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            raw.authors.push((id, l));
        }
    }

    let paper_files = content_files(root, "papers", diags)?;
    let papers: Vec<_> = paper_files
        .par_iter()
        .map(|rel| {
            let stamp = Stamp::of(&root.join(rel));
            if stamp.is_some_and(|s| known(rel, s)) {
                return (rel, None, stamp);
            }
            let parsed = cache.get_or(root, rel, || collect(|d| read_papers(root, rel, d)));
            (rel, Some(parsed), stamp)
        })
        .collect();
    for (rel, parsed, stamp) in papers {
        match parsed {
            Some((loaded, d)) => {
                diags.extend(d);
                raw.papers.extend(loaded);
                raw.paper_files.push((rel.clone(), stamp));
            }
            None => raw.known_papers.push(rel.clone()),
        }
    }

    for rel in content_files(root, "pages", diags)? {
        let (page, d) = cache.get_or(root, &rel, || collect(|d| read_page(root, &rel, d)));
        diags.extend(d);
        raw.context_stamps.push(stamp_of(root, &rel));
        raw.pages.extend(page);
    }
    for rel in content_files(root, "news", diags)? {
        let (item, d) = cache.get_or(root, &rel, || collect(|d| read_news(root, &rel, d)));
        diags.extend(d);
        raw.context_stamps.push(stamp_of(root, &rel));
        raw.news.extend(item);
    }
    raw.static_files = static_files(root, diags)?;
    for f in &raw.static_files {
        raw.context_stamps.push((
            f.source.clone(),
            Stamp::of(&f.source).unwrap_or(Stamp {
                len: 0,
                modified: None,
            }),
        ));
    }
    cache.prune();
    Ok(raw)
}

/// A news item: YAML, or Markdown with `date` and `title` in its front matter.
fn read_news(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<(NewsFile, String)>> {
    let text = read_text(root, rel).map_err(|d| diags.push(d)).ok()?;
    let is_yaml = has_extension(rel, &["yaml", "yml"]);
    let (front, body) = if is_yaml {
        (text.as_str(), "")
    } else {
        match split_front_matter(&text) {
            Some(parts) => parts,
            None => {
                diags.push(
                    Diagnostic::error(rel, 1, 1, "missing front matter")
                        .with_hint("start with ---, `date:` and `title:` lines, and ---"),
                );
                return None;
            }
        }
    };
    match parse_yaml::<NewsFile>(rel, front) {
        Ok(news) => Some(Loaded {
            path: rel.to_path_buf(),
            value: (news, body.to_string()),
        }),
        Err(mut d) => {
            if !is_yaml && d.line > 0 {
                d.line += 1;
            }
            diags.push(d);
            None
        }
    }
}

/// Runs a reader that reports into a diagnostics list, returning both.
fn collect<T>(read: impl FnOnce(&mut Vec<Diagnostic>) -> T) -> (T, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let value = read(&mut d);
    (value, d)
}

fn stamp_of(root: &Path, rel: &Path) -> (PathBuf, Stamp) {
    let stamp = Stamp::of(&root.join(rel)).unwrap_or(Stamp {
        len: 0,
        modified: None,
    });
    (rel.to_path_buf(), stamp)
}

/// Editor temp and backup files, hidden files: never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with('#')
        || [".swp", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// The content folders of a site and the file types each holds. With
/// `is_ignored_name` and `has_extension`, the one rule of which files a build
/// reads, shared by the loader and `folio watch`.
pub const CONTENT_DIRS: [(&str, &[&str]); 4] = [
    ("authors", &["yaml", "yml"]),
    ("papers", &["yaml", "yml"]),
    ("pages", &["md", "markdown"]),
    ("news", &["yaml", "yml", "md", "markdown"]),
];

/// Whether `path` ends in one of `exts`, in any case (`x.YAML` is read).
pub fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The content files of one folder, relative to the site, sorted. Files of other
/// types are reported (so a `paper.yaml.txt` is not silently ignored).
fn content_files(root: &Path, dir: &str, diags: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>> {
    let exts = CONTENT_DIRS
        .iter()
        .find(|(d, _)| *d == dir)
        .map_or(&[][..], |(_, exts)| *exts);
    let base = root.join(dir);
    let not_ignored = |e: &walkdir::DirEntry, _: &mut Vec<Diagnostic>| {
        !is_ignored_name(&e.file_name().to_string_lossy())
    };
    let mut files = Vec::new();
    for entry in input_files(root, &base, &not_ignored, diags)? {
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if has_extension(&rel, exts) {
            files.push(rel);
        } else {
            diags.push(Diagnostic::warning(
                &rel,
                0,
                0,
                format!(
                    "ignored: only {} files are read in {dir}/",
                    exts.join(" and ")
                ),
            ));
        }
    }
    Ok(files)
}

/// Decides whether a file or folder below an input folder is read (`true`), and
/// may report why not.
pub(crate) type Keep<'a> = &'a dyn Fn(&walkdir::DirEntry, &mut Vec<Diagnostic>) -> bool;

/// The files under `dir`, an input folder of the site at `root`, sorted by name.
/// Links are followed only while they stay inside the site: a link (or the
/// folder itself, reached through one) that leads outside it or nowhere is an
/// error naming it, and nothing is read through it. `keep` is asked about every
/// file and folder below `dir`; a folder it refuses is not entered.
pub(crate) fn input_files(
    root: &Path,
    dir: &Path,
    keep: Keep,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<walkdir::DirEntry>> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() || m.is_symlink() => {}
        _ => return Ok(Vec::new()),
    }
    let site = root.canonicalize().map_err(crate::error::io_error(root))?;
    let mut found = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && !keep(e, &mut found) {
                return false;
            }
            if e.depth() > 0 && !e.path_is_symlink() {
                return true;
            }
            match leaves_site(root, &site, e.path()) {
                Some(d) => {
                    found.push(d);
                    false
                }
                None => true,
            }
        });
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && e.depth() > 0 => files.push(e),
            Ok(_) => {}
            Err(e) => problems.push(bad_link(root, e).map_err(|e| walk_error(dir, e))?),
        }
    }
    diags.extend(found);
    diags.extend(problems);
    Ok(files)
}

/// An error when `path`, once links are resolved, is not inside the site.
fn leaves_site(root: &Path, site: &Path, path: &Path) -> Option<Diagnostic> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    match path.canonicalize() {
        Ok(real) if real.starts_with(site) => None,
        Ok(real) => Some(
            Diagnostic::error(
                rel,
                0,
                0,
                format!("leads outside the site folder, to {}", real.display()),
            )
            .with_hint(
                "folio reads nothing outside the site through a link: copy it into the site, or link to a place inside the site",
            ),
        ),
        Err(e) => Some(Diagnostic::error(
            rel,
            0,
            0,
            format!("is a link that leads nowhere: {e}"),
        )),
    }
}

/// The error of a walk that met a broken link or a link loop, as a diagnostic;
/// other errors (an unreadable folder) are given back.
fn bad_link(root: &Path, e: walkdir::Error) -> std::result::Result<Diagnostic, walkdir::Error> {
    let Some(path) = e.path().map(Path::to_path_buf) else {
        return Err(e);
    };
    let rel = path.strip_prefix(root).unwrap_or(&path);
    if e.loop_ancestor().is_some() {
        return Ok(Diagnostic::error(
            rel,
            0,
            0,
            "is a link to a folder that holds it (a loop)",
        ));
    }
    match std::fs::read_link(&path) {
        Ok(target) => Ok(Diagnostic::error(
            rel,
            0,
            0,
            format!("is a link to {}, which does not exist", target.display()),
        )),
        Err(_) => Err(e),
    }
}

fn walk_error(base: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(base).to_path_buf();
    let source = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("file system loop"));
    Error::Io { path, source }
}

/// Everything under `static/`, copied verbatim, except hidden files and folders
/// (`.env`, `.git/`: warned about, not published) other than `.well-known/`,
/// which holds files the web expects (`security.txt`, domain verification).
fn static_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<StaticFile>> {
    let base = root.join("static");
    let published = |e: &walkdir::DirEntry, found: &mut Vec<Diagnostic>| {
        let name = e.file_name().to_string_lossy();
        if !name.starts_with('.') || (e.depth() == 1 && name == ".well-known") {
            return true;
        }
        if name != ".gitkeep" {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            found.push(
                Diagnostic::warning(rel, 0, 0, "hidden, so not published")
                    .with_hint("folio publishes hidden files only under static/.well-known/"),
            );
        }
        false
    };
    let mut files = Vec::new();
    for entry in input_files(root, &base, &published, diags)? {
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.push(StaticFile {
            rel,
            source: entry.path().to_path_buf(),
        });
    }
    Ok(files)
}

/// Reads a file as UTF-8 text, turning every way it can fail into a diagnostic.
pub fn read_text(root: &Path, rel: &Path) -> std::result::Result<String, Diagnostic> {
    let full = root.join(rel);
    let too_big = std::fs::metadata(&full).map(|m| m.len() > MAX_FILE_BYTES);
    if let Ok(true) = too_big {
        return Err(Diagnostic::error(
            rel,
            0,
            0,
            format!("file is larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let bytes = std::fs::read(&full)
        .map_err(|e| Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")))?;
    decode(rel, bytes)
}

/// UTF-8 only, with a clear message for UTF-16 and binary files.
fn decode(rel: &Path, bytes: Vec<u8>) -> std::result::Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error(rel, 0, 0, "file is UTF-16 encoded").with_hint("save it as UTF-8")
        );
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Diagnostic::error(rel, 0, 0, "file is binary, not text"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
        Diagnostic::error(rel, line, column, "file is not valid UTF-8")
            .with_hint("save it as UTF-8")
    })
}

fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        reject_unsupported_tags: true,
        budget: Some(yaml_budget()),
    }
}

/// Most values one file may hold, and most events an alias may replay: far more
/// than any real site file (a list of a thousand papers holds some 40,000
/// values), and small enough that a hostile file fails within a second and a
/// few tens of MiB instead of the parser's defaults (250,000 values and a
/// million replayed events: several seconds and 160 MiB for a merge-key bomb).
const MAX_YAML_NODES: usize = 100_000;
const MAX_ALIAS_EVENTS: usize = 20_000;

fn yaml_budget() -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_YAML_NODES;
    budget.max_recorded_anchor_events = MAX_ALIAS_EVENTS;
    budget
}

/// The parser's budget errors ("budget breached: Nodes { nodes: 100001 }") said
/// as what is wrong with the file.
fn budget_message(message: &str) -> Option<String> {
    if message.starts_with(expanded::TOO_MUCH) {
        return Some(format!(
            "aliases (`*name`) expand this file to more than {} MiB of text (a limit against alias bombs)",
            expanded::MAX_EXPANDED_BYTES >> 20
        ));
    }
    let breach = message.strip_prefix("budget breached: ")?;
    let kind = breach
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Some(match kind {
        "Nodes" => {
            format!("the file holds more than {MAX_YAML_NODES} values, the limit for one file")
        }
        "Depth" => "the YAML is nested too deeply".to_string(),
        "Aliases"
        | "Anchors"
        | "AliasAnchorRatio"
        | "MergeKeys"
        | "RecordedAnchorEvents"
        | "RecordedAnchorBytes" => {
            "aliases (`*name`) or merges (`<<:`) expand to too much (a limit against alias bombs)"
                .to_string()
        }
        _ => format!("the YAML is too large to read ({breach})"),
    })
}

/// Parses YAML text into `T`, mapping the parser's error to a located diagnostic.
pub fn parse_yaml<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
) -> std::result::Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(rel, 0, 0, "file is empty"));
    }
    if let Some((line, column)) = binary_tag(text) {
        return Err(
            Diagnostic::error(rel, line, column, "YAML tag `!!binary` is not supported")
                .with_hint("folio reads text: write the value itself, without the tag"),
        );
    }
    // Only a file with an anchor and an alias can hold more than it shows.
    if text.contains('&') && text.contains('*') {
        serde_saphyr::from_str_with_options::<expanded::Within>(text, yaml_options())
            .map_err(|e| yaml_diagnostic(rel, text, &e))?;
    }
    serde_saphyr::from_str_with_options(text, yaml_options())
        .map_err(|e| yaml_diagnostic(rel, text, &e))
}

/// Where a `!!binary` tag is written where a value starts (after `key:`, `-`,
/// `[`, `{` or `,`), outside quotes and comments. The parser knows this tag and
/// decodes its base64 into the text, so it is never an unsupported tag; folio
/// has no binary values. The same word inside prose is not a tag.
fn binary_tag(text: &str) -> Option<(u64, u64)> {
    const TAG: &str = "!!binary";
    if !text.contains(TAG) {
        return None;
    }
    // Whether a value may start after this character (`None`: the line start).
    let value_starts =
        |last: Option<char>| last.is_none_or(|c| matches!(c, ':' | '-' | '[' | '{' | ',' | '?'));
    for (n, src) in text.lines().enumerate() {
        let mut quote = None;
        let mut last = None;
        let mut prev = ' ';
        for (i, c) in src.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '#' && prev.is_whitespace() => break,
                None if (c == '"' || c == '\'') && value_starts(last) => quote = Some(c),
                None if src[i..].starts_with(TAG) && value_starts(last) => {
                    let column = src[..i].chars().count() as u64 + 1;
                    return Some((n as u64 + 1, column));
                }
                None => {}
            }
            if !c.is_whitespace() {
                last = Some(c);
            }
            prev = c;
        }
    }
    None
}

fn read_yaml<T: DeserializeOwned>(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    let parsed = read_text(root, rel).and_then(|text| parse_yaml(rel, &text));
    match parsed {
        Ok(value) => Some(Loaded {
            path: rel.to_path_buf(),
            value,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// A paper file holds one paper, or a list of papers.
fn read_papers(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Option<usize>, Loaded<PaperFile>)> {
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let loaded = |value| Loaded {
        path: rel.to_path_buf(),
        value,
    };
    let result = if starts_with_sequence(&text) {
        parse_yaml::<Vec<PaperFile>>(rel, &text).map(|list| {
            list.into_iter()
                .enumerate()
                .map(|(i, p)| (Some(i), loaded(p)))
                .collect()
        })
    } else {
        parse_yaml::<PaperFile>(rel, &text).map(|p| vec![(None, loaded(p))])
    };
    result.unwrap_or_else(|d| {
        diags.push(d);
        Vec::new()
    })
}

/// True when the document's top level is a sequence (`- title: ...`).
fn starts_with_sequence(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with("- ") || l == "-")
}

/// A Markdown page: YAML front matter between `---` lines, then the body.
fn read_page(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<(PageFront, String)>> {
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let Some((front, body)) = split_front_matter(&text) else {
        diags.push(
            Diagnostic::error(rel, 1, 1, "missing front matter")
                .with_hint("start the page with ---, a line `title: ...`, and ---"),
        );
        return None;
    };
    match parse_yaml::<PageFront>(rel, front) {
        Ok(front) => Some(Loaded {
            path: rel.to_path_buf(),
            value: (front, body.to_string()),
        }),
        Err(mut d) => {
            // Front matter starts on line 2 of the file.
            if d.line > 0 {
                d.line += 1;
            }
            diags.push(d);
            None
        }
    }
}

fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---")?;
    let front = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, b)| b);
    Some((front, body))
}

/// Turns a serde-saphyr error into `path:line:col: message` with the field named
/// and, for unknown fields, the closest known one suggested.
fn yaml_diagnostic(rel: &Path, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let full = err.without_snippet().to_string();
    let message = match full.rfind(" at line ") {
        // "... (defined at line 4, column 18) (used at line 4, column 232)"
        Some(i) if full[i..].contains(", column ") => {
            full[..i].trim_end_matches(" (used").to_string()
        }
        _ => full,
    };
    if let Some(message) = budget_message(&message) {
        return Diagnostic::error(rel, line, column, message);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let hint = match closest(field, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known fields: {}", known.join(", ")),
        };
        return Diagnostic::error(rel, line, column, format!("unknown field `{field}`"))
            .with_hint(hint);
    }
    if let Some(d) = unknown_variant(rel, (line, column), &message) {
        return d;
    }
    if let Some(d) = parser_internals(rel, text, (line, column), &message) {
        return d;
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return Diagnostic::error(rel, line, column, format!("duplicate key `{key}`"))
            .with_hint("a key may appear once in a mapping: remove or rename one of them");
    }
    if message.starts_with("tabs disallowed") {
        return Diagnostic::error(rel, line, column, "a tab where YAML needs spaces")
            .with_hint("indent with spaces, not tabs");
    }
    let message = humanize(&message);
    // A type error may point at the key rather than the value.
    let at_key = message.starts_with("invalid type") || message.starts_with("invalid value");
    match field_at(text, line, column, at_key) {
        Some(field) if !message.contains(&format!("`{field}`")) => {
            Diagnostic::error(rel, line, column, format!("field `{field}`: {message}"))
        }
        _ => Diagnostic::error(rel, line, column, message),
    }
}

/// `kind: journal`: the value is not one of a field's words. Says which were
/// meant, by spelling (`post-doc`) or by the name people use for it (`journal`).
fn unknown_variant(rel: &Path, (line, column): (u64, u64), message: &str) -> Option<Diagnostic> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (value, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    let field = match known.first() {
        Some(&"article") => "kind",
        Some(&"pi") => "role",
        Some(&"personal") => "mode",
        _ => "",
    };
    let synonym = crate::schema::variant_synonym(field, value).filter(|s| known.contains(s));
    let hint = match synonym.or_else(|| closest(value, known.iter().copied())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("use one of {}", known.join(", ")),
    };
    let what = if field.is_empty() {
        format!("`{value}` is not a known value")
    } else {
        format!("field `{field}`: `{value}` is not a known value")
    };
    Some(Diagnostic::error(rel, line, column, what).with_hint(hint))
}

/// Parser messages that name Rust functions or types, or that say what the parser
/// missed without saying why, rewritten for the person who wrote the file.
fn parser_internals(
    rel: &Path,
    text: &str,
    (line, column): (u64, u64),
    message: &str,
) -> Option<Diagnostic> {
    let error = |m: String| Diagnostic::error(rel, line, column, m);
    if message.starts_with("cannot deserialize null") {
        let what = match key_of_line(text, line) {
            Some(key) => format!("field `{key}` has no value"),
            None => "a value is missing".to_string(),
        };
        return Some(error(what).with_hint("write a value after the colon, or remove the line"));
    }
    if message.starts_with("multiple YAML documents") {
        return Some(
            error("a second YAML document starts here (a `---` line)".into())
                .with_hint("a file holds one document: remove the `---` line; several papers go in one list of `- title: ...` items"),
        );
    }
    if message.starts_with("unsupported tag") {
        return Some(
            error(format!(
                "{} is not supported",
                message.replace("unsupported tag", "YAML tag")
            ))
            .with_hint(
                "folio reads plain values: remove the tag (quote the value if it starts with `!`)",
            ),
        );
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed in this context")
        || message.contains("did not find expected '-' indicator")
    {
        let what = message.trim_start_matches("while parsing a block mapping, ");
        return Some(error(format!("{what}: check the indentation")).with_hint(
            "keys of one map start in the same column, and a nested key is indented under its parent; quote a value that contains `: `",
        ));
    }
    None
}

/// The key of a `key: value` line.
fn key_of_line(text: &str, line: u64) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)? as usize)?;
    let (key, _) = src.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

/// Serde's type words, said the way a person writing YAML thinks of them.
fn humanize(message: &str) -> String {
    let whole = [
        "invalid u8",
        "invalid u16",
        "invalid u32",
        "invalid u64",
        "invalid usize",
        "invalid i32",
        "invalid i64",
    ];
    if whole.contains(&message) {
        return "expected a whole number".into();
    }
    match message {
        "expected string scalar" => "expected text".into(),
        "expected mapping start" => "expected a map of `key: value` lines".into(),
        "expected sequence start" => "expected a list: [a, b] or one `- item` per line".into(),
        m if m.starts_with("externally tagged enum") => {
            "expected one value, not a list or a map".into()
        }
        "recursion limit exceeded" => "the YAML is nested too deeply".into(),
        m if m.starts_with("invalid type: string") && m.contains("expected a sequence") => {
            format!("{m} (write a list: [a, b] or one `- item` per line)")
        }
        m => m.to_string(),
    }
}

/// The key of the `key: value` pair at line/column: the position may point at the
/// value (the key is before it) or at the key itself.
fn field_at(text: &str, line: u64, column: u64, at_key: bool) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)? as usize)?;
    let split = src
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(src.len(), |(i, _)| i);
    let (before, after) = src.split_at(split);
    let is_key = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    let key_before = before
        .trim_end()
        .strip_suffix(':')
        .map(|k| k.trim_start().trim_start_matches("- ").trim());
    let key_here = after
        .split_once(':')
        .map(|(k, _)| k.trim())
        .filter(|_| at_key);
    key_before
        .filter(|k| is_key(k))
        .or(key_here.filter(|k| is_key(k)))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> String {
        parse_yaml::<T>(Path::new("p.yaml"), yaml)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors: [A]\nvenu: X\n");
        assert_eq!(
            got,
            "p.yaml:4:1: error: unknown field `venu`\n  hint: did you mean `venue`?"
        );
    }

    #[test]
    fn wrong_type_names_the_field() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors: [A]\ncitations: many\n");
        assert_eq!(
            got,
            "p.yaml:4:1: error: field `citations`: invalid type: string \"many\", expected a whole number, or a map with `value`, `source`, `as_of`, `url`"
        );
    }

    #[test]
    fn missing_field_is_named() {
        let got = parse_err::<PaperFile>("title: A\nauthors: [A]\n");
        // The parser points at the end of the mapping, where the field would go.
        assert_eq!(got, "p.yaml:2:1: error: missing field `date`");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let got = parse_err::<PaperFile>("title: A\ntitle: B\ndate: 2024\nauthors: [A]\n");
        assert!(
            got.starts_with("p.yaml:2:1: error: duplicate key `title`"),
            "{got}"
        );
    }

    #[test]
    fn author_entries_accept_names_and_maps() {
        let p: PaperFile = parse_yaml(
            Path::new("p.yaml"),
            "title: A\ndate: 2024\nauthors:\n  - Ada Lovelace\n  - { id: fuli-luo, equal: true }\n",
        )
        .unwrap();
        assert_eq!(p.authors[0].value.name, "Ada Lovelace");
        assert_eq!(p.authors[1].value.id.as_deref(), Some("fuli-luo"));
        assert!(p.authors[1].value.equal);
        assert_eq!(p.authors[1].referenced.line(), 5);
    }

    #[test]
    fn unknown_key_in_author_map_is_an_error() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors:\n  - { nam: X }\n");
        assert!(got.contains("unknown field `nam`"), "{got}");
        assert!(got.contains("did you mean `name`?"), "{got}");
    }

    #[test]
    fn text_decoding_rejects_utf16_binary_and_bad_utf8() {
        let p = Path::new("x.yaml");
        assert!(
            decode(p, vec![0xFF, 0xFE, b'a', 0])
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
        assert!(
            decode(p, b"a\0b".to_vec())
                .unwrap_err()
                .message
                .contains("binary")
        );
        let e = decode(p, b"title: a\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 4));
        assert_eq!(
            decode(p, b"\xEF\xBB\xBFtitle: x".to_vec()).unwrap(),
            "title: x"
        );
    }

    #[test]
    fn editor_backup_files_are_ignored() {
        for name in [
            ".a.yaml.swp",
            "a.yaml~",
            "#a.yaml#",
            ".hidden.yaml",
            "4913.tmp",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("paper.yaml"));
    }

    #[test]
    fn binary_tags_are_found_where_values_start_only() {
        assert_eq!(binary_tag("a: !!binary eA==\n"), Some((1, 4)));
        assert_eq!(binary_tag("a:\n  - !!binary eA==\n"), Some((2, 5)));
        assert_eq!(binary_tag("a: [x, !!binary eA==]\n"), Some((1, 8)));
        for text in [
            "a: \"!!binary\"\n",
            "a: 'x !!binary'\n",
            "a: x # !!binary\n",
            "a: Ada's !!binary tags\n",
            "a: |\n  text about !!binary\n",
        ] {
            assert_eq!(binary_tag(text), None, "{text}");
        }
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (f, b) = split_front_matter("---\ntitle: About\n---\nHello\n").unwrap();
        assert_eq!((f, b), ("title: About\n", "Hello\n"));
        assert!(split_front_matter("no front matter").is_none());
    }
}
