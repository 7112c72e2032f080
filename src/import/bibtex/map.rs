//! BibTeX entries to folio's fields: entry types to kinds, the venue from the
//! journal, proceedings, school or publisher, links from `doi`, `eprint`, `url`
//! and friends, and the date from `year`, `month` and `day` (or `date`).

use std::collections::{BTreeMap, HashMap};

use super::{Entry, Field, MONTHS, Parser, plain};

use crate::import::latex;
use crate::import::names;
use crate::import::paper::{ImportedPaper, add_link, add_url, bare_arxiv, bare_doi, valid_date};
use crate::model::schema::PaperKind;

impl Parser<'_> {
    /// Maps an entry to a paper, or reports what is missing.
    pub(super) fn paper(&mut self, e: &Entry) -> Option<ImportedPaper> {
        let title = e.get("title").map(latex::to_text).unwrap_or_default();
        if title.is_empty() {
            let d = self
                .error(e.at, format!("entry `{}` has no title", e.key))
                .with_hint("add `title = {...}`");
            self.diags.push(d);
            return None;
        }
        let Some(date) = date(e) else {
            let d = match e.field("year").or_else(|| e.field("date")) {
                Some(f) => self
                    .error(
                        f.at,
                        format!(
                            "entry `{}`: {} `{}` is not valid",
                            e.key,
                            f.name,
                            plain(&f.value)
                        ),
                    )
                    .with_hint("write the year as four digits: `year = {2024}`"),
                None => self
                    .error(e.at, format!("entry `{}` has no year", e.key))
                    .with_hint("add `year = {2024}` (or `date = {2024-08-15}`)"),
            };
            self.diags.push(d);
            return None;
        };
        let people = e.get("author").or_else(|| e.get("editor"));
        let (names, truncated) = people.map(names::parse_names).unwrap_or_default();
        if names.is_empty() {
            let d = self
                .error(e.at, format!("entry `{}` has no author", e.key))
                .with_hint("add `author = {Last, First and Last, First}`");
            self.diags.push(d);
            return None;
        }
        let links = self.links(e);
        let kind = self.kind(e, links.contains_key("arxiv"));
        let (line, column) = self.lines.position(self.text, e.at);
        let mut paper = ImportedPaper {
            id: Some(e.key.clone()),
            line,
            column,
            title,
            date,
            authors: names.iter().map(names::Name::display).collect(),
            author_parts: names.iter().map(|n| Some(n.parts())).collect(),
            first_family: names.first().map(|n| n.last.clone()),
            authors_truncated: truncated,
            venue: venue(e, kind),
            kind: Some(kind),
            abstract_: e
                .get("abstract")
                .map(latex::to_paragraphs)
                .filter(|a| !a.is_empty()),
            links,
            bibtex: Some(super::alfolio::verbatim(e)),
            ..ImportedPaper::default()
        };
        self.al_folio(e, &mut paper);
        biblio(e, kind, &mut paper);
        if e.get("author").is_some()
            && let Some(editors) = e.get("editor")
        {
            paper.editors = names::parse_names(editors)
                .0
                .iter()
                .map(names::Name::display)
                .collect();
        }
        Some(paper)
    }

    fn kind(&mut self, e: &Entry, has_arxiv: bool) -> PaperKind {
        let or_preprint = |k| if has_arxiv { PaperKind::Preprint } else { k };
        match e.kind.as_str() {
            "article" => match e.get("journal").or_else(|| e.get("journaltitle")) {
                Some(j) if is_arxiv_venue(j) => PaperKind::Preprint,
                _ => PaperKind::Article,
            },
            "inproceedings" | "conference" => PaperKind::Conference,
            "incollection" | "inbook" | "bookinbook" | "suppbook" => PaperKind::Chapter,
            "book" | "mvbook" | "proceedings" | "mvproceedings" | "collection" => PaperKind::Book,
            "phdthesis" | "mastersthesis" | "thesis" => PaperKind::Thesis,
            "techreport" | "report" | "manual" => PaperKind::Report,
            "misc" | "unpublished" | "online" | "electronic" | "www" | "booklet" => {
                or_preprint(PaperKind::Misc)
            }
            other => {
                self.warn(
                    e.at,
                    format!("entry type `@{other}` is not known; imported as misc"),
                );
                or_preprint(PaperKind::Misc)
            }
        }
    }

    /// Links from `doi`, `eprint`, `url`, `pdf`, `code` and friends (al-folio's
    /// `html` and `website` too). A value wrapped in HTML (`doi:<a href="...">`)
    /// gives the addresses it links to. Problems are reported at the field.
    fn links(&mut self, e: &Entry) -> BTreeMap<&'static str, String> {
        let mut links = BTreeMap::new();
        if let Some(f) = e.field("doi") {
            let mut warnings = Vec::new();
            let hrefs = hrefs(&f.value);
            if !hrefs.is_empty() {
                for h in &hrefs {
                    add_url(&mut links, h, &mut warnings);
                }
            } else {
                match bare_doi(&plain(&f.value)) {
                    Some(doi) => {
                        links.insert("doi", doi);
                    }
                    None => warnings.push(format!("`doi = {{{}}}` is not a DOI; ignored", f.value)),
                }
            }
            self.warn_all(e, f.at, warnings);
        }
        if let Some(id) = arxiv_of(e) {
            links.insert("arxiv", id);
        }
        for (field, kind) in [
            ("pdf", "pdf"),
            ("code", "code"),
            ("project", "project"),
            ("website", "project"),
            ("slides", "slides"),
            ("video", "video"),
            ("poster", "poster"),
            ("data", "data"),
            ("html", "html"),
        ] {
            if let Some(f) = e.field(field) {
                let mut warnings = Vec::new();
                let mut value = plain(&f.value);
                // al-folio serves `pdf = {paper.pdf}` from /assets/pdf/.
                if field == "pdf" && !value.contains(':') && !value.starts_with('/') {
                    value = format!("/assets/pdf/{value}");
                }
                add_link(&mut links, kind, &value, &mut warnings);
                self.warn_all(e, f.at, warnings);
            }
        }
        let url = e.field("url").map(|f| (f.at, f.value.clone())).or_else(|| {
            e.field("howpublished")
                .filter(|h| h.value.contains("\\url"))
                .map(|h| (h.at, latex::to_text(&h.value)))
        });
        if let Some((at, url)) = url {
            let mut warnings = Vec::new();
            let hrefs = hrefs(&url);
            if hrefs.is_empty() {
                add_url(&mut links, &plain(&url), &mut warnings);
            }
            for h in &hrefs {
                add_url(&mut links, h, &mut warnings);
            }
            self.warn_all(e, at, warnings);
        }
        links
    }

    fn warn_all(&mut self, e: &Entry, at: usize, warnings: Vec<String>) {
        for w in warnings {
            self.warn(at, format!("entry `{}`: {w}", e.key));
        }
    }
}

