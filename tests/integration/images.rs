//! Pictures resized at build time (`src/images/`): a phone photo turned
//! upright and stripped of its GPS tags within the byte budgets, a
//! decompression bomb refused at once, located errors for missing and
//! broken pictures, the cache that keeps a rebuild from encoding anything
//! again, and `<img>` markup that reserves its box (no layout shift).

use std::path::Path;

use folio::site::{BuildOptions, Session};

use crate::common::{AUTHOR_YAML, SITE_YAML, TestSite, copy_dir, png, tree};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// The minimal site whose owner's photo is `static/images/me.jpg`, the
/// 3024×4032 photo stored sideways with EXIF orientation 6 and GPS tags.
fn photo_site(base_url: &str) -> TestSite {
    TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}base_url: {base_url}\n"))
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/me.jpg\n"),
        )
        .bytes("static/images/me.jpg", &fixture("photo-exif6-gps.jpg"))
}

/// The resized copies in the output, by path, with their bytes.
fn copies(out: &Path) -> Vec<(String, Vec<u8>)> {
    tree(out)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("_img/"))
        .collect()
}

/// The colour at a fraction of the picture's width and height.
fn colour_at(img: &image::RgbImage, fx: f64, fy: f64) -> [u8; 3] {
    let x = ((img.width() as f64) * fx) as u32;
    let y = ((img.height() as f64) * fy) as u32;
    img.get_pixel(x, y).0
}

fn near(got: [u8; 3], want: [u8; 3]) -> bool {
    got.iter()
        .zip(want)
        .all(|(g, w)| (i32::from(*g) - i32::from(w)).abs() < 60)
}

#[test]
fn a_phone_photo_becomes_upright_copies_without_gps_within_the_budget() {
    let site = photo_site("https://ada.example.org/");
    let report = site.build();
    let copies = copies(&site.out);
    let widths: Vec<u32> = copies
        .iter()
        .map(|(_, bytes)| image::load_from_memory(bytes).unwrap().width())
        .collect();
    let mut sorted = widths.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [112, 224, 600],
        "{:?}",
        copies.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    for (rel, bytes) in &copies {
        let img = image::load_from_memory(bytes).unwrap().to_rgb8();
        // Upright: portrait, red band on top, blue at the bottom, white on
        // the left and black on the right between them.
        assert_eq!(img.height(), (img.width() * 4 + 1) / 3, "{rel}");
        assert!(near(colour_at(&img, 0.5, 0.15), [200, 30, 30]), "{rel} top");
        assert!(
            near(colour_at(&img, 0.5, 0.85), [30, 40, 200]),
            "{rel} bottom"
        );
        assert!(
            near(colour_at(&img, 0.2, 0.5), [240, 240, 240]),
            "{rel} left"
        );
        assert!(near(colour_at(&img, 0.8, 0.5), [20, 20, 20]), "{rel} right");
        // No metadata block survives: no EXIF (hence no GPS), no camera name.
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!has(b"Exif"), "{rel} keeps an EXIF block");
        assert!(!has(b"FolioTestCam"), "{rel} keeps the camera's name");
        assert!(bytes.len() <= 40 * 1024, "{rel}: {} bytes", bytes.len());
    }
    assert_eq!(report.images.encoded, 3);
    // The original, GPS and all, is not published.
    assert!(!site.exists("images/me.jpg"));
    // The profile photo: every copy in srcset, a box reserved by width and
    // height, loaded at once (it is at the top of the page).
    let home = site.output("index.html");
    let img = home
        .split("<img ")
        .nth(1)
        .and_then(|s| s.split('>').next())
        .unwrap();
    assert!(img.contains("class=\"photo\""), "{img}");
    assert!(img.contains(" 112w, /_img/me-224."), "{img}");
    assert!(img.contains("width=\"224\" height=\"299\""), "{img}");
    assert!(img.contains("sizes=\"7rem\""), "{img}");
    assert!(!img.contains("loading=\"lazy\""), "{img}");
    // The social preview: the 600 px copy, absolute, with its size.
    assert!(
        home.contains("<meta property=\"og:image\" content=\"https://ada.example.org/_img/me-600."),
        "{home}"
    );
    assert!(home.contains("<meta property=\"og:image:width\" content=\"600\">"));
    assert!(home.contains("<meta property=\"og:image:height\" content=\"800\">"));
}

// Under a project site's sub-path, the copies and the preview carry it.
#[test]
fn copies_and_the_social_preview_live_under_the_base_path() {
    let site = photo_site("https://someone.github.io/homepage/");
    site.build();
    let home = site.output("index.html");
    assert!(home.contains("src=\"/homepage/_img/me-224."), "{home}");
    assert!(home.contains(", /homepage/_img/me-600."), "{home}");
    assert!(home.contains("content=\"https://someone.github.io/homepage/_img/me-600."));
    let author = site.output("authors/ada/index.html");
    assert!(author.contains("src=\"/homepage/_img/me-224."), "{author}");
}

