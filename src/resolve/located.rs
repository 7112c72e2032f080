//! What every kind shares: diagnostics at the place a value was written, and
//! the check of a topic key.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::markdown::{AuthorYear, Cited, MathProblem, Options, UnknownCitation, Words};
use crate::model::config::{CitationMode, Config};
use crate::model::{ImageRef, ImageRole, Link, Paper, StaticFile};
use crate::text::{closest, safe_url};

pub(super) fn at<T>(path: &Path, s: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, s.referenced.line(), s.referenced.column(), message)
}

pub(super) fn position<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

/// A picture named by a site path (`/images/me.jpg`): the file under
/// `static/` that `images` resizes, with the field's place for its errors.
/// Links elsewhere (http(s), relative) are not the build's to resize.
pub(super) fn image_ref(
    path: &Path,
    s: &Spanned<String>,
    role: ImageRole,
    field: &'static str,
) -> Option<ImageRef> {
    let rel = s.value.trim().strip_prefix('/')?;
    if rel.is_empty() || rel.starts_with('/') || rel.contains(['?', '#', '\\']) {
        return None;
    }
    let (line, column) = position(s);
    Some(ImageRef {
        rel: rel.to_string(),
        role,
        path: path.to_path_buf(),
        line,
        column,
        field,
    })
}

/// The picture: a site path (`/images/x.png`) of a file in `static/`. Returns
/// the path as written and its URL.
pub(super) fn image_of(
    config: &Config,
    path: &Path,
    image: &Spanned<String>,
    static_files: &[StaticFile],
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let raw = image.value.trim();
    let Some(rel) = raw.strip_prefix('/').filter(|r| !r.starts_with('/')) else {
        diags.push(
            at(path, image, format!("image: `{raw}` is not a site path")).with_hint(
                "put the picture in static/ and write its path, such as /images/project.png",
            ),
        );
        return None;
    };
    if !static_files.iter().any(|f| f.rel == rel) {
        diags.push(
            at(path, image, format!("image: no file static/{rel}"))
                .with_hint("put the picture in static/, or correct the path"),
        );
        return None;
    }
    Some((raw.to_string(), config.link(raw)))
}

pub(super) fn report_math(
    path: &Path,
    field: &str,
    (line, column): (u64, u64),
    problems: Vec<MathProblem>,
    diags: &mut Vec<Diagnostic>,
) {
    for p in problems {
        diags.push(
            Diagnostic::warning(
                path,
                line,
                column,
                format!("{field}: TeX `{}` cannot be rendered: {}", p.tex, p.message),
            )
            .with_hint(p.hint),
        );
    }
}

/// The words of a Markdown body's end matter, in the site's language.
pub(super) fn markdown_words(config: &Config) -> Words<'_> {
    let t = |key| config.locale.text(key);
    Words {
        footnotes: t("footnotes"),
        back_to_reference: t("back_to_reference"),
        references: t("references"),
        table: t("table"),
        equation: t("equation"),
    }
}

/// Renders a Markdown text that may share its page with others of its kind
/// (an abstract, a bio, a news item): notes and tables named in the site's
/// words as in a post's body, and every id its notes make prefixed with
/// `id_prefix` (`paper-x-`), so that two texts on one page never share one.
pub(super) fn render_text(
    config: &Config,
    text: &str,
    id_prefix: &str,
    problems: &mut Vec<MathProblem>,
) -> String {
    let opts = Options {
        base_path: &config.base_path,
        words: markdown_words(config),
        cite: None,
        id_prefix,
        raw_html: config.raw_html,
    };
    crate::markdown::render_with(text, &opts, problems).html
}

/// The line and column in the file of a byte `offset` into a body that
/// starts on line `body_line`.
pub(super) fn body_position(body: &str, body_line: u64, offset: usize) -> (u64, u64) {
    let before = &body[..offset.min(body.len())];
    let line = body_line + before.matches('\n').count() as u64;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (line, column)
}

/// A `[@slug]` naming no paper of the site: an error at its place, with the
/// closest slug.
pub(super) fn report_citations(
    path: &Path,
    (body, body_line): (&str, u64),
    unknown: Vec<UnknownCitation>,
    papers: &Papers,
    diags: &mut Vec<Diagnostic>,
) {
    for u in unknown {
        let (line, column) = body_position(body, body_line, u.offset);
        let hint = match closest(&u.slug, papers.slugs()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "cite a paper of papers/ by its slug, as [@slug]".to_string(),
        };
        diags.push(
            Diagnostic::error(
                path,
                line,
                column,
                format!("citation: no paper has the slug `{}`", u.slug),
            )
            .with_hint(hint),
        );
    }
}

/// The site's papers by slug, for `[@slug]` citations in Markdown bodies.
pub(super) struct Papers<'a> {
    by_slug: std::collections::BTreeMap<&'a str, &'a Paper>,
}