/// The addresses of the `<a href="...">` links in a value (lab exports wrap
/// DOIs this way: `doi:<a href="https://doi.org/10.1/x">10.1/x</a>`).
fn hrefs(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = value.to_ascii_lowercase();
    let mut rest = 0;
    while let Some(i) = lower[rest..].find("href=") {
        let start = rest + i + 5;
        let quote = value[start..].chars().next();
        let (from, stop) = match quote {
            Some(q @ ('"' | '\'')) => (start + 1, q),
            _ => (start, ' '),
        };
        let end = value[from..]
            .find([stop, '>'])
            .map_or(value.len(), |j| from + j);
        let url = plain(&value[from..end]).replace("&amp;", "&");
        if !url.is_empty() {
            out.push(url);
        }
        rest = end;
    }
    out
}

/// Volume, issue, pages, publisher, edition, institution, number, ISBN, ISSN,
/// address, thesis type and note. The field that gave the venue is not repeated.
fn biblio(e: &Entry, kind: PaperKind, p: &mut ImportedPaper) {
    let venue = p.venue.clone().unwrap_or_default();
    let text = |name: &str| {
        e.get(name)
            .map(latex::to_text)
            .filter(|v| !v.is_empty() && *v != venue)
    };
    let mut put = |key: &'static str, value: Option<String>| {
        if let Some(v) = value {
            p.biblio.insert(key, v);
        }
    };
    put("volume", text("volume").filter(|v| !v.starts_with("abs/")));
    // A journal's `number` is the issue; a report's is its number.
    let number = text("number").or_else(|| text("issue"));
    match kind {
        PaperKind::Report => put("number", number),
        _ => put("issue", number),
    }
    put("pages", text("pages"));
    put("publisher", text("publisher"));
    put("edition", text("edition"));
    put(
        "institution",
        text("school").or_else(|| text("institution")),
    );
    put("isbn", text("isbn"));
    put("issn", text("issn"));
    put("address", text("address").or_else(|| text("location")));
    let thesis_type = match e.kind.as_str() {
        "phdthesis" => Some("PhD thesis".to_string()),
        "mastersthesis" => Some("Master's thesis".to_string()),
        _ => None,
    };
    if kind == PaperKind::Thesis {
        put("thesis_type", text("type").or(thesis_type));
    }
    // Google Scholar files the address as `note = {\url{...}}`: a link, not a note.
    put(
        "reference_note",
        text("note").filter(|n| !n.contains("://") || n.contains(char::is_whitespace)),
    );
}

