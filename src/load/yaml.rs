//! YAML to the raw file types, with serde-saphyr's strict options and budgets,
//! and every parser message turned into a located diagnostic in plain words.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Diagnostic;
use crate::text::closest;

fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        reject_unsupported_tags: true,
        budget: Some(yaml_budget()),
    }
}

/// Most values one file may hold, and most events an alias may replay: far more
/// than any real site file (a list of a thousand papers holds some 40,000
/// values), and small enough that a hostile file fails within a second and a
/// few tens of MiB instead of the parser's defaults (250,000 values and a
/// million replayed events: several seconds and 160 MiB for a merge-key bomb).
const MAX_YAML_NODES: usize = 100_000;
const MAX_ALIAS_EVENTS: usize = 20_000;

fn yaml_budget() -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_YAML_NODES;
    budget.max_recorded_anchor_events = MAX_ALIAS_EVENTS;
    budget
}

/// The parser's budget errors ("budget breached: Nodes { nodes: 100001 }") said
/// as what is wrong with the file.
fn budget_message(message: &str) -> Option<String> {
    if message.starts_with(super::expanded::TOO_MUCH) {
        return Some(format!(
            "aliases (`*name`) expand this file to more than {} MiB of text (a limit against alias bombs)",
            super::expanded::MAX_EXPANDED_BYTES >> 20
        ));
    }
    let breach = message.strip_prefix("budget breached: ")?;
    let kind = breach
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Some(match kind {
        "Nodes" => {
            format!("the file holds more than {MAX_YAML_NODES} values, the limit for one file")
        }
        "Depth" => "the YAML is nested too deeply".to_string(),
        "Aliases"
        | "Anchors"
        | "AliasAnchorRatio"
        | "MergeKeys"
        | "RecordedAnchorEvents"
        | "RecordedAnchorBytes" => {
            "aliases (`*name`) or merges (`<<:`) expand to too much (a limit against alias bombs)"
                .to_string()
        }
        _ => format!("the YAML is too large to read ({breach})"),
    })
}

/// Parses YAML text into `T`, mapping the parser's error to a located diagnostic.
pub fn parse_yaml<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
) -> std::result::Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(rel, 0, 0, "file is empty"));
    }
    if let Some((line, column)) = binary_tag(text) {
        return Err(
            Diagnostic::error(rel, line, column, "YAML tag `!!binary` is not supported")
                .with_hint("folio reads text: write the value itself, without the tag"),
        );
    }
    // Only a file with an anchor and an alias can hold more than it shows.
    if text.contains('&') && text.contains('*') {
        serde_saphyr::from_str_with_options::<super::expanded::Within>(text, yaml_options())
            .map_err(|e| yaml_diagnostic(rel, text, &e))?;
    }
    serde_saphyr::from_str_with_options(text, yaml_options())
        .map_err(|e| yaml_diagnostic(rel, text, &e))
}

/// Where a `!!binary` tag is written where a value starts (after `key:`, `-`,
/// `[`, `{` or `,`), outside quotes and comments. The parser knows this tag and
/// decodes its base64 into the text, so it is never an unsupported tag; folio
/// has no binary values. The same word inside prose is not a tag.
fn binary_tag(text: &str) -> Option<(u64, u64)> {
    const TAG: &str = "!!binary";
    if !text.contains(TAG) {
        return None;
    }
    // Whether a value may start after this character (`None`: the line start).
    let value_starts =
        |last: Option<char>| last.is_none_or(|c| matches!(c, ':' | '-' | '[' | '{' | ',' | '?'));
    for (n, src) in text.lines().enumerate() {
        let mut quote = None;
        let mut last = None;
        let mut prev = ' ';
        for (i, c) in src.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '#' && prev.is_whitespace() => break,
                None if (c == '"' || c == '\'') && value_starts(last) => quote = Some(c),
                None if src[i..].starts_with(TAG) && value_starts(last) => {
                    let column = src[..i].chars().count() as u64 + 1;
                    return Some((n as u64 + 1, column));
                }
                None => {}
            }
            if !c.is_whitespace() {
                last = Some(c);
            }
            prev = c;
        }
    }
    None
}

