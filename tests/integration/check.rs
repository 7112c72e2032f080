//! `folio check`, `folio new` and `folio schema`: each kind of problem in a tiny
//! fixture site (the `clean` site with a few files replaced), stubs that build,
//! and JSON Schemas that agree with the parser.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TestSite, copy_dir};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// The clean fixture site with the files of fixture `name` laid over it.
fn site(name: &str) -> TestSite {
    let site = TestSite::copy_of(&fixture("clean"));
    if name != "clean" {
        copy_dir(&fixture(name), site.root());
    }
    site
}

/// The report of `folio check` as printed: each diagnostic, then the summary.
fn check(site: &TestSite) -> String {
    let report = folio::cli::check::check(site.root()).unwrap();
    let mut lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    lines.push(report.summary());
    lines
        .join("\n")
        .replace(&site.root().display().to_string(), "[SITE]")
}

fn run(args: &[&str]) -> (bool, String) {
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795075200") // 2026-11-19
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

// The clean fixture has links, files, ids and dates of every kind, all good.
#[test]
fn a_clean_site_has_nothing_to_report() {
    assert_eq!(check(&site("clean")), "folio check: 0 errors, 0 warnings");
}

// Schema errors and unknown keys: the parser's own messages, one per file.
#[test]
fn schema_errors_and_unknown_keys() {
    assert_eq!(
        check(&site("schema")),
        "authors/charles.yaml:2:16: error: field `name_variants`: expected a list: [a, b] or one `- item` per line\n\
         papers/engine.yaml:4:1: error: unknown field `venu`\n  hint: did you mean `venue`?\n\
         folio check: 2 errors, 0 warnings"
    );
}

// A slug used twice stops the build; check reports it the same way.
#[test]
fn duplicate_slugs() {
    assert_eq!(
        check(&site("duplicate-slug")),
        "papers/engine.yaml: error: duplicate slug `engine`, used by papers/engine.yaml, papers/notes.yaml\n  hint: rename a file or give one paper its own `slug:`\n\
         papers/notes.yaml: error: duplicate slug `engine`, used by papers/engine.yaml, papers/notes.yaml\n  hint: rename a file or give one paper its own `slug:`\n\
         folio check: 2 errors, 0 warnings"
    );
}

// One DOI or arXiv id in two entries, however written (URL, case, version,
// `arXiv:` prefix), in separate files or in one list.
#[test]
fn duplicate_dois_and_arxiv_ids() {
    assert_eq!(
        check(&site("duplicate-ids")),
        "papers/engine-again.yaml:5:8: error: links.doi: duplicate DOI `10.1000/engine`, used by papers/engine-again.yaml:5, papers/engine.yaml:7\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         papers/engine-again.yaml:6:10: error: links.arxiv: duplicate arXiv id `1843.00001`, used by papers/engine-again.yaml:6, papers/engine.yaml:8\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         papers/engine.yaml:7:8: error: links.doi: duplicate DOI `10.1000/engine`, used by papers/engine-again.yaml:5, papers/engine.yaml:7\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         papers/engine.yaml:8:10: error: links.arxiv: duplicate arXiv id `1843.00001`, used by papers/engine-again.yaml:6, papers/engine.yaml:8\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         papers/list.yaml:4:19: error: links.arxiv: duplicate arXiv id `1842.00002`, used by papers/list.yaml:4, papers/list.yaml:8\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         papers/list.yaml:8:19: error: links.arxiv: duplicate arXiv id `1842.00002`, used by papers/list.yaml:4, papers/list.yaml:8\n  hint: one paper listed twice: merge the entries, or correct the id\n\
         folio check: 6 errors, 0 warnings"
    );
}

// Site links in Markdown (pages, abstracts) and in site.yaml's nav that match
// no page or file the build writes, with the closest page suggested.
#[test]
fn broken_internal_links() {
    assert_eq!(
        check(&site("broken-links")),
        "pages/about.md:4:10: error: page: link `/papers/engin/` matches no page of the site\n  hint: did you mean `/papers/engine/`?\n\
         pages/about.md:4:48: error: page: `/feed.xml` is written only when `base_url` is an absolute URL\n\
         pages/about.md:6:1: error: page: `/images/portrait.png` is not in static/\n  hint: add the file as static/images/portrait.png\n\
         pages/about.md:6:41: error: page: link `/nope/` matches no page of the site\n\
         papers/engine.yaml:10:12: error: abstract: link `/topics/cv/` matches no page of the site\n\
         site.yaml:4:5: error: nav: link `/publicatons/` matches no page of the site\n  hint: did you mean `/publications/`?\n\
         folio check: 6 errors, 0 warnings"
    );
}

// A photo, CV, PDF or slides that static/ does not have; a YAML link without a
// leading `/` works on one page only.
#[test]
fn local_files_missing_from_static() {
    assert_eq!(
        check(&site("missing-files")),
        "authors/ada.yaml:3:8: error: photo: `/images/ada.png` is not in static/\n  hint: did you mean `/images/ada.jpg`?\n\
         authors/ada.yaml:5:7: error: links.cv: `/files/resume.pdf` is not in static/\n  hint: add the file as static/files/resume.pdf\n\
         papers/engine.yaml:7:11: error: links.slides: `/files/talk.pdf` is not in static/\n  hint: add the file as static/files/talk.pdf\n\
         papers/engine.yaml:8:11: warning: links.poster: `files/poster.pdf` is relative to each page that shows it\n  hint: start it with `/` (`/files/poster.pdf`) to point into the site\n\
         papers/engine.yaml:9:9: warning: links.html: `idus.us.es/handle/11441/1234` is relative to each page that shows it\n  hint: `idus.us.es/handle/11441/1234` looks like an address without its scheme: write `https://idus.us.es/handle/11441/1234`\n\
         folio check: 3 errors, 2 warnings"
    );
}

// `as_of` is free text to the build, and `citations_by_year` takes any number:
// check wants a year in each.
#[test]
fn dates_without_a_year() {
    assert_eq!(
        check(&site("dates")),
        "authors/ada.yaml:7:12: warning: metrics.citations.as_of: date `Nov 1` has no year\n  hint: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2026-11-01\n\
         authors/ada.yaml:9:55: warning: badges[0].as_of: `Sept. 1843` is not a date\n  hint: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2026-11-01\n\
         authors/ada.yaml:10:20: warning: citations_by_year: `24` is not a year\n  hint: write the year in full, e.g. 2024\n\
         folio check: 0 errors, 3 warnings"
    );
}

// A paper date without a year stops the build, and check says so.
#[test]
fn paper_date_without_a_year() {
    assert_eq!(
        check(&site("date-without-year")),
        "papers/engine.yaml:2:7: error: date `09-01` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15\n\
         folio check: 1 error, 0 warnings"
    );
}

// The warning the build prints about an impossible declared metric.
#[test]
fn metrics_that_cannot_be_true() {
    assert_eq!(
        check(&site("metrics")),
        "authors/ada.yaml:4:12: warning: h-index 38 cannot be true of the 1 papers listed, and no source is given\n  hint: add `source:` (e.g. Google Scholar) and `as_of:` to show where the number comes from\n\
         folio check: 0 errors, 1 warning"
    );
}

// The owner and lab members should each appear in some paper's author list.
#[test]
fn owner_and_members_missing_from_author_lists() {
    assert_eq!(
        check(&site("people")),
        "authors/mary.yaml:1:7: warning: member `mary` is not an author of any paper\n  hint: add the spelling the papers use to `name_variants` in authors/mary.yaml, or list them as `mary`\n\
         site.yaml:3:8: warning: owner `ada` is not an author of any paper\n  hint: add the spelling the papers use to `name_variants` in authors/ada.yaml, or list them as `ada`\n\
         folio check: 0 errors, 2 warnings"
    );
}

// Errors and warnings come in one list, by file and line.
#[test]
fn errors_and_warnings_are_listed_together_in_file_order() {
    assert_eq!(
        check(&site("mixed")),
        "authors/ada.yaml:3:8: error: photo: `/images/ada.png` is not in static/\n  hint: did you mean `/images/ada.jpg`?\n\
         authors/ada.yaml:5:12: warning: h-index 38 cannot be true of the 1 papers listed, and no source is given\n  hint: add `source:` (e.g. Google Scholar) and `as_of:` to show where the number comes from\n\
         authors/ada.yaml:6:58: warning: metrics.citations.as_of: date `Nov 1` has no year\n  hint: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2026-11-01\n\
         papers/engine.yaml:7:9: error: links.code: link `/code/` matches no page of the site\n\
         folio check: 2 errors, 2 warnings"
    );
}

// Check writes nothing: no output folder appears.
#[test]
fn check_writes_nothing() {
    let site = site("mixed");
    let before = crate::common::tree(site.root());
    check(&site);
    assert_eq!(before, crate::common::tree(site.root()));
}

// The binary prints the report on stderr and fails when there are errors.
#[test]
fn cli_check_exits_non_zero_on_errors() {
    let site = site("mixed");
    let (ok, stderr) = run(&["check", site.root().to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 8, "{stderr}");
    assert!(
        stderr.starts_with("authors/ada.yaml:3:8: error: photo:"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("\nfolio check: 2 errors, 2 warnings\n"),
        "{stderr}"
    );
}

// Warnings alone do not fail the command.
#[test]
fn cli_check_succeeds_with_warnings_only() {
    let site = site("metrics");
    let (ok, stderr) = run(&["check", site.root().to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.ends_with("folio check: 0 errors, 1 warning\n"),
        "{stderr}"
    );
}

// A folder without site.yaml is one error, not a crash.
#[test]
fn cli_check_outside_a_site() {
    let site = TestSite::empty();
    let (ok, stderr) = run(&["check", site.root().to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("error: no site.yaml here"), "{stderr}");
    assert!(
        stderr.ends_with("folio check: 1 error, 0 warnings\n"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// folio new

fn root(site: &TestSite) -> &str {
    site.root().to_str().unwrap()
}

// A paper stub is dated today (SOURCE_DATE_EPOCH), lists the owner, and builds.
#[test]
fn new_paper_writes_a_stub_that_builds() {
    let site = TestSite::new();
    let (ok, stderr) = run(&[
        "new",
        "paper",
        "Sketch: the $O(n)$ Engine",
        "--site",
        root(&site),
    ]);
    assert!(ok, "{stderr}");
    let path = site.root().join("papers/sketch-the-o-n-engine.yaml");
    assert_eq!(stderr, format!("folio: created {}\n", path.display()));
    let stub = std::fs::read_to_string(&path).unwrap();
    assert!(
        stub.contains("\ntitle: 'Sketch: the $O(n)$ Engine'\ndate: 2026-11-19 "),
        "{stub}"
    );
    assert!(stub.contains("\nauthors:\n  - ada "), "{stub}");
    site.build();
    let page = site.output("papers/sketch-the-o-n-engine/index.html");
    assert!(
        page.contains("href=\"/authors/ada/\""),
        "the owner is linked"
    );
    assert_eq!(check(&site), "folio check: 0 errors, 0 warnings");
}

// Every commented-out example of the paper stub is valid too.
#[test]
fn new_paper_examples_build_when_uncommented() {
    let site = TestSite::new()
        .file("static/files/engine.pdf", "%PDF")
        .file("static/files/engine-slides.pdf", "%PDF")
        .file("static/files/engine-poster.pdf", "%PDF")
        .bytes("static/images/engine.png", &crate::common::png(40, 30));
    let (ok, stderr) = run(&["new", "paper", "Engine", "--site", root(&site)]);
    assert!(ok, "{stderr}");
    let path = site.root().join("papers/engine.yaml");
    let stub = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, uncomment(&stub)).unwrap();
    site.build();
    assert!(
        site.output("papers/engine/index.html")
            .contains("Best Paper Award")
    );
}

// An author stub takes its id from the name, accents folded, and builds.
#[test]
fn new_author_writes_a_stub_that_builds() {
    let site = TestSite::new();
    let (ok, stderr) = run(&["new", "author", "Zoë Brontë", "--site", root(&site)]);
    assert!(ok, "{stderr}");
    let path = site.root().join("authors/zoe-bronte.yaml");
    assert_eq!(stderr, format!("folio: created {}\n", path.display()));
    let stub = std::fs::read_to_string(&path).unwrap();
    assert!(stub.contains("\nname: 'Zoë Brontë'\n"), "{stub}");
    site.build();
    assert!(site.exists("authors/zoe-bronte/index.html"));
}

// Every commented-out example of the author stub is valid too.
#[test]
fn new_author_examples_build_when_uncommented() {
    let site = TestSite::new()
        .bytes("static/images/sam.jpg", &crate::common::png(40, 40))
        .file("static/files/sam-cv.pdf", "%PDF");
    let (ok, stderr) = run(&[
        "new",
        "author",
        "Sam Student",
        "--id",
        "sam",
        "--site",
        root(&site),
    ]);
    assert!(ok, "{stderr}");
    let path = site.root().join("authors/sam.yaml");
    let stub = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, uncomment(&stub)).unwrap();
    site.build();
    assert!(site.output("authors/sam/index.html").contains("Novelty"));
}

/// The stub with its commented-out fields restored (comment lines that hold
/// `key:` or continue a block, and commented list items).
fn uncomment(stub: &str) -> String {
    let field = |rest: &str| {
        rest.starts_with("  ")
            || rest.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
    };
    stub.lines()
        .filter_map(|l| match l.strip_prefix("# ") {
            Some(rest) if field(rest) => Some(rest.to_string()),
            Some(_) => None,
            None => Some(l.replacen("  # - ", "  - ", 1)),
        })
        .map(|l| l + "\n")
        .collect()
}

// A second `new` for the same title fails and leaves the file alone.
#[test]
fn new_never_overwrites() {
    let site = TestSite::new().file("papers/engine.yml", "title: Mine\n");
    let (ok, stderr) = run(&["new", "paper", "Engine", "--site", root(&site)]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "folio new: papers/engine.yml exists, and folio new never overwrites a file; edit it, or choose another title\n"
    );
    let (ok, _) = run(&["new", "author", "Ada", "--id", "ada", "--site", root(&site)]);
    assert!(!ok);
    assert_eq!(
        std::fs::read_to_string(site.root().join("authors/ada.yaml")).unwrap(),
        crate::common::AUTHOR_YAML
    );
}

// Without site.yaml there is no site to add to.
#[test]
fn new_needs_a_site() {
    let site = TestSite::empty();
    let (ok, stderr) = run(&["new", "paper", "Engine", "--site", root(&site)]);
    assert!(!ok);
    assert_eq!(
        stderr,
        format!(
            "folio new: no site.yaml in {}: run it in a site folder, or pass --site\n",
            site.root().display()
        )
    );
    assert!(!site.root().join("papers").exists());
}

// A stub in a site with schemas points the editor at its schema.
#[test]
fn new_stub_names_its_schema_when_the_site_has_schemas() {
    let site = TestSite::new();
    assert!(run(&["schema", root(&site)]).0);
    assert!(run(&["new", "paper", "Engine", "--site", root(&site)]).0);
    let stub = std::fs::read_to_string(site.root().join("papers/engine.yaml")).unwrap();
    assert!(
        stub.starts_with("# yaml-language-server: $schema=../.folio/schemas/paper.schema.json\n"),
        "{stub}"
    );
}

// ---------------------------------------------------------------------------
// folio schema

/// A YAML file as the JSON value the schemas describe.
fn yaml_value(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    folio::load::parse_yaml(path, &text).unwrap_or_else(|d| panic!("{d}"))
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema = folio::cli::jsonschema::schema(file).unwrap();
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The validation errors of one file, as `pointer: message` lines, down to the
/// failing field (through `oneOf`).
fn problems(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let value = yaml_value(path);
    if validator.is_valid(&value) {
        return Vec::new();
    }
    let evaluation = validator.evaluate(&value);
    evaluation
        .iter_errors()
        .map(|e| format!("{}: {}", e.instance_location.as_str(), e.error))
        .collect()
}

/// Validates every YAML file of a site against its schema.
fn assert_site_valid(root: &Path) {
    let kinds = [
        ("authors", "author.schema.json"),
        ("papers", "paper.schema.json"),
        ("news", "news.schema.json"),
    ];
    let site = validator("site.schema.json");
    let p = problems(&site, &root.join("site.yaml"));
    assert!(p.is_empty(), "site.yaml: {p:?}");
    let mut checked = 1;
    for (dir, file) in kinds {
        let v = validator(file);
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let p = problems(&v, &path);
                assert!(p.is_empty(), "{}: {p:?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 1, "no files checked in {}", root.display());
}

// The schemas accept the example site and the lab fixture.
#[test]
fn schemas_validate_the_example_site() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_site_valid(&manifest.join("example-site"));
    assert_site_valid(&manifest.join("tests/fixtures/lab"));
}

// Every starter YAML file names, on its first line, a schema that `folio init`
// wrote beside it, and that schema accepts the file.
#[test]
fn init_writes_the_schemas_its_files_name() {
    for lab in [false, true] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), lab).unwrap();
        assert_site_valid(site.root());
        let files = walkdir::WalkDir::new(site.root())
            .into_iter()
            .map(Result::unwrap);
        for path in files
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let first = text.lines().next().unwrap_or("");
            let rel = first
                .strip_prefix("# yaml-language-server: $schema=")
                .unwrap_or_else(|| panic!("{}: no schema line", path.display()));
            let schema_path = path.parent().unwrap().join(rel);
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
            let validator = jsonschema::draft7::new(&schema).unwrap();
            assert!(problems(&validator, &path).is_empty(), "{}", path.display());
        }
    }
}

// A broken file is rejected at the field that is wrong.
#[test]
fn schemas_reject_unknown_keys_and_wrong_types() {
    let site = TestSite::empty()
        .file("venu.yaml", "title: A\ndate: 2024\nauthors: [A]\nvenu: X\n")
        .file(
            "citations.yaml",
            "title: A\ndate: 2024\nauthors: [A]\ncitations: lots\n",
        )
        .file(
            "authors.yaml",
            "title: A\ndate: 2024\nauthors: { name: A }\n",
        )
        .file("role.yaml", "name: A\nrole: professor\n")
        .file("mode.yaml", "title: T\nmode: group\n");
    let paper = validator("paper.schema.json");
    for (file, pointer) in [
        ("venu.yaml", ""),
        ("citations.yaml", "/citations"),
        ("authors.yaml", "/authors"),
    ] {
        let p = problems(&paper, &site.root().join(file));
        assert!(!p.is_empty(), "{file} accepted");
        assert!(
            p.iter()
                .any(|line| line.starts_with(&format!("{pointer}: "))),
            "{file}: {p:?}"
        );
    }
    let author = validator("author.schema.json");
    assert!(!problems(&author, &site.root().join("role.yaml")).is_empty());
    let site_schema = validator("site.schema.json");
    assert!(!problems(&site_schema, &site.root().join("mode.yaml")).is_empty());
}

// `folio schema` writes four files into SITE/.folio/schemas, each with `$schema`
// and a title, and prints their paths.
#[test]
fn cli_schema_writes_the_schemas() {
    let site = TestSite::empty();
    let (ok, stderr) = run(&["schema", root(&site)]);
    assert!(ok, "{stderr}");
    let dir = site.root().join(".folio/schemas");
    for (file, title) in [
        ("site.schema.json", "folio site.yaml"),
        ("author.schema.json", "folio author file"),
        ("paper.schema.json", "folio paper file"),
        ("news.schema.json", "folio news item"),
    ] {
        let path = dir.join(file);
        assert!(
            stderr.contains(&format!("  wrote {}\n", path.display())),
            "{stderr}"
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(schema["title"], title);
    }
    let out = site.root().join("elsewhere");
    let (ok, _) = run(&["schema", root(&site), "--output", out.to_str().unwrap()]);
    assert!(ok && out.join("paper.schema.json").is_file());
}

/// `folio check` on a site of the given files over the minimal test site.
fn check_of(files: &[(&str, &str)]) -> String {
    let mut site = TestSite::new();
    for (rel, text) in files {
        site = site.file(rel, text);
    }
    check(&site)
}

// Issue 11, item 14: every output path has one owner; a second claim is an
// error naming both, found by `folio check` as by the build.
#[test]
fn a_page_cannot_replace_a_generated_page() {
    let news = ("news/a.yaml", "date: 2024-01-01\ntitle: Hello\n");
    assert_eq!(
        check_of(&[news, ("pages/news.md", "---\ntitle: News\n---\nMine\n")]),
        "pages/news.md: error: `news/index.html` would be written twice: by the news page (from news/) and by pages/news.md\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 1 error, 0 warnings"
    );
    let lab = format!("{}mode: lab\n", crate::common::SITE_YAML);
    assert_eq!(
        check_of(&[
            ("site.yaml", &lab),
            ("pages/people.md", "---\ntitle: People\n---\nUs\n")
        ]),
        "pages/people.md: error: `people/index.html` would be written twice: by the people page (lab mode) and by pages/people.md\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 1 error, 0 warnings"
    );
}

#[test]
fn topic_keys_differing_in_case_share_a_page() {
    let yaml = "title: T\nowner: ada\ntopics:\n  ML: { name: ML }\n  cl: { name: One }\n  CL: { name: Two }\n";
    assert_eq!(
        check_of(&[("site.yaml", yaml)]),
        "site.yaml: error: `topics/cl/index.html` would be written twice: by topic `CL` in site.yaml and by topic `cl` in site.yaml\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 1 error, 0 warnings"
    );
}

#[test]
fn badges_cannot_share_a_file() {
    let author = format!(
        "{}badges:\n  - {{ label: h-index, value: 99 }}\n  - {{ label: A b, value: 1 }}\n  - {{ label: a-b, value: 2 }}\n",
        crate::common::AUTHOR_YAML
    );
    let paper = "title: P\ndate: 2020\nauthors: [Ada Lovelace]\ncitations: 3\n";
    assert_eq!(
        check_of(&[("authors/ada.yaml", &author), ("papers/p.yaml", paper)]),
        "authors/ada.yaml: error: `badges/h-index.svg` would be written twice: by the h-index badge and by badge `h-index` in authors/ada.yaml\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         authors/ada.yaml: error: `badges/a-b.svg` would be written twice: by badge `A b` in authors/ada.yaml and by badge `a-b` in authors/ada.yaml\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 2 errors, 0 warnings"
    );
}

#[test]
fn a_static_file_cannot_replace_a_page() {
    let site = TestSite::new()
        .file(
            "papers/p.yaml",
            "title: P\ndate: 2020\nauthors: [Ada Lovelace]\n",
        )
        .file("static/papers/p/index.html", "<p>mine</p>");
    assert_eq!(
        check(&site),
        "static/papers/p/index.html: error: `papers/p/index.html` would be written twice: by papers/p.yaml and by static/papers/p/index.html\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 1 error, 0 warnings"
    );
    // Paths that differ only in case are one file on macOS and Windows.
    let folded = TestSite::new()
        .file("authors/Bo.yaml", "name: Bo\n")
        .file("static/authors/bo/index.html", "<p>mine</p>");
    assert_eq!(
        check(&folded),
        "static/authors/bo/index.html: error: `authors/Bo/index.html` and `authors/bo/index.html` would be one file where case does not count (macOS, Windows): by authors/Bo.yaml and by static/authors/bo/index.html\n  \
         hint: rename one of them (a file, a `slug:`, a topic key or a badge label)\n\
         folio check: 1 error, 0 warnings"
    );
    // The build refuses it too, and a static file still replaces a theme asset.
    assert!(site.build_err().contains("would be written twice"));
    let site = TestSite::new().file("static/assets/folio.css", "/* mine */");
    site.build();
    assert_eq!(site.output("assets/folio.css"), "/* mine */");
}
