//! `folio update` against a local server replaying recorded API answers
//! (tests/fixtures/api/, in OpenAlex's, Semantic Scholar's and Crossref's real
//! formats): counts, matching, retries, failures, the cache, the key, the
//! per-year history, `--discover`. The paper and author files are never touched.

use std::process::Output;
use std::time::Duration;

use crate::common::{TestSite, tree};
use crate::replay::{Replay, Resp};

/// 2026-11-18, the `as_of` of every number fetched here.
const EPOCH: &str = "1795000000";

const SITE: &str = "title: Ada Lovelace\nowner: ada\n";
const ADA: &str = "name: Ada Lovelace\nlinks:\n  orcid: https://orcid.org/0000-0002-1825-0097\n";

/// A site whose papers are found in different ways: by DOI (OpenAlex), by a
/// merged OpenAlex id, by title only, by arXiv id (Semantic Scholar only), by
/// DOI (Crossref only), and one with a hand-written count.
fn sample() -> TestSite {
    TestSite::empty()
        .file("site.yaml", SITE)
        .file("authors/ada.yaml", ADA)
        .paper(
            "attention",
            "Notes on the Analytical Engine",
            "2017-06-12",
            "links:\n  doi: 10.5555/attention\n",
        )
        .paper(
            "graph",
            "On Graphs of Engines",
            "2020",
            "identifiers:\n  openalex: W100\n",
        )
        .paper("sketch", "Sketch of the Engine", "2021", "")
        .paper(
            "hand",
            "A Hand-Counted Paper",
            "2019",
            "links:\n  doi: https://doi.org/10.5555/HAND\ncitations: 999\n",
        )
        .paper(
            "arxiv",
            "Engines on arXiv",
            "2024",
            "links:\n  arxiv: https://arxiv.org/abs/2401.00001v2\n",
        )
        .paper(
            "crossref",
            "Only Crossref Knows This",
            "2022",
            "links:\n  doi: 10.5555/crossref-only\n",
        )
}

/// The answers for `sample()`; anything else is a 404.
fn server() -> Replay {
    let s = Replay::start();
    let merged_to = format!("{}/openalex/works/W2000000200", s.base);
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![Resp::file("openalex/work-attention.json")],
    )
    .route(
        "/openalex/works/doi:10.5555/hand",
        vec![Resp::file("openalex/work-hand.json")],
    )
    .route(
        "/openalex/works/W100",
        vec![Resp::status(301, "").header("Location", &merged_to)],
    )
    .route(
        "/openalex/works/W2000000200",
        vec![Resp::file("openalex/work-merged.json")],
    )
    .route(
        "/openalex/works",
        vec![Resp::file("openalex/works-title-search.json")],
    )
    .route(
        "/openalex/authors/orcid:0000-0002-1825-0097",
        vec![Resp::file("openalex/author-ada.json")],
    )
    .route(
        "/s2/graph/v1/paper/batch",
        vec![Resp::file("s2/batch.json")],
    )
    .route(
        "/crossref/works/10.5555/crossref-only",
        vec![Resp::file("crossref/work-crossref-only.json")],
    );
    s
}

/// Runs `folio update SITE args...` against the server, without a key unless given.
fn run(site: &TestSite, server: &Replay, args: &[&str], key: Option<&str>) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    cmd.arg("update").arg(site.root()).args(args);
    cmd.env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("OPENALEX_API_KEY");
    for (k, v) in server.env() {
        cmd.env(k, v);
    }
    if let Some(key) = key {
        cmd.env("OPENALEX_API_KEY", key);
    }
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn metrics(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("data/metrics.yaml")).unwrap()
}

/// The hand-written files: everything but data/ and .folio/.
fn hand_files(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    tree(site.root())
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with("data/") && !rel.starts_with(".folio/"))
        .collect()
}

/// The entry of one paper or author in metrics.yaml, as text: its key line
/// and the lines indented below it.
fn entry(text: &str, key: &str) -> String {
    let head = format!("  {key}:");
    let mut lines = text.lines().skip_while(|l| *l != head);
    let mut out = vec![lines.next().unwrap_or_else(|| panic!("{key} in {text}"))];
    out.extend(lines.take_while(|l| l.starts_with("    ")));
    out.join("\n")
}

