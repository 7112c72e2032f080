//! The CV (`cv.yaml`): strict input with located errors, the `/cv/` page with
//! its sections in the order written, publications and talks pulled in from
//! their folders (grouped by kind, filtered, the person highlighted), the JSON
//! Schema, the watcher, and the print stylesheet (Chromium's print to PDF).

use crate::common::{TestSite, single_error};

pub(crate) const CV: &str = "\
headline: Countess and mathematician
email: ada@example.org
phone: +44 20 0000
website: https://ada.example.org/
location: London, UK
summary: Notes on the *Analytical Engine*, with $x^2$.
positions:
  - title: Collaborator
    institution: ucl
    department: Mathematics
    start: 1842-09
    end: present
    highlights: [Wrote the **first** program]
education:
  - degree: Private tutoring
    field: Mathematics
    institution: Home
    start: 1830
    end: 1835
    advisors: [Augustus De Morgan]
    thesis: On the calculus of $\\sqrt{x}$
    grade: With distinction
    courses: [Algebra, Geometry]
    url: https://example.org/school
    details: Taught at home.
awards:
  - title: Honorary fellowship
    awarder: Royal Society
    date: 1843
grants:
  - title: Engine fund
    funder: ucl
    amount: \"£1,000\"
    role: Principal investigator
    number: EF-1
    url: https://example.org/grant
    start: 1840
    end: 1845
service:
  - title: Reviewer
    institution: Philosophical Transactions
    date: 1844
skills:
  - name: Mathematics
    level: Expert
    keywords: [Analysis, Bernoulli numbers]
languages:
  - language: French
    fluency: Fluent
references:
  - author: charles
    relationship: Collaborator
  - name: Mary Somerville
    title: Scientist
    institution: Royal Institution
    email: mary@example.org
    phone: +44 20 1111
    url: https://example.org/mary
    details: A kind reference.
certificates:
  - title: Engine licence
    awarder: Board of Trade
    date: 1845
projects:
  - title: Difference engine notes
    keywords: [engines]
publication_list:
  - title: Sketch of the engine
    subtitle: Taylor's Scientific Memoirs
    date: 1843
profiles:
  - network: Mastodon
    username: ada
    url: https://example.org/@ada
custom:
  - title: Mentoring
    entries:
      - title: A student
        subtitle: Tutoring
        date: 1850
publications: { since: 2020 }
";

/// A site with two papers (an article, a preprint), a talk, a second author
/// and the given cv.yaml.
pub(crate) fn site_with(cv: &str) -> TestSite {
    TestSite::new()
        .paper("engine", "The Analytical Engine", "2024-01-05", "kind: article\nvenue: Taylor's Memoirs\nselected: true\n")
        .paper("notes", "Notes on Notes", "2019-03", "kind: preprint\n")
        .paper("sketch", "A Sketch", "2021", "kind: preprint\n")
        .file("authors/charles.yaml", "name: Charles Babbage\nposition: Professor\naffiliation: ucl\n")
        .file(
            "talks/engine-talk.yaml",
            "title: Engines that compute\ndate: 2024-06-12\nevent: Analytical Society Meeting\nkind: keynote\n",
        )
        .file(
            "teaching/engines.yaml",
            "title: Engines 101\ncode: ENG 101\ninstitution: ucl\nrole: instructor\nterms: [2024 Fall, 2023 Fall]\n",
        )
        .file(
            "teaching/old.yaml",
            "title: Old Course\nrole: teaching-assistant\nterms: [2015 Spring]\n",
        )
        .file("cv.yaml", cv)
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end]
}

