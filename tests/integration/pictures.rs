//! Pictures beyond photos and project pictures, through the same pipeline
//! (`src/images/`): a post's cover, a paper's preview, pictures in Markdown
//! bodies (and links to their originals, which are not published), and the
//! lab's group photo. Each gets every copy in `srcset`, a `width` and
//! `height` that reserve its box, and a located error when its file is
//! missing.

use crate::common::{SITE_YAML, TestSite, png, tree};

/// The `<img ...>` tags of a page whose class is `class`.
fn imgs_of_class<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let needle = format!("class=\"{class}\"");
    html.split("<img ")
        .skip(1)
        .filter_map(|s| s.split('>').next())
        .filter(|tag| tag.contains(&needle))
        .collect()
}

/// The resized copies in the output, by path, with their bytes.
fn copies(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    tree(&site.out)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("_img/"))
        .collect()
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let i = image::load_from_memory(bytes).unwrap();
    (i.width(), i.height())
}

const COVER_POST: &str = "---\ntitle: Engines\ndate: 2024-06-12\nimage: /images/cover.png\nimage_alt: The engine's \"mill\" & <store>\n---\nThe engine computes.\n";

fn cover_site() -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}base_url: https://ada.example.org/\n"),
        )
        .file("posts/engines.md", COVER_POST)
        .bytes("static/images/cover.png", &png(1600, 900))
}

// A post's cover: resized to the picture widths, shown at the top of the
// post at once (above the fold) and as a lazy thumbnail in the list, each
// with every copy, its size and its escaped alt text; it is the post's
// social preview and its JSON-LD image; the original is not published.
#[test]
fn a_post_cover_is_resized_shown_on_the_post_and_in_the_list_and_previews_it() {
    let site = cover_site();
    site.build();
    let mut made: Vec<(u32, u32)> = copies(&site).iter().map(|(_, b)| size_of(b)).collect();
    made.sort();
    assert_eq!(made, [(360, 203), (720, 405), (1080, 608)]);
    for (rel, bytes) in copies(&site) {
        assert!(bytes.len() <= 150 * 1024, "{rel}: {} bytes", bytes.len());
    }
    assert!(!site.exists("images/cover.png"));
    let page = site.output("posts/engines/index.html");
    let cover = imgs_of_class(&page, "post-cover");
    assert_eq!(cover.len(), 1, "{page}");
    let cover = cover[0];
    assert!(cover.contains("src=\"/_img/cover-1080."), "{cover}");
    assert!(cover.contains("srcset=\"/_img/cover-360."), "{cover}");
    assert!(cover.contains(" 360w, /_img/cover-720."), "{cover}");
    assert!(cover.contains("width=\"1080\" height=\"608\""), "{cover}");
    assert!(!cover.contains("loading=\"lazy\""), "{cover}");
    assert!(
        cover.contains("alt=\"The engine&#39;s &quot;mill&quot; &amp; &lt;store&gt;\""),
        "{cover}"
    );
    assert!(
        page.contains(
            "<meta property=\"og:image\" content=\"https://ada.example.org/_img/cover-1080."
        ),
        "{page}"
    );
    assert!(page.contains("<meta property=\"og:image:width\" content=\"1080\">"));
    assert!(page.contains("<meta property=\"og:image:height\" content=\"608\">"));
    let ld = crate::common::jsonld(&page);
    assert!(
        ld["image"]
            .as_str()
            .unwrap()
            .starts_with("https://ada.example.org/_img/cover-1080."),
        "{ld}"
    );
    let list = site.output("posts/index.html");
    let thumb = imgs_of_class(&list, "post-thumb");
    assert_eq!(thumb.len(), 1, "{list}");
    assert!(thumb[0].contains("src=\"/_img/cover-360."), "{}", thumb[0]);
    assert!(
        thumb[0].contains("width=\"360\" height=\"203\""),
        "{}",
        thumb[0]
    );
    assert!(thumb[0].contains("sizes=\"8rem\""), "{}", thumb[0]);
    assert!(thumb[0].contains("loading=\"lazy\""), "{}", thumb[0]);
    // Other pages keep the site's preview (none here: no photo).
    let home = site.output("index.html");
    assert!(!home.contains("og:image"), "{home}");
}

