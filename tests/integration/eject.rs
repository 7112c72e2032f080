//! `folio theme eject`: the built-in templates written into the site build the
//! same bytes, and `folio check` warns about ejected templates an older folio
//! wrote when this one ships them changed.

use std::path::Path;

use folio::cli::theme::{EjectOptions, eject};

use crate::common::{TestSite, tree};

fn full_site() -> TestSite {
    TestSite::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"))
}

fn eject_all(site: &TestSite, names: &[&str]) -> Vec<std::path::PathBuf> {
    eject(&EjectOptions {
        site: site.root().to_path_buf(),
        names: names.iter().map(|n| n.to_string()).collect(),
        output: None,
        force: false,
    })
    .unwrap()
}

// Every page kind of the full example site, in both built-in themes.
#[test]
fn ejecting_every_template_builds_byte_identical_output() {
    for theme in ["default", "classic"] {
        let site = full_site();
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        let yaml = yaml.replace("theme: default", &format!("theme: {theme}"));
        std::fs::write(site.root().join("site.yaml"), yaml).unwrap();
        site.build();
        let before = tree(&site.out);
        let written = eject_all(&site, &[]);
        assert!(written.len() > 30, "{theme}: {written:?}");
        let head = std::fs::read_to_string(site.root().join("templates/base.html")).unwrap();
        assert!(
            head.starts_with(&format!("{{# folio {}:", env!("CARGO_PKG_VERSION"))),
            "{head}"
        );
        site.build();
        let after = tree(&site.out);
        assert_eq!(before.len(), after.len(), "{theme}");
        for ((p1, b1), (p2, b2)) in before.iter().zip(&after) {
            assert_eq!(p1, p2, "{theme}");
            assert!(b1 == b2, "{theme}: {p1} differs after eject");
        }
    }
}

// A named template only, and never over a file that exists.
#[test]
fn eject_writes_the_named_templates_and_never_overwrites() {
    let site = TestSite::new();
    let written = eject_all(&site, &["paper.html", "partials/head.html"]);
    assert_eq!(written.len(), 2);
    assert!(site.root().join("templates/partials/head.html").is_file());
    assert!(!site.root().join("templates/base.html").exists());
    let err = eject(&EjectOptions {
        site: site.root().to_path_buf(),
        names: vec!["paper.html".into()],
        output: None,
        force: false,
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("never overwrites"), "{err}");
    let err = eject(&EjectOptions {
        site: site.root().to_path_buf(),
        names: vec!["papers.html".into()],
        output: None,
        force: true,
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("papers.html: error: no built-in template of this name\n  hint: did you mean `paper.html`?"),
        "{err}"
    );
}

// Old and changed: a warning; old and unchanged, or current and edited: none.
#[test]
fn check_warns_about_an_ejected_template_older_and_different() {
    let site = TestSite::new();
    eject_all(&site, &["paper.html", "page.html", "news.html"]);
    let dir = site.root().join("templates");
    let age = |name: &str, edit: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let text = text
            .replacen(env!("CARGO_PKG_VERSION"), "0.0.1", 1)
            .replace(
                "{% endblock content %}",
                &format!("{edit}{{% endblock content %}}"),
            );
        std::fs::write(dir.join(name), text).unwrap();
    };
    age("paper.html", "<!-- the built-in one moved on -->");
    age("page.html", "");
    let edited = std::fs::read_to_string(dir.join("news.html"))
        .unwrap()
        .replace(
            "{% endblock content %}",
            "<!-- mine -->{% endblock content %}",
        );
    std::fs::write(dir.join("news.html"), edited).unwrap();
    let report = folio::cli::check::check(site.root()).unwrap();
    let lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [format!(
            "templates/paper.html:1:1: warning: paper.html was ejected from folio 0.0.1; this folio ({}) ships a different paper.html\n  hint: compare with `folio theme eject paper.html --output /tmp/new-templates` and carry your edits over, or delete the file to use the built-in one",
            env!("CARGO_PKG_VERSION")
        )]
    );
}
