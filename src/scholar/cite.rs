//! Citation formats made from a paper's fields: BibTeX and the Google Scholar
//! (Highwire Press) `citation_*` meta tags.

use crate::markdown::plain_inline;
use crate::model::Paper;
use crate::model::config::{Config, Style};
use crate::model::names::NameParts;
use crate::model::schema::PaperKind;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `Robalo Rei, G.`, `de Guglielmo, G.`, `Smith, J., Jr.`; a corporate author
/// or a one-word group whole.
fn inverted_with_initials(p: &NameParts) -> String {
    if p.literal || p.given.is_empty() {
        return p.full_family();
    }
    let mut out = format!("{}, {}", p.full_family(), initials(&p.given));
    if !p.suffix.is_empty() {
        out.push_str(&format!(", {}", p.suffix));
    }
    out
}

/// `G. Robalo Rei`, `G. de Guglielmo`, `J. Smith Jr.`; a corporate author whole.
fn initials_first(p: &NameParts) -> String {
    if p.literal || p.given.is_empty() {
        return p.full_family();
    }
    let mut out = format!("{} {}", initials(&p.given), p.full_family());
    if !p.suffix.is_empty() {
        out.push_str(&format!(" {}", p.suffix));
    }
    out
}

/// BibTeX's `von Last, Jr, First`, with a family name of several words
/// braced so BibTeX keeps it whole; a corporate author braced entirely.
fn bib_name(p: &NameParts) -> String {
    if p.literal || p.given.is_empty() && p.particle.is_empty() {
        return format!("{{{}}}", bib_text(&p.family));
    }
    let family = if p.family.contains(char::is_whitespace) {
        format!("{{{}}}", bib_text(&p.family))
    } else {
        bib_text(&p.family)
    };
    let mut out = if p.particle.is_empty() {
        family
    } else {
        format!("{} {family}", bib_text(&p.particle))
    };
    if !p.suffix.is_empty() {
        out.push_str(&format!(", {}", bib_text(&p.suffix)));
    }
    if !p.given.is_empty() {
        out.push_str(&format!(", {}", bib_text(&p.given)));
    }
    out
}

/// BibTeX text: special characters escaped outside maths, braces balanced.
fn bib_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_math = false;
    let mut depth = 0i32;
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '$' if prev != '\\' => {
                in_math = !in_math;
                out.push(c);
            }
            '&' | '%' | '#' | '_' if !in_math && prev != '\\' => {
                out.push('\\');
                out.push(c);
            }
            '{' => {
                depth += 1;
                out.push(c);
            }
            '}' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            '}' => {}
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
        prev = c;
    }
    for _ in 0..depth {
        out.push('}');
    }
    out
}

/// The citation key: first author's family name, year, first title word (`xin2024deepseek`).
pub fn key(p: &Paper) -> String {
    let first = p.authors.first().map(|a| &a.parts);
    let family = match &first {
        // A corporate author gives its first word, not a sentence.
        Some(n) if n.literal => n.family.split_whitespace().next().unwrap_or("anon"),
        Some(n) => n.family.as_str(),
        None => "anon",
    };
    let word = plain_inline(&p.title)
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| {
            w.len() > 3
                && !["with", "from", "towards", "toward", "using"]
                    .contains(&w.to_lowercase().as_str())
        })
        .unwrap_or("paper")
        .to_string();
    let clean = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    format!("{}{}{}", clean(family), p.date.year, clean(&word))
}

