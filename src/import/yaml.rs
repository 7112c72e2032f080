//! Writes paper files the way a person would: keys in the order of
//! docs/schema.md, `|` blocks for long text, flow lists and maps for short ones,
//! and quotes only where YAML needs them to keep a value a string.

use std::collections::BTreeMap;

use super::paper::{Citations, ImportedPaper, LINK_KINDS, Value};
use crate::model::schema::{AuthorEntry, ImportRecord};

/// The top-level keys of a paper file, in the order of docs/schema.md.
pub const KEY_ORDER: [&str; 33] = [
    "title",
    "date",
    "authors",
    "authors_truncated",
    "affiliations",
    "topics",
    "venue",
    "kind",
    "volume",
    "issue",
    "pages",
    "publisher",
    "editors",
    "edition",
    "institution",
    "number",
    "isbn",
    "issn",
    "address",
    "thesis_type",
    "reference_note",
    "abstract",
    "links",
    "identifiers",
    "has_code",
    "citations",
    "selected",
    "award",
    "preview",
    "note",
    "slug",
    "bibtex",
    "imported",
];

/// The position of a key in [`KEY_ORDER`]; unknown keys sort last.
pub fn key_rank(key: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(KEY_ORDER.len())
}

/// A whole new paper file.
pub fn paper_file(p: &ImportedPaper, record: &ImportRecord) -> String {
    let fields = p.fields();
    let mut out = String::new();
    for key in KEY_ORDER.iter().take_while(|k| **k != "links") {
        if let Some(v) = fields.get(*key) {
            out.push_str(&field(key, v));
        }
    }
    out.push_str(&links(&p.links));
    let ids: BTreeMap<String, Value> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("identifiers.")?.to_string(), v.clone())))
        .collect();
    out.push_str(&identifiers(&ids));
    for key in ["citations", "selected", "award", "preview"] {
        if let Some(v) = fields.get(key) {
            out.push_str(&field(key, v));
        }
    }
    if let Some(v) = fields.get("bibtex") {
        out.push_str(&field("bibtex", v));
    }
    out.push_str(&imported(record));
    out
}

/// The YAML of one top-level field (for `authors`, also `authors_truncated`).
pub fn field(key: &str, value: &Value) -> String {
    match value {
        Value::Text(t) if key == "abstract" || key == "bibtex" => block(key, t),
        Value::Text(t) if key == "date" || key == "kind" || key == "selected" => {
            format!("{key}: {t}\n")
        }
        Value::Text(t) => format!("{key}: {}\n", scalar(t, false)),
        Value::Authors(list, truncated) => authors(list, *truncated),
        Value::Citations(c) => citations(c),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
            format!("{key}: [{}]\n", items.join(", "))
        }
    }
}

fn authors(list: &[AuthorEntry], truncated: bool) -> String {
    let mut out = author_list(list);
    if truncated {
        out.push_str(TRUNCATED);
    }
    out
}

/// The line that marks an author list as truncated.
pub const TRUNCATED: &str = "authors_truncated: true\n";

/// `authors:` with one author per line.
pub fn author_list(list: &[AuthorEntry]) -> String {
    let mut out = String::from("authors:\n");
    for a in list {
        out.push_str(&format!("  - {}\n", author(a)));
    }
    out
}

