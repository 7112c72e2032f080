//! The build pipeline, orchestration only: load, resolve, theme, render, write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Error, Result};
use crate::images::{self, ImageStats};
use crate::model::Site;
use crate::render::{self, Output, Sink};
use crate::resolve::{self, Overrides};
use crate::timing::Timings;
use crate::{load, output, render::theme};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What `folio build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.yaml`).
    pub root: PathBuf,
    /// Where to write; `root/public` when not given.
    pub output: Option<PathBuf>,
    pub overrides: Overrides,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Resized pictures encoded by this build, and taken from the cache.
    pub images: ImageStats,
}

/// Loads and resolves a site. Fails with every error found; warnings come back
/// with the site.
pub fn load_site(root: &Path, overrides: &Overrides) -> Result<(Site, Vec<Diagnostic>)> {
    let (site, d, _) = load_site_cached(
        root,
        overrides,
        &load::Cache::none(),
        &mut Timings::new(),
        None,
    )?;
    Ok((site, d))
}

/// Stamps of the inputs every page depends on.
type Stamps = Vec<(PathBuf, load::Stamp)>;

/// `load_site` reusing the parsed files in `cache`; also returns the stamps of
/// the inputs that every page depends on. With `images`, the site's pictures
/// are resized too (a build's, not `folio check`'s), and counted there.
fn load_site_cached(
    root: &Path,
    overrides: &Overrides,
    cache: &load::Cache,
    timings: &mut Timings,
    images: Option<&mut ImageStats>,
) -> Result<(Site, Vec<Diagnostic>, Stamps)> {
    let mut diags = Vec::new();
    let mut raw = load::load_site_cached(root, cache, &mut diags)?;
    timings.lap("load");
    let stamps = std::mem::take(&mut raw.context_stamps);
    let mut site = resolve::resolve(raw, overrides, &mut diags);
    timings.lap("resolve");
    prepare_images(root, site.as_mut(), images, &mut diags, timings);
    finish_diagnostics(site, diags).map(|(site, diags)| (site, diags, stamps))
}

/// Resizes the pictures of a resolved site, when asked for.
fn prepare_images(
    root: &Path,
    site: Option<&mut Site>,
    stats: Option<&mut ImageStats>,
    diags: &mut Vec<Diagnostic>,
    timings: &mut Timings,
) {
    if let (Some(site), Some(stats)) = (site, stats) {
        *stats = images::prepare(root, site, diags);
        timings.lap("images");
    }
}

/// The site with its warnings in file order, or every diagnostic as an error.
fn finish_diagnostics(
    site: Option<Site>,
    mut diags: Vec<Diagnostic>,
) -> Result<(Site, Vec<Diagnostic>)> {
    diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some(site) if !diags.iter().any(Diagnostic::is_error) => Ok((site, diags)),
        _ => Err(Error::Input(diags)),
    }
}

/// Renders a loaded site with its theme, in memory.
pub fn render_site(root: &Path, site: &Site) -> Result<Vec<Output>> {
    let mut theme = theme::load(root, &site.config.theme)?;
    render::render_site(site, &mut theme)
}

/// Counts the files a build writes, and its HTML pages, as they pass.
struct Counted<'s> {
    sink: &'s dyn Sink,
    files: AtomicUsize,
    pages: AtomicUsize,
    /// The paths made, when asked for (`folio watch`'s report).
    paths: Option<std::sync::Mutex<Vec<String>>>,
}

