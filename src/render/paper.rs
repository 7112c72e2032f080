//! One page per paper: the entry, the abstract, the formatted reference, the
//! BibTeX entry, Google Scholar tags and JSON-LD, each made only when the
//! paper template mentions it.

use super::context::paper_dir;
use super::shared::{Job, Shared, Sink, render_to};
use crate::error::Result;
use crate::model::Paper;
use crate::scholar::cite::{self, Meta};
use crate::scholar::meta;

/// Renders one paper's page into `sink`.
pub(super) fn render(
    s: &Shared,
    tera: &tera::Tera,
    p: &Paper,
    paper: tera::Value,
    bibtex: &str,
    sink: &dyn Sink,
) -> Result<()> {
    let path = paper_dir(p);
    let config = &s.site.config;
    let needs = &s.needs;
    let mut context = tera::Context::new();
    let title = crate::markdown::plain_inline(&p.title);
    // The abstract as plain text, made once for the description and JSON-LD.
    let plain = if needs.description || needs.jsonld {
        crate::markdown::plain_text(&p.abstract_text)
    } else {
        String::new()
    };
    let jsonld = needs
        .jsonld
        .then(|| meta::script_json(&meta::paper(p, config, &title, &plain)));
    let mut page = s.page("paper", title, &path);
    page.jsonld = jsonld;
    if needs.description {
        let summary = crate::text::first_sentence(&plain);
        if !summary.is_empty() {
            page.description = summary;
        }
    }
    page.og_image = super::picture::card_image(s.site, &p.slug);
    context.insert("page", &page);
    context.insert_value("paper", paper);
    if needs.bibtex {
        context.insert("bibtex", bibtex);
    }
    if needs.reference {
        context.insert(
            "reference",
            &crate::scholar::reference::reference(p, config.citation_style, &config.locale),
        );
    }
    context.insert("citation_style", &config.citation_style);
    context.insert("talks", &super::talks::talks_of_paper(s.site, &p.slug));
    context.insert(
        "projects",
        &super::projects::projects_of_paper(s.site, &p.slug),
    );
    context.insert("posts", &super::posts::posts_of_paper(s.site, &p.slug));
    if needs.scholar_meta {
        context.insert("scholar_meta", &cite::scholar_meta(p, config) as &Vec<Meta>);
    }
    render_to(
        tera,
        Job {
            template: "paper.html",
            path: format!("{path}index.html"),
            context,
        },
        sink,
    )
}
