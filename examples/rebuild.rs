//! Measures incremental rebuilds, the machinery behind `folio watch`: builds a
//! site once, then edits one paper's title N times, rebuilding after each edit,
//! and prints the median and worst rebuild time (debounce delay not included).
//!
//! `cargo run --release --example rebuild -- SITE [N] [PAPER.yaml]`

use std::path::PathBuf;
use std::time::Instant;

use folio::site::{BuildOptions, Session};

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: rebuild SITE [N] [PAPER]"));
    let n: usize = args
        .next()
        .map_or(10, |s| s.parse().expect("N is a number"));
    let paper = match args.next() {
        Some(p) => PathBuf::from(p),
        None => first_paper(&site),
    };
    let out = std::env::temp_dir().join(format!("folio-rebuild-bench-{}", std::process::id()));
    let opts = BuildOptions {
        root: site,
        output: Some(out.clone()),
        overrides: Default::default(),
    };
    let mut session = Session::new(opts).expect("output folder");
    let t = Instant::now();
    session.rebuild().expect("first build");
    println!("initial build: {} ms", t.elapsed().as_millis());
    let original = std::fs::read_to_string(&paper).expect("read paper");
    let mut times = Vec::new();
    for i in 0..n {
        std::fs::write(&paper, retitle(&original, i)).expect("write paper");
        let t = Instant::now();
        let report = session.rebuild().expect("rebuild");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if std::env::var_os("FOLIO_TIMINGS").is_some() {
            eprintln!(
                "rebuild: {:?} inside, {:?} outside",
                report.elapsed,
                t.elapsed()
            );
        }
        assert!(report.stats.written >= 1);
    }
    std::fs::write(&paper, &original).expect("restore paper");
    let _ = std::fs::remove_dir_all(&out);
    times.sort_by(f64::total_cmp);
    println!(
        "incremental rebuild after editing {}: median {:.1} ms, max {:.1} ms ({n} edits)",
        paper.display(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

/// The paper text with its title line replaced.
fn retitle(text: &str, i: usize) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("title:") {
                format!("title: \"Edited title {i}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn first_paper(site: &std::path::Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.join("papers"))
        .expect("papers/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.into_iter().next().expect("a paper")
}