/// A BibTeX entry built from the paper's fields, or the one given in its file.
pub fn bibtex(p: &Paper, config: &Config) -> String {
    if let Some(given) = &p.bibtex {
        return given.trim().to_string();
    }
    let arxiv = p.link("arxiv").and_then(arxiv_id);
    let kind = p.kind.unwrap_or(match (&p.venue, arxiv.is_some()) {
        (Some(_), _) => PaperKind::Conference,
        (None, true) => PaperKind::Preprint,
        (None, false) => PaperKind::Misc,
    });
    let (entry, venue_field) = match kind {
        PaperKind::Article => ("article", "journal"),
        PaperKind::Conference => ("inproceedings", "booktitle"),
        PaperKind::Chapter => ("incollection", "booktitle"),
        PaperKind::Book => ("book", "publisher"),
        PaperKind::Thesis => ("phdthesis", "school"),
        PaperKind::Report => ("techreport", "institution"),
        PaperKind::Preprint | PaperKind::Misc => ("misc", "howpublished"),
    };
    let mut authors: Vec<String> = p.authors.iter().map(|a| bib_name(&a.parts)).collect();
    if p.authors_truncated {
        authors.push("others".into());
    }
    let mut fields: Vec<(&str, String)> = vec![
        ("title", format!("{{{}}}", bib_text(&p.title))),
        ("author", authors.join(" and ")),
        ("year", p.date.year.to_string()),
    ];
    if let Some(m) = p.date.month {
        fields.push(("month", MONTHS[m as usize - 1].to_string()));
    }
    if let Some(v) = &p.venue {
        fields.push((venue_field, bib_text(v)));
    }
    let b = &p.biblio;
    for (name, value) in [
        (
            "editor",
            (!b.editors.is_empty()).then(|| b.editors.join(" and ")),
        ),
        ("volume", b.volume.clone()),
        ("number", b.issue.clone().or_else(|| b.number.clone())),
        ("pages", b.pages.as_ref().map(|x| x.replace('–', "--"))),
        (
            "publisher",
            b.publisher.clone().filter(|_| venue_field != "publisher"),
        ),
        ("edition", b.edition.clone()),
        (
            if kind == PaperKind::Thesis {
                "school"
            } else {
                "institution"
            },
            b.institution.clone().filter(|_| {
                !matches!(kind, PaperKind::Thesis | PaperKind::Report) || p.venue.is_none()
            }),
        ),
        ("address", b.address.clone()),
        (
            "type",
            b.thesis_type.clone().filter(|_| kind == PaperKind::Thesis),
        ),
        ("isbn", b.isbn.clone()),
        ("issn", b.issn.clone()),
    ] {
        if let Some(v) = value {
            fields.push((name, bib_text(&v)));
        }
    }
    if let Some(doi) = p.link("doi") {
        fields.push(("doi", bib_text(doi.trim_start_matches("https://doi.org/"))));
    }
    if let Some(id) = arxiv {
        fields.push(("eprint", id.to_string()));
        fields.push(("archiveprefix", "arXiv".into()));
    }
    if let Some(url) = config.absolute_url(&format!("papers/{}/", p.slug)) {
        fields.push(("url", url));
    }
    let mut out = format!("@{entry}{{{},\n", p.cite_key);
    for (name, value) in fields {
        let value = if name == "month" || name == "year" {
            value
        } else {
            format!("{{{value}}}")
        };
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push('}');
    out
}

/// Initials of given names: `Huajian` -> `H.`, `Jean-Paul` -> `J.-P.`, `Z. Z.` stays.
fn initials(given: &str) -> String {
    given
        .split_whitespace()
        .map(|word| {
            word.split('-')
                .filter_map(|part| part.chars().next())
                .map(|c| format!("{c}."))
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Ends a piece of a reference with a full stop, unless its text already ends
/// with one (or `?`, `!`): "Complete?" never becomes "Complete?.".
fn stop(html: &str) -> String {
    let mut text = html.trim_end();
    // Look through closing tags: `<i>Curr. Protoc.</i>`.
    while text.ends_with('>') {
        match text.rfind('<') {
            Some(i) if text[i..].starts_with("</") => text = text[..i].trim_end(),
            _ => break,
        }
    }
    if text.ends_with(['.', '?', '!']) {
        html.to_string()
    } else {
        format!("{html}.")
    }
}

/// Joins names as `a, b, & c` (APA) or `a, b, and c` (IEEE, ACM).
fn join_names(names: &[String], conjunction: &str, serial_comma: bool) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] if !serial_comma => format!("{a} {conjunction} {b}"),
        [a, b] => format!("{a}, {conjunction} {b}"),
        [init @ .., last] => format!("{}, {conjunction} {last}", init.join(", ")),
    }
}

/// The paper's reference in a citation style, as HTML (the venue in italics,
/// the title with its maths). Volume, issue, pages, publisher, editors,
/// edition, institution and number appear where the style puts them; a thesis
/// is cited as a thesis, a report with its number.
pub fn reference(p: &Paper, style: Style) -> String {
    use crate::escape::html as esc;
    let truncated = p.authors_truncated;
    let mut out = match style {
        Style::Apa => {
            let names: Vec<String> = p
                .authors
                .iter()
                .map(|a| esc(&inverted_with_initials(&a.parts)))
                .collect();
            let authors = if truncated {
                format!("{}, et al.", names.join(", "))
            } else {
                join_names(&names, "&amp;", true)
            };
            format!("{} ({}). {}", stop(&authors), p.date.year, apa_rest(p))
        }
        Style::Ieee => {
            let names: Vec<String> = p
                .authors
                .iter()
                .map(|a| esc(&initials_first(&a.parts)))
                .collect();
            let authors = if truncated || names.len() > 6 {
                format!("{} <i>et al.</i>", names[0])
            } else {
                join_names(&names, "and", names.len() > 2)
            };
            format!("{authors}, {}", ieee_rest(p))
        }
        Style::Acm => {
            let names: Vec<String> = p.authors.iter().map(|a| esc(&a.name)).collect();
            let authors = if truncated {
                format!("{}, et al.", names.join(", "))
            } else {
                join_names(&names, "and", names.len() > 2)
            };
            format!("{} {}. {}", stop(&authors), p.date.year, acm_rest(p))
        }
    };
    if let Some(doi) = p.link("doi") {
        match style {
            Style::Ieee => {
                out.pop();
                out.push_str(&format!(
                    ", doi: <a href=\"{}\">{}</a>.",
                    esc(doi),
                    esc(doi.trim_start_matches("https://doi.org/"))
                ));
            }
            _ => out.push_str(&format!(" <a href=\"{0}\">{0}</a>", esc(doi))),
        }
    }
    out
}

/// The venue as HTML, its maths rendered like the title's.
fn venue_html(p: &Paper) -> Option<String> {
    p.venue_html.clone().or_else(|| field(&p.venue))
}

/// A bibliographic field, escaped.
fn field(value: &Option<String>) -> Option<String> {
    value.as_deref().map(crate::escape::html)
}

/// What kind of thesis, in a style's words: (APA, IEEE, ACM).
fn thesis_words(p: &Paper) -> (&'static str, &'static str, &'static str) {
    let t = p.biblio.thesis_type.as_deref().unwrap_or("").to_lowercase();
    if t.contains("master") || t.contains("msc") || t.contains("m.s") {
        (
            "Master\u{2019}s thesis",
            "M.S. thesis",
            "Master\u{2019}s thesis",
        )
    } else {
        (
            "Doctoral dissertation",
            "Ph.D. dissertation",
            "Ph.D. Dissertation",
        )
    }
}

/// The institution of a thesis or report: its own field, else the venue.
fn institution(p: &Paper) -> Option<String> {
    field(&p.biblio.institution).or_else(|| venue_html(p))
}

/// Joins the pieces that are present with `sep`.
fn joined(pieces: &[Option<String>], sep: &str) -> String {
    pieces
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(sep)
}

/// APA after the year: title and source.
fn apa_rest(p: &Paper) -> String {
    let b = &p.biblio;
    let title = p.title_html.as_str();
    let venue = venue_html(p);
    match p.kind {
        Some(PaperKind::Thesis) => {
            let label = joined(&[Some(thesis_words(p).0.to_string()), institution(p)], ", ");
            format!("<i>{title}</i> [{label}].")
        }
        Some(PaperKind::Report) => {
            let number = field(&b.number)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let inst = institution(p)
                .map(|i| format!(" {}", stop(&i)))
                .unwrap_or_default();
            format!("{}{number}{inst}", stop(&format!("<i>{title}</i>")))
                .replacen("</i>. (", "</i> (", 1)
        }
        Some(PaperKind::Book) => {
            let edition = field(&b.edition)
                .map(|e| format!(" ({e} ed.)"))
                .unwrap_or_default();
            let publisher = field(&b.publisher).or(venue);
            let publisher = publisher
                .map(|p| format!(" {}", stop(&p)))
                .unwrap_or_default();
            format!("<i>{title}</i>{edition}.{publisher}")
        }
        Some(PaperKind::Article) | None if venue.is_some() => {
            let mut source = format!("<i>{}</i>", venue.unwrap_or_default());
            if let Some(v) = field(&b.volume) {
                source.push_str(&format!(", <i>{v}</i>"));
            }
            if let Some(i) = field(&b.issue) {
                source.push_str(&format!("({i})"));
            }
            if let Some(pages) = field(&b.pages) {
                source.push_str(&format!(", {pages}"));
            }
            format!("{} {}", stop(title), stop(&source))
        }
        _ => {
            let arxiv = p.link("arxiv").and_then(arxiv_id);
            let mut out = stop(title);
            match (venue, arxiv) {
                (Some(v), _) => {
                    let editors = editors(p, "(Ed.)", "(Eds.)");
                    let pages = field(&b.pages)
                        .map(|x| format!(" (pp. {x})"))
                        .unwrap_or_default();
                    let head = if editors.is_empty() {
                        String::new()
                    } else {
                        format!("In {editors}, ")
                    };
                    out.push_str(&format!(" {head}{}", stop(&format!("<i>{v}</i>{pages}"))));
                    if let Some(publisher) = field(&b.publisher) {
                        out.push_str(&format!(" {}", stop(&publisher)));
                    }
                }
                (None, Some(id)) => out.push_str(&format!(
                    " <i>arXiv</i>. arXiv:{}.",
                    crate::escape::html(id)
                )),
                _ => {}
            }
            out
        }
    }
}

/// `A. Editor (Ed.)`, `A. Editor & B. Editor (Eds.)`; empty without editors.
fn editors(p: &Paper, one: &str, many: &str) -> String {
    let names: Vec<String> = p
        .biblio
        .editors
        .iter()
        .map(|e| crate::escape::html(&initials_first(&NameParts::guess(e))))
        .collect();
    match names.len() {
        0 => String::new(),
        1 => format!("{} {one}", names[0]),
        _ => format!("{} {many}", join_names(&names, "&amp;", true)),
    }
}

/// IEEE after the authors: title, source, year, with a final full stop.
fn ieee_rest(p: &Paper) -> String {
    let b = &p.biblio;
    let title = p.title_html.as_str();
    let venue = venue_html(p);
    let year = Some(p.date.year.to_string());
    let pages = field(&b.pages).map(|x| format!("pp. {x}"));
    let pieces: Vec<Option<String>> = match p.kind {
        Some(PaperKind::Thesis) => vec![
            Some(format!("“{title},” {}", thesis_words(p).1)),
            institution(p),
            field(&b.address),
            year,
        ],
        Some(PaperKind::Report) => vec![
            Some(format!("“{title},”"))
                .map(|t| format!("{t} {}", institution(p).unwrap_or_default())),
            field(&b.address),
            field(&b.number).map(|n| format!("Tech. Rep. {n}")),
            year,
        ],
        Some(PaperKind::Book) => vec![
            Some(format!("<i>{title}</i>")),
            field(&b.edition).map(|e| format!("{e} ed")),
            Some(joined(
                &[field(&b.address), field(&b.publisher).or(venue)],
                ": ",
            ))
            .filter(|s| !s.is_empty()),
            year,
        ],
        Some(PaperKind::Article) => vec![
            Some(format!("“{title},”")).map(|t| match &venue {
                Some(v) => format!("{t} <i>{v}</i>"),
                None => t,
            }),
            field(&b.volume).map(|v| format!("vol. {v}")),
            field(&b.issue).map(|i| format!("no. {i}")),
            pages,
            year,
        ],
        _ => {
            let arxiv = p.link("arxiv").and_then(arxiv_id).map(crate::escape::html);
            let source = match (&venue, arxiv) {
                (Some(v), _) => Some(format!("in <i>{v}</i>")),
                (None, Some(id)) => Some(format!("arXiv:{id}")),
                _ => None,
            };
            vec![
                Some(format!("“{title},”")).map(|t| match &source {
                    Some(s) => format!("{t} {s}"),
                    None => t,
                }),
                field(&b.address),
                year,
                pages,
            ]
        }
    };
    format!("{}.", joined(&pieces, ", ").replace(",”,", ",”"))
}

/// ACM after the year: title and source.
fn acm_rest(p: &Paper) -> String {
    let b = &p.biblio;
    let title = p.title_html.as_str();
    let venue = venue_html(p);
    match p.kind {
        Some(PaperKind::Thesis) => format!(
            "{} {} {}",
            stop(&format!("<i>{title}</i>")),
            stop(thesis_words(p).2),
            institution(p).map(|i| stop(&i)).unwrap_or_default()
        )
        .trim_end()
        .to_string(),
        Some(PaperKind::Article) => {
            let mut out = stop(title);
            if let Some(v) = venue {
                let mut source = format!("<i>{v}</i>");
                if let Some(vol) = field(&b.volume) {
                    source.push_str(&format!(" {vol}"));
                    if let Some(i) = field(&b.issue) {
                        source.push_str(&format!(", {i}"));
                    }
                    source.push_str(&format!(" ({})", p.date.year));
                }
                if let Some(pages) = field(&b.pages) {
                    source.push_str(&format!(", {pages}"));
                }
                out.push_str(&format!(" {}", stop(&source)));
            }
            out
        }
        _ => {
            let mut out = stop(title);
            let arxiv = p.link("arxiv").and_then(arxiv_id);
            match (venue, arxiv) {
                (Some(v), _) => {
                    let tail = joined(
                        &[field(&b.publisher), field(&b.address), field(&b.pages)],
                        ", ",
                    );
                    out.push_str(&format!(" In {}", stop(&format!("<i>{v}</i>"))));
                    if !tail.is_empty() {
                        out.push_str(&format!(" {}", stop(&tail)));
                    }
                }
                (None, Some(id)) => out.push_str(&format!(" arXiv:{}.", crate::escape::html(id))),
                _ => {}
            }
            out
        }
    }
}

/// The arXiv identifier in an arxiv.org link.
pub fn arxiv_id(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://arxiv.org/abs/")
        .or_else(|| url.strip_prefix("http://arxiv.org/abs/"))
        .or_else(|| url.strip_prefix("https://arxiv.org/pdf/"))?;
    Some(rest.trim_end_matches(".pdf").trim_end_matches('/'))
}

/// A `<meta name=... content=...>` pair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    pub name: &'static str,
    pub content: String,
}

