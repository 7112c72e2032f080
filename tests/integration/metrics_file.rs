//! `data/metrics.yaml` in the build: fetched numbers shown with their source and
//! date, hand-written values winning over them, the chart of citations received
//! per year drawn from the history, and the file read as strictly as any input.

use std::path::Path;

use crate::common::*;

const METRICS: &str = "\
# Written by `folio update`
format: 1
papers:
  fetched:
    citations: 42
    source: openalex
    as_of: 2026-11-23
    matched_by: doi
  by-hand:
    citations: 99
    source: semantic_scholar
    as_of: 2026-11-23
    matched_by: arxiv
  by-title:
    citations: 3
    source: crossref
    as_of: 2026-11-20
    matched_by: title
authors:
  ada:
    source: openalex
    as_of: 2026-11-23
    ids:
      openalex: A5023888391
    h_index: 7
    i10_index: 5
    citations: 1530
    works_count: 31
    citations_by_year:
      2019: 12
      2021: 140
      2025: 620
";

fn site() -> TestSite {
    TestSite::new()
        .paper("fetched", "Fetched", "2020", "")
        .paper("by-hand", "By Hand", "2021", "citations: 17\n")
        .paper("by-title", "By Title", "2022", "")
        .file("data/metrics.yaml", METRICS)
}

// Paper counts come from the file unless the paper file has one, which wins;
// each says where it comes from and when, and a title-only match says so.
#[test]
fn fetched_paper_counts_show_their_source_and_date_and_a_hand_value_wins() {
    let site = site();
    site.build();
    let fetched = site.output("papers/fetched/index.html");
    assert!(
        fetched.contains(
            "<dd>42 <span class=\"source\">(OpenAlex, as of Nov\u{a0}23,\u{a0}2026)</span>"
        ),
        "{fetched}"
    );
    let by_hand = site.output("papers/by-hand/index.html");
    assert!(by_hand.contains("<dd>17</dd>"), "{by_hand}");
    assert!(!by_hand.contains("99"), "{by_hand}");
    let by_title = site.output("papers/by-title/index.html");
    assert!(
        by_title.contains(
            "(Crossref, as of Nov\u{a0}20,\u{a0}2026, matched by title, year and first author)"
        ),
        "{by_title}"
    );
}

// The owner's badges take the fetched h-index, citations and i10-index, named
// and dated, linked to the record; a value declared in the author file wins.
#[test]
fn fetched_author_metrics_are_badges_unless_declared_by_hand() {
    let site = site();
    site.build();
    let home = site.output("index.html");
    assert!(
        home.contains("<span class=\"metric-value\">7</span>"),
        "{home}"
    );
    assert!(
        home.contains("<span class=\"metric-value\">1,530</span>"),
        "{home}"
    );
    assert!(
        home.contains(
            "<a href=\"https://openalex.org/A5023888391\">Source: OpenAlex</a>, as of Nov\u{a0}23,\u{a0}2026."
        ),
        "{home}"
    );
    let declared = site.file(
        "authors/ada.yaml",
        &format!("{AUTHOR_YAML}metrics:\n  h_index: {{ value: 9, source: Google Scholar }}\n"),
    );
    declared.build();
    let home = declared.output("index.html");
    assert!(
        home.contains("<span class=\"metric-value\">9</span>"),
        "{home}"
    );
    assert!(
        !home.contains("<span class=\"metric-value\">7</span>"),
        "{home}"
    );
    assert!(home.contains("Source: Google Scholar"), "{home}");
    // The others still come from the file.
    assert!(
        home.contains("<span class=\"metric-value\">1,530</span>"),
        "{home}"
    );
}

// The chart counts citations received per year from the history, says so with
// the years it covers and its source, and counts a year the source left out as
// zero (OpenAlex omits years without citations).
#[test]
fn the_chart_draws_citations_received_per_year_from_the_history() {
    let site = site();
    site.build();
    let home = site.output("index.html");
    assert!(
        home.contains(
            "<span class=\"chart-title\">Citations received per year, 2019–\u{2060}2025</span>"
        ),
        "{home}"
    );
    assert!(
        home.contains("Citations received each year, from OpenAlex, as of Nov\u{a0}23,\u{a0}2026."),
        "{home}"
    );
    assert_eq!(count(&home, "<rect class=\"bar\""), 7, "{home}");
    assert!(home.contains("<tr><td>2020</td><td>0</td></tr>"), "{home}");
    assert!(
        home.contains("<tr><td>2025</td><td>620</td></tr>"),
        "{home}"
    );
}

// Without a history the chart sums the papers' own counts by publication year,
// and its title says exactly that.
#[test]
fn without_a_history_the_chart_says_it_counts_papers_by_publication_year() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "citations: 7\n")
        .paper("b", "B", "2023", "citations: 5\n");
    site.build();
    let home = site.output("index.html");
    assert!(
        home.contains("Citations of papers published each year, 2020–\u{2060}2023"),
        "{home}"
    );
    assert!(!home.contains("Citations received per year"), "{home}");
}

