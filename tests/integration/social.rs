//! What a shared link shows (`social:` in site.yaml): the site's card, a
//! picture of `static/` resized like the others and used as every page's
//! `og:image` in place of the owner's photo; errors at its line; the cache.

use crate::common::{AUTHOR_YAML, SITE_YAML, TestSite, png};

/// A personal site with an owner's photo and a 1600×840 card, one paper.
fn card_site(base_url: &str) -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}base_url: {base_url}\nsocial:\n  image: /images/card.png\n"),
        )
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/me.png\n"),
        )
        .bytes("static/images/me.png", &png(300, 400))
        .bytes("static/images/card.png", &png(1600, 840))
        .paper("engines", "Notes on the Engine", "1843-09-01", "")
}

/// The `content` of the page's `<meta property|name="{key}">`, if any.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let at = html
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + 9;
    Some(&rest[start..start + rest[start..].find('"')?])
}

// The card, at 1200 px, is the preview of every page (the owner's photo is
// not), with its size and a large Twitter card.
#[test]
fn the_site_card_is_every_pages_social_preview() {
    let site = card_site("https://ada.example.org/");
    site.build();
    for page in [
        "index.html",
        "publications/index.html",
        "papers/engines/index.html",
        "authors/ada/index.html",
    ] {
        let html = site.output(page);
        let url = meta(&html, "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        assert!(
            url.starts_with("https://ada.example.org/_img/card-1200.") && url.ends_with(".png"),
            "{page}: {url}"
        );
        assert_eq!(meta(&html, "og:image:width"), Some("1200"), "{page}");
        assert_eq!(meta(&html, "og:image:height"), Some("630"), "{page}");
        assert_eq!(
            meta(&html, "twitter:card"),
            Some("summary_large_image"),
            "{page}"
        );
    }
    let copy = url_path(&site.output("index.html"));
    let img = image::load_from_memory(&std::fs::read(site.out.join(copy)).unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 630));
    // The original is not published; the 600 px copy is there too.
    assert!(!site.exists("images/card.png"));
}

/// The output path of the page's `og:image`.
fn url_path(html: &str) -> String {
    let url = meta(html, "og:image").unwrap();
    url.trim_start_matches("https://ada.example.org/")
        .to_string()
}

// Without a card, the owner's photo stays the preview, as a small summary.
#[test]
fn without_a_card_the_owners_photo_is_the_preview() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}base_url: https://ada.example.org/\n"),
        )
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/me.png\n"),
        )
        .bytes("static/images/me.png", &png(300, 400));
    site.build();
    let home = site.output("index.html");
    assert!(meta(&home, "og:image").unwrap().contains("/_img/me-300."));
    assert_eq!(meta(&home, "twitter:card"), Some("summary"));
}

// A lab has no owner's photo: its card is its preview.
#[test]
fn a_lab_site_without_an_owner_uses_its_card() {
    let site = TestSite::empty()
        .file(
            "site.yaml",
            "title: Engine Lab\nmode: lab\nbase_url: https://lab.example.org/\nsocial: { image: /card.jpg }\n",
        )
        .file("authors/ada.yaml", "name: Ada Lovelace\nrole: pi\n")
        .bytes("static/card.jpg", &png(1200, 630));
    site.build();
    let home = site.output("index.html");
    assert!(
        meta(&home, "og:image")
            .unwrap()
            .starts_with("https://lab.example.org/_img/card-1200."),
        "{home}"
    );
}

// og:image must be an absolute URL: a site without an absolute base_url
// has none, card or not.
#[test]
fn without_an_absolute_base_url_there_is_no_preview() {
    let site = card_site("/");
    site.build();
    let home = site.output("index.html");
    assert_eq!(meta(&home, "og:image"), None, "{home}");
    assert_eq!(meta(&home, "twitter:card"), Some("summary"));
}

