//! `data/metrics.yaml`, the file `folio update` writes: read strictly when it
//! exists (a missing file is no error), with the position of every paper slug
//! and author id so that one the site does not have can be pointed at.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Diagnostic;
use crate::model::metrics_data::MetricsData;

/// Where folio looks for fetched metrics, relative to the site folder.
pub const METRICS_FILE: &str = "data/metrics.yaml";

/// The parsed file, with the line and column of each key under `papers:` and
/// `authors:`.
#[derive(Debug, Clone)]
pub struct MetricsInput {
    pub path: std::path::PathBuf,
    pub data: MetricsData,
    /// `(section, key)` to `(line, column)`, both from 1.
    pub keys: BTreeMap<(String, String), (u64, u64)>,
}

impl MetricsInput {
    /// The position of `key` under `section` (`papers` or `authors`), or the
    /// file's start when it cannot be found.
    pub fn position(&self, section: &str, key: &str) -> (u64, u64) {
        self.keys
            .get(&(section.to_string(), key.to_string()))
            .copied()
            .unwrap_or((1, 1))
    }
}

/// Reads `data/metrics.yaml` under `root` if it is there.
pub fn read_metrics(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<MetricsInput> {
    let rel = Path::new(METRICS_FILE);
    let full = root.join(rel);
    let meta = std::fs::symlink_metadata(&full).ok()?;
    if meta.is_symlink() {
        let site = root.canonicalize().ok()?;
        if let Some(d) = super::leaves_site(root, &site, &full) {
            diags.push(d);
            return None;
        }
    }
    let parsed = super::read_text(root, rel).and_then(|text| {
        let data = super::parse_yaml::<MetricsData>(rel, &text)?;
        Ok(MetricsInput {
            path: rel.to_path_buf(),
            data,
            keys: key_positions(&text),
        })
    });
    parsed.map_err(|d| diags.push(d)).ok()
}

/// The keys one level below each top-level key, with their positions. The file
/// is machine-written in block style, which is all this needs to read; a key it
/// misses is pointed at by its file alone.
fn key_positions(text: &str) -> BTreeMap<(String, String), (u64, u64)> {
    let mut out = BTreeMap::new();
    let mut section: Option<&str> = None;
    let mut indent: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let depth = line.len() - body.len();
        let Some((key, _)) = body.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        if depth == 0 {
            section = Some(key);
            indent = None;
            continue;
        }
        let Some(section) = section else { continue };
        if *indent.get_or_insert(depth) == depth {
            let column = line[..depth].chars().count() as u64 + 1;
            out.insert(
                (section.to_string(), key.to_string()),
                (n as u64 + 1, column),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_under_each_section_are_located() {
        let text = "# header\nformat: 1\npapers:\n  a-paper:\n    citations: 3\n    ids:\n      doi: x\n  \"b\":\n    citations: 4\nauthors:\n  ada:\n    source: openalex\n";
        let keys = key_positions(text);
        assert_eq!(keys[&("papers".into(), "a-paper".into())], (4, 3));
        assert_eq!(keys[&("papers".into(), "b".into())], (8, 3));
        assert_eq!(keys[&("authors".into(), "ada".into())], (11, 3));
        assert!(!keys.contains_key(&("papers".into(), "citations".into())));
        assert!(!keys.contains_key(&("papers".into(), "doi".into())));
    }
}
