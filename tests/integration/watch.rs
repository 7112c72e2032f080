//! `folio watch` and `folio serve` as a user runs them: a real process on a temp
//! site, changes made on disk, results awaited with a deadline (loopback only).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{TestSite, tree};

const DEADLINE: Duration = Duration::from_secs(15);

/// A running `folio watch` or `folio serve`, its stderr collected line by line.
pub(crate) struct Running {
    pub(crate) child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Running {
    pub(crate) fn start(args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Running { child, lines }
    }

    /// Waits until a stderr line contains `needle` `n` times in all.
    pub(crate) fn wait_for_count(&self, needle: &str, n: usize) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.count(needle) >= n {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {n} x {needle:?}; got:\n{}",
            self.lines.lock().unwrap().join("\n")
        );
    }

    pub(crate) fn count(&self, needle: &str) -> usize {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }

    fn line_with(&self, needle: &str) -> String {
        self.wait_for_count(needle, 1);
        self.lines
            .lock()
            .unwrap()
            .iter()
            .find(|l| l.contains(needle))
            .unwrap()
            .clone()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting until {what}");
}

fn site_with_paper() -> TestSite {
    TestSite::new()
        .paper("a", "First Title", "2020", "topics: [ML]\n")
        .paper("b", "Other", "2021", "")
}

fn watch(site: &TestSite) -> Running {
    let run = Running::start(&[
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    run
}

const REBUILT: &str = "rebuilt after change";

// An edit shows up in the paper's page and in the lists.
#[test]
fn watch_edit_shows_up_in_output() {
    let site = site_with_paper();
    let run = watch(&site);
    let site = site.paper("a", "Second Title", "2020", "topics: [ML]\n");
    run.wait_for_count(REBUILT, 1);
    assert!(site.output("papers/a/index.html").contains("Second Title"));
    assert!(
        site.output("publications/index.html")
            .contains("Second Title")
    );
    assert!(site.output("topics/ml/index.html").contains("Second Title"));
    let line = run.line_with(REBUILT);
    assert!(line.contains("change in papers/a.yaml"), "{line}");
}

// A broken file keeps the last good output; the next good save recovers.
#[test]
fn watch_recovers_from_a_broken_file() {
    let site = site_with_paper();
    let run = watch(&site);
    let site = site.file("papers/a.yaml", "title: [unclosed\n");
    run.wait_for_count("build failed after change", 1);
    assert!(
        run.line_with("papers/a.yaml:").contains("papers/a.yaml:1:"),
        "error is located"
    );
    assert!(
        site.output("papers/a/index.html").contains("First Title"),
        "last good output kept"
    );
    let site = site.paper("a", "Fixed Title", "2020", "");
    run.wait_for_count(REBUILT, 1);
    assert!(site.output("papers/a/index.html").contains("Fixed Title"));
}

// Deleting a paper removes its page and its entries in every list.
#[test]
fn watch_delete_removes_the_page() {
    let site = site_with_paper();
    let run = watch(&site);
    std::fs::remove_file(site.root().join("papers/a.yaml")).unwrap();
    run.wait_for_count(REBUILT, 1);
    assert!(!site.exists("papers/a/index.html"));
    assert!(!site.exists("papers/a"), "the empty folder goes too");
    assert!(
        !site
            .output("publications/index.html")
            .contains("First Title")
    );
    assert!(site.exists("papers/b/index.html"));
}

// Renaming a file moves the page.
#[test]
fn watch_rename_moves_the_page() {
    let site = site_with_paper();
    let run = watch(&site);
    std::fs::rename(
        site.root().join("papers/a.yaml"),
        site.root().join("papers/renamed.yaml"),
    )
    .unwrap();
    run.wait_for_count(REBUILT, 1);
    wait_until("the new page exists", || {
        site.exists("papers/renamed/index.html")
    });
    assert!(!site.exists("papers/a/index.html"));
}

// An editor's save by temp file and rename, with backup files, is one rebuild.
#[test]
fn watch_atomic_save_is_one_rebuild() {
    let site = site_with_paper();
    let run = watch(&site);
    let papers = site.root().join("papers");
    std::fs::write(papers.join("a.yaml~"), "title: backup\n").unwrap();
    std::fs::write(papers.join(".a.yaml.swp"), b"\0swap").unwrap();
    std::fs::write(papers.join("4913"), "").unwrap();
    std::fs::remove_file(papers.join("4913")).unwrap();
    std::fs::write(
        papers.join(".a.yaml.tmp"),
        "title: Saved Atomically\ndate: 2020\nauthors: [X]\n",
    )
    .unwrap();
    std::fs::rename(papers.join(".a.yaml.tmp"), papers.join("a.yaml")).unwrap();
    run.wait_for_count(REBUILT, 1);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(run.count(REBUILT), 1, "{:?}", run.lines.lock().unwrap());
    assert!(
        site.output("papers/a/index.html")
            .contains("Saved Atomically")
    );
}

// The output folder inside the site is never watched: writing it causes no rebuild.
#[test]
fn watch_output_inside_site_causes_no_second_rebuild() {
    let site = site_with_paper();
    let run = Running::start(&["watch", site.root().to_str().unwrap()]);
    run.wait_for_count("rebuilt after initial build", 1);
    let site = site.paper("a", "Changed", "2020", "");
    run.wait_for_count(REBUILT, 1);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(run.count(REBUILT), 1);
    assert!(
        std::fs::read_to_string(site.root().join("public/papers/a/index.html"))
            .unwrap()
            .contains("Changed")
    );
}

/// Starts `folio serve` on a free loopback port; returns the process and address.
fn serve(site: &TestSite) -> (Running, String) {
    let run = Running::start(&[
        "serve",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
        "--port",
        "0",
    ]);
    let line = run.line_with("serving");
    let url = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    assert!(
        url.starts_with("127.0.0.1:"),
        "binds to loopback by default: {line}"
    );
    run.wait_for_count("rebuilt after initial build", 1);
    (run, url)
}

/// Sends a raw request; returns the status code and the body.
fn raw_get(addr: &str, target: &str, headers: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = s.read_to_string(&mut response);
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

// The server never serves a file outside the site, however the path is spelled.
#[test]
fn serve_refuses_traversal() {
    let site = site_with_paper().file("secret.txt", "TOP-SECRET");
    let (_run, addr) = serve(&site);
    assert_eq!(raw_get(&addr, "/papers/a/", "").0, 200);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/%00/../secret.txt",
        "//secret.txt",
        "/../../../../etc/passwd",
        "secret.txt",
    ] {
        let (status, body) = raw_get(&addr, target, "");
        assert!((400..500).contains(&status), "{target}: {status}");
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("root:"),
            "{target}"
        );
    }
    // Malformed requests get an error and the server carries on.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"\x00\xff garbage\r\n\r\n").unwrap();
    drop(s);
    assert_eq!(raw_get(&addr, "/", "").0, 200);
    let (status, body) = raw_get(&addr, "/papers/a/", "");
    assert_eq!(status, 200);
    assert!(
        body.contains("/__folio/reload.js"),
        "live reload script injected"
    );
    assert!(!body.contains("Access-Control-Allow-Origin"));
}

// Live reload: a change sends `reload`; a failure sends the error as inert JSON,
// and a foreign origin cannot listen.
#[test]
fn serve_pushes_reload_and_escaped_errors() {
    let site = site_with_paper();
    let (run, addr) = serve(&site);
    assert_eq!(
        raw_get(&addr, "/__folio/events", "Origin: https://evil.example\r\n").0,
        403
    );
    let mut events = TcpStream::connect(&addr).unwrap();
    events.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        events,
        "GET /__folio/events HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut next_event = || {
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.starts_with("event: ") {
                let mut data = String::new();
                reader.read_line(&mut data).unwrap();
                return (line.trim().to_string(), data.trim().to_string());
            }
        }
    };
    std::thread::sleep(Duration::from_millis(200));
    let site = site.paper("a", "Live", "2020", "");
    assert_eq!(next_event().0, "event: reload");
    let site = site.file(
        "papers/a.yaml",
        "title: A\ndate: 2020\nauthors: [X]\n<script>alert(1)</script>: 1\n",
    );
    let (event, data) = next_event();
    assert_eq!(event, "event: build-error");
    assert!(data.starts_with("data: \""), "{data}");
    assert!(!data.contains('<'), "error text is escaped: {data}");
    assert!(data.contains("\\u003cscript\\u003e"), "{data}");
    assert!(
        site.output("papers/a/index.html").contains("Live"),
        "last good page still served"
    );
    drop(run);
}

