//! The pages of generic collections: `/<name>/` lists the items (newest
//! first), and, unless `item_pages: false`, `/<name>/<slug>/` shows one with
//! its declared fields and a JSON-LD of the declared schema.org type.

use serde::Serialize;

use super::shared::{Job, Shared};
use crate::model::Site;
use crate::model::collection::{Collection, FieldValue, Item};

/// A collection as templates see it.
#[derive(Serialize)]
pub(super) struct CollectionCtx<'a> {
    pub(super) name: &'a str,
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) description_html: &'a str,
    pub(super) item_pages: bool,
}

/// A label and a link.
#[derive(Serialize)]
pub(super) struct LinkCtx<'a> {
    pub(super) label: &'a str,
    pub(super) url: &'a str,
}

/// An item as templates see it.
#[derive(Serialize)]
pub(super) struct ItemCtx<'a> {
    pub(super) slug: &'a str,
    /// The item's page, or `None` when the collection has no item pages.
    pub(super) url: Option<String>,
    pub(super) title_html: &'a str,
    pub(super) date_iso: Option<String>,
    pub(super) date_display: Option<String>,
    pub(super) tags: &'a [String],
    pub(super) links: Vec<LinkCtx<'a>>,
    pub(super) body_html: &'a str,
    /// The declared fields it has, in declaration order: `{name, label, type,
    /// text, list, iso}` (`text` is HTML for `markdown` fields).
    pub(super) fields: &'a [FieldValue],
}

/// The folder of a collection's list page (`software/`).
pub(super) fn list_dir(c: &Collection) -> String {
    format!("{}/", c.name)
}

/// The folder of an item's page (`software/folio/`).
pub(super) fn item_dir(c: &Collection, i: &Item) -> String {
    format!("{}/{}/", c.name, i.slug)
}

fn collection_ctx<'a>(site: &Site, c: &'a Collection) -> CollectionCtx<'a> {
    CollectionCtx {
        name: &c.name,
        title: &c.title,
        url: site.config.url_for(&list_dir(c)),
        description_html: &c.description_html,
        item_pages: c.item_pages,
    }
}

pub(super) fn item_ctx<'a>(site: &Site, c: &Collection, i: &'a Item) -> ItemCtx<'a> {
    let locale = &site.config.locale;
    ItemCtx {
        slug: &i.slug,
        url: c.item_pages.then(|| site.config.url_for(&item_dir(c, i))),
        title_html: &i.title_html,
        date_iso: i.date.map(|d| d.iso()),
        date_display: i.date.map(|d| d.display(locale)),
        tags: &i.tags,
        links: i
            .links
            .iter()
            .map(|(label, url)| LinkCtx { label, url })
            .collect(),
        body_html: &i.body_html,
        fields: &i.fields,
    }
}

/// The list page of one collection.
pub(super) fn list_job(s: &Shared, c: &Collection) -> Job {
    let mut context = tera::Context::new();
    let path = list_dir(c);
    let page = s.page("collection", &c.title, &path);
    context.insert("page", &page);
    context.insert("collection", &collection_ctx(s.site, c));
    let items: Vec<ItemCtx> = c.items.iter().map(|i| item_ctx(s.site, c, i)).collect();
    context.insert("items", &items);
    Job {
        template: "collection.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// One item's page, with its JSON-LD.
pub(super) fn item_job(s: &Shared, c: &Collection, i: &Item) -> Job {
    let path = item_dir(c, i);
    let mut context = tera::Context::new();
    let mut page = s.page(
        "collection_item",
        crate::markdown::plain_inline(&i.title),
        &path,
    );
    let plain = crate::markdown::plain_text(&i.body);
    let summary = crate::text::first_sentence(&plain);
    if !summary.is_empty() {
        page.description = summary;
    }
    page.jsonld = Some(crate::scholar::meta::script_json(
        &crate::scholar::meta::collection_item(c, i, &s.site.config),
    ));
    context.insert("page", &page);
    context.insert("collection", &collection_ctx(s.site, c));
    context.insert("item", &item_ctx(s.site, c, i));
    Job {
        template: "collection_item.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// Every page of every collection, for the sitemap.
pub(super) fn page_dirs(site: &Site) -> Vec<String> {
    let mut dirs = Vec::new();
    for c in &site.collections {
        dirs.push(list_dir(c));
        if c.item_pages {
            dirs.extend(c.items.iter().map(|i| item_dir(c, i)));
        }
    }
    dirs
}

/// Every page of every collection.
pub(super) fn jobs(s: &Shared) -> Vec<Job> {
    let mut jobs = Vec::new();
    for c in &s.site.collections {
        jobs.push(list_job(s, c));
        if c.item_pages {
            jobs.extend(c.items.iter().map(|i| item_job(s, c, i)));
        }
    }
    jobs
}
