//! Which pages show which item, for minimal rebuilds (`folio watch`, `folio
//! serve`) of the content kinds registered here (talks): an edit of such an
//! item renders and writes only its own page and the pages that show it.
//!
//! A kind is registered by listing its items in [`item_records`] (each with
//! its page, the papers whose pages show it and the other pages that do) and
//! by not putting its files' stamps in `load::RawSite::context_stamps`. Kinds
//! not registered stay context: a change to them rebuilds everything.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use super::context::{author_dir, site_ctx};
use super::projects::project_dir;
use super::talks::talk_dir;
use crate::model::Site;
use crate::model::config::Mode;

/// What a build records of one item of a registered kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// A hash of the item as resolved: any change to its file that matters
    /// changes it.
    pub fingerprint: u64,
    /// Slugs of the papers whose pages show the item.
    pub papers: Vec<String>,
    /// Every other page that shows it (`talks/index.html`, a speaker's page,
    /// a project's page), its own page first.
    pub pages: Vec<String>,
}

/// The items of the registered kinds, by the path of their own page.
pub fn item_records(site: &Site) -> BTreeMap<String, ItemRecord> {
    let mut records = BTreeMap::new();
    for t in &site.talks {
        let page = format!("{}index.html", talk_dir(t));
        let mut pages = vec![page.clone(), "talks/index.html".to_string()];
        // The speakers' pages list their talks; the owner's page of a personal
        // site lists every talk (`people::author_job`).
        let owner = site
            .config
            .owner
            .as_ref()
            .filter(|_| site.config.mode == Mode::Personal);
        for id in t.authors.iter().chain(owner) {
            if site.authors.contains_key(id) {
                pages.push(format!("{}index.html", author_dir(id)));
            }
        }
        // The projects that list the talk.
        for p in site.projects.iter().filter(|p| p.talks.contains(&t.slug)) {
            pages.push(format!("{}index.html", project_dir(p)));
        }
        let papers = t
            .papers
            .iter()
            .filter(|slug| site.papers.iter().any(|p| &p.slug == *slug))
            .cloned()
            .collect();
        records.insert(
            page,
            ItemRecord {
                fingerprint: fingerprint(t),
                papers,
                pages,
            },
        );
    }
    records
}

fn fingerprint(item: &impl std::fmt::Debug) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    format!("{item:?}").hash(&mut h);
    h.finish()
}

/// A hash of what every page sees of the site (the `site` template value:
/// navigation, which list pages exist, `has_talks`): when it changes, every
/// page may. The topics and the paper count are left out: the session weighs
/// those itself (they matter to paper pages only if their templates say so).
pub fn globals_key(site: &Site) -> u64 {
    let mut ctx = site_ctx(site, &[]);
    ctx.paper_count = 0;
    let mut h = std::hash::DefaultHasher::new();
    serde_json::to_string(&ctx).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// The templates of the pages that show an item of a registered kind only when
/// [`item_records`] says so: when only such items changed, these pages are
/// rendered only if named there. Every other page (the home page, the CV, the
/// pages of kinds added since) is rendered at every rebuild, and written only
/// if its bytes changed.
/// (Paper pages are rendered for the papers in `Reuse::changed`.)
pub(super) const NAMED_ONLY: &[&str] = &[
    "publications.html",
    "topics.html",
    "topic.html",
    "404.html",
    "people.html",
    "author.html",
    "news.html",
    "talks.html",
    "talk.html",
    "project.html",
    "posts.html",
    "post_tag.html",
    "post.html",
    "teaching.html",
    "course.html",
    "page.html",
];

/// Site files that show only papers: not made again when only items changed.
pub(super) const PAPERS_ONLY_FILES: &[&str] = &["papers.bib", "papers.json"];
