//! The news page, and the news items the home page shows.

use serde::Serialize;

use super::shared::{Job, Shared};
use crate::i18n::Locale;

#[derive(Serialize)]
pub(super) struct NewsCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    pub(super) title: &'a str,
    pub(super) html: &'a str,
    pub(super) link: Option<&'a str>,
}

pub(super) fn news_ctx<'a>(n: &'a crate::model::News, locale: &Locale) -> NewsCtx<'a> {
    NewsCtx {
        slug: &n.slug,
        date_iso: n.date.iso(),
        date_display: n.date.display(locale),
        title: &n.title,
        html: &n.html,
        link: n.link.as_deref(),
    }
}

/// The news page.
pub(super) fn job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("news", s.text("news"), "news/"));
    context.insert(
        "news",
        &s.site
            .news
            .iter()
            .map(|n| news_ctx(n, &s.site.config.locale))
            .collect::<Vec<_>>(),
    );
    Job {
        template: "news.html",
        path: "news/index.html".into(),
        context,
    }
}

/// How many news items the home page shows.
pub(super) const HOME_NEWS: usize = 5;
