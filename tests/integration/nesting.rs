//! Input that nests or expands without bound: deeply nested TeX, BibTeX string
//! bombs, YAML aliases that repeat a long text, absurd counts. Each runs the real
//! binary, measured for the folio process alone (CPU time and peak memory) as in
//! `resources.rs`, against the budgets the README states: 2 s of CPU, 256 MiB.

use std::time::Duration;

use crate::common::TestSite;
use crate::resources::{Finished, path_str, run_measured};

/// Fails unless folio ended by itself within the budgets for hostile input.
fn within_budget(what: &str, run: &Finished) {
    eprintln!(
        "{what}: exit {:?}, {:?} CPU, {} MiB peak",
        run.code,
        run.cpu,
        run.max_rss / 1024 / 1024
    );
    assert_eq!(
        run.signal, None,
        "{what}: killed by a signal: {}",
        run.stderr
    );
    assert!(
        run.cpu < Duration::from_secs(2),
        "{what}: {:?} of CPU",
        run.cpu
    );
    assert!(
        run.max_rss < 256 * 1024 * 1024,
        "{what}: {} MiB of memory",
        run.max_rss / 1024 / 1024
    );
}

/// `folio check SITE` and `folio build SITE --output OUT`, measured.
fn check_and_build(site: &TestSite) -> [(&'static str, Finished); 2] {
    let root = path_str(site.root());
    [
        ("check", run_measured(&["check", root])),
        (
            "build",
            run_measured(&["build", root, "--output", path_str(&site.out)]),
        ),
    ]
}

// ---------------------------------------------------------------------------
// Deeply nested TeX

/// Each way TeX nests: the opening and the closing text of one level.
const TEX_LEVELS: [(&str, &str); 6] = [
    ("{", "}"),
    ("\\sqrt{", "}"),
    ("\\frac{1}{", "}"),
    ("\\left(", "\\right)"),
    ("\\frac1", ""),
    ("\\begin{matrix}", "\\end{matrix}"),
];

/// A paper file with `tex` as its title (line 1) and abstract (line 4).
fn tex_paper(tex: &str) -> String {
    format!("title: {tex:?}\ndate: 2020\nauthors: [Ada Lovelace]\nabstract: {tex:?}\n")
}

/// A site whose only paper is `papers/deep.yaml`, a [`tex_paper`].
fn tex_site(tex: &str) -> TestSite {
    TestSite::new().file("papers/deep.yaml", &tex_paper(tex))
}

fn nested(open: &str, close: &str, levels: usize) -> String {
    format!("${}x{}$", open.repeat(levels), close.repeat(levels))
}

// 1,300 levels overflowed the stack of `folio build` and `folio check` (exit 134)
// in the title and the abstract; now the TeX is shown as text, with a warning
// naming the file, line, column and field.
#[test]
fn deeply_nested_tex_is_shown_as_text_with_a_located_warning() {
    for (open, close) in TEX_LEVELS {
        let site = tex_site(&nested(open, close, 1300));
        for (command, run) in check_and_build(&site) {
            let what = format!("{command} `{open}`");
            within_budget(&what, &run);
            assert_eq!(run.code, Some(0), "{what}: {}", run.stderr);
            for place in ["1:8: warning: title", "4:11: warning: abstract"] {
                let warning = run
                    .stderr
                    .lines()
                    .find(|l| l.starts_with(&format!("papers/deep.yaml:{place}: TeX `")))
                    .unwrap_or_else(|| panic!("{what}: no warning at {place}: {}", run.stderr));
                assert!(
                    warning.contains("cannot be rendered: it is nested too deeply ("),
                    "{what}: {warning}"
                );
            }
        }
        let page = site.output("papers/deep/index.html");
        assert!(
            page.contains(&format!("<code class=\"tex\">${open}")),
            "`{open}`: the TeX is not shown as text"
        );
    }
}

// The limit is on the depth, not a crash moved further away: 500 nested roots
// (1,000 levels) still become MathML, although they need more stack than a
// rayon thread has in a debug build.
#[test]
fn tex_nested_up_to_the_limit_becomes_mathml() {
    let site = tex_site(&nested("\\sqrt{", "}", 500));
    for (command, run) in check_and_build(&site) {
        within_budget(command, &run);
        assert_eq!(run.code, Some(0), "{command}: {}", run.stderr);
        assert!(!run.stderr.contains(": warning:"), "{}", run.stderr);
    }
    let page = site.output("papers/deep/index.html");
    assert!(crate::common::count(&page, "<msqrt>") >= 1000, "not MathML");
}

// pulldown-cmark does not recurse, so nested block quotes, lists, links and
// emphasis need no limit of folio's own: this pins that they stay cheap.
#[test]
fn deeply_nested_markdown_builds_within_bounds() {
    let n = 50_000;
    for (what, text) in [
        ("quotes", "> ".repeat(n)),
        ("lists", "- ".repeat(n)),
        (
            "links",
            format!("{}x{}", "[".repeat(n), "](https://example.org/)".repeat(n)),
        ),
        ("emphasis", format!("{}x{}", "*".repeat(n), "*".repeat(n))),
    ] {
        let site = TestSite::new().paper("deep", "T", "2020", &format!("abstract: {text:?}\n"));
        for (command, run) in check_and_build(&site) {
            within_budget(&format!("{command} {what}"), &run);
            assert_eq!(run.code, Some(0), "{}", run.stderr);
        }
    }
}

// ---------------------------------------------------------------------------
// BibTeX `@string` bombs and deep braces

/// `folio import refs.bib` into a fresh site, measured.
fn import_measured(bib: &str) -> (TestSite, Finished) {
    let site = TestSite::new().file("refs.bib", bib);
    let input = site.root().join("refs.bib");
    let run = run_measured(&[
        "import",
        path_str(&input),
        "--as-of",
        "2026-01-01",
        "--site",
        path_str(site.root()),
    ]);
    (site, run)
}

/// `@string{s0 = "xxxxxx"}`, then each level ten of the one before: `s4` is
/// 60,000 bytes, `s8` would be 600 MB.
fn string_levels(levels: usize) -> String {
    let mut bib = String::from("@string{s0 = \"xxxxxx\"}\n");
    for n in 1..=levels {
        let refs = vec![format!("s{}", n - 1); 10].join(" # ");
        bib.push_str(&format!("@string{{s{n} = {refs}}}\n"));
    }
    bib
}

/// The error lines of a run, without the path before `refs.bib`.
fn errors(run: &Finished) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l[l.find("refs.bib").unwrap_or(0)..].to_string())
        .collect()
}

