//! Incremental rebuilds (`folio watch`, `folio serve`) reuse parsed and resolved
//! papers, list entries and written files. Whatever they reuse, the output after
//! every edit must be byte-identical to a full build of the same input.

use std::path::Path;

use folio::resolve::Overrides;
use folio::site::{BuildOptions, Session};

use crate::common::{TODAY, TestSite, tree};

fn overrides() -> Overrides {
    Overrides {
        base_url: Some("https://example.org/lab/".into()),
        today: Some(folio::model::PartialDate::parse(TODAY).unwrap()),
        drafts: false,
    }
}

/// A full build of the site's current input, into a fresh folder.
fn full_build(site: &Path) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("full");
    folio::build(&BuildOptions {
        root: site.to_path_buf(),
        output: Some(dest.clone()),
        overrides: overrides(),
    })
    .unwrap_or_else(|e| panic!("full build failed:\n{e}"));
    tree(&dest)
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn paper(title: &str, date: &str, first: &str, extra: &str) -> String {
    format!(
        "title: {title:?}\ndate: {date}\nauthors: [{first}, Ada Lovelace]\ntopics: [ML]\n{extra}"
    )
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    let site = TestSite::new()
        .file("papers/a.yaml", &paper("Alpha engines", "2021-03", "Charles Babbage", "venue: NeurIPS\n"))
        .file("papers/b.yaml", &paper("Beta notes", "2020", "Mary Somerville", ""))
        .file("papers/c.yaml", &paper("Gamma tables", "2019-05-02", "Charles Babbage", "selected: true\n"))
        .file(
            "papers/more.yaml",
            "- title: Delta one\n  date: 2018\n  authors: [Ada Lovelace]\n- title: Delta two\n  date: 2017\n  authors: [Ada Lovelace]\n  topics: [CL]\n",
        );
    let root = site.root().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    let mut session = Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.path().join("live")),
        overrides: overrides(),
    })
    .unwrap();
    let live = session.output_dir().to_path_buf();

    type Step = (&'static str, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        ("first build", Box::new(|_: &Path| {})),
        (
            "edit one paper's title",
            Box::new(|r: &Path| {
                write(
                    r,
                    "papers/a.yaml",
                    &paper(
                        "Alpha engines, revised",
                        "2021-03",
                        "Charles Babbage",
                        "venue: NeurIPS\n",
                    ),
                )
            }),
        ),
        // Same first author, year and first title word as b: b's cite key gets a
        // letter, so b's page and papers.bib change although b.yaml did not.
        (
            "add a paper that shares a cite key",
            Box::new(|r: &Path| {
                write(
                    r,
                    "papers/d.yaml",
                    &paper("Beta notes again", "2020", "Mary Somerville", ""),
                )
            }),
        ),
        (
            "delete it again",
            Box::new(|r: &Path| std::fs::remove_file(r.join("papers/d.yaml")).unwrap()),
        ),
        (
            "rename a file",
            Box::new(|r: &Path| {
                std::fs::rename(r.join("papers/c.yaml"), r.join("papers/c-renamed.yaml")).unwrap()
            }),
        ),
        (
            "edit one paper of a multi-paper file",
            Box::new(|r: &Path| {
                write(
                    r,
                    "papers/more.yaml",
                    "- title: Delta one\n  date: 2018\n  authors: [Ada Lovelace]\n- title: Delta two, longer\n  date: 2017\n  authors: [Ada Lovelace]\n  topics: [ML]\n",
                )
            }),
        ),
        (
            "edit site.yaml",
            Box::new(|r: &Path| {
                write(
                    r,
                    "site.yaml",
                    &crate::common::SITE_YAML.replace("Ada Lovelace", "Ada, Countess of Lovelace"),
                )
            }),
        ),
        (
            "edit the owner's author file",
            Box::new(|r: &Path| {
                write(
                    r,
                    "authors/ada.yaml",
                    &crate::common::AUTHOR_YAML.replace("Professor", "Reader in Analysis"),
                )
            }),
        ),
        (
            "add a page",
            Box::new(|r: &Path| write(r, "pages/about.md", "---\ntitle: About\n---\nHello.\n")),
        ),
        // The compiled theme is reused only while its files are unchanged.
        (
            "override the paper template",
            Box::new(|r: &Path| {
                write(
                    r,
                    "templates/paper.html",
                    "<h1>{{ paper.title_html }}</h1>{{ bibtex }}",
                )
            }),
        ),
        (
            "edit that override",
            Box::new(|r: &Path| {
                write(
                    r,
                    "templates/paper.html",
                    "<h2>{{ paper.title_html }} ({{ paper.year }})</h2>",
                )
            }),
        ),
        (
            "edit a paper after the shared input changed",
            Box::new(|r: &Path| {
                write(
                    r,
                    "papers/b.yaml",
                    &paper(
                        "Beta notes, second edition",
                        "2020",
                        "Mary Somerville",
                        "selected: true\n",
                    ),
                )
            }),
        ),
    ];
    for (what, step) in &steps {
        step(&root);
        let report = session
            .rebuild()
            .unwrap_or_else(|e| panic!("{what}: rebuild failed:\n{e}"));
        assert!(report.warnings.iter().all(|w| !w.is_error()), "{what}");
        assert!(
            tree(&live) == full_build(&root),
            "{what}: the incremental output differs from a full build"
        );
        // Different lengths or times for the next edit's stamp, even on coarse clocks.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    // A broken paper: the rebuild fails and the output stays as it was; fixed,
    // the output again equals a full build.
    let before = tree(&live);
    write(&root, "papers/e.yaml", "title: [unclosed\n");
    assert!(session.rebuild().is_err());
    assert!(tree(&live) == before, "a failed rebuild changed the output");
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(
        &root,
        "papers/e.yaml",
        &paper("Epsilon", "2022", "Charles Babbage", ""),
    );
    session.rebuild().unwrap();
    assert!(
        tree(&live) == full_build(&root),
        "after fixing the broken paper"
    );
    assert!(
        String::from_utf8_lossy(
            &tree(&live)
                .into_iter()
                .find(|(p, _)| p == "papers.bib")
                .unwrap()
                .1
        )
        .contains("Epsilon")
    );
}