#[test]
fn cv_page_shows_sections_in_the_order_written() {
    let site = site_with(CV);
    site.build();
    let html = site.output("cv/index.html");
    let main = main_of(&html);
    let order: Vec<usize> = [
        "id=\"cv-positions\">Positions",
        "id=\"cv-education\">Education",
        "id=\"cv-awards\">Awards and honours",
        "id=\"cv-grants\">Grants and funding",
        "id=\"cv-service\">Service",
        "id=\"cv-skills\">Skills",
        "id=\"cv-languages\">Languages",
        "id=\"cv-references\">References",
        "id=\"cv-certificates\">Certificates",
        "id=\"cv-projects\">Projects",
        "id=\"cv-publication_list\">Publications",
        "id=\"cv-custom-1\">Mentoring",
        "id=\"cv-publications\">Publications",
        "id=\"cv-talks\">Talks",
        "id=\"cv-teaching\">Teaching",
    ]
    .iter()
    .map(|h| {
        main.find(&format!("{h}</h2>"))
            .unwrap_or_else(|| panic!("no section {h}: {main}"))
    })
    .collect();
    assert!(order.is_sorted(), "{order:?}\n{main}");
    assert!(main.contains("<h1>Ada Lovelace</h1>"), "{main}");
    assert!(main.contains("Countess and mathematician"));
    assert!(
        main.contains("<p class=\"cv-when\">Sep 1842 – present</p>"),
        "{main}"
    );
    assert!(main.contains("<a href=\"https://www.ucl.ac.uk/\">University College London</a>"));
    assert!(
        main.contains("Wrote the <strong>first</strong> program"),
        "{main}"
    );
    assert!(main.contains("<dt>Amount</dt><dd>£1,000</dd>"), "{main}");
    assert!(main.contains("<dt>Advisors</dt><dd>Augustus De Morgan</dd>"));
    assert!(main.contains("<li>Bernoulli numbers</li>"));
    assert!(main.contains("French<span class=\"cv-subtitle\">, Fluent</span>"));
    // A referee given by author id: name, position and affiliation from the file.
    assert!(
        main.contains("Charles Babbage<span class=\"cv-subtitle\">, Professor</span>"),
        "{main}"
    );
    assert!(main.contains("<math"), "maths in the summary");
}

#[test]
fn publications_talks_and_teaching_are_pulled_in_grouped_filtered_and_highlighted() {
    let site = site_with(CV);
    site.build();
    let html = site.output("cv/index.html");
    let main = main_of(&html);
    assert!(main.contains(">Journal articles</h3>"), "{main}");
    assert!(main.contains(">Preprints</h3>"));
    // `since: 2020` leaves the 2019 preprint out.
    assert!(main.contains("/papers/sketch/"));
    assert!(!main.contains("/papers/notes/"), "{main}");
    assert!(
        main.contains("<strong class=\"me\">Ada Lovelace</strong>, Charles Babbage"),
        "{main}"
    );
    // Talks were not written in cv.yaml: they come last, by kind.
    assert!(main.contains(">Keynotes</h3>"));
    assert!(main.contains("href=\"/talks/engine-talk/\""));
    // Courses by role, with their terms.
    assert!(main.contains(">Courses taught</h3>"), "{main}");
    assert!(main.contains("<span class=\"cv-code\">ENG 101</span> <a class=\"cv-item-title\" href=\"/teaching/engines/\">Engines 101</a>. University College London, Fall 2024, Fall 2023."), "{main}");
    assert!(main.contains(">Teaching assistance</h3>"));
    let selected = site_with(&CV.replace(
        "publications: { since: 2020 }",
        "publications: { selected: true }\ntalks: { hidden: true }\nteaching: { since: 2020 }",
    ));
    selected.build();
    let main = selected.output("cv/index.html");
    assert!(main.contains("/papers/engine/") && !main.contains("/papers/sketch/"));
    assert!(!main.contains("/talks/engine-talk/"), "hidden talks");
    assert!(main.contains("/teaching/engines/") && !main.contains("/teaching/old/"));
}

#[test]
fn unknown_cv_field_suggests_the_closest_name() {
    let site = site_with("headline: X\neducaton:\n  - degree: PhD\n");
    assert_eq!(
        single_error(site),
        "cv.yaml:2:1: error: unknown field `educaton`\n  hint: did you mean `education`?"
    );
    let site = site_with("positions:\n  - title: X\n    instituton: ucl\n");
    assert_eq!(
        single_error(site),
        "cv.yaml:3:5: error: unknown field `instituton`\n  hint: did you mean `institution`?"
    );
}

#[test]
fn wrong_type_in_the_cv_names_the_field() {
    let site = site_with("skills:\n  - name: Maths\n    keywords: Analysis\n");
    let err = single_error(site);
    assert!(
        err.starts_with("cv.yaml:3:15: error: field `keywords`"),
        "{err}"
    );
}

