//! A paper as read from an import source, before it meets the site: the fields
//! folio imports, their canonical form and stable hash (for re-import), and the
//! keys that find the same paper again (DOI, arXiv id, title and year).

use std::collections::{BTreeMap, HashMap};

use crate::model::names::NameParts;
use crate::model::schema::{AuthorEntry, PaperFile, PaperKind};

/// The link kinds of `links:` in the order of docs/schema.md.
pub const LINK_KINDS: [&str; 10] = [
    "pdf", "arxiv", "doi", "code", "project", "slides", "video", "poster", "data", "html",
];

/// The bibliographic fields of a paper file that hold one text, in the order
/// of docs/schema.md (`editors` is a list of its own).
pub const BIBLIO_KEYS: [&str; 12] = [
    "volume",
    "issue",
    "pages",
    "publisher",
    "edition",
    "institution",
    "number",
    "isbn",
    "issn",
    "address",
    "thesis_type",
    "reference_note",
];

/// A paper read from a source file: plain values, already converted to folio's
/// conventions (Unicode text, `YYYY[-MM[-DD]]` dates, bare DOI and arXiv ids).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedPaper {
    /// The entry's key or id in the source (`xin2024prover`, `W4391234567`).
    pub id: Option<String>,
    /// Where the entry starts in the source: 1-based line and column.
    pub line: u64,
    pub column: u64,
    pub title: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Names as printed (`Huajian Xin`).
    pub authors: Vec<String>,
    /// The names in parts, when the source gives them (same order as `authors`).
    pub author_parts: Vec<Option<NameParts>>,
    /// The family name of the first author, for the file name.
    pub first_family: Option<String>,
    pub authors_truncated: bool,
    /// The authors stand in for an unknown list (ORCID: the site owner), so they
    /// never replace a list the site already has.
    pub authors_are_placeholder: bool,
    pub venue: Option<String>,
    pub kind: Option<PaperKind>,
    pub abstract_: Option<String>,
    /// Link kind (one of [`LINK_KINDS`]) to value.
    pub links: BTreeMap<&'static str, String>,
    pub citations: Option<Citations>,
    /// The source entry verbatim (BibTeX only).
    pub bibtex: Option<String>,
    /// DOIs of other versions (`links.doi` holds the paper's own).
    pub other_dois: Vec<String>,
    /// Ids in citation databases, by a name of `PaperIdentifiers::NAMES`.
    pub identifiers: BTreeMap<&'static str, String>,
    /// The format the paper was read from (`bibtex`, `openalex`...), set by the import.
    pub from: String,
    /// Volume, issue, pages, publisher...: a name of [`BIBLIO_KEYS`] to its value.
    pub biblio: BTreeMap<&'static str, String>,
    /// Editors of the book or proceedings, names as printed.
    pub editors: Vec<String>,
    /// The number of bibliographic fields of the record that won the merges
    /// that made this one (see `combine`); `None` for a record as read.
    pub own_fields: Option<usize>,
    /// Listed under "Selected papers" (al-folio's `selected = {true}`).
    pub selected: bool,
    pub award: Option<String>,
    /// A preview picture's site path (al-folio's `preview = {x.png}`, served
    /// from `/assets/img/publication_preview/`).
    pub preview: Option<String>,
}

/// A citation count and who counted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citations {
    pub value: u64,
    pub source: String,
    pub as_of: Option<String>,
    pub url: Option<String>,
}

/// The value of one importable field in the form it is compared and hashed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// The author list with its `authors_truncated` flag: one field for both.
    Authors(Vec<AuthorEntry>, bool),
    Citations(Citations),
    /// A list of short values (other DOIs).
    List(Vec<String>),
}

impl Value {
    /// A canonical text of the value: the same however it is spelled in YAML.
    pub fn canonical(&self) -> String {
        match self {
            Value::Text(t) => normalize_block(t),
            Value::Authors(list, truncated) => {
                let mut lines: Vec<String> = list.iter().map(author_canonical).collect();
                if *truncated {
                    lines.push("...".into());
                }
                lines.join("\n")
            }
            Value::Citations(c) => format!(
                "{}|{}|{}|{}",
                c.value,
                c.source,
                c.as_of.as_deref().unwrap_or(""),
                c.url.as_deref().unwrap_or("")
            ),
            Value::List(items) => items.join("\n"),
        }
    }