fn talk(title: &str, papers: &str) -> String {
    format!(
        "title: {title:?}\ndate: 2024-06-12\nevent: Analytical Society\npapers: [{papers}]\nauthors: [ada]\n"
    )
}

/// The HTML pages a rebuild rendered, sorted.
fn pages(report: &folio::site::RebuildReport) -> Vec<&str> {
    report
        .rendered_files
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect()
}

// A talk edit renders and writes only the pages that show the talk: its page,
// the talks page, the pages of its papers (before and after the edit), the
// speakers' pages (here the owner's, which lists every talk), plus the home
// page (it may show talks; written only if its bytes change) and the small
// site files. Other papers' pages, topic pages, papers.bib and the assets are
// not rendered at all. After each edit the output equals a full build.
#[test]
fn a_talk_edit_renders_and_writes_only_the_pages_that_show_it() {
    let site = TestSite::new()
        .paper("a", "Alpha engines", "2021-03", "topics: [ML]\n")
        .paper("b", "Beta notes", "2020", "")
        .paper("c", "Gamma tables", "2019", "")
        .file("talks/t1.yaml", &talk("Engines that compute", "a"))
        .file("talks/t2.yaml", &talk("Notes on notes", "b"))
        .file(
            "projects/engines.yaml",
            "title: Engines\nsummary: Computing engines.\ntalks: [t1]\n",
        );
    let root = site.root().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    let mut session = Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.path().join("live")),
        overrides: overrides(),
    })
    .unwrap();
    let live = session.output_dir().to_path_buf();
    session.rebuild().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let owner = "authors/ada/index.html";
    type Step = (
        &'static str,
        Box<dyn Fn(&Path)>,
        Vec<&'static str>,
        Vec<&'static str>,
        Vec<&'static str>,
    );
    // (what, edit, pages rendered, files written, files removed)
    let steps: Vec<Step> = vec![
        (
            "edit a talk's title",
            Box::new(|r: &Path| {
                write(
                    r,
                    "talks/t1.yaml",
                    &talk("Engines that compute, revised", "a"),
                )
            }),
            vec![
                owner,
                "index.html",
                "papers/a/index.html",
                "projects/engines/index.html",
                "projects/index.html",
                "talks/index.html",
                "talks/t1/index.html",
            ],
            vec![
                owner,
                "papers/a/index.html",
                "projects/engines/index.html",
                "search.json",
                "talks/index.html",
                "talks/t1/index.html",
            ],
            vec![],
        ),
        (
            "add a talk",
            Box::new(|r: &Path| write(r, "talks/t3.yaml", &talk("Tables", "c"))),
            vec![
                owner,
                "index.html",
                "papers/c/index.html",
                "projects/index.html",
                "talks/index.html",
                "talks/t3/index.html",
            ],
            vec![
                owner,
                "papers/c/index.html",
                "search.json",
                "sitemap.xml",
                "talks/index.html",
                "talks/t3/index.html",
            ],
            vec![],
        ),
        (
            "delete it again",
            Box::new(|r: &Path| std::fs::remove_file(r.join("talks/t3.yaml")).unwrap()),
            vec![
                owner,
                "index.html",
                "papers/c/index.html",
                "projects/index.html",
                "talks/index.html",
            ],
            vec![
                owner,
                "papers/c/index.html",
                "search.json",
                "sitemap.xml",
                "talks/index.html",
            ],
            vec!["talks/t3/index.html"],
        ),
        (
            "rename a talk's file",
            Box::new(|r: &Path| {
                std::fs::rename(r.join("talks/t2.yaml"), r.join("talks/t2b.yaml")).unwrap()
            }),
            vec![
                owner,
                "index.html",
                "papers/b/index.html",
                "projects/index.html",
                "talks/index.html",
                "talks/t2b/index.html",
            ],
            vec![
                owner,
                "papers/b/index.html",
                "search.json",
                "sitemap.xml",
                "talks/index.html",
                "talks/t2b/index.html",
            ],
            vec!["talks/t2/index.html"],
        ),
        (
            "a talk gains a paper",
            Box::new(|r: &Path| {
                write(
                    r,
                    "talks/t1.yaml",
                    &talk("Engines that compute, revised", "a, c"),
                )
            }),
            vec![
                owner,
                "index.html",
                "papers/a/index.html",
                "papers/c/index.html",
                "projects/engines/index.html",
                "projects/index.html",
                "talks/index.html",
                "talks/t1/index.html",
            ],
            // The talks page and the speakers' pages show no papers of a talk.
            vec!["papers/c/index.html", "talks/t1/index.html"],
            vec![],
        ),
        (
            "a talk loses a paper",
            Box::new(|r: &Path| {
                write(
                    r,
                    "talks/t1.yaml",
                    &talk("Engines that compute, revised", "c"),
                )
            }),
            vec![
                owner,
                "index.html",
                "papers/a/index.html",
                "papers/c/index.html",
                "projects/engines/index.html",
                "projects/index.html",
                "talks/index.html",
                "talks/t1/index.html",
            ],
            // The talks page and the speakers' pages show no papers of a talk.
            vec!["papers/a/index.html", "talks/t1/index.html"],
            vec![],
        ),
    ];
    for (what, step, rendered, written, removed) in &steps {
        step(&root);
        let report = session
            .rebuild()
            .unwrap_or_else(|e| panic!("{what}: rebuild failed:\n{e}"));
        assert!(
            tree(&live) == full_build(&root),
            "{what}: the incremental output differs from a full build"
        );
        assert!(!report.full, "{what}: not a full rebuild");
        assert_eq!(&pages(&report), rendered, "{what}: pages rendered");
        assert_eq!(
            &report.stats.written_files, written,
            "{what}: files written"
        );
        assert_eq!(
            &report.stats.removed_files, removed,
            "{what}: files removed"
        );
        for skipped in ["papers.bib", "papers.json", "assets/style.css"] {
            assert!(
                !report.rendered_files.iter().any(|p| p == skipped),
                "{what}: {skipped} was made again"
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

// What minimal rebuilds do not cover falls back to rendering everything, and
// the output still equals a full build: a talk and a paper edited together,
// the last talk removed (the navigation loses its Talks link) and the first
// one added again.
#[test]
fn talk_edits_beyond_minimal_rebuilds_render_everything() {
    let site = TestSite::new()
        .paper("a", "Alpha engines", "2021-03", "")
        .file("talks/t1.yaml", &talk("Engines that compute", "a"));
    let root = site.root().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    let mut session = Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.path().join("live")),
        overrides: overrides(),
    })
    .unwrap();
    let live = session.output_dir().to_path_buf();
    session.rebuild().unwrap();
    type Step = (&'static str, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        (
            "a talk and a paper edited together",
            Box::new(|r: &Path| {
                write(r, "talks/t1.yaml", &talk("Engines, again", "a"));
                write(
                    r,
                    "papers/a.yaml",
                    &paper("Alpha engines, revised", "2021-03", "Ada Lovelace", ""),
                );
            }),
        ),
        (
            "the last talk removed",
            Box::new(|r: &Path| std::fs::remove_file(r.join("talks/t1.yaml")).unwrap()),
        ),
        (
            "the first talk added",
            Box::new(|r: &Path| write(r, "talks/t9.yaml", &talk("Anew", "a"))),
        ),
    ];
    for (what, step) in &steps {
        std::thread::sleep(std::time::Duration::from_millis(20));
        step(&root);
        let report = session
            .rebuild()
            .unwrap_or_else(|e| panic!("{what}: rebuild failed:\n{e}"));
        assert!(report.full, "{what}: a full rebuild");
        assert!(
            tree(&live) == full_build(&root),
            "{what}: the incremental output differs from a full build"
        );
    }
}