impl<'a> Papers<'a> {
    pub(super) fn new(papers: &'a [Paper]) -> Papers<'a> {
        Papers {
            by_slug: papers.iter().map(|p| (p.slug.as_str(), p)).collect(),
        }
    }

    fn slugs(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.by_slug.keys().copied()
    }

    /// The cited paper's page and its reference in the site's citation style.
    pub(super) fn cited(&self, config: &Config, slug: &str) -> Option<Cited> {
        let p = self.by_slug.get(slug)?;
        Some(Cited {
            url: config.url_for(&format!("papers/{}/", p.slug)),
            entry_html: crate::scholar::reference::reference(
                p,
                config.citation_style,
                &config.locale,
            ),
            author_year: (config.citations == CitationMode::AuthorYear)
                .then(|| author_year(config, p)),
        })
    }
}

/// How the author-year style cites a paper: `Luo, 2024`, `Luo and Chen,
/// 2024`, `Luo et al., 2024` (the words from the string table); the list
/// sorts by the family names in order, then the year, then the slug.
fn author_year(config: &Config, p: &Paper) -> AuthorYear {
    let t = |key| config.locale.text(key);
    let families: Vec<String> = p.authors.iter().map(|a| a.parts.full_family()).collect();
    let authors = match families.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [_, _] if !p.authors_truncated => config.locale.list(&families),
        [first, ..] => format!("{first} {}", t("et_al")),
    };
    let year = p.date.year.to_string();
    let label = if authors.is_empty() {
        year.clone()
    } else {
        config.locale.fill(
            "citation_author_year",
            &[("authors", &authors), ("year", &year)],
        )
    };
    let sort_key = format!(
        "{}\u{1}{:06}\u{1}{}",
        families.join("\u{2}").to_lowercase(),
        p.date.year,
        p.slug
    );
    AuthorYear { label, sort_key }
}

/// Renders a Markdown body where `[@slug]` cites the site's papers: maths
/// problems are warnings, unknown slugs errors at their line in the file.
/// Also returns the body's pictures that name a file of the site, for the
/// image stage (their errors at their `![` in the file).
pub(super) fn render_body(
    config: &Config,
    papers: &Papers,
    path: &Path,
    (body, body_line): (&str, u64),
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> (String, Vec<ImageRef>) {
    let cite = |slug: &str| papers.cited(config, slug);
    let opts = Options {
        base_path: &config.base_path,
        words: markdown_words(config),
        cite: Some(&cite),
        id_prefix: "",
        raw_html: config.raw_html,
    };
    let mut problems = Vec::new();
    let rendered = crate::markdown::render_with(body, &opts, &mut problems);
    report_math(path, field, (body_line, 1), problems, diags);
    report_citations(
        path,
        (body, body_line),
        rendered.unknown_citations,
        papers,
        diags,
    );
    let images = rendered
        .images
        .into_iter()
        .map(|i| {
            let (line, column) = body_position(body, body_line, i.offset);
            ImageRef {
                rel: i.rel,
                role: ImageRole::Figure,
                path: path.to_path_buf(),
                line,
                column,
                field: "image",
            }
        })
        .collect();
    (rendered.html, images)
}

/// An http(s), mailto or site-relative link, made ready for the page.
pub(super) fn checked_link(
    config: &Config,
    path: &Path,
    field: &str,
    value: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let raw = value.value.trim();
    match safe_url(raw) {
        Some(url) => Some(config.link(url)),
        None => {
            diags.push(
                at(path, value, format!("{field}: `{raw}` is not allowed"))
                    .with_hint("use an http(s) link or a path such as /files/slides.pdf"),
            );
            None
        }
    }
}

/// One link of a kind's `links:` map: its kind (`slides`), the string-table
/// key of its label (`link_slides`), and the value as written.
pub(super) type LinkSpec<'a> = (&'static str, &'static str, &'a Option<Spanned<String>>);

/// The links given among `specs`, in their order, each checked where it was
/// written (`links.slides`); a link that is not allowed is reported and left out.
pub(super) fn named_links(
    config: &Config,
    specs: &[LinkSpec],
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    specs
        .iter()
        .filter_map(|&(kind, label, value)| {
            let value = value.as_ref()?;
            let url = checked_link(config, path, &format!("links.{kind}"), value, diags)?;
            Some(Link {
                kind,
                label: config.locale.text(label).to_string(),
                url,
            })
        })
        .collect()
}

pub(super) fn check_topic(
    config: &Config,
    path: &Path,
    key: &Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if config.topics.contains_key(&key.value) {
        return true;
    }
    let hint = match closest(&key.value, config.topics.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "add it under `topics:` in site.yaml".to_string(),
    };
    diags.push(at(path, key, format!("unknown topic `{}`", key.value)).with_hint(hint));
    false
}
