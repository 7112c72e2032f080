//! `projects/<slug>.yaml` (or `.md` with front matter) as written.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::*;

/// `projects/<slug>.yaml`: one research project. In a Markdown file the same
/// fields are the front matter, and the body follows it instead of `body:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ProjectFile {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences for the card (inline Markdown with maths).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub status: Option<ProjectStatus>,
    /// When the project started and ended (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub start: Option<Spanned<DateText>>,
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end: Option<Spanned<DateText>>,
    /// A picture in `static/`, by its site path (`/images/project.png`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// What the picture shows, for readers who cannot see it.
    #[serde(default)]
    pub image_alt: Option<String>,
    /// Who works on it: author ids (their pages list the project).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub people: Vec<Spanned<String>>,
    /// Slugs of the site's papers from the project (their pages link back).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub papers: Vec<Spanned<String>>,
    /// Slugs of the site's talks about the project (their pages link back).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub talks: Vec<Spanned<String>>,
    #[serde(default)]
    pub links: ProjectLinks,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Markdown with maths (in a `.md` file, the text after the front matter).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub body: Option<Spanned<String>>,
}

/// Whether the project is still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum ProjectStatus {
    Active,
    Completed,
}

impl ProjectStatus {
    /// The string-table key of the status as shown on the card.
    pub fn label(self) -> &'static str {
        match self {
            ProjectStatus::Active => "project_status_active",
            ProjectStatus::Completed => "project_status_completed",
        }
    }
}

/// Links of a project: files in `static/` or http(s) addresses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct ProjectLinks {
    #[schemars(with = "Option<String>")]
    pub code: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub demo: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub data: Option<Spanned<String>>,
}
