//! Generic collections (`collections:` in `site.yaml`): items strict against
//! their declaration (unknown field, wrong type, missing required field: each
//! located), list and item pages in both themes, JSON-LD, sitemap.

use crate::common::{SITE_YAML, TestSite, jsonld, single_error};

const DECLARATION: &str = "base_url: https://ada.example.org/\ncollections:\n  software:\n    title: Software\n    description: Tools *we* keep.\n    schema_type: SoftwareSourceCode\n    fields:\n      language: { type: string, required: true }\n      stars: integer\n      maintained: boolean\n      released: date\n      docs: url\n      platforms: list\n";

/// A site declaring `software` with the given item files.
fn site_with(items: &[(&str, &str)]) -> TestSite {
    let mut site = TestSite::new().file("site.yaml", &format!("{SITE_YAML}{DECLARATION}"));
    for (name, text) in items {
        site = site.file(&format!("software/{name}"), text);
    }
    site
}

const ENGINE: &str = "title: Engine\ndate: 2024-05-01\ntags: [maths]\nlanguage: Rust\nstars: 12\nmaintained: true\nreleased: 2023-11\ndocs: /docs/engine/\nplatforms: [Linux, macOS]\nlinks: { code: https://example.org/engine }\nbody: Computes $x^2$.\n";

// A field neither every item has nor the collection declares is an error at
// its key, with the closest known name.
#[test]
fn unknown_item_field_suggests_the_closest_declared_one() {
    let site = site_with(&[("e.yaml", "title: E\nlanguage: C\nstar: 3\n")]);
    assert_eq!(
        single_error(site),
        "software/e.yaml:3:1: error: unknown field `star`\n  hint: did you mean `stars`?"
    );
}

// With nothing close, the hint says where to declare it.
#[test]
fn unknown_item_field_without_a_close_name_says_where_to_declare_it() {
    let site = site_with(&[("e.yaml", "title: E\nlanguage: C\nzzzzzz: 3\n")]);
    assert_eq!(
        single_error(site),
        "software/e.yaml:3:1: error: unknown field `zzzzzz`\n  hint: declare it under `collections: software: fields:` in site.yaml"
    );
}

// A value of the wrong type is located at the value and names the type.
#[test]
fn wrong_type_is_located_at_the_value() {
    let site = site_with(&[
        ("a.yaml", "title: A\nlanguage: C\nstars: many\n"),
        ("b.yaml", "title: B\nlanguage: 3\n"),
        ("c.yaml", "title: C\nlanguage: C\nmaintained: yes\n"),
        (
            "d.md",
            "---\ntitle: D\nlanguage: C\nplatforms: Linux\n---\nBody.\n",
        ),
    ]);
    let err = site.build_err();
    for expected in [
        "software/a.yaml:3:8: error: field `stars`: expected a whole number\n  hint: write a whole number",
        "software/b.yaml:2:11: error: field `language`: expected a text\n  hint: put the value in quotes to keep it as text",
        "software/c.yaml:3:13: error: field `maintained`: expected true or false",
        "software/d.md:4:12: error: field `platforms`: expected a list of texts",
    ] {
        assert!(err.contains(expected), "{expected}\nin:\n{err}");
    }
}

// Bad dates and links are located too; a required field that is missing is named.
#[test]
fn bad_dates_links_and_missing_required_fields_are_errors() {
    let site = site_with(&[
        ("a.yaml", "title: A\nlanguage: C\nreleased: 2024-13\n"),
        (
            "b.yaml",
            "title: B\nlanguage: C\ndocs: javascript:alert(1)\n",
        ),
        ("c.yaml", "title: C\n"),
    ]);
    let err = site.build_err();
    for expected in [
        "software/a.yaml:3:11: error: date `2024-13` is not valid",
        "software/b.yaml:3:7: error: field `docs`: link `javascript:alert(1)` is not allowed",
        "software/c.yaml:1:1: error: missing field `language`\n  hint: collection `software` declares it as required in site.yaml",
    ] {
        assert!(err.contains(expected), "{expected}\nin:\n{err}");
    }
}

// An unknown field type in the declaration is an error with the closest type.
#[test]
fn unknown_field_type_in_the_declaration_suggests_a_known_one() {
    let site = TestSite::new().file(
        "site.yaml",
        &format!(
            "{SITE_YAML}collections:\n  software:\n    title: S\n    fields:\n      stars: integr\n"
        ),
    );
    assert_eq!(
        single_error(site),
        "site.yaml:12:7: error: field `type`: `integr` is not a known value\n  hint: did you mean `integer`?"
    );
}

// A collection may not take a folder folio owns, nor declare an item's own field.
#[test]
fn reserved_names_are_refused() {
    let site = TestSite::new().file(
        "site.yaml",
        &format!("{SITE_YAML}collections:\n  papers:\n    title: P\n  tools:\n    title: T\n    fields:\n      title: string\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml: error: collections: collection name `papers` is taken by folio's own folders"),
        "{err}"
    );
    assert!(
        err.contains(
            "site.yaml:14:7: error: collection `tools`: field `title` is already an item field"
        ),
        "{err}"
    );
}

