//! A resolved CV: the header, and the sections in the order written, every
//! entry in one shape (dates parsed, institutions named, Markdown rendered).
//! Publications and talks are not copied here: `render` pulls them from the
//! site with the section's filter.

use std::path::PathBuf;

use super::PartialDate;

/// What a section holds. The first ones are written in the CV file; the last
/// ones are filled from the site's folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Education,
    Positions,
    Awards,
    Grants,
    Service,
    Skills,
    Interests,
    Languages,
    References,
    Custom,
    Certificates,
    Projects,
    PublicationList,
    Publications,
    Talks,
    Teaching,
}

impl SectionKind {
    /// The string-table key of the section's heading (a custom section has its own).
    pub fn heading(self) -> &'static str {
        match self {
            SectionKind::Education => "cv_education",
            SectionKind::Positions => "cv_positions",
            SectionKind::Awards => "cv_awards",
            SectionKind::Grants => "cv_grants",
            SectionKind::Service => "cv_service",
            SectionKind::Skills => "cv_skills",
            SectionKind::Interests => "cv_interests",
            SectionKind::Languages => "cv_languages",
            SectionKind::References => "cv_references",
            SectionKind::Custom => "cv_custom",
            SectionKind::Certificates => "cv_certificates",
            SectionKind::Projects => "cv_projects",
            SectionKind::PublicationList => "publications",
            SectionKind::Publications => "publications",
            SectionKind::Talks => "talks",
            SectionKind::Teaching => "teaching",
        }
    }
}

/// The end of something: a date, or still going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Date(PartialDate),
    Present,
}

/// When an entry happened: one date (`end` is `None`), or a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub start: Option<PartialDate>,
    pub end: Option<Until>,
}

/// One entry of a written section, whatever its kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CvEntry {
    /// The first line (degree, position, award, skill, language, referee), as
    /// HTML (maths as MathML).
    pub title_html: String,
    /// A second line: the field of a degree, a department, a fluency.
    pub subtitle: Option<String>,
    /// The institution, employer, funder or awarder, with its URL when known.
    pub org: Option<(String, Option<String>)>,
    pub location: Option<String>,
    pub when: Option<When>,
    pub url: Option<String>,
    /// Labelled facts: (string-table key of the label, value as written).
    pub facts: Vec<(&'static str, String)>,
    pub keywords: Vec<String>,
    pub email: Option<String>,
    pub details_html: String,
    pub highlights_html: Vec<String>,
}

/// Which entries of a folder a pulled section shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only entries marked `selected`.
    pub selected: bool,
    /// Only entries of this year or later.
    pub since: Option<i32>,
}

/// One section of the CV.
#[derive(Debug, Clone, PartialEq)]
pub struct CvSection {
    pub kind: SectionKind,
    /// The title of a custom section.
    pub title: Option<String>,
    /// The entries of a written section (empty for a pulled one).
    pub entries: Vec<CvEntry>,
    /// The filter of a pulled section.
    pub filter: Filter,
}

/// The site's CV, from `cv.yaml` or `resume.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cv {
    /// The author id of the person, when the CV is an author's.
    pub person: Option<String>,
    pub name: String,
    pub headline: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub website: Option<String>,
    /// Profiles on other sites: (label, link when given).
    pub profiles: Vec<(String, Option<String>)>,
    pub summary_html: String,
    pub sections: Vec<CvSection>,
    pub source: PathBuf,
}
