//! `social:` in `site.yaml`: what a shared link shows. A site-wide card (a
//! picture of `static/`, resized by `images` like the other pictures) that is
//! every page's `og:image`, and the opt-in generated card of each paper. The
//! raw file as typed, and the resolved `Social`.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::model::{ImageRef, ImageRole};

/// `social:` as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialFile {
    /// The site's card: a JPEG, PNG or WebP picture of `static/`
    /// (`/images/card.png`, best 1200×630), the social preview (`og:image`)
    /// of every page, in place of the owner's photo. Needs an absolute
    /// `base_url`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// Generate a card for each paper (a 1200×630 PNG with its title,
    /// authors, venue and year, at `/papers/<slug>/card.png`), its page's
    /// social preview. Off by default.
    #[serde(default)]
    pub paper_cards: bool,
}

/// `social:`, resolved.
#[derive(Debug, Clone, Default)]
pub struct Social {
    /// The site's card, a picture the build resizes.
    pub image: Option<ImageRef>,
    pub paper_cards: bool,
}

/// Resolves `social:`; a card that is not a picture of the site is an error
/// at its line (a missing file is found by `images`, like every picture's).
pub fn resolve(raw: SocialFile, path: &Path, diags: &mut Vec<Diagnostic>) -> Social {
    let image = raw.image.and_then(|s| {
        let (line, column) = (s.referenced.line(), s.referenced.column());
        match card_file(&s.value) {
            Some(rel) => Some(ImageRef {
                rel,
                role: ImageRole::Card,
                path: path.to_path_buf(),
                line,
                column,
                field: "social.image",
            }),
            None => {
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        column,
                        format!(
                            "social.image: `{}` is not a JPEG, PNG or WebP picture of the site",
                            s.value
                        ),
                    )
                    .with_hint(
                        "put the card in static/ and write its site path, such as /images/card.png (social sites show no SVG)",
                    ),
                );
                None
            }
        }
    });
    Social {
        image,
        paper_cards: raw.paper_cards,
    }
}

/// A site path of a raster picture (`/images/card.png`) as its path under
/// `static/` (`images/card.png`).
fn card_file(written: &str) -> Option<String> {
    let rel = written.trim().strip_prefix('/')?;
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_');
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    let ok = rel.chars().all(plain)
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp");
    ok.then(|| rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::card_file;

    #[test]
    fn a_card_is_a_raster_picture_of_the_site() {
        assert_eq!(
            card_file("/images/card.png"),
            Some("images/card.png".into())
        );
        assert_eq!(card_file(" /card.JPG "), Some("card.JPG".into()));
        for bad in [
            "images/card.png",
            "/images/card.svg",
            "/../card.png",
            "//evil.org/card.png",
            "https://x.org/card.png",
            "/card",
            "/a b.png",
        ] {
            assert_eq!(card_file(bad), None, "{bad}");
        }
    }
}
