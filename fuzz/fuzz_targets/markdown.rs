//! Markdown and maths never panic and never let markup or scripts through.
#![no_main]

use folio::markdown::{render, render_inline};
use libfuzzer_sys::fuzz_target;

/// The tags of an HTML fragment: text never holds a raw `<` (it is escaped),
/// so every `<` starts a tag made by folio.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
}

/// The tag without its quoted attribute values: the tag name and the attribute
/// names. Text inside a quoted value (a footnote label such as
/// `[^x onerror=1]`) is data, not an attribute.
fn unquoted(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut quoted = false;
    for c in tag.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

fuzz_target!(|text: &str| {
    let mut problems = Vec::new();
    let html = render(text, "/base/", &mut problems).to_ascii_lowercase();
    for tag in tags(&html) {
        assert!(
            !tag.starts_with("script") && !tag.starts_with("iframe") && !tag.starts_with("style"),
            "{tag}"
        );
        for bad in ["=\"javascript:", "=\"data:", "=\"vbscript:"] {
            assert!(!tag.contains(bad), "{tag}");
        }
        let names = unquoted(tag);
        for bad in [" onerror=", " onload=", " onclick="] {
            assert!(!names.contains(bad), "{tag}");
        }
    }
    let title = render_inline(text, &mut problems).to_ascii_lowercase();
    for tag in tags(&title) {
        assert!(
            !tag.starts_with("script") && !tag.starts_with("a "),
            "{tag}"
        );
    }
});
