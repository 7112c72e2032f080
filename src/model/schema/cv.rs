//! `cv.yaml` as written: a header, then sections in the order written, each a
//! list of typed entries. The order of the sections is the order of their keys
//! in the file (taken from their positions), so that a CV reads as its author
//! arranged it. Publications, talks and teaching are not written here: they come
//! from their folders (`papers/`, `talks/`, `teaching/`), and their keys here
//! only place and filter them.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::*;

/// `cv.yaml`: the site owner's CV (or a lab member's, with `person`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CvFile {
    /// Whose CV it is: an author id. The site's `owner` when not given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub person: Option<Spanned<String>>,
    /// The name at the top; the person's name when not given.
    #[serde(default)]
    pub name: Option<String>,
    /// The line under the name ("Assistant Professor of Computer Science");
    /// the person's `position` when not given.
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<ScalarText>,
    /// Where the person lives or works ("Zurich, Switzerland").
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
    /// Profiles on other sites, shown in the header beside the author file's links.
    #[serde(default)]
    pub profiles: Vec<ProfileEntry>,
    /// A short profile in Markdown, shown under the header.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<EducationEntry>>")]
    pub education: Option<Spanned<Vec<EducationEntry>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<PositionEntry>>")]
    pub positions: Option<Spanned<Vec<PositionEntry>>>,
    /// Awards and honours.
    #[serde(default)]
    #[schemars(with = "Option<Vec<AwardEntry>>")]
    pub awards: Option<Spanned<Vec<AwardEntry>>>,
    /// Certificates and licences, in the shape of awards (`awarder`: the issuer).
    #[serde(default)]
    #[schemars(with = "Option<Vec<AwardEntry>>")]
    pub certificates: Option<Spanned<Vec<AwardEntry>>>,
    /// Projects, in the shape of custom entries (the site's own `projects/`
    /// have their pages; this is for a CV without them).
    #[serde(default)]
    #[schemars(with = "Option<Vec<CustomEntry>>")]
    pub projects: Option<Spanned<Vec<CustomEntry>>>,
    /// Publications written by hand, for a site without `papers/` (the
    /// publications of a `resume.json` land here).
    #[serde(default)]
    #[schemars(with = "Option<Vec<CustomEntry>>")]
    pub publication_list: Option<Spanned<Vec<CustomEntry>>>,
    /// Grants and funding.
    #[serde(default)]
    #[schemars(with = "Option<Vec<GrantEntry>>")]
    pub grants: Option<Spanned<Vec<GrantEntry>>>,
    /// Service: reviewing, committees, editorial boards, outreach.
    #[serde(default)]
    #[schemars(with = "Option<Vec<ServiceEntry>>")]
    pub service: Option<Spanned<Vec<ServiceEntry>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<SkillEntry>>")]
    pub skills: Option<Spanned<Vec<SkillEntry>>>,
    /// Interests, in the shape of skills (a name and keywords).
    #[serde(default)]
    #[schemars(with = "Option<Vec<SkillEntry>>")]
    pub interests: Option<Spanned<Vec<SkillEntry>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<LanguageEntry>>")]
    pub languages: Option<Spanned<Vec<LanguageEntry>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<ReferenceEntry>>")]
    pub references: Option<Spanned<Vec<ReferenceEntry>>>,
    /// Sections of your own (mentoring, certificates, outreach...), each with a
    /// title and entries; one section per item, in place.
    #[serde(default)]
    #[schemars(with = "Option<Vec<CustomSection>>")]
    pub custom: Option<Spanned<Vec<CustomSection>>>,
    /// Where the site's papers go, and which: every one unless filtered.
    #[serde(default)]
    #[schemars(with = "Option<PulledSection>")]
    pub publications: Option<Spanned<PulledSection>>,
    /// Where the site's talks go, and which.
    #[serde(default)]
    #[schemars(with = "Option<PulledSection>")]
    pub talks: Option<Spanned<PulledSection>>,
    /// Where the site's courses (`teaching/`) go, and which.
    #[serde(default)]
    #[schemars(with = "Option<PulledSection>")]
    pub teaching: Option<Spanned<PulledSection>>,
}