// Eight levels of ten (576 bytes) ran 46 s at 7 GB, or aborted; now the first
// value past 64 KiB is an error at its place, and what uses it fails too.
#[test]
fn bibtex_string_bomb_fails_within_bounds() {
    let mut bib = string_levels(8);
    bib.push_str("@article{k, title = s8, author = {Ann Lee}, year = 2020}\n");
    let (site, run) = import_measured(&bib);
    within_budget("import", &run);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        errors(&run),
        [
            "refs.bib:6:19: error: field `s5` is longer than 64 KiB (with `#` and `@string` expanded)",
            "refs.bib:7:14: error: field `s6`: `@string` `s5` could not be read (see its error)",
            "refs.bib:8:14: error: field `s7`: `@string` `s6` could not be read (see its error)",
            "refs.bib:9:14: error: field `s8`: `@string` `s7` could not be read (see its error)",
            "refs.bib:10:21: error: field `title`: `@string` `s8` could not be read (see its error)",
        ]
    );
    assert!(!site.root().join("papers").exists());
}

// Values just under the limit, used again and again: the bytes expanded in one
// file are bounded too (2 MiB for a small file), not only each value.
#[test]
fn bibtex_strings_expand_to_a_bounded_total() {
    let mut bib = string_levels(4);
    for i in 0..60 {
        bib.push_str(&format!(
            "@article{{k{i}, title = s4 # \"{i}\", author = {{Ann Lee}}, year = 2020}}\n"
        ));
    }
    let (site, run) = import_measured(&bib);
    within_budget("import", &run);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let errors = errors(&run);
    assert_eq!(errors.len(), 60 - 33, "{errors:?}");
    assert_eq!(
        errors[0],
        "refs.bib:39:23: error: field `title`: `@string` abbreviations expand to more than 2 MiB in this file"
    );
    let written: u64 = std::fs::read_dir(site.root().join("papers"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(written < 3 * 1024 * 1024, "{written} bytes of papers");
}

// 100,000 nested braces in a title overflowed the stack; now they are an error
// at the brace past the limit.
#[test]
fn bibtex_braces_nested_too_deeply_fail_within_bounds() {
    let n = 100_000;
    let bib = format!(
        "@article{{k,\n  title = {{{}x{}}},\n  author = {{Ann Lee}}, year = 2020}}\n",
        "{".repeat(n),
        "}".repeat(n)
    );
    let (_, run) = import_measured(&bib);
    within_budget("import", &run);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        errors(&run),
        ["refs.bib:2:76: error: field `title`: braces are nested more than 64 deep"]
    );
}

// ---------------------------------------------------------------------------
// Absurd counts

// Two papers with 2^63 citations each showed "0 citations" beside an h-index of
// 2 (the sum wrapped in a release build; a debug build panicked). A count past
// a billion is now refused where it is written, so no sum can overflow.
#[test]
fn absurd_citation_counts_are_refused_where_they_are_written() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "citations: 9223372036854775808\n")
        .paper(
            "b",
            "B",
            "2021",
            "citations: { value: 9223372036854775808, source: Scholar }\n",
        );
    for (command, run) in check_and_build(&site) {
        within_budget(command, &run);
        assert_eq!(run.code, Some(1), "{command}: {}", run.stderr);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        assert_eq!(
            errors,
            [
                "papers/a.yaml:4:12: error: field `citations`: 9223372036854775808 is more than any real count (at most 1,000,000,000)",
                "papers/b.yaml:4:12: error: field `citations`: 9223372036854775808 is more than any real count (at most 1,000,000,000)",
            ],
            "{command}"
        );
    }
    assert!(!site.out.exists());
    // A billion each is allowed, and the sum is exact.
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!("{}mode: lab\n", crate::common::SITE_YAML),
        )
        .file(
            "authors/ada.yaml",
            &format!("{}role: pi\n", crate::common::AUTHOR_YAML),
        )
        .paper("a", "A", "2020", "citations: 1000000000\n")
        .paper("b", "B", "2021", "citations: 1000000000\n");
    site.build();
    assert!(site.output("index.html").contains("2,000,000,000"));
}

