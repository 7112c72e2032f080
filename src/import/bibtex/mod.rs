//! BibTeX files: a tolerant splitter cuts the file into entries, each entry is
//! parsed on its own, and each paper is mapped to folio's fields. A broken entry
//! is reported with its line and column and skipped; the others still import.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::paper::ImportedPaper;
use super::position::LineIndex;
use crate::error::Diagnostic;

mod alfolio;
mod map;

/// The longest field value, after `#` joins and `@string` abbreviations: far
/// above any real abstract, far below what a string bomb would build.
const MAX_VALUE: usize = 64 * 1024;

/// How many bytes `@string` abbreviations may expand to in one file, all uses
/// together: 32 full-size values for a small file.
/// The budget grows with the file, so a large bibliography that uses `@string`
/// for every venue still fits.
const MAX_EXPANDED: usize = 2 * 1024 * 1024;

/// How deep braces may nest in a value (real ones rarely pass 3).
const MAX_BRACE_DEPTH: i32 = 64;

/// An entry found by the splitter: `@kind{...}` from `at` to `end`.
#[derive(Debug)]
struct Span {
    at: usize,
    kind: String,
    /// Offset of the opening `{` or `(`.
    open: usize,
    end: usize,
}

/// One field: lowercase name, raw value (braces kept), offset of the value,
/// and where the whole `name = value,` lies in the file (empty when inherited
/// through `crossref`).
#[derive(Debug, Clone)]
struct Field {
    name: String,
    value: String,
    at: usize,
    start: usize,
    end: usize,
}

/// A parsed entry.
#[derive(Debug, Clone)]
struct Entry {
    at: usize,
    kind: String,
    key: String,
    fields: Vec<Field>,
    text: String,
    /// Where `text` starts in the file.
    start: usize,
}

impl Entry {
    fn get(&self, name: &str) -> Option<&str> {
        self.field(name).map(|f| f.value.as_str())
    }

    /// The field `name` when it has a value.
    fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .filter(|f| !f.value.trim().is_empty())
    }
}

/// Parses a BibTeX file. Every entry becomes a paper or a diagnostic.
pub fn parse(text: &str, path: &Path) -> (Vec<ImportedPaper>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let mut parser = Parser {
        text,
        path,
        lines: &lines,
        diags: Vec::new(),
        macros: HashMap::new(),
        expanded: 0,
        failed: HashSet::new(),
        dropped: std::collections::BTreeMap::new(),
    };
    let spans = parser.split();
    let mut entries = Vec::new();
    for span in &spans {
        if let Some(entry) = parser.entry(span) {
            entries.push(entry);
        }
    }
    let entries = map::inherit_crossrefs(entries);
    let mut papers = Vec::new();
    for entry in &entries {
        if let Some(p) = parser.paper(entry) {
            papers.push(p);
        }
    }
    parser.report_dropped();
    (papers, parser.diags)
}

struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
    lines: &'a LineIndex,
    diags: Vec<Diagnostic>,
    /// `@string` abbreviations, by lowercase name.
    macros: HashMap<String, String>,
    /// Bytes the abbreviations have expanded to so far (at most `MAX_EXPANDED`).
    expanded: usize,
    /// `@string` names whose definition could not be read: using one is an error.
    failed: HashSet<String>,
    /// Fields folio does not import, by name: where first seen, how many
    /// entries have them, why they are dropped. Reported once per file.
    dropped: std::collections::BTreeMap<&'static str, (usize, usize, &'static str)>,
}

fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