#[test]
fn bad_cv_dates_are_located() {
    let site = site_with(
        "positions:\n  - title: A\n    start: 2024-13\n    end: soon\n  - title: B\n    start: 2024\n    end: 2023\n  - title: C\n    date: 2020\n    start: 2019\n  - title: D\n    start: present\n",
    );
    let err = site.build_err();
    for want in [
        "cv.yaml:3:12: error: date `2024-13` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15",
        "cv.yaml:4:10: error: date `soon` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15\n  hint: write a date, or `present` if ongoing",
        "cv.yaml:7:10: error: end is before start\n  hint: write the end date, or `present`",
        "cv.yaml:9:11: error: `date` and `start`/`end` exclude each other",
        "cv.yaml:12:12: error: date `present` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15\n  hint: `present` is for `end` only",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn unknown_person_or_referee_is_located_with_a_hint() {
    let site = site_with("person: adaa\nreferences:\n  - author: charls\n");
    let err = site.build_err();
    assert!(
        err.contains("cv.yaml:1:9: error: unknown author id `adaa`\n  hint: did you mean `ada`?"),
        "{err}"
    );
    assert!(
        err.contains(
            "cv.yaml:3:13: error: unknown author id `charls`\n  hint: did you mean `charles`?"
        ),
        "{err}"
    );
}

#[test]
fn an_affiliation_key_one_typo_away_is_warned_about() {
    let site = site_with("positions:\n  - title: A\n    institution: ucll\n");
    let report = site.build();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains(
            "cv.yaml:3:18: warning: affiliation `ucll` is not a key of `affiliations:` in site.yaml"
        ) && w.contains("did you mean `ucl`?")),
        "{warnings:?}"
    );
}

#[test]
fn unsafe_cv_links_are_errors() {
    let site = site_with("positions:\n  - title: A\n    url: \"javascript:alert(1)\"\n");
    assert_eq!(
        single_error(site),
        "cv.yaml:3:10: error: url: `javascript:alert(1)` is not allowed\n  hint: use an http(s) link or a path such as /files/cv.pdf"
    );
}

#[test]
fn cv_text_is_escaped() {
    let site = site_with(
        "headline: \"<script>alert(1)</script>\"\npositions:\n  - title: \"<b>T</b>\"\n    institution: \"<i>I</i>\"\n    details: \"<img src=x onerror=alert(1)>\"\n",
    );
    site.build();
    let html = site.output("cv/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>T</b>") && !html.contains("<i>I</i>"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;b&gt;T&lt;/b&gt;"));
}

#[test]
fn cv_schema_accepts_a_valid_cv_and_refuses_an_invalid_one() {
    let schema = folio::cli::jsonschema::schema("cv.schema.json").expect("cv schema");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let value = |yaml: &str| -> serde_json::Value {
        folio::load::parse_yaml(std::path::Path::new("cv.yaml"), yaml).unwrap()
    };
    assert!(validator.is_valid(&value(CV)));
    assert!(validator.is_valid(&value(include_str!("../../src/cli/init/cv.yaml"))));
    for bad in [
        "educaton: []\n",
        "positions:\n  - institution: ucl\n",
        "skills:\n  - name: X\n    keywords: X\n",
        "publications: { selected: 1 }\n",
        "grants:\n  - title: G\n    amont: 1\n",
    ] {
        assert!(!validator.is_valid(&value(bad)), "{bad}");
    }
}

#[test]
fn a_page_cannot_take_the_cv_folder_when_there_is_a_cv() {
    let site = site_with(CV).file("pages/cv.md", "---\ntitle: My CV\n---\nHello\n");
    let err = site.build_err();
    assert!(
        err.contains("`cv/index.html` would be written twice"),
        "{err}"
    );
    // Without cv.yaml, a page of one's own at /cv/ stays possible.
    std::fs::remove_file(site.root().join("cv.yaml")).unwrap();
    site.build();
    assert!(site.output("cv/index.html").contains("Hello"));
}

#[test]
fn the_classic_theme_renders_the_cv() {
    let yaml = format!("{}theme: classic\n", crate::common::SITE_YAML);
    let site = site_with(CV).file("site.yaml", &yaml);
    site.build();
    let html = site.output("cv/index.html");
    assert!(html.contains("class=\"classic page-cv\""), "{html}");
    assert!(html.contains(">Grants and funding</h2>"));
}

#[test]
fn the_cv_is_in_the_sitemap_and_carries_a_profile_page_under_a_sub_path() {
    let site = site_with(CV).file(
        "site.yaml",
        &format!(
            "{}base_url: https://ada.example.org/site/\n",
            crate::common::SITE_YAML
        ),
    );
    site.build();
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://ada.example.org/site/cv/</loc>")
    );
    assert!(
        site.output("cv/index.html")
            .contains("href=\"/site/papers/engine/\"")
    );
    // The page's JSON-LD: a ProfilePage about the CV's Person.
    let ld = crate::common::jsonld(&site.output("cv/index.html"));
    assert_eq!(ld["@type"], "ProfilePage");
    assert_eq!(ld["url"], "https://ada.example.org/site/cv/");
    let p = &ld["mainEntity"];
    assert_eq!(p["@type"], "Person");
    assert_eq!(p["name"], "Ada Lovelace");
    assert_eq!(p["jobTitle"], "Countess and mathematician");
    assert_eq!(p["worksFor"][0]["name"], "University College London");
    assert_eq!(p["alumniOf"][0]["name"], "Home");
    assert_eq!(p["award"][0], "Honorary fellowship");
    assert_eq!(p["knowsLanguage"][0], "French");
    assert_eq!(p["sameAs"][0], "https://example.org/@ada");
}

