//! `folio import`: BibTeX and citation exports become paper files that build,
//! re-imports keep hand edits, duplicates merge, and nothing is overwritten.
//!
//! The expected files live in tests/fixtures/import/expected/<format>/. After a
//! deliberate change of the output, rewrite them with
//! `FOLIO_BLESS=1 cargo test import` and review the diff.

use std::path::{Path, PathBuf};

use folio::import::{self, Format, ImportOptions, ImportReport};
use folio::model::schema::PaperFile;

use crate::common::{TestSite, tree};

const AS_OF: &str = "2026-11-01";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn fixture(name: &str) -> PathBuf {
    fixture_dir().join(name)
}

fn options(site: &TestSite, input: &Path, dry_run: bool) -> ImportOptions {
    ImportOptions {
        input: input.to_path_buf(),
        from: None,
        site: site.root().to_path_buf(),
        dry_run,
        as_of: Some(AS_OF.into()),
    }
}

/// Imports and returns the report.
fn import(site: &TestSite, input: &Path) -> ImportReport {
    import::import(&options(site, input, false)).unwrap()
}

/// Writes an input file into the site folder (not under papers/) and imports it.
fn import_text(site: &TestSite, name: &str, text: &str) -> ImportReport {
    let path = site.root().join(name);
    std::fs::write(&path, text).unwrap();
    import(site, &path)
}

/// Diagnostics as text, with the fixture folder removed from paths.
fn diagnostics(report: &ImportReport) -> Vec<String> {
    let dir = format!("{}/", fixture_dir().display());
    report
        .diagnostics
        .iter()
        .map(|d| d.to_string().replace(&dir, ""))
        .collect()
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn paper_files(site: &TestSite) -> Vec<String> {
    tree(&site.root().join("papers"))
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The site's papers/ holds exactly the expected files, byte for byte, and each
/// parses back as a paper file.
fn assert_expected(site: &TestSite, format: &str) {
    let expected_dir = fixture("expected").join(format);
    let written = tree(&site.root().join("papers"));
    for (name, bytes) in &written {
        let text = String::from_utf8(bytes.clone()).unwrap();
        folio::load::parse_yaml::<PaperFile>(Path::new(name), &text)
            .unwrap_or_else(|d| panic!("{name} does not parse back: {d}"));
    }
    if std::env::var_os("FOLIO_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        std::fs::create_dir_all(&expected_dir).unwrap();
        for (name, bytes) in &written {
            std::fs::write(expected_dir.join(name), bytes).unwrap();
        }
    }
    let expected = tree(&expected_dir);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&written), names(&expected), "files in papers/");
    for ((name, got), (_, want)) in written.iter().zip(&expected) {
        assert_eq!(
            String::from_utf8_lossy(got),
            String::from_utf8_lossy(want),
            "papers/{name} differs from expected/{format}/{name}"
        );
    }
}

// A varied BibTeX file: every entry but the broken one becomes a tidy paper file.
#[test]
fn bibtex_entries_become_paper_files() {
    let site = TestSite::new();
    let report = import(&site, &fixture("varied.bib"));
    assert_eq!(
        report.summary(),
        "imported 13 new, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(
        diagnostics(&report),
        [
            "varied.bib:125:13: error: field `title`: a `{` is never closed, so the value runs on into the fields after it\n  hint: check the braces of this value: each `{` needs a `}`"
        ]
    );
    assert_expected(&site, "bibtex");
}

// OpenAlex works: citation counts with their source and date; a work without a
// title is reported at its position and skipped.
#[test]
fn openalex_works_become_paper_files() {
    let site = TestSite::new();
    let report = import(&site, &fixture("openalex.json"));
    assert_eq!(
        report.summary(),
        "imported 3 new, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(
        diagnostics(&report),
        ["openalex.json:81:5: error: work `W4210812345` has no title; skipped"]
    );
    assert_expected(&site, "openalex");
}

// Semantic Scholar papers: arXiv and DOI ids, open-access PDF, citation counts.
#[test]
fn semantic_scholar_papers_become_paper_files() {
    let site = TestSite::new();
    let report = import(&site, &fixture("semantic-scholar.json"));
    assert_eq!(
        report.summary(),
        "imported 3 new, updated 0, unchanged 0, skipped 0"
    );
    assert!(report.diagnostics.is_empty());
    assert_expected(&site, "semantic-scholar");
}

