//! Test helpers: a tiny site written into a temp folder, built, and inspected.

use std::path::{Path, PathBuf};

use folio::resolve::Overrides;
use folio::{BuildOptions, BuildReport, Error};

pub const SITE_YAML: &str = "title: Ada Lovelace\nowner: ada\ntopics:\n  ML: { name: Machine Learning }\n  CL: { name: Computation and Language }\naffiliations:\n  ucl: { name: University College London, url: https://www.ucl.ac.uk/ }\n";
pub const AUTHOR_YAML: &str =
    "name: Ada Lovelace\nname_variants: [A. Lovelace]\nposition: Professor\nfield: ML\n";

/// The date tests build on.
pub const TODAY: &str = "2026-11-25";

/// A site in a temp folder, built on demand.
pub struct TestSite {
    pub dir: tempfile::TempDir,
    pub out: PathBuf,
}

impl TestSite {
    /// An empty folder: add every file yourself.
    pub fn empty() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        TestSite { dir, out }
    }

    /// A minimal valid site: site.yaml with two topics, an owner author, no papers.
    pub fn new() -> TestSite {
        TestSite::empty()
            .file("site.yaml", SITE_YAML)
            .file("authors/ada.yaml", AUTHOR_YAML)
    }

    /// Copies a folder (such as `example-site`) into the temp folder.
    pub fn copy_of(src: &Path) -> TestSite {
        let site = TestSite::empty();
        copy_dir(src, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site (parents created).
    pub fn file(self, rel: &str, content: &str) -> TestSite {
        self.bytes(rel, content.as_bytes())
    }

    pub fn bytes(self, rel: &str, content: &[u8]) -> TestSite {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    /// A paper file with the given extra YAML lines.
    pub fn paper(self, slug: &str, title: &str, date: &str, extra: &str) -> TestSite {
        let yaml = format!(
            "title: {title:?}\ndate: {date}\nauthors: [Ada Lovelace, Charles Babbage]\n{extra}"
        );
        self.file(&format!("papers/{slug}.yaml"), &yaml)
    }

    pub fn try_build_with(&self, base_url: Option<&str>) -> Result<BuildReport, Error> {
        folio::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(self.out.clone()),
            overrides: Overrides {
                base_url: base_url.map(str::to_string),
                // A fixed "today", so that who counts as alumni never depends on the clock.
                today: Some(folio::model::PartialDate::parse(TODAY).unwrap()),
                drafts: false,
            },
        })
    }

    /// Builds and panics with the error text on failure.
    pub fn build(&self) -> BuildReport {
        self.try_build_with(None)
            .unwrap_or_else(|e| panic!("build failed:\n{e}"))
    }

    /// Builds, expects failure, and returns the error text with the temp path removed.
    pub fn build_err(&self) -> String {
        match self.try_build_with(None) {
            Ok(_) => panic!("build unexpectedly succeeded"),
            Err(e) => e
                .to_string()
                .replace(&self.root().display().to_string(), "[SITE]"),
        }
    }

    /// Reads an output file.
    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).exists()
    }
}

pub fn copy_dir(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, with its bytes, sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// How often `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The one error of a build that must fail with exactly one, without the
/// closing summary line.
pub fn single_error(site: TestSite) -> String {
    let err = site.build_err();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.last(),
        Some(&"build failed: 1 error in the site's input"),
        "{err}"
    );
    lines[..lines.len() - 1].join("\n")
}

/// The page's JSON-LD, parsed.
pub fn jsonld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD present") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

/// A real PNG of `w`×`h` pixels (blue left half, white right half): the
/// build decodes and resizes every picture a site names.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([10, 120, 200])
        } else {
            image::Rgb([250, 250, 250])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
