//! Hostile input is escaped everywhere; folio writes only inside its output.

use crate::common::TestSite;

const EVIL: &str = "</title><script>alert(1)</script>\\\" onmouseover=\\\"alert(2)";

// A hostile title, name, venue and abstract never become markup.
#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = TestSite::new()
        .file(
            "papers/x.yaml",
            &format!(
                "title: \"{EVIL}\"\ndate: 2020\nauthors: [\"{EVIL}\"]\nvenue: \"{EVIL}\"\nabstract: \"<img src=x onerror=alert(3)> [a](javascript:alert(4))\"\nnote: \"{EVIL}\"\n"
            ),
        )
        .file("authors/ada.yaml", &format!("name: \"{EVIL}\"\nposition: \"{EVIL}\"\nbio: \"<script>alert(5)</script>\"\nbadges:\n  - {{ label: \"{EVIL}\", value: \"<b>1</b>\" }}\n"));
    site.build();
    for page in [
        "index.html",
        "publications/index.html",
        "papers/x/index.html",
        "authors/ada/index.html",
    ] {
        let html = site.output(page);
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(!html.contains("href=\"javascript"), "{page}");
        assert!(!has_event_handler(&html), "{page}");
        assert!(!html.contains("<b>1</b>"), "{page}");
    }
    let paper = site.output("papers/x/index.html");
    assert!(
        paper.contains("&lt;&#x2f;title&gt;&lt;script&gt;")
            || paper.contains("&lt;/title&gt;&lt;script&gt;"),
        "{paper}"
    );
}

/// True when some tag carries an `on...` attribute. Attributes are tokenised as
/// a browser would: names, then quoted or unquoted values.
fn has_event_handler(html: &str) -> bool {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let mut chars = tag.char_indices().peekable();
        // Skip the tag name.
        while chars
            .next_if(|(_, c)| !c.is_whitespace() && *c != '>')
            .is_some()
        {}
        loop {
            while chars
                .next_if(|(_, c)| c.is_whitespace() || *c == '/')
                .is_some()
            {}
            let Some(&(from, c)) = chars.peek() else {
                break;
            };
            if c == '>' {
                break;
            }
            let mut to = from;
            while let Some((i, _)) =
                chars.next_if(|(_, c)| !c.is_whitespace() && *c != '=' && *c != '>')
            {
                to = i + 1;
            }
            let name = tag[from..to].to_ascii_lowercase();
            if name.len() > 2 && name.starts_with("on") {
                return true;
            }
            if chars.next_if(|(_, c)| *c == '=').is_some() {
                match chars.next() {
                    Some((_, q)) if q == '"' || q == '\'' => {
                        while chars.next().is_some_and(|(_, c)| c != q) {}
                    }
                    _ => {
                        while chars
                            .next_if(|(_, c)| !c.is_whitespace() && *c != '>')
                            .is_some()
                        {}
                    }
                }
            }
            if to == from && chars.next().is_none() {
                break;
            }
        }
        rest = &tag[tag.find('>').unwrap_or(tag.len())..];
    }
    false
}

#[test]
fn event_handler_detector_works() {
    assert!(has_event_handler("<a href=x onmouseover=alert(1)>"));
    assert!(has_event_handler("<p class=\"a\" onclick=\"x\">"));
    assert!(!has_event_handler("<p>onmouseover=alert(1)</p>"));
    assert!(!has_event_handler(
        "<meta content=\"&quot; onmouseover=&quot;x\">"
    ));
    assert!(has_event_handler("<img src=x ONERROR=alert(1)>"));
}

// Links with other schemes are refused in author profiles too.
#[test]
fn profile_links_only_allow_safe_schemes() {
    let site = TestSite::new().file(
        "authors/ada.yaml",
        "name: Ada\nlinks:\n  homepage: \"javascript:alert(1)\"\n  github: ada\n",
    );
    let err = site.build_err();
    assert!(err.contains("authors/ada.yaml: error: links.homepage: `javascript:alert(1)` is not an http(s), mailto or relative link"), "{err}");
}

// A build refuses to replace a folder that folio did not create.
#[test]
fn foreign_output_folder_is_never_deleted() {
    let site = TestSite::new();
    std::fs::create_dir_all(&site.out).unwrap();
    std::fs::write(site.out.join("thesis.tex"), "precious").unwrap();
    let err = site.build_err();
    assert!(err.contains("was not made by folio"), "{err}");
    assert_eq!(
        std::fs::read_to_string(site.out.join("thesis.tex")).unwrap(),
        "precious"
    );
}

// The site folder itself can never be the output.
#[test]
fn site_folder_is_refused_as_output() {
    let site = TestSite::new();
    let err = folio::build(&folio::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.root().to_path_buf()),
        overrides: Default::default(),
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("it is the site folder or contains it"),
        "{err}"
    );
    assert!(site.root().join("site.yaml").exists());
}

