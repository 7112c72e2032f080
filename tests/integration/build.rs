//! What a build renders from small sites: author lists, maths, links, files.

use crate::common::{TestSite, count};

const TWELVE: &str = "authors: [A One, B Two, C Three, D Four, Ada Lovelace, F Six, G Seven, H Eight, I Nine, J Ten, K Eleven, L Twelve]\n";

// The owner past the "et al." cut-off is still shown, in bold, with a position.
#[test]
fn owner_is_never_hidden_behind_et_al() {
    let site = TestSite::new().file(
        "papers/big.yaml",
        &format!("title: Big Team Paper\ndate: 2024-05\n{TWELVE}"),
    );
    site.build();
    let list = site.output("publications/index.html");
    assert!(
        list.contains("A One, B Two, C Three, … <strong class=\"me\"><a href=\"/authors/ada/\">Ada Lovelace</a></strong> <span class=\"author-pos\">(5th of 12)</span> <span class=\"et-al\">et al.</span>"),
        "{list}"
    );
    // The paper page lists all twelve.
    let page = site.output("papers/big/index.html");
    assert!(page.contains("K Eleven, L Twelve</p>"));
}

// Name variants link a paper's author to the author page.
#[test]
fn name_variants_are_recognised() {
    let site = TestSite::new().file(
        "papers/p.yaml",
        "title: P\ndate: 2020\nauthors: [Charles Babbage, A. Lovelace]\n",
    );
    site.build();
    let page = site.output("papers/p/index.html");
    assert!(
        page.contains("<strong class=\"me\"><a href=\"/authors/ada/\">A. Lovelace</a></strong>"),
        "{page}"
    );
    let author = site.output("authors/ada/index.html");
    assert_eq!(count(&author, "<li class=\"paper\""), 1);
}

// A file may hold a list of papers; their slugs come from their titles.
#[test]
fn a_file_can_hold_a_list_of_papers() {
    let site = TestSite::new().file(
        "papers/2019.yaml",
        "- title: First Paper\n  date: 2019-01\n  authors: [Ada Lovelace]\n- title: Second Paper\n  date: 2019-02\n  authors: [Ada Lovelace]\n",
    );
    site.build();
    assert!(site.exists("papers/first-paper/index.html"));
    assert!(site.exists("papers/second-paper/index.html"));
}

// Inline maths in titles becomes MathML; an unknown command warns and stays as text.
#[test]
fn maths_in_titles_and_unknown_commands() {
    let site = TestSite::new().paper("m", "Bounds of $O(n^2)$ and $\\frob{x}$", "2021", "");
    let report = site.build();
    let page = site.output("papers/m/index.html");
    assert!(page.contains("<math><mi>O</mi>"), "{page}");
    assert!(page.contains("<code class=\"tex\">$\\frob{x}$</code>"));
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "papers/m.yaml:1:8: warning: title: TeX `\\frob{x}` cannot be rendered: Unknown command \"\\frob\".\n  hint: it is shown as source text; check the command name"
        ]
    );
}

// Computed metrics: citations summed, h-index from per-paper counts.
#[test]
fn metrics_are_computed_from_paper_citations() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "citations: 10\n")
        .paper("b", "B", "2021", "citations: 4\n")
        .paper("c", "C", "2022", "citations: 1\n");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains(
        "<span class=\"metric-value\">15</span> <span class=\"metric-label\">citations</span>"
    ));
    assert!(home.contains(
        "<span class=\"metric-value\">2</span> <span class=\"metric-label\">h-index</span>"
    ));
    assert!(home.contains(
        "<span class=\"metric-value\">3</span> <span class=\"metric-label\">papers</span>"
    ));
}

// A declared metric wins over the computed one and is shown with its source.
#[test]
fn declared_metrics_win_and_show_their_source() {
    let site = TestSite::new()
        .file("authors/ada.yaml", "name: Ada Lovelace\nmetrics:\n  citations: { value: 1200, source: Google Scholar, as_of: 2026-11-01 }\n")
        .paper("a", "A", "2020", "citations: 10\n");
    let report = site.build();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let home = site.output("index.html");
    assert!(home.contains("<span class=\"metric-value\">1,200</span>"));
    assert!(home.contains("Source: Google Scholar, as of Nov\u{a0}1,\u{a0}2026."));
}

