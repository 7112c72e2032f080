//! The YAML file formats of authors, papers, news, pages and talks, exactly as a user types them.
//!
//! Every struct denies unknown fields so that a typo is an error, never silently
//! dropped. Values that later checks must point at are `Spanned`, which keeps their
//! line and column.

mod post;
mod talk;
pub use post::PostFront;
pub use talk::{TalkFile, TalkKind, TalkLinks, TalkLocation};
mod course;
pub use course::{CourseFile, CourseLinks, CourseRole, Terms};
mod cv;
pub use cv::{
    AwardEntry, CustomEntry, CustomSection, CvFile, EducationEntry, GrantEntry, LanguageEntry,
    PositionEntry, ProfileEntry, PulledSection, ReferenceEntry, ServiceEntry, SkillEntry,
};
mod project;
pub use project::{ProjectFile, ProjectLinks, ProjectStatus};
mod identifiers;
pub use identifiers::PaperIdentifiers;
mod metric;
pub use metric::{DeclaredMetric, MAX_COUNT};

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// `authors/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct AuthorFile {
    pub name: String,
    #[serde(default)]
    pub name_variants: Vec<String>,
    #[serde(default)]
    pub position: Option<String>,
    /// An affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub affiliation: Option<Spanned<String>>,
    /// The primary field, a topic key.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub field: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub photo: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub bio: Option<Spanned<String>>,
    #[serde(default)]
    pub links: AuthorLinks,
    #[serde(default)]
    pub metrics: MetricsFile,
    #[serde(default)]
    pub badges: Vec<BadgeFile>,
    /// Citations received per year, e.g. from Google Scholar: `{2023: 410, 2024: 980}`.
    #[serde(default)]
    pub citations_by_year: std::collections::BTreeMap<i32, u64>,
    /// Lab sites: the member's role. A person without a role is not a member.
    #[serde(default)]
    pub role: Option<Role>,
    /// Lab sites: when the member joined and left (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    /// Lab sites: where an alumnus went ("Assistant Professor, EPFL").
    #[serde(default)]
    pub next_position: Option<String>,
}

/// The value a person most likely meant by a word that is not one of a field's
/// values: `journal` is an `article`, `post-doc` a `postdoc`.
pub fn variant_synonym(field: &str, value: &str) -> Option<&'static str> {
    let value: String = value
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let table: &[(&str, &[&str])] = match field {
        "kind" => &[
            ("article", &["journal", "journalarticle", "paper"]),
            (
                "conference",
                &[
                    "inproceedings",
                    "proceedings",
                    "workshop",
                    "conferencepaper",
                ],
            ),
            (
                "preprint",
                &["arxiv", "unpublished", "working", "workingpaper"],
            ),
            ("thesis", &["phdthesis", "mastersthesis", "dissertation"]),
            ("report", &["techreport", "technicalreport"]),
            ("chapter", &["inbook", "incollection", "bookchapter"]),
        ],
        "role" => &[
            (
                "postdoc",
                &["postdoctoral", "postdoctoralresearcher", "researchfellow"],
            ),
            (
                "phd",
                &[
                    "phdstudent",
                    "doctoral",
                    "doctoralstudent",
                    "graduatestudent",
                ],
            ),
            (
                "masters",
                &["master", "msc", "mastersstudent", "masterstudent"],
            ),
            ("undergrad", &["undergraduate", "bachelor", "bsc"]),
            ("pi", &["principalinvestigator", "head", "director", "lead"]),
            ("faculty", &["professor", "lecturer", "assistantprofessor"]),
            ("engineer", &["researchengineer", "developer", "staff"]),
            ("visitor", &["visiting", "intern", "guest"]),
            ("alumni", &["alumnus", "alumna", "former"]),
        ],
        "talk_kind" => &[
            ("invited", &["invitedtalk", "invitation"]),
            (
                "contributed",
                &["contributedtalk", "talk", "oral", "presentation"],
            ),
            ("keynote", &["keynotetalk", "plenary", "plenarytalk"]),
            ("poster", &["posterpresentation", "postersession"]),
            ("tutorial", &["workshop", "lecture", "course"]),
            ("panel", &["paneldiscussion", "roundtable"]),
            ("seminar", &["colloquium", "webinar", "groupmeeting"]),
            (
                "defense",
                &["defence", "viva", "thesisdefense", "phddefense"],
            ),
        ],
        "course_role" => &[
            (
                "instructor",
                &["lecturer", "teacher", "professor", "leadinstructor"],
            ),
            (
                "co-instructor",
                &["coinstructor", "colecturer", "coteacher"],
            ),
            (
                "teaching-assistant",
                &["ta", "teachingassistant", "assistant", "tutor", "grader"],
            ),
            (
                "guest-lecturer",
                &["guest", "guestlecture", "guestlecturer", "guestspeaker"],
            ),
        ],
        "project_status" => &[
            (
                "active",
                &["ongoing", "current", "running", "open", "inprogress"],
            ),
            (
                "completed",
                &["complete", "finished", "done", "past", "closed", "ended"],
            ),
        ],
        _ => &[],
    };
    table
        .iter()
        .find(|(_, words)| words.contains(&value.as_str()))
        .map(|(variant, _)| *variant)
}