/// Turns a serde-saphyr error into `path:line:col: message` with the field named
/// and, for unknown fields, the closest known one suggested.
fn yaml_diagnostic(rel: &Path, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let full = err.without_snippet().to_string();
    let message = match full.rfind(" at line ") {
        // "... (defined at line 4, column 18) (used at line 4, column 232)"
        Some(i) if full[i..].contains(", column ") => {
            full[..i].trim_end_matches(" (used").to_string()
        }
        _ => full,
    };
    if let Some(message) = budget_message(&message) {
        return Diagnostic::error(rel, line, column, message);
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let hint = match closest(field, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known fields: {}", known.join(", ")),
        };
        return Diagnostic::error(rel, line, column, format!("unknown field `{field}`"))
            .with_hint(hint);
    }
    if let Some(d) = unknown_variant(rel, (line, column), &message) {
        return d;
    }
    if let Some(d) = parser_internals(rel, text, (line, column), &message) {
        return d;
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return Diagnostic::error(rel, line, column, format!("duplicate key `{key}`"))
            .with_hint("a key may appear once in a mapping: remove or rename one of them");
    }
    if message.starts_with("tabs disallowed") {
        return Diagnostic::error(rel, line, column, "a tab where YAML needs spaces")
            .with_hint("indent with spaces, not tabs");
    }
    let message = humanize(&message);
    // A type error may point at the key rather than the value.
    let at_key = message.starts_with("invalid type") || message.starts_with("invalid value");
    match field_at(text, line, column, at_key) {
        Some(field) if !message.contains(&format!("`{field}`")) => {
            Diagnostic::error(rel, line, column, format!("field `{field}`: {message}"))
        }
        _ => Diagnostic::error(rel, line, column, message),
    }
}

/// `kind: journal`: the value is not one of a field's words. Says which were
/// meant, by spelling (`post-doc`) or by the name people use for it (`journal`).
fn unknown_variant(rel: &Path, (line, column): (u64, u64), message: &str) -> Option<Diagnostic> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (value, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    let field = match known.first() {
        Some(&"article") => "kind",
        Some(&"pi") => "role",
        Some(&"personal") => "mode",
        Some(&"invited") => "kind",
        Some(&"instructor") => "role",
        Some(&"news") => "home",
        Some(&"active") => "status",
        Some(&"string") => "type",
        _ => "",
    };
    // Talks and papers both have a `kind`, with different words.
    let table = match known.first() {
        Some(&"invited") => "talk_kind",
        Some(&"instructor") => "course_role",
        Some(&"active") => "project_status",
        _ => field,
    };
    let synonym = crate::model::schema::variant_synonym(table, value).filter(|s| known.contains(s));
    let hint = match synonym.or_else(|| closest(value, known.iter().copied())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("use one of {}", known.join(", ")),
    };
    let what = if field.is_empty() {
        format!("`{value}` is not a known value")
    } else {
        format!("field `{field}`: `{value}` is not a known value")
    };
    Some(Diagnostic::error(rel, line, column, what).with_hint(hint))
}

/// Parser messages that name Rust functions or types, or that say what the parser
/// missed without saying why, rewritten for the person who wrote the file.
fn parser_internals(
    rel: &Path,
    text: &str,
    (line, column): (u64, u64),
    message: &str,
) -> Option<Diagnostic> {
    let error = |m: String| Diagnostic::error(rel, line, column, m);
    if message.starts_with("cannot deserialize null") {
        let what = match key_of_line(text, line) {
            Some(key) => format!("field `{key}` has no value"),
            None => "a value is missing".to_string(),
        };
        return Some(error(what).with_hint("write a value after the colon, or remove the line"));
    }
    if message.starts_with("multiple YAML documents") {
        return Some(
            error("a second YAML document starts here (a `---` line)".into())
                .with_hint("a file holds one document: remove the `---` line; several papers go in one list of `- title: ...` items"),
        );
    }
    if message.starts_with("unsupported tag") {
        return Some(
            error(format!(
                "{} is not supported",
                message.replace("unsupported tag", "YAML tag")
            ))
            .with_hint(
                "folio reads plain values: remove the tag (quote the value if it starts with `!`)",
            ),
        );
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed in this context")
        || message.contains("did not find expected '-' indicator")
    {
        let what = message.trim_start_matches("while parsing a block mapping, ");
        return Some(error(format!("{what}: check the indentation")).with_hint(
            "keys of one map start in the same column, and a nested key is indented under its parent; quote a value that contains `: `",
        ));
    }
    None
}

/// The key of a `key: value` line.
fn key_of_line(text: &str, line: u64) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)? as usize)?;
    let (key, _) = src.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

