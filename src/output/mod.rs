//! Writes a build to disk so that the previous site survives any failure: files go
//! to a staging folder beside the output, which replaces the output only when
//! complete. Folio only ever deletes a folder that carries its marker file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result, io_error};
use crate::render::{Content, Output, Sink};

mod update;
pub use update::{Update, remove_staging};

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
    // An output inside a folder the build reads would be read (or copied) by
    // the next build, and nest into itself.
    for dir in ["static", "templates", "themes"] {
        if abs.starts_with(site.join(dir)) {
            return Err(refuse(&format!(
                "it is inside the site's {dir}/ folder, which the build reads"
            )));
        }
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
    let staging = Staging::begin(out, false)?;
    outputs
        .par_iter()
        .try_for_each(|o| staging.put(o.clone()))?;
    staging.commit().map(|_| ())
}

/// A new output folder, written beside the old one and swapped in for it by
/// `commit` once complete. Files arrive one at a time (`Sink::put`, from any
/// thread) and go straight to disk. Dropped without `commit` (an error), the
/// staging folder is removed and the old output is left as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// The hash of every file written, when the caller wants them (`folio watch`).
    hashes: Option<Mutex<HashMap<String, u64>>>,
    committed: bool,
    /// Earlier copies of the output that could not be removed.
    leftovers: Vec<Leftover>,
}

impl Staging {
    /// Starts a build of `out` (which must have passed `check_output_dir`):
    /// repairs what a killed build left, and makes an empty staging folder.
    pub fn begin(out: &Path, record_hashes: bool) -> Result<Staging> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        let dir = parent.join(format!(".{name}.folio-staging"));
        let old = parent.join(format!(".{name}.folio-old"));
        recover(out, &old)?;
        let mut leftovers = discard_trash(out);
        leftovers.extend(discard(out, &old)?);
        leftovers.extend(discard(out, &dir)?);
        std::fs::create_dir(&dir).map_err(io_error(&dir))?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            old,
            hashes: record_hashes.then(Mutex::default),
            committed: false,
            leftovers,
        };
        write_file(&staging.dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        check_removable(out)?;
        Ok(staging)
    }

    /// Swaps the complete staging folder in for the output, and returns what was
    /// written (empty unless hashes were asked for). Never inlined: the
    /// profiler (`bench/profile.sh`) splits a build's phases at this call.
    #[inline(never)]
    pub fn commit(mut self) -> Result<Written> {
        self.committed = true;
        let files = self
            .hashes
            .take()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default();
        let (out, dir, old) = (&self.out, &self.dir, &self.old);
        let mut leftovers = std::mem::take(&mut self.leftovers);
        if out.exists() && exchange(dir, out) {
            // The old site is now in the staging folder.
            leftovers.extend(discard(out, dir)?);
        } else {
            swap_by_renames(dir, out, old)?;
            leftovers.extend(discard(out, old)?);
        }
        Ok(Written {
            files,
            leftovers,
            ..Written::default()
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a staging folder left behind is removed by the next build.
            let _ = remove_ours(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, o: Output) -> Result<()> {
        check_relative(&o.path)?;
        let dest = self.dir.join(&o.path);
        if let Some(parent) = dest.parent() {
            create_dir(parent)?;
        }
        if let Some(hashes) = &self.hashes {
            let h = content_hash(&o.content);
            hashes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(o.path.clone(), h);
        }
        write_content(&dest, &o.content)
    }
}

/// Fails unless every folder of the old output can be emptied: the swap must
/// not put a new site in place and then fail to remove the old one.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn check_removable(out: &Path) -> Result<()> {
    use rustix::fs::{Access, access};
    if !out.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(out).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out).to_path_buf();
            io_error(&path)(e.into())
        })?;
        if entry.file_type().is_dir() {
            access(entry.path(), Access::WRITE_OK | Access::EXEC_OK)
                .map_err(|e| io_error(entry.path())(e.into()))?;
        }
    }
    Ok(())
}

/// Windows has no access(2) to ask beforehand: a removal that fails there is
/// reported when it happens (after the retries of `transient` errors).
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn check_removable(_: &Path) -> Result<()> {
    Ok(())
}

/// Refuses an output path that would leave the output folder.
fn check_relative(path: &str) -> Result<()> {
    if safe_relative(path) {
        Ok(())
    } else {
        Err(Error::UnsafeOutput {
            path: PathBuf::from(path),
            reason: "an output path leaves the output folder".into(),
        })
    }
}

