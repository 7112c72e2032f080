//! One page per author (the owner's profile, a member's page) and, for labs,
//! the people page grouped by role.

use serde::Serialize;

use super::context::{AuthorCtx, author_ctx, author_dir};
use super::shared::{Job, Shared};
use crate::model::Author;
use crate::model::config::Mode;
use crate::scholar::meta;

pub(super) fn author_job(s: &Shared, a: &Author) -> Job {
    let path = author_dir(&a.id);
    let mut context = tera::Context::new();
    let mut page = s.page("author", &a.name, &path);
    page.jsonld = Some(meta::script_json(&meta::author(a, &s.site.config)));
    context.insert("page", &page);
    context.insert("author", &author_ctx(s.site, a));
    let everything = s.site.config.mode == Mode::Personal
        && s.site.config.owner.as_deref() == Some(a.id.as_str());
    context.insert(
        "papers",
        &s.papers_where(|p| everything || p.authors.iter().any(|x| x.id.as_deref() == Some(&a.id))),
    );
    context.insert(
        "talks",
        &super::talks::talks_of_author(s.site, &a.id, everything),
    );
    context.insert(
        "posts",
        &super::posts::posts_of_author(s.site, &a.id, everything),
    );
    context.insert(
        "courses",
        &super::teaching::courses_of_author(s.site, &a.id, everything),
    );
    context.insert(
        "projects",
        &super::projects::projects_of_author(s.site, &a.id, everything),
    );
    Job {
        template: "author.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// A lab member as the people page lists them.
#[derive(Serialize)]
pub(super) struct RoleGroup<'a> {
    pub(super) role: crate::model::schema::Role,
    pub(super) heading: &'a str,
    pub(super) members: Vec<AuthorCtx<'a>>,
}

pub(super) fn people_job(s: &Shared) -> Job {
    let groups: Vec<RoleGroup> = crate::model::schema::Role::ALL
        .iter()
        .map(|&role| {
            let mut members: Vec<&Author> = s
                .site
                .authors
                .values()
                .filter(|a| a.role == Some(role))
                .collect();
            // Current members by start date, alumni most recent first.
            members.sort_by(|a, b| match role {
                crate::model::schema::Role::Alumni => b.end.cmp(&a.end).then(a.name.cmp(&b.name)),
                _ => a.start.cmp(&b.start).then(a.name.cmp(&b.name)),
            });
            RoleGroup {
                role,
                heading: s.site.config.locale.text(role.heading()),
                members: members.into_iter().map(|a| author_ctx(s.site, a)).collect(),
            }
        })
        .filter(|g| !g.members.is_empty())
        .collect();
    let mut context = tera::Context::new();
    context.insert("page", &s.page("people", s.text("people"), "people/"));
    context.insert("groups", &groups);
    Job {
        template: "people.html",
        path: "people/index.html".into(),
        context,
    }
}
