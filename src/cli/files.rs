//! Writing the files of `folio init` and `folio schema` without following a
//! symbolic link: a link (even a dangling one) where a file or a folder is to
//! be written is an error, never a way out of the site folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result, io_error};

/// True when something (a file, a folder, a link, even a dangling one) is at `path`.
pub(crate) fn occupied(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Makes the folders of `rel` below `base` (not `base` itself, which the user
/// named), refusing any that is a link.
pub(crate) fn create_dirs(base: &Path, rel: &Path) -> Result<()> {
    let mut dir = base.to_path_buf();
    for part in rel.components() {
        let Component::Normal(name) = part else {
            continue;
        };
        dir.push(name);
        match dir.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => return Err(Error::Symlink(dir)),
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(Error::WouldOverwrite(vec![dir])),
            Err(_) => match std::fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !is_link(&dir) => {}
                Err(e) => return Err(io_error(&dir)(e)),
            },
        }
    }
    Ok(())
}

/// Writes a new file `base/rel`: fails if anything is there already (a link
/// included: `create_new` never follows one) or a folder on the way is a link.
pub(crate) fn write_new(base: &Path, rel: &Path, content: &[u8]) -> Result<PathBuf> {
    let path = base.join(rel);
    if let Some(parent) = rel.parent() {
        create_dirs(base, parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists if is_link(&path) => Error::Symlink(path.clone()),
            std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite(vec![path.clone()]),
            _ => io_error(&path)(e),
        })?;
    file.write_all(content).map_err(io_error(&path))?;
    Ok(path)
}

/// Writes `path`, replacing a regular file there by a rename (so a hard link
/// or a reader never sees half a file), and refusing a link.
pub(crate) fn replace(path: &Path, content: &[u8]) -> Result<()> {
    if is_link(path) {
        return Err(Error::Symlink(path.to_path_buf()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.folio-tmp"));
    // A leftover of a killed run is ours to remove; a link there is not followed.
    if occupied(&tmp) {
        std::fs::remove_file(&tmp).map_err(io_error(&tmp))?;
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    let rel = Path::new(tmp.file_name().unwrap_or_default());
    write_new(parent, rel, content)?;
    std::fs::rename(&tmp, path).map_err(io_error(path))
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_new_file_is_never_written_through_a_dangling_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        symlink(&outside, site.join("a.txt")).unwrap();
        let err = write_new(&site, Path::new("a.txt"), b"x").unwrap_err();
        assert!(matches!(err, Error::Symlink(_)), "{err}");
        assert!(!outside.exists());
    }

    #[test]
    fn a_folder_on_the_way_that_is_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        symlink(&outside, site.join("papers")).unwrap();
        let err = write_new(&site, Path::new("papers/p.yaml"), b"x").unwrap_err();
        assert!(matches!(err, Error::Symlink(_)), "{err}");
        assert!(!outside.join("p.yaml").exists());
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "mine").unwrap();
        let err = write_new(dir.path(), Path::new("a.txt"), b"x").unwrap_err();
        assert!(matches!(err, Error::WouldOverwrite(_)), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn replace_swaps_a_regular_file_and_refuses_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.json");
        std::fs::write(&file, "old").unwrap();
        replace(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let target = dir.path().join("target.json");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("l.json");
        symlink(&target, &link).unwrap();
        assert!(matches!(replace(&link, b"x"), Err(Error::Symlink(_))));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }
}
