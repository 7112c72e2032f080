//! The resolved site: plain data, no I/O, no templates. `resolve` builds it from
//! the files; `render` reads it.

pub mod appearance;
pub mod collection;
pub mod colour;
pub mod config;
pub mod course;
pub mod cv;
pub mod image;
pub mod integrations;
pub mod metrics_data;
pub mod names;
pub mod post;
pub mod project;
pub mod schema;
pub mod social;
pub mod talk;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::config::Config;
use crate::model::schema::{BadgeFile, MetricsFile, PaperKind, Role};
pub use course::{Course, Season, Term};
pub use cv::Cv;
pub use image::{ImageRef, ImageRole, Picture};
pub use post::Post;
pub use project::Project;
pub use talk::{Place, Talk};

/// A publication date that may lack its month or day (`2024`, `2024-08`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let bad = || {
            format!(
                "date `{text}` is not valid: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-08-15"
            )
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str, len: usize| -> Result<u32, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = num(parts[0], 4)? as i32;
        let month = parts.get(1).map(|m| num(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| num(d, 2)).transpose()?;
        if parts.len() > 3 || month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(bad());
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// ISO 8601 form with the parts that are known.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The form shown to readers, in the site's language: `Aug 15, 2024`,
    /// `Aug 2024`, `2024` in English.
    pub fn display(&self, locale: &crate::i18n::Locale) -> String {
        locale.date(self.year, self.month, self.day)
    }

    /// The date with `/` separators, as Google Scholar expects (`2024/08/15`).
    pub fn slashed(&self) -> String {
        self.iso().replace('-', "/")
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One bar of the citations chart: a year and its count.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bar {
    pub year: i32,
    pub value: u64,
}

/// A link with a kind (`pdf`, `code`, `orcid`...) and a label for readers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub kind: &'static str,
    pub label: String,
    pub url: String,
}

/// A metric shown as a badge on a profile.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Metric {
    /// Stable machine name: `papers`, `citations`, `h-index`, or the slug of a custom label.
    pub key: String,
    pub label: String,
    /// The value as shown, with thousands separators and unit (`18,213`, `58%`).
    pub value: String,
    /// Where the number comes from, in words.
    pub source: String,
    pub as_of: Option<String>,
    pub source_url: Option<String>,
    pub definition: Option<String>,
}

/// A person with a file in `authors/`.
#[derive(Debug, Clone)]
pub struct Author {
    pub id: String,
    pub name: String,
    pub name_variants: Vec<String>,
    pub position: Option<String>,
    /// Name and optional URL of the affiliation.
    pub affiliation: Option<(String, Option<String>)>,
    pub field: Option<String>,
    pub photo: Option<String>,
    /// The photo's file in `static/`, when it is one (resized by `images`).
    pub photo_file: Option<ImageRef>,
    pub bio_html: String,
    pub links: Vec<Link>,
    /// The metrics as declared in the file, with their positions.
    pub declared: MetricsFile,
    pub badges: Vec<BadgeFile>,
    /// The badges to show, declared and computed, in display order.
    pub metrics: Vec<Metric>,
    /// Citations per year for the chart, oldest first, and where they come from.
    pub citations_by_year: Vec<Bar>,
    pub citations_by_year_source: &'static str,
    /// What the chart counts and where from, in words (with source and date).
    pub citations_by_year_note: String,
    /// Citations per year as declared in the author file.
    pub declared_by_year: std::collections::BTreeMap<i32, u64>,
    /// Lab membership: role (alumni already derived from the end date), dates,
    /// and where an alumnus went.
    pub role: Option<Role>,
    /// An alumnus's role while a member.
    pub former_role: Option<Role>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub next_position: Option<String>,
    pub source: PathBuf,
}

impl Author {
    /// A lab member (anyone with a role, alumni included).
    pub fn is_member(&self) -> bool {
        self.role.is_some()
    }
}

/// A news item.
#[derive(Debug, Clone, PartialEq)]
pub struct News {
    pub slug: String,
    pub date: PartialDate,
    pub title: String,
    pub html: String,
    pub link: Option<String>,
    pub source: PathBuf,
}

/// One author of a paper, linked to an `Author` when recognised.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperAuthor {
    pub name: String,
    /// The name in parts, as the paper file gives them (`{family, given}`,
    /// `{literal}`), else read from `name` once, when the paper is resolved.
    pub parts: names::NameParts,
    pub id: Option<String>,
    pub equal: bool,
    pub corresponding: bool,
}

/// Where and how a paper was published, for complete references.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Biblio {
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub publisher: Option<String>,
    pub editors: Vec<String>,
    pub edition: Option<String>,
    pub institution: Option<String>,
    pub number: Option<String>,
    pub isbn: Option<String>,
    pub issn: Option<String>,
    pub address: Option<String>,
    pub thesis_type: Option<String>,
    /// BibTeX's `note`, at the end of the reference.
    pub reference_note: Option<String>,
}

impl Biblio {
    /// The first and last page of `301–310` (`e1234` has no last).
    pub fn page_range(&self) -> Option<(&str, Option<&str>)> {
        let pages = self.pages.as_deref()?.trim();
        match pages.split_once(['–', '-']) {
            Some((a, b)) => Some((a.trim(), Some(b.trim_start_matches('-').trim()))),
            None => Some((pages, None)),
        }
    }
}