// Every paper is found in the first source (in order) that knows it, by its
// best identifier; counts, source, date and how it was matched are written;
// the paper and author files are untouched; the table shows each change.
#[test]
fn counts_are_fetched_from_the_first_source_that_knows_each_paper() {
    let site = sample();
    let before = hand_files(&site);
    let s = server();
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert_eq!(hand_files(&site), before, "paper and author files changed");
    let m = metrics(&site);
    let att = entry(&m, "attention");
    for line in [
        "citations: 1234",
        "source: openalex",
        "as_of: \"2026-11-18\"",
        "matched_by: doi",
        "2024: 300",
        "2026: 120",
        "openalex: W2000000001",
    ] {
        assert!(att.contains(line), "{line} in {att}");
    }
    assert!(
        !att.contains("doi:"),
        "the file's own DOI is not repeated: {att}"
    );
    let arxiv = entry(&m, "arxiv");
    assert!(
        arxiv.contains("citations: 17")
            && arxiv.contains("source: semantic_scholar")
            && arxiv.contains("matched_by: arxiv"),
        "{arxiv}"
    );
    let cr = entry(&m, "crossref");
    assert!(
        cr.contains("citations: 23") && cr.contains("source: crossref"),
        "{cr}"
    );
    let ada = entry(&m, "ada");
    for line in [
        "h_index: 12",
        "i10_index: 14",
        "citations: 1530",
        "works_count: 31",
        "2016: 10",
        "2025: 100",
        "orcid: 0000-0002-1825-0097",
    ] {
        assert!(ada.contains(line), "{line} in {ada}");
    }
    assert!(log.contains("paper attention"), "{log}");
    assert!(
        log.lines().any(|l| l.contains("paper attention")
            && l.contains("citations")
            && l.contains("- -> 1234")
            && l.contains("OpenAlex")),
        "{log}"
    );
    assert!(log.contains("6 of 6 papers found"), "{log}");
    // No progress line when stderr is not a terminal.
    assert!(!log.contains('\r'), "{log:?}");
}

// A count written by hand in the paper file stays there (the site shows it);
// the fetched one is recorded in metrics.yaml, and the run says so.
#[test]
fn a_hand_written_count_is_kept_and_reported() {
    let site = sample();
    let s = server();
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let hand = std::fs::read_to_string(site.root().join("papers/hand.yaml")).unwrap();
    assert!(hand.contains("citations: 999"), "{hand}");
    assert!(entry(&metrics(&site), "hand").contains("citations: 57"));
    assert!(
        log.contains(
            "paper hand: papers/hand.yaml sets citations: 999 by hand, which the site shows"
        ),
        "{log}"
    );
}

// A paper without any identifier is found by exact title, year and first
// author (never by a similar title), and the match is reported as such.
#[test]
fn a_title_only_match_is_reported() {
    let site = sample();
    let s = server();
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    let sketch = entry(&metrics(&site), "sketch");
    assert!(
        sketch.contains("citations: 9") && sketch.contains("matched_by: title"),
        "{sketch}"
    );
    assert!(
        log.contains("paper sketch: found in OpenAlex by its title, year and first author only"),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains("paper sketch") && l.contains("OpenAlex (title match)")),
        "{log}"
    );
}

// OpenAlex answers a merged work's old id with a redirect to the new one: the
// new id is learned (written under ids) and the merge reported.
#[test]
fn a_work_merged_under_another_id_is_followed_and_reported() {
    let site = sample();
    let s = server();
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    let graph = entry(&metrics(&site), "graph");
    assert!(
        graph.contains("citations: 88")
            && graph.contains("openalex: W2000000200")
            && graph.contains("doi: 10.5555/graph"),
        "{graph}"
    );
    assert!(
        log.contains("OpenAlex merged W100 into W2000000200"),
        "{log}"
    );
}

