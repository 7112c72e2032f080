//! Merging duplicates never loses information and never depends on order: the
//! preprint + published pairs of tests/fixtures/import/pairs/ (BibTeX from
//! Google Scholar and arXiv, OpenAlex works, Zotero CSL-JSON) imported with
//! their records shuffled and their files in every order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use folio::import::{self, Format, ImportOptions, ImportReport};
use folio::model::schema::PaperFile;

use crate::common::{TestSite, tree};

const INPUTS: [&str; 3] = ["scholar.bib", "openalex.json", "zotero.csl.json"];

fn pairs(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/pairs")
        .join(name)
}

/// A small deterministic shuffler (xorshift64, Fisher-Yates): no dependency,
/// the same permutation for a seed on every machine.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The input text with its records in a shuffled order.
fn shuffled(name: &str, rng: &mut Shuffler) -> String {
    let text = std::fs::read_to_string(pairs(name)).unwrap();
    if name.ends_with(".bib") {
        let mut entries: Vec<String> = text
            .split("\n@")
            .skip(1)
            .map(|e| format!("@{}\n", e.trim_end()))
            .collect();
        rng.shuffle(&mut entries);
        return entries.join("\n");
    }
    let mut root: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = match root.get_mut("results") {
        Some(list) => list,
        None => &mut root,
    };
    rng.shuffle(list.as_array_mut().unwrap());
    serde_json::to_string_pretty(&root).unwrap()
}

fn import_file(site: &TestSite, name: &str, text: &str) -> ImportReport {
    let path = site.root().join(name);
    std::fs::write(&path, text).unwrap();
    import::import(&ImportOptions {
        input: path,
        from: None,
        site: site.root().to_path_buf(),
        dry_run: false,
        as_of: Some("2026-11-01".into()),
    })
    .unwrap()
}

/// Imports the inputs in the order given, each with its records shuffled.
fn import_all(order: &[&str], rng: &mut Shuffler) -> TestSite {
    let site = TestSite::new();
    for name in order {
        let report = import_file(&site, name, &shuffled(name, rng));
        assert_eq!(report.skipped, 0, "{:?}", report.diagnostics);
    }
    site
}

/// The paper files' contents, sorted: what the site holds whatever the names.
fn contents(site: &TestSite) -> Vec<String> {
    let mut texts: Vec<String> = tree(&site.root().join("papers"))
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    texts.sort();
    texts
}

// Records shuffled inside each file give the very same files, names included;
// files imported in any order give byte-identical paper files.
#[test]
fn importing_in_any_order_gives_byte_identical_paper_files() {
    let baseline = import_all(&INPUTS, &mut Shuffler(1));
    let expected_tree = tree(&baseline.root().join("papers"));
    assert_eq!(expected_tree.len(), 3, "one file per paper");
    let expected = contents(&baseline);
    for seed in 2..10u64 {
        let mut rng = Shuffler(seed * 0x9e37_79b9);
        let same_order = import_all(&INPUTS, &mut rng);
        assert!(
            tree(&same_order.root().join("papers")) == expected_tree,
            "seed {seed}"
        );
        let mut order = INPUTS.to_vec();
        rng.shuffle(&mut order);
        let site = import_all(&order, &mut rng);
        assert!(
            contents(&site) == expected,
            "seed {seed}, order {order:?}:\n{}",
            contents(&site).join("\n----\n")
        );
    }
}

// A second import of the same files writes nothing and says nothing.
#[test]
fn reimporting_merged_files_changes_and_prints_nothing() {
    let site = import_all(&INPUTS, &mut Shuffler(7));
    let before = tree(&site.root().join("papers"));
    for name in INPUTS {
        let report = import_file(&site, name, &shuffled(name, &mut Shuffler(11)));
        assert_eq!(report.lines, Vec::<String>::new(), "{name}");
        assert_eq!(report.new + report.updated, 0, "{name}");
    }
    assert!(tree(&site.root().join("papers")) == before);
}

