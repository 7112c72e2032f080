//! A resolved talk: dates parsed, links checked, paper slugs and author ids
//! known to exist. Plain data; `render` makes its pages.

use std::path::PathBuf;

use super::{Link, PartialDate};
use crate::model::schema::TalkKind;

/// Where a talk was given, as written, with optional coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    pub city: Option<String>,
    pub country: Option<String>,
    /// Latitude and longitude in degrees, when both are given.
    pub geo: Option<(f64, f64)>,
}

impl Place {
    /// `Paris, France`, `Paris` or `France`; empty when neither is known.
    pub fn display(&self) -> String {
        [&self.city, &self.country]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One talk from `talks/<slug>.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Talk {
    pub slug: String,
    /// The title as written (maths as TeX), for metadata.
    pub title: String,
    /// The title as HTML with maths as MathML.
    pub title_html: String,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub event: Option<String>,
    pub event_url: Option<String>,
    pub kind: Option<TalkKind>,
    pub location: Option<Place>,
    pub links: Vec<Link>,
    /// Slugs of the site's papers, in the order written.
    pub papers: Vec<String>,
    /// Author ids of the speakers, in the order written.
    pub authors: Vec<String>,
    /// The abstract as written (Markdown with TeX), for metadata.
    pub abstract_text: String,
    pub abstract_html: String,
    pub source: PathBuf,
}
