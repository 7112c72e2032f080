//! Site-wide files for machines: `sitemap.xml`, `robots.txt`, the Atom feeds of
//! papers (`feed.xml`), news and posts (`posts/atom.xml`), and `papers.bib` with every paper. All text is escaped
//! for XML (control characters that XML forbids are dropped), and nothing depends
//! on the build time, so the files are byte-identical for the same input.

use crate::escape::xml as xml_escape;
use crate::markdown::{plain_inline, plain_text};
use crate::model::Site;
use crate::model::config::Config;

/// `sitemap.xml`: every page, when the site has an absolute base URL.
pub fn sitemap(config: &Config, pages: &[String]) -> Option<String> {
    config.absolute_url("")?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages {
        let url = config.absolute_url(path)?;
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&url)));
    }
    out.push_str("</urlset>\n");
    Some(out)
}

/// `robots.txt`: everything may be crawled; the sitemap is announced.
pub fn robots(config: &Config) -> String {
    match config.absolute_url("sitemap.xml") {
        Some(url) => format!("User-agent: *\nAllow: /\n\nSitemap: {url}\n"),
        None => "User-agent: *\nAllow: /\n".into(),
    }
}

/// The Atom feed of papers, newest first, when the site has an absolute base URL.
pub fn atom(site: &Site, limit: usize) -> Option<String> {
    let config = &site.config;
    let self_url = config.absolute_url("feed.xml")?;
    let home = config.absolute_url("")?;
    let updated = site
        .papers
        .first()
        .map_or("1970-01-01T00:00:00Z".to_string(), |p| {
            timestamp(&p.date.iso())
        });
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&config.title)));
    if !config.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&config.description)
        ));
    }
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&home)));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml_escape(&self_url)
    ));
    out.push_str(&format!("  <link href=\"{}\"/>\n", xml_escape(&home)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    if let Some(owner) = site.owner() {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&owner.name)
        ));
    }
    out.push_str("  <generator>folio</generator>\n");
    for p in site.papers.iter().take(limit) {
        let url = config.absolute_url(&format!("papers/{}/", p.slug))?;
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&plain_inline(&p.title))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        out.push_str(&format!("    <link href=\"{}\"/>\n", xml_escape(&url)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(&p.date.iso())
        ));
        for a in &p.authors {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml_escape(&a.name)
            ));
        }
        if !p.abstract_text.is_empty() {
            out.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(&plain_text(&p.abstract_text))
            ));
        }
        for t in &p.topics {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(t)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

/// The Atom feed of news items, newest first.
pub fn news_atom(site: &Site) -> Option<String> {
    let config = &site.config;
    let self_url = config.absolute_url("news.xml")?;
    let page = config.absolute_url("news/")?;
    let updated = site
        .news
        .first()
        .map_or("1970-01-01T00:00:00Z".to_string(), |n| {
            timestamp(&n.date.iso())
        });
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!(
        "  <title>{}: news</title>\n",
        xml_escape(&config.title)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&page)));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml_escape(&self_url)
    ));
    out.push_str(&format!("  <link href=\"{}\"/>\n", xml_escape(&page)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&config.title)
    ));
    for n in &site.news {
        let id = format!("{page}#{}", n.slug);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&n.title)));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&id)));
        out.push_str(&format!(
            "    <link href=\"{}\"/>\n",
            xml_escape(n.link.as_deref().unwrap_or(&id))
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(&n.date.iso())
        ));
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(&n.html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

/// Where the Atom feed of posts is, inside the output.
pub const POSTS_FEED: &str = "posts/atom.xml";

/// The Atom feed of blog posts, newest first, with their full text, when the
/// site has an absolute base URL and posts. Drafts are never in it.
pub fn posts_atom(site: &Site, limit: usize) -> Option<String> {
    let config = &site.config;
    let self_url = config.absolute_url(POSTS_FEED)?;
    let page = config.absolute_url("posts/")?;
    let posts: Vec<&crate::model::Post> =
        site.posts.iter().filter(|p| !p.draft).take(limit).collect();
    if posts.is_empty() {
        return None;
    }
    let stamp = |p: &crate::model::Post| timestamp(&p.updated.unwrap_or(p.date).iso());
    let updated = posts.iter().map(|p| stamp(p)).max().unwrap_or_default();
    let title = config
        .locale
        .fill("posts_feed_title", &[("site", &config.title)]);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&title)));
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&page)));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml_escape(&self_url)
    ));
    out.push_str(&format!("  <link href=\"{}\"/>\n", xml_escape(&page)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    let owner = site
        .owner()
        .map_or(config.title.as_str(), |o| o.name.as_str());
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(owner)
    ));
    out.push_str("  <generator>folio</generator>\n");
    for p in posts {
        let url = config.absolute_url(&format!("posts/{}/", p.slug))?;
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&plain_inline(&p.title))
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        out.push_str(&format!("    <link href=\"{}\"/>\n", xml_escape(&url)));
        out.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(&p.date.iso())
        ));
        out.push_str(&format!("    <updated>{}</updated>\n", stamp(p)));
        for a in p.authors.iter().filter_map(|id| site.authors.get(id)) {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml_escape(&a.name)
            ));
        }
        for t in &p.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(t)));
        }
        if !p.summary.is_empty() {
            out.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(&plain_inline(&p.summary))
            ));
        }
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(&p.body_html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

/// An RFC 3339 timestamp for a partial date: missing parts are the first of the period.
fn timestamp(iso: &str) -> String {
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or("1970");
    let month = parts.next().unwrap_or("01");
    let day = parts.next().unwrap_or("01");
    format!("{year}-{month}-{day}T00:00:00Z")
}

/// `papers.bib`: the BibTeX entries of every paper (given newest first, as the
/// site lists them), written oldest first.
pub fn bibliography<'a>(entries: impl DoubleEndedIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, entry) in entries.rev().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(entry);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_become_timestamps() {
        assert_eq!(timestamp("2024"), "2024-01-01T00:00:00Z");
        assert_eq!(timestamp("2024-08-15"), "2024-08-15T00:00:00Z");
    }
}