/// Makes a folder and its parents; one system call when the parent exists.
fn create_dir(dir: &Path) -> Result<()> {
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(_) => std::fs::create_dir_all(dir).map_err(io_error(dir)),
    }
}

fn write_content(dest: &Path, content: &Content) -> Result<()> {
    match content {
        Content::Bytes(b) => write_file(dest, b),
        Content::Copy(src) => {
            let mut from = std::fs::File::open(src).map_err(io_error(src))?;
            let mut to = create_file(dest).map_err(io_error(dest))?;
            std::io::copy(&mut from, &mut to)
                .map(|_| ())
                .map_err(io_error(dest))
        }
    }
}

/// Opens `path` for writing, created or emptied, without following a link at
/// its place: a link planted in the output is an error, never a way to write
/// somewhere else.
fn create_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(target_os = "linux"))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    options.open(path)
}

/// Swaps two folders in one atomic step, so that no instant exists in which the
/// output is missing or mixed. False where the system cannot (then two renames
/// are used, and `recover` repairs a build killed between them).
/// Linux: `renameat2(RENAME_EXCHANGE)`; macOS: `renameatx_np(RENAME_SWAP)`
/// (rustix names both `RenameFlags::EXCHANGE`). Some file systems refuse it
/// (FAT, some network shares): then false.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

/// Windows (and other systems) have no atomic exchange of two folders: the
/// swap is two renames (`swap_by_renames`).
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// The swap where no atomic exchange exists: the old output aside (to `old`,
/// which the caller removes or reuses), the staging folder in its place. A
/// build killed between the two renames is repaired by `recover`. Each step is
/// retried while it fails with an error Windows gives transiently (`transient`).
fn swap_by_renames(dir: &Path, out: &Path, old: &Path) -> Result<()> {
    if out.exists() {
        retrying(|| std::fs::rename(out, old), transient).map_err(io_error(out))?;
    }
    retrying(|| std::fs::rename(dir, out), transient).map_err(io_error(dir))?;
    Ok(())
}

/// How many times a file-system step is retried, the first wait, and the
/// factor by which each wait grows: 10 + 20 + ... + 640 ms, about 1.3 s in all.
const RETRIES: u32 = 7;
const FIRST_WAIT: std::time::Duration = std::time::Duration::from_millis(10);

/// Runs `op`, and again after a growing wait while it fails with an error
/// `is_transient` accepts; the last error is returned.
fn retrying<T>(
    mut op: impl FnMut() -> std::io::Result<T>,
    is_transient: impl Fn(&std::io::Error) -> bool,
) -> std::io::Result<T> {
    let mut wait = FIRST_WAIT;
    for _ in 0..RETRIES {
        match op() {
            Err(e) if is_transient(&e) => {
                std::thread::sleep(wait);
                wait *= 2;
            }
            done => return done,
        }
    }
    op()
}

/// On Windows, a file that an indexer, an antivirus or a preview pane holds
/// open makes a rename or a removal fail for a moment with "access denied"
/// (ERROR_ACCESS_DENIED, 5), "sharing violation" (32) or "directory not empty"
/// (145). Elsewhere these errors are lasting, and retrying would only delay them.
fn transient(e: &std::io::Error) -> bool {
    cfg!(windows)
        && (matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::DirectoryNotEmpty
        ) || matches!(e.raw_os_error(), Some(5 | 32 | 145)))
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
                retrying(|| std::fs::remove_dir_all(&path), transient).map_err(io_error(&path))?;
            } else {
                retrying(|| std::fs::remove_file(&path), transient).map_err(io_error(&path))?;
            }
        }
        std::fs::remove_file(&marker).map_err(io_error(&marker))?;
        retrying(|| std::fs::remove_dir(dir), transient).map_err(io_error(dir))?;
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

/// `.{name}.folio-{what}`, beside the output `out` (named `name`).
fn beside(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.folio-{what}"))
}

/// A copy of an earlier output that folio could not remove, and why.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    pub reason: String,
}

