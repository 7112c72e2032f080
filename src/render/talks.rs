//! The talks page (grouped by year, newest first), one page per talk, and the
//! talks a paper's page lists.

use serde::Serialize;

use super::context::{author_dir, paper_dir};
use super::shared::{Job, Shared};
use crate::model::{Link, Site, Talk};
use crate::scholar::meta;

/// A paper or a speaker a talk points at.
#[derive(Serialize)]
pub(super) struct RefCtx<'a> {
    pub(super) name: &'a str,
    pub(super) url: String,
    /// The site owner (or a lab member): shown in bold.
    pub(super) highlight: bool,
}

/// The site's papers named by `slugs`, in that order, as links (titles as
/// HTML); slugs that name no paper were refused when the site was resolved.
pub(super) fn paper_refs<'a>(site: &'a Site, slugs: &[String]) -> Vec<RefCtx<'a>> {
    slugs
        .iter()
        .filter_map(|slug| site.papers.iter().find(|p| &p.slug == slug))
        .map(|p| RefCtx {
            name: &p.title_html,
            url: site.config.url_for(&paper_dir(p)),
            highlight: false,
        })
        .collect()
}

/// The site's talks named by `slugs`, in that order, as links.
pub(super) fn talk_refs<'a>(site: &'a Site, slugs: &[String]) -> Vec<RefCtx<'a>> {
    slugs
        .iter()
        .filter_map(|slug| site.talks.iter().find(|t| &t.slug == slug))
        .map(|t| RefCtx {
            name: &t.title_html,
            url: site.config.url_for(&talk_dir(t)),
            highlight: false,
        })
        .collect()
}

/// The authors named by `ids`, in that order, as links to their pages; the
/// owner (or a lab member) highlighted.
pub(super) fn author_refs<'a>(site: &'a Site, ids: &[String]) -> Vec<RefCtx<'a>> {
    ids.iter()
        .filter_map(|id| site.authors.get(id))
        .map(|a| RefCtx {
            name: &a.name,
            url: site.config.url_for(&author_dir(&a.id)),
            highlight: site.highlights(&a.id),
        })
        .collect()
}

/// A talk as templates see it.
#[derive(Serialize)]
pub(super) struct TalkCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) url: String,
    pub(super) title_html: &'a str,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    pub(super) end_date_iso: Option<String>,
    pub(super) end_date_display: Option<String>,
    pub(super) year: i32,
    pub(super) event: Option<&'a str>,
    pub(super) event_url: Option<&'a str>,
    /// `invited`, `keynote`...; `kind_label` in the site's language.
    pub(super) kind: Option<crate::model::schema::TalkKind>,
    pub(super) kind_label: Option<&'a str>,
    /// `City, Country`, or empty.
    pub(super) location: String,
    pub(super) links: &'a [Link],
    /// Titles as HTML (maths as MathML).
    pub(super) papers: Vec<RefCtx<'a>>,
    pub(super) speakers: Vec<RefCtx<'a>>,
    pub(super) abstract_html: &'a str,
}

pub(super) fn talk_dir(t: &Talk) -> String {
    format!("talks/{}/", t.slug)
}

pub(super) fn talk_ctx<'a>(site: &'a Site, t: &'a Talk) -> TalkCtx<'a> {
    let config = &site.config;
    let locale = &config.locale;
    let papers = paper_refs(site, &t.papers);
    let speakers = author_refs(site, &t.authors);
    TalkCtx {
        slug: &t.slug,
        url: config.url_for(&talk_dir(t)),
        title_html: &t.title_html,
        date_iso: t.date.iso(),
        date_display: t.date.display(locale),
        end_date_iso: t.end_date.map(|d| d.iso()),
        end_date_display: t.end_date.map(|d| d.display(locale)),
        year: t.date.year,
        event: t.event.as_deref(),
        event_url: t.event_url.as_deref(),
        kind: t.kind,
        kind_label: t.kind.map(|k| locale.text(k.label())),
        location: t.location.as_ref().map(|l| l.display()).unwrap_or_default(),
        links: &t.links,
        papers,
        speakers,
        abstract_html: &t.abstract_html,
    }
}

/// The talks of one year, in list order.
#[derive(Serialize)]
pub(super) struct YearGroup<'a> {
    pub(super) year: i32,
    pub(super) talks: Vec<TalkCtx<'a>>,
}

/// The talks page: talks grouped by year, newest first (the site keeps them sorted).
pub(super) fn list_job(s: &Shared) -> Job {
    let mut groups: Vec<YearGroup> = Vec::new();
    for t in &s.site.talks {
        let ctx = talk_ctx(s.site, t);
        match groups.last_mut() {
            Some(g) if g.year == t.date.year => g.talks.push(ctx),
            _ => groups.push(YearGroup {
                year: t.date.year,
                talks: vec![ctx],
            }),
        }
    }
    let mut context = tera::Context::new();
    context.insert("page", &s.page("talks", s.text("talks"), "talks/"));
    context.insert("years", &groups);
    Job {
        template: "talks.html",
        path: "talks/index.html".into(),
        context,
    }
}

/// One talk's page, with its JSON-LD `Event`.
pub(super) fn talk_job(s: &Shared, t: &Talk) -> Job {
    let path = talk_dir(t);
    let mut context = tera::Context::new();
    let plain = crate::markdown::plain_text(&t.abstract_text);
    let mut page = s.page("talk", crate::markdown::plain_inline(&t.title), &path);
    let summary = crate::text::first_sentence(&plain);
    if !summary.is_empty() {
        page.description = summary;
    }
    page.jsonld = Some(meta::script_json(&meta::talk(t, s.site)));
    context.insert("page", &page);
    context.insert("talk", &talk_ctx(s.site, t));
    Job {
        template: "talk.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// The talks an author's page lists, newest first: the ones naming them as a
/// speaker, or every talk (`everything`: the owner of a personal site).
pub(super) fn talks_of_author<'a>(site: &'a Site, id: &str, everything: bool) -> Vec<TalkCtx<'a>> {
    site.talks
        .iter()
        .filter(|t| everything || t.authors.iter().any(|a| a == id))
        .map(|t| talk_ctx(site, t))
        .collect()
}

/// The talks that present the paper `slug`, newest first.
pub(super) fn talks_of_paper<'a>(site: &'a Site, slug: &str) -> Vec<TalkCtx<'a>> {
    site.talks
        .iter()
        .filter(|t| t.papers.iter().any(|p| p == slug))
        .map(|t| talk_ctx(site, t))
        .collect()
}
