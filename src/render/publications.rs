//! The publications page: every paper, newest first, grouped by year.

use serde::Serialize;

use super::shared::{Job, Shared};

#[derive(Serialize)]
pub(super) struct YearGroup {
    pub(super) year: i32,
    pub(super) papers: Vec<tera::Value>,
}

/// The list of every paper.
pub(super) fn job(s: &Shared) -> Job {
    let mut years: Vec<YearGroup> = Vec::new();
    for (p, d) in s.site.papers.iter().zip(&s.derived) {
        let year = p.date.year;
        match years.last_mut() {
            Some(g) if g.year == year => g.papers.push(d.item.clone()),
            _ => years.push(YearGroup {
                year,
                papers: vec![d.item.clone()],
            }),
        }
    }
    let mut context = tera::Context::new();
    context.insert(
        "page",
        &s.page("publications", s.text("publications"), "publications/"),
    );
    context.insert("years", &years);
    context.insert("paper_count", &s.site.papers.len());
    Job {
        template: "publications.html",
        path: "publications/index.html".into(),
        context,
    }
}
