//! The site-wide files for machines: sitemap, robots.txt, the Atom feeds,
//! `papers.bib` and the metrics badges, made by `scholar` from the model.

use super::context::{author_dir, paper_dir, topic_dir};
use super::shared::{Content, Output, Shared};
use crate::model::config::Mode;
use crate::scholar::feeds;

/// Every page's path (`papers/x/`), for the sitemap.
pub(super) fn page_paths(s: &Shared) -> Vec<String> {
    let site = s.site;
    let mut paths = vec![String::new(), "publications/".into(), "topics/".into()];
    paths.extend(s.topics.iter().map(topic_dir));
    paths.extend(site.authors.keys().map(|id| author_dir(id)));
    paths.extend(site.pages.iter().map(|p| format!("{}/", p.slug)));
    if site.config.mode == Mode::Lab {
        paths.push("people/".into());
    }
    if !site.news.is_empty() {
        paths.push("news/".into());
    }
    paths.extend(site.papers.iter().map(paper_dir));
    if !site.talks.is_empty() {
        paths.push("talks/".into());
    }
    paths.extend(site.talks.iter().map(super::talks::talk_dir));
    let drafts: Vec<String> = site
        .posts
        .iter()
        .filter(|p| p.draft)
        .map(super::posts::post_dir)
        .collect();
    paths.extend(
        super::posts::page_dirs(site)
            .into_iter()
            .filter(|d| !drafts.contains(d)),
    );
    if !site.courses.is_empty() {
        paths.push("teaching/".into());
    }
    paths.extend(site.courses.iter().map(super::teaching::course_dir));
    if site.cv.is_some() {
        paths.push(super::cv::CV_DIR.into());
    }
    if !site.projects.is_empty() {
        paths.push("projects/".into());
    }
    paths.extend(site.projects.iter().map(super::projects::project_dir));
    paths.extend(super::collection::page_dirs(site));
    paths
}

/// The site-wide files for machines: sitemap, robots.txt, feed, bibliography.
pub(super) fn site_files(s: &Shared) -> Vec<Output> {
    let bytes = |path: &str, text: String| Output {
        path: path.into(),
        content: Content::Bytes(text.into_bytes()),
    };
    let mut out = vec![
        bytes("robots.txt", feeds::robots(&s.site.config)),
        bytes(
            "papers.json",
            crate::scholar::csl::papers_json(s.site.papers.iter().rev(), &s.site.config),
        ),
        bytes(
            "papers.bib",
            feeds::bibliography(s.derived.iter().map(|d| &*d.bibtex)),
        ),
    ];
    if let Some(owner) = s.site.owner() {
        for m in &owner.metrics {
            out.push(bytes(
                &format!("badges/{}.svg", m.key),
                crate::scholar::badges::badge(&m.label, &m.value),
            ));
        }
    }
    if let Some(map) = feeds::sitemap(&s.site.config, &page_paths(s)) {
        out.push(bytes("sitemap.xml", map));
    }
    if let Some(feed) = feeds::atom(s.site, FEED_ENTRIES) {
        out.push(bytes("feed.xml", feed));
    }
    if let Some(feed) = feeds::posts_atom(s.site, FEED_ENTRIES) {
        out.push(bytes(feeds::POSTS_FEED, feed));
    }
    if let Some(feed) = feeds::news_atom(s.site).filter(|_| !s.site.news.is_empty()) {
        out.push(bytes("news.xml", feed));
    }
    out
}

/// How many papers the Atom feed carries.
pub(super) const FEED_ENTRIES: usize = 50;
