//! Bad input: one located message per problem, all at once, and the previous
//! output left as it was.

use crate::common::{TestSite, count, single_error, tree};

#[test]
fn malformed_yaml_names_line_and_column() {
    let site = TestSite::new().file("papers/a.yaml", "title: A\ndate: 2020\nauthors: [A, B\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:3:10: error: field `authors`: unclosed bracket '['"
    );
}

#[test]
fn wrong_type_names_the_field() {
    let site = TestSite::new().paper("a", "A", "2020", "citations: lots\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:1: error: field `citations`: invalid type: string \"lots\", expected a whole number, or a map with `value`, `source`, `as_of`, `url`"
    );
}

#[test]
fn unknown_field_suggests_the_closest_name() {
    let site = TestSite::new().paper("a", "A", "2020", "venu: NeurIPS\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:1: error: unknown field `venu`\n  hint: did you mean `venue`?"
    );
}

#[test]
fn missing_required_field() {
    let site = TestSite::new().file("papers/a.yaml", "title: A\nauthors: [X]\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:2:1: error: missing field `date`"
    );
}

#[test]
fn unknown_topic_suggests_a_known_one() {
    let site = TestSite::new().paper("a", "A", "2020", "topics: [ML, CK]\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:14: error: unknown topic `CK`\n  hint: did you mean `CL`?"
    );
}

#[test]
fn unknown_affiliation_and_author_id() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "affiliations: [uc]\n")
        .paper("b", "B", "2020", "");
    let site = site.file(
        "papers/b.yaml",
        "title: B\ndate: 2020\nauthors:\n  - { id: adaa }\n",
    );
    let err = site.build_err();
    assert_eq!(
        err,
        "papers/a.yaml:4:16: error: unknown affiliation `uc`\n  hint: did you mean `ucl`?\n\
         papers/b.yaml:4:5: error: unknown author id `adaa`\n  hint: did you mean `ada`?\n\
         build failed: 2 errors in the site's input"
    );
}

#[test]
fn impossible_date() {
    let site = TestSite::new().paper("a", "A", "2023-02-29", "");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:2:7: error: date `2023-02-29` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15"
    );
}

#[test]
fn duplicate_slugs_name_every_file() {
    let site =
        TestSite::new()
            .paper("same", "A", "2020", "")
            .paper("other", "B", "2020", "slug: same\n");
    let err = site.build_err();
    assert_eq!(
        err,
        "papers/other.yaml: error: duplicate slug `same`, used by papers/other.yaml, papers/same.yaml\n  hint: rename a file or give one paper its own `slug:`\n\
         papers/same.yaml: error: duplicate slug `same`, used by papers/other.yaml, papers/same.yaml\n  hint: rename a file or give one paper its own `slug:`\n\
         build failed: 2 errors in the site's input"
    );
}

#[test]
fn slugs_that_differ_only_by_case_collide() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "slug: paper-x\n")
        .paper("b", "B", "2020", "slug: paper-x\n");
    assert!(site.build_err().contains("duplicate slug `paper-x`"));
}