/// A lab member's role, in the order the people page lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum Role {
    Pi,
    Faculty,
    Postdoc,
    Phd,
    Masters,
    Undergrad,
    Engineer,
    Visitor,
    Alumni,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 9] = [
        Role::Pi,
        Role::Faculty,
        Role::Postdoc,
        Role::Phd,
        Role::Masters,
        Role::Undergrad,
        Role::Engineer,
        Role::Visitor,
        Role::Alumni,
    ];

    /// The string-table key of the heading of the role's group on the people page.
    pub fn heading(self) -> &'static str {
        match self {
            Role::Pi => "roles_pi",
            Role::Faculty => "roles_faculty",
            Role::Postdoc => "roles_postdoc",
            Role::Phd => "roles_phd",
            Role::Masters => "roles_masters",
            Role::Undergrad => "roles_undergrad",
            Role::Engineer => "roles_engineer",
            Role::Visitor => "roles_visitor",
            Role::Alumni => "roles_alumni",
        }
    }

    /// The string-table key of the role of one person, as shown beside their name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Pi => "role_pi",
            Role::Faculty => "role_faculty",
            Role::Postdoc => "role_postdoc",
            Role::Phd => "role_phd",
            Role::Masters => "role_masters",
            Role::Undergrad => "role_undergrad",
            Role::Engineer => "role_engineer",
            Role::Visitor => "role_visitor",
            Role::Alumni => "role_alumni",
        }
    }
}

/// Profile links of a person. Identifiers may be given as full URLs or bare ids.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct AuthorLinks {
    pub email: Option<String>,
    pub homepage: Option<String>,
    pub scholar: Option<String>,
    pub orcid: Option<String>,
    pub github: Option<String>,
    pub semantic_scholar: Option<String>,
    /// The OpenAlex author id (`A5023888391`), for `folio update`.
    pub openalex: Option<String>,
    pub dblp: Option<String>,
    pub openreview: Option<String>,
    pub x: Option<String>,
    pub linkedin: Option<String>,
    pub cv: Option<String>,
    pub gitlab: Option<String>,
    pub researchgate: Option<String>,
    /// An arXiv author page (`luo_f_1` or its URL).
    pub arxiv: Option<String>,
    /// A Bluesky handle (`name.bsky.social`) or profile URL.
    pub bluesky: Option<String>,
    /// A Mastodon address (`@name@server.social`) or profile URL.
    pub mastodon: Option<String>,
    /// A YouTube channel handle (`@name`) or URL.
    pub youtube: Option<String>,
    /// A feed to follow (a site path or URL).
    pub rss: Option<String>,
    /// Links of other networks: `{ label, url, icon? }` (`icon`: one of the
    /// built-in icon names, the generic link icon when not given).
    #[serde(default)]
    pub other: Vec<OtherLink>,
}

/// A profile link of a network folio does not name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct OtherLink {
    pub label: String,
    pub url: String,
    #[serde(default)]
    pub icon: Option<String>,
}

/// Declared bibliometrics. Each may be a bare number or `{ value, source, as_of }`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct MetricsFile {
    #[schemars(with = "Option<DeclaredMetric>")]
    pub h_index: Option<Spanned<DeclaredMetric>>,
    #[schemars(with = "Option<DeclaredMetric>")]
    pub citations: Option<Spanned<DeclaredMetric>>,
    #[schemars(with = "Option<DeclaredMetric>")]
    pub i10_index: Option<Spanned<DeclaredMetric>>,
}

/// A custom badge on the profile ("Novelty 58%").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct BadgeFile {
    pub label: String,
    pub value: ScalarText,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub definition: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub as_of: Option<String>,
}

/// A YAML scalar kept as text, so that `58`, `0.58` and `A+` are all accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarText(pub String);

