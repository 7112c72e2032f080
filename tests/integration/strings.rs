//! The string table catches every word folio writes: sites built with the
//! pseudo-locale `x-pseudo` (English with each string wrapped in `⟦…⟧`) show no
//! visible text outside `⟦…⟧` that does not come from the site's own files.

use std::collections::HashSet;
use std::path::Path;

use crate::common::TestSite;

/// Every word (two letters or more) of the site's input files.
fn data_words(root: &Path) -> HashSet<String> {
    let mut words = HashSet::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("yaml" | "md")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        words.extend(words_of(&text).map(str::to_string));
    }
    words.extend(field_labels(root));
    words
}

/// The labels folio makes of a collection's field names (`first_release`
/// shows as `First release`): data too.
fn field_labels(root: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(root.join("site.yaml")) else {
        return Vec::new();
    };
    let site: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let mut labels = Vec::new();
    let collections = site["collections"].as_object().into_iter().flatten();
    for (_, collection) in collections {
        for name in collection["fields"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|f| f.0)
        {
            let mut chars = name.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            labels.push(first.unwrap_or_default() + chars.as_str());
        }
    }
    labels
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
}

/// Removes `⟦…⟧` spans (which nest: a date pattern holds a month name).
fn outside_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => {
                depth = depth.saturating_sub(1);
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text a reader meets on a page: text nodes (SVG's too: the chart's
/// tooltips, a badge's label), the attributes that browsers show or read
/// aloud, and the messages the page script shows (the search panel's
/// `data-` strings). Machine-readable parts are left out: scripts and
/// JSON-LD, meta tags, MathML, the BibTeX entry (syntax, not words) and the
/// initials shown in place of a missing photo (data). The formatted reference
/// is checked like any text: its words ("In", "Eds.", "pp.") come from the
/// string table too.
fn visible_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<math", "</math>"),
        ("<pre class=\"bibtex\"", "</pre>"),
        ("<head>", "</head>"),
        // Initials of a name without a photo: data, hidden from screen readers.
        ("<div class=\"photo photo-initials\"", "</div>"),
        ("<div class=\"photo photo-small photo-initials\"", "</div>"),
    ] {
        while let Some(start) = html.find(open) {
            let end = html[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        for attr in [
            " title=\"",
            " alt=\"",
            " aria-label=\"",
            " placeholder=\"",
            " data-loading=\"",
            " data-failed=\"",
            " data-none=\"",
            " data-one=\"",
            " data-many=\"",
        ] {
            if let Some(i) = tag.find(attr) {
                let value = &tag[i + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[gt..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The labels of the search index's kinds of page, which the page script
/// shows beside each result.
fn search_kinds(json: &str) -> String {
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    let kinds = index["kinds"]
        .as_array()
        .expect("the index names its kinds");
    kinds
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of the built pages (and of the SVG badges and the search index's
/// labels) that lie outside `⟦…⟧` and in no input file, with the file where
/// each was first seen.
fn stray_words(site: &TestSite) -> Vec<String> {
    let known = data_words(site.root());
    let mut stray = Vec::new();
    let mut seen = HashSet::new();
    for entry in walkdir::WalkDir::new(&site.out).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_str().unwrap_or("");
        let ext = entry.path().extension().and_then(|e| e.to_str());
        let shown = match ext {
            Some("html" | "svg") => visible_text(&std::fs::read_to_string(entry.path()).unwrap()),
            _ if name == "search.json" => {
                search_kinds(&std::fs::read_to_string(entry.path()).unwrap())
            }
            _ => continue,
        };
        // A picture of the site's own (static/) is data.
        if ext == Some("svg") && !entry.path().starts_with(site.out.join("badges")) {
            continue;
        }
        let text = outside_brackets(&shown);
        for w in words_of(&text) {
            if !known.contains(w) && seen.insert(w.to_string()) {
                let rel = entry.path().strip_prefix(&site.out).unwrap();
                stray.push(format!("{w} ({})", rel.display()));
            }
        }
    }
    stray
}

fn set_site_key(site: &TestSite, key: &str, value: &str) {
    let path = site.root().join("site.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut kept: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .collect();
    let line = format!("{key}: {value}");
    kept.push(&line);
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
}

fn example_site() -> TestSite {
    TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"))
}

#[test]
fn every_word_of_the_example_site_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = example_site();
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// A lab, with its home page's introduction and group photo, in both themes.
#[test]
fn every_word_of_a_lab_site_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), true).unwrap();
        let site = site.bytes("static/images/group.png", &crate::common::png(64, 32));
        set_site_key(
            &site,
            "lab",
            "{ intro: \"We study *things*.\", photo: { src: /images/group.png, alt: The group } }",
        );
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        assert!(site.output("index.html").contains("lab-photo"));
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

/// The check itself: English pages are full of words that are in no data file.
#[test]
fn the_pseudo_locale_check_sees_english_words() {
    let site = example_site();
    site.build();
    let stray = stray_words(&site);
    // Page text, a tooltip, the search panel's messages and the search
    // index's labels.
    for word in ["Abstract", "Cite", "Published", "Loading", "Paper"] {
        assert!(
            stray.iter().any(|s| s.starts_with(&format!("{word} "))),
            "{word} not caught: {stray:?}"
        );
    }
}

#[test]
fn a_site_overrides_single_strings() {
    let site = example_site();
    set_site_key(
        &site,
        "strings",
        "{ abstract: Summary, n_papers: { one: '{n} article', other: '{n} articles' } }",
    );
    site.build();
    let paper = walkdir::WalkDir::new(site.out.join("papers"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.ends_with("index.html") && p.parent() != Some(&site.out.join("papers")))
        .unwrap();
    let html = std::fs::read_to_string(paper).unwrap();
    assert!(html.contains("<h2 id=\"abstract-heading\">Summary</h2>"));
    let topics = std::fs::read_to_string(site.out.join("topics/index.html")).unwrap();
    assert!(topics.contains(" articles</span>"), "{topics}");
}

#[test]
fn an_unknown_string_is_a_located_error_with_a_hint() {
    let site = TestSite::new().file(
        "site.yaml",
        "title: T\nowner: ada\nstrings:\n  abstrct: Summary\n",
    );
    let err = site.try_build_with(None).unwrap_err().to_string();
    assert!(
        err.contains(
            "site.yaml:4:12: error: strings.abstrct: folio has no string of this name; did you mean `abstract`?"
        ),
        "{err}"
    );
}

// Talks: the list page, a talk page with every field, the talks section of
// a paper page and the home page's talk sections, in both built-in themes.
#[test]
fn every_word_of_a_site_with_talks_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), false).unwrap();
        let site = site.file(
            "talks/poster.yaml",
            "title: Posters\ndate: 2024-05-02\nend_date: 2024-05-03\nkind: poster\n\
             event: Summer School\nlocation: { city: Oslo, country: Norway, latitude: 59.9, longitude: 10.7 }\n\
             links: { slides: https://example.org/s, video: https://example.org/v, recording: https://example.org/r, \
             event: https://example.org/e, poster: https://example.org/p, code: https://example.org/c }\n\
             papers: [first-paper, second-paper]\nauthors: [you]\n",
        );
        // And the home page's talk sections (one upcoming, two recent).
        let site = site.file("talks/later.yaml", "title: Later\ndate: 2030-01-01\n");
        set_site_key(
            &site,
            "home",
            "[news, papers, upcoming_talks, recent_talks, topics]",
        );
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        assert!(
            site.exists("talks/poster/index.html") && site.exists("talks/first-talk/index.html")
        );
        assert!(site.output("index.html").contains("upcoming-talks-heading"));
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// Posts: the paginated list, a tag page, a post page with every field and its
// neighbours, a draft (as `folio serve` builds it) and the posts of an author
// page, in both built-in themes.
#[test]
fn every_word_of_a_site_with_posts_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), false).unwrap();
        let site = site
            .file(
                "posts/second.md",
                "---\ntitle: Second post\ndate: 2025-09-01\nupdated: 2025-09-02\ntags: [notes]\n\
                 authors: [you]\npapers: [second-paper]\nsummary: Short.\n---\nSome text.\n",
            )
            .file(
                "posts/draft.md",
                "---\ntitle: Unfinished\ndate: 2025-10-01\ndraft: true\n---\nLater.\n",
            );
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        set_site_key(&site, "posts_per_page", "1");
        set_site_key(&site, "home", "[posts, papers]");
        folio::build(&folio::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(site.out.clone()),
            overrides: folio::resolve::Overrides {
                drafts: true,
                ..Default::default()
            },
        })
        .unwrap_or_else(|e| panic!("{e}"));
        for page in [
            "posts/draft/",
            "posts/second/",
            "posts/page/3/",
            "posts/tags/notes/",
        ] {
            assert!(site.exists(&format!("{page}index.html")), "{page}");
        }
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// Teaching: the list page, a course page with every field, and the courses
// on the owner's page, in both built-in themes.
#[test]
fn every_word_of_a_site_with_teaching_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), false).unwrap();
        let site = site.file(
            "teaching/full.yaml",
            "title: Everything\ncode: X 1\ninstitution: uni\nrole: co-instructor\n\
             terms: [2024 Winter, 2024 Spring, 2024 Summer, 2024 Fall, 2025-01-15]\nlevel: Graduate\n\
             links: { syllabus: https://example.org/s, materials: https://example.org/m, page: https://example.org/p }\n\
             authors: [you]\ndescription: Data.\n",
        );
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        assert!(
            site.exists("teaching/full/index.html")
                && site.exists("teaching/first-course/index.html")
        );
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// The CV page with every section and field, in both built-in themes.
#[test]
fn every_word_of_a_cv_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = crate::cv::site_with(crate::cv::CV);
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        assert!(site.exists("cv/index.html"));
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// Projects: the card grid, a project page with every field (Markdown file), the
// projects of a paper, a talk and the owner's page, and the home page's current
// projects, in both built-in themes.
#[test]
fn every_word_of_a_site_with_projects_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::empty();
        folio::cli::init::init(site.root(), false).unwrap();
        let site = site.file(
            "projects/full.md",
            "---\ntitle: Everything\nsummary: Short.\nstatus: completed\nstart: 2020\nend: 2022-05\n\
             image: /images/first-project.svg\nimage_alt: Alt\npeople: [you]\npapers: [first-paper]\n\
             talks: [first-talk]\nlinks: { code: https://example.org/c, website: https://example.org/w, \
             demo: https://example.org/d, data: https://example.org/x }\ntags: [one, two]\n---\nBody.\n",
        );
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        set_site_key(&site, "home", "[current_projects, papers]");
        site.build();
        assert!(
            site.output("index.html")
                .contains("/projects/first-project/")
        );
        assert!(
            site.exists("projects/full/index.html")
                && site.exists("projects/first-project/index.html")
        );
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// The full example: every content kind at once (posts, talks, teaching,
// projects, the CV, a collection, news, pages), the metrics badges and chart,
// the search panel and index, and the 404 page, in both built-in themes.
#[test]
fn every_word_of_the_full_example_comes_from_the_string_table_or_the_data() {
    for theme in ["default", "classic"] {
        let site = TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
        set_site_key(&site, "language", "x-pseudo");
        set_site_key(&site, "theme", theme);
        site.build();
        for page in [
            "404.html",
            "cv/index.html",
            "software/vardecomp/index.html",
            "posts/page/2/index.html",
            "talks/variance-keynote/index.html",
            "teaching/statistical-genomics/index.html",
            "projects/integration-limits/index.html",
            "search.json",
            "badges/citations.svg",
        ] {
            assert!(site.exists(page), "{theme}: {page}");
        }
        let stray = stray_words(&site);
        assert!(
            stray.is_empty(),
            "{theme}: words outside the table: {stray:#?}"
        );
    }
}

// `language:` picks one of folio's tables; a region tag uses its language's.
#[test]
fn a_site_in_german_or_arabic_gets_folio_s_words_dates_and_direction() {
    let site = example_site();
    set_site_key(&site, "language", "de-at");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains("<html lang=\"de-AT\">"), "{home}");
    assert!(home.contains("Ausgewählte Publikationen") || home.contains("Neueste Publikationen"));
    let publications = site.output("publications/index.html");
    assert!(
        publications.contains("Publikationen filtern"),
        "{publications}"
    );

    let site = example_site();
    set_site_key(&site, "language", "ar");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"), "{home}");
    assert!(home.contains("انتقل إلى المحتوى"));
}

#[test]
fn a_language_that_is_not_a_tag_is_a_located_error_naming_the_tag_meant() {
    let site = TestSite::new().file("site.yaml", "title: T\nowner: ada\nlanguage: Deutsch\n");
    let err = site.try_build_with(None).unwrap_err().to_string();
    assert!(
        err.contains(
            "site.yaml:3:11: error: language `Deutsch` is not a language tag; did you mean `de`?"
        ),
        "{err}"
    );
}