impl<'s> Counted<'s> {
    fn new(sink: &'s dyn Sink) -> Counted<'s> {
        Counted {
            sink,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            paths: None,
        }
    }

    /// Also records the path of every output.
    fn recording(sink: &'s dyn Sink) -> Counted<'s> {
        Counted {
            paths: Some(Default::default()),
            ..Counted::new(sink)
        }
    }

    /// The paths made, sorted.
    fn paths(&mut self) -> Vec<String> {
        let mut paths = self
            .paths
            .take()
            .map(|p| p.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default();
        paths.sort();
        paths
    }
}

impl Sink for Counted<'_> {
    fn put(&self, output: Output) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        if output.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(paths) = &self.paths {
            paths
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(output.path.clone());
        }
        self.sink.put(output)
    }
}

/// `folio build`: the whole pipeline. Pages go to a staging folder as they are
/// rendered, which replaces the output only when the build succeeds: the
/// previous output is untouched otherwise.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let out = output::check_output_dir(&out, &opts.root)?;
    let mut t = Timings::new();
    let mut images = ImageStats::default();
    let (site, mut warnings, _) = load_site_cached(
        &opts.root,
        &opts.overrides,
        &load::Cache::none(),
        &mut t,
        Some(&mut images),
    )?;
    let mut theme = theme::load(&opts.root, &site.config.theme)?;
    t.lap("theme");
    let staging = output::Staging::begin(&out, false)?;
    let counted = Counted::new(&staging);
    render::render_selected(&site, &mut theme, None, &counted)?;
    let (pages, files) = (counted.pages.into_inner(), counted.files.into_inner());
    t.lap("render+write");
    let mut written = staging.commit()?;
    warnings.extend(leftover_warnings(&mut written));
    t.lap("swap");
    Ok(BuildReport {
        pages,
        files,
        output: out,
        warnings,
        elapsed: start.elapsed(),
        images,
    })
}

/// Warnings for the copies of an earlier output that could not be removed.
fn leftover_warnings(written: &mut output::Written) -> Vec<Diagnostic> {
    std::mem::take(&mut written.leftovers)
        .into_iter()
        .map(|l| {
            Diagnostic::warning(
                &l.path,
                0,
                0,
                "could not remove this copy of an earlier output",
            )
            .with_hint(format!(
                "{}; folio tries again at every build, or remove it yourself",
                l.reason
            ))
        })
        .collect()
}

/// A build kept alive between rebuilds (`folio watch` and `folio serve`): parsed
/// files are reused, only changed paper pages are rendered again, and only files
/// whose bytes changed are written.
pub struct Session {
    opts: BuildOptions,
    out: PathBuf,
    cache: load::Cache,
    memo: resolve::PaperMemo,
    /// The compiled theme of the last build, reused while its files are unchanged.
    theme: Option<theme::Theme>,
    last: Option<LastBuild>,
}

struct LastBuild {
    /// What the list pages show of each paper, by slug. A paper that was not
    /// resolved anew and kept its cite key needs no new page and keeps its
    /// derived data.
    papers: FxHashMap<String, Listed>,
    /// Each paper's list entry and BibTeX entry, reused while it is unchanged.
    derived: HashMap<String, render::Derived>,
    /// The items of the kinds with minimal rebuilds (talks), by their page.
    items: BTreeMap<String, render::ItemRecord>,
    context_key: u64,
    counts_key: u64,
    written: output::Written,
}

/// Where a paper is listed (its topics and linked authors), and its cite key.
struct Listed {
    cite_key: String,
    topics: Vec<String>,
    authors: Vec<String>,
}

impl Listed {
    fn of(p: &crate::model::Paper) -> Listed {
        Listed {
            cite_key: p.cite_key.clone(),
            topics: p.topics.clone(),
            authors: p.authors.iter().filter_map(|a| a.id.clone()).collect(),
        }
    }
}

impl Drop for Session {
    /// A watcher that stops leaves nothing beside the output.
    fn drop(&mut self) {
        output::remove_staging(&self.out);
    }
}

/// What one rebuild did.
#[derive(Debug)]
pub struct RebuildReport {
    /// Everything was rendered (first build, or a change to shared input).
    pub full: bool,
    pub rendered: usize,
    /// Every file rendered (pages and others), sorted; only those whose bytes
    /// changed were written (`stats.written_files`).
    pub rendered_files: Vec<String>,
    pub stats: output::WriteStats,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// The path of the site's `base_url`, where the preview server serves it.
    pub base_path: String,
    /// Resized pictures encoded by this rebuild, and taken from the cache.
    pub images: ImageStats,
}

impl Session {
    /// Checks the output folder; nothing is built yet.
    pub fn new(opts: BuildOptions) -> Result<Session> {
        let out = opts
            .output
            .clone()
            .unwrap_or_else(|| opts.root.join("public"));
        let out = output::check_output_dir(&out, &opts.root)?;
        Ok(Session {
            opts,
            out,
            cache: load::Cache::default(),
            memo: resolve::PaperMemo::default(),
            theme: None,
            last: None,
        })
    }