// A missing cover is an error at the field, at its line in the file (the
// front matter starts on line 2); an unknown key next to it suggests it.
#[test]
fn a_missing_post_cover_or_a_misspelt_key_is_located() {
    let site = TestSite::new().file(
        "posts/a.md",
        "---\ntitle: A\ndate: 2024\nimage: /images/nope.jpg\n---\nBody\n",
    );
    assert_eq!(
        crate::common::single_error(site),
        "posts/a.md:4:8: error: image: no file static/images/nope.jpg\n  hint: put the picture in static/, or correct the path"
    );
    let site = TestSite::new().file(
        "posts/a.md",
        "---\ntitle: A\ndate: 2024\nimage_alte: x\n---\nBody\n",
    );
    assert_eq!(
        crate::common::single_error(site),
        "posts/a.md:4:1: error: unknown field `image_alte`\n  hint: did you mean `image_alt`?"
    );
}

// A cover that is not a picture is an error of the image stage, still at
// its line in the file.
#[test]
fn an_undecodable_post_cover_is_located_in_the_file() {
    let site = TestSite::new()
        .file(
            "posts/a.md",
            "---\ntitle: A\ndate: 2024\nimage: /images/a.jpg\n---\nBody\n",
        )
        .bytes("static/images/a.jpg", b"not a picture");
    let err = crate::common::single_error(site);
    assert!(
        err.starts_with(
            "posts/a.md:4:8: error: image: static/images/a.jpg cannot be read as a picture"
        ),
        "{err}"
    );
}

/// A post whose body shows `static/images/fig.png` and links to it.
const FIGURE_POST: &str = "---\ntitle: Figures\ndate: 2024-06-12\n---\nThe result:\n\n![Accuracy \"per\" <task> & more](/images/fig.png \"Accuracy\")\n\nSee [the full size](/images/fig.png) or ![a logo](/images/logo.svg) and ![remote](https://example.org/x.png).\n";

fn figure_site(base_url: &str) -> TestSite {
    TestSite::new()
        .file("site.yaml", &format!("{SITE_YAML}base_url: {base_url}\n"))
        .file("posts/figures.md", FIGURE_POST)
        .file(
            "pages/about.md",
            "---\ntitle: About\n---\n![The lab](/images/fig.png)\n",
        )
        .file(
            "projects/engine.md",
            "---\ntitle: Engine\n---\nBody.\n\n![The engine](/images/fig.png)\n",
        )
        .bytes("static/images/fig.png", &png(2000, 1000))
        .file(
            "static/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>",
        )
}

// A Markdown picture of a file in static/ gets its copies, a width and a
// height that reserve its box, and loads lazily; its alt text stays escaped;
// a link to the original leads to the widest copy (the original is not
// published). An SVG and a remote picture stay as written. The same in pages
// and project bodies, and under a base path.
#[test]
fn markdown_pictures_are_resized_and_links_to_originals_lead_to_a_copy() {
    let site = figure_site("https://ada.example.org/");
    site.build();
    let mut made: Vec<(u32, u32)> = copies(&site).iter().map(|(_, b)| size_of(b)).collect();
    made.sort();
    assert_eq!(made, [(480, 240), (960, 480), (1440, 720)]);
    assert!(!site.exists("images/fig.png"));
    assert!(site.exists("images/logo.svg"));
    let post = site.output("posts/figures/index.html");
    let body = post.split("<div class=\"post-body\">").nth(1).unwrap();
    let imgs: Vec<&str> = body
        .split("<img ")
        .skip(1)
        .filter_map(|s| s.split('>').next())
        .collect();
    assert_eq!(imgs.len(), 3, "{body}");
    let fig = imgs[0];
    assert!(fig.starts_with("src=\"/_img/fig-1440."), "{fig}");
    assert!(
        fig.contains("srcset=\"/_img/fig-480.") && fig.contains(" 480w, /_img/fig-960."),
        "{fig}"
    );
    assert!(
        fig.contains("sizes=\"(min-width: 50rem) 46rem, 100vw\""),
        "{fig}"
    );
    assert!(fig.contains("width=\"1440\" height=\"720\""), "{fig}");
    assert!(fig.contains("loading=\"lazy\" decoding=\"async\""), "{fig}");
    assert!(
        fig.contains("alt=\"Accuracy &quot;per&quot; &lt;task&gt; &amp; more\" title=\"Accuracy\""),
        "{fig}"
    );
    assert!(
        imgs[1].starts_with("src=\"/images/logo.svg\""),
        "{}",
        imgs[1]
    );
    assert!(
        imgs[2].starts_with("src=\"https://example.org/x.png\""),
        "{}",
        imgs[2]
    );
    assert!(body.contains("<a href=\"/_img/fig-1440."), "{body}");
    assert!(!body.contains("/images/fig.png"), "{body}");
    for page in ["about/index.html", "projects/engine/index.html"] {
        let html = site.output(page);
        assert!(
            html.contains("<img src=\"/_img/fig-1440."),
            "{page}: {html}"
        );
        assert!(!html.contains("/images/fig.png"), "{page}: {html}");
    }
    // Under a project site's path, the copies carry it.
    let site = figure_site("https://someone.github.io/homepage/");
    site.build();
    let post = site.output("posts/figures/index.html");
    assert!(
        post.contains("<img src=\"/homepage/_img/fig-1440."),
        "{post}"
    );
    assert!(post.contains(", /homepage/_img/fig-960."), "{post}");
    assert!(
        post.contains("<a href=\"/homepage/_img/fig-1440."),
        "{post}"
    );
}

