//! The cache of resized copies: one folder, one manifest per source (named by
//! the hash of its bytes and of the pipeline that made the copies) listing
//! its upright size and its copies, which sit beside it. A source whose
//! manifest and copies are all there is not decoded again.

use std::fmt::Write as _;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use rayon::prelude::*;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::{Problem, count, decode, encode, widths_and_budget};
use crate::model::{ImageRole, Picture, image::Variant};

/// Changed whenever the copies made of the same source would differ: the
/// cache forgets everything made before.
const PIPELINE: &str = "folio images 1: lanczos3, jpeg 82..38, png best";

/// Where the copies live.
pub(super) struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub(super) fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The copies of `source` (`rel` under `static/`) for `role`, from the
    /// cache when they are there, else made and stored.
    pub(super) fn picture(
        &self,
        rel: &str,
        source: &Path,
        role: ImageRole,
        encoded: &AtomicUsize,
        reused: &AtomicUsize,
    ) -> Result<Picture, Problem> {
        let bytes = decode::read(source)?;
        let key = key(&bytes, role);
        let names = Names::new(rel, &key);
        if let Some(p) = self.load(&names) {
            count(reused, p.variants.len());
            return Ok(p);
        }
        let img = decode::decode(&bytes)?;
        drop(bytes);
        let (role_widths, budget) = widths_and_budget(role);
        let png_source = rel.to_ascii_lowercase().ends_with(".png");
        let made: Vec<encode::Encoded> = encode::widths(role_widths, img.width())
            .into_par_iter()
            .map(|w| encode::encode(&encode::resize(&img, w), png_source, budget))
            .collect();
        let picture = self.store(&names, img.width(), img.height(), made)?;
        count(encoded, picture.variants.len());
        Ok(picture)
    }

    /// The picture recorded in the manifest, if it and every copy are there.
    fn load(&self, names: &Names) -> Option<Picture> {
        let text = std::fs::read_to_string(self.dir.join(names.manifest())).ok()?;
        let mut lines = text.lines();
        (lines.next()? == PIPELINE).then_some(())?;
        let (width, height) = pair(lines.next()?)?;
        let mut variants = Vec::new();
        for line in lines {
            let mut f = line.split(' ');
            let (w, h) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
            let bytes: u64 = f.next()?.parse().ok()?;
            let ext = f.next()?;
            let v = names.variant(&self.dir, w, h, bytes, ext);
            let len = std::fs::metadata(&v.file).ok()?.len();
            (len == bytes).then_some(())?;
            variants.push(v);
        }
        (!variants.is_empty()).then_some(Picture {
            width,
            height,
            variants,
        })
    }

    /// Writes the copies, then the manifest that makes them count.
    fn store(
        &self,
        names: &Names,
        width: u32,
        height: u32,
        made: Vec<encode::Encoded>,
    ) -> Result<Picture, Problem> {
        let fail = |e: std::io::Error| Problem::Cache(e.to_string());
        self.create().map_err(fail)?;
        let mut manifest = format!("{PIPELINE}\n{width} {height}\n");
        let mut variants = Vec::new();
        for e in made {
            let v = names.variant(&self.dir, e.width, e.height, e.bytes.len() as u64, e.ext);
            write(&v.file, &e.bytes).map_err(fail)?;
            let _ = writeln!(manifest, "{} {} {} {}", v.width, v.height, v.bytes, e.ext);
            variants.push(v);
        }
        write(&self.dir.join(names.manifest()), manifest.as_bytes()).map_err(fail)?;
        Ok(Picture {
            width,
            height,
            variants,
        })
    }
}

impl Cache {
    /// The folder, made when missing; the cache is never committed: it
    /// ignores itself.
    fn create(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.parent().map(|p| p.join(".gitignore"));
        if let Some(ignore) = ignore.filter(|i| !i.exists()) {
            write(&ignore, b"*\n")?;
        }
        Ok(())
    }