#[test]
fn slug_cannot_leave_the_output_folder() {
    for bad in [
        "../../x", "..\\\\x", "/etc/x", "%2e%2e", "con", "nul", "com1",
    ] {
        let site = TestSite::new().paper("a", "A", "2020", &format!("slug: \"{bad}\"\n"));
        let err = single_error(site);
        assert!(
            err.starts_with("papers/a.yaml:4:7: error: slug"),
            "{bad}: {err}"
        );
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn unsafe_links_are_errors() {
    let site = TestSite::new().paper(
        "a",
        "A",
        "2020",
        "links: { code: \"javascript:alert(1)\" }\n",
    );
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:16: error: links.code: `javascript:alert(1)` is not allowed\n  hint: use an http(s) link or a path such as /files/paper.pdf"
    );
}

#[test]
fn empty_utf16_and_binary_files() {
    let site = TestSite::new()
        .file("papers/empty.yaml", "")
        .bytes("papers/utf16.yaml", &[0xFF, 0xFE, b't', 0])
        .bytes("papers/bin.yaml", b"\x00\x01\x02");
    assert_eq!(
        site.build_err(),
        "papers/bin.yaml: error: file is binary, not text\n\
         papers/empty.yaml: error: file is empty\n\
         papers/utf16.yaml: error: file is UTF-16 encoded\n  hint: save it as UTF-8\n\
         build failed: 3 errors in the site's input"
    );
}

#[test]
fn a_leading_bom_is_accepted() {
    let site = TestSite::new().bytes(
        "papers/a.yaml",
        b"\xEF\xBB\xBFtitle: A\ndate: 2020\nauthors: [X]\n",
    );
    site.build();
}

#[test]
fn owner_without_author_file() {
    let site = TestSite::empty().file("site.yaml", "title: T\nowner: ada\n");
    assert_eq!(
        single_error(site),
        "site.yaml: error: owner `ada` has no file authors/ada.yaml\n  hint: create authors/ada.yaml"
    );
}

#[test]
fn not_a_site_folder() {
    let site = TestSite::empty();
    let err = site.build_err();
    assert!(
        err.starts_with("[SITE]/site.yaml: error: no site.yaml here"),
        "{err}"
    );
}

// All problems of a build come at once, and the previous output is untouched.
#[test]
fn all_errors_reported_together_and_previous_output_kept() {
    let site = TestSite::new().paper("good", "Good", "2020", "");
    site.build();
    let before = tree(&site.out);
    let site = site
        .paper("a", "A", "2020", "venu: X\n")
        .paper("b", "B", "20-1", "")
        .paper("c", "C", "2020", "topics: [NOPE]\n");
    let err = site.build_err();
    assert!(
        err.ends_with("build failed: 3 errors in the site's input"),
        "{err}"
    );
    for file in [
        "papers/a.yaml:4:1",
        "papers/b.yaml:2:7",
        "papers/c.yaml:4:10",
    ] {
        assert!(err.contains(file), "{file} missing in\n{err}");
    }
    assert_eq!(before, tree(&site.out), "previous output changed");
}

// The binary exits non-zero and prints the errors on stderr.
#[test]
fn cli_exit_code_and_messages() {
    let site = TestSite::new().paper("a", "A", "2020", "venu: X\n");
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args([
            "build",
            site.root().to_str().unwrap(),
            "--output",
            site.out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("papers/a.yaml:4:1: error: unknown field `venu`"),
        "{stderr}"
    );
    assert!(!site.out.exists());
}

#[test]
fn cli_success_prints_one_summary_line() {
    let site = TestSite::new().paper("a", "A", "2020", "");
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args([
            "build",
            site.root().to_str().unwrap(),
            "--output",
            site.out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let line = stderr.trim_end();
    assert!(line.starts_with("folio: built 8 pages ("), "{stderr}");
    assert!(
        line.contains(" files) into ") && line.ends_with(" ms"),
        "{stderr}"
    );
}

// Pinned texts for the remaining kinds of bad input the issue names.

#[test]
fn duplicate_keys_are_an_error() {
    let site = TestSite::new().file(
        "papers/a.yaml",
        "title: A\ndate: 2020\ntitle: B\nauthors: [X]\n",
    );
    assert_eq!(
        single_error(site),
        "papers/a.yaml:3:1: error: duplicate key `title`\n  \
         hint: a key may appear once in a mapping: remove or rename one of them"
    );
}

#[test]
fn tabs_for_indentation_are_an_error() {
    let site = TestSite::new().file("papers/a.yaml", "title: A\ndate: 2020\nauthors:\n\t- X\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:2: error: a tab where YAML needs spaces\n  hint: indent with spaces, not tabs"
    );
}

#[test]
fn backup_and_hidden_files_in_content_folders_are_ignored() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "")
        .file("papers/a.yaml~", "title: [broken")
        .file("papers/.a.yaml.swp", "\u{0}binary")
        .file("papers/#a.yaml#", "title: [broken")
        .file("papers/.hidden.yaml", "title: [broken")
        .file("papers/notes.txt", "not a paper");
    let report = site.build();
    assert!(site.exists("papers/a/index.html"));
    // Only the file that looks like content of another type is mentioned.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        ["papers/notes.txt: warning: ignored: only yaml and yml files are read in papers/"]
    );
}

#[test]
fn file_names_with_spaces_and_other_scripts_make_safe_slugs() {
    let site = TestSite::new()
        .paper("Deep Learning v2", "A", "2020", "")
        .paper("量子 計算", "B", "2021", "")
        .paper("Über Graphen", "C", "2022", "");
    site.build();
    assert!(site.exists("papers/deep-learning-v2/index.html"));
    assert!(site.exists("papers/量子-計算/index.html"));
    assert!(site.exists("papers/über-graphen/index.html"));
}

#[test]
fn file_names_that_differ_only_by_case_collide() {
    let site = TestSite::new()
        .paper("Paper-X", "A", "2020", "")
        .paper("paper-x", "B", "2020", "");
    let hint = "\n  hint: rename a file or give one paper its own `slug:`";
    assert_eq!(
        site.build_err(),
        format!(
            "papers/Paper-X.yaml: error: duplicate slug `paper-x`, used by papers/Paper-X.yaml, papers/paper-x.yaml{hint}\n\
             papers/paper-x.yaml: error: duplicate slug `paper-x`, used by papers/Paper-X.yaml, papers/paper-x.yaml{hint}\n\
             build failed: 2 errors in the site's input"
        )
    );
    assert!(!site.out.exists(), "nothing written");
}

#[test]
fn slugs_that_differ_only_by_unicode_normalisation_collide() {
    // "café" composed (U+00E9) and decomposed (e + U+0301).
    let site =
        TestSite::new()
            .paper("caf\u{e9}", "A", "2020", "")
            .paper("cafe\u{301}", "B", "2020", "");
    let err = site.build_err();
    let hint = "\n  hint: rename a file or give one paper its own `slug:`";
    assert_eq!(
        err,
        format!(
            "papers/cafe\u{301}.yaml: error: duplicate slug `caf\u{e9}`, used by papers/cafe\u{301}.yaml, papers/caf\u{e9}.yaml{hint}\n\
             papers/caf\u{e9}.yaml: error: duplicate slug `caf\u{e9}`, used by papers/cafe\u{301}.yaml, papers/caf\u{e9}.yaml{hint}\n\
             build failed: 2 errors in the site's input"
        )
    );
    assert!(!site.out.exists(), "nothing written");
}

#[test]
fn a_latin1_file_is_located() {
    let site = TestSite::new().bytes(
        "papers/latin1.yaml",
        b"title: caf\xe9\ndate: 2020\nauthors: [X]\n",
    );
    assert_eq!(
        single_error(site),
        "papers/latin1.yaml:1:11: error: file is not valid UTF-8\n  hint: save it as UTF-8"
    );
}

/// The warnings of a build that succeeds, as printed.
fn warnings(site: &TestSite) -> Vec<String> {
    site.build()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

// Issue 11, item 17: values that used to be accepted and meant nothing.

#[test]
fn an_empty_title_is_an_error() {
    let site = TestSite::new().file("papers/a.yaml", "title: ''\ndate: 2020\nauthors: [X]\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:1:8: error: the title is empty\n  hint: write the paper's title"
    );
    let site = TestSite::new().file("pages/about.md", "---\ntitle: ' '\n---\nHi\n");
    assert_eq!(
        single_error(site),
        "pages/about.md: error: the title is empty\n  hint: write a title"
    );
    let site = TestSite::new().file(
        "site.yaml",
        "title: ''\nowner: ada\ntopics:\n  ML: { name: ML }\n",
    );
    assert_eq!(
        single_error(site),
        "site.yaml: error: the site's title is empty\n  hint: write the title every page shows, such as your name"
    );
}

#[test]
fn a_quoted_boolean_is_refused_like_yes() {
    let site = TestSite::new().paper("a", "A", "2020", "has_code: 'true'\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:1: error: field `has_code`: invalid type: string \"true\", expected `true` or `false`, without quotes"
    );
    let site = TestSite::new().paper("a", "A", "2020", "selected: yes\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:1: error: field `selected`: invalid type: string \"yes\", expected `true` or `false`, without quotes"
    );
}

#[test]
fn dates_written_as_other_numbers_are_refused() {
    for (date, column) in [("1e3", 7), ("0x7E8", 7)] {
        let site = TestSite::new().paper("a", "A", date, "");
        assert_eq!(
            single_error(site),
            format!(
                "papers/a.yaml:2:{column}: error: date `{date}` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15"
            )
        );
    }
}

#[test]
fn yaml_tags_are_refused() {
    let site = TestSite::new().paper("a", "A", "2020", "venue: !foo NeurIPS\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:13: error: YAML tag `!foo` is not supported\n  hint: folio reads plain values: remove the tag (quote the value if it starts with `!`)"
    );
    let site = TestSite::new().paper("a", "A", "2020", "venue: !!binary TmV1cklQUw==\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:8: error: YAML tag `!!binary` is not supported\n  hint: folio reads text: write the value itself, without the tag"
    );
    // The same text in quotes or a comment is a value like any other.
    TestSite::new()
        .paper("a", "A", "2020", "venue: \"!!binary\" # !!binary\n")
        .build();
}

#[test]
fn a_member_cannot_leave_before_joining() {
    let site = TestSite::new().file(
        "authors/bo.yaml",
        "name: Bo\nrole: phd\nstart: 2022-09\nend: 2020\n",
    );
    assert_eq!(
        single_error(site),
        "authors/bo.yaml:4:6: error: `end` (2020) is before `start` (2022-09)\n  hint: swap the dates, or correct the one that is wrong"
    );
}

#[test]
fn cname_must_be_a_bare_domain() {
    for cname in ["\"a.org\\nb.org\"", "https://www.example.org/"] {
        let site = TestSite::new().file(
            "site.yaml",
            &format!("{}cname: {cname}\n", crate::common::SITE_YAML),
        );
        let err = single_error(site);
        assert!(
            err.starts_with("site.yaml: error: cname `") && err.ends_with("` is not a domain name\n  hint: write the bare domain, such as `www.example.org`: no scheme, path or spaces"),
            "{err}"
        );
    }
    let site = TestSite::new().file(
        "site.yaml",
        &format!("{}cname: https://x.org/\n", crate::common::SITE_YAML),
    );
    assert_eq!(
        single_error(site),
        "site.yaml: error: cname `https://x.org/` is not a domain name\n  hint: write the bare domain, such as `www.example.org`: no scheme, path or spaces"
    );
}

#[test]
fn a_topic_key_may_not_name_a_windows_device() {
    let site = TestSite::new().file(
        "site.yaml",
        "title: T\nowner: ada\ntopics:\n  ML: { name: ML }\n  CON: { name: Control }\n",
    );
    assert_eq!(
        single_error(site),
        "site.yaml: error: topic key `CON` is a reserved device name on Windows\n  hint: rename the topic: its page would be a folder of that name"
    );
}

#[test]
fn output_inside_an_input_folder_is_refused() {
    for dir in ["static", "templates"] {
        let site = TestSite::new();
        let err = folio::build(&folio::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(site.root().join(dir).join("out")),
            overrides: Default::default(),
        })
        .unwrap_err()
        .to_string()
        .replace(&site.root().display().to_string(), "[SITE]");
        assert!(
            err.ends_with(&format!(
                "it is inside the site's {dir}/ folder, which the build reads"
            )),
            "{err}"
        );
        assert!(!site.root().join(dir).exists(), "{dir}");
    }
}

#[test]
fn an_affiliation_one_typo_from_a_key_is_warned_about() {
    let site = TestSite::new().file(
        "authors/ada.yaml",
        &format!("{}affiliation: uc\n", crate::common::AUTHOR_YAML),
    );
    assert_eq!(
        warnings(&site),
        [
            "authors/ada.yaml:5:14: warning: affiliation `uc` is not a key of `affiliations:` in site.yaml; it is shown as written\n  hint: did you mean `ucl`?"
        ]
    );
    // Free text is free text.
    let site = TestSite::new().file(
        "authors/ada.yaml",
        &format!(
            "{}affiliation: University of London\n",
            crate::common::AUTHOR_YAML
        ),
    );
    assert!(warnings(&site).is_empty());
}

#[test]
fn a_last_first_name_split_by_the_list_is_warned_about() {
    let site = TestSite::new().file(
        "papers/a.yaml",
        "title: A\ndate: 2020\nauthors: [Raman, Priya, Iain Murray]\n",
    );
    assert_eq!(
        warnings(&site),
        [
            "papers/a.yaml:3:11: warning: authors `Raman` and `Priya` look like one name, \"Raman, Priya\", split in two by the list's comma\n  hint: write `Priya Raman`, or quote it: \"Raman, Priya\""
        ]
    );
}

// Issue 11, item 18: messages in the user's words, with a hint.

#[test]
fn parser_messages_name_no_rust_internals() {
    let site = TestSite::new().file("papers/a.yaml", "title:\ndate: 2020\nauthors: [X]\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:1:6: error: field `title` has no value\n  hint: write a value after the colon, or remove the line"
    );
    let site = TestSite::new().file(
        "papers/a.yaml",
        "title: A\ndate: 2020\nauthors: [X]\n---\ntitle: B\n",
    );
    assert_eq!(
        single_error(site),
        "papers/a.yaml:5:1: error: a second YAML document starts here (a `---` line)\n  hint: a file holds one document: remove the `---` line; several papers go in one list of `- title: ...` items"
    );
    let site = TestSite::new().file("authors/bo.yaml", "name: Bo\nrole: [phd]\n");
    assert_eq!(
        single_error(site),
        "authors/bo.yaml:2:7: error: field `role`: expected one value, not a list or a map"
    );
    let site = TestSite::new().file("authors/bo.yaml", "name: Bo\ncitations_by_year: {x: 1}\n");
    assert_eq!(
        single_error(site),
        "authors/bo.yaml:2:21: error: expected a whole number"
    );
    let site = TestSite::new().file("authors/bo.yaml", "name: Bo\nname_variants: B\nlinks: ~\n");
    assert_eq!(
        single_error(site),
        "authors/bo.yaml:2:16: error: field `name_variants`: expected a list: [a, b] or one `- item` per line"
    );
}

#[test]
fn a_list_item_without_slug_characters_names_its_title() {
    let site = TestSite::new().file(
        "papers/list.yaml",
        "- title: A\n  date: 2020\n  authors: [X]\n- title: '???'\n  date: 2020\n  authors: [X]\n",
    );
    assert_eq!(
        single_error(site),
        "papers/list.yaml:4:10: error: cannot make a slug from this title\n  hint: add `slug: my-paper`"
    );
}

#[test]
fn a_typo_in_the_owners_file_is_reported_once() {
    let site = TestSite::new().file("authors/ada.yaml", "name: Ada\nname_variant: [A. L.]\n");
    assert_eq!(
        single_error(site),
        "authors/ada.yaml:2:1: error: unknown field `name_variant`\n  hint: did you mean `name_variants`?"
    );
}

#[test]
fn bad_indentation_says_so() {
    let site = TestSite::new().file(
        "papers/a.yaml",
        "title: A\ndate: 2020\nauthors: [X]\nlinks:\n  pdf: /a.pdf\n code: /b\n",
    );
    assert_eq!(
        single_error(site),
        "papers/a.yaml:6:2: error: did not find expected key: check the indentation\n  hint: keys of one map start in the same column, and a nested key is indented under its parent; quote a value that contains `: `"
    );
}

#[test]
fn unknown_kind_and_role_suggest_the_meant_value() {
    let site = TestSite::new().paper("a", "A", "2020", "kind: journal\n");
    assert_eq!(
        single_error(site),
        "papers/a.yaml:4:7: error: field `kind`: `journal` is not a known value\n  hint: did you mean `article`?"
    );
    let site = TestSite::new().file("authors/bo.yaml", "name: Bo\nrole: post-doc\n");
    assert_eq!(
        single_error(site),
        "authors/bo.yaml:2:7: error: field `role`: `post-doc` is not a known value\n  hint: did you mean `postdoc`?"
    );
}

// Issue 11, item 15: a slug made from a long title or label is cut to the
// length a written slug may have (120 bytes), so the build can write it.
#[test]
fn slugs_from_long_titles_and_labels_fit_a_file_name() {
    let title = "Длинное название статьи ".repeat(6); // 144 characters, 264 bytes
    let label = "x".repeat(300);
    let author = format!(
        "{}badges:\n  - {{ label: {label}, value: 1 }}\n",
        crate::common::AUTHOR_YAML
    );
    let site = TestSite::new()
        .file(
            "papers/list.yaml",
            &format!("- title: {title}\n  date: 2020\n  authors: [X]\n"),
        )
        .file("authors/ada.yaml", &author);
    let report = folio::cli::check::check(site.root()).unwrap();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    site.build();
    let slug = std::fs::read_dir(site.out.join("papers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("длинное"))
        .unwrap();
    assert!(slug.len() <= 120 && slug.len() > 110, "{slug}");
    assert!(!slug.ends_with('-'), "{slug}");
    assert!(site.exists(&format!("badges/{}.svg", "x".repeat(120))));
}

// The same author twice in one paper (first, and again as the corresponding
// author) showed them twice in every reference: a located warning, and the
// name once.
#[test]
fn an_author_listed_twice_is_warned_and_kept_once() {
    let site = TestSite::new().file(
        "papers/a.yaml",
        "title: T\ndate: 2020\nauthors:\n  - ada\n  - Bo Li\n  - { id: ada, corresponding: true }\n",
    );
    assert_eq!(
        warnings(&site),
        [
            "papers/a.yaml:6:5: warning: author `ada` is listed twice in this paper\n  hint: remove one entry; `equal:` and `corresponding:` can be set on the one kept"
        ]
    );
    let page = site.output("papers/a/index.html");
    assert_eq!(count(&page, "name=\"citation_author\""), 2, "{page}");
}