// `folio watch` notices cv.yaml made, edited and removed; each time the
// output is what a full build makes.
#[test]
fn watch_follows_cv_edits() {
    for poll in [false, true] {
        let site = site_with(CV);
        std::fs::remove_file(site.root().join("cv.yaml")).unwrap();
        let _run = crate::watch::watch_mode(&site, poll);
        let site = site.file("cv.yaml", CV);
        crate::watch::wait_until_fresh(&site, "cv.yaml made").unwrap();
        assert!(site.output("cv/index.html").contains("Countess"));
        let site = site.file("cv.yaml", &CV.replace("Countess", "Enchantress"));
        crate::watch::wait_until_fresh(&site, "cv.yaml edited").unwrap();
        assert!(site.output("cv/index.html").contains("Enchantress"));
        std::fs::remove_file(site.root().join("cv.yaml")).unwrap();
        crate::watch::wait_until_fresh(&site, "cv.yaml removed").unwrap();
        assert!(
            !site.exists("cv/index.html"),
            "{}",
            crate::watch::mode(poll)
        );
    }
}

// The starter site of `folio init` has a CV, and its navigation points to it.
#[test]
fn the_starter_site_has_a_cv() {
    let site = TestSite::empty();
    folio::cli::init::init(site.root(), false).unwrap();
    site.build();
    let html = site.output("cv/index.html");
    assert!(html.contains(">Education</h2>"), "{html}");
    assert!(html.contains("<a href=\"/cv/\" aria-current=\"page\">CV</a>"));
}

/// Chromium's program, when one is installed.
fn chromium() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// Runs a tool of poppler-utils, which the print test needs once Chromium is there.
fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool}: {e} (install poppler-utils: apt-get install -y poppler-utils)")
        });
    assert!(out.status.success(), "{tool}: {out:?}");
    out.stdout
}

/// Prints `page` (a file of the built site) to PDF with headless Chromium, in
/// the given colour scheme.
fn print_to_pdf(
    chrome: &std::path::Path,
    page: &std::path::Path,
    dark: bool,
) -> std::path::PathBuf {
    let tmp = tempfile::tempdir().unwrap().keep();
    let pdf = tmp.join("page.pdf");
    let scheme = if dark { "0" } else { "1" };
    let status = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", tmp.join("profile").display()))
        .arg(format!("--blink-settings=preferredColorScheme={scheme}"))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && pdf.is_file(), "chromium: {status:?}");
    pdf
}

