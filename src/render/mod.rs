//! Rendering: `Site` + theme -> every file of the site, handed to a `Sink` as
//! soon as each is made. One module per page kind (`home`, `publications`,
//! `paper`, `topics`, `people`, `news`, `talks`, `posts`, `teaching`, `projects`, `pages`), the template contexts they
//! share (`context`), the machine-readable files (`files`), the one-owner check
//! of output paths (`claims`) and the compiled theme (`theme`). Everything shared
//! between pages (paper entries, topic lists) is computed once (`shared`).

mod affected;
mod appearance;
mod claims;
mod collection;
mod context;
mod cv;
mod files;
mod home;
mod icons;
mod news;
mod pages;
mod paper;
mod people;
mod picture;
mod posts;
mod projects;
mod publications;
mod search;
mod shared;
mod talks;
mod teaching;
pub mod theme;
mod topics;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rayon::prelude::*;

pub use affected::{
    ItemChanges, ItemRecord, authors_showing, globals_key, item_records, items_changed,
    papers_beside,
};
pub use shared::{Content, Derived, ITEM_TEMPLATE, Output, Reuse, Sink, Touched};

use crate::error::Result;
use crate::model::config::Mode;
use crate::model::{Paper, Site};
use crate::render::theme::Theme;
use context::{site_ctx, topic_list};
use shared::{Shared, render_to};

/// Renders every page and collects the theme's assets and the static files, in
/// memory, sorted by path.
pub fn render_site(site: &Site, theme: &mut Theme) -> Result<Vec<Output>> {
    let sink = Mutex::new(Vec::new());
    render_selected(site, theme, None, &sink)?;
    let mut outputs = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

/// Renders the site into `sink`: every page, except (when `reuse` is given) the
/// pages of unchanged papers, since after an edit only the changed papers' pages
/// need rendering again while every list page may show the change. Returns each
/// paper's derived data for the next incremental render to reuse.
pub fn render_selected(
    site: &Site,
    theme: &mut Theme,
    reuse: Option<&Reuse>,
    sink: &dyn Sink,
) -> Result<HashMap<String, Derived>> {
    let topics = topic_list(site);
    claims::check(&claims::of(site, &topics))?;
    let mut globals = tera::Context::new();
    globals.insert("site", &site_ctx(site, &topics));
    globals.insert_value("t", site.config.locale.template_value());
    globals.insert("icons", &icons::template_value());
    *theme.tera.global_context() = globals;
    // After an edit, only the changed papers' pages are rendered again.
    let wanted = |p: &Paper| reuse.is_none_or(|r| r.changed.contains(&p.slug));
    let shared = Shared::new(site, topics, theme, reuse, wanted, &paper::render, sink)?;

    let mut jobs = vec![
        home::job(&shared),
        publications::job(&shared),
        topics::index_job(&shared),
        pages::not_found_job(&shared),
    ];
    let touched = reuse.and_then(|r| r.touched);
    jobs.extend(
        shared
            .topics
            .iter()
            .filter(|t| touched.is_none_or(|x| x.topics.contains(t.key)))
            .map(|t| topics::job(&shared, t)),
    );
    if site.config.mode == Mode::Lab {
        jobs.push(people::people_job(&shared));
    }
    if !site.news.is_empty() {
        jobs.push(news::job(&shared));
    }
    if !site.talks.is_empty() {
        jobs.push(talks::list_job(&shared));
        // A talk page lists its projects (projects.rs reads talks, not the reverse).
        jobs.extend(
            site.talks
                .iter()
                .map(|t| projects::with_talk_projects(talks::talk_job(&shared, t), site, &t.slug)),
        );
    }
    jobs.extend(posts::jobs(&shared));
    jobs.extend(collection::jobs(&shared));
    if !site.courses.is_empty() {
        jobs.push(teaching::list_job(&shared));
        jobs.extend(
            site.courses
                .iter()
                .map(|c| teaching::course_job(&shared, c)),
        );
    }
    if let Some(c) = &site.cv {
        jobs.push(cv::job(&shared, c));
    }
    if !site.projects.is_empty() {
        jobs.push(projects::list_job(&shared));
        jobs.extend(
            site.projects
                .iter()
                .map(|p| projects::project_job(&shared, p)),
        );
    }
    jobs.extend(
        site.authors
            .values()
            .filter(|a| touched.is_none_or(|x| x.authors.contains(&a.id)))
            .map(|a| people::author_job(&shared, a)),
    );
    jobs.extend(site.pages.iter().map(|p| pages::page_job(&shared, p)));
    let mut files = vec![Output {
        path: ".nojekyll".into(),
        content: Content::Bytes(Vec::new()),
    }];
    if let Some(cname) = &site.config.cname {
        files.push(Output {
            path: "CNAME".into(),
            content: Content::Bytes(format!("{}\n", cname.trim()).into_bytes()),
        });
    }
    files.extend(files::site_files(&shared));
    files.push(search::index(site));
    // A static file replaces a theme asset of the same path; every other
    // shared path was refused by `claims::check`.
    let statics: HashSet<&str> = site.static_files.iter().map(|f| f.rel.as_str()).collect();

    // When only items of a registered kind changed, the pages that show them.
    if let Some(only) = reuse.and_then(|r| r.only) {
        jobs.retain(|j| !affected::NAMED_ONLY.contains(&j.template) || only.contains(&j.path));
        files.retain(|f| !affected::PAPERS_ONLY_FILES.contains(&f.path.as_str()));
    }
    let only_items = reuse.is_some_and(|r| r.only.is_some());
    let tera = &theme.tera;
    jobs.into_par_iter()
        .try_for_each(|job| render_to(tera, job, sink))?;
    for file in files {
        sink.put(file)?;
    }
    // The theme's assets and the static files are context: unchanged when
    // only items changed.
    for (path, bytes) in theme.assets.iter().filter(|_| !only_items) {
        if !statics.contains(path.as_str()) {
            sink.put(Output {
                path: path.clone(),
                content: Content::Bytes(bytes.clone()),
            })?;
        }
    }
    for (path, bytes) in appearance::assets(&site.config)
        .into_iter()
        .filter(|_| !only_items)
    {
        if !statics.contains(path.as_str()) {
            sink.put(Output {
                path,
                content: Content::Bytes(bytes),
            })?;
        }
    }
    // A resized picture's original is not published (its metadata may tell
    // where it was taken); its copies are.
    for f in site.static_files.iter().filter(|_| !only_items) {
        if !site.images.contains_key(&f.rel) {
            sink.put(Output {
                path: f.rel.clone(),
                content: Content::Copy(f.source.clone()),
            })?;
        }
    }
    let copies = site.images.values().chain(site.cards.values());
    let copies = copies.flat_map(|p| &p.variants);
    for v in copies.filter(|_| !only_items) {
        sink.put(Output {
            path: v.path.clone(),
            content: Content::Copy(v.file.clone()),
        })?;
    }
    Ok(site
        .papers
        .iter()
        .zip(shared.derived)
        .map(|(p, d)| (p.slug.clone(), d))
        .collect())
}
