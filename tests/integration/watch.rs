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
    pub(crate) lines: Arc<Mutex<Vec<String>>>,
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

    pub(crate) fn line_with(&self, needle: &str) -> String {
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

pub(crate) fn site_with_paper() -> TestSite {
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

pub(crate) const REBUILT: &str = "rebuilt after change";

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
pub(crate) fn wait_until_fresh(site: &TestSite, what: &str) -> Result<(), String> {
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
pub(crate) fn watch_mode(site: &TestSite, poll: bool) -> Running {
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

pub(crate) fn mode(poll: bool) -> &'static str {
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

// A generic collection's folder is input too (it is named only in site.yaml):
// an item edited, and an item of a collection declared while watching, both
// rebuild; with events and with --poll. The watch saw neither before.
#[test]
fn watch_sees_generic_collection_items() {
    for poll in [false, true] {
        let declare = |names: &[&str]| {
            let mut s = format!("{}collections:\n", crate::common::SITE_YAML);
            for n in names {
                s.push_str(&format!("  {n}:\n    title: {n}\n"));
            }
            s
        };
        let site = site_with_paper()
            .file("site.yaml", &declare(&["software"]))
            .file("software/tool.yaml", "title: Old Tool\n");
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
        std::thread::sleep(Duration::from_millis(1000));
        let site = site.file("software/tool.yaml", "title: New Tool\n");
        run.wait_for_count(REBUILT, 1);
        assert!(site.output("software/index.html").contains("New Tool"));
        let site = site.file("site.yaml", &declare(&["software", "datasets"]));
        run.wait_for_count(REBUILT, 2);
        std::thread::sleep(Duration::from_millis(1000));
        let site = site.file("datasets/cells.yaml", "title: Cell Atlas\n");
        run.wait_for_count(REBUILT, 3);
        assert!(
            site.output("datasets/index.html").contains("Cell Atlas"),
            "poll: {poll}"
        );
    }
}

// `folio update` writes data/metrics.yaml while `folio serve` runs: the new
// counts reach the pages without another edit (the watch did not see data/).
#[test]
fn watch_sees_the_metrics_file() {
    let metrics = |n: u32| {
        format!(
            "format: 1\npapers:\n  a:\n    citations: {n}\n    source: openalex\n    as_of: 2026-11-23\n    matched_by: doi\n"
        )
    };
    let site = site_with_paper().file("data/metrics.yaml", &metrics(42));
    let run = watch(&site);
    run.wait_for_count("rebuilt after initial build", 1);
    assert!(site.output("papers/a/index.html").contains("<dd>42 "));
    std::thread::sleep(Duration::from_millis(1000));
    let site = site.file("data/metrics.yaml", &metrics(4242));
    run.wait_for_count(REBUILT, 1);
    let page = site.output("papers/a/index.html");
    assert!(page.contains("<dd>4242 "), "{page}");
}