/// `true` or `false`, unquoted. A quoted `'true'` is text, and `yes` is a
/// YAML 1.1 spelling: both are refused rather than guessed.
fn strict_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("`true` or `false`, without quotes")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
    }
    d.deserialize_any(V)
}

/// A date as written (`2024`, `2024-08`, `2024-08-15`). Read as the source text,
/// never as a number: `1e3` and `0x7E8` are numbers to YAML, but not dates.
#[derive(Debug, Clone, PartialEq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // A string target takes `true` as its text: it is no date, and no number.
        if ["true", "false"].contains(&text.to_ascii_lowercase().as_str()) {
            return Err(de::Error::invalid_type(
                de::Unexpected::Bool(text.eq_ignore_ascii_case("true")),
                &"a date such as 2024-08-15",
            ));
        }
        Ok(DateText(text.trim().to_string()))
    }
}

/// `papers/<slug>.yaml`: one paper (or a list of them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PaperFile {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "ScalarText")]
    pub date: Spanned<DateText>,
    #[schemars(with = "Vec<AuthorEntry>")]
    pub authors: Vec<Spanned<AuthorEntry>>,
    /// The source lists only the first authors ("et al.").
    #[serde(default, deserialize_with = "strict_bool")]
    pub authors_truncated: bool,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub affiliations: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub topics: Vec<Spanned<String>>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub kind: Option<PaperKind>,
    /// Where in the venue: volume, issue, pages (`301–310` or `e1234`).
    #[serde(default)]
    pub volume: Option<ScalarText>,
    #[serde(default)]
    pub issue: Option<ScalarText>,
    #[serde(default)]
    pub pages: Option<ScalarText>,
    #[serde(default)]
    pub publisher: Option<String>,
    /// Editors of the book or proceedings, names as printed.
    #[serde(default)]
    pub editors: Vec<String>,
    #[serde(default)]
    pub edition: Option<ScalarText>,
    /// The university of a thesis, the institution of a report.
    #[serde(default)]
    pub institution: Option<String>,
    /// A report's number.
    #[serde(default)]
    pub number: Option<ScalarText>,
    #[serde(default)]
    pub isbn: Option<ScalarText>,
    #[serde(default)]
    pub issn: Option<ScalarText>,
    /// The publisher's (or conference's) place.
    #[serde(default)]
    pub address: Option<String>,
    /// `PhD thesis`, `Master's thesis`.
    #[serde(default)]
    pub thesis_type: Option<String>,
    /// A note ending the formatted reference: BibTeX's `note` (`To appear`,
    /// `Oral presentation`). Not the `note` under the author list.
    #[serde(default)]
    pub reference_note: Option<String>,
    #[serde(default, rename = "abstract")]
    #[schemars(with = "Option<String>")]
    pub abstract_: Option<Spanned<String>>,
    #[serde(default)]
    pub links: PaperLinks,
    /// Identifiers besides `links.doi` and `links.arxiv`, kept so that nothing an
    /// import read is lost and later imports find the paper again.
    #[serde(default)]
    pub identifiers: PaperIdentifiers,
    /// Code is released but its address is not given.
    #[serde(default, deserialize_with = "strict_bool")]
    pub has_code: bool,
    /// A citation count: a number, or `{ value, source, as_of }`.
    #[serde(default)]
    pub citations: Option<DeclaredMetric>,
    #[serde(default, deserialize_with = "strict_bool")]
    pub selected: bool,
    #[serde(default)]
    pub award: Option<String>,
    /// A note on the authors, such as "* Equal contribution".
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub slug: Option<Spanned<String>>,
    /// A BibTeX entry to show instead of the generated one.
    #[serde(default)]
    pub bibtex: Option<String>,
    /// A preview picture in `static/`, by its site path
    /// (`/assets/img/publication_preview/x.png`): a thumbnail beside the
    /// paper in lists and on its page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub preview: Option<Spanned<String>>,
    /// What the preview shows, for readers who cannot see it.
    #[serde(default)]
    pub preview_alt: Option<String>,
    /// Written by `folio import`: where the paper came from.
    #[serde(default)]
    pub imported: Option<ImportRecord>,
}

