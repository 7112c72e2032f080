//! Courses: terms read and sorted, links checked, the institution matched to
//! `affiliations:` in site.yaml, teacher ids matched to the site's authors (an
//! unknown one is a located error with the closest known id).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::load::Loaded;
use crate::markdown;
use crate::model::config::Config;
use crate::model::schema::{CourseFile, CourseLinks, Terms};
use crate::model::{Author, Course, Link, Season, Term};
use crate::text::{check_slug, closest, slugify};

use super::author::affiliation_of;
use super::located::{at, named_links, position, render_text, report_math};
use super::talk::check_ref;

/// Resolves one course file; `None` (with every problem reported) when it has errors.
pub(super) fn resolve_course(
    config: &Config,
    authors: &BTreeMap<String, Author>,
    file: Loaded<CourseFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Course> {
    let path = file.path;
    let c = file.value;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Err(msg) = check_slug(&slug) {
        diags.push(Diagnostic::error(&path, 0, 0, msg).with_hint("rename the file"));
    }
    if c.title.value.trim().is_empty() {
        diags.push(at(&path, &c.title, "the title is empty").with_hint("write the course's title"));
    }
    let terms = terms_of(&path, &c.terms, diags);
    let institution = c
        .institution
        .as_ref()
        .map(|key| affiliation_of(config, &path, key, diags));
    let links = course_links(config, &c.links, &path, diags);
    let ids: HashSet<&str> = authors.keys().map(String::as_str).collect();
    for a in &c.authors {
        check_ref(&path, "author id", a, &ids, diags);
    }
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&c.title.value, &mut problems);
    report_math(&path, "title", position(&c.title), problems, diags);
    let description_text = c
        .description
        .as_ref()
        .map(|d| d.value.clone())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let prefix = format!("course-{slug}-");
    let description_html = render_text(config, &description_text, &prefix, &mut problems);
    let at_description = c.description.as_ref().map_or((0, 0), position);
    report_math(&path, "description", at_description, problems, diags);
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Course {
        slug,
        title: c.title.value,
        title_html,
        code: c.code.map(|x| x.0).filter(|x| !x.is_empty()),
        institution,
        role: c.role,
        terms,
        level: c.level.map(|x| x.0).filter(|x| !x.is_empty()),
        description_text,
        description_html,
        links,
        authors: c.authors.into_iter().map(|a| a.value).collect(),
        source: path,
    })
}

/// Every term parsed, newest first, each once. A term that is not one is an
/// error at its place (a single term at the field's); no term at all is too.
fn terms_of(path: &Path, terms: &Spanned<Terms>, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    let field = position(terms);
    if terms.value.0.is_empty() {
        diags.push(
            Diagnostic::error(path, field.0, field.1, "terms: no term given")
                .with_hint("write at least one term, such as `2024 Fall`"),
        );
    }
    let mut parsed = Vec::new();
    for (text, place) in &terms.value.0 {
        let (line, column) = place.unwrap_or(field);
        match Term::parse(text) {
            Ok(term) => parsed.push(term),
            Err(msg) => {
                let d = Diagnostic::error(path, line, column, msg);
                diags.push(match season_hint(text) {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                });
            }
        }
    }
    parsed.sort_by_key(|t| std::cmp::Reverse(t.key()));
    parsed.dedup();
    parsed
}

/// `2024 Fal`: did you mean `2024 Fall`?
fn season_hint(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [a, b] = words[..] else { return None };
    let year_first = a.len() == 4 && a.bytes().all(|x| x.is_ascii_digit());
    let word = if year_first { b } else { a };
    let best = closest(word, Season::WORDS)?;
    let fixed = if year_first {
        format!("{a} {best}")
    } else {
        format!("{best} {b}")
    };
    Some(format!("did you mean `{fixed}`?"))
}

fn course_links(
    config: &Config,
    l: &CourseLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs = [
        ("syllabus", "link_syllabus", &l.syllabus),
        ("materials", "link_materials", &l.materials),
        ("page", "link_course_page", &l.page),
    ];
    named_links(config, &specs, path, diags)
}
