//! The YAML file formats of authors, papers and pages, exactly as a user types them.
//!
//! Every struct denies unknown fields so that a typo is an error, never silently
//! dropped. Values that later checks must point at are `Spanned`, which keeps their
//! line and column.

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
    pub affiliation: Option<String>,
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
    pub start: Option<Spanned<ScalarText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<ScalarText>>,
    /// Lab sites: where an alumnus went ("Assistant Professor, EPFL").
    #[serde(default)]
    pub next_position: Option<String>,
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

    /// The heading of the role's group on the people page.
    pub fn heading(self) -> &'static str {
        match self {
            Role::Pi => "Principal Investigator",
            Role::Faculty => "Faculty",
            Role::Postdoc => "Postdoctoral Researchers",
            Role::Phd => "PhD Students",
            Role::Masters => "Master's Students",
            Role::Undergrad => "Undergraduate Students",
            Role::Engineer => "Research Engineers",
            Role::Visitor => "Visitors",
            Role::Alumni => "Alumni",
        }
    }

    /// The role of one person, as shown beside their name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Pi => "Principal Investigator",
            Role::Faculty => "Faculty",
            Role::Postdoc => "Postdoctoral Researcher",
            Role::Phd => "PhD Student",
            Role::Masters => "Master's Student",
            Role::Undergrad => "Undergraduate Student",
            Role::Engineer => "Research Engineer",
            Role::Visitor => "Visitor",
            Role::Alumni => "Alumnus",
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
    pub dblp: Option<String>,
    pub openreview: Option<String>,
    pub x: Option<String>,
    pub linkedin: Option<String>,
    pub cv: Option<String>,
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

/// A metric value with where it comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeclaredMetricMap {
    value: u64,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// A declared metric value with where it comes from (`38` or `{ value: 38, source: ... }`).
#[derive(Debug, Clone, Default)]
pub struct DeclaredMetric {
    pub value: u64,
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub url: Option<String>,
}

impl<'de> Deserialize<'de> for DeclaredMetric {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DeclaredMetric;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, or a map with `value`, `source`, `as_of`, `url`")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<DeclaredMetric, E> {
                Ok(DeclaredMetric {
                    value,
                    ..DeclaredMetric::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DeclaredMetric, A::Error> {
                let m = DeclaredMetricMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(DeclaredMetric {
                    value: m.value,
                    source: m.source,
                    as_of: m.as_of,
                    url: m.url,
                })
            }
        }
        d.deserialize_any(V)
    }
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

/// `papers/<slug>.yaml`: one paper (or a list of them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PaperFile {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "ScalarText")]
    pub date: Spanned<ScalarText>,
    #[schemars(with = "Vec<AuthorEntry>")]
    pub authors: Vec<Spanned<AuthorEntry>>,
    /// The source lists only the first authors ("et al.").
    #[serde(default)]
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
    #[serde(default, rename = "abstract")]
    #[schemars(with = "Option<String>")]
    pub abstract_: Option<Spanned<String>>,
    #[serde(default)]
    pub links: PaperLinks,
    /// Code is released but its address is not given.
    #[serde(default)]
    pub has_code: bool,
    /// A citation count: a number, or `{ value, source, as_of }`.
    #[serde(default)]
    pub citations: Option<DeclaredMetric>,
    #[serde(default)]
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
    #[serde(default)]
    equal: bool,
    #[serde(default)]
    corresponding: bool,
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
                let name = match (&m.name, &m.id) {
                    (Some(n), _) => n.trim().to_string(),
                    (None, Some(id)) => id.clone(),
                    (None, None) => return Err(de::Error::missing_field("name")),
                };
                Ok(AuthorEntry {
                    name,
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
    pub date: Spanned<ScalarText>,
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
