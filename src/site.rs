//! The build pipeline, orchestration only: load, resolve, theme, render, write.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Paper, Site};
use crate::render::{self, Output};
use crate::resolve::{self, Overrides};
use crate::{load, output, theme};

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
}

/// Loads and resolves a site. Fails with every error found; warnings come back
/// with the site.
pub fn load_site(root: &Path, overrides: &Overrides) -> Result<(Site, Vec<Diagnostic>)> {
    load_site_cached(root, overrides, &load::Cache::default()).map(|(site, d, _)| (site, d))
}

/// Stamps of the inputs every page depends on.
type Stamps = Vec<(PathBuf, load::Stamp)>;

/// `load_site` reusing the parsed files in `cache`; also returns the stamps of
/// the inputs that every page depends on.
fn load_site_cached(
    root: &Path,
    overrides: &Overrides,
    cache: &load::Cache,
) -> Result<(Site, Vec<Diagnostic>, Stamps)> {
    let mut diags = Vec::new();
    let mut raw = load::load_site_cached(root, cache, &mut diags)?;
    let stamps = std::mem::take(&mut raw.context_stamps);
    let site = resolve::resolve(raw, overrides, &mut diags);
    diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some(site) if !diags.iter().any(Diagnostic::is_error) => Ok((site, diags, stamps)),
        _ => Err(Error::Input(diags)),
    }
}

/// Renders a loaded site with its theme, in memory.
pub fn render_site(root: &Path, site: &Site) -> Result<Vec<Output>> {
    let mut theme = theme::load(root, &site.config.theme)?;
    render::render_site(site, &mut theme)
}

/// `folio build`: the whole pipeline. The previous output is untouched unless the
/// build succeeds.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let out = output::check_output_dir(&out, &opts.root)?;
    let (site, warnings) = load_site(&opts.root, &opts.overrides)?;
    let outputs = render_site(&opts.root, &site)?;
    output::write_atomically(&out, &outputs)?;
    Ok(BuildReport {
        pages: outputs.iter().filter(|o| o.path.ends_with(".html")).count(),
        files: outputs.len(),
        output: out,
        warnings,
        elapsed: start.elapsed(),
    })
}

/// A build kept alive between rebuilds (`folio watch` and `folio serve`): parsed
/// files are reused, only changed paper pages are rendered again, and only files
/// whose bytes changed are written.
pub struct Session {
    opts: BuildOptions,
    out: PathBuf,
    cache: load::Cache,
    last: Option<LastBuild>,
}

struct LastBuild {
    papers: HashMap<String, Paper>,
    /// Each paper's rendered list entry, reused while the paper is unchanged.
    items: HashMap<String, tera::Value>,
    context_key: u64,
    written: output::Written,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct RebuildReport {
    /// Everything was rendered (first build, or a change to shared input).
    pub full: bool,
    pub rendered: usize,
    pub stats: output::WriteStats,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// The path of the site's `base_url`, where the preview server serves it.
    pub base_path: String,
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
            last: None,
        })
    }

    /// The output folder, absolute.
    pub fn output_dir(&self) -> &Path {
        &self.out
    }

    /// Rebuilds after a change. On error the previous output stays as it was.
    pub fn rebuild(&mut self) -> Result<RebuildReport> {
        let start = Instant::now();
        let (site, warnings, stamps) =
            load_site_cached(&self.opts.root, &self.opts.overrides, &self.cache)?;
        let mut theme = theme::load(&self.opts.root, &site.config.theme)?;
        let context_key = {
            let mut h = std::hash::DefaultHasher::new();
            stamps.hash(&mut h);
            theme.fingerprint.hash(&mut h);
            h.finish()
        };
        let papers: HashMap<String, Paper> = site
            .papers
            .iter()
            .map(|p| (p.slug.clone(), p.clone()))
            .collect();
        let partial = self.last.as_ref().filter(|l| l.context_key == context_key);
        let (outputs, gone, full) = match partial {
            Some(last) => {
                let changed: HashSet<String> = papers
                    .iter()
                    .filter(|(slug, p)| last.papers.get(*slug) != Some(p))
                    .map(|(slug, _)| slug.clone())
                    .collect();
                let gone: Vec<String> = last
                    .papers
                    .keys()
                    .filter(|slug| !papers.contains_key(*slug))
                    .map(|slug| format!("papers/{slug}/index.html"))
                    .collect();
                let reuse = render::Reuse {
                    changed: &changed,
                    items: &last.items,
                };
                (
                    render::render_selected(&site, &mut theme, Some(&reuse))?,
                    gone,
                    false,
                )
            }
            None => (
                render::render_selected(&site, &mut theme, None)?,
                Vec::new(),
                true,
            ),
        };
        let render::Rendered { outputs, items } = outputs;
        let stats = match self.last.as_mut() {
            Some(last) => {
                output::write_changed(&self.out, &outputs, &mut last.written, full, &gone)?
            }
            None => {
                output::write_atomically(&self.out, &outputs)?;
                let written = output::Written::record_all(&outputs);
                self.last = Some(LastBuild {
                    papers: HashMap::new(),
                    items: HashMap::new(),
                    context_key,
                    written,
                });
                output::WriteStats {
                    written: outputs.len(),
                    ..Default::default()
                }
            }
        };
        if let Some(last) = self.last.as_mut() {
            last.papers = papers;
            last.items = items;
            last.context_key = context_key;
        }
        Ok(RebuildReport {
            full,
            rendered: outputs.iter().filter(|o| o.path.ends_with(".html")).count(),
            stats,
            warnings,
            elapsed: start.elapsed(),
            base_path: site.config.base_path.clone(),
        })
    }
}
