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