/// A section filled from a content folder: where it stands, and what it keeps.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PulledSection {
    /// Only the entries marked `selected: true` (papers).
    #[serde(default, deserialize_with = "strict_bool")]
    pub selected: bool,
    /// Only the entries of this year or later.
    #[serde(default)]
    #[schemars(with = "Option<i32>")]
    pub since: Option<Spanned<i32>>,
    /// Leave the section out of the CV.
    #[serde(default, deserialize_with = "strict_bool")]
    pub hidden: bool,
}

/// A degree.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct EducationEntry {
    /// `PhD`, `MSc`, `BA`...
    #[schemars(with = "String")]
    pub degree: Spanned<String>,
    /// The field of study ("Computer Science").
    #[serde(default)]
    pub field: Option<String>,
    /// An affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    #[serde(default)]
    pub location: Option<String>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    /// Thesis title (Markdown with maths).
    #[serde(default)]
    pub thesis: Option<String>,
    #[serde(default)]
    pub advisors: Vec<String>,
    /// Grade, GPA or honours ("summa cum laude").
    #[serde(default)]
    pub grade: Option<ScalarText>,
    #[serde(default)]
    pub courses: Vec<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// Markdown.
    #[serde(default)]
    pub details: Option<String>,
    /// Markdown, one bullet each.
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// A profile on another site: its name, your user name there, its address.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ProfileEntry {
    /// `Mastodon`, `Google Scholar`...
    pub network: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// A job or appointment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PositionEntry {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// An affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// An award, prize, honour or fellowship.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct AwardEntry {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Who gave it: an affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub awarder: Option<Spanned<String>>,
    #[serde(default)]
    pub location: Option<String>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub details: Option<String>,
}

/// A grant or other funding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct GrantEntry {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The funding body: an affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub funder: Option<Spanned<String>>,
    /// The amount as it should read, currency included ("€1,500,000").
    #[serde(default)]
    pub amount: Option<ScalarText>,
    /// Your role: "Principal investigator", "Co-investigator"...
    #[serde(default)]
    pub role: Option<String>,
    /// The grant's number or reference.
    #[serde(default)]
    pub number: Option<ScalarText>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub details: Option<String>,
}

/// Service: a role on a committee, a board, a review panel, outreach.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ServiceEntry {
    /// The role ("Program committee member", "Reviewer").
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The venue, journal or body: an affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    #[serde(default)]
    pub location: Option<String>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub details: Option<String>,
}

/// A skill area with its keywords ("Programming: Rust, Python").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct SkillEntry {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// "Expert", "Intermediate"...
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A language and how well it is spoken.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct LanguageEntry {
    #[schemars(with = "String")]
    pub language: Spanned<String>,
    /// "Native", "Fluent", "C1"...
    #[serde(default)]
    pub fluency: Option<String>,
}

/// A referee: an author of the site (`author`), or a name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ReferenceEntry {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// An author id from `authors/`: name, position and affiliation come from it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub author: Option<Spanned<String>>,
    /// Their position ("Professor of Physics").
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    /// How you know them ("PhD advisor").
    #[serde(default)]
    pub relationship: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<ScalarText>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// A quoted reference, in Markdown.
    #[serde(default)]
    pub details: Option<String>,
}

/// A section of your own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CustomSection {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[serde(default)]
    pub entries: Vec<CustomEntry>,
}

/// An entry of a section of your own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CustomEntry {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// A second line ("Co-supervised with ...", a role).
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    #[serde(default)]
    pub location: Option<String>,
    /// One day, month or year (`2024-06`); or `start` and `end`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub date: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    /// A date, or `present`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}
