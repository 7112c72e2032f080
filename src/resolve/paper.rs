//! Papers: authors matched to people, topics and links checked, slugs and
//! citation keys made unique.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::markdown::{self};
use crate::model::config::Config;
use crate::model::names::NameParts;
use crate::model::schema::{PaperFile, PaperLinks};
use crate::model::{Author, ImageRole, Link, Paper, PaperAuthor, PartialDate};
use crate::text::{check_slug, closest, nfc, safe_url, slugify};

use super::author::NameIndex;
use super::located::{at, check_topic, image_ref, position, render_text, report_math};
use crate::load::Loaded;

pub(super) fn resolve_paper(
    config: &Config,
    authors: &BTreeMap<String, Author>,
    names: &NameIndex,
    index: Option<usize>,
    file: Loaded<PaperFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Paper> {
    let path = file.path;
    let p = file.value;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let slug = match (&p.slug, index) {
        (Some(s), _) => {
            let slug = nfc(&s.value);
            if let Err(msg) = check_slug(&slug) {
                diags.push(at(&path, s, msg));
            }
            slug
        }
        (None, None) => slugify(&path.file_stem().unwrap_or_default().to_string_lossy()),
        (None, Some(_)) => slugify(&markdown::plain_inline(&p.title.value)),
    };
    if slug.is_empty() {
        let d = match index {
            Some(_) => at(&path, &p.title, "cannot make a slug from this title"),
            None => Diagnostic::error(&path, 0, 0, "cannot make a slug from this file name"),
        };
        diags.push(d.with_hint("add `slug: my-paper`"));
    }
    if p.title.value.trim().is_empty() {
        diags.push(at(&path, &p.title, "the title is empty").with_hint("write the paper's title"));
    }
    let date = PartialDate::parse(&p.date.value.0)
        .map_err(|msg| diags.push(at(&path, &p.date, msg)))
        .ok();
    if p.authors.is_empty() {
        diags.push(
            at(&path, &p.title, "a paper needs at least one author")
                .with_hint("add `authors: [Your Name]`"),
        );
    }
    warn_split_names(&path, &p.authors, diags);
    let mut paper_authors: Vec<PaperAuthor> = Vec::with_capacity(p.authors.len());
    for entry in &p.authors {
        let Some(a) = resolve_paper_author(authors, names, &path, entry, diags) else {
            continue;
        };
        if let Some(id) = &a.id
            && paper_authors.iter().any(|b| b.id.as_ref() == Some(id))
        {
            diags.push(
                Diagnostic::warning(
                    &path,
                    entry.referenced.line(),
                    entry.referenced.column(),
                    format!("author `{id}` is listed twice in this paper"),
                )
                .with_hint(
                    "remove one entry; `equal:` and `corresponding:` can be set on the one kept",
                ),
            );
            continue;
        }
        paper_authors.push(a);
    }
    for t in &p.topics {
        check_topic(config, &path, t, diags);
    }
    if check_pulled_text(config, &path, &p, &paper_authors, diags) {
        // Citations, BibTeX and CSL-JSON all need the parts of each name:
        // read them once here, once the names are known to be of sane size.
        for a in &mut paper_authors {
            if a.parts == NameParts::default() {
                a.parts = NameParts::guess(&a.name);
            }
        }
    }
    for a in &p.affiliations {
        if !config.affiliations.contains_key(&a.value) {
            let hint = match closest(&a.value, config.affiliations.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "add it under `affiliations:` in site.yaml".to_string(),
            };
            diags.push(at(&path, a, format!("unknown affiliation `{}`", a.value)).with_hint(hint));
        }
    }
    let links = paper_links(config, &p.links, &path, diags);
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&p.title.value, &mut problems);
    report_math(&path, "title", position(&p.title), problems, diags);
    // The venue renders its maths like the title; its problems show there too.
    let venue_html = p.venue.as_deref().map(|v| {
        let mut ignored = Vec::new();
        markdown::render_inline(v, &mut ignored)
    });
    let mut problems = Vec::new();
    let abstract_text = p
        .abstract_
        .as_ref()
        .map(|a| a.value.clone())
        .unwrap_or_default();
    let prefix = format!("paper-{slug}-");
    let abstract_html = render_text(config, &abstract_text, &prefix, &mut problems);
    report_math(
        &path,
        "abstract",
        p.abstract_.as_ref().map_or((0, 0), position),
        problems,
        diags,
    );
    let preview_file = p.preview.as_ref().and_then(|v| {
        let file = image_ref(&path, v, ImageRole::Thumbnail, "preview");
        if file.is_none() {
            diags.push(
                at(&path, v, format!("preview: `{}` is not a site path", v.value.trim())).with_hint(
                    "put the picture in static/ and write its path, such as /assets/img/publication_preview/x.png",
                ),
            );
        }
        file
    });
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let mut paper = Paper {
        slug,
        cite_key: String::new(),
        cite_base: String::new(),
        title: p.title.value,
        title_html,
        date: date?,
        authors: paper_authors,
        authors_truncated: p.authors_truncated,
        affiliations: p.affiliations.into_iter().map(|a| a.value).collect(),
        topics: p.topics.into_iter().map(|t| t.value).collect(),
        biblio: crate::model::Biblio {
            volume: p.volume.map(|v| v.0),
            issue: p.issue.map(|v| v.0),
            pages: p.pages.map(|v| v.0),
            publisher: p.publisher,
            editors: p.editors,
            edition: p.edition.map(|v| v.0),
            institution: p.institution,
            number: p.number.map(|v| v.0),
            isbn: p.isbn.map(|v| v.0),
            issn: p.issn.map(|v| v.0),
            address: p.address,
            thesis_type: p.thesis_type,
            reference_note: p.reference_note,
        },
        venue: p.venue,
        venue_html,
        kind: p.kind,
        abstract_text,
        abstract_html,
        links,
        has_code: p.has_code,
        citations: p.citations.as_ref().map(|c| c.value),
        citations_source: p.citations.as_ref().and_then(|c| {
            let source = c.source.as_deref()?;
            Some(match &c.as_of {
                // "as of" in the site's language, as on the badges.
                Some(date) => format!(
                    "{source}, {}",
                    config.locale.fill(
                        "as_of",
                        &[("date", &super::metrics::shown_date(date, &config.locale))]
                    )
                ),
                None => source.to_string(),
            })
        }),
        selected: p.selected,
        award: p.award,
        note: p.note,
        bibtex: p.bibtex,
        preview: p
            .preview
            .map(|v| (v.value.trim().to_string(), config.link(v.value.trim()))),
        preview_alt: p.preview_alt.unwrap_or_default().trim().to_string(),
        preview_file,
        source: path,
    };
    paper.cite_base = crate::scholar::cite::key(&paper);
    Some(paper)
}

