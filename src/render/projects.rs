//! The projects page (a grid of cards, current projects first), one page per
//! project with its papers, talks and people, and the projects that paper,
//! talk, author and home pages list.

use serde::Serialize;

use super::picture::{ImgCtx, img_ctx, svg_size};
use super::shared::{Job, Shared};
use super::talks::{RefCtx, author_refs, paper_refs, talk_refs};
use crate::model::{Link, Project, Site};
use crate::scholar::meta;

/// A project as templates see it.
#[derive(Serialize)]
pub(super) struct ProjectCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) url: String,
    pub(super) title_html: &'a str,
    /// Inline HTML (maths as MathML); empty when not given.
    pub(super) summary_html: &'a str,
    /// `active` or `completed`; `status_label` in the site's language.
    pub(super) status: Option<crate::model::schema::ProjectStatus>,
    pub(super) status_label: Option<&'a str>,
    pub(super) current: bool,
    pub(super) start_iso: Option<String>,
    pub(super) start_display: Option<String>,
    pub(super) end_iso: Option<String>,
    pub(super) end_display: Option<String>,
    pub(super) image_url: Option<&'a str>,
    /// An SVG picture's own size (it is not resized), for `width`/`height`.
    pub(super) image_width: Option<u32>,
    pub(super) image_height: Option<u32>,
    pub(super) image_alt: &'a str,
    /// The picture's resized copies (`partials/img.html`).
    pub(super) image_img: Option<ImgCtx>,
    pub(super) links: &'a [Link],
    pub(super) tags: &'a [String],
    pub(super) people: Vec<RefCtx<'a>>,
    /// Titles as HTML (maths as MathML).
    pub(super) papers: Vec<RefCtx<'a>>,
    pub(super) talks: Vec<RefCtx<'a>>,
    pub(super) body_html: &'a str,
}

pub(super) fn project_dir(p: &Project) -> String {
    format!("projects/{}/", p.slug)
}

pub(super) fn project_ctx<'a>(site: &'a Site, p: &'a Project) -> ProjectCtx<'a> {
    let config = &site.config;
    let locale = &config.locale;
    let people = author_refs(site, &p.people);
    let papers = paper_refs(site, &p.papers);
    let talks = talk_refs(site, &p.talks);
    let svg = svg_size(site, p.image_file.as_ref().map(|f| f.rel.as_str()));
    ProjectCtx {
        slug: &p.slug,
        url: config.url_for(&project_dir(p)),
        title_html: &p.title_html,
        summary_html: &p.summary_html,
        status: p.status,
        status_label: p.status.map(|s| locale.text(s.label())),
        current: p.is_current(),
        start_iso: p.start.map(|d| d.iso()),
        start_display: p.start.map(|d| d.display(locale)),
        end_iso: p.end.map(|d| d.iso()),
        end_display: p.end.map(|d| d.display(locale)),
        image_url: p.image.as_ref().map(|(_, url)| url.as_str()),
        image_width: svg.map(|(w, _)| w),
        image_height: svg.map(|(_, h)| h),
        image_alt: &p.image_alt,
        image_img: img_ctx(site, p.image_file.as_ref().map(|f| f.rel.as_str()), 360),
        links: &p.links,
        tags: &p.tags,
        people,
        papers,
        talks,
        body_html: &p.body_html,
    }
}

/// The projects page: every project as a card, current ones first.
pub(super) fn list_job(s: &Shared) -> Job {
    let projects: Vec<ProjectCtx> = s
        .site
        .projects
        .iter()
        .map(|p| project_ctx(s.site, p))
        .collect();
    let mut context = tera::Context::new();
    context.insert("page", &s.page("projects", s.text("projects"), "projects/"));
    context.insert("projects", &projects);
    Job {
        template: "projects.html",
        path: "projects/index.html".into(),
        context,
    }
}

/// One project's page, with its JSON-LD `ResearchProject`.
pub(super) fn project_job(s: &Shared, p: &Project) -> Job {
    let path = project_dir(p);
    let mut context = tera::Context::new();
    let mut page = s.page("project", crate::markdown::plain_inline(&p.title), &path);
    let summary = crate::markdown::plain_inline(&p.summary);
    if !summary.is_empty() {
        page.description = &summary;
    }
    page.jsonld = Some(meta::script_json(&meta::project(p, s.site)));
    context.insert("page", &page);
    context.insert("project", &project_ctx(s.site, p));
    Job {
        template: "project.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// The projects an author's page lists: the ones naming them, or every
/// project (`everything`: the owner of a personal site).
pub(super) fn projects_of_author<'a>(
    site: &'a Site,
    id: &str,
    everything: bool,
) -> Vec<ProjectCtx<'a>> {
    projects_where(site, |p| everything || p.people.iter().any(|a| a == id))
}

/// The projects a paper belongs to.
pub(super) fn projects_of_paper<'a>(site: &'a Site, slug: &str) -> Vec<ProjectCtx<'a>> {
    projects_where(site, |p| p.papers.iter().any(|x| x == slug))
}

/// The projects still going, for the home page (all of them: a site has few).
pub(super) fn current_projects(site: &Site) -> Vec<ProjectCtx<'_>> {
    projects_where(site, Project::is_current)
}

/// A talk's page with the projects it belongs to (`projects`): added here,
/// since this module reads the talks and not the other way round.
pub(super) fn with_talk_projects(mut job: Job, site: &Site, slug: &str) -> Job {
    let projects = projects_where(site, |p| p.talks.iter().any(|x| x == slug));
    job.context.insert("projects", &projects);
    job
}

fn projects_where<'a>(site: &'a Site, keep: impl Fn(&Project) -> bool) -> Vec<ProjectCtx<'a>> {
    site.projects
        .iter()
        .filter(|p| keep(p))
        .map(|p| project_ctx(site, p))
        .collect()
}