/// Serde's type words, said the way a person writing YAML thinks of them.
fn humanize(message: &str) -> String {
    let whole = [
        "invalid u8",
        "invalid u16",
        "invalid u32",
        "invalid u64",
        "invalid usize",
        "invalid i32",
        "invalid i64",
    ];
    if whole.contains(&message) {
        return "expected a whole number".into();
    }
    match message {
        "expected string scalar" => "expected text".into(),
        "expected mapping start" => "expected a map of `key: value` lines".into(),
        "expected sequence start" => "expected a list: [a, b] or one `- item` per line".into(),
        m if m.starts_with("externally tagged enum") => {
            "expected one value, not a list or a map".into()
        }
        "recursion limit exceeded" => "the YAML is nested too deeply".into(),
        m if m.starts_with("invalid type: string") && m.contains("expected a sequence") => {
            format!("{m} (write a list: [a, b] or one `- item` per line)")
        }
        m => m.to_string(),
    }
}

/// The key of the `key: value` pair at line/column: the position may point at the
/// value (the key is before it) or at the key itself.
fn field_at(text: &str, line: u64, column: u64, at_key: bool) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)? as usize)?;
    let split = src
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(src.len(), |(i, _)| i);
    let (before, after) = src.split_at(split);
    let is_key = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    let key_before = before
        .trim_end()
        .strip_suffix(':')
        .map(|k| k.trim_start().trim_start_matches("- ").trim());
    let key_here = after
        .split_once(':')
        .map(|(k, _)| k.trim())
        .filter(|_| at_key);
    key_before
        .filter(|k| is_key(k))
        .or(key_here.filter(|k| is_key(k)))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::PaperFile;

    fn parse_err<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> String {
        parse_yaml::<T>(Path::new("p.yaml"), yaml)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors: [A]\nvenu: X\n");
        assert_eq!(
            got,
            "p.yaml:4:1: error: unknown field `venu`\n  hint: did you mean `venue`?"
        );
    }
    #[test]
    fn wrong_type_names_the_field() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors: [A]\ncitations: many\n");
        assert_eq!(
            got,
            "p.yaml:4:1: error: field `citations`: invalid type: string \"many\", expected a whole number, or a map with `value`, `source`, `as_of`, `url`"
        );
    }
    #[test]
    fn missing_field_is_named() {
        let got = parse_err::<PaperFile>("title: A\nauthors: [A]\n");
        // The parser points at the end of the mapping, where the field would go.
        assert_eq!(got, "p.yaml:2:1: error: missing field `date`");
    }
    #[test]
    fn duplicate_keys_are_rejected() {
        let got = parse_err::<PaperFile>("title: A\ntitle: B\ndate: 2024\nauthors: [A]\n");
        assert!(
            got.starts_with("p.yaml:2:1: error: duplicate key `title`"),
            "{got}"
        );
    }
    #[test]
    fn author_entries_accept_names_and_maps() {
        let p: PaperFile = parse_yaml(
            Path::new("p.yaml"),
            "title: A\ndate: 2024\nauthors:\n  - Ada Lovelace\n  - { id: fuli-luo, equal: true }\n",
        )
        .unwrap();
        assert_eq!(p.authors[0].value.name, "Ada Lovelace");
        assert_eq!(p.authors[1].value.id.as_deref(), Some("fuli-luo"));
        assert!(p.authors[1].value.equal);
        assert_eq!(p.authors[1].referenced.line(), 5);
    }
    #[test]
    fn unknown_key_in_author_map_is_an_error() {
        let got = parse_err::<PaperFile>("title: A\ndate: 2024\nauthors:\n  - { nam: X }\n");
        assert!(got.contains("unknown field `nam`"), "{got}");
        assert!(got.contains("did you mean `name`?"), "{got}");
    }
    #[test]
    fn binary_tags_are_found_where_values_start_only() {
        assert_eq!(binary_tag("a: !!binary eA==\n"), Some((1, 4)));
        assert_eq!(binary_tag("a:\n  - !!binary eA==\n"), Some((2, 5)));
        assert_eq!(binary_tag("a: [x, !!binary eA==]\n"), Some((1, 8)));
        for text in [
            "a: \"!!binary\"\n",
            "a: 'x !!binary'\n",
            "a: x # !!binary\n",
            "a: Ada's !!binary tags\n",
            "a: |\n  text about !!binary\n",
        ] {
            assert_eq!(binary_tag(text), None, "{text}");
        }
    }
}
