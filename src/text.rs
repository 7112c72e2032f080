//! Rules for the short strings that become part of URLs and file names or that
//! must be matched: keys, slugs, links, person names, and "did you mean" hints.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Accepts a link only if it is http(s), mailto, or relative (`/x`, `x/`, `#a`).
/// Returns the trimmed link. This is the one classifier of links written in the
/// input: navigation, affiliations, photos, profile, metric and paper links.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return (url.len() > "https://".len()).then_some(url);
    }
    if lower.starts_with("mailto:") {
        return Some(url);
    }
    // Browsers read `\` as `/` in http(s) URLs: `/\evil.example/` is
    // `//evil.example/`, another host.
    if url.starts_with('\\') || (url.starts_with('/') && !is_site_path(url)) {
        return None;
    }
    // A relative link has no scheme: a colon may only appear after a `/`, `?` or `#`.
    match url.find(':') {
        Some(colon) => {
            let before = &url[..colon];
            before.contains(['/', '?', '#']).then_some(url)
        }
        None => Some(url),
    }
}

/// True when `url` is a path in this site (`/papers/x/`): one leading slash, not
/// a protocol-relative `//host/` link, with `\` counted as `/` as browsers do.
pub fn is_site_path(url: &str) -> bool {
    let mut chars = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c });
    chars.next() == Some('/') && chars.next() != Some('/')
}

/// Checks a catalogue key or author id: it becomes a URL segment and an HTML class.
pub fn check_key(key: &str) -> Result<(), String> {
    let valid = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && key.starts_with(|c: char| c.is_ascii_alphanumeric());
    if valid {
        Ok(())
    } else {
        Err("use 1-64 ASCII letters, digits, `-` or `_`, starting with a letter or digit".into())
    }
}

/// Windows device names: a folder named like this cannot be created or served there.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A character a slug may hold besides `-`: a letter or digit of any script that
/// is not uppercase. `slugify` and `check_slug` share it, so every made slug passes.
fn is_slug_char(c: char) -> bool {
    c.is_alphanumeric() && !c.is_uppercase()
}

/// The text in Unicode normal form C: a slug written with a decomposed accent
/// is the same slug as one written with the composed letter.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The longest slug, in bytes of UTF-8 (the file name's length on disk).
pub const MAX_SLUG_BYTES: usize = 120;

/// Checks a slug given in a file: lowercase letters (any script), digits and `-`,
/// so it can never name a path outside its folder.
pub fn check_slug(slug: &str) -> Result<(), String> {
    let chars_ok = slug.chars().all(|c| c == '-' || is_slug_char(c));
    if slug.is_empty() || slug.len() > MAX_SLUG_BYTES || !chars_ok || slug.starts_with('-') {
        return Err(format!(
            "slug `{slug}` must be 1-120 lowercase letters, digits and `-`, not starting with `-`"
        ));
    }
    if RESERVED.contains(&slug) {
        return Err(format!(
            "slug `{slug}` is a reserved device name on Windows"
        ));
    }
    Ok(())
}

/// Makes a slug from a file name or title: lowercase letters and digits, other
/// characters folded into single dashes. Letters of any script are kept.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    // Composed first (NFC): "e" + combining acute and "é" make the same slug.
    for c in text.nfc().flat_map(char::to_lowercase) {
        if is_slug_char(c) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // As long as a written slug may be: a long title or label must still make
    // a file name (most file systems allow 255 bytes), cut between characters.
    if slug.len() > MAX_SLUG_BYTES {
        let mut cut = MAX_SLUG_BYTES;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        slug.truncate(cut);
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-1");
    }
    slug
}