// Without a key: one free single lookup per identifier. With a key: the DOIs
// go in one filter query; the key is sent, and written nowhere.
#[test]
fn requests_without_and_with_a_key() {
    let site = sample();
    let s = server();
    assert!(run(&site, &s, &[], None).status.success());
    let without = s.requests();
    // OpenAlex: arXiv (404), attention, crossref (404), W100 and its
    // redirect, hand, the title search; one Semantic Scholar batch; Crossref;
    // the author.
    assert_eq!(without.len(), 10, "{without:#?}");
    // Semantic Scholar: one batch for both papers OpenAlex does not know.
    let s2: Vec<_> = without
        .iter()
        .filter(|r| r.path().starts_with("/s2"))
        .collect();
    assert_eq!(s2.len(), 1, "{s2:#?}");
    assert_eq!(s2[0].method, "POST");
    assert_eq!(
        s2[0].body,
        r#"{"ids":["ARXIV:2401.00001","DOI:10.5555/crossref-only"]}"#
    );
    assert!(without.iter().all(|r| !r.target.contains("api_key")));
    let ua = &without[0].headers["user-agent"];
    assert!(
        ua.starts_with("folio/") && ua.contains("(+https://"),
        "{ua}"
    );

    let keyed = sample();
    let s = server();
    s.route(
        "/openalex/works",
        vec![Resp::file("openalex/works-batch.json")],
    );
    let out = run(&keyed, &s, &[], Some("s3cret-key"));
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let with = s.requests();
    let batches: Vec<_> = with
        .iter()
        .filter(|r| r.target.contains("filter=doi:"))
        .collect();
    assert_eq!(batches.len(), 1, "{with:#?}");
    assert!(
        batches[0]
            .target
            .contains("10.5555%2Fattention%7C10.5555%2Fcrossref-only%7C10.5555%2Fhand"),
        "{}",
        batches[0].target
    );
    // (The redirect of a merged id is followed as OpenAlex gives it: a free
    // single lookup, and never a way for the key to reach another address.)
    assert!(
        with.iter()
            .filter(|r| r.path().starts_with("/openalex") && !r.path().ends_with("W2000000200"))
            .all(|r| r.target.contains("api_key=s3cret-key")),
        "{with:#?}"
    );
    assert!(
        !with
            .iter()
            .any(|r| r.path() == "/openalex/works/doi:10.5555/attention")
    );
    // Fewer OpenAlex requests than without a key: no single DOI lookups.
    assert!(
        with.len() < without.len(),
        "{} vs {}",
        with.len(),
        without.len()
    );
    for (rel, bytes) in tree(keyed.root()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("s3cret"),
            "the key is in {rel}"
        );
    }
    assert!(!log.contains("s3cret") && !String::from_utf8_lossy(&out.stdout).contains("s3cret"));
}

// A 429 with Retry-After is waited for (capped in tests), then the answer used.
#[test]
fn too_many_requests_with_retry_after_then_success() {
    let site = sample();
    let s = server();
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![
            Resp::status(429, r#"{"error":"Rate limit exceeded"}"#).header("Retry-After", "2"),
            Resp::file("openalex/work-attention.json"),
        ],
    );
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains(
            "HTTP 429: Rate limit exceeded; retrying in 2000 ms (as its Retry-After asks)"
        ),
        "{log}"
    );
    assert!(entry(&metrics(&site), "attention").contains("citations: 1234"));
}

/// A site with a metrics.yaml from an earlier run.
fn site_with_old_metrics() -> (TestSite, String) {
    let old = "format: 1\npapers:\n  attention:\n    citations: 1000\n    source: openalex\n    as_of: 2026-10-01\n    matched_by: doi\n";
    (sample().file("data/metrics.yaml", old), old.to_string())
}