/// A month number from `8`, `08`, `aug`, `August` or `Sept.`.
pub fn month_number(text: &str) -> Option<u8> {
    let t = latex::to_text(text);
    let t = t.trim();
    if let Ok(n) = t.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    if word.len() < 3 {
        return None;
    }
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(&lower[..3]))
        .map(|i| i as u8 + 1)
}

/// The date of an entry from `date` (biblatex) or `year`, `month` and `day`.
fn date(e: &Entry) -> Option<String> {
    if let Some(d) = e.get("date") {
        let d = plain(d);
        let start = d.split('/').next().unwrap_or("").trim();
        if let Some(valid) = valid_date(start) {
            return Some(valid);
        }
    }
    let year_text = plain(e.get("year")?);
    let year = first_digits(&year_text, 4)?;
    let month = e.get("month").and_then(month_number);
    let day = e
        .get("day")
        .and_then(|d| plain(d).trim().parse::<u8>().ok())
        .or_else(|| {
            // `month = aug # "~15"` names the day too.
            let m = latex::to_text(e.get("month")?);
            let (word, day) = m.split_once(' ')?;
            word.chars().all(char::is_alphabetic).then_some(())?;
            day.trim().parse().ok()
        });
    let full = match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year.clone(),
    };
    valid_date(&full)
        .or_else(|| month.and_then(|m| valid_date(&format!("{year}-{m:02}"))))
        .or_else(|| valid_date(&year))
}

/// The first run of exactly `n` digits (`2024` in `{2024a}`).
fn first_digits(text: &str, n: usize) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == n)
        .map(str::to_string)
}

fn is_arxiv_venue(venue: &str) -> bool {
    let v = venue.to_ascii_lowercase();
    v.contains("arxiv") || v.trim() == "corr"
}