    /// The stable hash recorded in `imported.hashes`.
    pub fn hash(&self) -> String {
        hash(&self.canonical())
    }
}

fn author_canonical(a: &AuthorEntry) -> String {
    let mut s = a.name.trim().to_string();
    if let Some(id) = &a.id {
        s.push_str(&format!(" [id={id}]"));
    }
    if let Some(p) = &a.parts {
        s.push_str(&format!(
            " [{}|{}|{}|{}{}]",
            p.family,
            p.given,
            p.particle,
            p.suffix,
            if p.literal { "|literal" } else { "" }
        ));
        // Only when set, so the hashes of names without one stay as they were.
        if !p.dropping_particle.is_empty() {
            s.push_str(&format!(" [dropping={}]", p.dropping_particle));
        }
    }
    if a.equal {
        s.push_str(" [equal]");
    }
    if a.corresponding {
        s.push_str(" [corresponding]");
    }
    s
}

/// Trailing spaces, `\r` and the final newline of a YAML block do not count.
pub fn normalize_block(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// FNV-1a (64 bit) of the text, as 12 hex digits: short, and the same on every run
/// and platform (unlike std's `DefaultHasher`, which may change between releases).
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // FNV mixes its last bytes poorly into the high bits: finish with
    // MurmurHash3's avalanche so similar values get unrelated hashes.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    format!("{:012x}", h >> 16)
}

/// The date if folio accepts it.
pub fn valid_date(text: &str) -> Option<String> {
    crate::model::PartialDate::parse(text).ok().map(|d| d.iso())
}

/// The name of a kind as written in YAML.
pub fn kind_name(kind: PaperKind) -> &'static str {
    match kind {
        PaperKind::Article => "article",
        PaperKind::Conference => "conference",
        PaperKind::Preprint => "preprint",
        PaperKind::Book => "book",
        PaperKind::Chapter => "chapter",
        PaperKind::Thesis => "thesis",
        PaperKind::Report => "report",
        PaperKind::Misc => "misc",
    }
}

/// Adds a link of a kind unless the paper has one already. A link folio would
/// refuse (`javascript:`, `ftp:`) is dropped with a warning.
pub fn add_link(
    links: &mut BTreeMap<&'static str, String>,
    kind: &'static str,
    url: &str,
    warnings: &mut Vec<String>,
) {
    let url = url.trim();
    if url.is_empty() || links.contains_key(kind) {
        return;
    }
    if crate::text::safe_url(url).is_some() {
        links.insert(kind, url.to_string());
    } else {
        warnings.push(format!("link `{url}` is not http(s) or relative; ignored"));
    }
}

/// Files a paper's address under the right link: an arXiv or DOI link becomes the
/// identifier, a `.pdf` the PDF, a GitHub (GitLab...) repository the code, anything
/// else the HTML page.
pub fn add_url(links: &mut BTreeMap<&'static str, String>, url: &str, warnings: &mut Vec<String>) {
    let with_scheme;
    let url = if scheme_less_host(url) {
        with_scheme = format!("https://{}", url.trim());
        with_scheme.as_str()
    } else {
        url
    };
    if let Some(id) = bare_arxiv(url) {
        links.entry("arxiv").or_insert(id);
    } else if let Some(doi) = bare_doi(url) {
        links.entry("doi").or_insert(doi);
    } else if url.to_ascii_lowercase().ends_with(".pdf") && !links.contains_key("pdf") {
        add_link(links, "pdf", url, warnings);
    } else if is_code_host(url) && !links.contains_key("code") {
        add_link(links, "code", url, warnings);
    } else {
        add_link(links, "html", url, warnings);
    }
}

