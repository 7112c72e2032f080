//! The example site: the whole reference profile, built as a user would.

use std::path::Path;

use crate::common::{TestSite, count, tree};

fn example() -> TestSite {
    TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"))
}

// Every paper of the reference profile gets a page and a publication entry.
#[test]
fn example_site_has_all_29_papers() {
    let site = example();
    site.build();
    let papers = std::fs::read_dir(site.out.join("papers")).unwrap().count();
    assert_eq!(papers, 29);
    let list = site.output("publications/index.html");
    assert_eq!(count(&list, "<li class=\"paper\""), 29);
    assert!(list.contains("Showing all 29 papers"));
    // Newest first: the two 2026 papers lead, the 2018 ones close the list.
    let years: Vec<usize> = ["2026", "2025", "2024", "2018"]
        .iter()
        .map(|y| list.find(&format!("id=\"year-{y}\"")).unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
}

// The profile shows the reference's badges, with the computed paper count.
#[test]
fn example_profile_shows_every_badge() {
    let site = example();
    site.build();
    let home = site.output("index.html");
    for (value, label) in [
        ("38", "h-index"),
        ("29", "papers"),
        ("18,213", "citations"),
        ("58%", "Novelty"),
        ("64", "AI Score"),
    ] {
        let badge = format!(
            "<span class=\"metric-value\">{value}</span> <span class=\"metric-label\">{label}</span>"
        );
        assert!(home.contains(&badge), "missing badge {value} {label}");
    }
    assert!(home.contains("Declared by the site owner; no source given"));
    assert!(home.contains("Counted from the papers listed on this site"));
}

// The declared h-index of 38 cannot come from 29 papers and has no source: warn.
#[test]
fn example_warns_about_the_unsupported_h_index() {
    let site = example();
    let report = site.build();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "authors/fuli-luo.yaml:9:12: warning: h-index 38 cannot be true of the 29 papers listed, and no source is given\n  hint: add `source:` (e.g. Google Scholar) and `as_of:` to show where the number comes from"
        ]
    );
}

// Topic sections on the home page, largest first.
#[test]
fn example_topic_sections_are_largest_first() {
    let site = example();
    site.build();
    let home = site.output("index.html");
    let cl = home.find("id=\"topic-cl\"").unwrap();
    let se = home.find("id=\"topic-se\"").unwrap();
    let ai = home.find("id=\"topic-ai\"").unwrap();
    assert!(cl < se && se < ai);
    assert!(home.contains("Computation and Language</a> <span class=\"count\">23 papers</span>"));
    let cl_page = site.output("topics/cl/index.html");
    assert_eq!(count(&cl_page, "<li class=\"paper\""), 23);
}

// Code markers, affiliations, inline maths in abstracts, and the paper page.
#[test]
fn example_paper_entries_match_the_reference() {
    let site = example();
    site.build();
    let list = site.output("publications/index.html");
    assert_eq!(
        count(&list, "data-code=\"1\""),
        9,
        "nine papers carry the Code marker"
    );
    let prover = site.output("papers/deepseek-prover-v1-5/index.html");
    assert!(prover.contains("<time datetime=\"2024-08-15\">Aug 15, 2024</time>"));
    assert!(prover.contains("<span class=\"code-badge\">Code</span>"));
    assert!(prover.contains("<a href=\"https://www.pku.edu.cn/\">Peking University</a>"));
    assert!(
        prover.contains("<math><mn>63.5</mn><mi>%</mi></math>"),
        "maths rendered as MathML"
    );
    assert!(
        prover.contains("Huajian Xin, Z. Z. Ren, Junxiao Song <span class=\"et-al\">et al.</span>")
    );
    assert!(
        prover.contains("@misc{xin2024deepseek,"),
        "BibTeX entry generated"
    );
    assert!(prover.contains("<meta name=\"citation_author\" content=\"Z. Z. Ren\">"));
}

// Two builds of the same input give byte-identical output.
#[test]
fn example_builds_are_byte_identical() {
    let site = example();
    site.build();
    let first = tree(&site.out);
    site.build();
    assert_eq!(first, tree(&site.out));
}
