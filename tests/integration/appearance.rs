//! `appearance:`, `integrations:`, `markdown.raw_html`, `lab:` and profile
//! icons: what each setting puts into pages, the Content-Security-Policy that
//! allows exactly it, and the located errors for what is wrong.

use crate::common::{SITE_YAML, TestSite, count};

fn with_site_yaml(extra: &str) -> TestSite {
    TestSite::new().file("site.yaml", &format!("{SITE_YAML}{extra}"))
}

fn check(site: &TestSite) -> (Vec<String>, Vec<String>) {
    let report = folio::cli::check::check(site.root()).unwrap();
    let lines = report.diagnostics.iter().map(|d| d.to_string()).collect();
    (lines, report.active)
}

/// The policy of a page (its meta tag's content, entities decoded).
fn csp(html: &str) -> String {
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("a CSP meta tag")
        + 52;
    let end = start + html[start..].find('"').unwrap();
    html[start..end]
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

const STRICT: &str = "default-src 'none'; base-uri 'self'; form-action 'self'; connect-src 'self'; font-src 'self'; img-src 'self' data: https:; manifest-src 'self'; media-src 'self' data: https:; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'";

// With nothing configured: the strict policy on every page, no generated
// stylesheet, the theme's SVG icon, and no layout classes.
#[test]
fn a_site_without_settings_gets_the_strict_policy_and_nothing_else() {
    let site = TestSite::new().paper("a", "A", "2020", "");
    site.build();
    for page in [
        "index.html",
        "papers/a/index.html",
        "404.html",
        "topics/index.html",
    ] {
        let html = site.output(page);
        assert_eq!(csp(&html), STRICT, "{page}");
        assert!(
            html.contains("<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\"")
        );
        assert!(!html.contains("appearance.css"), "{page}");
        assert!(html.contains("type=\"image/svg+xml\""), "{page}");
        assert!(html.contains("<body class=\"page-"), "{page}");
    }
    assert!(!site.exists("assets/appearance.css"));
}

// Maths writes style attributes (a negative thin space, a colour): the policy
// lets attributes through, or the browser drops them and reports a violation
// on every page with such a formula (seen on the full example's posts).
#[test]
fn maths_style_attributes_are_allowed_by_the_policy() {
    let site = TestSite::new().paper("a", "A", "2020", "").file(
        "pages/m.md",
        "---\ntitle: M\n---\n$\\Gamma\\!(r)$ and $\\color{red}{x}$\n",
    );
    site.build();
    let html = site.output("m/index.html");
    assert!(html.contains(" style=\""), "{html}");
    assert!(csp(&html).contains("style-src-attr 'unsafe-inline'"));
    assert!(!csp(&html).contains("style-src 'self' 'unsafe-inline'"));
}

// One accent colour: a dark-mode shade is derived, every variable the theme
// reads is set, and the stylesheet is linked after the theme's.
#[test]
fn one_accent_colour_derives_the_dark_shade_and_is_linked() {
    let site = with_site_yaml("appearance:\n  accent: \"#7b2d8e\"\n");
    site.build();
    let css = site.output("assets/appearance.css");
    assert!(css.contains("--accent: light-dark(#7b2d8e, #"), "{css}");
    for var in [
        "--accent-hover",
        "--accent-soft",
        "--accent-on-soft",
        "--focus",
    ] {
        assert!(
            css.contains(&format!("  {var}: light-dark(")),
            "{var}: {css}"
        );
    }
    let html = site.output("index.html");
    let theme = html.find("href=\"/assets/style.css\"").unwrap();
    let ours = html.find("href=\"/assets/appearance.css\"").unwrap();
    assert!(
        theme < ours,
        "the generated stylesheet comes after the theme's"
    );
}

// A pale accent fails AA on the light background: the error names the ratio,
// and the hint a shade that passes.
#[test]
fn a_low_contrast_accent_is_an_error_naming_the_ratio() {
    let site = with_site_yaml("appearance:\n  accent: \"#7fb2ff\"\n");
    let err = crate::common::single_error(site);
    assert!(
        err.starts_with("site.yaml:9:11: error: appearance.accent: `#7fb2ff` has a contrast of 2.03:1 with the light background; text and links need at least 4.5:1 (WCAG AA)\n  hint: a darker shade such as \"#"),
        "{err}"
    );
    let site = with_site_yaml("appearance:\n  accent: { light: \"#0b57d0\", dark: \"#0b57d0\" }\n");
    let err = crate::common::single_error(site);
    assert!(err.contains("with the dark background"), "{err}");
    assert!(err.contains("a lighter shade such as"), "{err}");
}

// Typos are located, with the closest name.
#[test]
fn appearance_typos_suggest_the_closest_name() {
    let err = with_site_yaml("appearance:\n  widht: wide\n").build_err();
    assert!(err.contains("did you mean `width`?"), "{err}");
    let err = with_site_yaml("appearance:\n  accent: { light: \"#7b2d8e\", drak: \"#fff\" }\n")
        .build_err();
    assert!(
        err.contains("unknown field `drak`\n  hint: did you mean `dark`?"),
        "{err}"
    );
    // Unquoted, `#` starts a comment: an empty accent is an error, not no accent.
    let err = with_site_yaml("appearance:\n  accent: #7b2d8e\n").build_err();
    assert!(
        err.starts_with(
            "site.yaml:9:9: error: the accent is empty (an unquoted # starts a YAML comment)"
        ),
        "{err}"
    );
    let err = with_site_yaml("appearance:\n  width: wdie\n").build_err();
    assert!(err.contains("site.yaml:9:10"), "{err}");
}

// Fonts: a stack and a self-hosted file, declared with @font-face; CSS in a
// stack is refused.
#[test]
fn fonts_become_font_faces_and_stacks() {
    let site = with_site_yaml(
        "appearance:\n  fonts:\n    body: '\"Source Serif\", Georgia, serif'\n    heading: sans-serif\n    files:\n      - { family: Source Serif, path: /fonts/source-serif.woff2, weight: \"200 900\" }\n",
    )
    .bytes("static/fonts/source-serif.woff2", b"wOF2");
    site.build();
    let css = site.output("assets/appearance.css");
    assert!(
        css.contains("@font-face {\n  font-family: \"Source Serif\";\n  src: url(\"/fonts/source-serif.woff2\") format(\"woff2\");\n  font-weight: 200 900;"),
        "{css}"
    );
    assert!(
        css.contains("body {\n  font-family: \"Source Serif\", Georgia, serif;\n}"),
        "{css}"
    );
    assert!(css.contains("h1,\nh2,"), "{css}");

    let err = with_site_yaml("appearance:\n  fonts:\n    body: \"x; } body { display: none\"\n")
        .build_err();
    assert!(
        err.contains(
            "appearance.fonts.body: `x; } body { display: none` is not a font family name"
        ),
        "{err}"
    );
    let err = with_site_yaml(
        "appearance:\n  fonts:\n    files:\n      - { family: A, path: /fonts/missing.woff2 }\n",
    )
    .build_err();
    assert!(err.contains("no file static/fonts/missing.woff2"), "{err}");
}

// The favicon's type comes from its file; other types are refused.
#[test]
fn the_favicon_type_is_derived_from_the_file() {
    for (file, kind) in [
        ("favicon.png", "image/png"),
        ("icons/site.ico", "image/x-icon"),
        ("me.webp", "image/webp"),
        ("logo.svg", "image/svg+xml"),
    ] {
        let site = with_site_yaml(&format!("appearance:\n  favicon: /{file}\n"))
            .bytes(&format!("static/{file}"), b"x");
        site.build();
        let html = site.output("index.html");
        assert!(
            html.contains(&format!(
                "<link rel=\"icon\" href=\"/{file}\" type=\"{kind}\">"
            )),
            "{file}"
        );
    }
    let err = with_site_yaml("appearance:\n  favicon: /favicon.gif\n").build_err();
    assert!(err.contains("`/favicon.gif` is not an icon file"), "{err}");
    let err = with_site_yaml("appearance:\n  favicon: /favicon.png\n").build_err();
    assert!(
        err.contains(
            "site.yaml:9:12: error: appearance: `/favicon.png`: no file static/favicon.png"
        ),
        "{err}"
    );
}

// Layout choices become page classes; extra stylesheets are linked in order.
#[test]
fn layout_choices_and_extra_stylesheets() {
    let site = with_site_yaml(
        "appearance:\n  width: wide\n  profile: top\n  publications: cards\n  css: [/css/a.css, /css/b.css]\n",
    )
    .file("static/css/a.css", "a {}")
    .file("static/css/b.css", "b {}");
    site.build();
    let html = site.output("index.html");
    assert!(
        html.contains("<body class=\"page-home layout-wide profile-top publications-cards\">"),
        "{html}"
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/css/a.css\">\n<link rel=\"stylesheet\" href=\"/css/b.css\">"));
}

