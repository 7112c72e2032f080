//! Escaping, for every place text from the input lands: HTML content and
//! attributes, XML (feeds, sitemap, SVG), JSON inside a `<script>` element, and
//! the terminal. One module, so that each rule is written once and every caller
//! gets the same treatment of control characters.
//!
//! A leaf module: it imports nothing from the rest of folio.

use std::borrow::Cow;

/// A control character that HTML and XML forbid in text (tab, newline and
/// carriage return are allowed).
pub fn is_markup_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `text` holds a control character that HTML forbids. A byte scan,
/// since every template value passes here: C0 controls and DEL are single
/// bytes, and a C1 control (U+0080 to U+009F) is 0xC2 then 0x80 to 0x9F.
fn has_markup_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A first pass eight bytes at a time (most template values are short, so
    // a word test beats both a byte loop and wide vectors); almost all text
    // fails it, and the exact test runs only on the rest.
    let mut words = bytes.chunks_exact(8);
    let suspect_word = words.any(|w| {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        has_byte_below_space(x)
            || has_zero_byte(x ^ (ONES * 0x7F))
            || has_zero_byte(x ^ (ONES * 0xC2))
    });
    let suspect = |&b: &u8| b < 0x20 || b == 0x7F || b == 0xC2;
    if !suspect_word && !words.remainder().iter().any(suspect) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)),
        _ => false,
    })
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether a byte of `x` is below 0x20 (exact for thresholds up to 0x80).
fn has_byte_below_space(x: u64) -> bool {
    x.wrapping_sub(ONES * 0x20) & !x & HIGHS != 0
}

/// Whether a byte of `x` is zero.
fn has_zero_byte(x: u64) -> bool {
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

/// Text escaped for HTML content and attribute values. Control characters
/// (a YAML `"\e"` or `"\x07"`) are dropped: they are errors in HTML and XML.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if is_markup_control(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The templates' autoescape: tera's HTML escaping, with the control
/// characters that HTML forbids dropped first (C0 characters written as YAML
/// escapes would otherwise reach `<title>` and `<h1>`).
pub fn html_for_templates(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if has_markup_control(input) {
        let clean: String = input.chars().filter(|&c| !is_markup_control(c)).collect();
        tera::escape_html(&clean, out)
    } else {
        tera::escape_html(input, out)
    }
}

/// Text escaped for XML content and attributes; the control characters and
/// non-characters that XML forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON text made inert inside a `<script>` element: `<`, `>`, `&` and the
/// line separators U+2028/U+2029 become `\uXXXX` escapes (still the same JSON),
/// so no value can close the script.
pub fn json_in_script(json: String) -> String {
    // A byte scan: `<`, `>`, `&` and the first byte (0xE2) of U+2028/U+2029
    // are ASCII or a lead byte, so they cannot occur inside another character.
    let risky = |b: &u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
    // First eight bytes at a time, as in `has_markup_control`.
    let mut words = json.as_bytes().chunks_exact(8);
    let risky_word = words.any(|w| {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        [b'<', b'>', b'&', 0xE2]
            .iter()
            .any(|&c| has_zero_byte(x ^ (ONES * u64::from(c))))
    });
    if !risky_word && !words.remainder().iter().any(risky) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut rest = json.as_str();
    while let Some(i) = rest.as_bytes().iter().position(risky) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or(' ');
        if matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `text` with every control character except the newline written as an escape
/// (`\u{1b}`), so that text quoted from the input cannot move the cursor, retitle
/// the terminal or rewrite a line already printed. Every message folio prints
/// passes through here (`Diagnostic`'s `Display` and `error::TerminalSafe`).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_terminal_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A character the terminal would act on rather than show.
pub fn is_terminal_control(c: char) -> bool {
    c.is_control() && c != '\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_drops_controls() {
        assert_eq!(
            html("<a href=\"x\">Tom & 'Jerry'</a>\u{1b}\u{7}\t"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;\t"
        );
    }

    #[test]
    fn the_template_escape_drops_controls_too() {
        let mut out = Vec::new();
        html_for_templates("a\u{1b}]0;x\u{7}<b>", &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("&lt;b&gt;"), "{out}");
    }

    // The byte scan agrees with `char::is_control` on every character around
    // the control ranges, C1 included.
    #[test]
    fn the_byte_scan_finds_exactly_the_markup_controls() {
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_markup_control(&text), is_markup_control(c), "{c:?}");
        }
    }

    #[test]
    fn xml_drops_forbidden_control_characters() {
        assert_eq!(
            xml("a<b>&\"'\u{1}\u{0}c\n\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;&apos;c\n"
        );
    }

    #[test]
    fn json_in_script_cannot_close_the_script() {
        let v = serde_json::json!({"title": "</script><script>alert(1)</script> & \u{2028}"});
        let s = json_in_script(serde_json::to_string(&v).unwrap());
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        assert!(!s.contains('\u{2028}'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "still the same JSON");
    }

    // Other characters whose UTF-8 starts with 0xE2, as U+2028 does, pass as they are.
    #[test]
    fn json_in_script_keeps_other_characters() {
        let v = serde_json::json!({"title": "Graphs \u{2013} “quoted” \u{2029} ∑ é 量子"});
        let s = json_in_script(serde_json::to_string(&v).unwrap());
        assert!(
            s.contains("\u{2013} “quoted”") && s.contains("∑ é 量子"),
            "{s}"
        );
        assert!(s.contains("\\u2029") && !s.contains('\u{2029}'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn terminal_escapes_every_control_but_the_newline() {
        assert_eq!(
            terminal("a\u{1b}]0;pwned\u{7}b\nc\r\t"),
            "a\\u{1b}]0;pwned\\u{7}b\nc\\u{d}\\u{9}"
        );
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
    }
}
