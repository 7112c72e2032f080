//! The formatted reference on paper pages, as HTML, in APA (7th edition), IEEE
//! or ACM style. Hand-written rather than a CSL processor (docs/import.md has
//! the measurements): tests/oracle/ compares each style with citeproc-js on
//! the official `.csl` styles, and the agreement may not drop. The words a
//! style writes ("In", "(Eds.)", "pp.", "Tech. Rep."...) come from the site's
//! string table; names, titles and venues are the paper's own.

use crate::escape::html as esc;
use crate::i18n::{Locale, Ordinal};
use crate::model::Paper;
use crate::model::config::Style;
use crate::model::names::NameParts;
use crate::model::schema::PaperKind;
use crate::scholar::cite::arxiv_id;

/// `Robalo Rei, G.`, `de Guglielmo, G.`, `Mises, L. von`, `Smith, J., Jr.`;
/// a corporate author or a one-word group whole.
pub(crate) fn inverted_with_initials(p: &NameParts) -> String {
    if p.literal || p.given.is_empty() {
        return p.full_family();
    }
    let mut out = p.full_family();
    out.push_str(", ");
    push_initials(&mut out, &p.given);
    if !p.dropping_particle.is_empty() {
        out.push(' ');
        out.push_str(&p.dropping_particle);
    }
    if !p.suffix.is_empty() {
        out.push_str(", ");
        out.push_str(&p.suffix);
    }
    out
}

/// `G. Robalo Rei`, `G. de Guglielmo`, `L. von Mises`, `J. Smith Jr.`; a
/// corporate author whole.
pub(crate) fn initials_first(p: &NameParts) -> String {
    if p.literal || p.given.is_empty() {
        return p.full_family();
    }
    let mut out = initials(&p.given);
    for part in [&p.dropping_particle, &p.particle, &p.family, &p.suffix] {
        if !part.is_empty() {
            out.push(' ');
            out.push_str(part);
        }
    }
    out
}

/// Initials of given names: `Huajian` -> `H.`, `Jean-Paul` -> `J.-P.`, `Z. Z.` stays.
fn initials(given: &str) -> String {
    let mut out = String::with_capacity(given.len());
    push_initials(&mut out, given);
    out
}

/// Appends the initials of given names to `out`: words joined by a space,
/// the initials of a word's hyphenated parts by a hyphen. Written into one
/// string: every author of every paper page's reference passes here.
fn push_initials(out: &mut String, given: &str) {
    for (i, word) in given.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let firsts = word.split('-').filter_map(|part| part.chars().next());
        for (j, c) in firsts.enumerate() {
            if j > 0 {
                out.push('-');
            }
            out.push(c);
            out.push('.');
        }
    }
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

/// Joins names as APA does in every language: `a, b, &amp; c`, and `a, &amp;
/// b` for two.
fn apa_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}, &amp; {last}", init.join(", ")),
    }
}

/// The paper's reference in a citation style, as HTML (the venue in italics,
/// the title with its maths). Volume, issue, pages, publisher, editors,
/// edition, institution and number appear where the style puts them; a thesis
/// is cited as a thesis, a report with its number.
pub fn reference(p: &Paper, style: Style, locale: &Locale) -> String {
    let r = Ref { p, t: locale };
    let mut out = match style {
        Style::Apa => r.apa(),
        Style::Ieee => r.ieee(),
        Style::Acm => r.acm(),
    };
    // BibTeX's `note` ends the reference, as BibTeX's own styles place it.
    if let Some(note) = p.biblio.reference_note.as_deref().map(esc) {
        match style {
            Style::Ieee => {
                out.pop();
                out.push_str(&format!(", {}", stop(&note)));
            }
            _ => out.push_str(&format!(" {}", stop(&note))),
        }
    }
    if let Some(doi) = p.link("doi") {
        match style {
            Style::Ieee => {
                out.pop();
                out.push_str(&format!(
                    ", {}: <a href=\"{}\">{}</a>.",
                    esc(locale.text("ref_doi")),
                    esc(doi),
                    esc(doi.trim_start_matches("https://doi.org/"))
                ));
            }
            _ => out.push_str(&format!(" <a href=\"{0}\">{0}</a>", esc(doi))),
        }
    }
    out
}

/// A paper and the words of the site's language.
struct Ref<'a> {
    p: &'a Paper,
    t: &'a Locale,
}