// Snippets go in verbatim (trusted); an inline script is allowed by its hash,
// and `csp:` adds its hosts. `folio check` lists them.
#[test]
fn snippets_are_inserted_verbatim_and_allowed_by_the_policy() {
    let site = with_site_yaml(
        "appearance:\n  snippets:\n    widget:\n      at: body_end\n      html: '<div id=\"w\"></div><script>w()</script>'\n      csp: { frame-src: [https://widget.example.org] }\n    verify:\n      at: head\n      html: '<link rel=\"me\" href=\"https://mastodon.example/@me\">'\n",
    );
    site.build();
    let html = site.output("index.html");
    assert!(
        html.contains("<link rel=\"me\" href=\"https://mastodon.example/@me\">\n</head>"),
        "{html}"
    );
    assert!(
        html.contains("<div id=\"w\"></div><script>w()</script>\n</body>"),
        "{html}"
    );
    let policy = csp(&html);
    // sha256 of `w()`, as `openssl dgst -sha256 -binary | base64` gives it.
    assert!(
        policy.contains("script-src 'self' 'sha256-70TxFCvvNLW/PBEvbPVzmnrPsuUNPxfcQd2YB2kuagM='"),
        "{policy}"
    );
    assert!(
        policy.contains("frame-src https://widget.example.org"),
        "{policy}"
    );
    let (_, active) = check(&site);
    assert_eq!(
        active,
        [
            "snippet `verify` is active: trusted HTML inserted as written at the end of <head> of every page",
            "snippet `widget` is active: trusted HTML inserted as written at the end of <body> of every page",
        ]
    );
}