    /// The generated file named by `key` (a hash of everything that shapes
    /// it) with its length, from the cache when it is there, else made by
    /// `make` and stored. The bool says whether it was made.
    pub(super) fn generated(
        &self,
        key: &str,
        ext: &str,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(PathBuf, u64, bool), Problem> {
        let file = self.dir.join(format!("{key}.{ext}"));
        if let Ok(m) = std::fs::metadata(&file)
            && m.len() > 0
        {
            return Ok((file, m.len(), false));
        }
        let bytes = make().map_err(Problem::Undecodable)?;
        let fail = |e: std::io::Error| Problem::Cache(e.to_string());
        self.create().map_err(fail)?;
        write(&file, &bytes).map_err(fail)?;
        Ok((file, bytes.len() as u64, true))
    }
}

/// A stable hash of `parts`, as 32 hex digits.
pub(super) fn hash(parts: &[&[u8]]) -> String {
    let mut h = SipHasher13::new();
    for p in parts {
        h.write_usize(p.len());
        h.write(p);
    }
    format!("{:032x}", h.finish128().as_u128())
}

/// The hash of everything that shapes the copies, as 32 hex digits.
fn key(bytes: &[u8], role: ImageRole) -> String {
    let mut h = SipHasher13::new();
    h.write(PIPELINE.as_bytes());
    let (widths, budget) = widths_and_budget(role);
    for w in widths {
        h.write_u32(*w);
    }
    h.write_u64(budget);
    h.write(bytes);
    format!("{:032x}", h.finish128().as_u128())
}

/// The names of one source's files, in the cache and in the output.
struct Names {
    key: String,
    /// The source's file name without its extension, safe in a URL.
    stem: String,
}

impl Names {
    fn new(rel: &str, key: &str) -> Names {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let stem: String = stem
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
                _ => '-',
            })
            .take(60)
            .collect();
        Names {
            key: key.to_string(),
            stem,
        }
    }

    fn manifest(&self) -> String {
        format!("{}.txt", self.key)
    }

    fn variant(&self, dir: &Path, width: u32, height: u32, bytes: u64, ext: &str) -> Variant {
        Variant {
            path: format!("_img/{}-{width}.{}.{ext}", self.stem, &self.key[..10]),
            width,
            height,
            bytes,
            file: dir.join(format!("{}-{width}.{ext}", self.key)),
        }
    }
}

fn pair(line: &str) -> Option<(u32, u32)> {
    let (a, b) = line.split_once(' ')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Writes a file whole or not at all (a killed build leaves no half copy).
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_name(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// A temporary name beside `path`, unique to this process and this call: the
/// build's threads write into the cache at once (every job makes its folder
/// and its `.gitignore`), and a name shared by two of them let one rename the
/// other's file away ("No such file or directory").
fn temp_name(path: &Path) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{n}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two writers of one file, or of two files with one stem (`a.jpg`,
    // `a.webp`), never share a temporary name.
    #[test]
    fn temporary_names_are_unique_per_write() {
        let a = temp_name(Path::new("/c/.gitignore"));
        assert_ne!(a, temp_name(Path::new("/c/.gitignore")));
        assert_ne!(
            temp_name(Path::new("/c/a.jpg")),
            temp_name(Path::new("/c/a.webp"))
        );
        assert_eq!(a.parent(), Some(Path::new("/c")));
    }

    // Many threads storing into a cache folder that does not exist yet all
    // succeed (each makes the folder and its .gitignore).
    #[test]
    fn threads_writing_into_a_fresh_cache_all_succeed() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::new(dir.path().join("images"));
            let results: Vec<_> = (0..16u8)
                .into_par_iter()
                .map(|i| {
                    cache.create()?;
                    write(&cache.dir.join(format!("f{i}.bin")), &[i])
                })
                .collect();
            assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        }
    }

    #[test]
    fn output_names_are_safe_and_keyed() {
        let n = Names::new("images/My photo (1).JPG", &"a".repeat(32));
        let v = n.variant(Path::new("/c"), 112, 149, 10, "jpg");
        assert_eq!(v.path, "_img/My-photo--1--112.aaaaaaaaaa.jpg");
        assert_eq!(
            v.file,
            Path::new("/c").join(format!("{}-112.jpg", "a".repeat(32)))
        );
    }

    #[test]
    fn the_key_changes_with_the_bytes_and_the_role() {
        let a = key(b"one", ImageRole::Photo);
        assert_eq!(a.len(), 32);
        assert_ne!(a, key(b"two", ImageRole::Photo));
        assert_ne!(a, key(b"one", ImageRole::Picture));
        assert_eq!(a, key(b"one", ImageRole::Photo));
    }
}