/// An address written without its scheme (`www.example.org/x`,
/// `idus.us.es/handle/1`): its first part is a host name, not a folder.
pub fn scheme_less_host(url: &str) -> bool {
    let url = url.trim();
    if url.contains("://") || url.starts_with(['/', '.', '#']) || url.contains(':') {
        return false;
    }
    let Some((host, _)) = url.split_once('/') else {
        return url.to_ascii_lowercase().starts_with("www.");
    };
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// A repository on a code host: the paper's code.
fn is_code_host(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or("");
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    [
        "github.com/",
        "gitlab.com/",
        "codeberg.org/",
        "bitbucket.org/",
    ]
    .iter()
    .any(|h| rest.starts_with(h))
}

impl ImportedPaper {
    /// The fields this import sets, by name (`links.doi` for a link).
    pub fn fields(&self) -> BTreeMap<String, Value> {
        let mut f = BTreeMap::new();
        let mut text = |name: &str, v: Option<&str>| {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                f.insert(name.to_string(), Value::Text(v.to_string()));
            }
        };
        text("title", Some(&self.title));
        text("date", Some(&self.date));
        text("venue", self.venue.as_deref());
        text("kind", self.kind.map(kind_name));
        text("abstract", self.abstract_.as_deref());
        text("bibtex", self.bibtex.as_deref());
        text("selected", self.selected.then_some("true"));
        text("award", self.award.as_deref());
        text("preview", self.preview.as_deref());
        for (key, value) in &self.biblio {
            text(key, Some(value));
        }
        for (kind, url) in &self.links {
            text(&format!("links.{kind}"), Some(url));
        }
        if !self.authors.is_empty() {
            let list = self
                .authors
                .iter()
                .enumerate()
                .map(|(i, name)| AuthorEntry {
                    name: name.clone(),
                    parts: self
                        .author_parts
                        .get(i)
                        .cloned()
                        .flatten()
                        .filter(|p| needs_parts(name, p)),
                    ..AuthorEntry::default()
                })
                .collect();
            f.insert(
                "authors".into(),
                Value::Authors(list, self.authors_truncated),
            );
        }
        if let Some(c) = &self.citations {
            f.insert("citations".into(), Value::Citations(c.clone()));
        }
        if !self.editors.is_empty() {
            f.insert("editors".into(), Value::List(self.editors.clone()));
        }
        if !self.other_dois.is_empty() {
            f.insert(
                "identifiers.dois".into(),
                Value::List(self.other_dois.clone()),
            );
        }
        for (name, id) in &self.identifiers {
            f.insert(format!("identifiers.{name}"), Value::Text(id.clone()));
        }
        f
    }

    /// The ways to recognise this paper on the site.
    pub fn keys(&self) -> MatchKeys {
        let mut keys = MatchKeys::new(
            self.links.get("doi").map(String::as_str),
            self.links.get("arxiv").map(String::as_str),
            &self.title,
            &self.date,
        );
        keys.add_dois(&self.other_dois);
        keys.first_author = (!self.authors_are_placeholder)
            .then(|| self.authors.first().map(|a| author_key(a)))
            .flatten();
        keys
    }

    /// The file name without extension: family name, year, first significant
    /// title word (`xin2024deepseek`).
    pub fn slug(&self) -> String {
        let family = self
            .first_family
            .clone()
            .or_else(|| self.authors.first().map(|a| family_of(a)))
            .unwrap_or_else(|| "anon".into());
        let year = self.date.get(..4).unwrap_or("");
        let word = significant_word(&self.title).unwrap_or("paper");
        // Bounded, so that a very long name or word still makes a usable file name.
        let joined: String = super::latex::fold_ascii(&format!("{family}{year}{word}"))
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(60)
            .collect();
        crate::text::slugify(&joined)
    }
}

/// A name's parts are written out only when reading the printed name would
/// get them wrong (`Gil Robalo Rei`, a corporate author), so that plain names
/// stay plain strings.
pub fn needs_parts(name: &str, parts: &NameParts) -> bool {
    parts.literal && name.contains(char::is_whitespace)
        || !parts.literal && NameParts::guess(name) != *parts
}

/// The family name of a printed name (its last word), or the last part of an
/// author id (`fuli-luo` -> `luo`).
pub fn family_of(name: &str) -> String {
    let name = name.trim();
    let is_id = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let sep = if is_id { '-' } else { ' ' };
    name.rsplit(sep)
        .find(|w| !w.is_empty())
        .unwrap_or(name)
        .to_string()
}

/// Words too common to name a paper by.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "or", "with", "from", "towards",
    "toward", "using", "via", "is", "are", "how", "what", "why", "when", "do", "does", "can", "we",
    "our", "at", "by", "into", "beyond", "through", "about", "over", "under", "between", "without",
    "not", "all", "you", "your", "its", "it", "as", "be",
];