impl Parser<'_> {
    fn error(&mut self, at: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.lines.position(self.text, at);
        Diagnostic::error(self.path, line, column, message)
    }

    fn warn(&mut self, at: usize, message: impl Into<String>) {
        let (line, column) = self.lines.position(self.text, at);
        self.diags
            .push(Diagnostic::warning(self.path, line, column, message));
    }

    fn skip_ws(&self, mut i: usize, end: usize) -> usize {
        let b = self.text.as_bytes();
        while i < end && is_space(b[i]) {
            i += 1;
        }
        i
    }

    /// Reads `@kind` at `at`; returns the kind and the offset after it and spaces.
    fn kind_at(&self, at: usize) -> (String, usize) {
        let b = self.text.as_bytes();
        let mut j = self.skip_ws(at + 1, b.len());
        let start = j;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        let kind = self.text[start..j].to_ascii_lowercase();
        (kind, self.skip_ws(j, b.len()))
    }

    /// True when a line starting at `i` begins a new entry (`@type{key,`).
    fn starts_entry(&self, i: usize) -> bool {
        let b = self.text.as_bytes();
        let mut j = i;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if b.get(j) != Some(&b'@') {
            return false;
        }
        let (kind, k) = self.kind_at(j);
        !kind.is_empty() && matches!(b.get(k), Some(b'{' | b'('))
    }

    /// Cuts the file into entries. Text between entries is a comment, as in BibTeX.
    fn split(&mut self) -> Vec<Span> {
        let b = self.text.as_bytes();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'@' {
                i += 1;
                continue;
            }
            let at = i;
            let (kind, open) = self.kind_at(at);
            if kind.is_empty() || !matches!(b.get(open), Some(b'{' | b'(')) {
                let line_start = self.text[..at].rfind('\n').map_or(0, |n| n + 1);
                if !kind.is_empty() && self.text[line_start..at].trim().is_empty() {
                    let d = self
                        .error(at, format!("`@{kind}` is not followed by `{{`"))
                        .with_hint("an entry reads `@article{key, title = {...}, ...}`");
                    self.diags.push(d);
                }
                i = at + 1;
                continue;
            }
            let end = self.entry_end(open);
            spans.push(Span {
                at,
                kind,
                open,
                end,
            });
            i = end;
        }
        spans
    }

    /// Finds where the entry opened at `open` ends. An entry left open ends where
    /// the next one begins, so that one broken entry does not swallow the rest.
    fn entry_end(&self, open: usize) -> usize {
        let b = self.text.as_bytes();
        let paren = b[open] == b'(';
        let mut depth: i32 = if paren { 0 } else { 1 };
        // In `@article(q, title = "Q)")` the `)` is inside a quoted value.
        let mut quoted = false;
        let mut i = open + 1;
        while i < b.len() {
            match b[i] {
                b'"' if paren && depth == 0 && b[i - 1] != b'\\' => quoted = !quoted,
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 && !paren {
                        return i + 1;
                    }
                }
                b')' if paren && depth == 0 && !quoted => return i + 1,
                b'\n' if self.starts_entry(i + 1) => return i + 1,
                _ => {}
            }
            i += 1;
        }
        b.len()
    }

    /// Parses one entry, or reports why it cannot be read.
    fn entry(&mut self, span: &Span) -> Option<Entry> {
        match span.kind.as_str() {
            "comment" | "preamble" => return None,
            "string" => {
                let mut pos = span.open + 1;
                match self.field(span, &mut pos) {
                    Ok(Some(f)) => {
                        self.macros.insert(f.name, f.value);
                    }
                    Ok(None) => {}
                    Err(d) => {
                        self.failed.insert(self.string_name(span));
                        self.diags.push(d);
                    }
                }
                return None;
            }
            _ => {}
        }
        match self.fields(span) {
            Ok((key, fields)) => Some(Entry {
                at: span.at,
                kind: span.kind.clone(),
                key,
                fields,
                text: self.text[span.at..span.end].trim_end().to_string(),
                start: span.at,
            }),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    /// The lowercase name an `@string{name = ...}` defines.
    fn string_name(&self, span: &Span) -> String {
        let b = self.text.as_bytes();
        let start = self.skip_ws(span.open + 1, span.end);
        let mut end = start;
        while end < span.end && (b[end].is_ascii_alphanumeric() || b"_-:.+".contains(&b[end])) {
            end += 1;
        }
        self.text[start..end].to_ascii_lowercase()
    }

    fn close_byte(&self, span: &Span) -> u8 {
        if self.text.as_bytes()[span.open] == b'(' {
            b')'
        } else {
            b'}'
        }
    }

    /// The key and fields of an entry.
    fn fields(&mut self, span: &Span) -> Result<(String, Vec<Field>), Diagnostic> {
        let b = self.text.as_bytes();
        let close = self.close_byte(span);
        let mut pos = self.skip_ws(span.open + 1, span.end);
        let key_start = pos;
        while pos < span.end && !matches!(b[pos], b',' | b'=' | b'{' | b'}') && b[pos] != close {
            if is_space(b[pos]) {
                break;
            }
            pos += 1;
        }
        let key = self.text[key_start..pos].to_string();
        pos = self.skip_ws(pos, span.end);
        if key.is_empty() || b.get(pos) == Some(&b'=') {
            return Err(self
                .error(
                    key_start,
                    format!("@{} entry has no citation key", span.kind),
                )
                .with_hint("write the key first: `@article{smith2024, title = ...}`"));
        }
        if pos < span.end && b[pos] == b',' {
            pos += 1;
        }
        let mut fields: Vec<Field> = Vec::new();
        loop {
            let f = match self.field(span, &mut pos) {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(d) => return Err(self.runaway(&fields).unwrap_or(d)),
            };
            if fields.iter().any(|g| g.name == f.name) {
                self.warn(
                    f.at,
                    format!("field `{}` is given twice; the first is used", f.name),
                );
            } else {
                fields.push(f);
            }
        }
        Ok((key, fields))
    }

    /// The usual cause of a broken entry: a value whose `{` is never closed runs
    /// on through the fields after it, which then show up inside it.
    fn runaway(&mut self, fields: &[Field]) -> Option<Diagnostic> {
        let looks_like_field = |line: &str| {
            let line = line.trim_start();
            let name_len = line
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(line.len());
            name_len > 0
                && line.starts_with(|c: char| c.is_ascii_alphabetic())
                && line[name_len..].trim_start().starts_with('=')
        };
        let f = fields
            .iter()
            .find(|f| f.value.lines().skip(1).any(looks_like_field))?;
        let message = format!(
            "field `{}`: a `{{` is never closed, so the value runs on into the fields after it",
            f.name
        );
        Some(
            self.error(f.at, message)
                .with_hint("check the braces of this value: each `{` needs a `}`"),
        )
    }

    /// Reads `name = value` and the separator after it; `None` at the entry's end.
    fn field(&mut self, span: &Span, pos: &mut usize) -> Result<Option<Field>, Diagnostic> {
        let b = self.text.as_bytes();
        let close = self.close_byte(span);
        *pos = self.skip_ws(*pos, span.end);
        while *pos < span.end && b[*pos] == b',' {
            *pos = self.skip_ws(*pos + 1, span.end);
        }
        if *pos < span.end && b[*pos] == close {
            return Ok(None);
        }
        if *pos >= span.end {
            return Err(self
                .error(
                    span.at,
                    format!("entry is not closed: a `{}` is missing", close as char),
                )
                .with_hint("every `{` needs its `}`"));
        }
        let name_start = *pos;
        while *pos < span.end && (b[*pos].is_ascii_alphanumeric() || b"_-:.+".contains(&b[*pos])) {
            *pos += 1;
        }
        let name = self.text[name_start..*pos].to_ascii_lowercase();
        if name.is_empty() {
            return Err(self.error(name_start, "expected a field name such as `title`"));
        }
        *pos = self.skip_ws(*pos, span.end);
        if b.get(*pos) != Some(&b'=') || *pos >= span.end {
            return Err(self
                .error(*pos, format!("expected `=` after field `{name}`"))
                .with_hint("a field reads `name = {value}`; is a comma missing before it?"));
        }
        *pos += 1;
        let at = self.skip_ws(*pos, span.end);
        let value = self.value(span, pos, &name)?;
        *pos = self.skip_ws(*pos, span.end);
        if *pos < span.end && b[*pos] == b',' {
            *pos += 1;
        } else if *pos < span.end && b[*pos] != close {
            return Err(self
                .error(
                    *pos,
                    format!("expected `,` or `{}` after field `{name}`", close as char),
                )
                .with_hint("fields are separated by commas"));
        }
        Ok(Some(Field {
            name,
            value,
            at,
            start: name_start,
            end: *pos,
        }))
    }

    /// A value: pieces in braces or quotes, numbers and abbreviations, joined by `#`.
    fn value(&mut self, span: &Span, pos: &mut usize, name: &str) -> Result<String, Diagnostic> {
        let b = self.text.as_bytes();
        let mut value = String::new();
        loop {
            *pos = self.skip_ws(*pos, span.end);
            let start = *pos;
            let piece = match b.get(*pos).filter(|_| *pos < span.end) {
                Some(b'{') => self.delimited(span, pos, b'}', name)?.to_string(),
                Some(b'"') => self.delimited(span, pos, b'"', name)?.to_string(),
                Some(c) if c.is_ascii_alphanumeric() => {
                    while *pos < span.end
                        && (b[*pos].is_ascii_alphanumeric() || b"_-:.+".contains(&b[*pos]))
                    {
                        *pos += 1;
                    }
                    let word = &self.text[start..*pos];
                    self.expand(word, start, name)?
                }
                _ => {
                    return Err(self
                        .error(start, format!("field `{name}` has no value"))
                        .with_hint("write the value in braces: `{...}`"));
                }
            };
            if value.len() + piece.len() > MAX_VALUE {
                return Err(self
                    .error(
                        start,
                        format!(
                            "field `{name}` is longer than 64 KiB (with `#` and `@string` expanded)"
                        ),
                    )
                    .with_hint(
                        "is an `@string` built from others many times over (a string bomb)?",
                    ));
            }
            value.push_str(&piece);
            *pos = self.skip_ws(*pos, span.end);
            if *pos < span.end && b[*pos] == b'#' {
                *pos += 1;
            } else {
                return Ok(value);
            }
        }
    }

    /// The text between `{` and its `}` (or `"` and `"`), braces inside balanced.
    fn delimited(
        &mut self,
        span: &Span,
        pos: &mut usize,
        close: u8,
        name: &str,
    ) -> Result<&str, Diagnostic> {
        let b = self.text.as_bytes();
        let open = *pos;
        let mut depth = 0i32;
        let mut i = open + 1;
        while i < span.end {
            match b[i] {
                b'{' if depth == MAX_BRACE_DEPTH => {
                    return Err(self
                        .error(
                            i,
                            format!(
                                "field `{name}`: braces are nested more than {MAX_BRACE_DEPTH} deep"
                            ),
                        )
                        .with_hint("remove the extra `{` and `}`"));
                }
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                c if c == close && depth == 0 && b[i - 1] != b'\\' => {
                    *pos = i + 1;
                    return Ok(&self.text[open + 1..i]);
                }
                b'}' => break,
                _ => {}
            }
            i += 1;
        }
        let what = if close == b'"' { "`\"`" } else { "`{`" };
        Err(self
            .error(open, format!("field `{name}`: {what} is never closed"))
            .with_hint("check the braces of this value: each `{` needs a `}`"))
    }

    /// A bare word: a number, a month abbreviation, or an `@string` name.
    fn expand(&mut self, word: &str, at: usize, field: &str) -> Result<String, Diagnostic> {
        if word.bytes().all(|c| c.is_ascii_digit()) {
            return Ok(word.to_string());
        }
        let lower = word.to_ascii_lowercase();
        if let Some(len) = self.macros.get(&lower).map(String::len) {
            let budget = MAX_EXPANDED.max(4 * self.text.len());
            if self.expanded + len > budget {
                let message = format!(
                    "field `{field}`: `@string` abbreviations expand to more than {} MiB in this file",
                    budget >> 20
                );
                return Err(self.error(at, message).with_hint(
                    "is an `@string` built from others many times over (a string bomb)?",
                ));
            }
            self.expanded += len;
            return Ok(self.macros[&lower].clone());
        }
        if self.failed.contains(&lower) {
            return Err(self.error(
                at,
                format!("field `{field}`: `@string` `{word}` could not be read (see its error)"),
            ));
        }
        if let Some(month) = MONTHS.iter().find(|m| m[..3].eq_ignore_ascii_case(&lower))
            && lower.len() == 3
        {
            return Ok(month.to_string());
        }
        self.warn(
            at,
            format!("field `{field}`: unknown abbreviation `{word}`, kept as text"),
        );
        Ok(word.to_string())
    }
}

/// Full month names, which the standard abbreviations `jan`...`dec` stand for.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A value that is an identifier or address: braces gone, `\_` unescaped.
pub(super) fn plain(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' if chars.peek().is_some_and(|n| "_&%#$~".contains(*n)) => {
                out.extend(chars.next());
            }
            _ => out.push(c),
        }
    }
    let out = out.trim();
    out.strip_prefix("\\url").map_or(out, str::trim).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Vec<ImportedPaper>, Vec<String>) {
        let (papers, diags) = parse(text, Path::new("refs.bib"));
        (papers, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn quoted_values_strings_and_concatenation() {
        let (papers, diags) = parse_str(
            "@string{nips = \"Advances in Neural Information Processing Systems\"}\n@inproceedings(k1, title = \"A {B} C\", author = \"Ann Lee\", booktitle = nips # \" 30\", year = \"2017\")\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(papers[0].title, "A B C");
        assert_eq!(
            papers[0].venue.as_deref(),
            Some("Advances in Neural Information Processing Systems 30")
        );
    }

    #[test]
    fn a_broken_entry_is_reported_and_the_next_still_read() {
        let (papers, diags) = parse_str(
            "@article{bad,\n  title = {Unclosed,\n  year = 2020,\n\n@article{good,\n  title = {Good}, author = {A B}, year = 2021}\n",
        );
        assert_eq!(papers.len(), 1);
        assert_eq!(papers[0].id.as_deref(), Some("good"));
        assert_eq!(
            diags,
            [
                "refs.bib:2:11: error: field `title`: `{` is never closed\n  hint: check the braces of this value: each `{` needs a `}`"
            ]
        );
    }

    #[test]
    fn dblp_keys_crlf_lines_and_comments_between_entries() {
        let (papers, diags) = parse_str(
            "Written by me@example.org\r\n@Article{DBLP:journals/corr/abs-1810-04805,\r\n  title = {{BERT:} Pre-training},\r\n  author = {Jacob Devlin},\r\n  year = {2018}\r\n}\r\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            papers[0].id.as_deref(),
            Some("DBLP:journals/corr/abs-1810-04805")
        );
        assert_eq!(papers[0].title, "BERT: Pre-training");
        assert_eq!((papers[0].line, papers[0].column), (2, 1));
    }

    #[test]
    fn missing_comma_points_at_the_next_field() {
        let (papers, diags) =
            parse_str("@misc{k,\n  title = {T}\n  year = 2020,\n  author = {A B}\n}\n");
        assert!(papers.is_empty());
        assert_eq!(
            diags,
            [
                "refs.bib:3:3: error: expected `,` or `}` after field `title`\n  hint: fields are separated by commas"
            ]
        );
    }
}
