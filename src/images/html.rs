//! Resized pictures in rendered Markdown: once the copies are made, every
//! `<img src="...">` naming a resized picture gets its copies (`srcset`,
//! `sizes`), the `width` and `height` that reserve its box, and loads lazily;
//! every `<a href="...">` naming one (`[full size](/images/x.jpg)`) leads to
//! its widest copy, as the original is not published.
//!
//! The HTML is the Markdown renderer's (pulldown-cmark writes `<img src="`
//! and `<a href="` exactly so, and escapes the text in between), or a
//! trusted site's raw HTML written the same way.

use std::collections::BTreeMap;

use crate::escape::html as escape;
use crate::model::{Picture, Site};
use crate::text::percent_decode;

/// The width a Markdown picture is shown at (the text's 46rem), twice that
/// for the `src` of browsers without `srcset`.
const SHOWN: u32 = 736;
const SIZES: &str = "(min-width: 50rem) 46rem, 100vw";

/// Rewrites the Markdown texts of the site that may name a resized picture:
/// the bodies of posts, pages and projects, abstracts, bios and news.
pub(super) fn rewrite_texts(site: &mut Site) {
    if site.images.is_empty() {
        return;
    }
    let Site {
        config,
        images,
        posts,
        pages,
        projects,
        papers,
        talks,
        news,
        authors,
        ..
    } = site;
    let base = config.base_path.as_str();
    let texts = posts
        .iter_mut()
        .map(|p| &mut p.body_html)
        .chain(pages.iter_mut().map(|p| &mut p.html))
        .chain(projects.iter_mut().map(|p| &mut p.body_html))
        .chain(papers.iter_mut().map(|p| &mut p.abstract_html))
        .chain(talks.iter_mut().map(|t| &mut t.abstract_html))
        .chain(news.iter_mut().map(|n| &mut n.html))
        .chain(authors.values_mut().map(|a| &mut a.bio_html))
        .chain(std::iter::once(&mut config.appearance.lab_intro_html));
    for text in texts {
        if let Some(new) = rewrite(text, base, images) {
            *text = new;
        }
    }
}

/// `html` with its resized pictures and links to them rewritten, or `None`
/// when it names none.
pub(crate) fn rewrite(
    html: &str,
    base: &str,
    images: &BTreeMap<String, Picture>,
) -> Option<String> {
    const IMG: &str = "<img src=\"";
    const LINK: &str = "<a href=\"";
    let mut out = String::new();
    let mut done = 0;
    let mut at = 0;
    while let Some(i) = html[at..].find('<').map(|i| at + i) {
        at = i + 1;
        let rest = &html[i..];
        let (is_img, open) = if rest.starts_with(IMG) {
            (true, IMG)
        } else if rest.starts_with(LINK) {
            (false, LINK)
        } else {
            continue;
        };
        let start = i + open.len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        let value = &html[start..start + len];
        let Some(picture) = picture_at(value, base, images) else {
            continue;
        };
        out.push_str(&html[done..start]);
        if is_img {
            out.push_str(&img_attributes(picture, base));
        } else if let Some(widest) = picture.variants.last() {
            out.push_str(&escape(&format!("{base}{}", widest.path)));
        }
        // From the value's closing quote on, the tag is as it was.
        done = start + len;
        at = done;
    }
    (done > 0).then(|| {
        out.push_str(&html[done..]);
        out
    })
}

/// The resized picture an attribute value (escaped, under the base path)
/// names.
fn picture_at<'a>(
    value: &str,
    base: &str,
    images: &'a BTreeMap<String, Picture>,
) -> Option<&'a Picture> {
    let path = value.replace("&amp;", "&");
    let rel = path.strip_prefix(base)?;
    images.get(&percent_decode(rel))
}

/// The value of `src` and the attributes that follow it, without the last
/// closing quote (the tag's own follows).
fn img_attributes(picture: &Picture, base: &str) -> String {
    let url = |path: &str| escape(&format!("{base}{path}"));
    let Some(src) = picture.at_most(SHOWN * 2) else {
        return String::new();
    };
    let srcset: Vec<String> = picture
        .variants
        .iter()
        .map(|v| format!("{} {}w", url(&v.path), v.width))
        .collect();
    format!(
        "{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async",
        url(&src.path),
        srcset.join(", "),
        src.width,
        src.height
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::image::Variant;

    fn pictures() -> BTreeMap<String, Picture> {
        let v = |w: u32| Variant {
            path: format!("_img/x-{w}.k.jpg"),
            width: w,
            height: w / 2,
            bytes: 1,
            file: Default::default(),
        };
        BTreeMap::from([(
            "images/a b.jpg".to_string(),
            Picture {
                width: 2000,
                height: 1000,
                variants: vec![v(480), v(960), v(1440)],
            },
        )])
    }

    #[test]
    fn pictures_get_their_copies_and_links_the_widest() {
        let html = "<p><img src=\"/r/images/a%20b.jpg\" alt=\"A &quot;b&quot;\" /> <a href=\"/r/images/a%20b.jpg\">full</a></p>";
        assert_eq!(
            rewrite(html, "/r/", &pictures()).unwrap(),
            "<p><img src=\"/r/_img/x-1440.k.jpg\" srcset=\"/r/_img/x-480.k.jpg 480w, /r/_img/x-960.k.jpg 960w, /r/_img/x-1440.k.jpg 1440w\" sizes=\"(min-width: 50rem) 46rem, 100vw\" width=\"1440\" height=\"720\" loading=\"lazy\" decoding=\"async\" alt=\"A &quot;b&quot;\" /> <a href=\"/r/_img/x-1440.k.jpg\">full</a></p>"
        );
    }

    #[test]
    fn other_pictures_links_and_text_stay_as_they_are() {
        let p = pictures();
        for html in [
            "<p><img src=\"/images/other.jpg\" alt=\"\" /></p>",
            "<p><a href=\"https://example.org/images/a%20b.jpg\">x</a></p>",
            "<p>&lt;img src=&quot;/r/images/a%20b.jpg&quot;&gt;</p>",
            "<p><img src=\"/images/a%20b.jpg\" alt=\"\" /></p>",
            "<p><a href=\"/r/images/a%20b.jpg",
            "",
        ] {
            assert_eq!(rewrite(html, "/r/", &p), None, "{html}");
        }
    }
}
