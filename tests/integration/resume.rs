//! JSON Resume (`resume.json`) as an alternative to `cv.yaml`: a realistic
//! export (HTML in summaries, missing and empty dates, dates with a time, an
//! `endDate` left out for "present", fields folio does not show) builds into
//! `/cv/`, what is not shown is reported once with the reason, bad dates are
//! located, and a site with both files is told to keep one.

use std::path::Path;

use crate::common::{TestSite, single_error};

fn fixture() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resume/resume.json"),
    )
    .unwrap()
}

#[test]
fn a_real_json_resume_builds_into_the_cv_page() {
    let site = TestSite::new().file("resume.json", &fixture());
    let report = site.build();
    let html = site.output("cv/index.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    for heading in [
        "Positions",
        "Service",
        "Education",
        "Awards and honours",
        "Certificates",
        "Publications",
        "Skills",
        "Languages",
        "Interests",
        "References",
        "Projects",
    ] {
        assert!(
            main.contains(&format!("\">{heading}</h2>")),
            "no {heading}: {main}"
        );
    }
    assert!(main.contains("<h1>Dr. Priya Raman</h1>"));
    assert!(main.contains("Research Scientist, Computational Neuroscience"));
    // No endDate after a startDate: still going on.
    assert!(
        main.contains("<p class=\"cv-when\">Oct 2021 – present</p>"),
        "{main}"
    );
    // A date with a time is its day.
    assert!(main.contains("Jan 15, 2018 – Sep 30, 2021"));
    // HTML in a summary becomes its text, never markup or escaped tags.
    assert!(
        main.contains("<p>I study how cortical circuits learn &amp; forget.</p>"),
        "{main}"
    );
    assert!(
        !main.contains("&lt;b&gt;") && !main.contains("<b>"),
        "{main}"
    );
    assert!(main.contains(
        "<a href=\"https://neuromatch.social/@priya\">Mastodon: @priya@neuromatch.social</a>"
    ));
    assert!(main.contains("<li>GitHub: praman</li>"));
    assert!(main.contains("<dt>Grade</dt><dd>3.9</dd>"));
    assert!(main.contains("Forgetting curves in mouse cortex"));
    assert!(main.contains("<li>open data</li>"));
    // Everything not shown is reported in one warning, each with its reason.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    let about: Vec<&String> = warnings
        .iter()
        .filter(|w| w.starts_with("resume.json"))
        .collect();
    assert_eq!(about.len(), 1, "{warnings:#?}");
    for part in [
        "`basics.image` (the photo comes from the person's author file)",
        "`basics.location.address` (a street address is not published)",
        "`meta` (it describes the file, not the CV)",
        "`projects[0].type` (folio shows no project type)",
        "`hobbies` (not a JSON Resume field)",
        "the HTML of `basics.summary` (shown as its text)",
    ] {
        assert!(about[0].contains(part), "{part} in {}", about[0]);
    }
}

#[test]
fn resume_publications_give_way_to_the_sites_papers() {
    let site = TestSite::new()
        .paper("engine", "The Analytical Engine", "2024-01-05", "")
        .file("resume.json", &fixture());
    let report = site.build();
    let html = site.output("cv/index.html");
    assert!(!html.contains("Forgetting curves"));
    assert!(html.contains("/papers/engine/"));
    assert!(report.warnings.iter().any(|w| w.to_string().contains(
        "the publications of resume.json are not shown: the CV lists the site's papers/"
    )),);
}

#[test]
fn a_bad_resume_date_is_located() {
    let json = fixture().replace("\"startDate\": \"2013-09\"", "\"startDate\": \"Sept 2013\"");
    let site = TestSite::new().file("resume.json", &json);
    let err = site.build_err();
    let line = fixture()
        .lines()
        .position(|l| l.contains("\"startDate\": \"2013-09\""))
        .unwrap()
        + 1;
    let want = format!(
        "resume.json:{line}:20: error: date `Sept 2013` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15\n  hint: write YYYY, YYYY-MM or YYYY-MM-DD"
    );
    assert!(err.contains(&want), "{err}");
}

#[test]
fn invalid_json_is_located() {
    let site = TestSite::new().file("resume.json", "{\n  \"basics\": { \"name\": \"X\", }\n}\n");
    let err = single_error(site);
    assert!(err.starts_with("resume.json:2:"), "{err}");
    assert!(err.contains("error: not valid JSON"), "{err}");
}

#[test]
fn tabs_and_unicode_escapes_of_real_exports_are_read() {
    let json = "{\n\t\"basics\": {\n\t\t\"name\": \"Jos\\u00e9 \\\"Pep\\\" Garc\\u00eda\",\n\t\t\"url\": \"https:\\/\\/example.org\\/jose\"\n\t},\n\t\"work\": [{\"name\": \"Uni\", \"position\": \"Lecturer\", \"startDate\": \"2020\"}]\n}\n";
    let site = TestSite::new().file("resume.json", json);
    site.build();
    let html = site.output("cv/index.html");
    assert!(
        html.contains("<h1>José &quot;Pep&quot; García</h1>"),
        "{html}"
    );
    assert!(html.contains("href=\"https://example.org/jose\""));
}

#[test]
fn cv_yaml_and_resume_json_together_are_an_error() {
    let site = TestSite::new()
        .file("cv.yaml", "headline: X\n")
        .file("resume.json", &fixture());
    assert_eq!(
        single_error(site),
        "resume.json: error: cv.yaml and resume.json are both here: folio reads one CV\n  hint: keep one: remove (or rename) resume.json to use cv.yaml, or the other way round"
    );
}

// `folio watch` rebuilds when resume.json changes; the output is a full build's.
#[test]
fn watch_follows_resume_json_edits() {
    for poll in [false, true] {
        let site = TestSite::new().file("resume.json", &fixture());
        let _run = crate::watch::watch_mode(&site, poll);
        let site = site.file(
            "resume.json",
            &fixture().replace("Dr. Priya Raman", "Prof. Priya Raman"),
        );
        crate::watch::wait_until_fresh(&site, crate::watch::mode(poll)).unwrap();
        assert!(site.output("cv/index.html").contains("Prof. Priya Raman"));
    }
}

// Hostile text in a JSON Resume stays text, and a `javascript:` address is an
// error at its place.
#[test]
fn resume_text_is_escaped_and_links_are_checked() {
    let json = r#"{
  "basics": {
    "name": "<script>alert(1)</script>",
    "summary": "&lt;script&gt;alert(2)&lt;/script&gt; <img src=x onerror=alert(3)>"
  },
  "work": [{ "name": "<b>Org</b>", "position": "P", "startDate": "2020" }]
}
"#;
    let site = TestSite::new().file("resume.json", json);
    site.build();
    let html = site.output("cv/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img") && !html.contains("<b>Org"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{html}"
    );
    let bad = json.replace(
        "\"name\": \"<script>alert(1)</script>\",",
        "\"name\": \"X\",\n    \"url\": \"javascript:alert(1)\",",
    );
    let site = TestSite::new().file("resume.json", &bad);
    let err = site.build_err();
    assert!(
        err.contains("resume.json:4:12: error: website: `javascript:alert(1)` is not allowed"),
        "{err}"
    );
}