// With --poll, changes are found by scanning, for file systems without events.
#[test]
fn watch_poll_mode_sees_edits() {
    let site = site_with_paper();
    let run = Running::start(&[
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
        "--poll",
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    // The poller takes its first snapshot in the background: let it finish.
    std::thread::sleep(Duration::from_millis(1000));
    let site = site.paper("a", "Polled Title", "2020", "");
    run.wait_for_count(REBUILT, 1);
    assert!(site.output("papers/a/index.html").contains("Polled Title"));
}

/// A full build of the site's current input into a fresh folder, as the watcher
/// builds it (no overrides), or the error when the input does not build.
fn fresh_build(site: &TestSite) -> Result<Vec<(String, Vec<u8>)>, String> {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("fresh");
    folio::build(&folio::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(dest.clone()),
        overrides: Default::default(),
    })
    .map_err(|e| e.to_string())
    .map(|_| tree(&dest))
}

/// Every file under `dir` with its bytes, or `None` when it changed while being
/// read (the watcher may be writing it).
fn read_tree(dir: &std::path::Path) -> Option<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.ok()?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).ok()?;
            files.push((
                rel.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).ok()?,
            ));
        }
    }
    files.sort();
    Some(files)
}

/// Waits until the watched output equals a fresh build of the input as it is now.
fn wait_until_fresh(site: &TestSite, what: &str) -> Result<(), String> {
    let want = fresh_build(site).map_err(|e| format!("{what}: the input does not build:\n{e}"))?;
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if read_tree(&site.out).is_some_and(|got| got == want) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let got = read_tree(&site.out).unwrap_or_default();
    let differ: Vec<&str> = want
        .iter()
        .filter(|f| !got.contains(f))
        .map(|(p, _)| p.as_str())
        .chain(
            got.iter()
                .filter(|f| !want.iter().any(|(p, _)| *p == f.0))
                .map(|(p, _)| p.as_str()),
        )
        .take(8)
        .collect();
    Err(format!(
        "{what}: the watched output is not a fresh build after {DEADLINE:?}; differing files: {differ:?}"
    ))
}

