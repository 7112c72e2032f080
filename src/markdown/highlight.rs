//! Code blocks highlighted at build time (syntect, with its pure-Rust regex
//! engine): the code becomes `<span>`s with `hl-` classes named after
//! TextMate scopes (`hl-comment`, `hl-string`, `hl-keyword`...), and the
//! theme's stylesheet gives them colours, light and dark. No script runs in
//! the reader's browser.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The grammars shipped with syntect (about 75 languages), loaded on first use.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Code larger than this is shown without colours: highlighting is a
/// convenience, and a generated megabyte of data should not cost seconds.
pub const MAX_HIGHLIGHTED_BYTES: usize = 64 * 1024;

/// The class prefix: `hl-keyword`, never a bare `keyword` that a theme's
/// other rules might style.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The language named by a fence's info string (`rust`, `py`, `{.python}`,
/// `python title="x"`): its first word, without braces or a leading dot.
pub fn language(info: &str) -> &str {
    let first = info.split_whitespace().next().unwrap_or("");
    first
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim_start_matches('.')
}

/// `code` as highlighted HTML spans (escaped), or `None` when the language
/// is unknown, the code too large, or the highlighter fails.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    if lang.is_empty() || code.len() > MAX_HIGHLIGHTED_BYTES {
        return None;
    }
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .or_else(|| syntaxes.find_syntax_by_token(&lang.to_ascii_lowercase()))?;
    // A grammar bug must not take the build down: the block is then plain.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            html.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(html.finalize())
    }))
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_scope_classes_and_stay_escaped() {
        let html = highlight("fn main() { let s = \"<b>\"; } // done\n", "rust").unwrap();
        assert!(html.contains("<span class=\"hl-keyword"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn unknown_languages_and_huge_blocks_are_not_highlighted() {
        assert!(highlight("x", "no-such-language").is_none());
        assert!(highlight("x", "").is_none());
        let big = "x = 1\n".repeat(MAX_HIGHLIGHTED_BYTES);
        assert!(highlight(&big, "python").is_none());
        assert!(
            highlight("print(1)\n", "Python").is_some(),
            "case does not matter"
        );
    }

    #[test]
    fn the_language_is_the_first_word_of_the_info_string() {
        assert_eq!(language("rust"), "rust");
        assert_eq!(language("python title=\"a.py\""), "python");
        assert_eq!(language("{.julia}"), "julia");
        assert_eq!(language(""), "");
    }
}
