//! Resized pictures in pages: the `<img>` attributes of a picture's copies
//! (`src`, `srcset`, `width`, `height`, drawn by `partials/img.html`), the
//! social preview (`og:image`).

use serde::Serialize;

use crate::model::{ImageRef, Site};

/// What a template needs to draw a resized picture without layout shift.
#[derive(Debug, Serialize)]
pub(super) struct ImgCtx {
    /// The copy for browsers without `srcset`: the one nearest twice `shown`.
    pub(super) src: String,
    /// Every copy, as `url 224w`.
    pub(super) srcset: String,
    /// The picture's aspect ratio, as the size of `src`.
    pub(super) width: u32,
    pub(super) height: u32,
}

/// A picture named by a field (a post's cover, a paper's preview): its
/// resized copies when the build made them, else its URL as written (with
/// an SVG's own size), and what it shows.
#[derive(Debug, Serialize)]
pub(super) struct FieldImage<'a> {
    pub(super) img: Option<ImgCtx>,
    pub(super) url: &'a str,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
    pub(super) alt: &'a str,
}

/// The picture at `image` (its site path and URL) whose file is `file`, for
/// a box about `shown` CSS pixels wide.
pub(super) fn field_image<'a>(
    site: &Site,
    image: Option<&'a (String, String)>,
    file: Option<&ImageRef>,
    alt: &'a str,
    shown: u32,
) -> Option<FieldImage<'a>> {
    let (_, url) = image?;
    let rel = file.map(|f| f.rel.as_str());
    let svg = svg_size(site, rel);
    Some(FieldImage {
        img: img_ctx(site, rel, shown),
        url,
        width: svg.map(|(w, _)| w),
        height: svg.map(|(_, h)| h),
        alt,
    })
}

/// The social preview image: an absolute URL and its size.
#[derive(Debug, Serialize)]
pub(super) struct OgImage {
    pub(super) url: String,
    pub(super) width: u32,
    pub(super) height: u32,
    /// `twitter:card`: `summary_large_image` for a wide picture (at least
    /// 3:2, shown across the post), else `summary` (a small square).
    pub(super) twitter_card: &'static str,
}

impl OgImage {
    /// The preview of the copy at `path` (inside the output), when the site
    /// has an absolute base URL to point at it.
    pub(super) fn new(site: &Site, path: &str, width: u32, height: u32) -> Option<OgImage> {
        let wide = u64::from(width) * 2 >= u64::from(height) * 3;
        Some(OgImage {
            url: site.config.absolute_url(path)?,
            width,
            height,
            twitter_card: if wide {
                "summary_large_image"
            } else {
                "summary"
            },
        })
    }
}

/// The `<img>` attributes of the picture at `rel` under `static/` when the
/// build resized it, for a box about `shown` CSS pixels wide.
pub(super) fn img_ctx(site: &Site, rel: Option<&str>, shown: u32) -> Option<ImgCtx> {
    let picture = site.images.get(rel?)?;
    let c = &site.config;
    let src = picture.at_most(shown * 2)?;
    let srcset = picture
        .variants
        .iter()
        .map(|v| format!("{} {}w", c.url_for(&v.path), v.width))
        .collect::<Vec<_>>()
        .join(", ");
    Some(ImgCtx {
        src: c.url_for(&src.path),
        srcset,
        width: src.width,
        height: src.height,
    })
}

/// A page's own social preview: the picture at `file` at its widest copy of
/// at most 1080 px (a post's cover), when the site has an absolute base URL.
pub(super) fn og_image_of(site: &Site, file: Option<&ImageRef>) -> Option<OgImage> {
    let v = site.images.get(&file?.rel)?.at_most(1080)?;
    OgImage::new(site, &v.path, v.width, v.height)
}

/// The site-wide social preview: the site's card (`social.image`) at its
/// widest copy (at most 1200 px), else the owner's photo (at most 600 px),
/// when the site has an absolute base URL to point at it.
pub(super) fn og_image(site: &Site) -> Option<OgImage> {
    let (rel, widest) = match &site.config.social.image {
        Some(card) => (card.rel.as_str(), 1200),
        None => (site.owner()?.photo_file.as_ref()?.rel.as_str(), 600),
    };
    let v = site.images.get(rel)?.at_most(widest)?;
    OgImage::new(site, &v.path, v.width, v.height)
}

/// A paper's generated card as its page's preview, when it has one and the
/// site has an absolute base URL.
pub(super) fn card_image(site: &Site, slug: &str) -> Option<OgImage> {
    let v = site.cards.get(slug)?.variants.first()?;
    OgImage::new(site, &v.path, v.width, v.height)
}

/// The intrinsic size of an SVG picture under `static/`, which the build does
/// not resize: the root element's `width` and `height` (unitless or px), else
/// its `viewBox`. Only the first 16 KiB are read. With it an SVG reserves its
/// box before it loads, as the resized pictures do.
pub(super) fn svg_size(site: &Site, rel: Option<&str>) -> Option<(u32, u32)> {
    use std::io::Read;
    let rel = rel?;
    if !rel.to_ascii_lowercase().ends_with(".svg") {
        return None;
    }
    let file = site.static_files.iter().find(|f| f.rel == rel)?;
    let mut head = Vec::new();
    std::fs::File::open(&file.source)
        .ok()?
        .take(16 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    svg_root_size(&String::from_utf8_lossy(&head))
}

/// `width`/`height`, else `viewBox`, of the first `<svg ...>` tag of `text`.
fn svg_root_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let number = |v: &str| {
        let v = v.trim();
        let v = v.strip_suffix("px").unwrap_or(v);
        v.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 1.0 && *n <= 100_000.0)
            .map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        return Some((w, h));
    }
    let view: Vec<&str> = attr("viewBox")?
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    match view[..] {
        [_, _, w, h] => Some((number(w)?, number(h)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::svg_root_size;

    #[test]
    fn svg_size_from_attributes_or_view_box() {
        let s = |t: &str| svg_root_size(t);
        assert_eq!(s("<svg width=\"320\" height=\"180px\">"), Some((320, 180)));
        assert_eq!(s("<?xml?><svg viewBox=\"0 0 64.4 32\">"), Some((64, 32)));
        assert_eq!(
            s("<svg width=\"100%\" height=\"2em\" viewBox=\"0,0,10,5\">"),
            Some((10, 5))
        );
        assert_eq!(s("<svg width=\"0\" height=\"0\">"), None);
        assert_eq!(s("<svg"), None);
        assert_eq!(s("no svg"), None);
    }
}