// Each integration: its script, and exactly its hosts in the policy.
#[test]
fn each_integration_allows_exactly_its_hosts() {
    let cases = [
        (
            "plausible: { domain: ada.example.org }",
            "<script defer data-domain=\"ada.example.org\" src=\"https://plausible.io/js/script.js\"></script>",
            "connect-src 'self' https://plausible.io",
        ),
        (
            "goatcounter: { code: ada }",
            "<script data-goatcounter=\"https://ada.goatcounter.com/count\" async src=\"https://gc.zgo.at/count.js\"></script>",
            "script-src 'self' https://gc.zgo.at",
        ),
        (
            "umami: { website_id: 94db1cb1-74f4-4a40-ad6c-962362670409, host: https://stats.example.org }",
            "<script defer src=\"https://stats.example.org/script.js\" data-website-id=\"94db1cb1-74f4-4a40-ad6c-962362670409\"></script>",
            "script-src 'self' https://stats.example.org",
        ),
        (
            "google_analytics: { id: G-ABC123 }",
            "<script src=\"/assets/analytics-ga4.js\"></script>\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123\"></script>",
            "script-src 'self' https://www.googletagmanager.com",
        ),
    ];
    for (yaml, script, policy) in cases {
        let site = with_site_yaml(&format!("integrations:\n  {yaml}\n"));
        site.build();
        let html = site.output("index.html");
        assert!(html.contains(script), "{yaml}: {html}");
        assert!(csp(&html).contains(policy), "{yaml}: {}", csp(&html));
        // No integration needs an unsafe source: the one there is, for
        // style attributes, is the policy's own (see the maths test).
        assert_eq!(csp(&html).matches("unsafe").count(), 1, "{yaml}");
        assert!(!csp(&html).contains("'unsafe-eval'"), "{yaml}");
    }
    let site = with_site_yaml("integrations:\n  google_analytics: { id: G-ABC123 }\n");
    site.build();
    assert!(
        site.output("assets/analytics-ga4.js")
            .contains("gtag(\"config\", \"G-ABC123\");")
    );
}

// giscus shows on the page kinds listed (posts by default), nowhere else.
#[test]
fn giscus_comments_show_on_posts_only_by_default() {
    let site = with_site_yaml(
        "integrations:\n  giscus: { repo: ada/site, repo_id: R_kgDOabc, category: Comments, category_id: DIC_kwDOabc }\n",
    )
    .file("posts/hello.md", "---\ntitle: Hello\ndate: 2024-01-02\n---\nText.\n")
    .file("pages/about.md", "---\ntitle: About\n---\nMe.\n");
    site.build();
    let post = site.output("posts/hello/index.html");
    assert!(post.contains("<section class=\"comments\" aria-label=\"Comments\">\n<script src=\"https://giscus.app/client.js\" data-repo=\"ada/site\""), "{post}");
    assert!(csp(&post).contains("frame-src https://giscus.app"));
    assert!(
        !site
            .output("about/index.html")
            .contains("giscus.app/client.js")
    );
    let (_, active) = check(&site);
    assert_eq!(active.len(), 1, "{active:?}");
    assert!(
        active[0].starts_with("integration `giscus` is active"),
        "{active:?}"
    );
}

// Bad values are located errors with a hint; keywords that undo the policy are refused.
#[test]
fn invalid_integrations_are_located_errors() {
    let err = with_site_yaml("integrations:\n  goatcounter: { code: \"a/b\" }\n").build_err();
    assert!(
        err.contains("site.yaml:9:16: error: integrations.goatcounter.code: `a/b` is not valid"),
        "{err}"
    );
    let err = with_site_yaml("integrations:\n  plausibel: { domain: a.org }\n").build_err();
    assert!(err.contains("did you mean `plausible`?"), "{err}");
    let err =
        with_site_yaml("integrations:\n  csp: { script-src: [\"'unsafe-inline'\"] }\n").build_err();
    assert!(
        err.contains("source `'unsafe-inline'` is not an https origin"),
        "{err}"
    );
    let err = with_site_yaml("integrations:\n  csp: { frame-scr: [https://a.org] }\n").build_err();
    assert!(err.contains("did you mean `frame-src`?"), "{err}");
}

