//! Authors: profile links, affiliations, membership dates, and the index of
//! names and name variants that papers' author lists are matched against.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::model::appearance::ICON_NAMES;
use crate::model::config::Config;
use crate::model::schema::{AuthorFile, AuthorLinks, DateText};
use crate::model::{Author, ImageRole, Link, PartialDate};
use crate::text::{check_key, closest, name_key, safe_url};

use super::located::{at, check_topic, image_ref, position, render_text, report_math};
use crate::load::Loaded;

pub(super) fn member_date(
    path: &Path,
    date: &Option<Spanned<DateText>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    let d = date.as_ref()?;
    PartialDate::parse(&d.value.0)
        .map_err(|msg| diags.push(at(path, d, msg)))
        .ok()
}
pub(super) fn resolve_author(
    config: &Config,
    id: String,
    file: Loaded<AuthorFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Author> {
    let path = file.path;
    let a = file.value;
    if let Err(msg) = check_key(&id) {
        diags.push(Diagnostic::error(
            &path,
            0,
            0,
            format!("author id `{id}` (the file name): {msg}"),
        ));
        return None;
    }
    if let Some(field) = &a.field {
        check_topic(config, &path, field, diags);
    }
    let photo = a.photo.as_ref().and_then(|p| match safe_url(&p.value) {
        Some(url) => Some(config.link(url)),
        None => {
            diags.push(at(
                &path,
                p,
                format!("photo `{}` is not an http(s) or relative link", p.value),
            ));
            None
        }
    });
    let mut problems = Vec::new();
    let bio_html = a
        .bio
        .as_ref()
        .map(|b| render_text(config, &b.value, &format!("bio-{id}-"), &mut problems))
        .unwrap_or_default();
    report_math(
        &path,
        "bio",
        a.bio.as_ref().map_or((0, 0), position),
        problems,
        diags,
    );
    let affiliation = a
        .affiliation
        .as_ref()
        .map(|key| affiliation_of(config, &path, key, diags));
    let start = member_date(&path, &a.start, diags);
    let end = member_date(&path, &a.end, diags);
    if let (Some(s), Some(e), Some(at_end)) = (start, end, &a.end)
        && e < s
    {
        diags.push(
            at(
                &path,
                at_end,
                format!("`end` ({}) is before `start` ({})", e.iso(), s.iso()),
            )
            .with_hint("swap the dates, or correct the one that is wrong"),
        );
    }
    Some(Author {
        links: profile_links(config, &a.links, &path, diags),
        metrics: Vec::new(),
        citations_by_year: Vec::new(),
        citations_by_year_source: "",
        citations_by_year_note: String::new(),
        declared_by_year: a.citations_by_year.clone(),
        role: a.role,
        former_role: None,
        start,
        end,
        next_position: a.next_position,
        id,
        name: a.name,
        name_variants: a.name_variants,
        position: a.position,
        affiliation,
        field: a.field.map(|f| f.value),
        photo_file: a
            .photo
            .as_ref()
            .filter(|_| photo.is_some())
            .and_then(|p| image_ref(&path, p, ImageRole::Photo, "photo")),
        photo,
        bio_html,
        source: path,
        declared: a.metrics,
        badges: a.badges,
    })
}

/// An author's affiliation: a key of `affiliations:` in site.yaml, or free text.
/// Free text that is one edit from a key is most likely a typo of it.
pub(super) fn affiliation_of(
    config: &Config,
    path: &Path,
    key: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> (String, Option<String>) {
    if let Some(def) = config.affiliations.get(&key.value) {
        return (def.name.clone(), def.url.clone());
    }
    let is_key_like = crate::text::check_key(&key.value).is_ok();
    if is_key_like
        && let Some(best) = closest(&key.value, config.affiliations.keys().map(String::as_str))
    {
        let (line, column) = position(key);
        diags.push(
            Diagnostic::warning(
                path,
                line,
                column,
                format!(
                    "affiliation `{}` is not a key of `affiliations:` in site.yaml; it is shown as written",
                    key.value
                ),
            )
            .with_hint(format!("did you mean `{best}`?")),
        );
    }
    (key.value.clone(), None)
}

/// Turns profile identifiers into full links: a bare ORCID iD, GitHub user or
/// Scholar user id is as good as the URL. Site paths (`/files/cv.pdf`) get the
/// base path, as every other link written in YAML does.
pub(super) fn profile_links(
    config: &Config,
    l: &AuthorLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let mastodon = l.mastodon.as_deref().map(mastodon_url);
    let specs: [(&'static str, &'static str, &Option<String>, &str); 18] = [
        ("email", "link_email", &l.email, "mailto:"),
        ("homepage", "link_homepage", &l.homepage, ""),
        ("cv", "link_cv", &l.cv, ""),
        (
            "scholar",
            "link_scholar",
            &l.scholar,
            "https://scholar.google.com/citations?user=",
        ),
        ("orcid", "link_orcid", &l.orcid, "https://orcid.org/"),
        ("github", "link_github", &l.github, "https://github.com/"),
        (
            "semantic_scholar",
            "link_semantic_scholar",
            &l.semantic_scholar,
            "https://www.semanticscholar.org/author/",
        ),
        ("dblp", "link_dblp", &l.dblp, "https://dblp.org/pid/"),
        (
            "openreview",
            "link_openreview",
            &l.openreview,
            "https://openreview.net/profile?id=",
        ),
        ("x", "link_x", &l.x, "https://x.com/"),
        (
            "linkedin",
            "link_linkedin",
            &l.linkedin,
            "https://www.linkedin.com/in/",
        ),
        ("gitlab", "link_gitlab", &l.gitlab, "https://gitlab.com/"),
        (
            "researchgate",
            "link_researchgate",
            &l.researchgate,
            "https://www.researchgate.net/profile/",
        ),
        ("arxiv", "link_arxiv", &l.arxiv, "https://arxiv.org/a/"),
        (
            "bluesky",
            "link_bluesky",
            &l.bluesky,
            "https://bsky.app/profile/",
        ),
        ("mastodon", "link_mastodon", &mastodon, ""),
        (
            "youtube",
            "link_youtube",
            &l.youtube,
            "https://www.youtube.com/@",
        ),
        ("rss", "link_rss", &l.rss, ""),
    ];
    let mut links = Vec::new();
    for (kind, label, value, prefix) in specs {
        let Some(value) = value else { continue };
        let value = value.trim();
        let is_url = ["http://", "https://", "mailto:"]
            .iter()
            .any(|p| value.starts_with(p));
        let url = if is_url || prefix.is_empty() {
            value.to_string()
        } else {
            let id = value.trim_start_matches('@');
            let encoded: String = id
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '\'' | '`'))
                .collect();
            format!("{prefix}{encoded}")
        };
        match safe_url(&url) {
            Some(url) => links.push(Link {
                kind,
                label: config.locale.text(label).to_string(),
                url: config.link(url),
            }),
            None => diags.push(Diagnostic::error(
                path,
                0,
                0,
                format!("links.{kind}: `{value}` is not an http(s), mailto or relative link"),
            )),
        }
    }
    for o in &l.other {
        let icon = match o.icon.as_deref() {
            None => "link",
            Some(name) => match ICON_NAMES.iter().find(|n| **n == name) {
                Some(known) => known,
                None => {
                    let hint = match closest(name, ICON_NAMES.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("icons: {}", ICON_NAMES.join(", ")),
                    };
                    diags.push(
                        Diagnostic::error(
                            path,
                            0,
                            0,
                            format!("links.other: unknown icon `{name}`"),
                        )
                        .with_hint(hint),
                    );
                    continue;
                }
            },
        };
        match safe_url(&o.url) {
            Some(url) => links.push(Link {
                kind: icon,
                label: o.label.clone(),
                url: config.link(url),
            }),
            None => diags.push(Diagnostic::error(
                path,
                0,
                0,
                format!(
                    "links.other: `{}` is not an http(s), mailto or relative link",
                    o.url
                ),
            )),
        }
    }
    links
}