// ORCID works carry no author list: the site owner is the author, "et al.".
#[test]
fn orcid_works_become_the_owners_papers() {
    let site = TestSite::new();
    let report = import(&site, &fixture("orcid.json"));
    assert_eq!(
        report.summary(),
        "imported 3 new, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(
        diagnostics(&report),
        ["orcid.json:76:5: error: work `99887766` has no publication date; skipped"]
    );
    assert_expected(&site, "orcid");
    site.build();
    let page = site.output("papers/ada1997long/index.html");
    assert!(
        page.contains("<a href=\"/authors/ada/\">Ada Lovelace</a>"),
        "{page}"
    );
}

// Without an owner, ORCID works cannot be given an author and are skipped.
#[test]
fn orcid_without_an_owner_skips_every_work() {
    let site = TestSite::empty().file("site.yaml", "title: No Owner\n");
    let report = import(&site, &fixture("orcid.json"));
    assert_eq!(report.skipped, 4);
    assert!(
        diagnostics(&report).contains(
            &"orcid.json:4:5: error: ORCID works have no author list\n  hint: set `owner:` in site.yaml: the owner becomes the author".to_string()
        ),
        "{:?}",
        diagnostics(&report)
    );
    assert!(!site.root().join("papers").exists());
}

// CSL-JSON from Zotero: particles, literal names, arXiv preprints, a code link.
#[test]
fn csl_json_items_become_paper_files() {
    let site = TestSite::new();
    let report = import(&site, &fixture("works.csl.json"));
    assert_eq!(
        report.summary(),
        "imported 4 new, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(
        diagnostics(&report),
        ["works.csl.json:59:3: error: work `untitled-note` has no title; skipped"]
    );
    assert_expected(&site, "csl-json");
}

// The imported site builds, every paper has its page, and the BibTeX shown on a
// page is the original entry.
#[test]
fn imported_papers_build_and_show_their_bibtex() {
    let site = TestSite::new();
    let report = import(&site, &fixture("varied.bib"));
    site.build();
    for rel in &report.written {
        let slug = rel.file_stem().unwrap().to_string_lossy();
        assert!(site.exists(&format!("papers/{slug}/index.html")), "{slug}");
    }
    let page = site.output("papers/hochreiter1997long/index.html");
    assert!(page.contains("Jürgen Schmidhuber"), "{page}");
    for fact in [
        "@article{hochreiter1997long,",
        "author    = {Hochreiter, Sepp and Schmidhuber, J{\\&quot;u}rgen},",
        "journal   = {Neural Computation},",
        "doi       = {10.1162/neco.1997.9.8.1735},",
    ] {
        assert!(page.contains(fact), "{fact} missing from\n{page}");
    }
    let sorting = site.output("papers/ajtai1983sorting/index.html");
    assert!(sorting.contains("<math>"), "the title's maths is rendered");
    assert!(sorting.contains("Miklós Ajtai, János Komlós, Endre Szemerédi"));
}

// A second import of the same file changes nothing.
#[test]
fn reimporting_the_same_file_changes_nothing() {
    let site = TestSite::new();
    import(&site, &fixture("varied.bib"));
    let before = tree(site.root());
    let report = import(&site, &fixture("varied.bib"));
    assert_eq!(
        report.summary(),
        "imported 0 new, updated 0, unchanged 13, skipped 1"
    );
    assert_eq!(tree(site.root()), before);
    assert_eq!(report.lines, Vec::<String>::new(), "nothing to say");
}

const LSTM: &str = "@article{lstm,\n  title = {Long Short-Term Memory},\n  author = {Hochreiter, Sepp and Schmidhuber, J{\\\"u}rgen},\n  journal = {Neural Computation},\n  year = 1997,\n  doi = {10.1162/neco.1997.9.8.1735},\n  abstract = {Old abstract.}\n}\n";

