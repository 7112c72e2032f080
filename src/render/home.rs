//! The home page: the owner's profile (or the lab's title and metrics), then
//! the sections `home:` in `site.yaml` lists (news, selected or recent papers,
//! a block per topic, upcoming and recent talks, current projects), in its order.

use serde::Serialize;

use super::context::{TopicCtx, author_ctx};
use super::news::{HOME_NEWS, news_ctx};
use super::shared::{Job, Shared};
use super::talks::{TalkCtx, talk_ctx};
use crate::model::config::{HomeSection, Mode};
use crate::model::{Paper, PartialDate, Talk};
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
/// Posts listed in the home page's posts section; `/posts/` has them all.
pub(super) const HOME_POSTS: usize = 5;
/// Talks listed in each talks section of the home page; `/talks/` has them all.
pub(super) const HOME_TALKS: usize = 5;

/// The home page: the profile, then the sections `home:` in `site.yaml` lists,
/// in its order (`home_sections`, for themes that loop over them). Only listed
/// sections get their data, so a theme that ignores the order still honours
/// which ones are switched on.
pub(super) fn job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    let mut page = s.page("home", &s.site.config.title, "");
    page.jsonld = Some(meta::script_json(&meta::website(&s.site.config)));
    context.insert("page", &page);
    if let Some(owner) = s.site.owner() {
        context.insert("author", &author_ctx(s.site, owner));
    }
    if s.site.config.mode == Mode::Lab {
        insert_lab_metrics(s, &mut context);
    }
    context.insert("home_sections", &s.site.config.home);
    for section in &s.site.config.home {
        section_data(s, *section, &mut context);
    }
    Job {
        template: "index.html",
        path: "index.html".into(),
        context,
    }
}

/// What one home section shows, under the names the themes read.
fn section_data(s: &Shared, section: HomeSection, context: &mut tera::Context) {
    match section {
        HomeSection::News => context.insert(
            "news",
            &s.site
                .news
                .iter()
                .take(HOME_NEWS)
                .map(|n| news_ctx(n, &s.site.config.locale))
                .collect::<Vec<_>>(),
        ),
        HomeSection::Papers => {
            let recent: Vec<tera::Value> =
                s.derived.iter().take(5).map(|d| d.item.clone()).collect();
            context.insert("selected", &s.papers_where(|p| p.selected));
            context.insert("recent", &recent);
        }
        HomeSection::Topics => context.insert("topic_sections", &topic_sections(s)),
        HomeSection::UpcomingTalks => {
            // Soonest first: the site keeps talks newest first.
            let mut upcoming: Vec<TalkCtx> = s
                .site
                .talks
                .iter()
                .filter(|t| is_upcoming(t, s.site.today))
                .map(|t| talk_ctx(s.site, t))
                .collect();
            upcoming.reverse();
            upcoming.truncate(HOME_TALKS);
            context.insert("upcoming_talks", &upcoming);
        }
        HomeSection::RecentTalks => {
            let recent: Vec<TalkCtx> = s
                .site
                .talks
                .iter()
                .filter(|t| !is_upcoming(t, s.site.today))
                .take(HOME_TALKS)
                .map(|t| talk_ctx(s.site, t))
                .collect();
            context.insert("recent_talks", &recent);
        }
        HomeSection::CurrentProjects => context.insert(
            "current_projects",
            &super::projects::current_projects(s.site),
        ),
        HomeSection::Posts => context.insert(
            "latest_posts",
            &s.site
                .posts
                .iter()
                .take(HOME_POSTS)
                .map(|p| super::posts::post_ctx(s.site, p, false))
                .collect::<Vec<_>>(),
        ),
    }
}

/// A talk is upcoming until its last day (`end_date`, else `date`) has passed;
/// a date without day or month lasts to the end of its month or year.
fn is_upcoming(t: &Talk, today: PartialDate) -> bool {
    let last = t.end_date.unwrap_or(t.date);
    let last = (last.year, last.month.unwrap_or(12), last.day.unwrap_or(31));
    let today = (today.year, today.month.unwrap_or(1), today.day.unwrap_or(1));
    last >= today
}

fn topic_sections<'a>(s: &'a Shared) -> Vec<TopicSection<'a>> {
    s.topics
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
        .collect()
}

/// A lab's metrics count each paper of its members once.
fn insert_lab_metrics(s: &Shared, context: &mut tera::Context) {
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
