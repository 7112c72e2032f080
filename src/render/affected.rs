//! Which pages show which item, for minimal rebuilds (`folio watch`, `folio
//! serve`) of the content kinds registered here (talks, posts, courses,
//! projects, the CV, items of generic collections): an edit of
//! such an item renders and writes only its own page and the pages that show
//! it.
//!
//! A kind is registered by listing its items in [`item_records`] (each with
//! its own page, the papers whose pages show it and the other pages that do)
//! and by not putting its files' stamps in `load::RawSite::context_stamps`.
//! Kinds not registered stay context: a change to them rebuilds everything.
//! Pages whose content depends on the set of items rather than on one of
//! them (a list page's "page 2 of 3", a tag page's name) are records too,
//! keyed by their own path: when such a page is no longer made, it is removed.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

use super::context::{author_dir, site_ctx};
use super::posts::{list_dir, page_count, post_dir, tag_dir, tags};
use super::projects::project_dir;
use super::talks::talk_dir;
use super::teaching::course_dir;
use crate::model::config::Mode;
use crate::model::{Project, Site};
use crate::text::slugify;

/// What a build records of one item of a registered kind (or of one page
/// that depends on the set of items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// A hash of the item as resolved: any change to its file that matters
    /// changes it.
    pub fingerprint: u64,
    /// The item's own page (removed when the item is gone), if it has one.
    pub page: Option<String>,
    /// Slugs of the papers whose pages show the item.
    pub papers: Vec<String>,
    /// Every page that shows it (`talks/index.html`, a speaker's page,
    /// a project's page), its own page first.
    pub pages: Vec<String>,
}

/// The records of one build, by a key unique to each item (its own page).
type Records = BTreeMap<String, ItemRecord>;

/// The items of the registered kinds, by the path of their own page.
pub fn item_records(site: &Site) -> Records {
    let mut records = Records::new();
    talk_records(site, &mut records);
    post_records(site, &mut records);
    course_records(site, &mut records);
    project_records(site, &mut records);
    collection_records(site, &mut records);
    // The CV (`cv.yaml` or `resume.json`) is shown on its page only.
    if let (Some(cv), Some(page)) = (&site.cv, cv_page(site)) {
        add(&mut records, cv, Vec::new(), vec![page]);
    }
    records
}

/// `dir` + `index.html`: the page of a folder.
fn index(dir: &str) -> String {
    format!("{dir}index.html")
}

/// Adds the record of an item whose own page is `pages[0]`.
fn add(
    records: &mut Records,
    item: &impl std::fmt::Debug,
    papers: Vec<String>,
    pages: Vec<String>,
) {
    let page = pages[0].clone();
    records.insert(
        page.clone(),
        ItemRecord {
            fingerprint: fingerprint(item),
            page: Some(page),
            papers,
            pages,
        },
    );
}

/// Adds the record of a page that shows `what` of the set of items.
fn add_page(records: &mut Records, page: String, what: &impl std::fmt::Debug) {
    add(records, what, Vec::new(), vec![page]);
}

/// The pages of the authors `ids` that exist, and the owner's page of a
/// personal site, which lists every item (`people::author_job`).
fn author_pages<'a>(site: &'a Site, ids: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let owner = site
        .config
        .owner
        .as_ref()
        .filter(|_| site.config.mode == Mode::Personal);
    let mut pages: Vec<String> = ids
        .into_iter()
        .chain(owner)
        .filter(|id| site.authors.contains_key(*id))
        .map(|id| index(&author_dir(id)))
        .collect();
    pages.dedup();
    pages
}

/// The slugs among `slugs` that are papers of the site.
fn known_papers(site: &Site, slugs: &[String]) -> Vec<String> {
    slugs
        .iter()
        .filter(|slug| site.papers.iter().any(|p| &p.slug == *slug))
        .cloned()
        .collect()
}

fn talk_records(site: &Site, records: &mut Records) {
    for t in &site.talks {
        let mut pages = vec![index(&talk_dir(t)), "talks/index.html".to_string()];
        // The speakers' pages list their talks, the CV lists talks.
        pages.extend(author_pages(site, &t.authors));
        pages.extend(cv_page(site));
        let mut papers = known_papers(site, &t.papers);
        // The projects that list the talk show its title wherever they are shown.
        for p in site.projects.iter().filter(|p| p.talks.contains(&t.slug)) {
            let (more_pages, more_papers) = project_shown(site, p);
            pages.extend(more_pages);
            papers.extend(more_papers);
        }
        add(records, t, papers, pages);
    }
}