// Under a project-site base_url every internal link carries the sub-path.
#[test]
fn base_url_sub_path_prefixes_every_link() {
    let site = TestSite::new()
        .paper(
            "a",
            "A",
            "2020",
            "topics: [ML]\nlinks: { pdf: /files/a.pdf }\n",
        )
        .file("static/files/a.pdf", "%PDF");
    site.try_build_with(Some("https://someone.github.io/homepage/"))
        .unwrap();
    for page in [
        "index.html",
        "publications/index.html",
        "papers/a/index.html",
        "topics/ml/index.html",
        "authors/ada/index.html",
        "404.html",
    ] {
        let html = site.output(page);
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap()];
                assert!(
                    url.starts_with("/homepage/")
                        || url.starts_with("https://")
                        || url.starts_with('#'),
                    "{page}: {attr}{url}"
                );
            }
        }
    }
    let paper = site.output("papers/a/index.html");
    assert!(paper.contains(
        "<link rel=\"canonical\" href=\"https://someone.github.io/homepage/papers/a/\">"
    ));
    assert!(paper.contains("<meta name=\"citation_pdf_url\" content=\"https://someone.github.io/homepage/files/a.pdf\">"));
    assert!(site.exists("files/a.pdf"));
}

// Static files are copied, pages rendered, GitHub Pages told not to run Jekyll.
#[test]
fn pages_static_files_and_nojekyll() {
    let site = TestSite::new()
        .file(
            "pages/cv.md",
            "---\ntitle: Curriculum Vitae\n---\n## Education\n\n[Home](/)\n",
        )
        .file("static/images/me.txt", "hello");
    site.build();
    let cv = site.output("cv/index.html");
    assert!(cv.contains("<h1>Curriculum Vitae</h1>"));
    assert!(cv.contains("<h2>Education</h2>"));
    assert_eq!(site.output("images/me.txt"), "hello");
    assert!(site.exists(".nojekyll"));
    assert!(site.exists("404.html"));
}

// Editor backup files in content folders are not read as papers.
#[test]
fn editor_backup_files_are_ignored() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "")
        .file("papers/a.yaml~", "garbage: [")
        .file("papers/.a.yaml.swp", "\0\0binary")
        .file("papers/#a.yaml#", "garbage: [");
    let report = site.build();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        std::fs::read_dir(site.out.join("papers")).unwrap().count(),
        1
    );
}

// File names with spaces and non-Latin letters give clean slugs.
#[test]
fn file_names_with_spaces_and_other_scripts() {
    let site = TestSite::new()
        .file(
            "papers/My Great Paper.yaml",
            "title: G\ndate: 2020\nauthors: [X]\n",
        )
        .file("papers/论文.yaml", "title: L\ndate: 2020\nauthors: [X]\n");
    site.build();
    assert!(site.exists("papers/my-great-paper/index.html"));
    assert!(site.exists("papers/论文/index.html"));
}

// Each of the owner's metrics is also published as an SVG badge.
#[test]
fn metric_badges_are_published_as_svg() {
    let site = TestSite::new()
        .file("authors/ada.yaml", "name: Ada Lovelace\nmetrics:\n  h_index: { value: 12, source: Google Scholar }\nbadges:\n  - { label: Novelty, value: 58, unit: \"%\" }\n")
        .paper("a", "A", "2020", "");
    site.build();
    let h = site.output("badges/h-index.svg");
    assert!(h.contains("aria-label=\"h-index: 12\""), "{h}");
    assert!(
        site.output("badges/papers.svg")
            .contains("aria-label=\"papers: 1\"")
    );
    assert!(
        site.output("badges/novelty.svg")
            .contains("aria-label=\"Novelty: 58%\"")
    );
}

