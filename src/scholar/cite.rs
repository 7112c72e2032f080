//! Citation formats made from a paper's fields: BibTeX and the Google Scholar
//! (Highwire Press) `citation_*` meta tags. The formatted reference is in
//! `reference`.

use crate::markdown::plain_inline;
use crate::model::Paper;
use crate::model::config::Config;
use crate::model::names::NameParts;
use crate::model::schema::PaperKind;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// BibTeX's `von Last, Jr, First`, with a family name of several words
/// braced so BibTeX keeps it whole; a corporate author braced entirely.
fn bib_name(p: &NameParts) -> String {
    // BibTeX's von part holds both particles (`von Mises, Ludwig`).
    let von = match (p.dropping_particle.as_str(), p.particle.as_str()) {
        ("", "") => String::new(),
        (one, "") | ("", one) => one.to_string(),
        (dropping, particle) => format!("{dropping} {particle}"),
    };
    if p.literal || p.given.is_empty() && von.is_empty() {
        return format!("{{{}}}", bib_text(&p.family));
    }
    let family = if p.family.contains(char::is_whitespace) {
        format!("{{{}}}", bib_text(&p.family))
    } else {
        bib_text(&p.family)
    };
    let mut out = if von.is_empty() {
        family
    } else {
        format!("{} {family}", bib_text(&von))
    };
    // Pushed, not formatted: every author of every paper passes here.
    for part in [&p.suffix, &p.given] {
        if !part.is_empty() {
            out.push_str(", ");
            out.push_str(&bib_text(part));
        }
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
        ("note", b.reference_note.clone()),
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
    fn bibtex_names_keep_their_structure() {
        let n = |family: &str, given: &str, particle: &str| NameParts {
            family: family.into(),
            given: given.into(),
            particle: particle.into(),
            ..NameParts::default()
        };
        let rei = n("Robalo Rei", "Gil", "");
        assert_eq!(bib_name(&rei), "{Robalo Rei}, Gil");
        let de = NameParts::guess("de Guglielmo, G.");
        assert_eq!(bib_name(&de), "de Guglielmo, G.");
        let mises = NameParts {
            dropping_particle: "von".into(),
            ..n("Mises", "Ludwig", "")
        };
        assert_eq!(bib_name(&mises), "von Mises, Ludwig");
        let fda =
            NameParts::literal("Oncology Center of Excellence, U.S. Food and Drug Administration");
        assert_eq!(
            bib_name(&fda),
            "{Oncology Center of Excellence, U.S. Food and Drug Administration}"
        );
    }

    #[test]
    fn bibtex_text_escapes_outside_maths_and_balances_braces() {
        assert_eq!(bib_text("A & B 50% $x_1$"), "A \\& B 50\\% $x_1$");
        assert_eq!(bib_text("a}b{c"), "ab{c}");
    }
}