/// A post is shown on its page, on the list page it falls on, on its tag
/// pages, on its authors' pages, on its papers' pages, and (title and link)
/// on the pages of the posts before and after it. Each list page shows how
/// many there are, and each tag page the tag's name as first written.
fn post_records(site: &Site, records: &mut Records) {
    let posts = &site.posts;
    if posts.is_empty() {
        return;
    }
    let per_page = site.config.posts_per_page;
    for (i, p) in posts.iter().enumerate() {
        let mut pages = vec![index(&post_dir(p)), index(&list_dir(i / per_page + 1))];
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        pages.extend(
            neighbours
                .into_iter()
                .flatten()
                .filter_map(|j| posts.get(j))
                .map(|q| index(&post_dir(q))),
        );
        pages.extend(p.tags.iter().map(|t| index(&tag_dir(&slugify(t)))));
        pages.extend(author_pages(site, &p.authors));
        add(records, p, known_papers(site, &p.papers), pages);
    }
    let total = page_count(site);
    for n in 1..=total {
        add_page(records, index(&list_dir(n)), &total);
    }
    for (slug, (name, _)) in tags(site) {
        add_page(records, index(&tag_dir(&slug)), &name);
    }
}

/// A course is shown on its page, on `/teaching/`, on its teachers' pages
/// and on the CV (which lists courses).
fn course_records(site: &Site, records: &mut Records) {
    for c in &site.courses {
        let mut pages = vec![index(&course_dir(c)), "teaching/index.html".to_string()];
        pages.extend(author_pages(site, &c.authors));
        pages.extend(cv_page(site));
        add(records, c, Vec::new(), pages);
    }
}

/// A project is shown (with its people, papers and talks) on its page, on
/// `/projects/`, on its people's pages, on its talks' and papers' pages, and
/// on the home page (rendered at every rebuild).
fn project_records(site: &Site, records: &mut Records) {
    for p in &site.projects {
        let (pages, papers) = project_shown(site, p);
        add(records, p, papers, pages);
    }
}

/// The pages that show a project, its own first, and the papers whose pages do.
fn project_shown(site: &Site, p: &Project) -> (Vec<String>, Vec<String>) {
    let mut pages = vec![index(&project_dir(p)), "projects/index.html".to_string()];
    pages.extend(author_pages(site, &p.people));
    pages.extend(
        site.talks
            .iter()
            .filter(|t| p.talks.contains(&t.slug))
            .map(|t| index(&talk_dir(t))),
    );
    (pages, known_papers(site, &p.papers))
}

/// An item of a generic collection is shown on its page (unless the
/// collection has none: then it is keyed by its slug on the list page) and
/// on the collection's list page.
fn collection_records(site: &Site, records: &mut Records) {
    for c in &site.collections {
        let list = index(&super::collection::list_dir(c));
        for i in &c.items {
            let own = c
                .item_pages
                .then(|| index(&super::collection::item_dir(c, i)));
            let key = own.clone().unwrap_or_else(|| format!("{list}#{}", i.slug));
            let pages = own.iter().cloned().chain([list.clone()]).collect();
            let record = ItemRecord {
                fingerprint: fingerprint(i),
                page: own,
                papers: Vec::new(),
                pages,
            };
            records.insert(key, record);
        }
    }
}

/// The authors whose pages show one of `papers` through an item that lists it
/// (a talk, a post, a project: their contexts carry the paper's title).
pub fn authors_showing(site: &Site, papers: &HashSet<String>) -> Vec<String> {
    let lists = |slugs: &[String]| slugs.iter().any(|s| papers.contains(s));
    let talks = site.talks.iter().filter(|t| lists(&t.papers));
    let posts = site.posts.iter().filter(|p| lists(&p.papers));
    let projects = site.projects.iter().filter(|p| lists(&p.papers));
    talks
        .flat_map(|t| &t.authors)
        .chain(posts.flat_map(|p| &p.authors))
        .chain(projects.flat_map(|p| &p.people))
        .cloned()
        .collect()
}

/// The papers listed beside one of `papers` by a talk, a post or a project:
/// their pages show that item, with the titles of all its papers.
pub fn papers_beside(site: &Site, papers: &HashSet<String>) -> Vec<String> {
    let lists = |slugs: &[String]| slugs.iter().any(|s| papers.contains(s));
    let talks = site.talks.iter().map(|t| &t.papers);
    let posts = site.posts.iter().map(|p| &p.papers);
    let projects = site.projects.iter().map(|p| &p.papers);
    talks
        .chain(posts)
        .chain(projects)
        .filter(|slugs| lists(slugs))
        .flat_map(|slugs| known_papers(site, slugs))
        .collect()
}

/// The CV's page, if the site has a CV.
fn cv_page(site: &Site) -> Option<String> {
    site.cv.as_ref().map(|_| index(super::cv::CV_DIR))
}

fn fingerprint(item: &impl std::fmt::Debug) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    format!("{item:?}").hash(&mut h);
    h.finish()
}