// Declared citations per year become a chart with a text alternative.
#[test]
fn citations_by_year_chart_with_text_alternative() {
    let site = TestSite::new()
        .file(
            "authors/ada.yaml",
            "name: Ada Lovelace\ncitations_by_year: { 2023: 50, 2024: 100 }\n",
        )
        .paper("a", "A", "2020", "");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains(
        "<span class=\"chart-title\">Citations received per year, 2023–\u{2060}2024</span>"
    ));
    assert!(home.contains("<svg class=\"chart-bars\""));
    assert!(home.contains("<tr><td>2023</td><td>50</td></tr>"));
    assert!(home.contains("<tr><td>2024</td><td>100</td></tr>"));
    // Without declared years or per-paper counts there is no chart.
    let plain = TestSite::new().paper("a", "A", "2020", "");
    plain.build();
    assert!(!plain.output("index.html").contains("citations-chart"));
    // Per-paper counts are summed by publication year.
    let counted = TestSite::new()
        .paper("a", "A", "2020", "citations: 7\n")
        .paper("b", "B", "2020", "citations: 5\n");
    counted.build();
    assert!(
        counted
            .output("index.html")
            .contains("<tr><td>2020</td><td>12</td></tr>")
    );
}

// A custom domain in site.yaml becomes the CNAME file GitHub Pages reads.
#[test]
fn cname_is_written_for_a_custom_domain() {
    let site = TestSite::new().file(
        "site.yaml",
        &format!("{}cname: www.example.org\n", crate::common::SITE_YAML),
    );
    site.build();
    assert_eq!(site.output("CNAME"), "www.example.org\n");
}

/// Every `id="…"` of a page, in order.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// Asserts that a page has no id twice and that every in-page link
/// (`href="#x"`) leads to an id of the page.
fn assert_ids_unique_and_anchors_resolve(page: &str, html: &str) {
    let ids = ids(html);
    let mut seen = std::collections::BTreeSet::new();
    for id in &ids {
        assert!(seen.insert(*id), "{page}: id `{id}` twice");
    }
    for rest in html.split("href=\"#").skip(1) {
        let target = rest.split('"').next().unwrap();
        assert!(seen.contains(target), "{page}: #{target} leads nowhere");
    }
}

// Footnotes in abstracts, bios and news items work as in posts (back links
// named, the notes a named section), and several such texts on one page keep
// their notes apart: no id twice, every note link lands on its own note.
#[test]
fn footnotes_in_abstracts_bios_and_news_have_unique_named_notes() {
    let abstract_with_note = |word: &str| {
        format!("abstract: \"The {word} result.[^n] Again.[^n]\\n\\n[^n]: A note on {word}.\"\n")
    };
    let site = TestSite::new()
        .paper("one", "One", "2024-01", &abstract_with_note("first"))
        .paper("two", "Two", "2023-01", &abstract_with_note("second"))
        .file(
            "authors/ada.yaml",
            "name: Ada Lovelace\nbio: \"Born in London.[^b]\\n\\n[^b]: In 1815.\"\n",
        )
        .file(
            "news/a.yaml",
            "date: 2024-02-01\ntitle: A\nbody: \"First.[^x]\\n\\n[^x]: Note A.\"\n",
        )
        .file(
            "news/b.yaml",
            "date: 2024-03-01\ntitle: B\nbody: \"Second.[^x]\\n\\n[^x]: Note B.\"\n",
        );
    site.build();
    for page in [
        "publications/index.html",
        "news/index.html",
        "index.html",
        "authors/ada/index.html",
        "papers/one/index.html",
    ] {
        assert_ids_unique_and_anchors_resolve(page, &site.output(page));
    }
    let list = site.output("publications/index.html");
    assert!(
        list.contains("<li id=\"paper-two-fn-1\">") && list.contains("href=\"#paper-one-fn-1\""),
        "{list}"
    );
    assert!(
        list.contains(
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">"
        ),
        "{list}"
    );
    assert!(
        list.contains("<a href=\"#paper-one-fnref-1-2\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to reference 1\">"),
        "{list}"
    );
    let news = site.output("news/index.html");
    assert!(news.contains("href=\"#news-a-fn-1\"") && news.contains("href=\"#news-b-fn-1\""));
    let bio = site.output("authors/ada/index.html");
    assert!(
        bio.contains("href=\"#bio-ada-fnref-1\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back to reference 1\""),
        "{bio}"
    );
}