// A source that keeps failing: the old values stay (the file is untouched),
// the message names the source and the status, and the exit code is 3.
#[test]
fn a_persistent_server_error_keeps_the_old_values_and_exits_with_3() {
    let (site, old) = site_with_old_metrics();
    let s = server();
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![Resp::status(500, r#"{"error":"Internal Server Error"}"#)],
    );
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{log}");
    assert!(
        log.contains("folio update: OpenAlex did not answer"),
        "{log}"
    );
    assert!(
        log.contains("HTTP 500: Internal Server Error (4 tries)"),
        "{log}"
    );
    assert!(log.contains("the old values are kept"), "{log}");
    assert_eq!(metrics(&site), old);
    let attempts = s
        .requests()
        .iter()
        .filter(|r| r.path() == "/openalex/works/doi:10.5555/attention")
        .count();
    assert_eq!(attempts, 4);
}

// An answer that is not what the API sends: exit code 3, nothing written.
#[test]
fn a_malformed_body_is_a_clear_error() {
    let (site, old) = site_with_old_metrics();
    let s = server();
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![Resp::status(200, "<html>maintenance</html>")],
    );
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{log}");
    assert!(
        log.contains("OpenAlex sent an answer folio cannot read for paper attention: not JSON"),
        "{log}"
    );
    assert_eq!(metrics(&site), old);
}

// A source that does not answer in time is retried, then given up on.
#[test]
fn a_timeout_is_retried_then_reported() {
    let (site, old) = site_with_old_metrics();
    let s = server();
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![Resp::file("openalex/work-attention.json").delay(Duration::from_millis(1500))],
    );
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    cmd.arg("update")
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("OPENALEX_API_KEY");
    for (k, v) in s.env() {
        cmd.env(k, v);
    }
    let out = cmd
        .env("FOLIO_TEST_HTTP_TIMEOUT_MS", "200")
        .output()
        .unwrap();
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{log}");
    assert!(
        log.contains("no answer before the timeout (4 tries)"),
        "{log}"
    );
    assert_eq!(metrics(&site), old);
}

// A second run within the hour asks nothing: every answer comes from the cache
// in .folio/cache/http/; and the same answers give the same bytes.
#[test]
fn a_second_run_uses_the_cache_and_writes_the_same_bytes() {
    let site = sample();
    let s = server();
    assert!(run(&site, &s, &[], None).status.success());
    let first = metrics(&site);
    let asked = s.requests().len();
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert_eq!(
        s.requests().len(),
        asked,
        "the second run asked again: {:#?}",
        &s.requests()[asked..]
    );
    assert!(
        log.contains("0 requests") && log.contains("data/metrics.yaml unchanged"),
        "{log}"
    );
    assert_eq!(metrics(&site), first);
    // Another site, the same answers: byte for byte the same file.
    let other = sample();
    assert!(run(&other, &server(), &[], None).status.success());
    assert_eq!(metrics(&other), first);
}

// --dry-run shows the table and writes nothing.
#[test]
fn a_dry_run_writes_nothing() {
    let site = sample();
    let out = run(&site, &server(), &["--dry-run"], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("- -> 1234") && log.contains("dry run, nothing written"),
        "{log}"
    );
    assert!(!site.root().join("data/metrics.yaml").exists());
}

// Citations received per year accumulate: a later run whose window moved on
// overwrites the years it covers and keeps the older ones.
#[test]
fn the_per_year_history_accumulates_over_runs_with_shifted_windows() {
    let site = sample();
    assert!(run(&site, &server(), &[], None).status.success());
    std::fs::remove_dir_all(site.root().join(".folio/cache")).unwrap();
    let s = server();
    s.route(
        "/openalex/authors/orcid:0000-0002-1825-0097",
        vec![Resp::file("openalex/author-ada-later.json")],
    );
    s.route(
        "/openalex/works/doi:10.5555/attention",
        vec![Resp::file("openalex/work-attention-later.json")],
    );
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let m = metrics(&site);
    let ada = entry(&m, "ada");
    // 2016 only from the first run (10), 2017-2026 from the second (11 per year step).
    for line in [
        "2016: 10",
        "2017: 22",
        "2025: 110",
        "2026: 121",
        "h_index: 13",
    ] {
        assert!(ada.contains(line), "{line} in {ada}");
    }
    let att = entry(&m, "attention");
    for line in ["2024: 300", "2025: 430", "2026: 200", "citations: 1300"] {
        assert!(att.contains(line), "{line} in {att}");
    }
    assert!(
        log.lines()
            .any(|l| l.contains("paper attention") && l.contains("1234 -> 1300")),
        "{log}"
    );
    assert!(
        log.contains("citations received per year known for 2016-2026"),
        "{log}"
    );
}

