//! What every text of one site is rendered with (its base path, and whether
//! its raw HTML is trusted), and where raw HTML is written, for `folio check`.

/// What every text of a site is rendered with: where the site lives, and
/// whether its raw HTML is trusted.
#[derive(Debug, Clone, Copy)]
pub struct SiteOptions<'a> {
    pub base_path: &'a str,
    pub raw_html: bool,
}

impl<'a> From<&'a str> for SiteOptions<'a> {
    fn from(base_path: &'a str) -> Self {
        SiteOptions {
            base_path,
            raw_html: false,
        }
    }
}

impl<'a> From<&'a String> for SiteOptions<'a> {
    fn from(base_path: &'a String) -> Self {
        SiteOptions::from(base_path.as_str())
    }
}

/// The byte offsets of the raw HTML in a Markdown text (shown as text unless
/// the site trusts it), for `folio check`.
pub fn raw_html_offsets(markdown: &str) -> Vec<usize> {
    let options = pulldown_cmark::Options::ENABLE_MATH
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    pulldown_cmark::Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) if !h.trim().is_empty()))
        .map(|(_, range)| range.start)
        .collect()
}