/// Normalises a person's name for matching: case, dots, commas and spacing do not
/// matter, and "Last, First" equals "First Last".
pub fn name_key(name: &str) -> String {
    let reordered = match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() => Cow::Owned(format!("{first} {last}")),
        _ => Cow::Borrowed(name),
    };
    // Into one string (every author of every paper is looked up by it).
    let mut key = String::with_capacity(reordered.len());
    let words = reordered
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty());
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // `str::to_lowercase`, not per character: a final sigma differs.
            key.push_str(&w.to_lowercase());
        }
    }
    key
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let c_low = c.to_lowercase();
            // Short keys (topic codes such as `CL`) are judged by edits, not similarity.
            let one_edit = word.chars().count() >= 2 && strsim::levenshtein(&word, &c_low) == 1;
            let score = strsim::jaro_winkler(&word, &c_low);
            (if one_edit { score.max(0.81) } else { score }, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The first sentence of a text (at most about 200 bytes), for page descriptions.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    // Only a full stop within the first 200 bytes can end the sentence: the
    // search stops there, not at the end of a long abstract.
    let head = &text.as_bytes()[..text.len().min(201)];
    let mut end = head
        .windows(2)
        .position(|w| w == b". ")
        .map_or(text.len(), |i| i + 1);
    if end > 200 {
        end = 200;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    &text[..end]
}

/// Decodes `%20` and friends, keeping the text as is when it is not valid UTF-8.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_within_200_bytes() {
        assert_eq!(first_sentence("  One. Two. "), "One.");
        assert_eq!(first_sentence("No stop at all"), "No stop at all");
        let stop_at = |i: usize| format!("{}. {}", "a".repeat(i), "b".repeat(300));
        assert_eq!(first_sentence(&stop_at(199)).len(), 200);
        assert_eq!(first_sentence(&stop_at(200)), "a".repeat(200));
        assert_eq!(first_sentence(&stop_at(250)), "a".repeat(200));
        // Never cut inside a character.
        assert_eq!(first_sentence(&"é".repeat(150)), "é".repeat(100));
    }

    #[test]
    fn only_http_mailto_and_relative_links_pass() {
        assert!(safe_url("https://example.org/a").is_some());
        assert!(safe_url("mailto:a@b.org").is_some());
        assert!(safe_url("/papers/x/").is_some());
        assert!(safe_url("files/cv.pdf").is_some());
        assert!(safe_url("#top").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JavaScript:alert(1)").is_none());
        assert!(safe_url("data:text/html,x").is_none());
        assert!(safe_url("//evil.org/x").is_none());
        assert!(safe_url("java\tscript:x").is_none());
        assert!(safe_url("https://").is_none());
    }

    // Chromium resolves `/\evil.example/cv` to http://evil.example/cv.
    #[test]
    fn backslashes_count_as_slashes_when_classifying() {
        for bad in [
            "/\\evil.example/cv",
            "\\/evil.example/cv",
            "\\\\evil.example/cv",
            "/\t/evil.example",
            "/\n\\evil.example",
        ] {
            assert!(safe_url(bad).is_none(), "{bad:?}");
            assert!(!is_site_path(bad), "{bad:?}");
        }
        assert!(safe_url("\\evil.example").is_none());
        assert!(safe_url("https:/\\evil.example").is_none());
        assert!(is_site_path("/files/cv.pdf"));
        assert!(!is_site_path("//evil.example/"));
        assert!(!is_site_path("files/cv.pdf"));
    }

    #[test]
    fn slugs_cannot_escape_or_name_devices() {
        assert!(check_slug("deepseek-r1").is_ok());
        assert!(check_slug("übersicht").is_ok());
        assert!(check_slug("../../x").is_err());
        assert!(check_slug("..\\x").is_err());
        assert!(check_slug("/etc/passwd").is_err());
        assert!(check_slug("%2e%2e").is_err());
        assert!(check_slug("con").is_err());
        assert!(check_slug("Upper").is_err());
    }

    // Found by the `slug` fuzz target: slugify kept an Arabic-Indic digit that
    // check_slug refused, and a mathematical capital that stays uppercase.
    #[test]
    fn every_made_slug_passes_the_check() {
        for text in ["ƚ٥", "\u{1D400}bc", "ǅemal", "İstanbul", "x٣y"] {
            let slug = slugify(text);
            assert!(
                slug.is_empty() || check_slug(&slug).is_ok(),
                "{text:?} -> {slug:?}"
            );
        }
    }

    #[test]
    fn slugify_folds_punctuation_and_keeps_letters() {
        assert_eq!(
            slugify("DeepSeek-V2: A Strong MoE"),
            "deepseek-v2-a-strong-moe"
        );
        assert_eq!(slugify("my paper (final)"), "my-paper-final");
        assert_eq!(slugify("論文 一"), "論文-一");
        assert_eq!(slugify("../../x"), "x");
        assert_eq!(slugify("NUL"), "nul-1");
    }

    #[test]
    fn long_text_makes_a_slug_of_at_most_120_bytes_cut_between_characters() {
        let slug = slugify(&"ж".repeat(100));
        assert_eq!(slug, "ж".repeat(60));
        assert!(check_slug(&slugify(&"a ".repeat(200))).is_ok());
    }

    #[test]
    fn names_match_across_order_and_initial_punctuation() {
        assert_eq!(name_key("Luo, Fuli"), name_key("Fuli Luo"));
        assert_eq!(name_key("F. Luo"), name_key("f luo"));
        assert_ne!(name_key("F. Luo"), name_key("Fuli Luo"));
    }

    #[test]
    fn closest_suggests_typos_only() {
        assert_eq!(closest("venu", ["venue", "title"]), Some("venue"));
        assert_eq!(closest("zzz", ["venue", "title"]), None);
        assert_eq!(closest("CK", ["ML", "CL"]), Some("CL"));
    }
}
