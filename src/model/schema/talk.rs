//! `talks/<slug>.yaml` as written.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::*;

/// `talks/<slug>.yaml`: one talk, poster or defense.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct TalkFile {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The day (or month, or year) of the talk.
    #[schemars(with = "ScalarText")]
    pub date: Spanned<DateText>,
    /// The last day of a talk given over several days (a tutorial, a series).
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub end_date: Option<Spanned<DateText>>,
    /// The conference, workshop or seminar series.
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub event_url: Option<Spanned<String>>,
    #[serde(default)]
    pub kind: Option<TalkKind>,
    #[serde(default)]
    pub location: Option<TalkLocation>,
    #[serde(default)]
    pub links: TalkLinks,
    /// Slugs of the site's papers the talk presents.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub papers: Vec<Spanned<String>>,
    /// Who gave the talk: author ids (lab sites list it on their pages).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<Spanned<String>>,
    /// Markdown with maths.
    #[serde(default, rename = "abstract")]
    #[schemars(with = "Option<String>")]
    pub abstract_: Option<Spanned<String>>,
}

/// What kind of talk it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(schemars::JsonSchema)]
pub enum TalkKind {
    Invited,
    Contributed,
    Keynote,
    Poster,
    Tutorial,
    Panel,
    Seminar,
    Defense,
}

impl TalkKind {
    /// The string-table key of the kind as shown beside the talk.
    pub fn label(self) -> &'static str {
        match self {
            TalkKind::Invited => "talk_kind_invited",
            TalkKind::Contributed => "talk_kind_contributed",
            TalkKind::Keynote => "talk_kind_keynote",
            TalkKind::Poster => "talk_kind_poster",
            TalkKind::Tutorial => "talk_kind_tutorial",
            TalkKind::Panel => "talk_kind_panel",
            TalkKind::Seminar => "talk_kind_seminar",
            TalkKind::Defense => "talk_kind_defense",
        }
    }
}

/// Where a talk was given.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct TalkLocation {
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub latitude: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub longitude: Option<Spanned<f64>>,
}

/// Links of a talk: files in `static/` or http(s) addresses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct TalkLinks {
    #[schemars(with = "Option<String>")]
    pub slides: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub video: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub recording: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub event: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub poster: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub code: Option<Spanned<String>>,
}
