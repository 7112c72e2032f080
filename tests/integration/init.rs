//! `folio init`: the starter sites build, deploy correctly, and never overwrite.

use crate::common::{TestSite, count};

fn init(site: &TestSite, lab: bool) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("folio").unwrap();
    cmd.arg("init").arg(site.root());
    if lab {
        cmd.arg("--lab");
    }
    cmd.output().unwrap()
}

// The personal starter builds, with a project-site base URL, without warnings.
#[test]
fn init_writes_a_personal_site_that_builds() {
    let site = TestSite::empty();
    assert!(init(&site, false).status.success());
    let report = site
        .try_build_with(Some("https://you.github.io/repo/"))
        .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(
        site.output("index.html")
            .contains("<strong class=\"me\"><a href=\"/repo/authors/you/\">Your Name</a></strong>")
    );
    assert!(
        site.output("papers/first-paper/index.html")
            .contains("<math>")
    );
    assert!(site.exists(".nojekyll"));
    let home = site.output("index.html");
    assert!(
        home.contains("href=\"/repo/publications/\""),
        "links carry the project path"
    );
}

// The lab starter builds: a people page with an alumnus, news, member pages.
#[test]
fn init_lab_writes_a_lab_site_that_builds() {
    let site = TestSite::empty();
    assert!(init(&site, true).status.success());
    site.build();
    let people = site.output("people/index.html");
    assert!(people.contains("id=\"role-alumni\"") && people.contains("Alex Alumnus"));
    assert_eq!(
        count(
            &site.output("authors/pat-investigator/index.html"),
            "<li class=\"paper\""
        ),
        2
    );
    assert!(site.exists("news/index.html"));
}

// The workflow builds with folio and deploys with GitHub's official Pages actions.
#[test]
fn init_writes_a_pages_workflow() {
    let site = TestSite::empty();
    init(&site, false);
    let workflow =
        std::fs::read_to_string(site.root().join(".github/workflows/pages.yml")).unwrap();
    for needle in [
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "pages: write",
        "id-token: write",
        "cargo install --locked",
        "folio build . --base-url \"${{ steps.pages.outputs.base_url }}/\"",
        "path: public",
    ] {
        assert!(workflow.contains(needle), "missing {needle}");
    }
}

// Running init twice changes nothing and says which files exist.
#[test]
fn init_never_overwrites() {
    let site = TestSite::empty().file("site.yaml", "title: Mine\n");
    let out = init(&site, false);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("folio init never overwrites a file, and these exist: ")
            && stderr.contains("site.yaml"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(!site.root().join("authors").exists(), "nothing written");
}