// --discover lists the owner's works that the site lacks, compared on every
// identifier it knows (the merged work by its title, year and first author), less
// those site.yaml's `not_mine` lists.
#[test]
fn discover_lists_missing_works_except_those_not_mine() {
    let site = sample().file(
        "site.yaml",
        &format!("{SITE}metrics:\n  not_mine: [https://doi.org/10.5555/OTHER-ADA]\n"),
    );
    let s = server();
    s.route(
        "/openalex/works",
        vec![Resp::file("openalex/works-by-author.json")],
    );
    let before = hand_files(&site);
    let out = run(&site, &s, &["--discover"], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("2026  A Paper the Site Lacks  (10.5555/new-one; ada)"),
        "{log}"
    );
    assert!(!log.contains("Protein Folding"), "{log}");
    assert!(
        !log.contains("Notes on the Analytical Engine") && !log.contains("On Graphs of Engines"),
        "{log}"
    );
    assert!(
        log.contains("1 works not on the site (1 left out as not_mine)"),
        "{log}"
    );
    assert_eq!(hand_files(&site), before);
    let asked: Vec<_> = s.requests().into_iter().map(|r| r.target).collect();
    assert!(
        asked
            .iter()
            .any(|t| t.contains("filter=author.id:A5000000001")),
        "{asked:?}"
    );
}

// --discover --add --yes imports the listed works through `folio import`.
#[test]
fn discover_add_imports_the_works_through_folio_import() {
    let site = sample().file(
        "site.yaml",
        &format!("{SITE}metrics:\n  not_mine: [W2000000011]\n"),
    );
    let s = server();
    s.route(
        "/openalex/works",
        vec![Resp::file("openalex/works-by-author.json")],
    );
    let out = run(&site, &s, &["--discover", "--add", "--yes"], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let files: Vec<String> = tree(site.root())
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| r.starts_with("papers/"))
        .collect();
    assert_eq!(files.len(), 7, "{files:?}\n{log}");
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(site.root().join(f)).unwrap())
        .collect();
    let new = texts
        .iter()
        .find(|t| t.contains("A Paper the Site Lacks"))
        .unwrap_or_else(|| panic!("the new paper in {files:?}\n{log}"));
    assert!(new.contains("10.5555/new-one"), "{new}");
    assert!(log.contains("imported 1 new"), "{log}");
    assert!(
        !site
            .root()
            .join(".folio/cache/http/discovered.json")
            .exists()
    );
    // Without a terminal and without --yes, nothing is added.
    let again = sample().file("site.yaml", SITE);
    let out = run(&again, &s, &["--discover", "--add"], None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("add --yes"), "{}", stderr(&out));
}

// `metrics.sources` picks and orders the sources; an unknown one is an error
// with its position, before any request.
#[test]
fn sources_come_from_site_yaml_and_are_checked() {
    let site = sample().file(
        "site.yaml",
        &format!("{SITE}metrics:\n  sources: [crossref]\n"),
    );
    let s = server();
    let out = run(&site, &s, &[], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = metrics(&site);
    assert!(entry(&m, "crossref").contains("source: crossref"));
    assert!(!m.contains("\n  attention:"), "{m}");
    assert!(s.requests().iter().all(|r| r.path().starts_with("/crossref") || r.path().starts_with("/openalex/authors")));

    let bad = sample().file(
        "site.yaml",
        &format!("{SITE}metrics:\n  sources: [openalex, scholar]\n"),
    );
    let s = server();
    let out = run(&bad, &s, &[], None);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("site.yaml:4:"), "{log}");
    assert!(s.requests().is_empty());
}