// The list page and one page per item, with the declared fields typed and
// shown, the JSON-LD of the declared type, and every page in the sitemap.
#[test]
fn collection_builds_list_and_item_pages() {
    let site = site_with(&[
        ("engine.yaml", ENGINE),
        (
            "notes.md",
            "---\ntitle: Notes <b>\ndate: 2025\nlanguage: Markdown\n---\nA *body*.\n",
        ),
    ]);
    site.build();
    let list = site.output("software/index.html");
    // Newest first.
    assert!(list.find("Notes &lt;b&gt;").unwrap() < list.find(">Engine<").unwrap());
    assert!(list.contains("<em>we</em>"));
    let page = site.output("software/engine/index.html");
    for shown in [
        "<dt>Stars</dt><dd>12</dd>",
        "<dt>Maintained</dt><dd>yes</dd>",
        "<dt>Released</dt><dd><time datetime=\"2023-11\">",
        "<dt>Docs</dt><dd><a href=\"/docs/engine/\">",
        "<dt>Platforms</dt><dd>Linux, macOS</dd>",
        "<a href=\"https://example.org/engine\">code</a>",
        "<span class=\"tag\">maths</span>",
        "<math>",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    let ld = jsonld(&page);
    assert_eq!(ld["@type"], "SoftwareSourceCode");
    assert_eq!(ld["url"], "https://ada.example.org/software/engine/");
    assert!(
        site.output("software/notes/index.html")
            .contains("A <em>body</em>.")
    );
    let sitemap = site.output("sitemap.xml");
    for page in ["software/", "software/engine/", "software/notes/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://ada.example.org/{page}</loc>")),
            "{page}"
        );
    }
}

// `item_pages: false` lists everything on the list page and writes no item pages;
// the classic theme renders collections too.
#[test]
fn collection_without_item_pages_in_the_classic_theme() {
    let decl = DECLARATION.replace(
        "    title: Software\n",
        "    title: Software\n    item_pages: false\n",
    );
    let site = TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}theme: classic\n{decl}"))
        .file("software/engine.yaml", ENGINE);
    site.build();
    assert!(!site.exists("software/engine/index.html"));
    let list = site.output("software/index.html");
    assert!(list.contains("<dt>Stars</dt><dd>12</dd>") && list.contains("<math>"));
    assert!(!site.output("sitemap.xml").contains("software/engine/"));
}

// A page with the collection's address is refused, naming both.
#[test]
fn a_page_at_a_collections_address_is_an_error() {
    let site = site_with(&[("engine.yaml", ENGINE)])
        .file("pages/software.md", "---\ntitle: Software\n---\nHi\n");
    let err = site.build_err();
    assert!(
        err.contains("pages/software.md") && err.contains("collection `software`"),
        "{err}"
    );
}

/// A YAML item, or a Markdown item's front matter, as the JSON value its
/// schema describes.
fn item_value(path: &std::path::Path, text: &str) -> serde_json::Value {
    let front = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---").map(|(front, _)| front))
        .unwrap_or(text);
    folio::load::parse_yaml(path, front).unwrap_or_else(|d| panic!("{d}"))
}

// `folio schema` writes a schema per declared collection; it accepts every
// item of the full example's `software/` and refuses an unknown field, a
// wrong type, a missing required field and a bad date, at the field.
#[test]
fn collection_schema_accepts_the_full_examples_items_and_refuses_bad_ones() {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full");
    let out = tempfile::tempdir().unwrap();
    let status = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(["schema", full.to_str().unwrap(), "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = std::fs::read_to_string(out.path().join("collection-software.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(full.join("software")).unwrap() {
        let path = entry.unwrap().path();
        let value = item_value(&path, &std::fs::read_to_string(&path).unwrap());
        assert!(validator.is_valid(&value), "{}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 3);
    let good = "title: T\nlanguage: Rust\nstars: 3\nfirst_release: 2024-11\nplatforms: [Linux]\n";
    for (bad, pointer) in [
        ("title: T\nlanguage: Rust\nstar: 3\n", ""),
        ("title: T\nlanguage: Rust\nstars: many\n", "/stars"),
        ("title: T\nlanguage: Rust\nmaintained: yes\n", "/maintained"),
        (
            "title: T\nlanguage: Rust\nfirst_release: 2024-1\n",
            "/first_release",
        ),
        ("title: T\nlanguage: Rust\nplatforms: Linux\n", "/platforms"),
        ("title: T\nstars: 3\n", ""),
        ("language: Rust\n", ""),
    ] {
        let value = item_value(std::path::Path::new("x.yaml"), bad);
        let evaluation = validator.evaluate(&value);
        let errors: Vec<&str> = evaluation
            .iter_errors()
            .map(|e| e.instance_location.as_str())
            .collect();
        assert!(
            !validator.is_valid(&value) && errors.contains(&pointer),
            "{bad}: {errors:?}"
        );
    }
    let value = item_value(std::path::Path::new("x.yaml"), good);
    assert!(validator.is_valid(&value));
}