/// The most text a paper may take from other files: its authors' names from
/// author files, its topics' and affiliations' names from site.yaml. Each is
/// shown wherever the paper is listed, so one long name used by many papers
/// would otherwise multiply (a 1 MB name in sixty papers wrote 525 MB).
pub(super) const MAX_PULLED_TEXT: usize = 64 * 1024;

/// Refuses a paper whose names from other files pass [`MAX_PULLED_TEXT`];
/// true when they are within it.
pub(super) fn check_pulled_text(
    config: &Config,
    path: &Path,
    p: &PaperFile,
    resolved: &[PaperAuthor],
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let names = resolved
        .iter()
        .filter(|a| a.id.is_some())
        .map(|a| a.name.len());
    let topics = p
        .topics
        .iter()
        .filter_map(|t| config.topics.get(&t.value))
        .map(|t| t.name.len());
    let affiliations = p
        .affiliations
        .iter()
        .filter_map(|a| config.affiliations.get(&a.value))
        .map(|a| a.name.len());
    let total: usize = names.chain(topics).chain(affiliations).sum();
    if total > MAX_PULLED_TEXT
        && let Some(first) = p.authors.first()
    {
        let message = format!(
            "authors: the names this paper takes from author files and site.yaml come to {total} bytes, more than 64 KiB"
        );
        diags.push(
            at(path, first, message)
                .with_hint("each is shown wherever the paper is listed; shorten the long `name:`"),
        );
        return false;
    }
    true
}