// `folio init --orcid`: a starter site filled from the public ORCID record
// (name, role, affiliation) and OpenAlex (the person's works, two pages of
// them, and their metrics), which then builds.
#[test]
fn init_orcid_fills_a_starter_site_from_the_public_record() {
    let s = server();
    s.route(
        "/orcid/v3.0/0000-0002-1825-0097/record",
        vec![Resp::file("orcid/record.json")],
    )
    .route(
        "/openalex/works?filter=author.id:A5000000001&per_page=100&cursor=*",
        vec![Resp::file("openalex/works-by-author-page1.json")],
    )
    .route(
        &format!(
            "/openalex/works?filter=author.id:A5000000001&per_page=100&cursor={}",
            "IlsxNzA5MjU0NDAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzIwMDAwMDAwMTEnXSI="
        ),
        vec![Resp::file("openalex/works-by-author-page2.json")],
    );
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("site");
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    cmd.arg("init")
        .arg(&site_dir)
        .args(["--orcid", "https://orcid.org/0000-0002-1825-0097"]);
    cmd.env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("OPENALEX_API_KEY");
    for (k, v) in s.env() {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let read = |rel: &str| std::fs::read_to_string(site_dir.join(rel)).unwrap();
    let you = read("authors/you.yaml");
    for line in [
        "name: \"Ada Lovelace\"",
        "position: \"Professor\"",
        "affiliation: \"University College London\"",
        "orcid: \"https://orcid.org/0000-0002-1825-0097\"",
        "openalex: \"A5000000001\"",
    ] {
        assert!(you.contains(line), "{line} in {you}");
    }
    assert!(read("site.yaml").contains("title: \"Ada Lovelace\"\n"));
    let papers: Vec<String> = tree(&site_dir)
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| r.starts_with("papers/"))
        .collect();
    assert_eq!(papers.len(), 4, "{papers:?}");
    let m = read("data/metrics.yaml");
    assert!(m.contains("  you:\n") && m.contains("h_index: 12"), "{m}");
    assert!(
        log.contains("filled from ORCID 0000-0002-1825-0097 and OpenAlex A5000000001: 4 papers"),
        "{log}"
    );
    assert!(read(".gitignore").contains(".folio/cache/"));
    let built = folio::build(&folio::BuildOptions {
        root: site_dir.clone(),
        output: Some(dir.path().join("out")),
        overrides: folio::resolve::Overrides::default(),
    });
    assert!(built.is_ok(), "{:?}", built.err().map(|e| e.to_string()));
}

// An iD that is not one fails before anything is asked or written.
#[test]
fn init_orcid_refuses_a_malformed_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .arg("init")
        .arg(dir.path().join("site"))
        .args(["--orcid", "0000-12"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not an ORCID iD"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("site").exists());
}

// A lab site: every member's record is fetched (by ORCID or by OpenAlex id),
// not a co-author who is no member; a member with neither is named.
#[test]
fn a_lab_fetches_every_members_record() {
    let site = TestSite::empty()
        .file("site.yaml", "title: The Engine Lab\nmode: lab\n")
        .file("authors/ada.yaml", &format!("{ADA}role: pi\n"))
        .file(
            "authors/sam.yaml",
            "name: Sam Student\nrole: phd\nlinks:\n  openalex: https://openalex.org/A5000000009\n",
        )
        .file("authors/kim.yaml", "name: Kim Visitor\nrole: visitor\n")
        .file(
            "authors/cole.yaml",
            "name: Cole Laborator\nlinks:\n  openalex: A5000000008\n",
        );
    let s = server();
    s.route(
        "/openalex/authors/A5000000009",
        vec![Resp::file("openalex/author-ada-later.json")],
    );
    let out = run(&site, &s, &[], None);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let m = metrics(&site);
    assert!(entry(&m, "ada").contains("h_index: 12"), "{m}");
    assert!(entry(&m, "sam").contains("h_index: 13"), "{m}");
    assert!(!m.contains("  cole:") && !m.contains("  kim:"), "{m}");
    assert!(
        log.contains("author kim: no ORCID or OpenAlex id in authors/kim.yaml"),
        "{log}"
    );
    assert!(
        !s.requests()
            .iter()
            .any(|r| r.path().contains("A5000000008"))
    );
}
