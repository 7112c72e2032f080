//! `folio watch`'s writes: only the files whose bytes changed, into a
//! hard-linked copy of the output that is then swapped in, so that the output
//! is the whole old site or the whole new one whatever happens.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{
    MARKER, WriteStats, Written, beside, check_relative, content_hash, create_dir, discard,
    exchange, remove_empty_parents, remove_ours, retrying, swap_by_renames, transient,
    write_content,
};
use crate::error::{Result, io_error};
use crate::render::{Output, Sink};

/// Writes only the files whose bytes changed since the last build (`folio
/// watch`), so that the output is always the whole old site or the whole new
/// one. Changed files are held until `finish`, so that a build that fails
/// half-way writes nothing. The staging folder beside the output is kept a copy
/// of it by hard links (files are only ever replaced, never changed in place,
/// so the two copies can share them): `finish` makes the changes there, swaps
/// it in for the output in one step, then makes the same changes in the old
/// output, now the staging folder. The cost is that of the changes, not of the
/// site; a watcher killed at any moment leaves the output whole, and the next
/// build removes the staging folder.
pub struct Update<'w> {
    out: &'w Path,
    last: Written,
    pending: Mutex<Vec<(Output, u64)>>,
    produced: Mutex<Vec<String>>,
    unchanged: AtomicUsize,
}

impl<'w> Update<'w> {
    pub fn new(out: &'w Path, last: Written) -> Update<'w> {
        Update {
            out,
            last,
            pending: Mutex::default(),
            produced: Mutex::default(),
            unchanged: AtomicUsize::new(0),
        }
    }

    /// Writes the changed files, and returns the record for the next update.
    /// When `complete` (every output was given), files written before that were
    /// not given again are removed; `gone` lists more to remove.
    pub fn finish(self, complete: bool, gone: &[String]) -> Result<(Written, WriteStats)> {
        for g in gone {
            check_relative(g)?;
        }
        let pending = self.pending.into_inner().unwrap_or_else(|e| e.into_inner());
        let out = self.out;
        let mut written = self.last;
        let mut remove: Vec<String> = gone.to_vec();
        if complete {
            let produced: HashSet<String> = self
                .produced
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .into_iter()
                .collect();
            remove.extend(
                written
                    .files
                    .keys()
                    .filter(|p| !produced.contains(p.as_str()))
                    .cloned(),
            );
        }
        remove.sort();
        remove.dedup();
        remove.retain(|rel| {
            (written.files.remove(rel).is_some() || complete) && out.join(rel).is_file()
        });
        let mut written_files: Vec<String> = pending.iter().map(|(o, _)| o.path.clone()).collect();
        written_files.sort();
        let stats = WriteStats {
            written: pending.len(),
            removed: remove.len(),
            unchanged: self.unchanged.into_inner(),
            written_files,
            removed_files: remove.clone(),
        };
        if pending.is_empty() && remove.is_empty() {
            return Ok((written, stats));
        }
        let staging = beside(out, "staging");
        if !written.mirrored || !staging.join(MARKER).is_file() {
            written.leftovers.extend(discard(out, &staging)?);
            mirror(out, &staging)?;
        }
        // Until the staging folder is a copy of the output again.
        written.mirrored = false;
        pending.par_iter().try_for_each(|(o, _)| {
            let dest = staging.join(&o.path);
            replace(&dest, |d| write_content(d, &o.content))
        })?;
        for rel in &remove {
            remove_file(&staging, &staging.join(rel))?;
        }
        swap_keeping_old(out, &staging)?;
        // The old output is now the staging folder: the same changes make it a
        // copy again. Failing that, the next update makes a new copy.
        let relinked = pending.par_iter().try_for_each(|(o, _)| {
            let dest = staging.join(&o.path);
            replace(&dest, |d| link_or_copy(&out.join(&o.path), d))
        });
        let removed = remove
            .iter()
            .try_for_each(|rel| remove_file(&staging, &staging.join(rel)));
        written.mirrored = relinked.is_ok() && removed.is_ok();
        written
            .files
            .extend(pending.into_iter().map(|(o, h)| (o.path, h)));
        Ok((written, stats))
    }
}

/// Removes the staging folder an `Update` keeps beside the output (when a
/// watcher stops), as far as it can; the next build removes what is left.
pub fn remove_staging(out: &Path) {
    let _ = remove_ours(&beside(out, "staging"));
}

/// Makes `dir` a copy of `out` by hard links (a file that cannot be linked is
/// copied). The marker goes first, so a copy cut short is still known as folio's.
fn mirror(out: &Path, dir: &Path) -> Result<()> {
    std::fs::create_dir(dir).map_err(io_error(dir))?;
    link_or_copy(&out.join(MARKER), &dir.join(MARKER))?;
    for entry in walkdir::WalkDir::new(out).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out).to_path_buf();
            io_error(&path)(e.into())
        })?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let dest = dir.join(rel);
        if entry.file_type().is_dir() {
            create_dir(&dest)?;
        } else if rel != Path::new(MARKER) {
            link_or_copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::hard_link(from, to)
        .or_else(|_| std::fs::copy(from, to).map(|_| ()))
        .map_err(io_error(to))
}

/// Puts a new file at `dest` (its folder made if needed) without touching the
/// file that was there, which the other copy of the output may share.
fn replace(dest: &Path, make: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    if let Some(parent) = dest.parent() {
        create_dir(parent)?;
    }
    match std::fs::remove_file(dest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(dest)(e)),
        _ => {}
    }
    make(dest)
}

/// Removes a file of a copy of the output rooted at `root`, and the folders it
/// leaves empty.
fn remove_file(root: &Path, path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(path)(e)),
        _ => {
            remove_empty_parents(root, path);
            Ok(())
        }
    }
}

/// Swaps the staging folder `dir` in for the output, in one step where the
/// system can; elsewhere by renames that `recover` repairs if cut short.
/// Afterwards the old output is at `dir`.
fn swap_keeping_old(out: &Path, dir: &Path) -> Result<()> {
    if exchange(dir, out) {
        return Ok(());
    }
    let old = beside(out, "old");
    swap_by_renames(dir, out, &old)?;
    retrying(|| std::fs::rename(&old, dir), transient).map_err(io_error(&old))
}

impl Sink for Update<'_> {
    fn put(&self, o: Output) -> Result<()> {
        check_relative(&o.path)?;
        let h = content_hash(&o.content);
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(o.path.clone());
        if self.last.files.get(&o.path) == Some(&h) && self.out.join(&o.path).exists() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((o, h));
        Ok(())
    }
}
