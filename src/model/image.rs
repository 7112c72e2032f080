//! Pictures the build resizes: where an input file names one (`ImageRef`,
//! made by `resolve`), and the variants made of it (`Picture`, made by
//! `images` before rendering). Plain data.

use std::path::PathBuf;

/// What a picture is shown as, which decides its widths and byte budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageRole {
    /// A person's photo, shown in a small circle (and as the social preview).
    Photo,
    /// A project's picture, shown on a card and at the top of its page; a
    /// post's cover picture, at the top of the post and beside it in lists.
    Picture,
    /// The site's card (`social.image`), shown where a link is shared.
    Card,
    /// A paper's preview picture, a small thumbnail beside it in lists.
    Thumbnail,
    /// A picture in a Markdown body, or the lab's group photo: as wide as
    /// the text.
    Figure,
}

/// A picture in `static/` named by an input file: its path there and the
/// place of the field that names it, for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The path under `static/`, with `/` separators (`images/me.jpg`).
    pub rel: String,
    pub role: ImageRole,
    /// The input file (relative to the site), the field's line and column.
    pub path: PathBuf,
    pub line: u64,
    pub column: u64,
    /// The field's name, as the error names it (`photo`, `image`, `image`
    /// in Markdown).
    pub field: &'static str,
}

/// One resized copy of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The path inside the output (`_img/me-224.1f2e3d4c5b.jpg`).
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    /// The file in the image cache holding it.
    pub file: PathBuf,
}

/// A picture, upright, with its resized copies, narrowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The size of the source, after its EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The widest copy at most `width` pixels wide, else the narrowest.
    pub fn at_most(&self, width: u32) -> Option<&Variant> {
        self.variants
            .iter()
            .rev()
            .find(|v| v.width <= width)
            .or_else(|| self.variants.first())
    }
}