/// Removes a folder folio left beside the output `out`. One of folio's that
/// cannot be removed (a file in it cannot be deleted) is moved aside, to
/// `.{name}.folio-trash-N`, so that it never stops a later build; each build
/// tries again to remove it.
fn discard(out: &Path, dir: &Path) -> Result<Option<Leftover>> {
    let error = match remove_ours(dir) {
        Ok(()) => return Ok(None),
        Err(e) if !dir.join(MARKER).is_file() => return Err(e),
        Err(e) => e,
    };
    let trash = (1..)
        .map(|i| beside(out, &format!("trash-{i}")))
        .find(|t| !t.exists())
        .unwrap_or_else(|| beside(out, "trash"));
    std::fs::rename(dir, &trash).map_err(io_error(dir))?;
    Ok(Some(Leftover {
        path: trash,
        reason: error.to_string(),
    }))
}

/// Tries again to remove the folders `discard` moved aside; returns those that
/// are still there.
fn discard_trash(out: &Path) -> Vec<Leftover> {
    let prefix = beside(out, "trash");
    let (Some(parent), Some(prefix)) = (prefix.parent(), prefix.file_name()) else {
        return Vec::new();
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut trash: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    trash.sort();
    trash
        .into_iter()
        .filter_map(|path| {
            remove_ours(&path).err().map(|e| Leftover {
                reason: e.to_string(),
                path,
            })
        })
        .collect()
}

/// The files `folio watch` last wrote, by content hash, so that unchanged files
/// are left alone, and whether the staging folder beside the output is a copy
/// of it, ready for the next update.
#[derive(Debug, Default)]
pub struct Written {
    files: HashMap<String, u64>,
    mirrored: bool,
    /// Earlier copies of the output that could not be removed.
    pub leftovers: Vec<Leftover>,
}

/// What an incremental write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// The paths written and removed, sorted (what tests of minimal rebuilds
    /// check).
    pub written_files: Vec<String>,
    pub removed_files: Vec<String>,
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
    use std::io::Write;
    create_file(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A link planted where folio writes (a page, a copied file, a temporary
    // file of `folio watch`) is never written through.
    #[cfg(unix)]
    #[test]
    fn writes_never_follow_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let source = dir.path().join("source.txt");
        std::fs::write(&source, "copied").unwrap();
        for (name, content) in [
            ("page.html", Content::Bytes(b"page".to_vec())),
            ("cv.pdf", Content::Copy(source.clone())),
        ] {
            let link = dir.path().join(name);
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            assert!(write_content(&link, &content).is_err(), "{name}");
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        }
        let plain = dir.path().join("plain.pdf");
        write_content(&plain, &Content::Copy(source)).unwrap();
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), "copied");
    }

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
    // The swap of systems without an atomic exchange (Windows): two renames,
    // the old output removed, nothing left beside the output.
    #[test]
    fn the_two_rename_swap_replaces_the_output_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = dir.path().join(".public.folio-staging");
        let old = dir.path().join(".public.folio-old");
        for (folder, page) in [(&out, "old"), (&staging, "new")] {
            std::fs::create_dir(folder).unwrap();
            std::fs::write(folder.join(MARKER), MARKER_TEXT).unwrap();
            std::fs::write(folder.join("index.html"), page).unwrap();
        }
        swap_by_renames(&staging, &out, &old).unwrap();
        assert!(discard(&out, &old).unwrap().is_none());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the output is left");
    }

    // A step that fails transiently is retried until it succeeds; one that fails
    // for good is not retried.
    #[test]
    fn transient_failures_are_retried_with_backoff_and_lasting_ones_are_not() {
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let mut calls = 0;
        let result = retrying(
            || {
                calls += 1;
                if calls < 3 { Err(denied()) } else { Ok(calls) }
            },
            |_| true,
        );
        assert_eq!(result.unwrap(), 3);
        let mut calls = 0;
        let result: std::io::Result<()> = retrying(
            || {
                calls += 1;
                Err(denied())
            },
            |_| false,
        );
        assert!(result.is_err());
        assert_eq!(calls, 1);
        let mut calls = 0;
        let result: std::io::Result<()> = retrying(
            || {
                calls += 1;
                Err(denied())
            },
            |_| true,
        );
        assert!(result.is_err());
        assert_eq!(calls, RETRIES + 1, "gives up in the end");
    }

    // Only Windows' errors count as transient: elsewhere "permission denied"
    // is lasting and reported at once.
    #[test]
    fn only_windows_errors_are_transient() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(transient(&denied), cfg!(windows));
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(!transient(&missing));
    }
}
