//! The teaching page (one entry per course with all its terms, the course
//! taught most recently first), one page per course, and the courses an
//! author's page lists.

use serde::Serialize;

use super::shared::{Job, Shared};
use super::talks::{RefCtx, author_refs};
use crate::model::{Course, Link, Site};
use crate::scholar::meta;

/// One term as templates see it.
#[derive(Serialize)]
pub(super) struct TermCtx {
    /// `Fall 2024`, `Sep 2024`: in the site's language.
    pub(super) display: String,
    /// `2024-09` for a dated term; none for a season.
    pub(super) iso: Option<String>,
    pub(super) year: i32,
}

/// A course as templates see it.
#[derive(Serialize)]
pub(super) struct CourseCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) url: String,
    pub(super) title_html: &'a str,
    pub(super) code: Option<&'a str>,
    pub(super) institution: Option<&'a str>,
    pub(super) institution_url: Option<&'a str>,
    /// `instructor`, `teaching-assistant`...; `role_label` in the site's language.
    pub(super) role: Option<crate::model::schema::CourseRole>,
    pub(super) role_label: Option<&'a str>,
    /// Newest first.
    pub(super) terms: Vec<TermCtx>,
    pub(super) level: Option<&'a str>,
    pub(super) links: &'a [Link],
    pub(super) teachers: Vec<RefCtx<'a>>,
    pub(super) description_html: &'a str,
}

pub(super) fn course_dir(c: &Course) -> String {
    format!("teaching/{}/", c.slug)
}

pub(super) fn course_ctx<'a>(site: &'a Site, c: &'a Course) -> CourseCtx<'a> {
    let config = &site.config;
    let locale = &config.locale;
    let teachers = author_refs(site, &c.authors);
    CourseCtx {
        slug: &c.slug,
        url: config.url_for(&course_dir(c)),
        title_html: &c.title_html,
        code: c.code.as_deref(),
        institution: c.institution.as_ref().map(|(name, _)| name.as_str()),
        institution_url: c.institution.as_ref().and_then(|(_, url)| url.as_deref()),
        role: c.role,
        role_label: c.role.map(|r| locale.text(r.label())),
        terms: c
            .terms
            .iter()
            .map(|t| TermCtx {
                display: t.display(locale),
                iso: t.iso(),
                year: t.year(),
            })
            .collect(),
        level: c.level.as_deref(),
        links: &c.links,
        teachers,
        description_html: &c.description_html,
    }
}

/// The teaching page: every course once, with all its terms.
pub(super) fn list_job(s: &Shared) -> Job {
    let courses: Vec<CourseCtx> = s
        .site
        .courses
        .iter()
        .map(|c| course_ctx(s.site, c))
        .collect();
    let mut context = tera::Context::new();
    context.insert("page", &s.page("teaching", s.text("teaching"), "teaching/"));
    context.insert("courses", &courses);
    Job {
        template: "teaching.html",
        path: "teaching/index.html".into(),
        context,
    }
}

/// One course's page, with its JSON-LD `Course`.
pub(super) fn course_job(s: &Shared, c: &Course) -> Job {
    let path = course_dir(c);
    let mut context = tera::Context::new();
    let plain = crate::markdown::plain_text(&c.description_text);
    let mut page = s.page("course", crate::markdown::plain_inline(&c.title), &path);
    let summary = crate::text::first_sentence(&plain);
    if !summary.is_empty() {
        page.description = summary;
    }
    page.jsonld = Some(meta::script_json(&meta::course(c, s.site)));
    context.insert("page", &page);
    context.insert("course", &course_ctx(s.site, c));
    Job {
        template: "course.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// The courses an author's page lists, most recent first: the ones naming
/// them as a teacher, or every course (`everything`: the owner of a personal site).
pub(super) fn courses_of_author<'a>(
    site: &'a Site,
    id: &str,
    everything: bool,
) -> Vec<CourseCtx<'a>> {
    site.courses
        .iter()
        .filter(|c| everything || c.authors.iter().any(|a| a == id))
        .map(|c| course_ctx(site, c))
        .collect()
}
