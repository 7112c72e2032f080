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

/// A site whose paper has `tex` as its title (line 1) and abstract (line 4).
fn tex_site(tex: &str) -> TestSite {
    TestSite::new().file(
        "papers/deep.yaml",
        &format!("title: {tex:?}\ndate: 2020\nauthors: [Ada Lovelace]\nabstract: {tex:?}\n"),
    )
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
