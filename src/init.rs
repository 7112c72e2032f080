//! `folio init`: writes a starter site (personal or lab) that builds as it is,
//! with a GitHub Actions workflow that deploys it to GitHub Pages. Existing files
//! are never overwritten.

use std::path::Path;

use crate::error::{Error, Result, io_error};

/// The files of a starter site: path and content.
type Files = &'static [(&'static str, &'static str)];

const COMMON: Files = &[
    (
        ".github/workflows/pages.yml",
        include_str!("init/pages.yml"),
    ),
    (".gitignore", "public/\n.public.folio-*\n"),
    ("static/files/.gitkeep", ""),
];

const PERSONAL: Files = &[
    ("site.yaml", include_str!("init/site.yaml")),
    ("authors/you.yaml", include_str!("init/you.yaml")),
    ("papers/first-paper.yaml", include_str!("init/paper1.yaml")),
    ("papers/second-paper.yaml", include_str!("init/paper2.yaml")),
    ("pages/about.md", include_str!("init/about.md")),
];

const LAB: Files = &[
    ("site.yaml", include_str!("init/lab-site.yaml")),
    (
        "authors/pat-investigator.yaml",
        include_str!("init/lab-pi.yaml"),
    ),
    (
        "authors/sam-student.yaml",
        include_str!("init/lab-student.yaml"),
    ),
    (
        "authors/alex-alumnus.yaml",
        include_str!("init/lab-alumnus.yaml"),
    ),
    (
        "papers/lab-paper.yaml",
        include_str!("init/lab-paper1.yaml"),
    ),
    (
        "papers/earlier-lab-paper.yaml",
        include_str!("init/lab-paper2.yaml"),
    ),
    (
        "news/2025-09-welcome.yaml",
        include_str!("init/lab-news.yaml"),
    ),
    ("pages/join.md", include_str!("init/lab-join.md")),
];

/// Writes a starter site into `dir`. Fails, writing nothing, if any of its files
/// already exists. Returns the files written.
pub fn init(dir: &Path, lab: bool) -> Result<Vec<String>> {
    let files: Vec<&(&str, &str)> = COMMON
        .iter()
        .chain(if lab { LAB } else { PERSONAL })
        .collect();
    let existing: Vec<_> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(Error::WouldOverwrite(existing));
    }
    for (rel, content) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        std::fs::write(&path, content).map_err(io_error(&path))?;
    }
    let mut written: Vec<String> = files.iter().map(|(rel, _)| rel.to_string()).collect();
    // The starter files name these schemas, so editors check them from the start.
    let schemas = crate::jsonschema::write_schemas(&dir.join(crate::jsonschema::DEFAULT_DIR))?;
    for path in schemas {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        written.push(rel.display().to_string());
    }
    Ok(written)
}