/// `old` replaced by `new` in a file of the site (which must contain it).
fn edit(site: &Path, rel: &str, old: &str, new: &str) {
    let text = std::fs::read_to_string(site.join(rel)).unwrap();
    assert!(text.contains(old), "{rel} has no {old:?}");
    write(site, rel, &text.replacen(old, new, 1));
}

// On the full example site (every kind, talks on the home page and the CV):
// a talk edit or a new talk is a minimal rebuild that still equals a full
// build and writes the home page and the CV (both show talks); an edit of every other kind
// falls back to rendering everything, and equals a full build too.
#[test]
fn every_kind_of_edit_of_the_full_example_equals_a_full_build() {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    let root = site.root().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    let mut session = Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.path().join("live")),
        overrides: overrides(),
    })
    .unwrap();
    let live = session.output_dir().to_path_buf();
    session.rebuild().unwrap();
    let talk = "talks/variance-keynote.yaml";
    type Step = (
        &'static str,
        Box<dyn Fn(&Path)>,
        bool,
        &'static [&'static str],
    );
    // (what, edit, minimal, some of the files it must write)
    let shows_titles: &[&str] = &["index.html", "talks/index.html", "cv/index.html"];
    let steps: Vec<Step> = vec![
        (
            "a talk's title",
            Box::new(move |r: &Path| edit(r, talk, "Is Regulatory?", "Is Regulatory, Really?")),
            true,
            shows_titles,
        ),
        (
            "a talk's papers",
            Box::new(move |r: &Path| {
                edit(r, talk, "papers: [variance-decomposition, ", "papers: [")
            }),
            true,
            &[
                "papers/variance-decomposition/index.html",
                "talks/variance-keynote/index.html",
            ],
        ),
        (
            "a talk added",
            Box::new(|r: &Path| {
                write(
                    r,
                    "talks/new-seminar.yaml",
                    "title: A new seminar\ndate: 2026-01-15\nevent: Department seminar\n",
                )
            }),
            true,
            &[
                "cv/index.html",
                "index.html",
                "sitemap.xml",
                "talks/index.html",
                "talks/new-seminar/index.html",
            ],
        ),
        (
            "a post",
            Box::new(|r: &Path| {
                edit(
                    r,
                    "posts/lab-retreat-notes.md",
                    "title: Notes",
                    "title: More notes",
                )
            }),
            false,
            &[],
        ),
        (
            "a course",
            Box::new(|r: &Path| {
                edit(
                    r,
                    "teaching/statistical-genomics.yaml",
                    "title: Statistical",
                    "title: Applied Statistical",
                )
            }),
            false,
            &[],
        ),
        (
            "a project",
            Box::new(|r: &Path| {
                edit(
                    r,
                    "projects/chromatin-priors.yaml",
                    "title: Chromatin",
                    "title: Open Chromatin",
                )
            }),
            false,
            &[],
        ),
        (
            "the CV",
            Box::new(|r: &Path| {
                write(
                    r,
                    "cv.yaml",
                    &format!("{}\n", std::fs::read_to_string(r.join("cv.yaml")).unwrap()),
                )
            }),
            false,
            &[],
        ),
    ];
    for (what, step, minimal, must) in &steps {
        std::thread::sleep(std::time::Duration::from_millis(20));
        step(&root);
        let report = session
            .rebuild()
            .unwrap_or_else(|e| panic!("{what}: rebuild failed:\n{e}"));
        assert!(
            tree(&live) == full_build(&root),
            "{what}: the incremental output differs from a full build"
        );
        assert_eq!(report.full, !minimal, "{what}");
        if *minimal {
            let written = &report.stats.written_files;
            for page in must.iter() {
                assert!(
                    written.iter().any(|p| p == page),
                    "{what}: {page} not written: {written:?}"
                );
            }
            assert!(
                !report.rendered_files.iter().any(|p| p == "papers.bib"),
                "{what}"
            );
        }
    }
}
