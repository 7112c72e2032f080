//! A paper's `identifiers:` as written: the ids that `folio import` keeps so
//! that nothing it read is lost and a later import finds the paper again.

use serde::Deserialize;

/// A paper's other identifiers: DOIs of other versions (the preprint's, when
/// `links.doi` is the journal's) and ids in citation databases.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct PaperIdentifiers {
    /// DOIs of other versions of the paper.
    #[serde(default)]
    pub dois: Vec<String>,
    pub openalex: Option<String>,
    pub semantic_scholar: Option<String>,
    pub pmid: Option<String>,
    pub pmcid: Option<String>,
    pub altmetric: Option<String>,
    pub dimensions: Option<String>,
    pub google_scholar: Option<String>,
    pub inspirehep: Option<String>,
    pub zbmath: Option<String>,
}

impl PaperIdentifiers {
    /// The names of the single-valued identifiers, in the order they are written.
    pub const NAMES: [&'static str; 9] = [
        "openalex",
        "semantic_scholar",
        "pmid",
        "pmcid",
        "altmetric",
        "dimensions",
        "google_scholar",
        "inspirehep",
        "zbmath",
    ];

    /// The single-valued identifiers that are set, by name.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let values = [
            &self.openalex,
            &self.semantic_scholar,
            &self.pmid,
            &self.pmcid,
            &self.altmetric,
            &self.dimensions,
            &self.google_scholar,
            &self.inspirehep,
            &self.zbmath,
        ];
        Self::NAMES
            .iter()
            .zip(values)
            .filter_map(|(n, v)| v.as_deref().map(|v| (*n, v)))
            .collect()
    }
}
