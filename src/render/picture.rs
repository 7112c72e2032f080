//! Resized pictures in pages: the `<img>` attributes of a picture's copies
//! (`src`, `srcset`, `width`, `height`, drawn by `partials/img.html`), the
//! social preview (`og:image`).

use serde::Serialize;

use crate::model::Site;

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

/// The social preview image: an absolute URL and its size.
#[derive(Debug, Serialize)]
pub(super) struct OgImage {
    pub(super) url: String,
    pub(super) width: u32,
    pub(super) height: u32,
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

/// The site-wide social preview: the owner's photo at its widest copy (at
/// most 600 px), when the site has an absolute base URL to point at it.
pub(super) fn og_image(site: &Site) -> Option<OgImage> {
    let rel = site.owner()?.photo_file.as_ref()?.rel.as_str();
    let v = site.images.get(rel)?.at_most(600)?;
    Some(OgImage {
        url: site.config.absolute_url(&v.path)?,
        width: v.width,
        height: v.height,
    })
}