// A card that is missing, or not a picture, is an error at its line in
// site.yaml; so is an SVG or a path outside the site.
#[test]
fn a_broken_card_is_a_located_error() {
    let missing = TestSite::new().file(
        "site.yaml",
        &format!("{SITE_YAML}social:\n  image: /images/card.png\n"),
    );
    assert_eq!(
        missing.build_err(),
        "site.yaml:9:10: error: social.image: no file static/images/card.png\n  hint: put the picture in static/, or correct the path\n\
         build failed: 1 error in the site's input"
    );
    let broken = missing.bytes("static/images/card.png", b"not a picture");
    assert!(
        broken.build_err().starts_with(
            "site.yaml:9:10: error: social.image: static/images/card.png cannot be read as a picture ("
        ),
        "{}",
        broken.build_err()
    );
    let svg = TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}social:\n  image: /images/card.svg\n"),
        )
        .file("static/images/card.svg", "<svg/>");
    assert_eq!(
        svg.build_err(),
        "site.yaml:9:10: error: social.image: `/images/card.svg` is not a JPEG, PNG or WebP picture of the site\n  hint: put the card in static/ and write its site path, such as /images/card.png (social sites show no SVG)\n\
         build failed: 1 error in the site's input"
    );
}

// The card's copies come from the cache on the second build.
#[test]
fn the_site_card_is_resized_once() {
    let site = card_site("https://ada.example.org/");
    let first = site.build();
    // The photo's 112, 224 and 300 px copies, the card's 600 and 1200.
    assert_eq!((first.images.encoded, first.images.reused), (5, 0));
    let second = site.build();
    assert_eq!((second.images.encoded, second.images.reused), (0, 5));
}

// `folio schema` describes `social:` from the type that parses it: an
// editor accepts a card and the switch, and flags a misspelled key.
#[test]
fn the_site_schema_describes_social() {
    let schema = folio::cli::jsonschema::schema("site.schema.json").unwrap();
    let v = jsonschema::draft7::new(&schema).unwrap();
    let ok =
        serde_json::json!({"title": "A", "social": {"image": "/card.png", "paper_cards": true}});
    assert!(v.is_valid(&ok));
    let typo = serde_json::json!({"title": "A", "social": {"imgae": "/card.png"}});
    assert!(!v.is_valid(&typo));
}

