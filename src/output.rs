//! Writes a build to disk so that the previous site survives any failure: files go
//! to a staging folder beside the output, which replaces the output only when
//! complete. Folio only ever deletes a folder that carries its marker file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result, io_error};
use crate::render::{Content, Output};

/// The file that marks a folder as folio's own output, safe to replace.
pub const MARKER: &str = ".folio-output";
const MARKER_TEXT: &str = "This folder is written by folio; folio replaces it on every build.\n";

/// Refuses output folders that folio must never replace: the site itself or a
/// folder holding it, the home folder, the root, or a non-empty folder folio did
/// not create.
pub fn check_output_dir(out: &Path, site_root: &Path) -> Result<PathBuf> {
    let refuse = |reason: &str| Error::UnsafeOutput {
        path: out.to_path_buf(),
        reason: reason.into(),
    };
    if out.as_os_str().is_empty() {
        return Err(refuse("the path is empty"));
    }
    if out
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
        && out.file_name().is_none()
    {
        return Err(refuse("it names the current or parent folder"));
    }
    let abs = absolute(out)?;
    if abs.file_name().is_none() {
        return Err(refuse("it is the root of the file system"));
    }
    let site = absolute(site_root)?;
    if site.starts_with(&abs) {
        return Err(refuse("it is the site folder or contains it"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).is_ok_and(|h| h == abs || h.starts_with(&abs))
    {
        return Err(refuse("it is the home folder or contains it"));
    }
    if abs.is_file() {
        return Err(refuse("it is a file"));
    }
    if abs.is_dir() && !abs.join(MARKER).is_file() && !is_empty_dir(&abs)? {
        return Err(refuse(&format!(
            "it is not empty and was not made by folio (no {MARKER} file); choose another folder or empty it"
        )));
    }
    Ok(abs)
}

/// An absolute, normalised path without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = std::path::absolute(path).map_err(io_error(path))?;
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks in the part that exists, so a link cannot disguise the site.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    Ok(std::fs::read_dir(dir)
        .map_err(io_error(dir))?
        .next()
        .is_none())
}

/// Checks that an output path stays inside the output folder.
fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && !path.starts_with('/')
}

/// Writes `outputs` into a fresh staging folder, then swaps it in for `out`.
/// `out` must have passed `check_output_dir`.
pub fn write_atomically(out: &Path, outputs: &[Output]) -> Result<()> {
    if let Some(bad) = outputs.iter().find(|o| !safe_relative(&o.path)) {
        return Err(Error::UnsafeOutput {
            path: PathBuf::from(&bad.path),
            reason: "an output path leaves the output folder".into(),
        });
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    let staging = parent.join(format!(".{name}.folio-staging"));
    let old = parent.join(format!(".{name}.folio-old"));
    recover(out, &old)?;
    remove_ours(&old)?;
    remove_ours(&staging)?;
    std::fs::create_dir(&staging).map_err(io_error(&staging))?;
    write_file(&staging.join(MARKER), MARKER_TEXT.as_bytes())?;
    write_all(&staging, outputs)?;
    if out.exists() && exchange(&staging, out) {
        // The old site is now in the staging folder.
        return remove_ours(&staging);
    }
    if out.exists() {
        std::fs::rename(out, &old).map_err(io_error(out))?;
    }
    std::fs::rename(&staging, out).map_err(io_error(&staging))?;
    remove_ours(&old)
}

/// Swaps two folders in one atomic step, so that no instant exists in which the
/// output is missing or mixed. False where the system cannot (then two renames
/// are used, and `recover` repairs a build killed between them).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// A build killed between the two renames leaves only the old folder: put it back.
fn recover(out: &Path, old: &Path) -> Result<()> {
    if !out.exists() && old.join(MARKER).is_file() {
        std::fs::rename(old, out).map_err(io_error(old))?;
    }
    Ok(())
}

/// Removes a folder only if folio marked it as its own. The marker goes last, so
/// a removal cut short still leaves a folder folio recognises as its own.
fn remove_ours(dir: &Path) -> Result<()> {
    let marker = dir.join(MARKER);
    if marker.is_file() {
        for entry in std::fs::read_dir(dir).map_err(io_error(dir))? {
            let path = entry.map_err(io_error(dir))?.path();
            if path == marker {
                continue;
            }
            if path.is_dir() && !path.is_symlink() {
                std::fs::remove_dir_all(&path).map_err(io_error(&path))?;
            } else {
                std::fs::remove_file(&path).map_err(io_error(&path))?;
            }
        }
        std::fs::remove_file(&marker).map_err(io_error(&marker))?;
        std::fs::remove_dir(dir).map_err(io_error(dir))?;
    } else if dir.is_dir() && is_empty_dir(dir)? {
        std::fs::remove_dir(dir).map_err(io_error(dir))?;
    } else if dir.exists() {
        return Err(Error::UnsafeOutput {
            path: dir.to_path_buf(),
            reason: format!("it exists but has no {MARKER} file"),
        });
    }
    Ok(())
}

fn write_all(root: &Path, outputs: &[Output]) -> Result<()> {
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| Path::new(&o.path).parent().map(|p| root.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_error(d))?;
    }
    outputs.par_iter().try_for_each(|o| {
        let dest = root.join(&o.path);
        match &o.content {
            Content::Bytes(b) => write_file(&dest, b),
            Content::Copy(src) => std::fs::copy(src, &dest).map(|_| ()).map_err(io_error(src)),
        }
    })
}