/// What changed among the items of the registered kinds between two builds.
#[derive(Debug, Default)]
pub struct ItemChanges {
    /// The pages to render: those that show a changed item, before or after
    /// the change.
    pub pages: HashSet<String>,
    /// Papers whose pages show a changed item.
    pub papers: HashSet<String>,
    /// The own pages of items that are gone.
    pub gone: Vec<String>,
}

/// The pages an edit of items changes (`None` when no item changed). An item
/// that is itself unchanged but moved (to another list page, beside another
/// post) changes only the pages it entered or left.
pub fn items_changed(before: &Records, after: &Records) -> Option<ItemChanges> {
    let mut c = ItemChanges::default();
    let added = after.keys().filter(|k| !before.contains_key(*k));
    for key in before.keys().chain(added) {
        match (before.get(key), after.get(key)) {
            (Some(old), Some(new)) if old == new => {}
            (Some(old), Some(new))
                if old.fingerprint == new.fingerprint && old.page == new.page =>
            {
                c.pages.extend(either(&old.pages, &new.pages));
                c.papers.extend(either(&old.papers, &new.papers));
            }
            (old, new) => {
                if let (Some(page), None) = (old.and_then(|o| o.page.as_ref()), new) {
                    c.gone.push(page.clone());
                }
                for r in [old, new].into_iter().flatten() {
                    c.papers.extend(r.papers.iter().cloned());
                    c.pages.extend(r.pages.iter().cloned());
                }
            }
        }
    }
    // The own page of a removed item is not rendered again, only removed.
    for g in &c.gone {
        c.pages.remove(g);
    }
    (!c.pages.is_empty() || !c.papers.is_empty() || !c.gone.is_empty()).then_some(c)
}

/// What is in exactly one of `a` and `b`.
fn either<'a>(a: &'a [String], b: &'a [String]) -> impl Iterator<Item = String> + 'a {
    let only = |x: &'a [String], y: &'a [String]| x.iter().filter(move |s| !y.contains(s));
    only(a, b).chain(only(b, a)).cloned()
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
    // The resized pictures decide which files are published (their copies,
    // and the originals of the others), which a minimal rebuild does not
    // write: a field naming another picture, or a picture replaced, is a
    // change of the whole site.
    for (rel, picture) in &site.images {
        rel.hash(&mut h);
        for v in &picture.variants {
            v.path.hash(&mut h);
        }
    }
    h.finish()
}

/// The templates of the pages that show an item of a registered kind only when
/// [`item_records`] says so: when only such items changed, these pages are
/// rendered only if named there. Every other page (the home page, the pages
/// of kinds added since) is rendered at every rebuild, and written only if
/// its bytes changed.
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
    "projects.html",
    "cv.html",
    "collection.html",
    "collection_item.html",
    "posts.html",
    "post_tag.html",
    "post.html",
    "teaching.html",
    "course.html",
    "page.html",
];

/// Site files that show only papers: not made again when only items changed.
pub(super) const PAPERS_ONLY_FILES: &[&str] = &["papers.bib", "papers.json"];

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fingerprint: u64, pages: &[&str], papers: &[&str]) -> ItemRecord {
        ItemRecord {
            fingerprint,
            page: Some(pages[0].to_string()),
            papers: papers.iter().map(|s| s.to_string()).collect(),
            pages: pages.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn sorted(set: &HashSet<String>) -> Vec<&str> {
        let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
        v.sort();
        v
    }

    #[test]
    fn an_unchanged_item_that_moved_changes_only_the_pages_it_entered_or_left() {
        let before = Records::from([("a".into(), record(1, &["a", "list1", "x"], &["p", "q"]))]);
        let after = Records::from([("a".into(), record(1, &["a", "list2", "x"], &["q", "r"]))]);
        let c = items_changed(&before, &after).unwrap();
        assert_eq!(sorted(&c.pages), ["list1", "list2"]);
        assert_eq!(sorted(&c.papers), ["p", "r"]);
        assert!(c.gone.is_empty());
    }

    #[test]
    fn a_changed_item_changes_every_page_that_showed_or_shows_it() {
        let before = Records::from([("a".into(), record(1, &["a", "list1"], &["p"]))]);
        let after = Records::from([("a".into(), record(2, &["a", "list2"], &[]))]);
        let c = items_changed(&before, &after).unwrap();
        assert_eq!(sorted(&c.pages), ["a", "list1", "list2"]);
        assert_eq!(sorted(&c.papers), ["p"]);
    }

    #[test]
    fn a_removed_item_removes_its_page_and_renders_the_others() {
        let before = Records::from([("a".into(), record(1, &["a", "list1"], &[]))]);
        let c = items_changed(&before, &Records::new()).unwrap();
        assert_eq!(sorted(&c.pages), ["list1"]);
        assert_eq!(c.gone, ["a"]);
        assert!(items_changed(&before, &before).is_none());
    }
}