/// The pieces that are present, joined with `sep`.
fn joined(pieces: &[Option<String>], sep: &str) -> String {
    pieces
        .iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(sep)
}

impl Ref<'_> {
    /// A word of the string table, escaped.
    fn word(&self, key: &str) -> String {
        esc(self.t.text(key))
    }

    /// A string of the table with its placeholders filled (values already HTML).
    fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let escaped: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
        let pattern = esc(self.t.text(key));
        crate::i18n::fill(
            &pattern,
            &escaped
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
    }

    /// A bibliographic field, escaped.
    fn field(&self, value: &Option<String>) -> Option<String> {
        value.as_deref().map(esc)
    }

    fn venue(&self) -> Option<String> {
        self.p
            .venue_html
            .clone()
            .or_else(|| self.field(&self.p.venue))
    }

    /// The institution of a thesis or report: its own field, else the venue.
    fn institution(&self) -> Option<String> {
        self.field(&self.p.biblio.institution)
            .or_else(|| self.venue())
    }

    fn arxiv(&self) -> Option<String> {
        self.p.link("arxiv").and_then(arxiv_id).map(esc)
    }

    /// `2nd` for an edition written as a number, else the edition as written.
    fn edition(&self) -> Option<String> {
        let e = self.p.biblio.edition.as_deref()?.trim();
        Some(match e.parse::<u64>() {
            Ok(n) => esc(&self.t.ordinal(n, Ordinal::Edition)),
            Err(_) => esc(e),
        })
    }

    /// `pp. 1–10`, or `p. e1234` for a single page.
    fn pages(&self, one: &str, many: &str) -> Option<String> {
        let pages = self.field(&self.p.biblio.pages)?;
        let key = if pages.contains(['–', '-']) {
            many
        } else {
            one
        };
        Some(self.fill(key, &[("pages", &pages)]))
    }

    /// The year, with the month when known, in the locale's order: its
    /// abbreviation (`Oct. 2013`), or its full name when `long` (`October
    /// 2013`); `2013年10月` in Chinese and Japanese.
    fn month_year(&self, long: bool) -> String {
        let year = self.p.date.year;
        let Some(m) = self.p.date.month else {
            return year.to_string();
        };
        let full = self.t.month(m, false);
        let month = if long {
            full.to_string()
        } else {
            let short = self.t.month(m, true);
            // An abbreviation is marked as one: `Oct.`, but `May` (and a
            // locale's own `Aug.` keeps its one period).
            if short.chars().count() < full.chars().count() && !short.ends_with('.') {
                format!("{short}.")
            } else {
                short.to_string()
            }
        };
        esc(&self.t.month_year(year, &month, long))
    }

    /// What kind of thesis, in a style's words.
    fn thesis_word(&self, phd: &str, masters: &str) -> String {
        let t = self
            .p
            .biblio
            .thesis_type
            .as_deref()
            .unwrap_or("")
            .to_lowercase();
        let masters_thesis = t.contains("master") || t.contains("msc") || t.contains("m.s");
        self.word(if masters_thesis { masters } else { phd })
    }

    /// IEEE's "et al." in italics, as a Latin phrase; a language's own word
    /// (等, 他, 외, وآخرون) is not italicised: CJK and Arabic have no italics.
    fn et_al_italic(&self) -> String {
        let word = self.word("et_al");
        if word.is_ascii() {
            format!("<i>{word}</i>")
        } else {
            word
        }
    }

    /// Names joined as a list in the site's language (`a, b, and c`, `a、b和c`).
    fn list(&self, names: &[String]) -> String {
        self.t.list_with(names, esc)
    }

    /// Editors in a style's order of name parts, as a list in the site's
    /// language, or APA's; empty without editors.
    fn editor_names(&self, name: fn(&NameParts) -> String, apa: bool) -> String {
        let names: Vec<String> = self
            .p
            .biblio
            .editors
            .iter()
            .map(|e| esc(&name(&NameParts::guess(e))))
            .collect();
        if apa {
            // APA joins two editors with `&` but no comma (as citeproc-js does).
            match names.as_slice() {
                [a, b] => format!("{a} &amp; {b}"),
                _ => apa_names(&names),
            }
        } else {
            self.list(&names)
        }
    }

    /// Whether the venue is a book with editors (a chapter, or proceedings
    /// published as an edited book) rather than a periodical.
    fn in_edited_book(&self) -> bool {
        match self.p.kind {
            Some(PaperKind::Chapter) => true,
            Some(PaperKind::Conference) => !self.p.biblio.editors.is_empty(),
            _ => false,
        }
    }

    /// APA: `Author, A., & Author, B. (2024). Title. Source.`
    fn apa(&self) -> String {
        let names: Vec<String> = self
            .p
            .authors
            .iter()
            .map(|a| esc(&inverted_with_initials(&a.parts)))
            .collect();
        let authors = if self.p.authors_truncated {
            format!("{}, {}", names.join(", "), self.word("et_al"))
        } else {
            apa_names(&names)
        };
        format!(
            "{} ({}). {}",
            stop(&authors),
            self.p.date.year,
            self.apa_rest()
        )
    }

    fn apa_rest(&self) -> String {
        let b = &self.p.biblio;
        let title = self.p.title_html.as_str();
        let venue = self.venue();
        match self.p.kind {
            Some(PaperKind::Thesis) => {
                let word = self.thesis_word("ref_phd_apa", "ref_masters_apa");
                let label = joined(&[Some(word), self.institution()], ", ");
                format!("<i>{title}</i> [{label}].")
            }
            Some(PaperKind::Report) => {
                let number = self
                    .field(&b.number)
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                let inst = self.institution().map(|i| format!(" {}", stop(&i)));
                format!(
                    "{}{}",
                    stop(&format!("<i>{title}</i>{number}")),
                    inst.unwrap_or_default()
                )
            }
            Some(PaperKind::Book) => {
                let edition = self
                    .edition()
                    .map(|e| format!(" ({})", self.fill("ref_edition", &[("edition", &e)])))
                    .unwrap_or_default();
                let publisher = self.field(&b.publisher).or(venue);
                let publisher = publisher
                    .map(|p| format!(" {}", stop(&p)))
                    .unwrap_or_default();
                format!("{}{publisher}", stop(&format!("<i>{title}</i>{edition}")))
            }
            _ if self.in_edited_book() => self.apa_in_book(venue.unwrap_or_default()),
            Some(PaperKind::Article | PaperKind::Conference) | None if venue.is_some() => {
                let mut source = format!("<i>{}</i>", venue.unwrap_or_default());
                if let Some(v) = self.field(&b.volume) {
                    source.push_str(&format!(", <i>{v}</i>"));
                }
                if let Some(i) = self.field(&b.issue) {
                    source.push_str(&format!("({i})"));
                }
                if let Some(pages) = self.field(&b.pages) {
                    source.push_str(&format!(", {pages}"));
                }
                format!("{} {}", stop(title), stop(&source))
            }
            _ => match (venue, self.arxiv()) {
                (Some(v), _) => self.apa_in_book(v),
                (None, Some(id)) => format!(
                    "{} {}",
                    stop(&format!("<i>{title}</i> (arXiv:{id})")),
                    stop(&self.word("ref_arxiv"))
                ),
                (None, None) => stop(&format!("<i>{title}</i>")),
            },
        }
    }

    /// APA for a part of a book: `Title. In A. Editor (Ed.), <i>Book</i> (Vol. 2, pp. 1–9). Publisher.`
    fn apa_in_book(&self, venue: String) -> String {
        let b = &self.p.biblio;
        let editors = self.editor_names(initials_first, true);
        let head = match b.editors.len() {
            0 => String::new(),
            1 => format!("{editors} ({}), ", self.word("ref_editor")),
            _ => format!("{editors} ({}), ", self.word("ref_editors")),
        };
        let detail = joined(
            &[
                self.field(&b.volume)
                    .map(|v| self.fill("ref_volume_apa", &[("volume", &v)])),
                self.pages("ref_page", "ref_pages"),
            ],
            ", ",
        );
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        };
        let mut out = format!(
            "{} {} {head}{}",
            stop(&self.p.title_html),
            self.word("ref_in"),
            stop(&format!("<i>{venue}</i>{detail}"))
        );
        if let Some(publisher) = self.field(&b.publisher) {
            out.push_str(&format!(" {}", stop(&publisher)));
        }
        out
    }

    /// IEEE: `A. Author and B. Author, “Title,” <i>Source</i>, ..., year.`
    fn ieee(&self) -> String {
        let names: Vec<String> = self
            .p
            .authors
            .iter()
            .map(|a| esc(&initials_first(&a.parts)))
            .collect();
        let authors = if self.p.authors_truncated || names.len() > 6 {
            format!("{} {}", names[0], self.et_al_italic())
        } else {
            self.list(&names)
        };
        format!("{authors}, {}", self.ieee_rest())
    }

    fn ieee_rest(&self) -> String {
        let b = &self.p.biblio;
        let title = self.p.title_html.as_str();
        let venue = self.venue();
        let year = Some(self.p.date.year.to_string());
        let dated = Some(self.month_year(false));
        let volume = self
            .field(&b.volume)
            .map(|v| self.fill("ref_volume", &[("volume", &v)]));
        let pages = self.pages("ref_page", "ref_pages");
        let quoted = format!("“{title},”");
        match self.p.kind {
            Some(PaperKind::Thesis) => ieee_list(&[
                Some(format!(
                    "{quoted} {}",
                    self.thesis_word("ref_phd_ieee", "ref_masters_ieee")
                )),
                self.institution(),
                self.field(&b.address),
                year,
            ]),
            Some(PaperKind::Report) => ieee_list(&[
                Some(format!(
                    "{quoted} {}",
                    self.institution().unwrap_or_default()
                )),
                self.field(&b.address),
                self.field(&b.number)
                    .map(|n| format!("{} {n}", self.word("ref_tech_report"))),
                dated,
            ]),
            Some(PaperKind::Book) => {
                let head = joined(
                    &[
                        Some(format!("<i>{title}</i>")),
                        self.edition()
                            .map(|e| self.fill("ref_edition", &[("edition", &e)])),
                    ],
                    ", ",
                );
                let publisher = self.field(&b.publisher).or(venue);
                let place = joined(&[self.field(&b.address), publisher], ": ");
                format!("{} {}", stop(&head), ieee_list(&[Some(place), year]))
            }
            Some(PaperKind::Article) => ieee_list(&[
                Some(match &venue {
                    Some(v) => format!("{quoted} <i>{v}</i>"),
                    None => quoted,
                }),
                volume,
                self.field(&b.issue)
                    .map(|i| self.fill("ref_issue", &[("issue", &i)])),
                pages,
                dated,
            ]),
            Some(PaperKind::Chapter) => {
                let editors = match b.editors.len() {
                    0 => None,
                    1 => Some("ref_editor"),
                    _ => Some("ref_editors"),
                }
                .map(|key| {
                    format!(
                        "{}, {}",
                        self.editor_names(initials_first, false),
                        self.word(key)
                    )
                });
                let book = joined(
                    &[
                        Some(format!(
                            "{quoted} {} <i>{}</i>",
                            self.word("ref_in_lower"),
                            venue.unwrap_or_default()
                        )),
                        volume,
                        editors.clone(),
                    ],
                    ", ",
                )
                .replace(",”,", ",”");
                let place = joined(&[self.field(&b.address), self.field(&b.publisher)], ": ");
                // `Eds.` ends its piece with its full stop; without editors a comma.
                let book = match editors {
                    Some(_) => stop(&book),
                    None => format!("{book},"),
                };
                format!("{book} {}", ieee_list(&[Some(place), year, pages]))
            }
            _ => {
                let source = match (&venue, self.arxiv()) {
                    (Some(v), _) => Some(format!("{} <i>{v}</i>", self.word("ref_in_lower"))),
                    (None, Some(id)) => Some(format!("arXiv:{id}")),
                    _ => None,
                };
                let conference = self.p.kind == Some(PaperKind::Conference);
                ieee_list(&[
                    Some(match &source {
                        Some(s) => format!("{quoted} {s}"),
                        None => quoted,
                    }),
                    self.field(&b.address),
                    if conference { dated } else { year },
                    if conference { volume } else { None },
                    pages,
                ])
            }
        }
    }

    /// ACM: `Ann Author and Bo Author. 2024. Title. Source.`
    fn acm(&self) -> String {
        let names: Vec<String> = self.p.authors.iter().map(|a| esc(&a.name)).collect();
        let authors = if self.p.authors_truncated {
            format!("{}, {}", names.join(", "), self.word("et_al"))
        } else {
            self.list(&names)
        };
        format!(
            "{} {}. {}",
            stop(&authors),
            self.p.date.year,
            self.acm_rest()
        )
    }

    fn acm_rest(&self) -> String {
        let b = &self.p.biblio;
        let title = self.p.title_html.as_str();
        let venue = self.venue();
        match self.p.kind {
            Some(PaperKind::Thesis) => joined(
                &[
                    Some(stop(&format!("<i>{title}</i>"))),
                    Some(stop(&self.thesis_word("ref_phd_acm", "ref_masters_acm"))),
                    self.institution().map(|i| stop(&i)),
                ],
                " ",
            ),
            Some(PaperKind::Report) => joined(
                &[
                    Some(stop(title)),
                    self.field(&b.number)
                        .map(|n| stop(&format!("{} {n}", self.word("ref_tech_report_acm")))),
                    Some(joined(&[self.institution(), self.field(&b.address)], ", "))
                        .filter(|s| !s.is_empty())
                        .map(|s| stop(&s)),
                ],
                " ",
            ),
            Some(PaperKind::Book) => {
                let edition = self
                    .edition()
                    .map(|e| format!(" ({})", self.fill("ref_edition", &[("edition", &e)])))
                    .unwrap_or_default();
                let publisher = joined(
                    &[self.field(&b.publisher).or(venue), self.field(&b.address)],
                    ", ",
                );
                joined(
                    &[
                        Some(stop(&format!("<i>{title}</i>{edition}"))),
                        Some(publisher).filter(|s| !s.is_empty()).map(|s| stop(&s)),
                    ],
                    " ",
                )
            }
            Some(PaperKind::Article) => {
                let mut out = stop(title);
                if let Some(v) = venue {
                    let mut source = format!("<i>{v}</i>");
                    if let Some(vol) = self.field(&b.volume) {
                        source.push_str(&format!(" {vol}"));
                        if let Some(i) = self.field(&b.issue) {
                            source.push_str(&format!(", {i}"));
                        }
                    }
                    source.push_str(&format!(" ({})", self.month_year(true)));
                    if let Some(pages) = self.field(&b.pages) {
                        source.push_str(&format!(", {pages}"));
                    }
                    out.push_str(&format!(" {}", stop(&source)));
                }
                out
            }
            _ => {
                let mut out = stop(title);
                match (venue, self.arxiv()) {
                    (Some(v), _) => {
                        // ACM names the editors of a book, not of proceedings.
                        let chapter = self.p.kind == Some(PaperKind::Chapter);
                        let editors = match b.editors.len() {
                            _ if !chapter => String::new(),
                            0 => String::new(),
                            n => format!(
                                ", {} ({})",
                                self.editor_names(NameParts::display, false),
                                self.word(if n == 1 {
                                    "ref_editor_acm"
                                } else {
                                    "ref_editors_acm"
                                })
                            ),
                        };
                        let tail = joined(
                            &[
                                self.field(&b.publisher),
                                self.field(&b.address),
                                self.field(&b.pages),
                            ],
                            ", ",
                        );
                        out.push_str(&format!(
                            " {} {}",
                            self.word("ref_in"),
                            stop(&format!("<i>{v}</i>{editors}"))
                        ));
                        if !tail.is_empty() {
                            out.push_str(&format!(" {}", stop(&tail)));
                        }
                    }
                    (None, Some(id)) => out.push_str(&format!(" arXiv:{id}.")),
                    _ => {}
                }
                out
            }
        }
    }
}

