//! Reads a site from disk: finds its files (walkdir), decodes them, and parses the
//! YAML into the raw file types. Every problem becomes a `Diagnostic` with the
//! file, line and column; nothing here decides what the data means.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Result};
use crate::model::StaticFile;
use crate::model::config::SiteFile;
use crate::model::schema::{
    AuthorFile, CourseFile, CvFile, NewsFile, PageFront, PaperFile, PostFront, ProjectFile,
    TalkFile,
};

mod collection;
mod cv;
mod expanded;
mod files;
mod metrics;
mod resume;
mod yaml;

pub use collection::{ITEM_EXTENSIONS, RawItem, declared_folders};
pub use cv::CV_FILES;
pub(crate) use files::input_files;
pub use files::{CONTENT_DIRS, MAX_FILE_BYTES, has_extension, is_ignored_name, read_text};
use files::{content_files, leaves_site, static_files};
pub use metrics::{METRICS_FILE, MetricsInput};
pub use yaml::parse_yaml;

/// A project file: its fields and, for a Markdown file, the body with the
/// line of the file where it starts.
pub type ProjectSource = (ProjectFile, Option<(String, u64)>);

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
    /// Pages: front matter, body, and the line of the file where the body starts.
    pub pages: Vec<Loaded<(PageFront, String, u64)>>,
    /// News items with their Markdown body (empty for YAML items).
    pub news: Vec<Loaded<(NewsFile, String)>>,
    /// Talks, one a file (`talks/<slug>.yaml`).
    pub talks: Vec<Loaded<TalkFile>>,
    /// Blog posts (`posts/<slug>.md`): front matter, body, and the line of
    /// the file where the body starts.
    pub posts: Vec<Loaded<(PostFront, String, u64)>>,
    /// Courses, one a file (`teaching/<slug>.yaml`).
    pub courses: Vec<Loaded<CourseFile>>,
    /// The CV: `cv.yaml`, or `resume.json` read into the same types.
    pub cv: Option<Loaded<CvFile>>,
    /// Projects (`projects/<slug>.yaml`, or `.md` with front matter: then
    /// with the Markdown body after it and the line of the file where it starts).
    pub projects: Vec<Loaded<ProjectSource>>,
    /// The items of each declared collection, by collection name.
    pub collections: Vec<(String, Vec<RawItem>)>,
    pub static_files: Vec<StaticFile>,
    /// Size and modification time of every input that is not a paper or an
    /// item of a kind with minimal rebuilds (`render::affected`): when these
    /// change, every page may change.
    pub context_stamps: Vec<(PathBuf, Stamp)>,
    /// Paper files that were read, with their stamps.
    pub paper_files: Vec<(PathBuf, Option<Stamp>)>,
    /// Paper files not read because the caller already has them (`load_site_with`).
    pub known_papers: Vec<PathBuf>,
    /// `data/metrics.yaml`, written by `folio update`, when there is one.
    pub metrics: Option<MetricsInput>,
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
    for rel in content_files(root, "talks", diags)? {
        let (talk, d) = cache.get_or(root, &rel, || collect(|d| read_yaml(root, &rel, d)));
        diags.extend(d);
        // Not a context stamp: a talk changes only the pages that show it, and
        // `site::Session` finds those by comparing the resolved talks.
        raw.talks.extend(talk);
    }
    for rel in content_files(root, "posts", diags)? {
        let (post, d) = cache.get_or(root, &rel, || collect(|d| read_post(root, &rel, d)));
        diags.extend(d);
        // Not a context stamp, as for talks (`render::affected`).
        raw.posts.extend(post);
    }
    for rel in content_files(root, "teaching", diags)? {
        let (course, d) = cache.get_or(root, &rel, || collect(|d| read_yaml(root, &rel, d)));
        diags.extend(d);
        // Not a context stamp, as for talks (`render::affected`).
        raw.courses.extend(course);
    }
    raw.cv = cv::read_cv(root, cache, diags);
    for rel in content_files(root, "projects", diags)? {
        let (project, d) = cache.get_or(root, &rel, || collect(|d| read_project(root, &rel, d)));
        diags.extend(d);
        // Not a context stamp, as for talks (`render::affected`).
        raw.projects.extend(project);
    }
    raw.metrics = metrics::read_metrics(root, diags);
    raw.context_stamps
        .push(stamp_of(root, Path::new(METRICS_FILE)));
    collection::read_collections(root, cache, &mut raw, diags)?;
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

/// A project: YAML, or Markdown with its fields in the front matter and the
/// body after it (`Some(body)`). Positions in a Markdown file's front matter
/// are one line later in the file.
fn read_project(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<ProjectSource>> {
    let text = read_text(root, rel).map_err(|d| diags.push(d)).ok()?;
    let (front, body) = if has_extension(rel, &["yaml", "yml"]) {
        (text.as_str(), None)
    } else {
        let Some((front, body)) = split_front_matter(&text) else {
            diags.push(
                Diagnostic::error(rel, 1, 1, "missing front matter")
                    .with_hint("start with ---, a `title:` line, and ---"),
            );
            return None;
        };
        (front, Some(body))
    };
    match parse_yaml::<ProjectFile>(rel, front) {
        Ok(project) => Some(Loaded {
            path: rel.to_path_buf(),
            value: (project, body.map(|b| (b.to_string(), body_line(front)))),
        }),
        Err(mut d) => {
            if body.is_some() && d.line > 0 {
                d.line += 1;
            }
            diags.push(d);
            None
        }
    }
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
) -> Option<Loaded<(PageFront, String, u64)>> {
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
        Ok(parsed) => Some(Loaded {
            path: rel.to_path_buf(),
            value: (parsed, body.to_string(), body_line(front)),
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

/// A blog post: front matter between `---` lines, then the Markdown body.
fn read_post(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<(PostFront, String, u64)>> {
    let text = read_text(root, rel).map_err(|d| diags.push(d)).ok()?;
    let Some((front, body)) = split_front_matter(&text) else {
        diags.push(
            Diagnostic::error(rel, 1, 1, "missing front matter")
                .with_hint("start the post with ---, `title:` and `date:` lines, and ---"),
        );
        return None;
    };
    match parse_yaml::<PostFront>(rel, front) {
        Ok(post) => Some(Loaded {
            path: rel.to_path_buf(),
            value: (post, body.to_string(), body_line(front)),
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

/// The line where the body starts: after the opening `---`, the front matter
/// and the closing `---`.
fn body_line(front: &str) -> u64 {
    front.lines().count() as u64 + 3
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (f, b) = split_front_matter("---\ntitle: About\n---\nHello\n").unwrap();
        assert_eq!((f, b), ("title: About\n", "Hello\n"));
        assert!(split_front_matter("no front matter").is_none());
    }
}
