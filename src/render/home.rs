//! The home page: the owner's profile (or the lab's title and metrics), news,
//! selected or recent papers, and a section per topic.

use serde::Serialize;

use super::context::{TopicCtx, author_ctx};
use super::news::{HOME_NEWS, news_ctx};
use super::shared::{Job, Shared};
use crate::model::Paper;
use crate::model::config::Mode;
use crate::scholar::meta;

#[derive(Serialize)]
pub(super) struct TopicSection<'a> {
    pub(super) topic: TopicCtx<'a>,
    /// The newest papers of the topic, at most `HOME_TOPIC_PAPERS`.
    pub(super) papers: Vec<tera::Value>,
    /// How many more the topic page lists.
    pub(super) more: usize,
}
/// Papers listed per topic section on the home page; the topic page has them all.
pub(super) const HOME_TOPIC_PAPERS: usize = 10;
/// The home page.
pub(super) fn job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    let mut page = s.page("home", &s.site.config.title, "");
    page.jsonld = Some(meta::script_json(&meta::website(&s.site.config)));
    context.insert("page", &page);
    if let Some(owner) = s.site.owner() {
        context.insert("author", &author_ctx(s.site, owner));
    }
    let selected = s.papers_where(|p| p.selected);
    let sections: Vec<TopicSection> = s
        .topics
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| {
            let mut papers = s.papers_where(|p| p.topics.iter().any(|k| k == t.key));
            let more = papers.len().saturating_sub(HOME_TOPIC_PAPERS);
            papers.truncate(HOME_TOPIC_PAPERS);
            TopicSection {
                topic: t.clone(),
                papers,
                more,
            }
        })
        .collect();
    let recent: Vec<tera::Value> = s.derived.iter().take(5).map(|d| d.item.clone()).collect();
    context.insert(
        "news",
        &s.site
            .news
            .iter()
            .take(HOME_NEWS)
            .map(|n| news_ctx(n, &s.site.config.locale))
            .collect::<Vec<_>>(),
    );
    if s.site.config.mode == Mode::Lab {
        let members: Vec<&Paper> = s
            .site
            .papers
            .iter()
            .filter(|p| {
                p.authors
                    .iter()
                    .any(|a| a.id.as_deref().is_some_and(|id| s.site.highlights(id)))
            })
            .collect();
        context.insert(
            "lab_metrics",
            &crate::resolve::metrics::for_papers(&members, &s.site.config.locale),
        );
    }
    context.insert("selected", &selected);
    context.insert("recent", &recent);
    context.insert("topic_sections", &sections);
    Job {
        template: "index.html",
        path: "index.html".into(),
        context,
    }
}