// A Markdown picture whose file is missing is an error at its `![` in the
// file (post, Markdown project), every one reported at once.
#[test]
fn a_missing_markdown_picture_is_located_at_its_place() {
    let site = TestSite::new()
        .file(
            "posts/a.md",
            "---\ntitle: A\ndate: 2024\n---\nText.\n\nSee ![x](/images/nope.png).\n",
        )
        .file(
            "projects/b.md",
            "---\ntitle: B\n---\n![y](/images/gone.jpg)\n",
        );
    assert_eq!(
        site.build_err(),
        "posts/a.md:7:5: error: image: no file static/images/nope.png\n  hint: put the picture in static/, or correct the path\n\
         projects/b.md:4:1: error: image: no file static/images/gone.jpg\n  hint: put the picture in static/, or correct the path\n\
         build failed: 2 errors in the site's input"
    );
}

// The lab's group photo goes through the pipeline: copies as wide as the
// text, its own width and height, loaded at once (top of the home page),
// within the home page's 150 KB; a missing one is one error.
#[test]
fn the_lab_group_photo_is_resized() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}mode: lab\nlab:\n  photo: {{ src: /images/group.png, alt: The group }}\n"),
        )
        .bytes("static/images/group.png", &png(3000, 2000));
    site.build();
    let home = site.output("index.html");
    let photo = imgs_of_class(&home, "lab-photo");
    assert_eq!(photo.len(), 1, "{home}");
    assert!(photo[0].contains("src=\"/_img/group-1440."), "{}", photo[0]);
    assert!(
        photo[0].contains("width=\"1440\" height=\"960\""),
        "{}",
        photo[0]
    );
    assert!(!photo[0].contains("loading=\"lazy\""), "{}", photo[0]);
    for (rel, bytes) in copies(&site) {
        assert!(bytes.len() <= 150 * 1024, "{rel}: {} bytes", bytes.len());
    }
    assert!(!site.exists("images/group.png"));
    let site = TestSite::new().file(
        "site.yaml",
        &format!(
            "{SITE_YAML}mode: lab\nlab:\n  photo: {{ src: /images/nope.png, alt: The group }}\n"
        ),
    );
    let err = crate::common::single_error(site);
    assert!(err.contains("no file static/images/nope.png"), "{err}");
}

/// A site with one paper whose preview is `static/images/p.png`.
fn preview_site(extra: &str) -> TestSite {
    TestSite::new()
        .paper(
            "engine",
            "The Analytical Engine",
            "2024-01-05",
            &format!("preview: /images/p.png\npreview_alt: A <diagram>\n{extra}"),
        )
        .bytes("static/images/p.png", &png(1200, 800))
}

