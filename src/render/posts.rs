//! The blog: `/posts/` newest first in pages of `posts_per_page`
//! (`/posts/page/2/`...), one page per tag, one page per post with its
//! neighbours, and the posts an author's page lists.

use std::collections::BTreeMap;

use serde::Serialize;

use super::picture::{FieldImage, field_image, og_image_of};
use super::shared::{Job, Shared};
use super::talks::{RefCtx, author_refs, paper_refs};
use crate::model::{Post, Site};
use crate::scholar::meta;
use crate::text::slugify;

/// A tag as a link to its page.
#[derive(Serialize)]
pub(super) struct TagCtx<'a> {
    pub(super) name: &'a str,
    pub(super) slug: String,
    pub(super) url: String,
}

/// A post as templates see it; `body_html` only on the post's own page.
#[derive(Serialize)]
pub(super) struct PostCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) url: String,
    pub(super) title_html: &'a str,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    pub(super) updated_iso: Option<String>,
    pub(super) updated_display: Option<String>,
    pub(super) tags: Vec<TagCtx<'a>>,
    pub(super) authors: Vec<RefCtx<'a>>,
    pub(super) summary: &'a str,
    /// Shown by `folio serve` only, with a visible marker.
    pub(super) draft: bool,
    /// `5 min read`, in the site's language.
    pub(super) reading_time: String,
    pub(super) papers: Vec<RefCtx<'a>>,
    /// The cover picture: full width on the post's page, a thumbnail in lists.
    pub(super) image: Option<FieldImage<'a>>,
    pub(super) body_html: Option<&'a str>,
}

pub(super) fn post_dir(p: &Post) -> String {
    format!("posts/{}/", p.slug)
}

pub(super) fn tag_dir(slug: &str) -> String {
    format!("posts/tags/{slug}/")
}

/// The folder of page `n` (from 1) of the posts list.
pub(super) fn list_dir(n: usize) -> String {
    if n <= 1 {
        "posts/".into()
    } else {
        format!("posts/page/{n}/")
    }
}

/// The tags of the site's posts by slug, each with the name first written and
/// its posts in list order. Tags whose names differ only in case or
/// punctuation share a page.
pub(super) fn tags(site: &Site) -> BTreeMap<String, (&str, Vec<&Post>)> {
    let mut tags: BTreeMap<String, (&str, Vec<&Post>)> = BTreeMap::new();
    for p in &site.posts {
        for t in &p.tags {
            tags.entry(slugify(t))
                .or_insert_with(|| (t.as_str(), Vec::new()))
                .1
                .push(p);
        }
    }
    tags
}

/// How many pages the posts list has (at least one).
pub(super) fn page_count(site: &Site) -> usize {
    site.posts.len().div_ceil(site.config.posts_per_page).max(1)
}

pub(super) fn post_ctx<'a>(site: &'a Site, p: &'a Post, full: bool) -> PostCtx<'a> {
    let config = &site.config;
    let locale = &config.locale;
    let papers = paper_refs(site, &p.papers);
    let authors = author_refs(site, &p.authors);
    PostCtx {
        slug: &p.slug,
        url: config.url_for(&post_dir(p)),
        title_html: &p.title_html,
        date_iso: p.date.iso(),
        date_display: p.date.display(locale),
        updated_iso: p.updated.map(|d| d.iso()),
        updated_display: p.updated.map(|d| d.display(locale)),
        tags: p
            .tags
            .iter()
            .map(|t| {
                let slug = slugify(t);
                TagCtx {
                    name: t,
                    url: config.url_for(&tag_dir(&slug)),
                    slug,
                }
            })
            .collect(),
        authors,
        summary: &p.summary,
        draft: p.draft,
        reading_time: locale.plural("n_min_read", u64::from(p.reading_minutes)),
        papers,
        image: field_image(
            site,
            p.image.as_ref(),
            p.image_file.as_ref(),
            &p.image_alt,
            if full { 720 } else { 128 },
        ),
        body_html: full.then_some(p.body_html.as_str()),
    }
}

/// Where a list page sits among the others.
#[derive(Serialize)]
pub(super) struct Pagination {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) newer_url: Option<String>,
    pub(super) older_url: Option<String>,
}