/// Every DOI and arXiv id a paper file holds, lowercase, with its citation count.
fn identifiers(site: &TestSite) -> Vec<(Vec<String>, u64)> {
    tree(&site.root().join("papers"))
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let p: PaperFile = folio::load::parse_yaml(Path::new(&name), &text).unwrap();
            let mut ids: Vec<String> = p.identifiers.dois.clone();
            ids.extend(p.links.doi.map(|d| d.value));
            ids.extend(p.links.arxiv.map(|a| format!("arxiv:{}", a.value)));
            let ids = ids.iter().map(|i| i.to_lowercase()).collect();
            (ids, p.citations.map_or(0, |c| c.value))
        })
        .collect()
}

// Whatever the order, every input record's DOI and arXiv id is in some paper
// file, and that file's citation count is at least the record's.
#[test]
fn no_merge_lowers_a_citation_count_or_drops_an_identifier() {
    let mut records = Vec::new();
    for name in INPUTS {
        let text = std::fs::read_to_string(pairs(name)).unwrap();
        let format = Format::detect(&pairs(name), &text).unwrap();
        records.extend(import::parse(format, &text, &pairs(name)).0);
    }
    for seed in 1..8u64 {
        let mut rng = Shuffler(seed * 0x2545_f491);
        let mut order = INPUTS.to_vec();
        rng.shuffle(&mut order);
        let site = import_all(&order, &mut rng);
        let files = identifiers(&site);
        for r in &records {
            let mut wanted: Vec<String> = r.links.get("doi").into_iter().cloned().collect();
            wanted.extend(r.links.get("arxiv").map(|a| format!("arxiv:{a}")));
            for id in wanted.iter().map(|i| i.to_lowercase()) {
                let (_, cited) = files
                    .iter()
                    .find(|(ids, _)| ids.contains(&id))
                    .unwrap_or_else(|| panic!("{id} lost (seed {seed}): {files:?}"));
                let count = r.citations.as_ref().map_or(0, |c| c.value);
                assert!(*cited >= count, "{id}: {cited} < {count} (seed {seed})");
            }
        }
    }
}

// The published article wins over its preprint whichever comes first: its
// kind, venue, date, title and DOI stay, the arXiv DOI and the larger count too.
#[test]
fn the_published_version_wins_and_the_merge_is_reported() {
    let site = TestSite::new();
    let report = import_file(
        &site,
        "openalex.json",
        &shuffled("openalex.json", &mut Shuffler(3)),
    );
    let merged: Vec<&String> = report
        .lines
        .iter()
        .filter(|l| l.starts_with("merged"))
        .collect();
    assert_eq!(
        merged,
        [
            "merged openalex W3001 into openalex W3002 (same paper): kind, venue, date and title from openalex W3002 (article ranks above preprint)"
        ]
    );
    let by_name: BTreeMap<String, String> = tree(&site.root().join("papers"))
        .into_iter()
        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
        .collect();
    let deep = &by_name["lee2021deep.yaml"];
    for line in [
        "title: Deep nets for everyone\n",
        "date: 2021-04-12\n",
        "venue: Nature Machine Intelligence\n",
        "kind: article\n",
        "  arxiv: \"2001.00001\"\n",
        "  doi: 10.1038/s42256-021-00001-x\n",
        "identifiers:\n  dois: [10.48550/arxiv.2001.00001]\n",
        "citations: { value: 17, source: OpenAlex",
    ] {
        assert!(deep.contains(line), "{line:?} in\n{deep}");
    }
    // Then the BibTeX preprint, imported later, changes none of that.
    let report = import_file(
        &site,
        "scholar.bib",
        &shuffled("scholar.bib", &mut Shuffler(5)),
    );
    assert_eq!(
        report.lines[..3],
        [
            "merged bibtex lee2020deeppre into bibtex lee2021deep (same paper): kind, venue, date and title from bibtex lee2021deep (article ranks above preprint)",
            "merged openalex W3002 into bibtex lee2021deep (same DOI): kind, venue, date and title from bibtex lee2021deep (more bibliographic fields, 11 against 7)",
            "updated papers/lee2021deep.yaml (from lee2021deep, same DOI): bibtex, date, identifiers.dois, issue, pages, publisher, volume",
        ]
    );
    let deep = read(&site, "papers/lee2021deep.yaml");
    assert!(
        deep.contains("kind: article\n") && deep.contains("value: 17"),
        "{deep}"
    );
    site.build();
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}