    /// The output folder, absolute.
    pub fn output_dir(&self) -> &Path {
        &self.out
    }

    /// Loads and resolves the site, reading and resolving again only the paper
    /// files that changed since the last build, while the shared input did not.
    fn load(
        &mut self,
        t: &mut Timings,
        images: &mut ImageStats,
    ) -> Result<(Site, Vec<Diagnostic>, Stamps)> {
        let (root, overrides) = (&self.opts.root, &self.opts.overrides);
        let mut diags = Vec::new();
        let memo = &self.memo;
        let known = |rel: &Path, stamp| memo.knows(rel, stamp);
        let mut raw = load::load_site_with(root, &self.cache, &known, &mut diags)?;
        let key = {
            let mut h = std::hash::DefaultHasher::new();
            raw.context_stamps.hash(&mut h);
            overrides.base_url.hash(&mut h);
            overrides.today.hash(&mut h);
            h.finish()
        };
        if !self.memo.begin(key) && !raw.known_papers.is_empty() {
            // The shared input changed: every paper is resolved again.
            diags.clear();
            raw = load::load_site_cached(root, &self.cache, &mut diags)?;
        }
        t.lap("load");
        let stamps = std::mem::take(&mut raw.context_stamps);
        let mut site = resolve::resolve_with(raw, overrides, &mut diags, Some(&mut self.memo));
        t.lap("resolve");
        prepare_images(root, site.as_mut(), Some(images), &mut diags, t);
        finish_diagnostics(site, diags).map(|(site, diags)| (site, diags, stamps))
    }