// Alias bombs and deep nesting fail fast with an input error.
#[test]
fn alias_bomb_and_deep_nesting_fail_cleanly() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n",
            (b'a' + i) as char,
            (b'a' + i) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char,
            (b'a' + i - 1) as char
        ));
    }
    let deep = format!("title: {}x{}\n", "[".repeat(200_000), "]".repeat(200_000));
    let site = TestSite::new()
        .file("papers/bomb.yaml", &bomb)
        .file("papers/deep.yaml", &deep);
    let start = std::time::Instant::now();
    let err = site.build_err();
    assert!(err.contains("papers/bomb.yaml"), "{err}");
    assert!(err.contains("papers/deep.yaml"), "{err}");
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

// A huge file fails fast with an input error instead of exhausting memory.
#[test]
fn a_50_megabyte_value_fails_fast() {
    let mut yaml = String::from("title: \"");
    yaml.push_str(&"x".repeat(50 * 1024 * 1024));
    yaml.push_str("\"\ndate: 2020\nauthors: [A]\n");
    let site = TestSite::new().file("papers/huge.yaml", &yaml);
    let start = std::time::Instant::now();
    let err = site.build_err();
    assert!(
        err.contains("papers/huge.yaml: error: file is larger than 4 MiB"),
        "{err}"
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

// `.`, `..`, the home folder and the root are refused as output before anything happens.
#[test]
fn dangerous_output_folders_are_refused() {
    let site = TestSite::new();
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    for out in [".", "..", "/", home.as_str()] {
        let err = folio::build(&folio::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(out.into()),
            overrides: Default::default(),
        })
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("refusing to use"), "{out}: {err}");
    }
}

// `//` in the path of base_url would make every page load its script and
// stylesheet from another host: refused, in site.yaml and on the command line.
#[test]
fn base_url_with_double_slash_is_refused() {
    let evil = "https://me.example//evil.example/";
    let site = TestSite::new().file(
        "site.yaml",
        &format!("{}base_url: {evil}\n", crate::common::SITE_YAML),
    );
    let err = site.build_err();
    assert!(
        err.contains(&format!(
            "site.yaml:8:11: error: base_url `{evil}` has `//` in its path"
        )),
        "{err}"
    );
    assert!(
        err.contains("write `https://me.example/evil.example/`"),
        "{err}"
    );
    assert!(!site.exists("index.html"));

    let site = TestSite::new();
    for evil in [evil, "/repo//evil.example/"] {
        let err = site.try_build_with(Some(evil)).unwrap_err().to_string();
        assert!(
            err.contains(&format!("--base-url: error: base_url `{evil}` has `//`")),
            "{err}"
        );
    }
    assert!(!site.exists("index.html"));
}

// A theme is a name, not a path: `theme: /any/dir` or `../dir` would publish
// that folder's static/ and use its templates.
#[test]
fn theme_must_be_a_name_not_a_path() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/secret.txt"), "secret").unwrap();
    let absolute = outside.path().display().to_string();
    for theme in [absolute.as_str(), "../outside", "themes/../../x"] {
        let site = TestSite::new().file(
            "site.yaml",
            &format!("{}theme: \"{theme}\"\n", crate::common::SITE_YAML),
        );
        let err = site.build_err();
        assert!(
            err.contains(&format!(
                "site.yaml:8:8: error: theme `{theme}`: use 1-64 ASCII letters"
            )),
            "{err}"
        );
        assert!(
            err.contains(
                "hint: name a built-in theme (default, classic) or a folder in the site's themes/"
            ),
            "{err}"
        );
        assert!(!site.exists("secret.txt"));
    }
}

// `/\evil.example/cv` is `//evil.example/cv` to a browser: another host, not a
// path in the site. Every place that takes a link refuses it.
#[test]
fn backslash_links_to_other_hosts_are_refused_everywhere() {
    let evil = r"/\evil.example/cv";
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!(
                "title: Ada\nowner: ada\nnav:\n  - {{ title: CV, url: '{evil}' }}\naffiliations:\n  ucl: {{ name: UCL, url: '{evil}' }}\n"
            ),
        )
        .file(
            "authors/ada.yaml",
            &format!("name: Ada\nphoto: '{evil}'\nlinks:\n  homepage: '{evil}'\n"),
        )
        .paper("x", "X", "2020", &format!("links:\n  pdf: '{evil}'\n"));
    let err = site.build_err();
    for expected in [
        format!("site.yaml:4:5: error: nav: link `{evil}` is not allowed"),
        format!("site.yaml: error: affiliation `ucl`: url `{evil}` is not an http(s) link"),
        format!("authors/ada.yaml:2:8: error: photo `{evil}` is not an http(s) or relative link"),
        format!(
            "authors/ada.yaml: error: links.homepage: `{evil}` is not an http(s), mailto or relative link"
        ),
        format!("papers/x.yaml:5:8: error: links.pdf: `{evil}` is not allowed"),
    ] {
        assert!(err.contains(&expected), "{expected}\n{err}");
    }
    // A metric's source link is refused where it is written, not dropped
    // in silence.
    let site = TestSite::new().file(
        "authors/ada.yaml",
        &format!("name: Ada\nmetrics:\n  h_index: {{ value: 3, url: '{evil}' }}\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains(&format!(
            "authors/ada.yaml:3:12: error: field `h_index`: `url`: `{evil}` is not an http(s), mailto or site-relative link"
        )),
        "{err}"
    );
}