/// Provenance of an imported paper, so that a re-import updates only the fields
/// it wrote itself and keeps every hand edit.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ImportRecord {
    /// The format imported from: `bibtex`, `openalex`, `semantic-scholar`, `orcid`, `csl-json`.
    pub from: String,
    /// The entry's key or id in the source.
    #[serde(default)]
    pub id: Option<String>,
    /// For each imported field, a hash of the value as imported: a field whose
    /// current value no longer matches was edited by hand.
    #[serde(default)]
    pub hashes: std::collections::BTreeMap<String, String>,
    /// How many bibliographic fields the record that supplied kind, venue, date
    /// and title had: ranks the file against later imports of the same paper
    /// (the file itself has gathered the fields of every record merged into it).
    #[serde(default)]
    pub fields: Option<usize>,
}

/// What kind of publication a paper is; decides the BibTeX entry type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum PaperKind {
    Article,
    Conference,
    Preprint,
    Book,
    Chapter,
    Thesis,
    Report,
    Misc,
}

/// Links of a paper. `arxiv` and `doi` may be bare identifiers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PaperLinks {
    #[schemars(with = "Option<String>")]
    pub pdf: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub code: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub arxiv: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub doi: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub project: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub slides: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub video: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub poster: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub data: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub html: Option<Spanned<String>>,
}

/// An author of a paper: a plain name or author id, or a map with details.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuthorEntry {
    /// The name as printed, or an author id.
    pub name: String,
    /// The name in parts (`{family, given, particle, suffix}` or `{literal}`).
    pub parts: Option<crate::model::names::NameParts>,
    /// An explicit author id (`authors/<id>.yaml`).
    pub id: Option<String>,
    pub equal: bool,
    pub corresponding: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorEntryMap {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default, deserialize_with = "strict_bool")]
    equal: bool,
    #[serde(default, deserialize_with = "strict_bool")]
    corresponding: bool,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    given: Option<String>,
    #[serde(default)]
    particle: Option<String>,
    /// A particle dropped in inverted form (`Mises, L. von`).
    #[serde(default)]
    dropping_particle: Option<String>,
    #[serde(default)]
    suffix: Option<String>,
    /// A corporate author, never split or abbreviated.
    #[serde(default)]
    literal: Option<String>,
}

impl AuthorEntryMap {
    /// The name parts, when the map gives any.
    fn parts<E: de::Error>(&self) -> Result<Option<crate::model::names::NameParts>, E> {
        use crate::model::names::NameParts;
        let text = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_string();
        let detailed = self.given.is_some()
            || self.particle.is_some()
            || self.dropping_particle.is_some()
            || self.suffix.is_some();
        match (&self.literal, &self.family) {
            (Some(_), Some(_)) => Err(E::custom(
                "`literal` (a corporate author) and `family` exclude each other",
            )),
            (Some(_), None) if detailed => Err(E::custom(
                "a `literal` (corporate) author has no given name, particle or suffix",
            )),
            (Some(l), None) if l.trim().is_empty() => Err(E::custom("`literal` is empty")),
            (Some(l), None) => Ok(Some(NameParts::literal(l))),
            (None, Some(f)) if f.trim().is_empty() => Err(E::custom("`family` is empty")),
            (None, Some(_)) => Ok(Some(NameParts {
                family: text(&self.family),
                given: text(&self.given),
                particle: text(&self.particle),
                dropping_particle: text(&self.dropping_particle),
                suffix: text(&self.suffix),
                literal: false,
            })),
            (None, None) if detailed => Err(de::Error::missing_field("family")),
            (None, None) => Ok(None),
        }
    }
}

impl<'de> Deserialize<'de> for AuthorEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AuthorEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an author name, an author id, or a map with `name` or `id`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AuthorEntry, E> {
                Ok(AuthorEntry {
                    name: v.trim().to_string(),
                    ..AuthorEntry::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AuthorEntry, A::Error> {
                let m = AuthorEntryMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let parts = m.parts()?;
                let name = match (&m.name, &m.id, &parts) {
                    (Some(n), _, _) => n.trim().to_string(),
                    (None, _, Some(p)) => p.display(),
                    (None, Some(id), None) => id.clone(),
                    (None, None, None) => return Err(de::Error::missing_field("name")),
                };
                Ok(AuthorEntry {
                    name,
                    parts,
                    id: m.id,
                    equal: m.equal,
                    corresponding: m.corresponding,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalarText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a short text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScalarText, E> {
                Ok(ScalarText(v.trim().to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `news/*.yaml`: one news item (Markdown files with front matter work too).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct NewsFile {
    #[schemars(with = "ScalarText")]
    pub date: Spanned<DateText>,
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
}

/// Front matter of `pages/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub slug: Option<Spanned<String>>,
}
