//! The CV file at the site's root: `cv.yaml`. One CV per site: a second CV
//! file is an error rather than a silent choice.

use std::path::{Path, PathBuf};

use super::{Cache, Loaded, Stamp, collect, leaves_site, read_yaml, stamp_of};
use crate::error::Diagnostic;
use crate::model::schema::CvFile;

/// The CV files folio reads, at the site's root (the watcher shares the list).
pub const CV_FILES: [&str; 1] = ["cv.yaml"];

/// Reads the CV, if the site has one, recording its stamp among the inputs
/// every page depends on.
pub(super) fn read_cv(
    root: &Path,
    cache: &Cache,
    stamps: &mut Vec<(PathBuf, Stamp)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<CvFile>> {
    let rel = Path::new(CV_FILES[0]);
    if !present(root, rel, diags) {
        return None;
    }
    let (cv, d) = cache.get_or(root, rel, || collect(|d| read_yaml::<CvFile>(root, rel, d)));
    diags.extend(d);
    stamps.push(stamp_of(root, rel));
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
