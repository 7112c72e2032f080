//! Language tags as `site.yaml` writes them. A well-formed BCP 47 tag is
//! written back in its canonical case (`pt-br` -> `pt-BR`) and picks the
//! built-in table of its language (`pt-BR` -> `pt`); a tag that is not one
//! (`German`, `de_DE`, `jp`, `deu`) is an error naming the tag meant.

/// Built-in tables: code, English name, native name.
pub(super) const LANGUAGES: [(&str, &str, &str); 10] = [
    ("en", "English", "English"),
    ("de", "German", "Deutsch"),
    ("fr", "French", "Français"),
    ("es", "Spanish", "Español"),
    ("pt", "Portuguese", "Português"),
    ("it", "Italian", "Italiano"),
    ("zh", "Chinese", "中文"),
    ("ja", "Japanese", "日本語"),
    ("ko", "Korean", "한국어"),
    ("ar", "Arabic", "العربية"),
];

/// Codes people write for a built-in language that are not its language tag:
/// country codes and three-letter ISO 639-2 codes (BCP 47 takes the two-letter
/// code where there is one).
const MISTAKES: [(&str, &str); 20] = [
    ("jp", "ja"),
    ("cn", "zh"),
    ("sp", "es"),
    ("eng", "en"),
    ("deu", "de"),
    ("ger", "de"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("cmn", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("ara", "ar"),
    ("arb", "ar"),
    ("us", "en-US"),
    ("gb", "en-GB"),
];

/// Languages written right to left (by primary subtag): a site in one of
/// them is laid out right to left even while folio's words are in English.
const RTL: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb", "ug"];

/// What a tag resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Resolved {
    /// The tag in canonical case, for `<html lang>`.
    pub tag: String,
    /// The built-in table to use; `None`: English, with `warning`.
    pub table: Option<&'static str>,
    pub warning: Option<String>,
    /// The language is written right to left.
    pub rtl: bool,
}

/// Resolves a tag, or explains why it is not one (with the tag meant, when
/// it can tell).
pub(super) fn resolve(tag: &str) -> Result<Resolved, String> {
    let shown = super::crate_text_escape(tag);
    let Some(canonical) = canonical(tag) else {
        let mut msg = format!("language `{shown}` is not a language tag");
        if let Some(meant) = meant(tag) {
            msg.push_str(&format!("; did you mean `{meant}`?"));
        }
        return Err(msg);
    };
    let primary = canonical.split('-').next().unwrap_or_default().to_string();
    if let Some((_, meant)) = MISTAKES.iter().find(|(m, _)| *m == primary) {
        return Err(format!(
            "language `{shown}` is not a language tag; did you mean `{meant}`?"
        ));
    }
    let rtl = RTL.contains(&primary.as_str());
    let table = LANGUAGES
        .iter()
        .map(|(code, _, _)| *code)
        .find(|code| *code == primary);
    let traditional = primary == "zh"
        && canonical
            .split('-')
            .skip(1)
            .any(|s| matches!(s, "Hant" | "TW" | "HK" | "MO"));
    let (table, warning) = match table {
        Some(_) if traditional => (
            None,
            Some(format!(
                "folio's Chinese is in simplified script: for `{shown}` its words are in English; write `zh-Hans` for simplified Chinese"
            )),
        ),
        Some(code) => (Some(code), None),
        None => (None, Some(no_table(&shown, &primary))),
    };
    Ok(Resolved {
        tag: canonical,
        table,
        warning,
        rtl,
    })
}

fn no_table(shown: &str, primary: &str) -> String {
    let mut msg = format!(
        "folio has no translation of its own words for language `{shown}` yet: they are in English"
    );
    // `kr` is Kanuri's code, but far more often meant as Korea's.
    if primary == "kr" {
        msg.push_str(" (`kr` is Kanuri; Korean is `ko`)");
    }
    msg
}

/// The tag in canonical case (`en`, `pt-BR`, `zh-Hans-CN`), or `None` when it
/// is not a well-formed tag: a primary language of 2 or 3 letters, then
/// subtags of 1 to 8 letters or digits, joined by `-`.
fn canonical(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    let mut private = false;
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        private |= part.len() == 1;
        let is_letters = part.chars().all(|c| c.is_ascii_alphabetic());
        if private {
            out.push_str(&part.to_ascii_lowercase());
        } else if part.len() == 2 && is_letters {
            out.push_str(&part.to_ascii_uppercase());
        } else if part.len() == 4 && is_letters {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    Some(out)
}

/// The tag meant by something that is not one: `de_DE` -> `de-DE`,
/// `German` or `deutsch` -> `de`, `Japanse` -> `ja`.
fn meant(written: &str) -> Option<String> {
    let trimmed = written.trim();
    if let Some(tag) = canonical(&trimmed.replace('_', "-"))
        && tag != trimmed
    {
        return Some(tag);
    }
    let lower = trimmed.to_lowercase();
    let first_word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_string();
    LANGUAGES
        .iter()
        .flat_map(|(code, en, native)| [(code, en.to_lowercase()), (code, native.to_lowercase())])
        .map(|(code, name)| (strsim::jaro_winkler(&name, &first_word), *code))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, code)| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(tag: &str) -> Option<&'static str> {
        resolve(tag).unwrap().table
    }

    #[test]
    fn region_and_script_tags_pick_their_language() {
        assert_eq!(table("pt-BR"), Some("pt"));
        assert_eq!(table("pt-PT"), Some("pt"));
        assert_eq!(table("de-CH"), Some("de"));
        assert_eq!(table("es-419"), Some("es"));
        assert_eq!(table("zh-Hans-CN"), Some("zh"));
        assert_eq!(table("ar-EG"), Some("ar"));
        assert_eq!(resolve("pt-br").unwrap().tag, "pt-BR");
        assert_eq!(resolve("ZH-hans").unwrap().tag, "zh-Hans");
    }

    #[test]
    fn traditional_chinese_and_other_languages_fall_back_to_english_with_a_warning() {
        for tag in ["zh-TW", "zh-Hant", "nl", "he"] {
            let r = resolve(tag).unwrap();
            assert_eq!(r.table, None, "{tag}");
            assert!(r.warning.is_some(), "{tag}");
        }
        assert!(resolve("he").unwrap().rtl);
        assert!(resolve("ar").unwrap().rtl);
        assert!(!resolve("de").unwrap().rtl);
        assert!(
            resolve("kr")
                .unwrap()
                .warning
                .unwrap()
                .contains("Korean is `ko`")
        );
    }

    #[test]
    fn what_is_not_a_tag_is_an_error_naming_the_tag_meant() {
        let err = |t: &str| resolve(t).unwrap_err();
        assert_eq!(
            err("de_DE"),
            "language `de_DE` is not a language tag; did you mean `de-DE`?"
        );
        assert_eq!(
            err("German"),
            "language `German` is not a language tag; did you mean `de`?"
        );
        assert!(err("deutsch").ends_with("did you mean `de`?"));
        assert!(err("Japanse").ends_with("did you mean `ja`?"));
        assert!(err("日本語").ends_with("did you mean `ja`?"));
        assert!(err("jp").ends_with("did you mean `ja`?"));
        assert!(err("deu").ends_with("did you mean `de`?"));
        assert_eq!(err("xq!"), "language `xq!` is not a language tag");
        assert_eq!(err(""), "language `` is not a language tag");
    }
}