/// An author entry: a plain name, or a flow map when it carries details.
fn author(a: &AuthorEntry) -> String {
    if a.id.is_none() && !a.equal && !a.corresponding && a.parts.is_none() {
        return scalar(&a.name, false);
    }
    let mut parts = Vec::new();
    if let Some(p) = &a.parts {
        if p.literal {
            parts.push(format!("literal: {}", scalar(&p.family, true)));
        } else {
            for (key, value) in [
                ("family", &p.family),
                ("given", &p.given),
                ("particle", &p.particle),
                ("dropping_particle", &p.dropping_particle),
                ("suffix", &p.suffix),
            ] {
                if !value.is_empty() {
                    parts.push(format!("{key}: {}", scalar(value, true)));
                }
            }
        }
        if let Some(id) = &a.id {
            parts.push(format!("id: {}", scalar(id, true)));
        }
    }
    match &a.id {
        _ if a.parts.is_some() => {}
        Some(id) if *id == a.name => parts.push(format!("id: {}", scalar(id, true))),
        Some(id) => {
            parts.push(format!("name: {}", scalar(&a.name, true)));
            parts.push(format!("id: {}", scalar(id, true)));
        }
        None => parts.push(format!("name: {}", scalar(&a.name, true))),
    }
    if a.equal {
        parts.push("equal: true".into());
    }
    if a.corresponding {
        parts.push("corresponding: true".into());
    }
    format!("{{ {} }}", parts.join(", "))
}

fn citations(c: &Citations) -> String {
    let mut parts = vec![
        format!("value: {}", c.value),
        format!("source: {}", scalar(&c.source, true)),
    ];
    if let Some(d) = &c.as_of {
        parts.push(format!("as_of: {}", scalar(d, true)));
    }
    if let Some(u) = &c.url {
        parts.push(format!("url: {}", scalar(u, true)));
    }
    format!("citations: {{ {} }}\n", parts.join(", "))
}

/// `links:` with one line per link, in the order of docs/schema.md.
pub fn links(links: &BTreeMap<&'static str, String>) -> String {
    if links.is_empty() {
        return String::new();
    }
    let mut out = String::from("links:\n");
    for kind in LINK_KINDS {
        if let Some(url) = links.get(kind) {
            out.push_str(&format!("  {kind}: {}\n", scalar(url, false)));
        }
    }
    out
}

/// A paper file's identifiers by name, as field values.
pub fn file_identifiers(ids: &crate::model::schema::PaperIdentifiers) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if !ids.dois.is_empty() {
        out.insert("dois".to_string(), Value::List(ids.dois.clone()));
    }
    for (name, id) in ids.named() {
        out.insert(name.to_string(), Value::Text(id.to_string()));
    }
    out
}

/// `identifiers:` with one line per identifier: other DOIs first, then the
/// database ids in the order of docs/schema.md.
pub fn identifiers(ids: &BTreeMap<String, Value>) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let mut out = String::from("identifiers:\n");
    let names = std::iter::once("dois").chain(crate::model::schema::PaperIdentifiers::NAMES);
    for name in names {
        match ids.get(name) {
            Some(Value::List(items)) => {
                let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
                out.push_str(&format!("  {name}: [{}]\n", items.join(", ")));
            }
            Some(Value::Text(t)) => out.push_str(&format!("  {name}: {}\n", scalar(t, false))),
            _ => {}
        }
    }
    out
}

/// `imported:` with the hashes one per line.
pub fn imported(r: &ImportRecord) -> String {
    let mut out = format!("imported:\n  from: {}\n", scalar(&r.from, false));
    if let Some(id) = &r.id {
        out.push_str(&format!("  id: {}\n", scalar(id, false)));
    }
    if let Some(n) = r.fields {
        out.push_str(&format!("  fields: {n}\n"));
    }
    if !r.hashes.is_empty() {
        out.push_str("  hashes:\n");
        for (k, h) in &r.hashes {
            out.push_str(&format!("    {}: {}\n", scalar(k, false), scalar(h, false)));
        }
    }
    out
}

/// A literal block (`key: |`), or a quoted string when the text cannot be one.
fn block(key: &str, text: &str) -> String {
    let text = super::paper::normalize_block(text);
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return format!("{key}: {}\n", scalar(&text, false));
    }
    let mut out = format!("{key}: |\n");
    for line in text.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A scalar, plain when YAML reads it back as the same string, else quoted.