/// The first word of the title (outside maths) that is not a stop word.
fn significant_word(title: &str) -> Option<&str> {
    let mut in_math = false;
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in title.char_indices() {
        if c == '$' {
            in_math = !in_math;
        }
        let word_char = c.is_alphanumeric() && !in_math;
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(&title[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(&title[s..]);
    }
    words
        .iter()
        .find(|w| w.chars().count() > 1 && !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .or(words.first())
        .copied()
}

/// What identifies a paper across sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchKeys {
    /// Lowercase bare DOIs: the paper's own first, then other versions'.
    pub dois: Vec<String>,
    /// Lowercase bare arXiv id without version.
    pub arxiv: Option<String>,
    /// Normalised title (lowercase alphanumerics) and year.
    pub title_year: Option<(String, String)>,
    /// The first author's family name folded to lowercase ASCII, when known:
    /// papers with the same title and year but other first authors differ.
    pub first_author: Option<String>,
}

impl MatchKeys {
    pub fn new(doi: Option<&str>, arxiv: Option<&str>, title: &str, date: &str) -> MatchKeys {
        let doi = doi.and_then(bare_doi).map(|d| d.to_lowercase());
        let arxiv = arxiv
            .and_then(bare_arxiv)
            .or_else(|| doi.as_deref().and_then(arxiv_from_doi))
            .map(|a| strip_version(&a.to_lowercase()).to_string());
        let key = title_key(title);
        let year = date.trim().get(..4).unwrap_or("").to_string();
        MatchKeys {
            dois: doi.into_iter().collect(),
            arxiv,
            title_year: (!key.is_empty()).then_some((key, year)),
            first_author: None,
        }
    }

    /// Adds the DOIs of other versions (an arXiv DOI also gives the arXiv id).
    pub fn add_dois(&mut self, dois: &[String]) {
        for d in dois.iter().filter_map(|d| bare_doi(d)) {
            let d = d.to_lowercase();
            if self.arxiv.is_none() {
                self.arxiv = arxiv_from_doi(&d).map(|a| strip_version(&a).to_string());
            }
            if !self.dois.contains(&d) {
                self.dois.push(d);
            }
        }
    }

    /// The keys of a paper file as it is on disk.
    pub fn of_file(p: &PaperFile) -> MatchKeys {
        let mut keys = MatchKeys::new(
            p.links.doi.as_ref().map(|d| d.value.as_str()),
            p.links.arxiv.as_ref().map(|a| a.value.as_str()),
            &p.title.value,
            &p.date.value.0,
        );
        keys.add_dois(&p.identifiers.dois);
        // An author id (`ada`) says nothing about the family name: unknown.
        keys.first_author = p
            .authors
            .first()
            .filter(|a| a.value.id.is_none() && !is_author_id(&a.value.name))
            .map(|a| author_key(&a.value.name));
        keys
    }
}

/// A name written as an author id: lowercase letters, digits and hyphens.
fn is_author_id(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The family name of an author, folded for comparison (`Gödel` -> `godel`).
pub fn author_key(name: &str) -> String {
    super::latex::fold_ascii(&family_of(name))
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// A paper's first author (when known) and its number in the index.
type FirstAuthorOf = (Option<String>, usize);

/// Papers by DOI, arXiv id, and title with year, to find duplicates quickly.
#[derive(Debug, Default)]
pub struct Index {
    doi: HashMap<String, usize>,
    arxiv: HashMap<String, usize>,
    /// Papers by title and year, each with its first author when known.
    title_year: HashMap<(String, String), Vec<FirstAuthorOf>>,
}

impl Index {
    /// Records the keys of paper number `n`; an earlier paper with a key keeps it.
    pub fn insert(&mut self, keys: &MatchKeys, n: usize) {
        for d in &keys.dois {
            self.doi.entry(d.clone()).or_insert(n);
        }
        if let Some(a) = &keys.arxiv {
            self.arxiv.entry(a.clone()).or_insert(n);
        }
        if let Some(t) = &keys.title_year {
            let list = self.title_year.entry(t.clone()).or_default();
            if !list.iter().any(|(a, m)| *m == n && *a == keys.first_author) {
                list.push((keys.first_author.clone(), n));
            }
        }
    }

    /// Every paper that shares a key with these: more than one means the site
    /// already holds one paper in two files.
    pub fn find_all(&self, keys: &MatchKeys) -> Vec<usize> {
        let mut found: Vec<usize> = keys
            .dois
            .iter()
            .filter_map(|d| self.doi.get(d).copied())
            .collect();
        found.extend(keys.arxiv.as_ref().and_then(|a| self.arxiv.get(a).copied()));
        if let Some(list) = keys
            .title_year
            .as_ref()
            .and_then(|t| self.title_year.get(t))
        {
            found.extend(
                list.iter()
                    .filter(|(a, _)| {
                        a.is_none() || keys.first_author.is_none() || *a == keys.first_author
                    })
                    .map(|(_, n)| *n),
            );
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The paper with the same DOI, else the same arXiv id, else the same title
    /// and year; and which of these matched.
    pub fn find(&self, keys: &MatchKeys) -> Option<(usize, &'static str)> {
        let by_doi = keys.dois.iter().find_map(|d| self.doi.get(d).copied());
        by_doi
            .map(|n| (n, "same DOI"))
            .or_else(|| {
                let a = keys.arxiv.as_ref()?;
                self.arxiv.get(a).map(|&n| (n, "same arXiv id"))
            })
            .or_else(|| {
                let t = keys.title_year.as_ref()?;
                // An unknown first author (ORCID's placeholder) matches any.
                let same = |a: &Option<String>| {
                    a.is_none() || keys.first_author.is_none() || *a == keys.first_author
                };
                let list = self.title_year.get(t)?;
                let n = list.iter().find(|(a, _)| same(a))?.1;
                Some((n, "same title, year and first author"))
            })
    }
}

/// A title reduced to lowercase letters and digits.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A DOI without `https://doi.org/` or `doi:`; `None` when it is not a DOI.
pub fn bare_doi(doi: &str) -> Option<String> {
    let d = doi.trim();
    let lower = d.to_ascii_lowercase();
    let prefixes = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    let d = prefixes
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(d, |p| d[p.len()..].trim());
    (d.starts_with("10.") && d.contains('/') && !d.contains(char::is_whitespace))
        .then(|| d.to_string())
}

/// An arXiv id from `2408.08152`, `arXiv:2408.08152v2`, `hep-th/9901001` or an
/// arxiv.org link; `None` when it is none of these.
pub fn bare_arxiv(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let mut id = t;
    for prefix in [
        "https://arxiv.org/abs/",
        "http://arxiv.org/abs/",
        "https://arxiv.org/pdf/",
        "http://arxiv.org/pdf/",
        "https://www.arxiv.org/abs/",
        "arxiv:",
    ] {
        if lower.starts_with(prefix) {
            id = &t[prefix.len()..];
            break;
        }
    }
    let id = id.trim().trim_end_matches('/').trim_end_matches(".pdf");
    is_arxiv_id(id).then(|| id.to_string())
}

/// New-style `YYMM.NNNNN[vN]` or old-style `archive/YYMMNNN[vN]`.
fn is_arxiv_id(id: &str) -> bool {
    let base = strip_version(id);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match base.split_once('/') {
        Some((archive, num)) => {
            !archive.is_empty()
                && archive
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '.')
                && digits(num)
                && num.len() == 7
        }
        None => match base.split_once('.') {
            Some((yymm, num)) => {
                digits(yymm) && yymm.len() == 4 && digits(num) && (4..=5).contains(&num.len())
            }
            None => false,
        },
    }
}

fn strip_version(id: &str) -> &str {
    match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    }
}

/// arXiv's DOIs (`10.48550/arXiv.2408.08152`) name the arXiv id.
pub fn arxiv_from_doi(doi: &str) -> Option<String> {
    let lower = doi.to_ascii_lowercase();
    let rest = lower.strip_prefix("10.48550/arxiv.")?;
    let id = &doi[doi.len() - rest.len()..];
    is_arxiv_id(id).then(|| id.to_string())
}

/// How many bibliographic fields a record has (its citation count, verbatim
/// BibTeX and provenance do not count).
pub(super) fn field_count(p: &ImportedPaper) -> usize {
    if let Some(n) = p.own_fields {
        return n;
    }
    p.fields()
        .keys()
        .filter(|k| {
            !["citations", "bibtex", "selected", "award", "preview"].contains(&k.as_str())
                && !k.starts_with("identifiers.")
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_short() {
        // Pinned: a change here would make every site's next import see hand edits.
        assert_eq!(hash(""), "efd01f60ba99");
        assert_eq!(hash("Attention Is All You Need"), "e5e2df70fb3c");
        assert_ne!(hash("a"), hash("b"));
        assert_eq!(hash("x").len(), 12);
    }

    #[test]
    fn block_text_hashes_the_same_with_or_without_final_newline() {
        let a = Value::Text("Line one.\n\nLine two.\n".into());
        let b = Value::Text("Line one.  \n\nLine two.".into());
        assert_eq!(a.hash(), b.hash());
    }

    #[test]
    fn arxiv_ids_in_all_their_forms() {
        assert_eq!(bare_arxiv("2408.08152").as_deref(), Some("2408.08152"));
        assert_eq!(
            bare_arxiv("arXiv:2408.08152v2").as_deref(),
            Some("2408.08152v2")
        );
        assert_eq!(
            bare_arxiv("https://arxiv.org/pdf/2408.08152.pdf").as_deref(),
            Some("2408.08152")
        );
        assert_eq!(
            bare_arxiv("hep-th/9901001").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(bare_arxiv("10.1000/xyz"), None);
        assert_eq!(bare_arxiv("1234"), None);
        assert_eq!(
            arxiv_from_doi("10.48550/arXiv.2408.08152").as_deref(),
            Some("2408.08152")
        );
    }

    #[test]
    fn hosts_without_a_scheme_are_told_from_site_paths() {
        assert!(scheme_less_host("idus.us.es/handle/11441/1234"));
        assert!(scheme_less_host("www.example.org"));
        assert!(!scheme_less_host("files/paper.pdf"));
        assert!(!scheme_less_host("paper.pdf"));
        assert!(!scheme_less_host("assets/v1.2/x.pdf"));
        assert!(!scheme_less_host("https://example.org/x"));
        assert!(!scheme_less_host("/files/x.pdf"));
    }

    #[test]
    fn dois_lose_their_prefixes() {
        assert_eq!(
            bare_doi("https://doi.org/10.18653/v1/P19-1001").as_deref(),
            Some("10.18653/v1/P19-1001")
        );
        assert_eq!(bare_doi("doi: 10.1/x").as_deref(), Some("10.1/x"));
        assert_eq!(bare_doi("not a doi"), None);
    }

    #[test]
    fn papers_match_by_doi_arxiv_or_title_and_year() {
        let mut index = Index::default();
        index.insert(
            &MatchKeys::new(Some("10.1/X"), None, "Deep Nets!", "2020-01"),
            0,
        );
        index.insert(
            &MatchKeys::new(None, Some("arXiv:2001.00001v3"), "T", "2020"),
            1,
        );
        let find = |doi, arxiv, title, date| index.find(&MatchKeys::new(doi, arxiv, title, date));
        assert_eq!(
            find(Some("https://doi.org/10.1/x"), None, "Other", "2021"),
            Some((0, "same DOI"))
        );
        assert_eq!(
            find(Some("10.48550/arXiv.2001.00001"), None, "U", "2021"),
            Some((1, "same arXiv id"))
        );
        assert_eq!(
            find(None, None, "deep  nets", "2020"),
            Some((0, "same title, year and first author"))
        );
        assert_eq!(find(None, None, "deep nets", "2021"), None);
    }

    #[test]
    fn slug_is_family_year_and_first_significant_word() {
        let p = ImportedPaper {
            title: "DeepSeek-Prover-V1.5: Harnessing Proof Assistant Feedback".into(),
            date: "2024-08-15".into(),
            authors: vec!["Huajian Xin".into()],
            ..ImportedPaper::default()
        };
        assert_eq!(p.slug(), "xin2024deepseek");
        let q = ImportedPaper {
            title: "On the $O(n)$ Bound of Sorting".into(),
            date: "1999".into(),
            authors: vec!["Kurt Gödel".into()],
            first_family: Some("Gödel".into()),
            ..ImportedPaper::default()
        };
        assert_eq!(q.slug(), "godel1999bound");
        assert_eq!(family_of("fuli-luo"), "luo");
        assert_eq!(family_of("DeepSeek-AI"), "DeepSeek-AI");
    }
}
