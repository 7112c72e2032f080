//! Teaching (`teaching/<slug>.yaml`): strict input with located errors, the
//! teaching page (one entry per course with all its terms) and one page per
//! course, JSON-LD `Course`, member pages listing their courses.

use crate::common::{TestSite, jsonld, single_error};

const COURSE: &str = "title: Machines that compute\ncode: CS 101\ninstitution: ucl\nrole: instructor\nterms: [2023 Fall, 2024 Fall, 2025 Spring]\nlevel: Undergraduate\ndescription: Why $x^2$ grows.\nlinks: { syllabus: /files/cs101.pdf, page: https://example.org/cs101 }\nauthors: [ada]\n";

/// A site (owner `ada`, affiliation `ucl`) with the given course files.
fn site_with(courses: &[(&str, &str)]) -> TestSite {
    let mut site = TestSite::new();
    for (slug, yaml) in courses {
        site = site.file(&format!("teaching/{slug}.yaml"), yaml);
    }
    site
}

#[test]
fn unknown_course_field_suggests_the_closest_name() {
    let site = site_with(&[("c", "title: C\nterms: 2024 Fall\ndescripton: x\n")]);
    assert_eq!(
        single_error(site),
        "teaching/c.yaml:3:1: error: unknown field `descripton`\n  hint: did you mean `description`?"
    );
}

