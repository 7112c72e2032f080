//! The site's free Markdown pages and the not-found page.

use super::shared::{Job, Shared};

pub(super) fn not_found_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("404", s.text("page_not_found"), "404.html"));
    Job {
        template: "404.html",
        path: "404.html".into(),
        context,
    }
}

/// A free Markdown page of the site (`pages/about.md` -> `/about/`).
pub(super) fn page_job(s: &Shared, p: &crate::model::Page) -> Job {
    let mut context = tera::Context::new();
    let mut page = s.page("page", &p.title, &format!("{}/", p.slug));
    if let Some(d) = &p.description {
        page.description = d;
    }
    context.insert("page", &page);
    context.insert("content", &p.html);
    Job {
        template: "page.html",
        path: format!("{}/index.html", p.slug),
        context,
    }
}
