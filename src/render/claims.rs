//! One owner per output path: every file a build writes is claimed by the
//! site file or the generated page it comes from, and a second claim on the
//! same path (compared without case) is an error naming both.

use std::collections::HashMap;
use std::path::PathBuf;

use super::context::{TopicCtx, author_dir, paper_dir, topic_dir};
use crate::error::{Error, Result};
use crate::model::Site;
use crate::model::config::Mode;

/// Who writes an output file: a file of the site, or folio itself.
#[derive(Debug, Clone)]
pub(super) struct Owner {
    /// The site's file the output comes from, when there is one.
    pub(super) file: Option<PathBuf>,
    /// The owner in words (`pages/news.md`, `the news page`).
    pub(super) what: String,
}

impl Owner {
    pub(super) fn file(path: &std::path::Path) -> Owner {
        Owner {
            file: Some(path.to_path_buf()),
            what: path.display().to_string(),
        }
    }

    pub(super) fn generated(what: &str) -> Owner {
        Owner {
            file: None,
            what: what.to_string(),
        }
    }

    pub(super) fn in_file(path: &std::path::Path, what: String) -> Owner {
        Owner {
            file: Some(path.to_path_buf()),
            what: format!("{what} in {}", path.display()),
        }
    }
}

/// Every output path of the site with who writes it, in the order pages are
/// made. Theme assets are not claims: a static file of the same path replaces
/// one on purpose.
pub(super) fn of(site: &Site, topics: &[TopicCtx]) -> Vec<(String, Owner)> {
    let config = &site.config;
    let site_yaml = std::path::Path::new("site.yaml");
    let mut claims: Vec<(String, Owner)> = [
        ("index.html", "the home page"),
        ("publications/index.html", "the publications page"),
        ("topics/index.html", "the topics page"),
        ("404.html", "the not-found page"),
        (".nojekyll", "the .nojekyll file"),
        ("robots.txt", "the generated robots.txt"),
        ("papers.bib", "the generated papers.bib"),
        ("papers.json", "the generated papers.json"),
        (super::search::PATH, "the generated search index"),
    ]
    .into_iter()
    .map(|(path, what)| (path.to_string(), Owner::generated(what)))
    .collect();
    let mut claim = |path: String, owner: Owner| claims.push((path, owner));
    if config.mode == Mode::Lab {
        claim(
            "people/index.html".into(),
            Owner::generated("the people page (lab mode)"),
        );
    }
    if !site.news.is_empty() {
        claim(
            "news/index.html".into(),
            Owner::generated("the news page (from news/)"),
        );
    }
    if config.absolute_url("").is_some() {
        claim(
            "sitemap.xml".into(),
            Owner::generated("the generated sitemap.xml"),
        );
        claim(
            "feed.xml".into(),
            Owner::generated("the generated feed.xml"),
        );
        if !site.news.is_empty() {
            claim(
                "news.xml".into(),
                Owner::generated("the generated news.xml"),
            );
        }
    }
    if config.cname.is_some() {
        claim("CNAME".into(), Owner::in_file(site_yaml, "`cname`".into()));
    }
    for t in topics {
        let owner = Owner::in_file(site_yaml, format!("topic `{}`", t.key));
        claim(format!("{}index.html", topic_dir(t)), owner);
    }
    for a in site.authors.values() {
        claim(
            format!("{}index.html", author_dir(&a.id)),
            Owner::file(&a.source),
        );
    }
    for p in &site.papers {
        claim(
            format!("{}index.html", paper_dir(p)),
            Owner::file(&p.source),
        );
    }
    for p in &site.pages {
        claim(format!("{}/index.html", p.slug), Owner::file(&p.source));
    }
    if !site.talks.is_empty() {
        claim(
            "talks/index.html".into(),
            Owner::generated("the talks page (from talks/)"),
        );
    }
    for t in &site.talks {
        claim(
            format!("{}index.html", super::talks::talk_dir(t)),
            Owner::file(&t.source),
        );
    }
    for dir in super::posts::page_dirs(site) {
        let owner = match site.posts.iter().find(|p| super::posts::post_dir(p) == dir) {
            Some(p) => Owner::file(&p.source),
            None => Owner::generated(&format!("the posts list ({dir})")),
        };
        claim(format!("{dir}index.html"), owner);
    }
    if config.absolute_url("").is_some() && site.posts.iter().any(|p| !p.draft) {
        claim(
            crate::scholar::feeds::POSTS_FEED.into(),
            Owner::generated("the generated posts feed"),
        );
    }
    for c in &site.collections {
        let what = format!("collection `{}`", c.name);
        claim(
            format!("{}index.html", super::collection::list_dir(c)),
            Owner::in_file(site_yaml, what),
        );
        if c.item_pages {
            for i in &c.items {
                claim(
                    format!("{}index.html", super::collection::item_dir(c, i)),
                    Owner::file(&i.source),
                );
            }
        }
    }
    if !site.courses.is_empty() {
        claim(
            "teaching/index.html".into(),
            Owner::generated("the teaching page (from teaching/)"),
        );
    }
    for c in &site.courses {
        claim(
            format!("{}index.html", super::teaching::course_dir(c)),
            Owner::file(&c.source),
        );
    }
    if let Some(cv) = &site.cv {
        claim(
            format!("{}index.html", super::cv::CV_DIR),
            Owner::file(&cv.source),
        );
    }
    if !site.projects.is_empty() {
        claim(
            "projects/index.html".into(),
            Owner::generated("the projects page (from projects/)"),
        );
    }
    for p in &site.projects {
        claim(
            format!("{}index.html", super::projects::project_dir(p)),
            Owner::file(&p.source),
        );
    }
    if let Some(owner) = site.owner() {
        // Custom badges come after the computed metrics (`metrics::for_author`).
        let custom = owner.metrics.len().saturating_sub(owner.badges.len());
        for (i, m) in owner.metrics.iter().enumerate() {
            let who = if i < custom {
                Owner::generated(&format!("the {} badge", m.label))
            } else {
                Owner::in_file(&owner.source, format!("badge `{}`", m.label))
            };
            claim(format!("badges/{}.svg", m.key), who);
        }
    }
    for f in &site.static_files {
        let path = std::path::Path::new("static").join(&f.rel);
        claim(f.rel.clone(), Owner::file(&path));
    }
    claims
}

/// Every output path has one owner: a second claim is an error naming both.
/// Paths are compared without case, as macOS and Windows compare file names:
/// `authors/Ada/` and `authors/ada/` would be one folder there.
pub(super) fn check(claims: &[(String, Owner)]) -> Result<()> {
    let mut owners: HashMap<String, (&str, &Owner)> = HashMap::with_capacity(claims.len());
    let mut diags = Vec::new();
    for (path, owner) in claims {
        let key = path.to_lowercase();
        let Some(&(first_path, first)) = owners.get(&key) else {
            owners.insert(key, (path, owner));
            continue;
        };
        let what = if first_path == path {
            format!("`{path}` would be written twice")
        } else {
            format!(
                "`{first_path}` and `{path}` would be one file where case does not count (macOS, Windows)"
            )
        };
        // Said at the file that can be changed: the second claim's, else the first's.
        let at = owner
            .file
            .as_deref()
            .or(first.file.as_deref())
            .unwrap_or(std::path::Path::new("site.yaml"));
        diags.push(
            crate::error::Diagnostic::error(
                at,
                0,
                0,
                format!("{what}: by {} and by {}", first.what, owner.what),
            )
            .with_hint("rename one of them (a file, a `slug:`, a topic key or a badge label)"),
        );
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(diags))
    }
}