// A field edited by hand is kept; the fields still as imported follow the source.
#[test]
fn reimport_keeps_hand_edits_and_updates_the_rest() {
    let site = TestSite::new();
    import_text(&site, "refs.bib", LSTM);
    let rel = "papers/hochreiter1997long.yaml";
    let edited = read(&site, rel).replace(
        "title: Long Short-Term Memory",
        "# shorter, as on my CV\ntitle: LSTM",
    ) + "selected: true\n";
    std::fs::write(site.root().join(rel), &edited).unwrap();
    let newer = LSTM.replace("Old abstract.", "New abstract.").replace(
        "title = {Long Short-Term Memory}",
        "title = {Long Short-term Memory}",
    );
    let report = import_text(&site, "refs.bib", &newer);
    assert_eq!(
        report.lines,
        [
            "updated papers/hochreiter1997long.yaml (from lstm, same DOI): abstract, bibtex; kept as written: title"
        ]
    );
    let text = read(&site, rel);
    assert!(
        text.contains("# shorter, as on my CV\ntitle: LSTM\n"),
        "{text}"
    );
    assert!(text.contains("abstract: |\n  New abstract.\n"), "{text}");
    assert!(text.contains("selected: true\n"), "{text}");
    site.build();
}

// A paper written by hand is matched (by DOI, arXiv id, or title and year) and
// gains only what it lacks; nothing of it is replaced.
#[test]
fn duplicates_are_merged_into_existing_papers() {
    let site = TestSite::new()
        .file(
            "papers/lstm.yaml",
            "title: LSTM\ndate: 1997\nauthors: [Sepp Hochreiter, Jürgen Schmidhuber]\ntopics: [ML]\nlinks:\n  doi: https://doi.org/10.1162/NECO.1997.9.8.1735\n",
        )
        .file(
            "papers/r1.yaml",
            "title: R1\ndate: 2025-01\nauthors: [DeepSeek-AI]\nlinks: { arxiv: \"https://arxiv.org/abs/2501.12948v2\" }\n",
        )
        .file(
            "papers/tsne.yaml",
            "title: Visualizing data using t-SNE\ndate: 2008-11\nauthors: [Laurens van der Maaten, Geoffrey Hinton]\n",
        );
    let report = import(&site, &fixture("varied.bib"));
    assert_eq!(report.new, 10);
    assert_eq!(report.updated, 3);
    let lines: Vec<&String> = report
        .lines
        .iter()
        .filter(|l| l.starts_with("updated"))
        .collect();
    assert_eq!(
        lines,
        [
            "updated papers/r1.yaml (from deepseekai2025r1, same arXiv id): bibtex, kind; kept as written: date, links.arxiv, title",
            "updated papers/lstm.yaml (from hochreiter1997long, same DOI): abstract, bibtex, issue, kind, pages, publisher, venue, volume; kept as written: date, links.doi, title",
            "updated papers/tsne.yaml (from vandermaaten2008tsne, same title, year and first author): bibtex, issue, kind, links.html, pages, venue, volume; kept as written: date, title",
        ]
    );
    let lstm = read(&site, "papers/lstm.yaml");
    assert!(lstm.starts_with("title: LSTM\ndate: 1997\nauthors: [Sepp Hochreiter, Jürgen Schmidhuber]\ntopics: [ML]\nvenue: Neural Computation\nkind: article\nvolume: \"9\"\nissue: \"8\"\npages: 1735–1780\npublisher: MIT Press\nabstract: |\n"), "{lstm}");
    assert!(!paper_files(&site).contains(&"hochreiter1997long.yaml".to_string()));
    site.build();
}

// Two entries for one paper in one file make one paper file.
#[test]
fn duplicate_entries_in_one_file_make_one_paper() {
    let site = TestSite::new();
    let text = format!(
        "{LSTM}\n@misc{{lstm2, title = {{Long short-term memory}}, author = {{Sepp Hochreiter}}, year = 1997, url = {{https://example.org/lstm.pdf}}}}\n"
    );
    let report = import_text(&site, "refs.bib", &text);
    assert_eq!(
        report.summary(),
        "imported 1 new, updated 0, unchanged 0, skipped 0"
    );
    assert_eq!(
        report.lines,
        [
            "merged bibtex lstm2 into bibtex lstm (same paper): kind, venue, date and title from bibtex lstm (article ranks above misc)",
            "created papers/hochreiter1997long.yaml (from lstm)"
        ]
    );
    assert_eq!(paper_files(&site), ["hochreiter1997long.yaml"]);
    assert!(
        read(&site, "papers/hochreiter1997long.yaml")
            .contains("  pdf: https://example.org/lstm.pdf\n")
    );
}

// A file that already has the slug but is another paper is never overwritten.
#[test]
fn a_slug_collision_never_overwrites() {
    let other = "title: Long Days\ndate: 1997\nauthors: [Sepp Hochreiter]\n";
    let site = TestSite::new().file("papers/hochreiter1997long.yaml", other);
    let report = import_text(&site, "refs.bib", LSTM);
    assert_eq!(
        report.lines,
        ["created papers/hochreiter1997long-2.yaml (from lstm)"]
    );
    assert_eq!(read(&site, "papers/hochreiter1997long.yaml"), other);
    site.build();
}

