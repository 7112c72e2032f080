//! Incremental rebuilds (`folio watch`, `folio serve`) reuse parsed and resolved
//! papers, list entries and written files. Whatever they reuse, the output after
//! every edit must be byte-identical to a full build of the same input.

use std::path::{Path, PathBuf};

use folio::resolve::Overrides;
use folio::site::{BuildOptions, RebuildReport, Session};

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

/// Where two trees differ: the paths only in one, or with other bytes.
fn differences(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut paths: Vec<&String> = a.iter().chain(b).map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    let get =
        |t: &[(String, Vec<u8>)], p: &String| t.iter().find(|(q, _)| q == p).map(|x| x.1.clone());
    paths
        .into_iter()
        .filter(|p| get(a, p) != get(b, p))
        .cloned()
        .collect()
}

/// `list`, sorted.
fn sorted<'a>(list: &[&'a str]) -> Vec<&'a str> {
    let mut list = list.to_vec();
    list.sort();
    list
}

/// The HTML pages a rebuild rendered, sorted.
fn pages(report: &RebuildReport) -> Vec<&str> {
    report
        .rendered_files
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// A site kept built by a `Session`, as `folio watch` and `folio serve` do:
/// every step edits its input, rebuilds, and checks the output against a
/// full build of the same input.
struct Watched {
    site: TestSite,
    _out: tempfile::TempDir,
    session: Session,
    live: PathBuf,
}

impl Watched {
    /// Builds `site` once.
    fn new(site: TestSite) -> Watched {
        let out = tempfile::tempdir().unwrap();
        let mut session = Session::new(BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(out.path().join("live")),
            overrides: overrides(),
        })
        .unwrap();
        let live = session.output_dir().to_path_buf();
        session.rebuild().unwrap();
        Watched {
            site,
            _out: out,
            session,
            live,
        }
    }

    /// A copy of `examples/full` with `posts_per_page: 2` (its four published
    /// posts fill two list pages), built once.
    fn full_example() -> Watched {
        let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
        edit(
            site.root(),
            "site.yaml",
            "posts_per_page: 3\n",
            "posts_per_page: 2\n",
        );
        Watched::new(site)
    }

    fn root(&self) -> PathBuf {
        self.site.root().to_path_buf()
    }

    /// Edits the input, rebuilds, and checks that the output equals a full build.
    fn step(&mut self, what: &str, change: impl FnOnce(&Path)) -> RebuildReport {
        // Different lengths or times for the edit's stamp, even on coarse clocks.
        std::thread::sleep(std::time::Duration::from_millis(20));
        change(self.site.root());
        let report = self
            .session
            .rebuild()
            .unwrap_or_else(|e| panic!("{what}: rebuild failed:\n{e}"));
        assert!(report.warnings.iter().all(|w| !w.is_error()), "{what}");
        let differ = differences(&tree(&self.live), &full_build(self.site.root()));
        assert!(
            differ.is_empty(),
            "{what}: the incremental output differs from a full build in {differ:?}"
        );
        report
    }

    /// `step` for an edit with a minimal rebuild: exactly these pages are
    /// rendered, these files written and these removed, and nothing that
    /// shows only papers (or the theme's assets) is made again.
    fn minimal(
        &mut self,
        what: &str,
        change: impl FnOnce(&Path),
        rendered: &[&str],
        written: &[&str],
        removed: &[&str],
    ) {
        let report = self.step(what, change);
        assert!(!report.full, "{what}: not a full rebuild");
        assert_eq!(pages(&report), sorted(rendered), "{what}: pages rendered");
        assert_eq!(
            report.stats.written_files,
            sorted(written),
            "{what}: files written"
        );
        assert_eq!(
            report.stats.removed_files,
            sorted(removed),
            "{what}: files removed"
        );
        for skipped in ["papers.bib", "papers.json", "assets/style.css"] {
            assert!(
                !report.rendered_files.iter().any(|p| p == skipped),
                "{what}: {skipped} was made again"
            );
        }
    }
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
    let mut w = Watched::new(site);
    type Step = (&'static str, Box<dyn Fn(&Path)>);
    let steps: Vec<Step> = vec![
        (
            "nothing changed since the first build",
            Box::new(|_: &Path| {}),
        ),
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
        w.step(what, step);
    }

    // A broken paper: the rebuild fails and the output stays as it was; fixed,
    // the output again equals a full build.
    let before = tree(&w.live);
    write(&w.root(), "papers/e.yaml", "title: [unclosed\n");
    assert!(w.session.rebuild().is_err());
    assert!(
        tree(&w.live) == before,
        "a failed rebuild changed the output"
    );
    w.step("after fixing the broken paper", |r| {
        write(
            r,
            "papers/e.yaml",
            &paper("Epsilon", "2022", "Charles Babbage", ""),
        )
    });
    assert!(
        String::from_utf8_lossy(
            &tree(&w.live)
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

// A talk edit renders and writes only the pages that show the talk: its page,
// the talks page, the pages of its papers (before and after the edit), the
// speakers' pages (here the owner's, which lists every talk), wherever the
// projects that list it are shown (their pages, /projects/), plus the home
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
    let mut w = Watched::new(site);
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
        w.minimal(what, step, rendered, written, removed);
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
    let mut w = Watched::new(site);
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
        assert!(w.step(what, step).full, "{what}: a full rebuild");
    }
}

/// `old` replaced by `new` in a file of the site (which must contain it).
fn edit(site: &Path, rel: &str, old: &str, new: &str) {
    let text = std::fs::read_to_string(site.join(rel)).unwrap();
    assert!(text.contains(old), "{rel} has no {old:?}");
    write(site, rel, &text.replacen(old, new, 1));
}

// On the full example site (every kind, talks on the home page and the CV):
// a talk edit or a new talk is a minimal rebuild that equals a full build and
// writes the home page and the CV (both show talks). Every other kind has its
// own test below.
#[test]
fn talk_edits_of_the_full_example_write_the_home_page_and_the_cv() {
    let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    let mut w = Watched::new(site);
    let talk = "talks/variance-keynote.yaml";
    type Step = (&'static str, Box<dyn Fn(&Path)>, &'static [&'static str]);
    // (what, edit, some of the files it must write)
    let shows_titles: &[&str] = &["index.html", "talks/index.html", "cv/index.html"];
    let steps: Vec<Step> = vec![
        (
            "a talk's title",
            Box::new(move |r: &Path| edit(r, talk, "Is Regulatory?", "Is Regulatory, Really?")),
            shows_titles,
        ),
        (
            "a talk's papers",
            Box::new(move |r: &Path| {
                edit(r, talk, "papers: [variance-decomposition, ", "papers: [")
            }),
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
            &[
                "cv/index.html",
                "index.html",
                "sitemap.xml",
                "talks/index.html",
                "talks/new-seminar/index.html",
            ],
        ),
    ];
    for (what, step, must) in &steps {
        let report = w.step(what, step);
        assert!(!report.full, "{what}: not a full rebuild");
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

/// The pages of the full example rendered at every rebuild of items only:
/// their templates are outside `affected::NAMED_ONLY` (the home page may
/// show any kind; it is written only when its bytes change).
const FULL_ALWAYS: &[&str] = &["index.html"];

/// `FULL_ALWAYS` and `pages`, sorted.
fn with_always(pages: &[&'static str]) -> Vec<&'static str> {
    let mut all: Vec<&str> = FULL_ALWAYS.iter().chain(pages).copied().collect();
    all.sort();
    all.dedup();
    all
}

// Posts on the full example, two to a list page: newest first they are
// three-papers-one-question, benchmark-numbers-in-one-table (page 1),
// fitting-dispersion-in-python, negative-binomial-by-hand (page 2). A post
// edit renders its page, its neighbours' pages (they link to it by title),
// its list page, its tag pages, its authors' pages (the owner's lists every
// post) and its papers' pages; a post that only moved (to another list page,
// beside other posts) renders only the pages it entered or left; a new list
// page count renders every list page. Each output equals a full build, and
// list and tag pages no longer made are removed.
#[test]
fn a_post_edit_renders_and_writes_only_the_pages_that_show_it() {
    let mut w = Watched::full_example();
    let (three, bench, fitting, negative) = (
        "posts/three-papers-one-question/index.html",
        "posts/benchmark-numbers-in-one-table/index.html",
        "posts/fitting-dispersion-in-python/index.html",
        "posts/negative-binomial-by-hand/index.html",
    );
    let (list1, list2, list3) = (
        "posts/index.html",
        "posts/page/2/index.html",
        "posts/page/3/index.html",
    );
    let (ines, hana, tomas) = (
        "authors/ines-varga/index.html",
        "authors/hana-sato/index.html",
        "authors/tomas-reyes/index.html",
    );
    let bench_file = "posts/benchmark-numbers-in-one-table.md";
    w.minimal(
        "a post's title",
        |r| {
            edit(
                r,
                bench_file,
                "title: Our benchmark",
                "title: All our benchmark",
            )
        },
        &with_always(&[
            bench,
            three,
            fitting,
            list1,
            "posts/tags/benchmarks/index.html",
            "posts/tags/single-cell/index.html",
            hana,
            ines,
            "papers/atlas-benchmark/index.html",
        ]),
        &[
            hana,
            ines,
            "index.html",
            "papers/atlas-benchmark/index.html",
            "posts/atom.xml",
            bench,
            fitting,
            list1,
            "posts/tags/benchmarks/index.html",
            "posts/tags/single-cell/index.html",
            three,
            "search.json",
        ],
        &[],
    );
    // The second-oldest post becomes the newest: page 1 is now fitting and
    // three-papers, page 2 benchmark and negative-binomial.
    w.minimal(
        "a post's date",
        |r| {
            edit(
                r,
                "posts/fitting-dispersion-in-python.md",
                "date: 2025-06-20\nupdated: 2025-07-03",
                "date: 2026-03-01",
            )
        },
        &with_always(&[
            fitting,
            three,
            bench,
            negative,
            list1,
            list2,
            "posts/tags/code/index.html",
            "posts/tags/statistics/index.html",
            ines,
            tomas,
        ]),
        &[
            fitting,
            three,
            bench,
            negative,
            list1,
            list2,
            "posts/tags/code/index.html",
            "posts/tags/statistics/index.html",
            ines,
            tomas,
            "index.html",
            "posts/atom.xml",
            "search.json",
            "sitemap.xml",
        ],
        &[],
    );
    let new_post = "posts/a-new-method.md";
    w.minimal(
        "a post added: a third list page",
        |r| {
            write(
                r,
                new_post,
                "---\ntitle: A new method\ndate: 2026-11-01\ntags: [statistics, methods]\nauthors: [ines-varga]\n---\nIt is new.\n",
            )
        },
        &with_always(&[
            "posts/a-new-method/index.html",
            fitting,
            list1,
            list2,
            list3,
            "posts/tags/methods/index.html",
            "posts/tags/statistics/index.html",
            ines,
        ]),
        &[
            "posts/a-new-method/index.html",
            fitting,
            list1,
            list2,
            list3,
            "posts/tags/methods/index.html",
            "posts/tags/statistics/index.html",
            ines,
            "index.html",
            "posts/atom.xml",
            "search.json",
            "sitemap.xml",
        ],
        &[],
    );
    w.minimal(
        "that post deleted",
        |r| std::fs::remove_file(r.join(new_post)).unwrap(),
        &with_always(&[
            fitting,
            list1,
            list2,
            "posts/tags/statistics/index.html",
            ines,
        ]),
        &[
            fitting,
            list1,
            list2,
            "posts/tags/statistics/index.html",
            ines,
            "index.html",
            "posts/atom.xml",
            "search.json",
            "sitemap.xml",
        ],
        &[
            "posts/a-new-method/index.html",
            list3,
            "posts/tags/methods/index.html",
        ],
    );
    w.minimal(
        "a post loses its only tag of a kind and gains a paper",
        |r| {
            let file = "posts/negative-binomial-by-hand.md";
            edit(r, file, ", explainer]", "]");
            edit(
                r,
                file,
                "papers: [variance-decomposition]",
                "papers: [variance-decomposition, thesis]",
            );
        },
        &with_always(&[
            negative,
            bench,
            list2,
            "posts/tags/statistics/index.html",
            "posts/tags/single-cell/index.html",
            ines,
            "papers/thesis/index.html",
            "papers/variance-decomposition/index.html",
        ]),
        // The author and home pages show no tags; the paper's page already
        // showed the post.
        &[
            negative,
            list2,
            "posts/tags/single-cell/index.html",
            "posts/tags/statistics/index.html",
            "papers/thesis/index.html",
            "posts/atom.xml",
            "search.json",
            "sitemap.xml",
        ],
        &["posts/tags/explainer/index.html"],
    );
}

// Courses on the full example: an edit renders the course's page, /teaching/,
// its teachers' pages (the owner's lists every course) and the CV (it lists
// courses); a new course also writes the sitemap, a deleted one is removed.
#[test]
fn a_course_edit_renders_and_writes_only_the_pages_that_show_it() {
    let mut w = Watched::full_example();
    let (course, list, cv) = (
        "teaching/statistical-genomics/index.html",
        "teaching/index.html",
        "cv/index.html",
    );
    let (ines, hana, tomas) = (
        "authors/ines-varga/index.html",
        "authors/hana-sato/index.html",
        "authors/tomas-reyes/index.html",
    );
    w.minimal(
        "a course's title",
        |r| {
            edit(
                r,
                "teaching/statistical-genomics.yaml",
                "title: Statistical",
                "title: Applied Statistical",
            )
        },
        &with_always(&[course, list, ines, cv]),
        &[course, list, ines, cv, "search.json"],
        &[],
    );
    let probability = "teaching/probability-for-biologists/index.html";
    w.minimal(
        "a course's teachers",
        |r| {
            edit(
                r,
                "teaching/probability-for-biologists.yaml",
                "authors: [ines-varga, tomas-reyes]",
                "authors: [ines-varga, hana-sato]",
            )
        },
        &with_always(&[probability, list, ines, hana, tomas, cv]),
        // The teaching page and the CV show no teachers.
        &[probability, hana, tomas],
        &[],
    );
    let new_course = "teaching/reading-group.yaml";
    let new_page = "teaching/reading-group/index.html";
    w.minimal(
        "a course added",
        |r| {
            write(
                r,
                new_course,
                "title: Reading Group in Statistics\nrole: instructor\nterms: [2026 Fall]\nauthors: [ines-varga]\n",
            )
        },
        &with_always(&[new_page, list, ines, cv]),
        &[new_page, list, ines, cv, "search.json", "sitemap.xml"],
        &[],
    );
    w.minimal(
        "that course deleted",
        |r| std::fs::remove_file(r.join(new_course)).unwrap(),
        &with_always(&[list, ines, cv]),
        &[list, ines, cv, "search.json", "sitemap.xml"],
        &[new_page],
    );
}

// Projects on the full example: an edit renders the project's page,
// /projects/, its people's pages (the owner's lists every project), the pages
// of its talks and papers (they list it), and the home page (it shows current
// projects; rendered at every rebuild, written when it changes).
#[test]
fn a_project_edit_renders_and_writes_only_the_pages_that_show_it() {
    let mut w = Watched::full_example();
    let list = "projects/index.html";
    let (ines, hana, tomas) = (
        "authors/ines-varga/index.html",
        "authors/hana-sato/index.html",
        "authors/tomas-reyes/index.html",
    );
    let chromatin = "projects/chromatin-priors/index.html";
    let chromatin_shown = [
        chromatin,
        list,
        ines,
        hana,
        "talks/chromatin-priors-csg/index.html",
        "talks/contrastive-atac-poster/index.html",
        "papers/chromatin-priors/index.html",
        "papers/contrastive-atac/index.html",
    ];
    // A completed project: not on the home page.
    w.minimal(
        "a project's title",
        |r| {
            edit(
                r,
                "projects/chromatin-priors.yaml",
                "title: Chromatin",
                "title: Open Chromatin",
            )
        },
        &with_always(&chromatin_shown),
        &[&chromatin_shown[..], &["search.json"]].concat(),
        &[],
    );
    let variance = "projects/regulatory-variance/index.html";
    w.minimal(
        "a current project gains a talk",
        |r| {
            edit(
                r,
                "projects/regulatory-variance.yaml",
                "talks: [variance-keynote, dropout-seminar]",
                "talks: [variance-keynote, dropout-seminar, design-tutorial]",
            )
        },
        &with_always(&[
            variance,
            list,
            ines,
            tomas,
            "talks/variance-keynote/index.html",
            "talks/dropout-seminar/index.html",
            "talks/design-tutorial/index.html",
            "papers/variance-decomposition/index.html",
            "papers/hierarchical-dropout/index.html",
        ]),
        // The list, home and other pages show no talks of a project.
        &[variance, "talks/design-tutorial/index.html"],
        &[],
    );
    let new_project = "projects/new-directions.yaml";
    let new_page = "projects/new-directions/index.html";
    w.minimal(
        "a project added",
        |r| {
            write(
                r,
                new_project,
                "title: New Directions\nsummary: What comes next.\npeople: [ines-varga]\npapers: [thesis]\n",
            )
        },
        &with_always(&[new_page, list, ines, "papers/thesis/index.html"]),
        &[
            new_page,
            list,
            ines,
            "papers/thesis/index.html",
            "index.html",
            "search.json",
            "sitemap.xml",
        ],
        &[],
    );
    w.minimal(
        "that project deleted",
        |r| std::fs::remove_file(r.join(new_project)).unwrap(),
        &with_always(&[list, ines, "papers/thesis/index.html"]),
        &[
            list,
            ines,
            "papers/thesis/index.html",
            "index.html",
            "search.json",
            "sitemap.xml",
        ],
        &[new_page],
    );
}

// The CV on the full example: an edit renders the CV page only (besides the
// pages rendered at every rebuild), whether it comes from cv.yaml or from
// resume.json. A site that gains or loses its CV renders everything (what
// every page sees of the site changes) and the CV page is removed.
#[test]
fn a_cv_edit_renders_and_writes_only_the_cv_page() {
    let mut w = Watched::full_example();
    let cv = "cv/index.html";
    w.minimal(
        "the CV's headline",
        |r| {
            edit(
                r,
                "cv.yaml",
                "headline: Associate Professor",
                "headline: Professor",
            )
        },
        &with_always(&[cv]),
        &[cv],
        &[],
    );
    let yaml = std::fs::read_to_string(w.root().join("cv.yaml")).unwrap();
    w.minimal(
        "cv.yaml replaced by resume.json",
        |r| {
            std::fs::remove_file(r.join("cv.yaml")).unwrap();
            write(
                r,
                "resume.json",
                r#"{"basics": {"name": "Ines Varga", "label": "Professor"}}"#,
            );
        },
        &with_always(&[cv]),
        &[cv],
        &[],
    );
    let report = w.step("the CV deleted", |r| {
        std::fs::remove_file(r.join("resume.json")).unwrap()
    });
    assert!(report.full, "the CV deleted: a full rebuild");
    assert!(report.stats.removed_files.iter().any(|p| p == cv));
    let report = w.step("the CV back", |r| write(r, "cv.yaml", &yaml));
    assert!(report.full, "the CV back: a full rebuild");
}

// Items of a generic collection (the full example's software/): an edit
// renders the item's page and the collection's list page; a new item also
// writes the sitemap and search index, a deleted one's page is removed.
#[test]
fn a_collection_item_edit_renders_and_writes_only_the_pages_that_show_it() {
    let mut w = Watched::full_example();
    let (item, list) = ("software/vardecomp/index.html", "software/index.html");
    w.minimal(
        "an item's title",
        |r| {
            edit(
                r,
                "software/vardecomp.yaml",
                "title: vardecomp",
                "title: vardecomp2",
            )
        },
        &with_always(&[item, list]),
        &[item, list, "search.json"],
        &[],
    );
    w.minimal(
        "an item's declared field",
        |r| edit(r, "software/vardecomp.yaml", "stars: 214", "stars: 215"),
        &with_always(&[item, list]),
        &[item, list],
        &[],
    );
    let new_page = "software/tally/index.html";
    w.minimal(
        "an item added",
        |r| {
            write(
                r,
                "software/tally.yaml",
                "title: tally\ndate: 2026-05-01\nlanguage: Rust\n",
            )
        },
        &with_always(&[new_page, list]),
        &[new_page, list, "search.json", "sitemap.xml"],
        &[],
    );
    w.minimal(
        "that item deleted",
        |r| std::fs::remove_file(r.join("software/tally.yaml")).unwrap(),
        &with_always(&[list]),
        &[list, "search.json", "sitemap.xml"],
        &[new_page],
    );
}

// A collection without item pages: an item edit, addition or deletion
// renders and writes its list page only (and the home page, unchanged).
#[test]
fn an_item_of_a_collection_without_pages_renders_only_its_list_page() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!(
                "{}collections:\n  awards:\n    title: Awards\n    item_pages: false\n",
                crate::common::SITE_YAML
            ),
        )
        .file("awards/medal.yaml", "title: A medal\ndate: 2024\n")
        .file("awards/prize.yaml", "title: A prize\ndate: 2025\n");
    let mut w = Watched::new(site);
    let list = "awards/index.html";
    w.minimal(
        "an item's title",
        |r| write(r, "awards/medal.yaml", "title: A gold medal\ndate: 2024\n"),
        &["index.html", list],
        &[list],
        &[],
    );
    w.minimal(
        "an item added",
        |r| write(r, "awards/grant.yaml", "title: A grant\ndate: 2026\n"),
        &["index.html", list],
        &[list],
        &[],
    );
    w.minimal(
        "an item deleted",
        |r| std::fs::remove_file(r.join("awards/prize.yaml")).unwrap(),
        &["index.html", list],
        &[list],
        &[],
    );
}

// A paper edit renders the pages of the authors of the items that list the
// paper (a talk, a post, a project) and of the other papers they list: the
// items' entries there carry the paper's title, which a template may show
// (these do).
#[test]
fn a_paper_edit_renders_the_author_and_paper_pages_of_items_listing_it() {
    let site = TestSite::new()
        .paper("a", "Alpha engines", "2021-03", "")
        .paper("b", "Beta", "2020", "")
        .paper("c", "Gamma", "2019", "")
        .paper("d", "Delta", "2018", "")
        .file("authors/bob.yaml", "name: Bob Example\n")
        .file("authors/cy.yaml", "name: Cy Example\n")
        .file("authors/di.yaml", "name: Di Example\n")
        .file(
            "posts/p.md",
            "---\ntitle: A post\ndate: 2024-01-02\nauthors: [bob]\npapers: [a, b]\n---\nText.\n",
        )
        .file("talks/t.yaml", "title: A talk\ndate: 2024-06-12\npapers: [a, c]\nauthors: [cy]\n")
        .file("projects/x.yaml", "title: X\npapers: [a, d]\npeople: [di]\n")
        .file(
            "templates/author.html",
            "{% for i in posts %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n{% for i in talks %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n{% for i in projects %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n",
        );
    let mut w = Watched::new(site.file(
        "templates/paper.html",
        "{% for i in posts %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n{% for i in talks %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n{% for i in projects %}{% for p in i.papers %}{{ p.name | safe }}{% endfor %}{% endfor %}\n",
    ));
    let report = w.step("the paper's title", |r| {
        edit(
            r,
            "papers/a.yaml",
            "Alpha engines",
            "Alpha engines, revised",
        )
    });
    let authors = ["bob", "cy", "di"].map(|id| format!("authors/{id}/index.html"));
    let papers = ["b", "c", "d"].map(|slug| format!("papers/{slug}/index.html"));
    for page in authors.iter().chain(&papers) {
        assert!(report.stats.written_files.contains(page), "{page}");
    }
}

// With generated paper cards, editing a paper draws its card again (and
// writes it with the paper's page, nothing else of the cards), deleting the
// paper removes its card, and each step equals a full build.
#[test]
fn a_paper_edit_draws_its_card_again() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!(
                "{}social: {{ paper_cards: true }}\n",
                crate::common::SITE_YAML
            ),
        )
        .file(
            "papers/a.yaml",
            &paper("Alpha engines", "2021-03", "Charles Babbage", ""),
        )
        .file(
            "papers/b.yaml",
            &paper("Beta notes", "2020", "Mary Somerville", ""),
        );
    let mut w = Watched::new(site);
    let card =
        |w: &Watched, slug: &str| std::fs::read(w.live.join(format!("papers/{slug}/card.png")));
    let before = card(&w, "a").unwrap();
    let report = w.step("edit a title", |r| {
        write(
            r,
            "papers/a.yaml",
            &paper("Alpha engines, revised", "2021-03", "Charles Babbage", ""),
        )
    });
    assert_eq!((report.images.encoded, report.images.reused), (1, 1));
    assert!(
        report
            .stats
            .written_files
            .contains(&"papers/a/card.png".to_string())
    );
    assert!(
        !report
            .stats
            .written_files
            .contains(&"papers/b/card.png".to_string())
    );
    assert_ne!(card(&w, "a").unwrap(), before);
    let report = w.step("delete the paper", |r| {
        std::fs::remove_file(r.join("papers/a.yaml")).unwrap()
    });
    assert!(
        report
            .stats
            .removed_files
            .contains(&"papers/a/card.png".to_string())
    );
    assert!(card(&w, "a").is_err());
}

// Pictures (a post's cover, a Markdown picture, a paper's preview): pointing
// a field at another picture, or replacing a picture's file under the same
// name, leaves nothing stale: every rebuild equals a full build (the pages
// carry the new copies, the old copies are removed), and the pages show the
// copies of the picture named now.
#[test]
fn picture_edits_leave_nothing_stale() {
    use crate::common::png;
    let site = TestSite::new()
        .file(
            "posts/p.md",
            "---\ntitle: P\ndate: 2024-01-02\nimage: /images/a.png\n---\n![A figure](/images/fig.png)\n",
        )
        .file("posts/q.md", "---\ntitle: Q\ndate: 2024-01-03\n---\nBody.\n")
        .file(
            "papers/e.yaml",
            &paper("Engines", "2021", "Charles Babbage", "preview: /images/pre.png\n"),
        )
        .bytes("static/images/a.png", &png(400, 300))
        .bytes("static/images/b.png", &png(500, 300))
        .bytes("static/images/fig.png", &png(600, 300))
        .bytes("static/images/pre.png", &png(300, 300));
    let mut w = Watched::new(site);
    let copies = |w: &Watched| -> Vec<String> {
        tree(&w.live)
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| p.starts_with("_img/"))
            .collect()
    };
    let page = |w: &Watched, rel: &str| {
        String::from_utf8(std::fs::read(w.live.join(rel)).unwrap()).unwrap()
    };
    w.step("the cover names another picture", |r| {
        edit(
            r,
            "posts/p.md",
            "image: /images/a.png",
            "image: /images/b.png",
        )
    });
    let post = page(&w, "posts/p/index.html");
    assert!(
        post.contains("/_img/b-500.") && !post.contains("/_img/a-"),
        "{post}"
    );
    assert!(page(&w, "posts/index.html").contains("/_img/b-360."));
    for file in ["b.png", "fig.png", "pre.png"] {
        let before = copies(&w);
        std::thread::sleep(std::time::Duration::from_millis(20));
        w.step(&format!("static/images/{file} is replaced"), |r| {
            std::fs::write(r.join("static/images").join(file), png(320, 200)).unwrap()
        });
        let after = copies(&w);
        let stem = file.trim_end_matches(".png");
        let gone: Vec<&String> = before
            .iter()
            .filter(|c| c.starts_with(&format!("_img/{stem}-")))
            .collect();
        assert!(!gone.is_empty(), "{before:?}");
        assert!(gone.iter().all(|c| !after.contains(c)), "{file}: {after:?}");
    }
    let post = page(&w, "posts/p/index.html");
    assert!(post.contains("width=\"320\" height=\"200\""), "{post}");
}
