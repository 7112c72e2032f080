//! A resolved blog post: dates parsed, paper slugs and author ids known to
//! exist, the body rendered. Plain data; `render` makes its pages.

use std::path::PathBuf;

use super::PartialDate;

/// One post from `posts/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub slug: String,
    /// The title as written (maths as TeX), for metadata.
    pub title: String,
    /// The title as HTML with maths as MathML.
    pub title_html: String,
    pub date: PartialDate,
    pub updated: Option<PartialDate>,
    /// Tags as written, in the order written, without repeats.
    pub tags: Vec<String>,
    /// Author ids, in the order written.
    pub authors: Vec<String>,
    /// The summary as written, or the body's first sentence.
    pub summary: String,
    pub draft: bool,
    /// Slugs of the site's papers, in the order written.
    pub papers: Vec<String>,
    /// The cover picture's site path as written (`/images/x.jpg`) and its
    /// URL, what it shows, and its file in `static/` for `images`.
    pub image: Option<(String, String)>,
    pub image_alt: String,
    pub image_file: Option<super::ImageRef>,
    pub body_html: String,
    /// The body's pictures that name a file in `static/`, for `images`.
    pub body_images: Vec<super::ImageRef>,
    /// Minutes a reader needs, at least one.
    pub reading_minutes: u32,
    pub source: PathBuf,
}

/// Words read per minute, for the reading time.
pub const WORDS_PER_MINUTE: usize = 200;

/// Minutes to read `words` words, rounded up, at least one.
pub fn reading_minutes(words: usize) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_time_rounds_up_and_is_never_zero() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(200), 1);
        assert_eq!(reading_minutes(201), 2);
    }
}