// A dry run reports what it would do and writes nothing.
#[test]
fn a_dry_run_writes_nothing() {
    let site = TestSite::new().file(
        "papers/lstm.yaml",
        "title: Long Short-Term Memory\ndate: 1997\nauthors: [Sepp Hochreiter]\n",
    );
    let before = tree(site.root());
    let report = import::import(&options(&site, &fixture("varied.bib"), true)).unwrap();
    assert_eq!(tree(site.root()), before);
    assert_eq!(
        report.summary(),
        "dry run, nothing written: imported 12 new, updated 1, unchanged 0, skipped 1"
    );
    assert!(report.lines.contains(
        &"would create papers/ajtai1983sorting.yaml (from ajtai1983sorting)".to_string()
    ));
    assert!(
        report.lines.iter().any(|l| l.starts_with(
            "would update papers/lstm.yaml (from hochreiter1997long, same title, year and first author): "
        )),
        "{:?}",
        report.lines
    );
}

// Without --as-of, citation counts are dated by the input file's modification day.
#[test]
fn citation_date_defaults_to_the_files_modification_day() {
    let site = TestSite::new();
    let input = site.root().join("works.json");
    std::fs::copy(fixture("semantic-scholar.json"), &input).unwrap();
    let day = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(&input)
        .unwrap()
        .set_modified(day)
        .unwrap();
    let opts = ImportOptions {
        as_of: None,
        from: Some(Format::SemanticScholar),
        ..options(&site, &input, false)
    };
    import::import(&opts).unwrap();
    let text = read(&site, "papers/devlin2019bert.yaml");
    assert!(
        text.contains("citations: { value: 94512, source: Semantic Scholar, as_of: 2023-11-14 }"),
        "{text}"
    );
}

// The command line: the summary on stderr, and a failing exit code when an entry
// was skipped, with the entry's file, line and column.
#[test]
fn cli_reports_and_fails_when_entries_are_skipped() {
    let run = |input: &Path| {
        let site = TestSite::new();
        assert_cmd::Command::cargo_bin("folio")
            .unwrap()
            .args([
                "import",
                input.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "--site",
            ])
            .arg(site.root())
            .output()
            .unwrap()
    };
    let out = run(&fixture("varied.bib"));
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("varied.bib:125:13: error: field `title`: a `{` is never closed"),
        "{stderr}"
    );
    assert!(stderr.contains("folio: imported 13 new, updated 0, unchanged 0, skipped 1\n"));
    assert!(stderr.ends_with("varied.bib: 1 entry skipped (see above); the rest was imported\n"));

    let out = run(&fixture("semantic-scholar.json"));
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("folio: imported 3 new, updated 0, unchanged 0, skipped 0\n"),
        "{stderr}"
    );
}

// Issue 11, item 16: an `@article` that another entry's `crossref` names is a
// paper too; only containers (proceedings, books) are not.
#[test]
fn an_article_named_by_a_crossref_is_still_imported() {
    let site = TestSite::new();
    let report = import_text(
        &site,
        "refs.bib",
        "@inproceedings{a, title={A}, author={Lovelace, Ada}, crossref={q}, year=2020}\n\
         @article{q, title={Q}, author={Babbage, Charles}, journal={J}, year=2019}\n\
         @inproceedings{b, title={B}, author={Lovelace, Ada}, crossref={conf}}\n\
         @proceedings{conf, title={Proceedings of X}, year=2021}\n",
    );
    assert_eq!(
        report.summary(),
        "imported 3 new, updated 0, unchanged 0, skipped 0"
    );
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );
}

#[test]
fn a_parenthesised_entry_may_hold_a_closing_parenthesis_in_quotes() {
    let site = TestSite::new();
    let report = import_text(
        &site,
        "refs.bib",
        "@article(q, title = \"Q)\", author = {Lovelace, Ada}, year = 2020)\n",
    );
    assert_eq!(
        report.summary(),
        "imported 1 new, updated 0, unchanged 0, skipped 0"
    );
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );
}

