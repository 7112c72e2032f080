//! The watcher never goes blind: seeded random file-system operations over
//! every input folder, and after each batch has settled the watched output is
//! compared with a fresh build (`FOLIO_WATCH_SEED` replays a sequence).

use crate::watch::{REBUILT, mode, site_with_paper, wait_until_fresh, watch_mode};

/// A small seeded random generator (xorshift64*), so a failing sequence replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The folders random changes are made in. `themes` holds the site's theme
/// `mine`, whose files are in `themes/mine/templates` and `themes/mine/static`.
const FOLDERS: [&str; 8] = [
    "authors",
    "papers",
    "pages",
    "news",
    "static",
    "templates",
    "themes/mine/templates",
    "themes/mine/static",
];

/// Random file-system operations on a site that stays valid: every file name is
/// new (a counter), `authors/ada.yaml` (the owner) and `themes/mine/` (the theme
/// in `site.yaml`) always exist when the operations of a batch are done.
struct Changes<'a> {
    root: &'a std::path::Path,
    rng: Rng,
    counter: u64,
    log: Vec<String>,
}

const TEMPLATE_404: &str = include_str!("../../themes/default/templates/404.html");

impl Changes<'_> {
    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.root.join(rel)
    }

    fn fresh(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The bytes of a new version of a file of `folder` named `stem.ext`.
    fn content(&mut self, folder: &str) -> String {
        let v = self.fresh();
        match folder {
            "authors" => format!("name: Person {v}\nposition: Fellow {}\n", self.rng.below(9)),
            "papers" => {
                let coauthor = self.rng.below(self.counter as usize + 1);
                let topics = *self.rng.pick(&["[]", "[ML]", "[CL]", "[ML, CL]"]);
                format!(
                    "title: Paper version {v}\ndate: 20{:02}\nauthors: [Person {coauthor}, Ada Lovelace]\ntopics: {topics}\n",
                    10 + self.rng.below(15)
                )
            }
            "pages" => format!("---\ntitle: Page {v}\n---\nText of version {v}.\n"),
            "news" => format!(
                "date: 2024-0{}-1{}\ntitle: News {v}\n",
                1 + self.rng.below(9),
                self.rng.below(9)
            ),
            "templates" | "themes/mine/templates" => TEMPLATE_404.replace(
                "{% endblock content %}",
                &format!("<!-- {v} -->{{% endblock content %}}"),
            ),
            _ => format!("static bytes, version {v}\n"),
        }
    }

    /// A new file name for `folder`: content folders take their types in any case.
    fn name(&mut self, folder: &str) -> String {
        let n = self.fresh();
        let ext = match folder {
            "authors" | "papers" => *self.rng.pick(&["yaml", "yml", "YAML"]),
            "pages" => *self.rng.pick(&["md", "MD", "markdown"]),
            "news" => *self.rng.pick(&["yaml", "Yml"]),
            "templates" | "themes/mine/templates" => {
                return if self.rng.below(2) == 0 {
                    "404.html".into()
                } else {
                    format!("extra{n}.html")
                };
            }
            _ => *self.rng.pick(&["txt", "css"]),
        };
        format!("f{n}.{ext}")
    }

    /// The files of a folder (relative to the site), without editor leftovers.
    fn files(&self, folder: &str) -> Vec<String> {
        let dir = self.path(folder);
        if !dir.is_dir() {
            return Vec::new();
        }
        let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|p| !p.ends_with('~') && !p.contains("/.") && p != "authors/ada.yaml")
            .collect();
        files.sort();
        files
    }

    /// The sub-folders of a folder, relative to the site.
    fn subfolders(&self, folder: &str) -> Vec<String> {
        let dir = self.path(folder);
        if !dir.is_dir() {
            return Vec::new();
        }
        let mut dirs: Vec<String> = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_dir())
            .map(|e| {
                e.path()
                    .strip_prefix(self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        dirs.sort();
        dirs
    }

    fn write(&mut self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A folder to put a new file in: the folder itself or one of its sub-folders
    /// (sometimes a new one). Templates stay at the top.
    fn place(&mut self, folder: &str) -> String {
        if folder.contains("templates") || self.rng.below(3) > 0 {
            return folder.to_string();
        }
        let mut dirs = self.subfolders(folder);
        let new = format!("{folder}/sub{}", self.fresh());
        dirs.push(new);
        self.rng.pick(&dirs).clone()
    }

    fn create(&mut self, folder: &str) {
        let at = self.place(folder);
        let rel = format!("{at}/{}", self.name(folder));
        let text = self.content(folder);
        self.write(&rel, &text);
        self.log.push(format!("create {rel}"));
    }

    /// Puts the owner and the theme back when an operation removed them.
    fn keep_valid(&mut self) {
        if !self.path("authors/ada.yaml").is_file() {
            self.write("authors/ada.yaml", crate::common::AUTHOR_YAML);
        }
        std::fs::create_dir_all(self.path("themes/mine")).unwrap();
    }

    /// One random operation.
    fn step(&mut self) {
        let folder = *self.rng.pick(&FOLDERS);
        let files = self.files(folder);
        let top = folder.split('/').next().unwrap();
        match self.rng.below(100) {
            0..25 => self.create(folder),
            25..50 if !files.is_empty() => {
                let rel = self.rng.pick(&files).clone();
                let text = self.content(folder);
                self.write(&rel, &text);
                self.log.push(format!("edit {rel}"));
            }
            50..60 if !files.is_empty() => {
                let rel = self.rng.pick(&files).clone();
                std::fs::remove_file(self.path(&rel)).unwrap();
                self.log.push(format!("delete {rel}"));
            }
            60..70 if !files.is_empty() => {
                let rel = self.rng.pick(&files).clone();
                let to = format!("{}/{}", self.place(folder), self.name(folder));
                std::fs::create_dir_all(self.path(&to).parent().unwrap()).unwrap();
                std::fs::rename(self.path(&rel), self.path(&to)).unwrap();
                self.log.push(format!("rename {rel} {to}"));
            }
            70..80 if !files.is_empty() => {
                // An editor's save: swap and backup files, a temp file renamed over.
                let rel = self.rng.pick(&files).clone();
                let path = self.path(&rel);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let dir = path.parent().unwrap().to_path_buf();
                std::fs::write(dir.join(format!(".{name}.swp")), "swap").unwrap();
                std::fs::copy(&path, dir.join(format!("{name}~"))).unwrap();
                let text = self.content(folder);
                std::fs::write(dir.join(format!(".{name}.tmp")), text).unwrap();
                std::fs::rename(dir.join(format!(".{name}.tmp")), &path).unwrap();
                std::fs::remove_file(dir.join(format!(".{name}.swp"))).unwrap();
                self.log.push(format!("editor save {rel}"));
            }
            80..88 => {
                let dirs = self.subfolders(folder);
                if dirs.is_empty() || folder.contains("templates") {
                    return self.create(folder);
                }
                let dir = self.rng.pick(&dirs).clone();
                if self.rng.below(2) == 0 {
                    std::fs::remove_dir_all(self.path(&dir)).unwrap();
                    self.log.push(format!("rm -rf {dir}"));
                } else {
                    let to = format!("{folder}/moved{}", self.fresh());
                    std::fs::rename(self.path(&dir), self.path(&to)).unwrap();
                    self.log.push(format!("mv {dir} {to}"));
                }
            }
            88..92 => {
                // The whole folder removed and made again.
                let _ = std::fs::remove_dir_all(self.path(top));
                self.log.push(format!("rm -rf {top}"));
                self.keep_valid();
                for _ in 0..self.rng.below(3) {
                    self.create(folder);
                }
            }
            92..96 => {
                // Moved away, and back (at once or in a later operation).
                let (here, away) = (self.path(top), self.path(&format!("{top}.away")));
                if away.exists() && !here.exists() {
                    std::fs::rename(&away, &here).unwrap();
                    self.log.push(format!("mv {top}.away {top}"));
                } else if here.exists() && !away.exists() {
                    std::fs::rename(&here, &away).unwrap();
                    self.log.push(format!("mv {top} {top}.away"));
                    if matches!(top, "authors" | "themes") {
                        std::fs::rename(&away, &here).unwrap();
                        self.log.push(format!("mv {top}.away {top}"));
                    }
                }
            }
            96..98 if self.path(top).is_dir() => {
                // Swapped for an edited copy.
                let (here, new, old) = (
                    self.path(top),
                    self.path(&format!("{top}.new")),
                    self.path(&format!("{top}.old")),
                );
                crate::common::copy_dir(&here, &new);
                let copy = format!("{top}.new/{}", &folder[top.len()..]);
                let rel = format!("{copy}/{}", self.name(folder));
                let text = self.content(folder);
                self.write(&rel, &text);
                std::fs::rename(&here, &old).unwrap();
                std::fs::rename(&new, &here).unwrap();
                std::fs::remove_dir_all(&old).unwrap();
                self.log.push(format!("swap {top} for a copy with {rel}"));
            }
            _ => {
                let title = format!("Site version {}", self.fresh());
                let yaml = crate::common::SITE_YAML.replace("Ada Lovelace", &title);
                self.write("site.yaml", &format!("{yaml}theme: mine\n"));
                self.log.push("edit site.yaml".into());
            }
        }
    }
}

/// Random operations over every input folder, in batches; after each batch has
/// settled, the watched output must equal a fresh build. `FOLIO_WATCH_SEED`
/// replays a sequence.
fn random_changes_keep_the_output_fresh(poll: bool, ops: usize) {
    let seed = std::env::var("FOLIO_WATCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let site = site_with_paper()
        .file(
            "site.yaml",
            &format!("{}theme: mine\n", crate::common::SITE_YAML),
        )
        .file("themes/mine/templates/.gitkeep", "");
    let run = watch_mode(&site, poll);
    let mut changes = Changes {
        root: site.root(),
        rng: Rng(seed),
        counter: 0,
        log: Vec::new(),
    };
    let mut done = 0;
    while done < ops {
        let batch = 1 + changes.rng.below(6);
        let first = changes.log.len();
        for _ in 0..batch {
            changes.step();
        }
        changes.keep_valid();
        done += batch;
        let what = format!("{} after operation {done}", mode(poll));
        if let Err(e) = wait_until_fresh(&site, &what) {
            let said = run.lines.lock().unwrap().join("\n");
            panic!(
                "{e}\nreplay with FOLIO_WATCH_SEED={seed}; the last batch:\n  {}\nwatcher said:\n{}",
                changes.log[first..].join("\n  "),
                said
            );
        }
    }
    eprintln!(
        "FOLIO_WATCH_SEED={seed}: {done} operations, {} rebuilds",
        run.count(REBUILT)
    );
}

// The watcher never goes blind: a few hundred random file-system operations
// (create, edit, delete, rename files and folders, remove and make folders again,
// move them away and back, swap them, editor saves) over every input folder.
#[test]
fn watch_output_equals_a_fresh_build_after_random_changes() {
    random_changes_keep_the_output_fresh(false, 300);
}

// The same with `--poll`, fewer operations (each settle waits for a poll).
#[test]
fn watch_poll_output_equals_a_fresh_build_after_random_changes() {
    random_changes_keep_the_output_fresh(true, 100);
}