// A declared metric's source page inside the site follows the base path, as
// every other site link does; an outside address stays as written.
#[test]
fn declared_metric_links_inside_the_site_take_the_base_path() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: Ada\nowner: ada\nbase_url: https://ada.example/homepage/\n",
        )
        .file(
            "authors/ada.yaml",
            "name: Ada\nmetrics:\n  h_index: { value: 3, source: our count, url: /about/ }\n  citations: { value: 9, source: Scholar, url: 'https://scholar.example/x' }\n",
        );
    site.build();
    let home = site.output("index.html");
    assert!(
        home.contains("href=\"/homepage/about/\">Source: our count</a>"),
        "{home}"
    );
    assert!(
        home.contains("href=\"https://scholar.example/x\">Source: Scholar</a>"),
        "{home}"
    );
}

/// Runs `folio build` on the site and returns its stderr, raw.
fn folio_build_stderr(site: &TestSite) -> (bool, Vec<u8>) {
    let out = assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(["build", site.root().to_str().unwrap(), "--output"])
        .arg(&site.out)
        .output()
        .unwrap();
    (out.status.success(), out.stderr)
}

// ESC and BEL in YAML values (a TeX warning, a file name, a refused link) could
// retitle the terminal or fake a line: every message shows them escaped, on
// successful and failed builds; in pages they are dropped.
#[test]
fn control_characters_never_reach_the_terminal_or_the_pages() {
    let title = r#"title: "$\\frob{\e]0;pwned\a}$ \e[2J\x01 Done""#;
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!("{}\nowner: ada\n", r#"title: "Ada\e[31m""#),
        )
        .file("authors/ada.yaml", "name: Ada Lovelace\n")
        .file(
            "papers/t.yaml",
            &format!("{title}\ndate: 2021\nauthors: [Ada Lovelace]\n"),
        )
        .file("papers/\u{1b}[31mred.txt", "x");
    let (ok, stderr) = folio_build_stderr(&site);
    let text = String::from_utf8_lossy(&stderr);
    assert!(ok, "{text}");
    assert!(!stderr.iter().any(|&b| b == 0x1b || b == 0x07), "{text:?}");
    assert!(text.contains(r"TeX `\frob{\u{1b}]0;pwned\u{7}}`"), "{text}");
    assert!(
        text.contains(r"papers/\u{1b}[31mred.txt: warning: ignored"),
        "{text}"
    );
    for (rel, bytes) in crate::common::tree(&site.out) {
        if rel.ends_with(".html") || rel.ends_with(".xml") {
            assert!(
                !bytes.iter().any(|&b| b < 0x20 && !b"\t\n\r".contains(&b)),
                "{rel}"
            );
        }
    }
    let paper = site.output("papers/t/index.html");
    assert!(paper.contains("[2J Done"), "{paper}");
    assert!(site.output("index.html").contains("<title>Ada[31m"));

    let site = site.file(
        "papers/t.yaml",
        "title: T\ndate: 2021\nauthors: [A]\nlinks:\n  pdf: \"\\e]0;pwned\\a\\nfolio: built\"\n",
    );
    let (ok, stderr) = folio_build_stderr(&site);
    let text = String::from_utf8_lossy(&stderr);
    assert!(!ok);
    assert!(!stderr.iter().any(|&b| b == 0x1b || b == 0x07), "{text:?}");
    assert!(
        text.contains("links.pdf: `\\u{1b}]0;pwned\\u{7}\n    folio: built` is not allowed"),
        "{text}"
    );
}