#[test]
fn an_invalid_year_is_named_where_it_is_written() {
    let site = TestSite::new();
    let report = import_text(
        &site,
        "refs.bib",
        "@article{a, title={A}, author={Lovelace, Ada}, year={-5}}\n\
         @article{b, title={B}, author={Lovelace, Ada},\n  year = {20x0}}\n",
    );
    let dir = site.root().display().to_string();
    let got: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.to_string().replace(&dir, "[SITE]"))
        .collect();
    assert_eq!(
        got,
        [
            "[SITE]/refs.bib:1:53: error: entry `a`: year `-5` is not valid\n  hint: write the year as four digits: `year = {2024}`",
            "[SITE]/refs.bib:3:10: error: entry `b`: year `20x0` is not valid\n  hint: write the year as four digits: `year = {2024}`",
        ]
    );
    assert_eq!(report.skipped, 2);
}

// al-folio's fields are mapped (arxiv, html, website, pdf under /assets/pdf/,
// selected, award_name, preview under /assets/img/publication_preview/,
// identifiers) or reported once per file with the reason;
// its internal fields never reach the BibTeX shown on the page.
#[test]
fn al_folio_fields_are_mapped_or_reported_once() {
    let site = TestSite::new();
    let report = import(&site, &fixture("alfolio.bib"));
    let text = read(&site, "papers/einstein1950meaning.yaml");
    for line in [
        "  pdf: /assets/pdf/meaning.pdf\n",
        "  arxiv: \"2001.00001\"\n",
        "  project: https://example.org/meaning/\n",
        "  html: https://example.org/meaning.html\n",
        "identifiers:\n  altmetric: \"248277\"\n  google_scholar: qyhmnyLat1gC\n",
        "selected: true\naward: Best Paper\npreview: /assets/img/publication_preview/meaning.gif\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    let bibtex = &text[text.find("bibtex: |").unwrap()..text.find("imported:").unwrap()];
    for internal in [
        "abbr",
        "bibtex_show",
        "preview",
        "selected",
        "award",
        "altmetric",
        "html=",
    ] {
        assert!(!bibtex.contains(internal), "{internal} in\n{bibtex}");
    }
    assert!(
        bibtex.contains("    publisher={American Association of Physics Teachers},\n    arxiv={2001.00001},\n  }"),
        "{bibtex}"
    );
    let warnings = diagnostics(&report);
    assert_eq!(
        warnings,
        [
            "alfolio.bib:7:8: warning: field `abbr` (1 entry) is not imported: folio shows the venue itself, not a short-name badge",
            "alfolio.bib:8:15: warning: field `bibtex_show` (1 entry) is not imported: folio shows the BibTeX on every paper page",
            "alfolio.bib:20:8: warning: field `supp` (1 entry) is not imported: folio has no supplementary-material link; add it as `links.data` if it is data",
        ]
    );
    // al-folio's preview folder, copied into static/ as docs/import.md says.
    let site = site.file(
        "static/assets/img/publication_preview/meaning.gif",
        "GIF89a",
    );
    site.build();
    let page = site.output("papers/einstein1950meaning/index.html");
    assert!(
        page.contains("src=\"/assets/img/publication_preview/meaning.gif\""),
        "{page}"
    );
}

// DOIs wrapped in HTML links are found; zbMATH's `arXiv = {arXiv:...}` and
// `zbl` are kept; an address without its scheme gets https://.
#[test]
fn dois_in_html_and_zbmath_arxiv_fields_are_kept() {
    let site = TestSite::new();
    import(&site, &fixture("alfolio.bib"));
    let enzyme = read(&site, "papers/rossi2019enzyme.yaml");
    assert!(
        enzyme.contains("  doi: 10.1021/acs.biochem.9b00001\n"),
        "{enzyme}"
    );
    let folding = read(&site, "papers/rossi2020protein.yaml");
    assert!(
        folding.contains("  doi: 10.1016/j.jmb.2020.01.001\n"),
        "{folding}"
    );
    assert!(
        folding.contains("  html: https://www.example.org/folding.html\n"),
        "{folding}"
    );
    let k = read(&site, "papers/schmidt2016higher.yaml");
    assert!(
        k.contains("  arxiv: \"1510.00312\"\n  doi: 10.2140/akt.2016.1.155\n"),
        "{k}"
    );
    assert!(k.contains("  zbmath: \"1342.19001\"\n"), "{k}");
}

// The full ORCID record (`/v3.0/<id>`) holds its works under
// activities-summary; each is imported and located at its own line.
#[test]
fn the_full_orcid_record_is_imported() {
    let site = TestSite::new();
    let report = import(&site, &fixture("orcid-record.json"));
    assert_eq!(
        report.summary(),
        "imported 2 new, updated 0, unchanged 0, skipped 0"
    );
    assert_eq!(
        paper_files(&site),
        ["ada1843notes.yaml", "ada1997long.yaml"]
    );
    let notes = read(&site, "papers/ada1843notes.yaml");
    assert!(
        notes.contains("  html: https://idus.us.es/handle/11441/1234\n"),
        "{notes}"
    );
    assert_eq!(diagnostics(&report), Vec::<String>::new());
}

// Name structure survives import and reaches the references: a two-word
// family name, a particle, a corporate author (never split or abbreviated),
// in APA on the page and in the generated papers.bib.
#[test]
fn structured_names_reach_apa_and_bibtex() {
    let site = TestSite::new();
    let bib = "@article{rei2023,\n  title = {Quality Estimation},\n  author = {{Robalo Rei}, Gil and de Guglielmo, G. and Solberg Woods, L. C. and {Oncology Center of Excellence, U.S. Food and Drug Administration}},\n  journal = {TACL},\n  year = 2023\n}\n";
    import_text(&site, "refs.bib", bib);
    let text = read(&site, "papers/robalorei2023quality.yaml");
    assert!(
        text.contains("authors:\n  - { family: Robalo Rei, given: Gil }\n  - G. de Guglielmo\n  - { family: Solberg Woods, given: L. C. }\n  - { literal: \"Oncology Center of Excellence, U.S. Food and Drug Administration\" }\n"),
        "{text}"
    );
    // The verbatim entry is replaced by the generated one, to see the names.
    let start = text.find("bibtex: |").unwrap();
    let end = text.find("imported:").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(site.root().join("papers/robalorei2023quality.yaml"), text).unwrap();
    site.build();
    let page = site.output("papers/robalorei2023quality/index.html");
    assert!(
        page.contains("Robalo Rei, G., de Guglielmo, G., Solberg Woods, L. C., &amp; Oncology Center of Excellence, U.S. Food and Drug Administration. (2023)."),
        "{page}"
    );
    let papers_bib = site.output("papers.bib");
    assert!(
        papers_bib.contains("author = {{Robalo Rei}, Gil and de Guglielmo, G. and {Solberg Woods}, L. C. and {Oncology Center of Excellence, U.S. Food and Drug Administration}}"),
        "{papers_bib}"
    );
}

// CSL-JSON keeps family, given, both particles and literal names. A dropping
// particle is cited as citeproc-js cites it: after the initials in APA.
#[test]
fn csl_name_parts_are_kept() {
    let site = TestSite::new();
    let csl = r#"[{"id": "a", "type": "article-journal", "title": "Variant calling", "container-title": "Curr. Protoc.",
      "issued": {"date-parts": [[2013]]},
      "author": [{"family": "Auwera", "given": "Geraldine A.", "dropping-particle": "van der"},
                 {"literal": "Oncology Center of Excellence, U.S. Food and Drug Administration"}]}]"#;
    import_text(&site, "refs.json", csl);
    let text = read(&site, "papers/auwera2013variant.yaml");
    assert!(
        text.contains("  - { family: Auwera, given: Geraldine A., dropping_particle: van der }\n  - { literal: \"Oncology Center of Excellence, U.S. Food and Drug Administration\" }\n"),
        "{text}"
    );
    site.build();
    let page = site.output("papers/auwera2013variant/index.html");
    assert!(
        page.contains("Auwera, G. A. van der, &amp; Oncology Center of Excellence, U.S. Food and Drug Administration. (2013). Variant calling. <i>Curr. Protoc.</i></p>"),
        "{page}"
    );
}