// ---------------------------------------------------------------------------
// YAML aliases that repeat a long text

/// A 1 MB paper file whose abstract is also each of sixty authors.
fn alias_amplified_paper() -> String {
    let aliases = vec!["*a"; 60].join(", ");
    format!(
        "title: T\ndate: 2020\nabstract: &a \"{}\"\nauthors: [Me, {aliases}]\n",
        "x".repeat(1_000_000)
    )
}

// Such a file wrote 410 MB of pages at 845 MB of memory: the parser's alias
// limits count replayed events, not bytes. Now a file may hold, aliases
// replayed, no more text than a file may hold at all (4 MiB), so aliases
// multiply nothing; every such file is reported, and nothing is written.
#[test]
fn aliases_repeating_a_long_text_fail_within_bounds() {
    let paper = alias_amplified_paper();
    let site = TestSite::new()
        .file("papers/one.yaml", &paper)
        .file("papers/two.yaml", &paper);
    for (command, run) in check_and_build(&site) {
        within_budget(command, &run);
        assert_eq!(run.code, Some(1), "{command}: {}", run.stderr);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        let message = "error: aliases (`*name`) expand this file to more than 4 MiB of text (a limit against alias bombs)";
        assert_eq!(
            errors,
            [
                format!("papers/one.yaml:4:27: {message}"),
                format!("papers/two.yaml:4:27: {message}"),
            ],
            "{command}"
        );
    }
    assert!(!site.out.exists());
    // A few aliases of a short text are fine.
    let site = TestSite::new().file(
        "papers/ok.yaml",
        "title: &t A title\ndate: 2020\nauthors: [Ada Lovelace]\nnote: *t\n",
    );
    site.build();
}

// Without aliases, one long name still multiplied: a 1 MB author name in sixty
// two-line papers wrote 525 MB in 15 s of CPU. The text a paper takes from other
// files (names of its authors, topics and affiliations) is now at most 64 KiB.
#[test]
fn a_long_name_used_by_many_papers_fails_within_bounds() {
    let mut site = TestSite::new().file(
        "authors/big.yaml",
        &format!("name: \"{}\"\n", "y".repeat(1_000_000)),
    );
    for i in 0..60 {
        site = site.file(
            &format!("papers/p{i:02}.yaml"),
            &format!("title: T{i}\ndate: 2020\nauthors: [Ada Lovelace, big]\n"),
        );
    }
    for (command, run) in check_and_build(&site) {
        within_budget(command, &run);
        assert_eq!(run.code, Some(1), "{command}: {}", run.stderr);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        assert_eq!(errors.len(), 60, "{command}: {errors:?}");
        assert_eq!(
            errors[0],
            "papers/p00.yaml:3:11: error: authors: the names this paper takes from author files and site.yaml come to 1000012 bytes, more than 64 KiB"
        );
    }
    assert!(!site.out.exists());
}

// Saving a paper with deeply nested TeX while `folio serve` runs killed the
// server; now the rebuild warns and the server keeps serving.
#[test]
fn serve_survives_deeply_nested_tex() {
    let site = TestSite::new().paper("deep", "Shallow", "2020", "");
    let mut run = crate::watch::Running::start(&[
        "serve",
        path_str(site.root()),
        "--output",
        path_str(&site.out),
        "--port",
        "0",
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    let site = site.file(
        "papers/deep.yaml",
        &tex_paper(&nested("\\frac{1}{", "}", 1300)),
    );
    run.wait_for_count("rebuilt after change", 1);
    assert!(run.child.try_wait().unwrap().is_none(), "the server exited");
    assert!(
        site.output("papers/deep/index.html")
            .contains("<code class=\"tex\">$\\frac{1}{")
    );
}
