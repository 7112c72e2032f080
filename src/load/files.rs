//! Finding and reading a site's files: which folders and names are input, the
//! walk that refuses links leaving the site, the static files, and reading a
//! file as UTF-8 text with a located error for anything else.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};
use crate::model::StaticFile;

/// Files larger than this are refused before parsing: no real paper is that big,
/// and a huge value must fail fast rather than exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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
pub const CONTENT_DIRS: [(&str, &[&str]); 8] = [
    ("authors", &["yaml", "yml"]),
    ("papers", &["yaml", "yml"]),
    ("pages", &["md", "markdown"]),
    ("news", &["yaml", "yml", "md", "markdown"]),
    ("talks", &["yaml", "yml"]),
    ("posts", &["md", "markdown"]),
    ("teaching", &["yaml", "yml"]),
    ("projects", &["yaml", "yml", "md", "markdown"]),
];

/// Whether `path` ends in one of `exts`, in any case (`x.YAML` is read).
pub fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The content files of one folder, relative to the site, sorted. Files of other
/// types are reported (so a `paper.yaml.txt` is not silently ignored).
pub(super) fn content_files(
    root: &Path,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>> {
    let exts = CONTENT_DIRS
        .iter()
        .find(|(d, _)| *d == dir)
        .map_or(&[][..], |(_, exts)| *exts);
    content_files_of(root, dir, exts, diags)
}

/// The files of `dir` ending in one of `exts` (a generic collection's folder).
pub(super) fn content_files_of(
    root: &Path,
    dir: &str,
    exts: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>> {
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
pub(super) fn leaves_site(root: &Path, site: &Path, path: &Path) -> Option<Diagnostic> {
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
pub(super) fn static_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<StaticFile>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