/// `card_site` with generated paper cards switched on.
fn cards_site() -> TestSite {
    card_site("https://ada.example.org/").file(
        "site.yaml",
        &format!(
            "{SITE_YAML}base_url: https://ada.example.org/\nsocial:\n  image: /images/card.png\n  paper_cards: true\n"
        ),
    )
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

// Generated cards are opt-in: without `paper_cards`, a paper's page shows
// the site's card and no card is drawn.
#[test]
fn paper_cards_are_opt_in() {
    let site = card_site("https://ada.example.org/");
    site.build();
    assert!(!site.exists("papers/engines/card.png"));
    let page = site.output("papers/engines/index.html");
    assert!(
        meta(&page, "og:image")
            .unwrap()
            .contains("/_img/card-1200.")
    );
}

// With `paper_cards: true`, each paper's page shows its own 1200×630 card,
// published beside it; the other pages keep the site's card.
#[test]
fn a_paper_page_shows_its_generated_card() {
    let site = cards_site();
    site.build();
    let page = site.output("papers/engines/index.html");
    assert_eq!(
        meta(&page, "og:image"),
        Some("https://ada.example.org/papers/engines/card.png")
    );
    assert_eq!(meta(&page, "og:image:width"), Some("1200"));
    assert_eq!(meta(&page, "og:image:height"), Some("630"));
    assert_eq!(meta(&page, "twitter:card"), Some("summary_large_image"));
    let bytes = std::fs::read(site.out.join("papers/engines/card.png")).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    let img = decode(&bytes);
    assert_eq!((img.width(), img.height()), (1200, 630));
    // Drawn: the accent band on the left, ink in the title's place, white
    // beyond the right margin.
    assert_eq!(img.get_pixel(10, 300).0, [0x0b, 0x57, 0xd0]);
    let ink = (88..900).any(|x| img.get_pixel(x, 240).0[0] < 100);
    assert!(ink, "no title drawn");
    assert!(bytes.len() < 150 * 1024, "{} bytes", bytes.len());
    let home = site.output("index.html");
    assert!(
        meta(&home, "og:image")
            .unwrap()
            .contains("/_img/card-1200.")
    );
}

// The same paper gives the same bytes, in another folder and with the
// cache emptied; a second build draws nothing.
#[test]
fn paper_cards_are_deterministic_and_cached() {
    let a = cards_site();
    let first = a.build();
    assert_eq!((first.images.encoded, first.images.reused), (6, 0));
    let card = std::fs::read(a.out.join("papers/engines/card.png")).unwrap();
    let second = a.build();
    assert_eq!((second.images.encoded, second.images.reused), (0, 6));
    assert_eq!(
        std::fs::read(a.out.join("papers/engines/card.png")).unwrap(),
        card
    );
    let b = cards_site();
    b.build();
    assert_eq!(
        std::fs::read(b.out.join("papers/engines/card.png")).unwrap(),
        card
    );
    std::fs::remove_dir_all(a.root().join(".folio/cache")).unwrap();
    let again = a.build();
    assert_eq!(again.images.encoded, 6);
    assert_eq!(
        std::fs::read(a.out.join("papers/engines/card.png")).unwrap(),
        card
    );
    // A changed title draws that card again, and only it.
    let a = a.paper(
        "engines",
        "Notes on the Analytical Engine",
        "1843-09-01",
        "",
    );
    let changed = a.build();
    assert_eq!((changed.images.encoded, changed.images.reused), (1, 5));
    assert_ne!(
        std::fs::read(a.out.join("papers/engines/card.png")).unwrap(),
        card
    );
}

// Markup in a title is text on the card (the SVG is escaped: the build
// would fail to draw it otherwise), and a 5000-character title is wrapped
// and cut within the card's margins.
#[test]
fn a_hostile_title_is_escaped_and_wrapped() {
    let title = format!(
        "</text><script>alert(1)</script> & <tspan fill='red'>x</tspan> {}",
        "Engines ".repeat(625)
    );
    let site = cards_site().paper("engines", &title, "1843-09-01", "venue: \"A & B <i>\"\n");
    site.build();
    let img = decode(&std::fs::read(site.out.join("papers/engines/card.png")).unwrap());
    assert_eq!((img.width(), img.height()), (1200, 630));
    // Nothing drawn past the right margin, in any row.
    for y in 0..630 {
        for x in 1140..1200 {
            assert_eq!(img.get_pixel(x, y).0, [255, 255, 255], "ink at {x},{y}");
        }
    }
    // No red (the tspan's fill stayed text).
    assert!(
        !img.pixels()
            .any(|p| p.0[0] > 200 && p.0[1] < 80 && p.0[2] < 80)
    );
    // Four lines of title, each with ink.
    let rows_with_ink = (150..480)
        .filter(|&y| (88..1100).any(|x| img.get_pixel(x, y).0[0] < 100))
        .count();
    assert!(rows_with_ink > 4 * 30, "{rows_with_ink} rows of title ink");
}

// A title the font cannot draw (Japanese) gets no card, never boxes: its
// page keeps the site's card, and the build warns once for it.
#[test]
fn a_cjk_title_falls_back_to_the_site_card() {
    let site = cards_site().paper("kanji", "深層学習による解析機関の研究", "2024-01-01", "");
    let report = site.build();
    assert!(!site.exists("papers/kanji/card.png"));
    assert!(site.exists("papers/engines/card.png"));
    let page = site.output("papers/kanji/index.html");
    assert!(
        meta(&page, "og:image")
            .unwrap()
            .contains("/_img/card-1200.")
    );
    let warning = "papers/kanji.yaml: warning: no social card for this paper: its text has `深` (U+6DF1), which the card's font (Noto Sans) cannot draw\n  hint: its page shows the site's preview (social.image, else the owner's photo) instead";
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, [warning]);
    // `folio check` says so too, without drawing anything.
    let check = folio::cli::check::check(site.root()).unwrap();
    let said: Vec<String> = check.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(said, [warning]);
}

// A paper of 5000 authors (a physics collaboration) gets its card quickly:
// the shortened list is found from the names that can fit, not by trying
// every length from the whole list down (a minute of CPU for this paper).
#[cfg(target_os = "linux")]
#[test]
fn a_card_for_thousands_of_authors_is_drawn_quickly() {
    use crate::resources::{path_str, run_measured};
    let authors: Vec<String> = (0..5000).map(|i| format!("Author Number{i}")).collect();
    let site = cards_site().file(
        "papers/collab.yaml",
        &format!(
            "title: Observation of Engines\ndate: 2024\nauthors: [{}, Ada Lovelace]\n",
            authors.join(", ")
        ),
    );
    let run = run_measured(&[
        "build",
        path_str(site.root()),
        "--output",
        path_str(&site.out),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(site.exists("papers/collab/card.png"));
    assert!(
        run.cpu < std::time::Duration::from_secs(10),
        "{:?} of CPU",
        run.cpu
    );
}