// Every combination of CSL name parts (given name, non-dropping and dropping
// particle, suffix, one- and two-word family names) comes back out of
// papers.json as it went in: import, paper file, build, export. A family name
// alone is a group's name and may come back as `literal`.
#[test]
fn csl_name_parts_round_trip_through_papers_json() {
    let mut names = vec![serde_json::json!({ "literal": "U.S. Food and Drug Administration" })];
    for family in ["Mises", "Robalo Rei"] {
        for given in ["", "Ludwig", "G. A."] {
            for non_dropping in ["", "van der"] {
                for dropping in ["", "von"] {
                    for suffix in ["", "Jr."] {
                        let mut n = serde_json::Map::new();
                        n.insert("family".into(), family.into());
                        for (key, value) in [
                            ("given", given),
                            ("non-dropping-particle", non_dropping),
                            ("dropping-particle", dropping),
                            ("suffix", suffix),
                        ] {
                            if !value.is_empty() {
                                n.insert(key.into(), value.into());
                            }
                        }
                        names.push(serde_json::Value::Object(n));
                    }
                }
            }
        }
    }
    let items: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({ "id": format!("n{i}"), "type": "article-journal",
              "title": format!("Names number {i}"), "container-title": "J",
              "issued": { "date-parts": [[2000 + i]] }, "author": [name] })
        })
        .collect();
    let site = TestSite::new();
    import_text(&site, "names.json", &serde_json::to_string(&items).unwrap());
    site.build();
    let out: Vec<serde_json::Value> = serde_json::from_str(&site.output("papers.json")).unwrap();
    assert_eq!(out.len(), names.len());
    for (i, name) in names.iter().enumerate() {
        let title = format!("Names number {i}");
        let item = out.iter().find(|x| x["title"] == title.as_str()).unwrap();
        let back = &item["author"][0];
        let family_only = name.as_object().unwrap().len() == 1;
        let as_group = family_only && back.get("literal") == name.get("family");
        assert!(back == name || as_group, "{name} came back as {back}");
    }
}

