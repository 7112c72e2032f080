//! Projects: dates and links checked, the picture found among the site's
//! static files, people, paper and talk slugs matched to the site's authors,
//! papers and talks (an unknown one is a located error with the closest known
//! name), the summary and body rendered. In a Markdown file, positions in the
//! front matter are one line later in the file.

use std::collections::HashSet;
use std::path::Path;

use crate::error::Diagnostic;
use crate::load::{Loaded, ProjectSource};
use crate::markdown;
use crate::model::config::Config;
use crate::model::schema::ProjectLinks;
use crate::model::{ImageRole, Link, Project, StaticFile};
use crate::text::{check_slug, slugify};

use super::located::{at, image_of, image_ref, named_links, position, render_body, report_math};
use super::talk::{Targets, check_ref, date_of};

/// What a project may point at besides the talk targets: talks and static files.
pub(super) struct ProjectTargets<'a> {
    pub(super) base: &'a Targets<'a>,
    pub(super) talks: HashSet<&'a str>,
    pub(super) static_files: &'a [StaticFile],
    /// The site's papers, for `[@slug]` citations in the body.
    pub(super) cited: &'a super::located::Papers<'a>,
}

/// Resolves one project; `None` (with every problem reported) when it has errors.
pub(super) fn resolve_project(
    config: &Config,
    targets: &ProjectTargets,
    file: Loaded<ProjectSource>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let markdown_file = file.value.1.is_some();
    let mut own = Vec::new();
    let mut project = resolve_fields(config, targets, file, &mut own);
    for d in own.iter_mut().filter(|d| markdown_file && d.line > 0) {
        d.line += 1;
    }
    // The pictures' places too, for the errors of `images`.
    if let Some(p) = project.as_mut().filter(|_| markdown_file) {
        for f in p.image_file.iter_mut().chain(&mut p.body_images) {
            f.line += 1;
        }
    }
    let failed = own.iter().any(Diagnostic::is_error);
    diags.extend(own);
    project.filter(|_| !failed)
}

fn resolve_fields(
    config: &Config,
    targets: &ProjectTargets,
    file: Loaded<ProjectSource>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let path = file.path;
    let (p, md_body) = file.value;
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Err(msg) = check_slug(&slug) {
        diags.push(Diagnostic::error(&path, 0, 0, msg).with_hint("rename the file"));
    }
    if p.title.value.trim().is_empty() {
        diags
            .push(at(&path, &p.title, "the title is empty").with_hint("write the project's title"));
    }
    let start = p.start.as_ref().and_then(|d| date_of(&path, d, diags));
    let end = p.end.as_ref().and_then(|d| date_of(&path, d, diags));
    if let (Some(s), Some(e), Some(at_end)) = (start, end, &p.end)
        && e < s
    {
        diags.push(
            at(&path, at_end, "end is before start").with_hint("write when the project ended"),
        );
    }
    let image = p
        .image
        .as_ref()
        .and_then(|i| image_of(config, &path, i, targets.static_files, diags));
    let links = project_links(config, &p.links, &path, diags);
    let ids: HashSet<&str> = targets.base.authors.keys().map(String::as_str).collect();
    for a in &p.people {
        check_ref(&path, "author id", a, &ids, diags);
    }
    for s in &p.papers {
        check_ref(&path, "paper slug", s, &targets.base.papers, diags);
    }
    for s in &p.talks {
        check_ref(&path, "talk slug", s, &targets.talks, diags);
    }
    let body_text = match (&md_body, &p.body) {
        (Some(_), Some(b)) => {
            diags.push(
                at(&path, b, "`body` in the front matter of a Markdown file")
                    .with_hint("write the body after the closing ---"),
            );
            String::new()
        }
        (Some((md, _)), None) => md.clone(),
        (None, b) => b.as_ref().map(|b| b.value.clone()).unwrap_or_default(),
    };
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&p.title.value, &mut problems);
    report_math(&path, "title", position(&p.title), problems, diags);
    let summary = p
        .summary
        .as_ref()
        .map(|s| s.value.clone())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let summary_html = markdown::render_inline(&summary, &mut problems);
    let at_summary = p.summary.as_ref().map_or((0, 0), position);
    report_math(&path, "summary", at_summary, problems, diags);
    // Where the body's first line is, in the coordinates of this function's
    // diagnostics (a Markdown file's are moved one line down afterwards).
    let body_line = match (&md_body, &p.body) {
        (Some((_, line)), _) => line - 1,
        // Of a block scalar (`body: |`), the line of its first text line.
        (None, Some(b)) => position(b).0,
        (None, None) => 0,
    };
    let (body_html, body_images) = render_body(
        config,
        targets.cited,
        &path,
        (&body_text, body_line),
        "body",
        diags,
    );
    Some(Project {
        slug,
        title: p.title.value,
        title_html,
        summary,
        summary_html,
        status: p.status,
        start,
        end,
        image_file: p
            .image
            .as_ref()
            .filter(|_| image.is_some())
            .and_then(|i| image_ref(&path, i, ImageRole::Picture, "image")),
        image,
        image_alt: p.image_alt.unwrap_or_default(),
        people: p.people.into_iter().map(|a| a.value).collect(),
        papers: p.papers.into_iter().map(|s| s.value).collect(),
        talks: p.talks.into_iter().map(|s| s.value).collect(),
        links,
        tags: p
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        body_text,
        body_html,
        body_images,
        source: path,
    })
}

fn project_links(
    config: &Config,
    l: &ProjectLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs = [
        ("code", "link_code", &l.code),
        ("website", "link_website", &l.website),
        ("demo", "link_demo", &l.demo),
        ("data", "link_data", &l.data),
    ];
    named_links(config, &specs, path, diags)
}

/// Every project resolved, current ones first, then by start, newest first.
pub(super) fn resolve_projects(
    config: &Config,
    targets: &ProjectTargets,
    files: Vec<Loaded<ProjectSource>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Project> {
    let mut projects: Vec<Project> = files
        .into_iter()
        .filter_map(|f| resolve_project(config, targets, f, diags))
        .collect();
    projects.sort_by(|a, b| {
        b.is_current()
            .cmp(&a.is_current())
            .then_with(|| b.start.cmp(&a.start))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    projects
}