/// Google Scholar's Highwire Press tags for a paper page.
pub fn scholar_meta(p: &Paper, config: &Config) -> Vec<Meta> {
    let mut m = vec![Meta {
        name: "citation_title",
        content: plain_inline(&p.title),
    }];
    for a in &p.authors {
        m.push(Meta {
            name: "citation_author",
            content: a.name.clone(),
        });
    }
    m.push(Meta {
        name: "citation_publication_date",
        content: p.date.slashed(),
    });
    if let Some(v) = &p.venue {
        let name = match p.kind {
            Some(PaperKind::Article) => "citation_journal_title",
            Some(PaperKind::Thesis) => "citation_dissertation_institution",
            Some(PaperKind::Report) => "citation_technical_report_institution",
            _ => "citation_conference_title",
        };
        m.push(Meta {
            name,
            content: plain_inline(v),
        });
    }
    let b = &p.biblio;
    let first_last = b.page_range();
    let institution_tag = match p.kind {
        Some(PaperKind::Thesis) => Some("citation_dissertation_institution"),
        Some(PaperKind::Report) => Some("citation_technical_report_institution"),
        _ => None,
    };
    for (name, value) in [
        ("citation_volume", b.volume.clone()),
        ("citation_issue", b.issue.clone()),
        ("citation_firstpage", first_last.map(|(f, _)| f.to_string())),
        (
            "citation_lastpage",
            first_last.and_then(|(_, l)| l.map(str::to_string)),
        ),
        ("citation_publisher", b.publisher.clone()),
        (
            "citation_technical_report_number",
            b.number
                .clone()
                .filter(|_| p.kind == Some(PaperKind::Report)),
        ),
        ("citation_isbn", b.isbn.clone()),
        ("citation_issn", b.issn.clone()),
    ] {
        if let Some(content) = value {
            m.push(Meta { name, content });
        }
    }
    // The venue of a thesis may be its school; an institution field says it better.
    if let (Some(tag), Some(inst)) = (institution_tag, &b.institution)
        && p.venue.as_deref() != Some(inst.as_str())
    {
        m.retain(|x| x.name != tag);
        m.push(Meta {
            name: tag,
            content: inst.clone(),
        });
    }
    if let Some(pdf) = p.link("pdf") {
        // Scholar only accepts a PDF hosted on the same site as the page.
        let same_site = crate::text::is_site_path(pdf)
            || (!config.base_url.is_empty() && pdf.starts_with(&config.base_url));
        if same_site
            && let Some(abs) =
                config.absolute_url(pdf.strip_prefix(&config.base_path).unwrap_or(pdf))
        {
            m.push(Meta {
                name: "citation_pdf_url",
                content: abs,
            });
        }
    }
    if let Some(doi) = p.link("doi") {
        m.push(Meta {
            name: "citation_doi",
            content: doi.trim_start_matches("https://doi.org/").to_string(),
        });
    }
    if let Some(id) = p.link("arxiv").and_then(arxiv_id) {
        m.push(Meta {
            name: "citation_arxiv_id",
            content: id.to_string(),
        });
    }
    if let Some(url) = config.absolute_url(&format!("papers/{}/", p.slug)) {
        m.push(Meta {
            name: "citation_abstract_html_url",
            content: url,
        });
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_given_names() {
        assert_eq!(initials("Huajian"), "H.");
        assert_eq!(initials("Z. Z."), "Z. Z.");
        assert_eq!(initials("Jean-Paul"), "J.-P.");
        assert_eq!(initials("Ada Augusta"), "A. A.");
    }

    #[test]
    fn a_full_stop_is_never_doubled() {
        assert_eq!(stop("Complete?"), "Complete?");
        assert_eq!(stop("<i>Curr. Protoc.</i>"), "<i>Curr. Protoc.</i>");
        assert_eq!(stop("<i>Nature</i>"), "<i>Nature</i>.");
        assert_eq!(stop("Deep nets"), "Deep nets.");
    }

    #[test]
    fn names_keep_their_structure_in_every_style() {
        let n = |family: &str, given: &str, particle: &str| NameParts {
            family: family.into(),
            given: given.into(),
            particle: particle.into(),
            ..NameParts::default()
        };
        let rei = n("Robalo Rei", "Gil", "");
        assert_eq!(inverted_with_initials(&rei), "Robalo Rei, G.");
        assert_eq!(initials_first(&rei), "G. Robalo Rei");
        assert_eq!(bib_name(&rei), "{Robalo Rei}, Gil");
        let de = NameParts::guess("de Guglielmo, G.");
        assert_eq!(inverted_with_initials(&de), "de Guglielmo, G.");
        assert_eq!(bib_name(&de), "de Guglielmo, G.");
        let woods = n("Solberg Woods", "L. C.", "");
        assert_eq!(inverted_with_initials(&woods), "Solberg Woods, L. C.");
        let fda =
            NameParts::literal("Oncology Center of Excellence, U.S. Food and Drug Administration");
        assert_eq!(inverted_with_initials(&fda), fda.family);
        assert_eq!(initials_first(&fda), fda.family);
        assert_eq!(
            bib_name(&fda),
            "{Oncology Center of Excellence, U.S. Food and Drug Administration}"
        );
        let guessed = NameParts::guess("Laurens van der Maaten");
        assert_eq!(inverted_with_initials(&guessed), "van der Maaten, L.");
        assert_eq!(
            inverted_with_initials(&NameParts::guess("DeepSeek-AI")),
            "DeepSeek-AI"
        );
    }

    #[test]
    fn bibtex_text_escapes_outside_maths_and_balances_braces() {
        assert_eq!(bib_text("A & B 50% $x_1$"), "A \\& B 50\\% $x_1$");
        assert_eq!(bib_text("a}b{c"), "ab{c}");
    }
}