// A paper's preview: thumbnail copies within their budget, a lazy 7rem
// thumbnail with width and height in the publication lists (both themes), an
// eager one on the paper's page; the original is not published.
#[test]
fn a_paper_preview_is_a_thumbnail_in_lists_and_on_its_page() {
    let site = preview_site("");
    site.build();
    let mut made: Vec<(u32, u32)> = copies(&site).iter().map(|(_, b)| size_of(b)).collect();
    made.sort();
    assert_eq!(made, [(160, 107), (320, 213), (640, 427)]);
    for (rel, bytes) in copies(&site) {
        assert!(bytes.len() <= 60 * 1024, "{rel}: {} bytes", bytes.len());
    }
    assert!(!site.exists("images/p.png"));
    let list = site.output("publications/index.html");
    let thumb = imgs_of_class(&list, "paper-preview");
    assert_eq!(thumb.len(), 1, "{list}");
    assert!(thumb[0].contains("src=\"/_img/p-320."), "{}", thumb[0]);
    assert!(thumb[0].contains("srcset=\"/_img/p-160."), "{}", thumb[0]);
    assert!(thumb[0].contains("sizes=\"7rem\""), "{}", thumb[0]);
    assert!(
        thumb[0].contains("width=\"320\" height=\"213\""),
        "{}",
        thumb[0]
    );
    assert!(
        thumb[0].contains("alt=\"A &lt;diagram&gt;\""),
        "{}",
        thumb[0]
    );
    assert!(thumb[0].contains("loading=\"lazy\""), "{}", thumb[0]);
    let page = site.output("papers/engine/index.html");
    let large = imgs_of_class(&page, "paper-preview-large");
    assert_eq!(large.len(), 1, "{page}");
    assert!(
        large[0].contains("width=\"320\" height=\"213\""),
        "{}",
        large[0]
    );
    assert!(!large[0].contains("loading=\"lazy\""), "{}", large[0]);
    // The classic theme's list entry shows it too.
    let site = site.file("site.yaml", &format!("{SITE_YAML}theme: classic\n"));
    site.build();
    let list = site.output("publications/index.html");
    assert_eq!(imgs_of_class(&list, "paper-preview").len(), 1, "{list}");
}

// A missing preview is an error at the field; one that is no site path is
// refused where it is written; a misspelt key suggests `preview`; `folio
// check` finds the missing file too.
#[test]
fn a_missing_or_misspelt_paper_preview_is_located() {
    let site = TestSite::new().paper("a", "A", "2024", "preview: /images/nope.png\n");
    assert_eq!(
        crate::common::single_error(site),
        "papers/a.yaml:4:10: error: preview: no file static/images/nope.png\n  hint: put the picture in static/, or correct the path"
    );
    let site = TestSite::new().paper("a", "A", "2024", "preview: nope.gif\n");
    assert_eq!(
        crate::common::single_error(site),
        "papers/a.yaml:4:10: error: preview: `nope.gif` is not a site path\n  hint: put the picture in static/ and write its path, such as /assets/img/publication_preview/x.png"
    );
    let site = TestSite::new().paper("a", "A", "2024", "preview: /images/nope.gif\n");
    assert_eq!(
        crate::common::single_error(site),
        "papers/a.yaml:4:10: error: preview: no file static/images/nope.gif\n  hint: put the picture in static/, or correct the path"
    );
    let site = TestSite::new().paper("a", "A", "2024", "previw: /images/p.png\n");
    assert_eq!(
        crate::common::single_error(site),
        "papers/a.yaml:4:1: error: unknown field `previw`\n  hint: did you mean `preview`?"
    );
    let site = TestSite::new().paper("a", "A", "2024", "preview: /images/nope.png\n");
    let report = folio::cli::check::check(site.root()).unwrap();
    let lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("papers/a.yaml:4:10: error: preview:")),
        "{lines:?}"
    );
}

// A YAML link to a picture the build resizes would lead nowhere (its
// original is not published): `folio check` says so at the link; a
// Markdown link to it is fine (the build leads it to the widest copy).
#[test]
fn folio_check_finds_yaml_links_to_unpublished_originals() {
    let site = TestSite::new()
        .file(
            "authors/ada.yaml",
            &format!("{}photo: /images/me.png\n", crate::common::AUTHOR_YAML),
        )
        .paper(
            "a",
            "A",
            "2024",
            "links:\n  data: /images/me.png\nabstract: \"[full size](/images/me.png)\"\n",
        )
        .bytes("static/images/me.png", &png(300, 300));
    let report = folio::cli::check::check(site.root()).unwrap();
    let lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "papers/a.yaml:5:9: error: links.data: `/images/me.png` is a picture the build resizes; its original static/images/me.png is not published\n  hint: link it from Markdown instead ([full size](/path) leads to its widest copy), or publish a copy under a name no picture field uses"
        ],
    );
}