/// A Mastodon address as its profile URL: `@name@server.social` is
/// `https://server.social/@name`; a URL stays as it is.
fn mastodon_url(written: &str) -> String {
    let handle = written.trim().trim_start_matches('@');
    match handle.split_once('@') {
        Some((name, server)) if !written.contains("://") => format!("https://{server}/@{name}"),
        _ => written.trim().to_string(),
    }
}

/// Maps names and name variants of known authors to their ids.
pub(super) struct NameIndex {
    by_name: HashMap<String, String>,
}

impl NameIndex {
    pub(super) fn new(
        authors: &BTreeMap<String, Author>,
        site_path: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> NameIndex {
        let mut by_name: HashMap<String, String> = HashMap::new();
        for a in authors.values() {
            for name in std::iter::once(&a.name).chain(&a.name_variants) {
                let key = name_key(name);
                match by_name.get(&key) {
                    Some(other) if other != &a.id => diags.push(Diagnostic::warning(
                        &a.source,
                        0,
                        0,
                        format!("name `{name}` also belongs to author `{other}`; papers will link to `{other}`"),
                    )),
                    _ => {
                        by_name.insert(key, a.id.clone());
                    }
                }
            }
        }
        let _ = site_path;
        NameIndex { by_name }
    }

    pub(super) fn find(&self, name: &str) -> Option<&String> {
        self.by_name.get(&name_key(name))
    }
}