    /// Rebuilds after a change. On error the previous output stays as it was.
    pub fn rebuild(&mut self) -> Result<RebuildReport> {
        let start = Instant::now();
        let mut t = Timings::new();
        let mut images = ImageStats::default();
        let (site, mut warnings, stamps) = self.load(&mut t, &mut images)?;
        let mut theme =
            theme::load_reusing(&self.opts.root, &site.config.theme, self.theme.take())?;
        // The site's paper count and topic counts: a new or deleted paper, or
        // one moved between topics, changes them.
        let counts_key = {
            let mut h = std::hash::DefaultHasher::new();
            site.papers.len().hash(&mut h);
            let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
            for topic in site.papers.iter().flat_map(|p| &p.topics) {
                *topics.entry(topic).or_default() += 1;
            }
            topics.hash(&mut h);
            h.finish()
        };
        let context_key = {
            let mut h = std::hash::DefaultHasher::new();
            stamps.hash(&mut h);
            theme.fingerprint.hash(&mut h);
            // What every page shows of the site (`has_talks` in the navigation).
            render::globals_key(&site).hash(&mut h);
            // Templates rendered once per paper see the counts only if they
            // mention them; then a change of the counts changes every page.
            let counts = ["paper.html", render::ITEM_TEMPLATE]
                .iter()
                .any(|t| theme.mentions(t, "paper_count") || theme.mentions(t, "count"));
            if counts {
                counts_key.hash(&mut h);
            }
            h.finish()
        };
        t.lap("theme");
        // Papers resolved anew, or whose cite key changed, need new pages;
        // the others keep what the last build recorded of them (moved, not copied).
        let fresh = self.memo.fresh();
        let mut last = self.last.take();
        let mut papers: FxHashMap<String, Listed> = FxHashMap::default();
        papers.reserve(site.papers.len());
        let mut changed: HashSet<String> = HashSet::new();
        for p in &site.papers {
            let kept = last
                .as_mut()
                .filter(|_| !fresh.contains(&p.slug))
                .filter(|l| {
                    l.papers
                        .get(&p.slug)
                        .is_some_and(|x| x.cite_key == p.cite_key)
                })
                .and_then(|l| l.papers.remove_entry(&p.slug));
            match kept {
                Some((slug, listed)) => {
                    papers.insert(slug, listed);
                }
                None => {
                    changed.insert(p.slug.clone());
                    papers.insert(p.slug.clone(), Listed::of(p));
                }
            }
        }
        t.lap("compare");
        let items = render::item_records(&site);
        let mut full = last.as_ref().is_none_or(|l| l.context_key != context_key);
        let (derived, written, stats, rendered, rendered_files) = match last {
            Some(last) => {
                // Same shared input: only changed papers get new pages. Otherwise
                // every page is rendered, but still only changed bytes are written.
                // What is left of the last build's record: changed and deleted papers.
                // A deleted paper's page, and its card when it had one.
                let gone: Vec<String> = last
                    .papers
                    .keys()
                    .filter(|slug| !papers.contains_key(*slug))
                    .flat_map(|slug| {
                        [
                            format!("papers/{slug}/index.html"),
                            format!("papers/{slug}/card.png"),
                        ]
                    })
                    .collect();
                // Items of the kinds with minimal rebuilds that were added,
                // removed or changed. Alone, they change only the pages that
                // show them; with papers, everything is rendered.
                let moved = render::items_changed(&last.items, &items);
                let items_only = moved.is_some() && changed.is_empty() && gone.is_empty();
                full |= moved.is_some() && !items_only;
                // Topic and author pages that list none of the changed papers
                // (before or after the change) stay as they are, as long as
                // the counts every page may show are the same.
                let touched = (last.counts_key == counts_key).then(|| {
                    let mut touched = render::Touched::default();
                    let gone = last.papers.keys().filter(|s| !papers.contains_key(*s));
                    for slug in changed.iter().chain(gone) {
                        for l in [papers.get(slug), last.papers.get(slug)]
                            .into_iter()
                            .flatten()
                        {
                            touched.topics.extend(l.topics.iter().cloned());
                            touched.authors.extend(l.authors.iter().cloned());
                        }
                    }
                    // The owner's page lists every paper of a personal site.
                    if site.config.mode == crate::model::config::Mode::Personal
                        && !changed.is_empty()
                    {
                        touched.authors.extend(site.config.owner.iter().cloned());
                    }
                    // Items listing a changed paper show its title on their authors' pages.
                    touched
                        .authors
                        .extend(render::authors_showing(&site, &changed));
                    touched
                });
                let (changed, gone, only) = match moved.filter(|_| !full) {
                    Some(m) => (m.papers, m.gone, Some(m.pages)),
                    None => {
                        // Items show the titles of all their papers on each one's page.
                        let beside = render::papers_beside(&site, &changed);
                        (changed.into_iter().chain(beside).collect(), gone, None)
                    }
                };
                let reuse = render::Reuse {
                    changed: &changed,
                    derived: &last.derived,
                    touched: touched.as_ref().filter(|_| only.is_none()),
                    only: only.as_ref(),
                };
                let reuse = (!full).then_some(&reuse);
                let update = output::Update::new(&self.out, last.written);
                let mut counted = Counted::recording(&update);
                let derived = render::render_selected(&site, &mut theme, reuse, &counted)?;
                let rendered_files = counted.paths();
                let rendered = counted.pages.into_inner();
                t.lap("render+write");
                let (written, stats) = update.finish(full, &gone)?;
                (derived, written, stats, rendered, rendered_files)
            }
            None => {
                let staging = output::Staging::begin(&self.out, true)?;
                let mut counted = Counted::recording(&staging);
                let derived = render::render_selected(&site, &mut theme, None, &counted)?;
                let rendered_files = counted.paths();
                let rendered = counted.pages.into_inner();
                let files = counted.files.into_inner();
                t.lap("render+write");
                let written = staging.commit()?;
                let stats = output::WriteStats {
                    written: files,
                    written_files: rendered_files.clone(),
                    ..Default::default()
                };
                (derived, written, stats, rendered, rendered_files)
            }
        };
        let mut written = written;
        warnings.extend(leftover_warnings(&mut written));
        self.last = Some(LastBuild {
            papers,
            items,
            derived,
            context_key,
            counts_key,
            written,
        });
        let base_path = site.config.base_path.clone();
        self.memo.restore(site.papers);
        self.theme = Some(theme);
        t.lap("finish");
        Ok(RebuildReport {
            full,
            rendered,
            rendered_files,
            stats,
            warnings,
            elapsed: start.elapsed(),
            base_path,
            images,
        })
    }
}
