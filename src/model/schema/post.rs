//! The front matter of `posts/<slug>.md` as written.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::*;

/// The front matter of `posts/<slug>.md`: one blog post (the body is Markdown).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PostFront {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The day (or month, or year) the post was published.
    #[schemars(with = "ScalarText")]
    pub date: Spanned<DateText>,
    /// The day the post was last changed, when after `date`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub updated: Option<Spanned<DateText>>,
    /// Free words; each has a page listing its posts.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// Who wrote the post: author ids (lab sites list it on their pages).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<Spanned<String>>,
    /// One or two sentences for lists, feeds and search engines; the first
    /// sentence of the body when not given.
    #[serde(default)]
    pub summary: Option<String>,
    /// A draft is shown by `folio serve` (marked as a draft), never built by `folio build`.
    #[serde(default)]
    pub draft: bool,
    /// Slugs of the site's papers the post is about.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub papers: Vec<Spanned<String>>,
    /// A cover picture in `static/`, by its site path (`/images/cover.jpg`):
    /// shown at the top of the post and beside it in the list, and the
    /// post's social preview.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// What the cover picture shows, for readers who cannot see it.
    #[serde(default)]
    pub image_alt: Option<String>,
}