/// The files `folio watch` last wrote, by content hash, so that unchanged files
/// are left alone.
#[derive(Debug, Default)]
pub struct Written {
    files: HashMap<String, u64>,
}

/// What an incremental write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// A fast hash of an output's bytes (FxHash: this is change detection between
/// two builds of the same site, not a defence against crafted collisions).
fn content_hash(content: &Content) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    match content {
        Content::Bytes(b) => b.hash(&mut h),
        Content::Copy(src) => {
            src.hash(&mut h);
            crate::load::Stamp::of(src).hash(&mut h);
        }
    }
    h.finish()
}

impl Written {
    /// Records a complete output as written (after `write_atomically`).
    pub fn record_all(outputs: &[Output]) -> Written {
        let files = outputs
            .par_iter()
            .map(|o| (o.path.clone(), content_hash(&o.content)))
            .collect();
        Written { files }
    }
}

/// Writes only the outputs whose bytes changed since the last write, each through a
/// temporary file and a rename. When `complete`, files folio wrote before that are
/// no longer produced are removed; `gone` lists more to remove.
pub fn write_changed(
    out: &Path,
    outputs: &[Output],
    written: &mut Written,
    complete: bool,
    gone: &[String],
) -> Result<WriteStats> {
    let mut paths = outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(gone.iter().map(String::as_str));
    if let Some(bad) = paths.find(|p| !safe_relative(p)) {
        return Err(Error::UnsafeOutput {
            path: PathBuf::from(bad),
            reason: "an output path leaves the output folder".into(),
        });
    }
    let hashes: Vec<u64> = outputs
        .par_iter()
        .map(|o| content_hash(&o.content))
        .collect();
    let mut stats = WriteStats::default();
    let changed: Vec<(&Output, u64)> = outputs
        .iter()
        .zip(hashes)
        .filter(|(o, h)| {
            let same = written.files.get(&o.path) == Some(h) && out.join(&o.path).exists();
            if same {
                stats.unchanged += 1;
            }
            !same
        })
        .collect();
    changed.par_iter().try_for_each(|(o, _)| {
        let dest = out.join(&o.path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let tmp = dest.with_file_name(format!(
            ".{}.folio-tmp",
            dest.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        match &o.content {
            Content::Bytes(b) => write_file(&tmp, b)?,
            Content::Copy(src) => {
                std::fs::copy(src, &tmp).map_err(io_error(src))?;
            }
        }
        std::fs::rename(&tmp, &dest).map_err(io_error(&dest))
    })?;
    stats.written = changed.len();
    for (o, h) in changed {
        written.files.insert(o.path.clone(), h);
    }
    let mut remove: Vec<String> = gone.to_vec();
    if complete {
        let produced: std::collections::HashSet<&str> =
            outputs.iter().map(|o| o.path.as_str()).collect();
        remove.extend(
            written
                .files
                .keys()
                .filter(|p| !produced.contains(p.as_str()))
                .cloned(),
        );
    }
    for rel in remove {
        if written.files.remove(&rel).is_some() || complete {
            let path = out.join(&rel);
            if path.is_file() {
                std::fs::remove_file(&path).map_err(io_error(&path))?;
                stats.removed += 1;
                remove_empty_parents(out, &path);
            }
        }
    }
    Ok(stats)
}

/// Removes the folders a removed page leaves empty (`papers/x/`), never `out` itself.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_leave_the_folder() {
        assert!(safe_relative("papers/x/index.html"));
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a\\..\\x",
            "a//b",
            "",
            "a/./b",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_the_site_folder_its_parents_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("public")).unwrap();
        assert!(check_output_dir(&site, &site).is_err());
        assert!(check_output_dir(tmp.path(), &site).is_err());
        assert!(check_output_dir(Path::new(""), &site).is_err());
        assert!(check_output_dir(Path::new("/"), &site).is_err());
        let foreign = tmp.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        let err = check_output_dir(&foreign, &site).unwrap_err().to_string();
        assert!(err.contains("not made by folio"), "{err}");
        assert!(
            check_output_dir(&site.join("public"), &site).is_ok(),
            "an empty folder is fine"
        );
    }

    // Regression: a build killed after the first rename left `.public.folio-old`
    // behind, and the next build failed with "Directory not empty".
    #[test]
    fn leftovers_of_a_killed_build_are_cleaned_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let page = |s: &str| Output {
            path: "index.html".into(),
            content: Content::Bytes(s.as_bytes().to_vec()),
        };
        write_atomically(&out, &[page("one")]).unwrap();
        for leftover in [".public.folio-old", ".public.folio-staging"] {
            let dir = tmp.path().join(leftover);
            std::fs::create_dir_all(dir.join("papers")).unwrap();
            std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
            std::fs::write(dir.join("papers/x.html"), "stale").unwrap();
        }
        write_atomically(&out, &[page("two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!tmp.path().join(".public.folio-old").exists());
        // Killed between the renames: only the old folder is left, and it comes back.
        std::fs::rename(&out, tmp.path().join(".public.folio-old")).unwrap();
        write_atomically(&out, &[page("three")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "three"
        );
    }

    #[test]
    fn swap_replaces_old_output_and_keeps_nothing_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let page = |p: &str, s: &str| Output {
            path: p.into(),
            content: Content::Bytes(s.as_bytes().to_vec()),
        };
        write_atomically(&out, &[page("a/index.html", "one"), page("gone.html", "x")]).unwrap();
        write_atomically(&out, &[page("a/index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("gone.html").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }
}