/// In flow context (`[a, b]`, `{ k: v }`) commas and brackets need quotes too.
pub fn scalar(s: &str, flow: bool) -> String {
    if !needs_quotes(s, flow) {
        return s.to_string();
    }
    let has_control = s.chars().any(char::is_control);
    if !has_control && (s.contains('\\') || s.contains('"')) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_quotes(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    s.trim() != s
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(char::is_control)
        || (flow && s.contains([',', '[', ']', '{', '}']))
        || is_reserved(s)
        || looks_numeric(s)
}

/// Words YAML reads as null or booleans (in 1.1 or 1.2).
fn is_reserved(s: &str) -> bool {
    [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]
    .contains(&s.to_ascii_lowercase().as_str())
}

/// Text that a YAML reader may take for a number (`2408.08152`, `1e5`, `0x1f`).
fn looks_numeric(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = t.to_ascii_lowercase();
    if [".inf", ".nan"].contains(&lower.as_str()) {
        return true;
    }
    let digits_only =
        |r: &str, radix: u32| !r.is_empty() && r.chars().all(|c| c.is_digit(radix) || c == '_');
    if let Some(r) = lower.strip_prefix("0x") {
        return digits_only(r, 16);
    }
    if let Some(r) = lower
        .strip_prefix("0o")
        .or_else(|| lower.strip_prefix("0b"))
    {
        return digits_only(r, 10);
    }
    t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && (t.replace('_', "").parse::<f64>().is_ok()
            || t.chars().all(|c| c.is_ascii_digit() || c == ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_possible_quoted_when_needed() {
        assert_eq!(scalar("Deep Learning", false), "Deep Learning");
        assert_eq!(
            scalar("DeepSeek-V2: A Strong MoE", false),
            "\"DeepSeek-V2: A Strong MoE\""
        );
        assert_eq!(
            scalar("Bounds of $\\alpha$: a study", false),
            "'Bounds of $\\alpha$: a study'"
        );
        assert_eq!(scalar("It's \"quoted\"", false), "It's \"quoted\"");
        assert_eq!(scalar("\"Quoted\" isn't", false), "'\"Quoted\" isn''t'");
        assert_eq!(scalar("2408.08152", false), "\"2408.08152\"");
        assert_eq!(scalar("10.1/x", false), "10.1/x");
        assert_eq!(scalar("1e5", false), "\"1e5\"");
        assert_eq!(scalar("no", false), "\"no\"");
        assert_eq!(scalar("- item", false), "\"- item\"");
        assert_eq!(scalar("a, b", false), "a, b");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("C# and F#", false), "C# and F#");
        assert_eq!(scalar("tab\there", false), "\"tab\\there\"");
        assert_eq!(scalar("Łukasz Kaiser", false), "Łukasz Kaiser");
    }

    #[test]
    fn long_text_is_a_literal_block() {
        assert_eq!(
            field("abstract", &Value::Text("One $x$.\n\nTwo: three.".into())),
            "abstract: |\n  One $x$.\n\n  Two: three.\n"
        );
        assert_eq!(
            field("bibtex", &Value::Text("  @misc{k}".into())),
            "bibtex: |\n  @misc{k}\n"
        );
    }

    #[test]
    fn authors_and_citations() {
        let list = vec![
            AuthorEntry {
                name: "Huajian Xin".into(),
                ..AuthorEntry::default()
            },
            AuthorEntry {
                name: "Z. Z. Ren".into(),
                equal: true,
                ..AuthorEntry::default()
            },
        ];
        assert_eq!(
            field("authors", &Value::Authors(list, true)),
            "authors:\n  - Huajian Xin\n  - { name: Z. Z. Ren, equal: true }\nauthors_truncated: true\n"
        );
        let c = Citations {
            value: 12,
            source: "Semantic Scholar".into(),
            as_of: Some("2026-11-01".into()),
            url: None,
        };
        assert_eq!(
            field("citations", &Value::Citations(c)),
            "citations: { value: 12, source: Semantic Scholar, as_of: 2026-11-01 }\n"
        );
    }
}