// Volume, issue, pages, publisher, school and thesis type are imported and
// reach the reference, the Google Scholar tags and JSON-LD; a thesis is cited
// as a thesis; a title ending in `?` gets no second full stop.
#[test]
fn complete_references_from_bibliographic_fields() {
    let site = TestSite::new();
    let bib = "@article{lee2021,\n  title = {Is Deep Learning Complete?},\n  author = {Lee, Ann},\n  journal = {Nature Machine Intelligence},\n  volume = {3}, number = {4}, pages = {301--310},\n  publisher = {Nature Publishing Group},\n  year = 2021\n}\n\n@phdthesis{okafor2018,\n  title = {Learning on Graphs},\n  author = {Okafor, Chidi},\n  school = {University of Lagos},\n  address = {Lagos},\n  year = 2018\n}\n";
    import_text(&site, "refs.bib", bib);
    let lee = read(&site, "papers/lee2021deep.yaml");
    assert!(
        lee.contains("kind: article\nvolume: \"3\"\nissue: \"4\"\npages: 301–310\npublisher: Nature Publishing Group\n"),
        "{lee}"
    );
    let thesis = read(&site, "papers/okafor2018learning.yaml");
    assert!(
        thesis.contains("kind: thesis\naddress: Lagos\nthesis_type: PhD thesis\n"),
        "{thesis}"
    );
    site.build();
    let page = site.output("papers/lee2021deep/index.html");
    assert!(
        page.contains("Lee, A. (2021). Is Deep Learning Complete? <i>Nature Machine Intelligence</i>, <i>3</i>(4), 301–310."),
        "{page}"
    );
    for tag in [
        "<meta name=\"citation_volume\" content=\"3\">",
        "<meta name=\"citation_issue\" content=\"4\">",
        "<meta name=\"citation_firstpage\" content=\"301\">",
        "<meta name=\"citation_lastpage\" content=\"310\">",
    ] {
        assert!(page.contains(tag), "{tag} in {page}");
    }
    assert!(page.contains("\"pageStart\":\"301\""), "{page}");
    let page = site.output("papers/okafor2018learning/index.html");
    assert!(
        page.contains("Okafor, C. (2018). <i>Learning on Graphs</i> [Doctoral dissertation, University of Lagos]."),
        "{page}"
    );
}

