//! The build pipeline, orchestration only: load, resolve, theme, render, write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
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
    let mut diags = Vec::new();
    let raw = load::load_site(root, &mut diags)?;
    let site = resolve::resolve(raw, overrides, &mut diags);
    diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    match site {
        Some(site) if !diags.iter().any(Diagnostic::is_error) => Ok((site, diags)),
        _ => Err(Error::Input(diags)),
    }
}

/// Renders a loaded site with its theme, in memory.
pub fn render_site(root: &Path, site: &Site) -> Result<Vec<Output>> {
    let mut theme = theme::load(root, &site.config.theme)?;
    let mut outputs = render::render_site(site, &mut theme)?;
    // Later entries win: static files may replace theme assets.
    let mut seen = std::collections::HashMap::new();
    for (i, o) in outputs.iter().enumerate() {
        seen.insert(o.path.clone(), i);
    }
    let mut index = 0;
    outputs.retain(|o| {
        let keep = seen[&o.path] == index;
        index += 1;
        keep
    });
    Ok(outputs)
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
