//! Phase timings for profiling a build: set `FOLIO_TIMINGS=1` and every build
//! prints how long each phase took and the resident memory after it, to stderr.

use std::time::Instant;

/// Records the end of each phase of one build.
#[derive(Debug)]
pub struct Timings {
    on: bool,
    start: Instant,
    last: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings::new()
    }
}

impl Timings {
    pub fn new() -> Timings {
        let now = Instant::now();
        Timings {
            on: std::env::var_os("FOLIO_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"),
            start: now,
            last: now,
        }
    }

    /// Marks the end of phase `name`.
    pub fn lap(&mut self, name: &str) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        eprintln!(
            "timing: {name:<12} {:>8.1} ms  (total {:>8.1} ms, rss {} MiB)",
            (now - self.last).as_secs_f64() * 1000.0,
            (now - self.start).as_secs_f64() * 1000.0,
            rss_mib().map_or("?".into(), |m| m.to_string())
        );
        self.last = now;
    }
}

/// The resident set size of this process, from `/proc/self/statm` (Linux only).
fn rss_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}
