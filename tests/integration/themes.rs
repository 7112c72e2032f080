//! Themes are real: a second built-in theme and per-template site overrides.

use crate::common::TestSite;

#[test]
fn classic_theme_renders_differently() {
    let default = TestSite::new().paper("a", "A", "2020", "");
    default.build();
    let classic = TestSite::new().paper("a", "A", "2020", "").file(
        "site.yaml",
        &format!("{}theme: classic\n", crate::common::SITE_YAML),
    );
    classic.build();
    assert_ne!(default.output("index.html"), classic.output("index.html"));
    assert_ne!(
        default.output("assets/style.css"),
        classic.output("assets/style.css")
    );
    // Templates classic does not provide fall back to the default theme.
    assert!(
        classic
            .output("papers/a/index.html")
            .contains("id=\"bibtex\"")
    );
}

#[test]
fn unknown_theme_is_an_error() {
    let site = TestSite::new().file(
        "site.yaml",
        &format!("{}theme: fancy\n", crate::common::SITE_YAML),
    );
    let err = site.build_err();
    assert!(
        err.starts_with(
            "site.yaml: error: unknown theme `fancy`\n  hint: built-in themes: default, classic"
        ),
        "{err}"
    );
}

#[test]
fn site_templates_override_one_template() {
    let site = TestSite::new()
        .paper("a", "A", "2020", "")
        .file("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lost in {{ site.title }}</h1>{% endblock content %}");
    site.build();
    assert!(
        site.output("404.html")
            .contains("<h1>Lost in Ada Lovelace</h1>")
    );
    assert!(
        site.output("index.html").contains("class=\"profile\""),
        "other templates unchanged"
    );
}

#[test]
fn broken_site_template_is_reported() {
    let site = TestSite::new().file("templates/404.html", "{% if %}");
    let err = site.build_err();
    assert!(err.starts_with("template (theme):"), "{err}");
}

// Regression: list entries once carried only a few fields, and a site theme that
// loops over a listed paper's authors failed with "Iteration not possible".
#[test]
fn list_entries_carry_every_paper_field() {
    let site = TestSite::new().paper("a", "First", "2020", "").file(
        "templates/publications.html",
        "{% for y in years %}{% for p in y.papers %}[{{ p.title_text }}:{% for a in p.authors %}{{ a.name }};{% endfor %}]{% endfor %}{% endfor %}",
    );
    site.build();
    assert_eq!(
        site.output("publications/index.html"),
        "[First:Ada Lovelace;Charles Babbage;]"
    );
}

// List entries carry only the fields list templates mention, and paper pages
// compute BibTeX, Scholar tags and JSON-LD only when their templates use them:
// a theme that does use them, through an include, must still get every one.
#[test]
fn fields_used_by_site_templates_reach_them() {
    let site = TestSite::new()
        .paper(
            "a",
            "Alpha",
            "2021-03",
            "venue: NeurIPS\ntopics: [ML]\nlinks: { code: https://example.org/code }\n",
        )
        .file(
            "templates/publications.html",
            "{% for y in years %}{% for p in y.papers %}{% include \"partials/row.html\" %}{% endfor %}{% endfor %}",
        )
        .file(
            "templates/partials/row.html",
            "<p>[{{ p.venue }}|{{ p.year }}|{{ p.topic_slugs }}|{{ p.has_code }}|{{ p.author_count }}]</p>",
        )
        .file(
            "templates/paper.html",
            "{% include \"partials/meta.html\" %}",
        )
        .file(
            "templates/partials/meta.html",
            "<pre>{{ bibtex }}</pre>{% for m in scholar_meta %}<i>{{ m.name }}</i>{% endfor %}<b>{{ page.jsonld | safe }}</b><u>{{ reference }}</u>",
        );
    site.build();
    assert!(
        site.output("publications/index.html")
            .contains("<p>[NeurIPS|2021|ml|true|2]</p>"),
        "{}",
        site.output("publications/index.html")
    );
    let page = site.output("papers/a/index.html");
    assert!(page.contains("<pre>@"), "{page}");
    assert!(page.contains("<i>citation_title</i>"), "{page}");
    assert!(page.contains("<b>{\"@context\""), "{page}");
    assert!(page.contains("<u>Lovelace, A."), "{page}");
}