pub(super) fn resolve_paper_author(
    authors: &BTreeMap<String, Author>,
    names: &NameIndex,
    path: &Path,
    entry: &Spanned<crate::model::schema::AuthorEntry>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PaperAuthor> {
    let e = &entry.value;
    if e.name.is_empty() {
        diags.push(at(path, entry, "empty author name"));
        return None;
    }
    let id = match &e.id {
        Some(id) if authors.contains_key(id) => Some(id.clone()),
        Some(id) => {
            let hint = match closest(id, authors.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("create authors/{id}.yaml or write the name instead"),
            };
            diags.push(at(path, entry, format!("unknown author id `{id}`")).with_hint(hint));
            return None;
        }
        None if authors.contains_key(&e.name) => Some(e.name.clone()),
        None => names.find(&e.name).cloned(),
    };
    if id.is_none()
        && looks_like_id(&e.name)
        && let Some(best) = closest(&e.name, authors.keys().map(String::as_str))
    {
        diags.push(
            Diagnostic::warning(
                path,
                entry.referenced.line(),
                entry.referenced.column(),
                format!(
                    "author `{}` looks like an author id but no such author exists",
                    e.name
                ),
            )
            .with_hint(format!("did you mean `{best}`?")),
        );
    }
    let name = match &id {
        Some(id) if e.id.is_some() && e.name == *id || authors.contains_key(&e.name) => {
            authors[id].name.clone()
        }
        _ => e.name.clone(),
    };
    Some(PaperAuthor {
        name,
        // Guessed from `name` by `resolve_paper` when not given.
        parts: e.parts.clone().unwrap_or_default(),
        id,
        equal: e.equal,
        corresponding: e.corresponding,
    })
}

/// `authors: [Raman, Priya, Iain Murray]`: in a YAML list the comma of
/// "Raman, Priya" separates two authors. Two one-word names in a row are
/// most likely one name written "Last, First".
pub(super) fn warn_split_names(
    path: &Path,
    authors: &[Spanned<crate::model::schema::AuthorEntry>],
    diags: &mut Vec<Diagnostic>,
) {
    let one_word = |e: &crate::model::schema::AuthorEntry| {
        e.id.is_none()
            && !e.name.contains(char::is_whitespace)
            && e.name.starts_with(char::is_uppercase)
            && e.name
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    let mut i = 0;
    while i + 1 < authors.len() {
        let (a, b) = (&authors[i], &authors[i + 1]);
        if one_word(&a.value) && one_word(&b.value) {
            let (last, first) = (&a.value.name, &b.value.name);
            diags.push(
                Diagnostic::warning(
                    path,
                    a.referenced.line(),
                    a.referenced.column(),
                    format!(
                        "authors `{last}` and `{first}` look like one name, \"{last}, {first}\", split in two by the list's comma"
                    ),
                )
                .with_hint(format!(
                    "write `{first} {last}`, or quote it: \"{last}, {first}\""
                )),
            );
            i += 2;
        } else {
            i += 1;
        }
    }
}

pub(super) fn looks_like_id(name: &str) -> bool {
    name.contains('-')
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) fn paper_links(
    config: &Config,
    l: &PaperLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs: [(&'static str, &'static str, &Option<Spanned<String>>); 10] = [
        ("pdf", "link_pdf", &l.pdf),
        ("arxiv", "link_arxiv", &l.arxiv),
        ("doi", "link_doi", &l.doi),
        ("code", "link_code", &l.code),
        ("project", "link_project", &l.project),
        ("data", "link_data", &l.data),
        ("slides", "link_slides", &l.slides),
        ("poster", "link_poster", &l.poster),
        ("video", "link_video", &l.video),
        ("html", "link_html", &l.html),
    ];
    let mut links = Vec::new();
    for (kind, label, value) in specs {
        let Some(value) = value else { continue };
        let raw = value.value.trim();
        let url = match kind {
            "arxiv" if !raw.contains("://") => format!("https://arxiv.org/abs/{raw}"),
            "doi" if !raw.contains("://") => {
                format!("https://doi.org/{}", raw.trim_start_matches("doi:"))
            }
            _ => raw.to_string(),
        };
        match safe_url(&url) {
            Some(url) => links.push(Link {
                kind,
                label: config.locale.text(label).to_string(),
                url: config.link(url),
            }),
            None => diags.push(
                at(path, value, format!("links.{kind}: `{raw}` is not allowed"))
                    .with_hint("use an http(s) link or a path such as /files/paper.pdf"),
            ),
        }
    }
    links
}

/// Gives every paper a BibTeX key, unique in the site: oldest first, a repeated
/// key gets `b`, `c`... so a new paper never changes an older paper's key.
pub(super) fn assign_cite_keys(papers: &mut [Paper]) {
    // How many older papers share each paper's key, oldest first.
    let mut used: FxHashMap<&str, usize> = FxHashMap::default();
    let earlier: Vec<usize> = papers
        .iter()
        .rev()
        .map(|p| {
            let n = used.entry(p.cite_base.as_str()).or_insert(0);
            *n += 1;
            *n - 1
        })
        .collect();
    for (p, n) in papers.iter_mut().rev().zip(earlier) {
        if n == 0 {
            if p.cite_key != p.cite_base {
                p.cite_key.clone_from(&p.cite_base);
            }
        } else {
            p.cite_key = format!("{}{}", p.cite_base, (b'a' + (n as u8).min(25)) as char);
        }
    }
}

/// Two papers may not share a slug, nor slugs that differ only in case.
pub(super) fn check_unique_slugs(papers: &[Paper], diags: &mut Vec<Diagnostic>) {
    let mut seen: FxHashMap<String, Vec<&PathBuf>> = FxHashMap::default();
    for p in papers {
        seen.entry(p.slug.to_lowercase())
            .or_default()
            .push(&p.source);
    }
    let mut taken: Vec<_> = seen.into_iter().filter(|(_, f)| f.len() > 1).collect();
    taken.sort();
    for (slug, mut files) in taken {
        files.sort();
        {
            let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            for f in &files {
                diags.push(
                    Diagnostic::error(
                        f,
                        0,
                        0,
                        format!("duplicate slug `{slug}`, used by {}", list.join(", ")),
                    )
                    .with_hint("rename a file or give one paper its own `slug:`"),
                );
            }
        }
    }
}
