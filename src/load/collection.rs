//! The items of the generic collections `site.yaml` declares: each collection
//! is a folder of YAML files, or Markdown files with front matter, read into
//! ordered maps that keep where each key and value was written (their fields
//! are checked against the declaration by `resolve::collection`).

use std::path::{Path, PathBuf};

use super::files::content_files_of;
use super::{Cache, Loaded, RawSite, collect, split_front_matter};
use crate::error::{Diagnostic, Result};
use crate::load::{has_extension, parse_yaml, read_text};
use crate::model::collection::{ItemFile, check_name};

/// The file types a collection's folder holds.
pub const ITEM_EXTENSIONS: [&str; 4] = ["yaml", "yml", "md", "markdown"];

/// The folders of the collections `site.yaml` declares (valid names only), for
/// the watcher, which must watch them before a build has read the site; none
/// when `site.yaml` cannot be read (the build reports why).
pub fn declared_folders(root: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Declared {
        #[serde(default)]
        collections: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
    }
    let rel = Path::new("site.yaml");
    let Ok(text) = read_text(root, rel) else {
        return Vec::new();
    };
    parse_yaml::<Declared>(rel, &text).map_or_else(
        |_| Vec::new(),
        |d| {
            (d.collections.into_keys())
                .filter(|n| check_name(n).is_ok())
                .collect()
        },
    )
}

/// An item as read: its fields, its Markdown body (empty for YAML), and the
/// line of the file where the body starts.
pub type RawItem = Loaded<(ItemFile, String, u64)>;

/// Reads the folder of every declared collection whose name is valid (a bad
/// name is reported by `resolve`, and no folder is read for it).
pub(super) fn read_collections(
    root: &Path,
    cache: &Cache,
    raw: &mut RawSite,
    diags: &mut Vec<Diagnostic>,
) -> Result<()> {
    let names: Vec<String> = raw
        .site
        .as_ref()
        .map(|s| s.value.collections.keys().cloned().collect())
        .unwrap_or_default();
    for name in names.into_iter().filter(|n| check_name(n).is_ok()) {
        let mut items = Vec::new();
        for rel in content_files_of(root, &name, &ITEM_EXTENSIONS, diags)? {
            let (item, d) = cache.get_or(root, &rel, || collect(|d| read_item(root, &rel, d)));
            diags.extend(d);
            // Not a context stamp, as for talks (`render::affected`).
            items.extend(item);
        }
        raw.collections.push((name, items));
    }
    Ok(())
}

/// One item: a YAML file, or Markdown with its fields in front matter.
fn read_item(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<RawItem> {
    let text = read_text(root, rel).map_err(|d| diags.push(d)).ok()?;
    let is_yaml = has_extension(rel, &["yaml", "yml"]);
    let (front, body, body_line) = if is_yaml {
        (text.as_str(), "", 0)
    } else {
        let Some((front, body)) = split_front_matter(&text) else {
            diags.push(
                Diagnostic::error(rel, 1, 1, "missing front matter")
                    .with_hint("start with ---, a `title:` line, and ---"),
            );
            return None;
        };
        (front, body, front.lines().count() as u64 + 3)
    };
    match parse_yaml::<ItemFile>(rel, front) {
        Ok(fields) => Some(Loaded {
            path: PathBuf::from(rel),
            value: (fields, body.to_string(), body_line),
        }),
        Err(mut d) => {
            // Front matter starts on line 2 of the file.
            if !is_yaml && d.line > 0 {
                d.line += 1;
            }
            diags.push(d);
            None
        }
    }
}
