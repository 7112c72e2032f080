//! What the JSON export formats share: finding the list of works and where each
//! one starts (for diagnostics), reading nested values, cleaning markup out of
//! titles and abstracts.

use std::path::Path;

use serde_json::Value;

use super::paper::ImportedPaper;
use super::position::LineIndex;
use crate::error::Diagnostic;

/// Maps one work of an export to a paper; warnings go to the second argument.
pub type MapWork = fn(&Value, &mut Vec<String>) -> Result<ImportedPaper, String>;

/// Parses a JSON export: the works are the top-level list, or the list under
/// `key` (a path of keys separated by `/`, such as ORCID's full record
/// `activities-summary/works/group`; the first of several `|`-separated paths
/// that holds a list). Each work is mapped on its own; a work that cannot be
/// mapped is reported at its position and skipped.
pub fn parse_works(
    text: &str,
    path: &Path,
    key: &str,
    what: &str,
    map: MapWork,
) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let d = Diagnostic::error(path, e.line() as u64, e.column() as u64, json_message(&e))
                .with_hint("the file is not valid JSON; nothing was imported");
            return (Vec::new(), vec![d]);
        }
    };
    let found = key.split('|').find_map(|k| {
        let keys: Vec<&str> = k.split('/').collect();
        let list = at(&root, &keys)?.as_array()?;
        Some((list.clone(), item_offsets(text, &keys)))
    });
    let (works, offsets) = match &root {
        Value::Array(list) => (list.clone(), item_offsets(text, &[])),
        Value::Object(_) => match found {
            Some(found) => found,
            None => (vec![root.clone()], vec![skip_ws(text.as_bytes(), 0)]),
        },
        _ => {
            let d = Diagnostic::error(path, 1, 1, format!("expected {what}")).with_hint(format!(
                "a list of works, or an object with `{}: [...]`",
                key.split('|').next().unwrap_or(key)
            ));
            return (Vec::new(), vec![d]);
        }
    };
    let mut papers = Vec::new();
    let mut diags = Vec::new();
    for (i, work) in works.iter().enumerate() {
        let (line, column) = offsets.get(i).map_or((0, 0), |&o| lines.position(text, o));
        let mut warnings = Vec::new();
        let mapped = if work.is_object() {
            map(work, &mut warnings).and_then(check)
        } else {
            Err(format!("item {} is not an object", i + 1))
        };
        for w in warnings {
            diags.push(Diagnostic::warning(path, line, column, w));
        }
        match mapped {
            Ok(mut p) => {
                (p.line, p.column) = (line, column);
                papers.push(p);
            }
            Err(message) => diags.push(Diagnostic::error(path, line, column, message)),
        }
    }
    (papers, diags)
}

/// The checks every source shares: a paper needs a title and a date.
fn check(p: ImportedPaper) -> Result<ImportedPaper, String> {
    let name =
        p.id.as_deref()
            .map_or(String::new(), |id| format!(" `{id}`"));
    if p.title.is_empty() {
        return Err(format!("work{name} has no title; skipped"));
    }
    if p.date.is_empty() {
        return Err(format!("work{name} has no publication date; skipped"));
    }
    Ok(p)
}

/// serde_json's message without its own "at line N column M" suffix.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// The string at a path of object keys.
pub fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(v, path)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The value at a path of object keys, if it is not null.
pub fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut v = v;
    for key in path {
        v = v.get(key)?;
    }
    (!v.is_null()).then_some(v)
}

