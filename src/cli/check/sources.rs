//! Where a value was written: the text of the site's files, read when a
//! position inside one is needed for a diagnostic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::load::{self};

pub(super) fn position<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

pub(super) struct Sources {
    pub(super) root: PathBuf,
    pub(super) texts: HashMap<PathBuf, Option<String>>,
}

impl Sources {
    pub(super) fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            texts: HashMap::new(),
        }
    }

    pub(super) fn text(&mut self, rel: &Path) -> Option<&str> {
        let root = &self.root;
        self.texts
            .entry(rel.to_path_buf())
            .or_insert_with(|| load::read_text(root, rel).ok())
            .as_deref()
    }

    /// Line and column of `key: value` at or after `from_line`, pointing at the
    /// value: the first line with both, else the first with the key; `(0, 0)`
    /// when the key is not found.
    pub(super) fn find_value(
        &mut self,
        rel: &Path,
        from_line: u64,
        key: &str,
        value: &str,
    ) -> (u64, u64) {
        let Some(text) = self.text(rel) else {
            return (0, 0);
        };
        let skip = from_line.saturating_sub(1) as usize;
        let with_key = || {
            text.lines()
                .enumerate()
                .skip(skip)
                .filter_map(|(i, line)| find_key(line, key).map(|k| (i, line, k)))
        };
        let with_value =
            || with_key().find_map(|(i, line, k)| line[k..].find(value).map(|v| (i, line, k + v)));
        let found = (!value.is_empty()).then(with_value).flatten().or_else(|| {
            with_key()
                .next()
                .map(|(i, line, k)| (i, line, line.len() - line[k..].trim_start().len()))
        });
        found.map_or((0, 0), |(i, line, at)| {
            (i as u64 + 1, line[..at].chars().count() as u64 + 1)
        })
    }

    /// Where the Markdown body of a file with front matter starts.
    pub(super) fn body_start(&mut self, rel: &Path, body: &str) -> Origin {
        match self.text(rel) {
            Some(text) if text.ends_with(body) => {
                let before = &text[..text.len() - body.len()];
                Origin::Body(before.matches('\n').count() as u64 + 1)
            }
            _ => Origin::Body(0),
        }
    }

    /// The file position of the Markdown source `text[range]`, in a text found at
    /// `origin`. A body maps line for line; a YAML value (a block, plain or
    /// quoted scalar) is searched for the link's source from the value's line on,
    /// falling back to the value's own position.
    pub(super) fn in_text(
        &mut self,
        rel: &Path,
        origin: Origin,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> (u64, u64) {
        match origin {
            Origin::Body(0) | Origin::Yaml(0, _) => (0, 0),
            Origin::Body(line) => {
                let before = &text[..range.start];
                let line_in_text = before.matches('\n').count() as u64;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
                (line + line_in_text, column + 1)
            }
            Origin::Yaml(line, column) => {
                let snippet = text[range.clone()].lines().next().unwrap_or("");
                let nth = text[..range.start].matches(snippet).count();
                self.text(rel)
                    .and_then(|src| find_nth(src, line, snippet, nth))
                    .unwrap_or((line, column))
            }
        }
    }
}

/// Line and column of the `nth` (from 0) occurrence of `snippet` at or after
/// line `from`.
pub(super) fn find_nth(text: &str, from: u64, snippet: &str, nth: usize) -> Option<(u64, u64)> {
    if snippet.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .flat_map(|(i, line)| {
            line.match_indices(snippet)
                .map(move |(at, _)| (i, line, at))
        })
        .nth(nth)
        .map(|(i, line, at)| (i as u64 + 1, line[..at].chars().count() as u64 + 1))
}

/// Where a Markdown text starts in its file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin {
    /// The body of a file with front matter, from this line on.
    Body(u64),
    /// A YAML value at this line and column.
    Yaml(u64, u64),
}

/// The byte index just after `key:` when the line holds that key.
pub(super) fn find_key(line: &str, key: &str) -> Option<usize> {
    let mut search = 0;
    while let Some(i) = line[search..].find(key).map(|i| i + search) {
        let before = line[..i].chars().next_back();
        let boundary = before.is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-' | '\t'));
        let after = line[i + key.len()..].trim_start_matches(' ');
        if boundary && after.starts_with(':') {
            let colon = line.len() - after.len() + 1;
            return Some(colon);
        }
        search = i + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_at_word_boundaries() {
        assert_eq!(find_key("  as_of: 2026", "as_of"), Some(8));
        assert_eq!(find_key("{ value: 3, as_of: x }", "as_of"), Some(18));
        assert_eq!(find_key("has_of: x", "as_of"), None);
        assert_eq!(find_key("- link: /x", "link"), Some(7));
    }
}