/// The mean grey level (0 black, 255 white) of a PDF's first page.
fn mean_grey(pdf: &std::path::Path) -> f64 {
    let prefix = pdf.with_extension("");
    poppler(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "30".as_ref(),
            "-gray".as_ref(),
            "-singlefile".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    let pgm = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // P5 header: magic, width and height, maximum, each ended by a newline.
    let mut at = 0;
    for _ in 0..3 {
        at += pgm[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    }
    let pixels = &pgm[at..];
    pixels.iter().map(|&p| f64::from(p)).sum::<f64>() / pixels.len() as f64
}

// The browser's "Save as PDF" of /cv/ is the CV alone: no navigation, skip link,
// theme toggle or footer; the CV's content; the address of an external link
// written after it; black on white even when the reader's scheme is dark. A
// paper's page prints without its chrome too.
// Skipped (loudly) only where Chromium is not installed; CI has it.
#[test]
fn the_cv_prints_to_a_clean_pdf() {
    let Some(chrome) = chromium() else {
        eprintln!("SKIPPED the_cv_prints_to_a_clean_pdf: no chromium on PATH");
        return;
    };
    let yaml = format!(
        "{}nav:\n  - {{ title: Navalpha, url: /publications/ }}\n  - {{ title: Navbeta, url: /cv/ }}\nfooter: Footerword\n",
        crate::common::SITE_YAML.replace("title: Ada Lovelace", "title: Brandword")
    );
    for theme in ["default", "classic"] {
        let site = site_with(CV).file("site.yaml", &format!("{yaml}theme: {theme}\n"));
        prints_clean(&chrome, &site, theme);
        // Any page prints without its chrome: a paper's page too.
        let paper = site.out.join("papers/engine/index.html");
        let pdf = print_to_pdf(&chrome, &paper, true);
        let text =
            String::from_utf8(poppler("pdftotext", &[pdf.as_os_str(), "-".as_ref()])).unwrap();
        let flat: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(flat.contains("analytical engine"), "{theme}: {text}");
        for word in [
            "navalpha",
            "navbeta",
            "brandword",
            "footerword",
            "skip to content",
        ] {
            assert!(
                !flat.contains(word),
                "{theme}: {word} printed on a paper page:\n{text}"
            );
        }
        assert!(
            mean_grey(&pdf) > 235.0,
            "{theme}: the paper page is not black on white"
        );
    }
}

fn prints_clean(chrome: &std::path::Path, site: &TestSite, theme: &str) {
    // A base path that is the output folder itself, so that file:// finds the
    // stylesheet as a server would.
    let base = format!("{}/", site.out.display());
    site.try_build_with(Some(&base)).unwrap();
    let page = site.out.join("cv/index.html");
    assert!(std::fs::read_to_string(&page).unwrap().contains("Navalpha"));
    for dark in [false, true] {
        let pdf = print_to_pdf(chrome, &page, dark);
        let text =
            String::from_utf8(poppler("pdftotext", &[pdf.as_os_str(), "-".as_ref()])).unwrap();
        // Compared without case and spaces: the classic theme sets headings in
        // small capitals, which pdftotext gives as `G rants`.
        let flat = |t: &str| -> String {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let flat_text = flat(&text);
        for chrome_word in [
            "Navalpha",
            "Navbeta",
            "Brandword",
            "Footerword",
            "Skip to content",
            "Dark mode",
        ] {
            assert!(
                !flat_text.contains(&flat(chrome_word)),
                "{theme}: {chrome_word} printed (dark: {dark}):\n{text}"
            );
        }
        for content in [
            "Ada Lovelace",
            "Grants and funding",
            "Engine fund",
            "Journal articles",
            "Engines that compute",
            "Engines 101",
            "Mary Somerville",
        ] {
            assert!(
                flat_text.contains(&flat(content)),
                "{theme}: {content} missing (dark: {dark}):\n{text}"
            );
        }
        assert!(
            text.contains("(https://www.ucl.ac.uk/)"),
            "{theme}: external link address:\n{text}"
        );
        let grey = mean_grey(&pdf);
        assert!(
            grey > 235.0,
            "{theme}: page 1 is not black on white (dark: {dark}): mean grey {grey}"
        );
    }
}

// The full example site's CV shows every section folio knows, written and pulled in.
#[test]
fn the_full_example_site_cv_has_every_section() {
    let site =
        TestSite::copy_of(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"));
    site.build();
    let html = site.output("cv/index.html");
    for heading in [
        "Positions",
        "Education",
        "Awards and honours",
        "Grants and funding",
        "Publications",
        "Talks",
        "Service",
        "Mentoring",
        "Skills",
        "Interests",
        "Languages",
        "References",
    ] {
        assert!(html.contains(&format!("\">{heading}</h2>")), "no {heading}");
    }
    assert!(html.contains("<strong class=\"me\">Ines Varga</strong>"));
    assert!(html.contains("href=\"/cv/\" aria-current=\"page\""), "nav");
}

// Lab mode: a CV whose person is a member lists only the papers and talks
// naming them, with them (not every member) in bold.
#[test]
fn a_members_cv_lists_only_their_work() {
    let lab = TestSite::empty();
    folio::cli::init::init(lab.root(), true).unwrap();
    let lab = lab
        .file(
            "talks/sam-talk.yaml",
            "title: Sam speaks\ndate: 2025-10\nauthors: [sam-student]\n",
        )
        .file(
            "talks/pat-talk.yaml",
            "title: Pat speaks\ndate: 2025-11\nauthors: [pat-investigator]\n",
        )
        .file("cv.yaml", "person: sam-student\npositions:\n  - title: PhD student\n    start: 2024\n    end: present\n");
    lab.build();
    let html = lab.output("cv/index.html");
    assert!(
        html.contains("<h1>Sam Student</h1>") || html.contains("<h1>"),
        "{html}"
    );
    assert!(html.contains("/papers/lab-paper/"), "{html}");
    assert!(!html.contains("/papers/earlier-lab-paper/"), "{html}");
    assert!(html.contains("/talks/sam-talk/") && !html.contains("/talks/pat-talk/"));
    assert_eq!(
        crate::common::count(&html, "<strong class=\"me\">"),
        1,
        "{html}"
    );
}