/// A whole number given as a number or a string.
pub fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Text with HTML or JATS markup removed (`<i>`, `<jats:p>`) and entities decoded.
/// Paragraph ends become blank lines when `paragraphs` is set; otherwise all
/// whitespace collapses to single spaces.
pub fn clean_text(s: &str, paragraphs: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match tag_len(after) {
            Some(len) => {
                let tag = after[..len].to_ascii_lowercase();
                let name = tag
                    .trim_start_matches(['<', '/'])
                    .trim_start_matches("jats:");
                let block = ["p", "br", "div", "sec", "title", "li"].iter().any(|b| {
                    name.starts_with(b) && !name[b.len()..].starts_with(char::is_alphabetic)
                });
                if (tag.starts_with("</") && block) || name.starts_with("br") {
                    out.push_str("\n\n");
                } else if block {
                    out.push(' ');
                }
                rest = &after[len..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    let out = decode_entities(&out);
    // JATS abstracts often open with a heading that says "Abstract".
    let out = out
        .trim_start()
        .strip_prefix("Abstract")
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .unwrap_or(&out)
        .to_string();
    if !paragraphs {
        // A one-line text (a title, a venue) holds inline maths only: OpenAlex's
        // `$$A_{\infty }$$` would be a display formula inside a title.
        let line = out.split_whitespace().collect::<Vec<_>>().join(" ");
        return line.replace("$$", "$");
    }
    out.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The length of a markup tag at the start of `s`, if it is one.
fn tag_len(s: &str) -> Option<usize> {
    let end = s.find('>')?;
    let inner = s[1..end].trim_start_matches('/');
    let name_ok = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !s[1..end].contains('<');
    name_ok.then_some(end + 1)
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the JSON string starting at `i` (on its opening quote).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The end of the JSON value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b']' | b'}') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            j
        }
    }
}

/// Byte offsets of the items of the top-level list, or of the list under `key`
/// in the top-level object. The JSON is known to be valid.
fn item_offsets(text: &str, keys: &[&str]) -> Vec<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    for key in keys {
        if b.get(i) != Some(&b'{') {
            return Vec::new();
        }
        i += 1;
        loop {
            i = skip_ws(b, i);
            if b.get(i) != Some(&b'"') {
                return Vec::new();
            }
            let end = skip_string(b, i);
            let name = &text[i + 1..end - 1];
            i = skip_ws(b, end);
            i = skip_ws(b, i + 1);
            if name == *key {
                break;
            }
            i = skip_ws(b, skip_value(b, i));
            if b.get(i) != Some(&b',') {
                return Vec::new();
            }
            i += 1;
        }
    }
    if b.get(i) != Some(&b'[') {
        return Vec::new();
    }
    let mut offsets = Vec::new();
    i = skip_ws(b, i + 1);
    while i < b.len() && b[i] != b']' {
        offsets.push(i);
        i = skip_ws(b, skip_value(b, i));
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_maths_in_a_title_becomes_inline() {
        assert_eq!(
            clean_text("Koszul duality for $$A_{\\infty }$$-algebras", false),
            "Koszul duality for $A_{\\infty }$-algebras"
        );
    }

    #[test]
    fn items_are_located_in_lists_and_under_a_key() {
        let text = "[\n {\"a\": \"]\"},\n  {\"b\": [1, {\"c\": 2}]}\n]";
        let offsets = item_offsets(text, &[]);
        assert_eq!(offsets, [3, 17]);
        let text = "{\"meta\": {\"x\": [1]}, \"results\": [\n  {},\n  {}]}";
        let idx = LineIndex::new(text);
        let pos: Vec<_> = item_offsets(text, &["results"])
            .iter()
            .map(|&o| idx.position(text, o))
            .collect();
        assert_eq!(pos, [(2, 3), (3, 3)]);
    }

    #[test]
    fn markup_is_removed_from_text() {
        assert_eq!(
            clean_text("The <i>E. coli</i> genome &amp; more", false),
            "The E. coli genome & more"
        );
        assert_eq!(
            clean_text("<jats:p>One.</jats:p>\n<jats:p>Two  parts.</jats:p>", true),
            "One.\n\nTwo parts."
        );
        assert_eq!(clean_text("a < b and c > d", false), "a < b and c > d");
        assert_eq!(clean_text("H<sub>2</sub>O", false), "H2O");
        assert_eq!(
            clean_text(
                "<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>",
                true
            ),
            "Text."
        );
    }

    #[test]
    fn broken_json_is_one_located_error() {
        fn map(_: &Value, _: &mut Vec<String>) -> Result<ImportedPaper, String> {
            Err("unused".into())
        }
        let (papers, diags) = parse_works(
            "[{\"a\": 1,}]",
            Path::new("w.json"),
            "results",
            "works",
            map,
        );
        assert!(papers.is_empty());
        assert_eq!(
            diags[0].to_string(),
            "w.json:1:10: error: trailing comma\n  hint: the file is not valid JSON; nothing was imported"
        );
    }
}