// papers.json, next to papers.bib, gives the papers back as CSL-JSON with their
// name parts and bibliographic fields; an import of it reads the same names.
#[test]
fn papers_json_exports_csl_json() {
    let site = TestSite::new();
    let bib = "@article{rei2023,\n  title = {Quality Estimation},\n  author = {{Robalo Rei}, Gil and de Guglielmo, G. and {U.S. Food and Drug Administration}},\n  journal = {TACL},\n  volume = {11}, pages = {1--20},\n  doi = {10.1162/tacl_a_00001},\n  year = 2023, month = mar\n}\n";
    import_text(&site, "refs.bib", bib);
    site.build();
    let json: serde_json::Value = serde_json::from_str(&site.output("papers.json")).unwrap();
    let item = &json[0];
    assert_eq!(item["type"], "article-journal");
    assert_eq!(item["container-title"], "TACL");
    assert_eq!(item["volume"], "11");
    assert_eq!(item["page"], "1–20");
    assert_eq!(item["DOI"], "10.1162/tacl_a_00001");
    assert_eq!(item["issued"]["date-parts"], serde_json::json!([[2023, 3]]));
    assert_eq!(
        item["author"],
        serde_json::json!([
            {"family": "Robalo Rei", "given": "Gil"},
            {"family": "Guglielmo", "given": "G.", "non-dropping-particle": "de"},
            {"literal": "U.S. Food and Drug Administration"}
        ])
    );
    // Round trip: the export imports back with the same name parts.
    let back = TestSite::new();
    import_text(&back, "papers.json", &site.output("papers.json"));
    let text = read(&back, "papers/robalorei2023quality.yaml");
    assert!(
        text.contains("  - { family: Robalo Rei, given: Gil }\n  - G. de Guglielmo\n  - { literal: U.S. Food and Drug Administration }\n"),
        "{text}"
    );
}

// TeX in a title or venue is maths on the page and readable text where no
// maths can go: `<title>`, Google Scholar tags.
#[test]
fn plain_text_places_get_readable_text_not_tex() {
    let site = TestSite::new();
    let bib = "@article{k2016,\n  title = {Koszul duality for $A_{\\infty}$-algebras},\n  author = {Schmidt, Karl},\n  journal = {Ann. \\(K\\)-Theory},\n  year = 2016\n}\n";
    import_text(&site, "refs.bib", bib);
    site.build();
    let page = site.output("papers/schmidt2016koszul/index.html");
    assert!(
        page.contains("<title>Koszul duality for A∞-algebras"),
        "{page}"
    );
    assert!(
        page.contains("<meta name=\"citation_title\" content=\"Koszul duality for A∞-algebras\">"),
        "{page}"
    );
    assert!(
        page.contains("<meta name=\"citation_journal_title\" content=\"Ann. K-Theory\">"),
        "{page}"
    );
}

// BibTeX's `note` is imported as `reference_note` and ends the reference; it
// reaches the generated BibTeX and papers.json (CSL `note`) too.
#[test]
fn bibtex_note_reaches_the_reference_and_the_exports() {
    let site = TestSite::new();
    let bib = "@inproceedings{kim2024,\n  title = {Sparse Attention},\n  author = {Kim, Mina},\n  booktitle = {ICML},\n  note = {Oral presentation},\n  year = 2024\n}\n";
    import_text(&site, "refs.bib", bib);
    let text = read(&site, "papers/kim2024sparse.yaml");
    assert!(
        text.contains("\nreference_note: Oral presentation\n"),
        "{text}"
    );
    // The generated entry, not the verbatim one, is under test here.
    let start = text.find("bibtex: |").unwrap();
    let end = text.find("imported:").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(site.root().join("papers/kim2024sparse.yaml"), text).unwrap();
    site.build();
    let page = site.output("papers/kim2024sparse/index.html");
    assert!(
        page.contains("Kim, M. (2024). Sparse Attention. <i>ICML</i>. Oral presentation.</p>"),
        "{page}"
    );
    assert!(
        site.output("papers.bib")
            .contains("  note = {Oral presentation},\n")
    );
    let json: serde_json::Value = serde_json::from_str(&site.output("papers.json")).unwrap();
    assert_eq!(json[0]["note"], "Oral presentation");
}

// Only a CSL page range gets an en dash: ISBN, ISSN and place keep their hyphens.
#[test]
fn csl_hyphens_stay_hyphens_outside_page_ranges() {
    let site = TestSite::new();
    let csl = r#"[{"id": "a", "type": "book", "title": "Graph Theory", "publisher": "Springer",
      "issued": {"date-parts": [[2017]]}, "author": [{"family": "Diestel", "given": "Reinhard"}],
      "ISBN": "978-3-662-53621-6", "ISSN": "0072-5285", "publisher-place": "Saint-Denis", "page": "1-428"}]"#;
    import_text(&site, "refs.json", csl);
    let text = read(&site, "papers/diestel2017graph.yaml");
    for line in [
        "pages: 1–428\n",
        "isbn: 978-3-662-53621-6\n",
        "issn: 0072-5285\n",
        "address: Saint-Denis\n",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}