/// Page `n` (from 1) of the posts list.
pub(super) fn list_job(s: &Shared, n: usize) -> Job {
    let site = s.site;
    let per_page = site.config.posts_per_page;
    let total = page_count(site);
    let posts: Vec<PostCtx> = site
        .posts
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|p| post_ctx(site, p, false))
        .collect();
    let path = list_dir(n);
    let title = if n > 1 {
        site.config.locale.fill(
            "posts_page_n",
            &[("n", &n.to_string()), ("total", &total.to_string())],
        )
    } else {
        s.text("posts")
    };
    let mut context = tera::Context::new();
    context.insert("page", &s.page("posts", title, &path));
    context.insert("posts", &posts);
    context.insert(
        "pagination",
        &Pagination {
            current: n,
            total,
            newer_url: (n > 1).then(|| site.config.url_for(&list_dir(n - 1))),
            older_url: (n < total).then(|| site.config.url_for(&list_dir(n + 1))),
        },
    );
    Job {
        template: "posts.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// The page of one tag: every post carrying it, newest first.
pub(super) fn tag_job(s: &Shared, slug: &str, name: &str, posts: &[&Post]) -> Job {
    let path = tag_dir(slug);
    let title = s.site.config.locale.fill("posts_tagged", &[("tag", name)]);
    let mut context = tera::Context::new();
    context.insert("page", &s.page("post_tag", title, &path));
    context.insert("tag", name);
    context.insert(
        "posts",
        &posts
            .iter()
            .map(|p| post_ctx(s.site, p, false))
            .collect::<Vec<_>>(),
    );
    Job {
        template: "post_tag.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// A neighbouring post, for the links at the end of a post.
#[derive(Serialize)]
pub(super) struct Neighbour<'a> {
    pub(super) title_html: &'a str,
    pub(super) url: String,
}

/// One post's page, with its JSON-LD `BlogPosting` and links to the newer and
/// older posts.
pub(super) fn post_job(s: &Shared, i: usize) -> Job {
    let site = s.site;
    let p = &site.posts[i];
    let path = post_dir(p);
    let neighbour = |j: usize| {
        site.posts.get(j).map(|q| Neighbour {
            title_html: &q.title_html,
            url: site.config.url_for(&post_dir(q)),
        })
    };
    let newer = i.checked_sub(1).and_then(neighbour);
    let older = neighbour(i + 1);
    let mut page = s.page("post", crate::markdown::plain_inline(&p.title), &path);
    let summary = crate::markdown::plain_inline(&p.summary);
    if !summary.is_empty() {
        page.description = &summary;
    }
    page.jsonld = Some(meta::script_json(&meta::post(p, site)));
    page.og_image = og_image_of(site, p.image_file.as_ref());
    let mut context = tera::Context::new();
    context.insert("page", &page);
    context.insert("post", &post_ctx(site, p, true));
    context.insert("newer", &newer);
    context.insert("older", &older);
    Job {
        template: "post.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// Every page of the blog: the list pages, the tag pages, the posts.
pub(super) fn jobs(s: &Shared) -> Vec<Job> {
    let site = s.site;
    if site.posts.is_empty() {
        return Vec::new();
    }
    let mut jobs: Vec<Job> = (1..=page_count(site)).map(|n| list_job(s, n)).collect();
    for (slug, (name, posts)) in tags(site) {
        jobs.push(tag_job(s, &slug, name, &posts));
    }
    jobs.extend((0..site.posts.len()).map(|i| post_job(s, i)));
    jobs
}

/// Every page path of the blog (`posts/`, `posts/page/2/`, tags, posts), for
/// the sitemap and the output claims.
pub(super) fn page_dirs(site: &Site) -> Vec<String> {
    if site.posts.is_empty() {
        return Vec::new();
    }
    let mut dirs: Vec<String> = (1..=page_count(site)).map(list_dir).collect();
    dirs.extend(tags(site).keys().map(|slug| tag_dir(slug)));
    dirs.extend(site.posts.iter().map(post_dir));
    dirs
}

/// The posts about the paper `slug` (it is among their `papers`), newest first.
pub(super) fn posts_of_paper<'a>(site: &'a Site, slug: &str) -> Vec<PostCtx<'a>> {
    site.posts
        .iter()
        .filter(|p| p.papers.iter().any(|x| x == slug))
        .map(|p| post_ctx(site, p, false))
        .collect()
}

/// The posts an author's page lists, newest first: the ones naming them as an
/// author, or every post (`everything`: the owner of a personal site).
pub(super) fn posts_of_author<'a>(site: &'a Site, id: &str, everything: bool) -> Vec<PostCtx<'a>> {
    site.posts
        .iter()
        .filter(|p| everything || p.authors.iter().any(|a| a == id))
        .map(|p| post_ctx(site, p, false))
        .collect()
}