// A slug or author id the site does not have is a warning at its line, with
// the closest name; the build goes on.
#[test]
fn an_unknown_paper_or_author_in_the_file_is_a_located_warning() {
    let metrics = METRICS
        .replace("  by-title:\n", "  by-titel:\n")
        .replace("  ada:\n", "  bob:\n");
    let site = site().file("data/metrics.yaml", &metrics);
    let report = site.build();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    let paper = warnings
        .iter()
        .find(|w| w.contains("by-titel"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(
        paper.starts_with("data/metrics.yaml:14:3: warning: paper `by-titel` is not on this site"),
        "{paper}"
    );
    assert!(paper.contains("did you mean `by-title`?"), "{paper}");
    let author = warnings
        .iter()
        .find(|w| w.contains("`bob`"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(
        author.starts_with("data/metrics.yaml:20:3: warning: author `bob`"),
        "{author}"
    );
    assert!(author.contains("authors/bob.yaml"), "{author}");
}

// The file is strict like every input: an unknown key is an error at its
// line and column with the closest known one, and an unknown source is named.
#[test]
fn the_file_is_read_strictly() {
    let typo = site().file(
        "data/metrics.yaml",
        &METRICS.replace("    matched_by: doi", "    matchd_by: doi"),
    );
    let err = typo.build_err();
    assert!(err.contains("data/metrics.yaml:8:5: error"), "{err}");
    assert!(err.contains("did you mean `matched_by`?"), "{err}");
    let source = site().file(
        "data/metrics.yaml",
        &METRICS.replace("source: crossref", "source: scholar"),
    );
    let err = source.build_err();
    assert!(err.contains("data/metrics.yaml:"), "{err}");
    assert!(err.contains("scholar"), "{err}");
    let date = site().file(
        "data/metrics.yaml",
        &METRICS.replace("as_of: 2026-11-20", "as_of: 2026-13-20"),
    );
    let err = date.build_err();
    assert!(
        err.contains("data/metrics.yaml:17:12: error: field `as_of`: date `2026-13-20` is not valid: write YYYY-MM-DD"),
        "{err}"
    );
}

// Changing only the file changes the pages of a later build in the same
// session (it is shared input, like site.yaml).
#[test]
fn a_changed_metrics_file_is_seen_by_a_rebuild() {
    let site = site();
    let mut session = folio::site::Session::new(folio::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.out.clone()),
        overrides: Default::default(),
    })
    .unwrap();
    session.rebuild().unwrap();
    assert!(site.output("papers/fetched/index.html").contains("<dd>42 "));
    // A different size, so the change is seen whatever the clock's resolution.
    std::fs::write(
        site.root().join("data/metrics.yaml"),
        METRICS.replace("citations: 42", "citations: 4242"),
    )
    .unwrap();
    session.rebuild().unwrap();
    let page = site.output("papers/fetched/index.html");
    assert!(page.contains("<dd>4242 "), "{page}");
}

// Lab member pages: a member with a fetched history gets the chart of
// citations received; one without says it counts papers by publication year.
#[test]
fn lab_member_charts_say_what_they_count() {
    let lab = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lab");
    let site = TestSite::copy_of(&lab).file(
        "data/metrics.yaml",
        "format: 1\nauthors:\n  mei-chen:\n    source: openalex\n    as_of: 2026-11-23\n    citations_by_year: { 2024: 30, 2025: 41 }\n",
    );
    let report = site.build();
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.to_string().contains("metrics.yaml"))
    );
    let member = site.output("authors/mei-chen/index.html");
    assert!(
        member.contains("Citations received per year, 2024–\u{2060}2025"),
        "{member}"
    );
    let other = site.output("authors/tom-walsh/index.html");
    assert!(
        other.contains("Citations of papers published each year"),
        "{other}"
    );
    assert!(!other.contains("Citations received per year"), "{other}");
}

// The date beside a paper's count, fetched or written by hand, is worded in
// the site's language.
#[test]
fn the_date_of_a_count_is_in_the_sites_language() {
    let site = TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}language: de\n"))
        .paper(
            "by-hand",
            "By Hand",
            "2021",
            "citations: { value: 17, source: Google Scholar, as_of: 2026-10-01 }\n",
        )
        .paper("fetched", "Fetched", "2020", "")
        .file("data/metrics.yaml", METRICS);
    site.build();
    let by_hand = site.output("papers/by-hand/index.html");
    assert!(
        by_hand.contains("(Google Scholar, Stand: 1.\u{a0}Okt.\u{a0}2026)"),
        "{by_hand}"
    );
    let fetched = site.output("papers/fetched/index.html");
    assert!(
        fetched.contains("(OpenAlex, Stand: 23.\u{a0}Nov.\u{a0}2026)"),
        "{fetched}"
    );
}