/// The arXiv id from `eprint` (with `archivePrefix = {arXiv}` or `eprinttype`),
/// an arXiv journal name, or DBLP's `volume = {abs/...}` for CoRR.
fn arxiv_of(e: &Entry) -> Option<String> {
    let prefix = e
        .get("archiveprefix")
        .or_else(|| e.get("eprinttype"))
        .map(|p| plain(p).to_ascii_lowercase());
    // al-folio's `arxiv = {2001.00001}`, zbMATH's `arXiv = {arXiv:1510.00312}`.
    if let Some(id) = e.get("arxiv").and_then(|a| bare_arxiv(&plain(a))) {
        return Some(id);
    }
    if let Some(ep) = e.get("eprint") {
        let is_arxiv = prefix.as_deref().is_none_or(|p| p == "arxiv");
        if let Some(id) = bare_arxiv(&plain(ep)).filter(|_| is_arxiv) {
            return Some(id);
        }
    }
    let journal = e.get("journal").or_else(|| e.get("journaltitle"));
    if let Some(j) = journal.filter(|j| is_arxiv_venue(j)) {
        let j = plain(j);
        if let Some(id) = j
            .split(|c: char| c.is_whitespace() || c == ',')
            .find_map(bare_arxiv)
        {
            return Some(id);
        }
        if let Some(v) = e.get("volume") {
            return bare_arxiv(plain(v).trim_start_matches("abs/"));
        }
    }
    None
}

/// The venue: journal, proceedings, school or publisher, by entry type.
fn venue(e: &Entry, kind: PaperKind) -> Option<String> {
    let by_kind = match kind {
        PaperKind::Thesis => e.get("school").or_else(|| e.get("institution")),
        PaperKind::Report => e.get("institution").or_else(|| e.get("publisher")),
        PaperKind::Book => e.get("publisher"),
        _ => None,
    };
    e.get("journal")
        .or_else(|| e.get("journaltitle"))
        .or_else(|| e.get("booktitle"))
        .or(by_kind)
        .or_else(|| e.get("howpublished").filter(|h| !h.contains("\\url")))
        .or_else(|| e.get("publisher"))
        .map(latex::to_text)
        .filter(|v| !v.is_empty())
}

/// Entry types that hold other works (proceedings, a collection): referred to by
/// `crossref`, they are where a paper appeared, not papers.
const CONTAINERS: [&str; 9] = [
    "proceedings",
    "mvproceedings",
    "book",
    "mvbook",
    "collection",
    "mvcollection",
    "periodical",
    "reference",
    "mvreference",
];