// Raw HTML: text (and a check warning at its line) unless the site trusts it.
#[test]
fn raw_html_is_text_and_warned_unless_trusted() {
    let page =
        "---\ntitle: Video\n---\nIntro.\n\n<video src=\"/v.mp4\"></video>\n\nPress <kbd>K</kbd>.\n";
    let site = TestSite::new().file("pages/video.md", page);
    site.build();
    assert!(site.output("video/index.html").contains("&lt;video"));
    let (lines, _) = check(&site);
    assert_eq!(
        lines,
        [
            "pages/video.md:6:0: warning: raw HTML in Markdown is shown as text\n  hint: write it in Markdown, or, for a site whose every author you trust, set `markdown: { raw_html: true }` in site.yaml",
            "pages/video.md:8:0: warning: raw HTML in Markdown is shown as text\n  hint: write it in Markdown, or, for a site whose every author you trust, set `markdown: { raw_html: true }` in site.yaml",
        ]
    );
    let trusted = with_site_yaml("markdown: { raw_html: true }\n").file("pages/video.md", page);
    trusted.build();
    let html = trusted.output("video/index.html");
    assert!(html.contains("<video src=\"/v.mp4\"></video>"), "{html}");
    assert!(html.contains("<kbd>K</kbd>"), "{html}");
    let (lines, active) = check(&trusted);
    assert!(lines.is_empty(), "{lines:?}");
    assert_eq!(
        active,
        ["markdown.raw_html is on: raw HTML in Markdown is inserted as written (trusted)"]
    );
}

// Profile links carry an icon each (hidden from screen readers, the label
// stays); Mastodon addresses become profile URLs; other networks are allowed.
#[test]
fn profile_links_have_icons_and_other_networks() {
    let author = format!(
        "{}links:\n  github: ada\n  bluesky: ada.bsky.social\n  mastodon: \"@ada@scholar.social\"\n  other:\n    - {{ label: Zenodo, url: https://zenodo.org/ada }}\n    - {{ label: Lab wiki, url: /wiki/, icon: homepage }}\n",
        crate::common::AUTHOR_YAML
    );
    for theme in ["default", "classic"] {
        let site = with_site_yaml(&format!("theme: {theme}\n")).file("authors/ada.yaml", &author);
        site.build();
        let html = site.output("index.html");
        assert_eq!(
            count(
                &html,
                "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\""
            ),
            5,
            "{theme}"
        );
        assert!(
            html.contains("href=\"https://scholar.social/@ada\" rel=\"me\"><svg"),
            "{theme}"
        );
        assert!(
            html.contains("href=\"https://bsky.app/profile/ada.bsky.social\""),
            "{theme}"
        );
        assert!(html.contains("</svg>Zenodo</a>"), "{theme}");
        assert!(
            html.contains("<a class=\"link-homepage\" href=\"/wiki/\""),
            "{theme}"
        );
    }
    let bad = format!(
        "{}links:\n  other:\n    - {{ label: A, url: https://a.org, icon: githb }}\n",
        crate::common::AUTHOR_YAML
    );
    let err = TestSite::new().file("authors/ada.yaml", &bad).build_err();
    assert!(
        err.contains("links.other: unknown icon `githb`\n  hint: did you mean `github`?"),
        "{err}"
    );
}

// A lab's home page shows its introduction and group photo.
#[test]
fn a_lab_home_page_has_an_introduction_and_a_group_photo() {
    let site = with_site_yaml(
        "mode: lab\nlab:\n  intro: \"We study *machines*.\"\n  photo: { src: /images/group.jpg, alt: The group in 2025, width: 1600, height: 900 }\n",
    )
    .bytes("static/images/group.jpg", &crate::common::png(1600, 900));
    site.build();
    let html = site.output("index.html");
    // Resized like every picture (its own width and height, not the ones written).
    assert!(
        html.contains("<img class=\"lab-photo\" src=\"/_img/group-1440."),
        "{html}"
    );
    assert!(
        html.contains(
            "width=\"1440\" height=\"810\" alt=\"The group in 2025\" decoding=\"async\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"lab-intro\"><p>We study <em>machines</em>.</p>"),
        "{html}"
    );
    let err =
        with_site_yaml("mode: lab\nlab:\n  photo: { src: /group.jpg, alt: \"\" }\n").build_err();
    assert!(err.contains("lab.photo: `alt` is empty"), "{err}");
    assert!(err.contains("no file static/group.jpg"), "{err}");
}