// A second build, and a rebuild while watching, encode nothing: every copy
// comes from the cache, and the output is the same. A changed photo is
// encoded again.
#[test]
fn a_second_build_takes_every_copy_from_the_cache() {
    let site = photo_site("https://ada.example.org/");
    let first = site.build();
    assert_eq!((first.images.encoded, first.images.reused), (3, 0));
    let before = tree(&site.out);
    let second = site.build();
    assert_eq!((second.images.encoded, second.images.reused), (0, 3));
    assert_eq!(tree(&site.out), before);
    // folio watch and serve keep a session: its rebuilds reuse the cache too.
    let mut session = Session::new(BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.out.clone()),
        overrides: Default::default(),
    })
    .unwrap();
    for _ in 0..2 {
        let r = session.rebuild().unwrap();
        assert_eq!((r.images.encoded, r.images.reused), (0, 3));
    }
    // The cache keeps out of version control by itself.
    assert_eq!(
        std::fs::read_to_string(site.root().join(".folio/cache/.gitignore")).unwrap(),
        "*\n"
    );
    let site = site.bytes("static/images/me.jpg", &png(300, 200));
    let third = site.build();
    assert_eq!((third.images.encoded, third.images.reused), (3, 0));
}

// Never upscaled: a picture narrower than the widths asked for is kept at
// its own width, and a project picture gets a card-sized copy.
#[test]
fn pictures_are_never_made_larger() {
    let site = TestSite::new()
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/me.png\n"),
        )
        .bytes("static/images/me.png", &png(80, 100))
        .file(
            "projects/engine.yaml",
            "title: Engine\nimage: /images/engine.png\nimage_alt: The engine\n",
        )
        .bytes("static/images/engine.png", &png(500, 300));
    site.build();
    let mut made: Vec<(u32, u32)> = copies(&site.out)
        .iter()
        .map(|(_, b)| {
            let i = image::load_from_memory(b).unwrap();
            (i.width(), i.height())
        })
        .collect();
    made.sort();
    assert_eq!(made, [(80, 100), (360, 216), (500, 300)]);
    let card = site.output("projects/index.html");
    assert!(card.contains("class=\"project-image\""), "{card}");
    assert!(card.contains("width=\"500\" height=\"300\""), "{card}");
    assert!(card.contains("loading=\"lazy\""), "{card}");
}

// A picture that is missing, one that is not a picture, and a bomb: each an
// error at the field naming it, all reported at once, and the previous
// output left as it was.
#[test]
fn broken_pictures_are_located_errors_reported_together() {
    let site = TestSite::new()
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/me.jpg\n"),
        )
        .bytes("static/images/me.jpg", &png(40, 40));
    site.build();
    let before = tree(&site.out);
    let site = site
        .bytes("static/images/me.jpg", b"not a picture")
        .file("projects/a.yaml", "title: A\nimage: /images/bomb.png\n")
        .bytes("static/images/bomb.png", &fixture("bomb.png"))
        .file("authors/bo.yaml", "name: Bo\nphoto: /images/bo.jpg\n");
    assert_eq!(
        site.build_err(),
        "authors/ada.yaml:5:8: error: photo: static/images/me.jpg cannot be read as a picture (The image format could not be determined)\n  hint: save it again as JPEG, PNG or WebP\n\
         authors/bo.yaml:2:8: error: photo: no file static/images/bo.jpg\n  hint: put the picture in static/, or correct the path\n\
         projects/a.yaml:2:8: error: image: static/images/bomb.png is too large to decode safely (it declares 100000×100000 pixels; the limit is 12000 on a side and 50 megapixels)\n  hint: save it at most 12000 pixels on its longest side (the build makes copies of at most 1080)\n\
         build failed: 3 errors in the site's input"
    );
    assert_eq!(tree(&site.out), before);
}

// The full example site's project pictures go through the pipeline: every
// <img> of every page has a width and a height, and every picture on the
// home page is within its budget.
#[test]
fn the_full_example_site_reserves_every_picture_box() {
    let site = TestSite::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/full"),
        site.root(),
    );
    site.build();
    let files = tree(&site.out);
    let mut imgs = 0;
    for (rel, bytes) in files.iter().filter(|(r, _)| r.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for tag in html.split("<img ").skip(1) {
            let tag = tag.split('>').next().unwrap();
            assert!(
                tag.contains(" width=\"") && tag.contains(" height=\""),
                "{rel}: <img {tag}>"
            );
            imgs += 1;
        }
    }
    assert!(imgs >= 8, "{imgs} pictures");
    let home = site.output("index.html");
    let home_copies: Vec<_> = copies(&site.out)
        .into_iter()
        .filter(|(rel, _)| home.contains(rel.as_str()))
        .collect();
    assert!(!home_copies.is_empty(), "{home}");
    for (rel, bytes) in home_copies {
        assert!(bytes.len() <= 150 * 1024, "{rel}: {} bytes", bytes.len());
    }
}

// A tiny PNG declaring 100000×100000 pixels is refused from its header:
// little CPU time, little memory, and the error names the field.
#[cfg(target_os = "linux")]
#[test]
fn a_decompression_bomb_is_refused_quickly() {
    use crate::resources::{path_str, run_measured};
    let site = TestSite::new()
        .file(
            "authors/ada.yaml",
            &format!("{AUTHOR_YAML}photo: /images/bomb.png\n"),
        )
        .bytes("static/images/bomb.png", &fixture("bomb.png"));
    let run = run_measured(&[
        "build",
        path_str(site.root()),
        "--output",
        path_str(&site.out),
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "authors/ada.yaml:5:8: error: photo: static/images/bomb.png is too large to decode safely (it declares 100000×100000 pixels;"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.cpu < std::time::Duration::from_secs(1),
        "{:?} of CPU",
        run.cpu
    );
    assert!(
        run.max_rss < 100 * 1024 * 1024,
        "{} MiB of memory",
        run.max_rss / 1024 / 1024
    );
    assert!(!site.out.exists());
}
