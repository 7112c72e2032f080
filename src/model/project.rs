//! A resolved project: dates parsed, the picture found in `static/`, links
//! checked, people, papers and talks known to exist. Plain data; `render`
//! makes its pages.

use std::path::PathBuf;

use super::{Link, PartialDate};
use crate::model::schema::ProjectStatus;

/// One project from `projects/<slug>.yaml` (or `.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub slug: String,
    /// The title as written (maths as TeX), for metadata.
    pub title: String,
    /// The title as HTML with maths as MathML.
    pub title_html: String,
    /// The summary as written, for metadata; and as inline HTML.
    pub summary: String,
    pub summary_html: String,
    pub status: Option<ProjectStatus>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The picture's site path as written (`/images/x.png`) and its URL.
    pub image: Option<(String, String)>,
    pub image_alt: String,
    /// The picture's file in `static/` and where it is named, for `images`.
    pub image_file: Option<super::ImageRef>,
    /// Author ids, in the order written.
    pub people: Vec<String>,
    /// Slugs of the site's papers and talks, in the order written.
    pub papers: Vec<String>,
    pub talks: Vec<String>,
    pub links: Vec<Link>,
    pub tags: Vec<String>,
    /// The body as written (Markdown with TeX), for metadata; and as HTML.
    pub body_text: String,
    pub body_html: String,
    /// The body's pictures that name a file in `static/`, for `images`.
    pub body_images: Vec<super::ImageRef>,
    pub source: PathBuf,
}

impl Project {
    /// Still going: marked active, or not marked and not ended.
    pub fn is_current(&self) -> bool {
        match self.status {
            Some(s) => s == ProjectStatus::Active,
            None => self.end.is_none(),
        }
    }
}