/// IEEE's comma-separated pieces with a final full stop; a quoted title's
/// comma sits inside the quotes (`“Title,” in`).
fn ieee_list(pieces: &[Option<String>]) -> String {
    format!("{}.", joined(pieces, ", ").replace(",”,", ",”"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Biblio, Link, PaperAuthor, PartialDate};

    /// A paper by Ann Lee and Bo Chen, with the given kind, venue and fields.
    pub(crate) fn paper(kind: PaperKind, venue: Option<&str>, date: &str, biblio: Biblio) -> Paper {
        let author = |given: &str, family: &str| PaperAuthor {
            name: format!("{given} {family}"),
            parts: NameParts::guess(&format!("{given} {family}")),
            id: None,
            equal: false,
            corresponding: false,
        };
        Paper {
            slug: "p".into(),
            cite_key: "lee2020p".into(),
            cite_base: "lee2020p".into(),
            title: "Deep nets".into(),
            title_html: "Deep nets".into(),
            date: PartialDate::parse(date).unwrap(),
            authors: vec![author("Ann", "Lee"), author("Bo", "Chen")],
            authors_truncated: false,
            affiliations: vec![],
            topics: vec![],
            venue: venue.map(str::to_string),
            venue_html: None,
            kind: Some(kind),
            biblio,
            abstract_text: String::new(),
            abstract_html: String::new(),
            links: vec![],
            has_code: false,
            citations: None,
            citations_source: None,
            selected: false,
            award: None,
            note: None,
            bibtex: None,
            preview: None,
            preview_alt: String::new(),
            preview_file: None,
            source: "papers/p.yaml".into(),
        }
    }

    fn cite(p: &Paper, style: Style) -> String {
        reference(p, style, &Locale::english())
    }

    fn some(s: &str) -> Option<String> {
        Some(s.into())
    }

    // citeproc-js (tests/oracle) cites a chapter "In" its book even without
    // editors, and joins two editors with "&" but no comma.
    #[test]
    fn apa_cites_a_chapter_in_its_book_with_its_editors() {
        let mut p = paper(
            PaperKind::Chapter,
            Some("Neural Networks"),
            "1998",
            Biblio {
                publisher: some("MIT Press"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (1998). Deep nets. In <i>Neural Networks</i>. MIT Press."
        );
        p.biblio.editors = vec!["Olivier Bousquet".into(), "Ulrike von Luxburg".into()];
        p.biblio.pages = some("63–71");
        p.biblio.volume = some("2");
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (1998). Deep nets. In O. Bousquet &amp; U. von Luxburg (Eds.), <i>Neural Networks</i> (Vol. 2, pp. 63–71). MIT Press."
        );
        assert_eq!(
            cite(&p, Style::Ieee),
            "A. Lee and B. Chen, “Deep nets,” in <i>Neural Networks</i>, vol. 2, O. Bousquet and U. von Luxburg, Eds. MIT Press, 1998, pp. 63–71."
        );
        assert_eq!(
            cite(&p, Style::Acm),
            "Ann Lee and Bo Chen. 1998. Deep nets. In <i>Neural Networks</i>, Olivier Bousquet and Ulrike von Luxburg (eds.). MIT Press, 63–71."
        );
    }

    // Proceedings without editors are cited like a journal in APA; with
    // editors like a book, volume included.
    #[test]
    fn apa_cites_proceedings_as_a_periodical_or_an_edited_book() {
        let mut p = paper(
            PaperKind::Conference,
            Some("Proc. ICML"),
            "2016",
            Biblio {
                pages: some("1050–1059"),
                publisher: some("PMLR"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2016). Deep nets. <i>Proc. ICML</i>, 1050–1059."
        );
        p.biblio.editors = vec!["H. Larochelle".into()];
        p.biblio.volume = some("33");
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2016). Deep nets. In H. Larochelle (Ed.), <i>Proc. ICML</i> (Vol. 33, pp. 1050–1059). PMLR."
        );
        assert_eq!(
            cite(&p, Style::Ieee),
            "A. Lee and B. Chen, “Deep nets,” in <i>Proc. ICML</i>, 2016, vol. 33, pp. 1050–1059."
        );
    }

    // An edition written as a number is an ordinal; every style names the publisher.
    #[test]
    fn books_have_their_edition_and_publisher_in_every_style() {
        let p = paper(
            PaperKind::Book,
            None,
            "2006",
            Biblio {
                edition: some("2"),
                publisher: some("Springer"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2006). <i>Deep nets</i> (2nd ed.). Springer."
        );
        assert_eq!(
            cite(&p, Style::Ieee),
            "A. Lee and B. Chen, <i>Deep nets</i>, 2nd ed. Springer, 2006."
        );
        assert_eq!(
            cite(&p, Style::Acm),
            "Ann Lee and Bo Chen. 2006. <i>Deep nets</i> (2nd ed.). Springer."
        );
    }

    // "(TR-7) University" lacked its full stop; ACM named no institution.
    #[test]
    fn reports_end_their_number_with_a_full_stop_and_name_the_institution() {
        let p = paper(
            PaperKind::Report,
            None,
            "2009",
            Biblio {
                institution: some("University of Toronto"),
                number: some("TR-7"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2009). <i>Deep nets</i> (TR-7). University of Toronto."
        );
        assert_eq!(
            cite(&p, Style::Acm),
            "Ann Lee and Bo Chen. 2009. Deep nets. Technical Report TR-7. University of Toronto."
        );
    }

    // The month is part of IEEE's and ACM's date; one page is "p.", not "pp.".
    #[test]
    fn ieee_and_acm_date_an_article_by_its_month() {
        let mut p = paper(
            PaperKind::Article,
            Some("Neuron"),
            "2013-10",
            Biblio {
                volume: some("43"),
                pages: some("e1234"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Ieee),
            "A. Lee and B. Chen, “Deep nets,” <i>Neuron</i>, vol. 43, p. e1234, Oct. 2013."
        );
        assert_eq!(
            cite(&p, Style::Acm),
            "Ann Lee and Bo Chen. 2013. Deep nets. <i>Neuron</i> 43 (October 2013), e1234."
        );
        p.biblio.volume = None;
        p.date = PartialDate::parse("2013").unwrap();
        assert_eq!(
            cite(&p, Style::Acm),
            "Ann Lee and Bo Chen. 2013. Deep nets. <i>Neuron</i> (2013), e1234."
        );
    }

    // A locale whose abbreviations carry their period (German `Aug.`) gets no
    // second one; a word of its own (`Bd.`, `S.`) stands where English has
    // `vol.` and `p.`.
    #[test]
    fn a_month_abbreviated_by_the_locale_keeps_one_period() {
        let p = paper(
            PaperKind::Article,
            Some("Neuron"),
            "2013-08",
            Biblio {
                volume: some("43"),
                pages: some("e1234"),
                ..Biblio::default()
            },
        );
        let de = Locale::new("de", &Default::default()).0;
        assert_eq!(
            reference(&p, Style::Ieee, &de),
            "A. Lee und B. Chen, “Deep nets,” <i>Neuron</i>, Bd. 43, S. e1234, Aug. 2013."
        );
    }

    // "Edition" is feminine in Spanish, Portuguese, Italian and French: its
    // ordinal is 2.ª, 2ª, 1re, not the masculine 2.º and 1er of an author's rank.
    #[test]
    fn an_edition_is_written_with_its_language_s_feminine_ordinal() {
        let mut p = paper(
            PaperKind::Book,
            None,
            "2006",
            Biblio {
                edition: some("2"),
                publisher: some("Springer"),
                ..Biblio::default()
            },
        );
        let in_lang = |p: &Paper, tag: &str| {
            let l = Locale::new(tag, &Default::default()).0;
            reference(p, Style::Acm, &l)
        };
        let rows = [
            (
                "es",
                "Ann Lee y Bo Chen. 2006. <i>Deep nets</i> (2.ª ed.). Springer.",
            ),
            (
                "pt",
                "Ann Lee e Bo Chen. 2006. <i>Deep nets</i> (2.ª ed.). Springer.",
            ),
            (
                "it",
                "Ann Lee e Bo Chen. 2006. <i>Deep nets</i> (2ª ed.). Springer.",
            ),
            (
                "fr",
                "Ann Lee et Bo Chen. 2006. <i>Deep nets</i> (2e éd.). Springer.",
            ),
            (
                "ko",
                "Ann Lee 및 Bo Chen. 2006. <i>Deep nets</i> (제2판). Springer.",
            ),
        ];
        for (tag, want) in rows {
            assert_eq!(in_lang(&p, tag), want, "{tag}");
        }
        p.biblio.edition = some("1");
        assert_eq!(
            in_lang(&p, "fr"),
            "Ann Lee et Bo Chen. 2006. <i>Deep nets</i> (1re éd.). Springer."
        );
    }

    // References date by the locale's patterns: 2013年8月, not 8月 2013.
    #[test]
    fn cjk_references_write_year_then_month() {
        let p = paper(
            PaperKind::Article,
            Some("Neuron"),
            "2013-08",
            Biblio {
                volume: some("43"),
                ..Biblio::default()
            },
        );
        let in_lang = |tag: &str, style| {
            let l = Locale::new(tag, &Default::default()).0;
            reference(&p, style, &l)
        };
        assert_eq!(
            in_lang("zh", Style::Ieee),
            "A. Lee和B. Chen, “Deep nets,” <i>Neuron</i>, 第 43 卷, 2013年8月."
        );
        assert_eq!(
            in_lang("ja", Style::Acm),
            "Ann Lee、Bo Chen. 2013. Deep nets. <i>Neuron</i> 43 (2013年8月)."
        );
        assert_eq!(
            in_lang("ko", Style::Acm),
            "Ann Lee 및 Bo Chen. 2013. Deep nets. <i>Neuron</i> 43 (2013년 8월)."
        );
        assert_eq!(
            in_lang("es", Style::Acm),
            "Ann Lee y Bo Chen. 2013. Deep nets. <i>Neuron</i> 43 (agosto de 2013)."
        );
    }

    // IEEE italicises the Latin "et al.", not a language's own word.
    #[test]
    fn ieee_italicises_et_al_only_in_latin() {
        let mut p = paper(
            PaperKind::Article,
            Some("Neuron"),
            "2013",
            Biblio::default(),
        );
        p.authors_truncated = true;
        let in_lang =
            |tag: &str| reference(&p, Style::Ieee, &Locale::new(tag, &Default::default()).0);
        assert!(in_lang("en").starts_with("A. Lee <i>et al.</i>, "));
        assert!(in_lang("de").starts_with("A. Lee <i>et al.</i>, "));
        assert!(
            in_lang("zh").starts_with("A. Lee 等, "),
            "{}",
            in_lang("zh")
        );
        assert!(in_lang("ja").starts_with("A. Lee 他, "));
        assert!(in_lang("ar").starts_with("A. Lee وآخرون, "));
    }

    // Arabic و is written joined to the next name; three or more names are
    // joined by it throughout, as CLDR has it.
    #[test]
    fn arabic_joins_names_with_a_conjunction_attached_to_the_next() {
        let mut p = paper(PaperKind::Book, None, "2006", Biblio::default());
        let ar = Locale::new("ar", &Default::default()).0;
        assert_eq!(
            reference(&p, Style::Acm, &ar),
            "Ann Lee وBo Chen. 2006. <i>Deep nets</i>."
        );
        p.authors.push(p.authors[0].clone());
        p.authors[2].name = "سميث".into();
        assert_eq!(
            reference(&p, Style::Acm, &ar),
            "Ann Lee وBo Chen وسميث. 2006. <i>Deep nets</i>."
        );
    }

    // BibTeX's note ends the reference: a sentence in APA and ACM, the last
    // piece in IEEE.
    #[test]
    fn a_reference_note_ends_the_reference() {
        let p = paper(
            PaperKind::Article,
            Some("Neuron"),
            "2013",
            Biblio {
                reference_note: some("To appear"),
                ..Biblio::default()
            },
        );
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2013). Deep nets. <i>Neuron</i>. To appear."
        );
        assert_eq!(
            cite(&p, Style::Ieee),
            "A. Lee and B. Chen, “Deep nets,” <i>Neuron</i>, 2013, To appear."
        );
    }

    // APA 7 cites a preprint with its archive's number and name.
    #[test]
    fn apa_cites_an_arxiv_preprint_with_its_number() {
        let mut p = paper(PaperKind::Preprint, None, "2020", Biblio::default());
        p.links.push(Link {
            kind: "arxiv",
            label: "arXiv".into(),
            url: "https://arxiv.org/abs/2001.08361".into(),
        });
        assert_eq!(
            cite(&p, Style::Apa),
            "Lee, A., &amp; Chen, B. (2020). <i>Deep nets</i> (arXiv:2001.08361). arXiv."
        );
    }

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
        let de = NameParts::guess("de Guglielmo, G.");
        assert_eq!(inverted_with_initials(&de), "de Guglielmo, G.");
        let woods = n("Solberg Woods", "L. C.", "");
        assert_eq!(inverted_with_initials(&woods), "Solberg Woods, L. C.");
        let fda =
            NameParts::literal("Oncology Center of Excellence, U.S. Food and Drug Administration");
        assert_eq!(inverted_with_initials(&fda), fda.family);
        assert_eq!(initials_first(&fda), fda.family);
        let guessed = NameParts::guess("Laurens van der Maaten");
        assert_eq!(inverted_with_initials(&guessed), "van der Maaten, L.");
        assert_eq!(
            inverted_with_initials(&NameParts::guess("DeepSeek-AI")),
            "DeepSeek-AI"
        );
    }

    // APA (and citeproc-js) move a dropping particle after the initials and
    // keep a non-dropping one before the family name; IEEE prints both in
    // reading order.
    #[test]
    fn a_dropping_particle_follows_the_initials_in_inverted_form() {
        let mises = NameParts {
            family: "Mises".into(),
            given: "Ludwig".into(),
            dropping_particle: "von".into(),
            ..NameParts::default()
        };
        assert_eq!(inverted_with_initials(&mises), "Mises, L. von");
        assert_eq!(initials_first(&mises), "L. von Mises");
        let auwera = NameParts {
            family: "Auwera".into(),
            given: "Geraldine A.".into(),
            particle: "van der".into(),
            ..NameParts::default()
        };
        assert_eq!(inverted_with_initials(&auwera), "van der Auwera, G. A.");
        assert_eq!(initials_first(&auwera), "G. A. van der Auwera");
    }
}