/// A resolved paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub slug: String,
    /// The BibTeX key, unique within the site (`xin2024deepseek`).
    pub cite_key: String,
    /// The key before a letter makes it unique (`xin2024deepseek` for `xin2024deepseekb`).
    pub cite_base: String,
    /// The title as written (maths as TeX), for metadata.
    pub title: String,
    /// The title as HTML with maths as MathML.
    pub title_html: String,
    pub date: PartialDate,
    pub authors: Vec<PaperAuthor>,
    pub authors_truncated: bool,
    pub affiliations: Vec<String>,
    pub topics: Vec<String>,
    pub venue: Option<String>,
    /// The venue as HTML with maths as MathML (`Ann. \(K\)-Theory`).
    pub venue_html: Option<String>,
    pub kind: Option<PaperKind>,
    pub biblio: Biblio,
    /// The abstract as written (Markdown with TeX), for metadata and search.
    pub abstract_text: String,
    pub abstract_html: String,
    pub links: Vec<Link>,
    pub has_code: bool,
    pub citations: Option<u64>,
    /// Where the citation count comes from ("Semantic Scholar, as of 2026-11-01").
    pub citations_source: Option<String>,
    pub selected: bool,
    pub award: Option<String>,
    pub note: Option<String>,
    pub bibtex: Option<String>,
    /// The preview picture's URL, what it shows, and its file in `static/`
    /// for `images` (which reports a missing one).
    pub preview: Option<(String, String)>,
    pub preview_alt: String,
    pub preview_file: Option<ImageRef>,
    pub source: PathBuf,
}

impl Paper {
    /// True when the code is released, with or without a link.
    pub fn code(&self) -> bool {
        self.has_code || self.links.iter().any(|l| l.kind == "code")
    }

    /// The link of the given kind.
    pub fn link(&self, kind: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| l.url.as_str())
    }
}

/// A free page from `pages/*.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub html: String,
    /// The body's pictures that name a file in `static/`, for `images`.
    pub body_images: Vec<ImageRef>,
    pub source: PathBuf,
}

/// A file copied verbatim into the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Path inside the output, with `/` separators.
    pub rel: String,
    pub source: PathBuf,
}

/// Everything a build renders, resolved and sorted.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub authors: BTreeMap<String, Author>,
    /// Newest first; ties by title then slug.
    pub papers: Vec<Paper>,
    pub pages: Vec<Page>,
    /// Newest first.
    pub news: Vec<News>,
    /// Newest first; ties by slug.
    pub talks: Vec<Talk>,
    /// Blog posts, newest first; ties by slug. Drafts only when asked for.
    pub posts: Vec<Post>,
    /// Newest term first; ties by title then slug.
    pub courses: Vec<Course>,
    /// The CV, from `cv.yaml` or `resume.json`.
    pub cv: Option<cv::Cv>,
    /// Current projects first, then by start date, newest first; ties by title then slug.
    pub projects: Vec<Project>,
    pub static_files: Vec<StaticFile>,
    /// The build's "today" (`SOURCE_DATE_EPOCH` when set): what is upcoming
    /// and who is an alumnus.
    pub today: PartialDate,
    /// The generic collections of `site.yaml`, by name.
    pub collections: Vec<collection::Collection>,
    /// The resized pictures, by their path under `static/`; filled by
    /// `images` before rendering (empty when a render skips that stage).
    pub images: BTreeMap<String, Picture>,
    /// The generated card of each paper (`social.paper_cards`), by slug;
    /// filled by `images` like `images`. A paper without one has none here.
    pub cards: BTreeMap<String, Picture>,
}

impl Site {
    /// The site owner's author record, when `site.yaml` names one.
    pub fn owner(&self) -> Option<&Author> {
        self.config
            .owner
            .as_ref()
            .and_then(|id| self.authors.get(id))
    }

    /// Whether an author is highlighted in author lists: the owner of a personal
    /// site, every member of a lab.
    pub fn highlights(&self, id: &str) -> bool {
        match self.config.mode {
            crate::model::config::Mode::Personal => self.config.owner.as_deref() == Some(id),
            crate::model::config::Mode::Lab => self.authors.get(id).is_some_and(Author::is_member),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_and_without_month_and_day() {
        let d = PartialDate::parse("2024-08-15").unwrap();
        assert_eq!(
            (d.iso(), d.display(&crate::i18n::Locale::english())),
            ("2024-08-15".into(), "Aug 15, 2024".into())
        );
        let d = PartialDate::parse("2024-08").unwrap();
        assert_eq!(
            (d.iso(), d.display(&crate::i18n::Locale::english())),
            ("2024-08".into(), "Aug 2024".into())
        );
        let d = PartialDate::parse("2024").unwrap();
        assert_eq!(
            (d.iso(), d.display(&crate::i18n::Locale::english())),
            ("2024".into(), "2024".into())
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2024-13-01",
            "2023-02-29",
            "24-01-01",
            "2024/01/01",
            "Aug 2024",
            "2024-1-5",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn partial_dates_sort_before_full_dates_of_the_same_period() {
        let a = PartialDate::parse("2024").unwrap();
        let b = PartialDate::parse("2024-01").unwrap();
        let c = PartialDate::parse("2024-01-02").unwrap();
        assert!(a < b && b < c);
    }
}