// A link in any input folder (or the folder itself as a link) that leads
// outside the site is an error naming it; nothing is read through it.
#[cfg(unix)]
#[test]
fn links_leaving_the_site_are_refused_in_every_input_folder() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "title: Secret\ndate: 2020\nauthors: [A]\n").unwrap();
    std::fs::create_dir_all(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/secret.yaml"), "x").unwrap();
    let dir = outside.path().join("dir");
    // The input folder itself is a link.
    for folder in ["static", "papers", "authors", "pages", "news", "templates"] {
        let site = TestSite::new();
        let _ = std::fs::remove_dir_all(site.root().join(folder));
        symlink(&dir, site.root().join(folder)).unwrap();
        let err = site.build_err();
        assert!(
            err.contains(&format!(
                "{folder}: error: leads outside the site folder, to "
            )),
            "{folder}: {err}"
        );
        assert!(!site.out.exists());
    }
    // site.yaml itself.
    let site = TestSite::new();
    std::fs::write(outside.path().join("site.yaml"), crate::common::SITE_YAML).unwrap();
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    symlink(
        outside.path().join("site.yaml"),
        site.root().join("site.yaml"),
    )
    .unwrap();
    let err = site.build_err();
    assert!(
        err.contains("site.yaml: error: leads outside the site folder, to "),
        "{err}"
    );
    // A file or a folder link inside an input folder.
    let site = TestSite::new()
        .file("static/ok.txt", "ok")
        .file("pages/about.md", "---\ntitle: About\n---\nHi\n")
        .file("themes/mine/templates/x.html", "x");
    std::fs::create_dir_all(site.root().join("papers")).unwrap();
    symlink(&dir, site.root().join("static/docs")).unwrap();
    symlink(&secret, site.root().join("static/cv.pdf")).unwrap();
    symlink(&secret, site.root().join("papers/secret.yaml")).unwrap();
    symlink(&dir, site.root().join("pages/more")).unwrap();
    symlink(&dir, site.root().join("themes/mine/static")).unwrap();
    let err = site.build_err();
    for link in [
        "static/docs",
        "static/cv.pdf",
        "papers/secret.yaml",
        "pages/more",
    ] {
        assert!(
            err.contains(&format!("{link}: error: leads outside the site folder")),
            "{link}: {err}"
        );
    }
    assert!(!err.contains("Secret"), "{err}");
    // A theme reached through a link.
    std::fs::remove_dir_all(site.root().join("themes/mine")).unwrap();
    symlink(&dir, site.root().join("themes/mine")).unwrap();
    let site = site.file(
        "site.yaml",
        &format!("{}theme: mine\n", crate::common::SITE_YAML),
    );
    std::fs::remove_file(site.root().join("static/cv.pdf")).unwrap();
    std::fs::remove_file(site.root().join("static/docs")).unwrap();
    std::fs::remove_file(site.root().join("papers/secret.yaml")).unwrap();
    std::fs::remove_file(site.root().join("pages/more")).unwrap();
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("themes/mine/templates: error: leads outside the site folder"),
        "{err}"
    );
}

// Links that stay inside the site are followed; broken links are errors.
#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed_and_broken_ones_reported() {
    use std::os::unix::fs::symlink;
    let site = TestSite::new()
        .file("files/cv.pdf", "%PDF")
        .file("files/slides/a.pdf", "%PDF a");
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    symlink("../files/cv.pdf", site.root().join("static/cv.pdf")).unwrap();
    symlink("../files/slides", site.root().join("static/slides")).unwrap();
    site.build();
    assert_eq!(site.output("cv.pdf"), "%PDF");
    assert_eq!(site.output("slides/a.pdf"), "%PDF a");

    symlink("../files/gone.pdf", site.root().join("static/gone.pdf")).unwrap();
    symlink("..", site.root().join("static/loop")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains(
            "static/gone.pdf: error: is a link to ../files/gone.pdf, which does not exist"
        ),
        "{err}"
    );
    assert!(
        err.contains("static/loop: error: is a link to a folder that holds it"),
        "{err}"
    );
}

// Hidden files in static/ (`.env`, `.git/`) are not published, with a warning;
// `.well-known/` is, for security.txt and domain verification.
#[test]
fn hidden_static_files_are_not_published_except_well_known() {
    let site = TestSite::new()
        .file("static/.env", "TOKEN=x")
        .file("static/.git/config", "x")
        .file("static/.gitkeep", "")
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:a@b.org\n",
        )
        .file("static/a/.DS_Store", "x");
    let report = site.build();
    assert!(!site.exists(".env"));
    assert!(!site.exists(".git/config"));
    assert!(!site.exists("a/.DS_Store"));
    assert!(!site.exists(".gitkeep"));
    assert!(site.exists(".well-known/security.txt"));
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let hint = "\n  hint: folio publishes hidden files only under static/.well-known/";
    assert_eq!(
        warnings,
        [
            format!("static/.env: warning: hidden, so not published{hint}"),
            format!("static/.git: warning: hidden, so not published{hint}"),
            format!("static/a/.DS_Store: warning: hidden, so not published{hint}"),
        ]
    );
}