/// Fields missing from an entry are taken from the entry its `crossref` names, and
/// that title becomes the `booktitle`. A container that other entries refer to is
/// not imported as a paper of its own; any other entry (an `@article` named by
/// another's `crossref`) still is.
pub(super) fn inherit_crossrefs(entries: Vec<Entry>) -> Vec<Entry> {
    let by_key: HashMap<String, Entry> = entries
        .iter()
        .map(|e| (e.key.to_lowercase(), e.clone()))
        .collect();
    let mut referenced = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(entries.len());
    for mut e in entries {
        let parent = e
            .get("crossref")
            .map(|k| plain(k).to_lowercase())
            .and_then(|k| by_key.get(&k));
        if let Some(parent) = parent {
            if CONTAINERS.contains(&parent.kind.as_str()) {
                referenced.insert(parent.key.to_lowercase());
            }
            for f in &parent.fields {
                let name = if f.name == "title" {
                    "booktitle"
                } else {
                    f.name.as_str()
                };
                if e.get(name).is_none() && !["crossref", "abstract", "doi", "url"].contains(&name)
                {
                    e.fields.push(Field {
                        name: name.to_string(),
                        start: 0,
                        end: 0,
                        ..f.clone()
                    });
                }
            }
        }
        out.push(e);
    }
    out.retain(|e| !referenced.contains(&e.key.to_lowercase()));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parse_str(text: &str) -> (Vec<ImportedPaper>, Vec<String>) {
        let (papers, diags) = super::super::parse(text, Path::new("refs.bib"));
        (papers, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn months_by_name_number_and_abbreviation() {
        assert_eq!(month_number("aug"), Some(8));
        assert_eq!(month_number("August"), Some(8));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("08"), Some(8));
        assert_eq!(month_number("12"), Some(12));
        assert_eq!(month_number("13"), None);
        assert_eq!(month_number("summer"), None);
    }

    #[test]
    fn a_typical_entry_maps_to_folio_fields() {
        let (papers, diags) = parse_str(
            "@inproceedings{xin2024prover,\n  title = {{DeepSeek-Prover}: Proof -- Search},\n  author = {Xin, Huajian and Ren, Z. Z. and others},\n  booktitle = {Proc. of {NeurIPS}},\n  year = 2024, month = aug,\n  doi = {10.1/ABC\\_1},\n  eprint = {2408.08152}, archivePrefix = {arXiv},\n}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let p = &papers[0];
        assert_eq!(p.title, "DeepSeek-Prover: Proof – Search");
        assert_eq!(p.date, "2024-08");
        assert_eq!(p.authors, ["Huajian Xin", "Z. Z. Ren"]);
        assert!(p.authors_truncated);
        assert_eq!(p.venue.as_deref(), Some("Proc. of NeurIPS"));
        assert_eq!(p.kind, Some(PaperKind::Conference));
        assert_eq!(p.links["doi"], "10.1/ABC_1");
        assert_eq!(p.links["arxiv"], "2408.08152");
        assert_eq!((p.line, p.column), (1, 1));
        assert!(
            p.bibtex
                .as_deref()
                .unwrap()
                .ends_with("archivePrefix = {arXiv},\n}")
        );
    }

    #[test]
    fn entries_without_title_year_or_author_are_skipped() {
        let (papers, diags) = parse_str(
            "@misc{a, author = {A B}, year = 2020}\n@misc{b, title = {T}, author = {A B}}\n@misc{c, title = {T}, year = 1999}\n",
        );
        assert!(papers.is_empty());
        assert_eq!(diags.len(), 3);
        assert!(diags[0].starts_with("refs.bib:1:1: error: entry `a` has no title"));
        assert!(diags[1].starts_with("refs.bib:2:1: error: entry `b` has no year"));
        assert!(diags[2].starts_with("refs.bib:3:1: error: entry `c` has no author"));
    }

    #[test]
    fn kinds_by_entry_type() {
        let kinds: Vec<_> = [
            "article",
            "inproceedings",
            "conference",
            "incollection",
            "book",
            "phdthesis",
            "mastersthesis",
            "techreport",
            "misc",
            "unpublished",
            "online",
        ]
        .iter()
        .map(|t| {
            let text = format!("@{t}{{k, title = {{T}}, author = {{A B}}, year = 2020}}");
            parse_str(&text).0[0].kind.unwrap()
        })
        .collect();
        use PaperKind::*;
        assert_eq!(
            kinds,
            [
                Article, Conference, Conference, Chapter, Book, Thesis, Thesis, Report, Misc, Misc,
                Misc
            ]
        );
    }

    #[test]
    fn arxiv_ids_from_eprint_journal_and_dblp_volume() {
        let (p, _) = parse_str(
            "@article{a, title={T}, author={A B}, year=2023, journal={arXiv preprint arXiv:2301.00001}}\n@article{b, title={U}, author={A B}, year=2018, journal={CoRR}, volume={abs/1810.04805}}\n@misc{c, title={V}, author={A B}, year=2020, url={https://arxiv.org/abs/2001.00002v2}}\n",
        );
        assert_eq!(p[0].links["arxiv"], "2301.00001");
        assert_eq!(p[0].kind, Some(PaperKind::Preprint));
        assert_eq!(p[1].links["arxiv"], "1810.04805");
        assert_eq!(p[2].links["arxiv"], "2001.00002v2");
        assert_eq!(p[2].kind, Some(PaperKind::Preprint));
    }

    #[test]
    fn crossref_fills_the_booktitle() {
        let (p, _) = parse_str(
            "@inproceedings{a, title={T}, author={A B}, crossref={conf}}\n@proceedings{conf, title={Proceedings of ACL}, year=2019, publisher={ACL}}\n",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].venue.as_deref(), Some("Proceedings of ACL"));
        assert_eq!(p[0].date, "2019");
    }
}