/// `folio watch` on the site, with or without `--poll`, after its first build.
fn watch_mode(site: &TestSite, poll: bool) -> Running {
    let mut args = vec![
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
    ];
    if poll {
        args.push("--poll");
    }
    let run = Running::start(&args);
    run.wait_for_count("rebuilt after initial build", 1);
    if poll {
        // The poller takes its first snapshot in the background: let it finish.
        std::thread::sleep(Duration::from_millis(1000));
    }
    run
}

fn mode(poll: bool) -> &'static str {
    if poll { "with --poll" } else { "with events" }
}

// Regression: `news/` was not watched, so a news edit never showed up.
#[test]
fn watch_sees_news_edits() {
    for poll in [false, true] {
        let site =
            site_with_paper().file("news/launch.yaml", "date: 2024-05-01\ntitle: Old news\n");
        let _run = watch_mode(&site, poll);
        let site = site.file("news/launch.yaml", "date: 2024-05-01\ntitle: Fresh news\n");
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(
            site.output("news/index.html").contains("Fresh news"),
            "{}",
            mode(poll)
        );
    }
}

// Regression: `papers/x.YAML` is built, but the watcher took only lower-case
// extensions and ignored it.
#[test]
fn watch_sees_upper_case_extensions() {
    for poll in [false, true] {
        let site = site_with_paper();
        let _run = watch_mode(&site, poll);
        let site = site.file(
            "papers/x.YAML",
            "title: Shouting Paper\ndate: 2022\nauthors: [Ada Lovelace]\n",
        );
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(
            site.output("papers/x/index.html")
                .contains("Shouting Paper")
        );
    }
}

// Regression: after `rm -rf papers` and making it again, every later edit in
// `papers/` was ignored (the watch stayed on the removed folder).
#[test]
fn watch_follows_a_removed_and_recreated_folder() {
    for poll in [false, true] {
        let site = site_with_paper();
        let _run = watch_mode(&site, poll);
        let papers = site.root().join("papers");
        std::fs::remove_dir_all(&papers).unwrap();
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(!site.exists("papers/a/index.html"));
        let site = site.paper("c", "Recreated", "2022", "");
        wait_until_fresh(&site, mode(poll)).unwrap();
        // Later edits in the new folder are seen too.
        std::thread::sleep(Duration::from_millis(100));
        let site = site.paper("c", "Edited in the new folder", "2022", "");
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(
            site.output("papers/c/index.html")
                .contains("Edited in the new folder")
        );
    }
}

// Regression: `mv papers away` and back (or swapping in another folder) left the
// watcher blind to `papers/`.
#[test]
fn watch_follows_a_folder_moved_away_and_back() {
    for poll in [false, true] {
        let site = site_with_paper();
        let _run = watch_mode(&site, poll);
        let (papers, away) = (site.root().join("papers"), site.root().join("papers.away"));
        std::fs::rename(&papers, &away).unwrap();
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(!site.exists("papers/a/index.html"));
        std::fs::rename(&away, &papers).unwrap();
        wait_until_fresh(&site, mode(poll)).unwrap();
        let site = site.paper("a", "Edited after the move", "2020", "");
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(
            site.output("papers/a/index.html")
                .contains("Edited after the move")
        );
        // Swapped for another folder: edits in the new one are seen.
        let new = site.root().join("papers.new");
        std::fs::create_dir(&new).unwrap();
        std::fs::copy(papers.join("b.yaml"), new.join("b.yaml")).unwrap();
        std::fs::rename(&papers, &away).unwrap();
        std::fs::rename(&new, &papers).unwrap();
        wait_until_fresh(&site, mode(poll)).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let site = site.paper("b", "Edited after the swap", "2021", "");
        wait_until_fresh(&site, mode(poll)).unwrap();
        assert!(
            site.output("papers/b/index.html")
                .contains("Edited after the swap")
        );
    }
}

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
