//! News items and free Markdown pages.

use crate::error::Diagnostic;
use crate::markdown::{self};
use crate::model::config::Config;
use crate::model::schema::NewsFile;
use crate::model::{News, Page, PartialDate};
use crate::text::{check_slug, nfc, safe_url, slugify};

use super::located::{Papers, at, markdown_words, render_body, report_math};
use crate::load::Loaded;

/// Top-level output folders that pages may not take as their slug.
pub(super) const RESERVED_PAGE_SLUGS: [&str; 11] = [
    "papers",
    "talks",
    "posts",
    "teaching",
    "projects",
    "topics",
    "authors",
    "publications",
    "assets",
    "static",
    "404",
];

pub(super) fn resolve_news(
    config: &Config,
    file: Loaded<(NewsFile, String)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<News> {
    let path = file.path;
    let (n, body) = file.value;
    if n.title.trim().is_empty() {
        diags.push(Diagnostic::error(&path, 0, 0, "the title is empty").with_hint("write a title"));
    }
    let date = PartialDate::parse(&n.date.value.0)
        .map_err(|msg| diags.push(at(&path, &n.date, msg)))
        .ok()?;
    let link = match n.link.as_deref().map(|l| (l, safe_url(l))) {
        Some((_, Some(url))) => Some(config.link(url)),
        Some((raw, None)) => {
            diags.push(Diagnostic::error(
                &path,
                0,
                0,
                format!("link `{raw}` is not an http(s), mailto or relative link"),
            ));
            return None;
        }
        None => None,
    };
    let mut problems = Vec::new();
    let markdown = n.body.as_deref().unwrap_or(&body);
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    // News items share the news page and the home page: their note ids too.
    let id_prefix = format!("news-{slug}-");
    let opts = markdown::Options {
        base_path: &config.base_path,
        words: markdown_words(config),
        cite: None,
        id_prefix: &id_prefix,
        raw_html: config.raw_html,
    };
    let html = markdown::render_with(markdown, &opts, &mut problems).html;
    report_math(&path, "news", (0, 0), problems, diags);
    Some(News {
        slug,
        date,
        title: n.title,
        html,
        link,
        source: path,
    })
}
pub(super) fn resolve_page(
    config: &Config,
    papers: &Papers,
    file: Loaded<(crate::model::schema::PageFront, String, u64)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let path = file.path;
    let (front, body, body_line) = file.value;
    let slug = match &front.slug {
        Some(s) => {
            let slug = nfc(&s.value);
            if let Err(msg) = check_slug(&slug) {
                diags.push(at(&path, s, msg));
                return None;
            }
            slug
        }
        None => slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
    };
    if RESERVED_PAGE_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(
                &path,
                0,
                0,
                format!("page slug `{slug}` is taken by a generated page"),
            )
            .with_hint("rename the file or set `slug:`"),
        );
        return None;
    }
    if front.title.trim().is_empty() {
        diags.push(Diagnostic::error(&path, 0, 0, "the title is empty").with_hint("write a title"));
    }
    let (html, body_images) = render_body(config, papers, &path, (&body, body_line), "page", diags);
    Some(Page {
        slug,
        title: front.title,
        description: front.description,
        html,
        body_images,
        source: path,
    })
}
