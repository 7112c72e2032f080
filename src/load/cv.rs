//! The CV file at the site's root: `cv.yaml`, or `resume.json` (JSON Resume,
//! read by `resume.rs` into the same types). One CV per site: both files at
//! once is an error rather than a silent choice.

use std::path::Path;

use super::{Cache, Loaded, collect, leaves_site, read_text, read_yaml};
use crate::error::Diagnostic;
use crate::model::schema::CvFile;

/// The CV files folio reads, at the site's root (the watcher shares the list).
pub const CV_FILES: [&str; 2] = ["cv.yaml", "resume.json"];

/// Reads the CV, if the site has one. Its stamp is not among the inputs every
/// page depends on: the CV has minimal rebuilds (`render::affected`).
pub(super) fn read_cv(
    root: &Path,
    cache: &Cache,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<CvFile>> {
    let (yaml, json) = (Path::new(CV_FILES[0]), Path::new(CV_FILES[1]));
    let (has_yaml, has_json) = (present(root, yaml, diags), present(root, json, diags));
    if has_yaml && has_json {
        diags.push(
            Diagnostic::error(
                json,
                0,
                0,
                "cv.yaml and resume.json are both here: folio reads one CV",
            )
            .with_hint(
                "keep one: remove (or rename) resume.json to use cv.yaml, or the other way round",
            ),
        );
        return None;
    }
    let rel = if has_yaml {
        yaml
    } else if has_json {
        json
    } else {
        return None;
    };
    let (cv, d) = cache.get_or(root, rel, || {
        collect(|d| {
            if has_yaml {
                read_yaml::<CvFile>(root, rel, d)
            } else {
                let text = read_text(root, rel).map_err(|e| d.push(e)).ok()?;
                super::resume::parse_resume(rel, &text, d)
            }
        })
    });
    diags.extend(d);
    cv
}

/// Whether the file is there to be read; a link leading out of the site is an
/// error, and nothing is read through it.
fn present(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    let full = root.join(rel);
    let Ok(meta) = std::fs::symlink_metadata(&full) else {
        return false;
    };
    if meta.is_symlink() {
        let Ok(site) = root.canonicalize() else {
            return false;
        };
        if let Some(d) = leaves_site(root, &site, &full) {
            diags.push(d);
            return false;
        }
    }
    true
}