#[test]
fn unknown_course_role_suggests_a_known_one() {
    let site = site_with(&[
        ("a", "title: A\nterms: 2024\nrole: instuctor\n"),
        ("b", "title: B\nterms: 2024\nrole: TA\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("teaching/a.yaml:3:7: error: field `role`: `instuctor` is not a known value\n  hint: did you mean `instructor`?"),
        "{err}"
    );
    assert!(
        err.contains("teaching/b.yaml:3:7: error: field `role`: `TA` is not a known value\n  hint: did you mean `teaching-assistant`?"),
        "{err}"
    );
}

#[test]
fn wrong_type_in_a_course_names_the_field() {
    let site = site_with(&[("c", "title: C\nterms: 2024\nauthors: ada\n")]);
    let err = single_error(site);
    assert!(
        err.starts_with("teaching/c.yaml:3:10: error: field `authors`"),
        "{err}"
    );
}

#[test]
fn bad_terms_are_located_with_a_hint() {
    let site = site_with(&[
        ("a", "title: A\nterms: [2024 Fall, 2024 Fal, 2025-13]\n"),
        ("b", "title: B\nterms: Sprung 2025\n"),
    ]);
    let err = site.build_err();
    assert!(
        err.contains("teaching/a.yaml:2:20: error: term `2024 Fal` is not valid: write a year and a season (`2024 Fall`, `2025 Spring`) or a date (YYYY-MM-DD, YYYY-MM or YYYY)\n  hint: did you mean `2024 Fall`?"),
        "{err}"
    );
    assert!(
        err.contains("teaching/a.yaml:2:30: error: term `2025-13` is not valid"),
        "{err}"
    );
    assert!(
        err.contains("teaching/b.yaml:2:8: error: term `Sprung 2025` is not valid")
            && err.contains("hint: did you mean `Spring 2025`?"),
        "{err}"
    );
}

#[test]
fn a_course_without_terms_is_an_error() {
    let missing = site_with(&[("c", "title: C\n")]);
    assert!(
        single_error(missing).contains("missing field `terms`"),
        "a course needs its terms"
    );
    let empty = site_with(&[("c", "title: C\nterms: []\n")]);
    assert_eq!(
        single_error(empty),
        "teaching/c.yaml:2:8: error: terms: no term given\n  hint: write at least one term, such as `2024 Fall`"
    );
}

#[test]
fn an_unknown_teacher_id_is_located_with_a_hint() {
    let site = site_with(&[("c", "title: C\nterms: 2024\nauthors: [ada, adaa]\n")]);
    assert_eq!(
        single_error(site),
        "teaching/c.yaml:3:16: error: unknown author id `adaa`\n  hint: did you mean `ada`?"
    );
}

#[test]
fn unsafe_course_links_are_errors() {
    let site = site_with(&[(
        "c",
        "title: C\nterms: 2024\nlinks: { materials: \"javascript:alert(1)\" }\n",
    )]);
    assert_eq!(
        single_error(site),
        "teaching/c.yaml:3:21: error: links.materials: `javascript:alert(1)` is not allowed\n  hint: use an http(s) link or a path such as /files/slides.pdf"
    );
}

#[test]
fn course_schema_accepts_a_valid_course_and_refuses_an_invalid_one() {
    let schema = folio::cli::jsonschema::schema("course.schema.json").expect("course schema");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let value = |yaml: &str| -> serde_json::Value {
        folio::load::parse_yaml(std::path::Path::new("c.yaml"), yaml).unwrap()
    };
    assert!(validator.is_valid(&value(COURSE)));
    assert!(validator.is_valid(&value("title: C\nterms: 2024 Fall\n")));
    assert!(validator.is_valid(&value("title: C\nterms: 2024\ncode: 101\n")));
    for bad in [
        "title: C\nterms: 2024\nsylabus: x\n",
        "title: C\nterms: 2024\nrole: instuctor\n",
        "title: C\nterms: 2024\nlinks: { slides: x }\n",
        "title: C\n",
        "terms: 2024\n",
    ] {
        assert!(!validator.is_valid(&value(bad)), "{bad}");
    }
}

#[test]
fn teaching_page_lists_each_course_once_with_all_its_terms() {
    let site = site_with(&[
        ("cs101", COURSE),
        (
            "old",
            "title: Older course\nterms: [2019-09, 2020 Winter]\nrole: teaching-assistant\ninstitution: Free Text University\n",
        ),
    ]);
    site.build();
    let list = site.output("teaching/index.html");
    let (new, old) = (
        list.find("href=\"/teaching/cs101/\"").unwrap(),
        list.find("href=\"/teaching/old/\"").unwrap(),
    );
    assert!(new < old, "the course taught last comes first: {list}");
    assert!(list.contains("<span class=\"course-code\">CS 101</span>"));
    assert!(list.contains("<span class=\"tag course-role\">Instructor</span>"));
    assert!(list.contains("<a href=\"https://www.ucl.ac.uk/\">University College London</a>"));
    assert!(list.contains("Free Text University"));
    // Every term, newest first; a dated term has a machine-readable date.
    let terms = ["Spring 2025", "Fall 2024", "Fall 2023"].map(|t| list.find(t).unwrap());
    assert!(terms[0] < terms[1] && terms[1] < terms[2], "{list}");
    assert!(
        list.contains("<time datetime=\"2019-09\">Sep 2019</time>"),
        "{list}"
    );
    let page = site.output("teaching/cs101/index.html");
    assert!(page.contains("<dd>Undergraduate</dd>"), "{page}");
    assert!(page.contains("href=\"/files/cs101.pdf\""));
    assert!(page.contains(">Syllabus</a>"));
    assert!(page.contains("<math"), "maths in the description: {page}");
    assert!(page.contains("href=\"/authors/ada/\""));
}

#[test]
fn a_course_page_carries_a_course_with_instances_and_provider() {
    let site = site_with(&[("cs101", COURSE)]).file(
        "site.yaml",
        &format!(
            "{}base_url: https://ada.example.org/site/\n",
            crate::common::SITE_YAML
        ),
    );
    site.build();
    let html = site.output("teaching/cs101/index.html");
    let ld = jsonld(&html);
    assert_eq!(ld["@type"], "Course");
    assert_eq!(ld["name"], "Machines that compute");
    assert_eq!(ld["courseCode"], "CS 101");
    assert_eq!(ld["url"], "https://ada.example.org/site/teaching/cs101/");
    assert_eq!(ld["provider"]["name"], "University College London");
    let instances = ld["hasCourseInstance"].as_array().unwrap();
    assert_eq!(instances.len(), 3);
    assert_eq!(instances[0]["@type"], "CourseInstance");
    assert_eq!(instances[0]["name"], "Spring 2025");
    assert_eq!(instances[0]["instructor"][0]["name"], "Ada Lovelace");
    assert!(html.contains("href=\"/site/files/cs101.pdf\""), "{html}");
    assert!(
        site.output("teaching/index.html")
            .contains("href=\"/site/teaching/cs101/\"")
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://ada.example.org/site/teaching/</loc>"));
    assert!(sitemap.contains("<loc>https://ada.example.org/site/teaching/cs101/</loc>"));
}

#[test]
fn course_text_is_escaped_everywhere() {
    let hostile = "title: \"<script>alert(1)</script> & co\"\ncode: \"<b>X</b>\"\nterms: 2024\nlevel: \"<i>L</i>\"\ninstitution: \"<u>U</u>\"\ndescription: \"</script><img src=x onerror=alert(1)>\"\n";
    let site = site_with(&[("h", hostile)]);
    site.build();
    for page in ["teaching/index.html", "teaching/h/index.html"] {
        let html = site.output(page);
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        for raw in ["<b>X</b>", "<i>L</i>", "<u>U</u>", "<img src=x"] {
            assert!(!html.contains(raw), "{page}: {raw}");
        }
        assert!(html.contains("&lt;b&gt;X&lt;/b&gt;"), "{page}: {html}");
    }
    let ld = jsonld(&site.output("teaching/h/index.html"));
    assert_eq!(ld["name"], "<script>alert(1)</script> & co");
}

#[test]
fn a_page_cannot_take_the_teaching_folder() {
    let site = site_with(&[("c", "title: C\nterms: 2024\n")])
        .file("pages/teaching.md", "---\ntitle: My teaching\n---\nHello\n");
    let err = site.build_err();
    assert!(
        err.contains("page slug `teaching` is taken by a generated page"),
        "{err}"
    );
}

#[test]
fn the_classic_theme_renders_teaching() {
    let yaml = format!("{}theme: classic\n", crate::common::SITE_YAML);
    let site = site_with(&[("cs101", COURSE)]).file("site.yaml", &yaml);
    site.build();
    assert!(
        site.output("teaching/index.html")
            .contains("Machines that compute")
    );
    assert!(site.output("teaching/cs101/index.html").contains("CS 101"));
}

// `folio watch` rebuilds on an edit in `teaching/`, and what it leaves in the
// output is what a full build of the edited site writes.
#[test]
fn watch_rebuilds_on_a_course_edit_as_a_full_build_would() {
    let site = site_with(&[("cs101", COURSE)]);
    let run = crate::watch::Running::start(&[
        "watch",
        site.root().to_str().unwrap(),
        "--output",
        site.out.to_str().unwrap(),
    ]);
    run.wait_for_count("rebuilt after initial build", 1);
    let site = site.file(
        "teaching/cs101.yaml",
        &COURSE.replace("Machines that compute", "Machines that weave"),
    );
    run.wait_for_count("rebuilt after change", 1);
    assert!(
        site.output("teaching/cs101/index.html")
            .contains("Machines that weave")
    );
    crate::watch::wait_until_fresh(&site, "after a course edit").unwrap();
}

// `folio new teaching` writes a stub that builds into a course page.
#[test]
fn new_teaching_writes_a_stub_that_builds() {
    let site = TestSite::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args([
            "new",
            "teaching",
            "Linear Algebra for $n$ Dimensions",
            "--site",
        ])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        site.root()
            .join("teaching/linear-algebra-for-n-dimensions.yaml")
            .is_file()
    );
    site.build();
    assert!(
        site.output("teaching/linear-algebra-for-n-dimensions/index.html")
            .contains("<math")
    );
}

// Lab mode: a member's page lists the courses naming them, and no other; the
// owner of a personal site has every course on their page.
#[test]
fn author_pages_list_their_courses() {
    let lab = TestSite::empty();
    folio::cli::init::init(lab.root(), true).unwrap();
    let lab = lab.file(
        "teaching/sam-course.yaml",
        "title: Sam teaches\nterms: 2025 Fall\nrole: teaching-assistant\nauthors: [sam-student]\n",
    );
    lab.build();
    let sam = lab.output("authors/sam-student/index.html");
    assert!(sam.contains("href=\"/teaching/sam-course/\""), "{sam}");
    assert!(sam.contains("Teaching assistant, Fall 2025"), "{sam}");
    assert!(
        !lab.output("authors/pat-investigator/index.html")
            .contains("/teaching/sam-course/")
    );
    let personal = site_with(&[("c", "title: Mine\nterms: 2024\n")]);
    personal.build();
    assert!(
        personal
            .output("authors/ada/index.html")
            .contains("href=\"/teaching/c/\"")
    );
}

// `folio check` reports a course naming an unknown teacher, with the exit code of an error.
#[test]
fn check_reports_a_course_with_an_unknown_teacher() {
    let site = site_with(&[("c", "title: C\nterms: 2024\nauthors: [adaa]\n")]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("check")
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("teaching/c.yaml:3:11: error: unknown author id `adaa`"),
        "{stderr}"
    );
}
