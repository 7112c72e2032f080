//! Person names in BibTeX `author` and `editor` fields: `Last, First`,
//! `First Last`, `von Last, Jr, First`, brace-protected groups, `and others`.
//! The rules are BibTeX's own: a word that starts with a lowercase letter is part
//! of the "von" particle, and a braced group is one word of no case.

use super::latex;

/// One person's name, in parts, converted to Unicode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    pub first: String,
    pub von: String,
    pub last: String,
    pub jr: String,
}

impl Name {
    /// The name in parts. A braced group of several words with nothing else
    /// (`{Barnes and Noble}`) is a corporate author.
    pub fn parts(&self) -> crate::model::names::NameParts {
        use crate::model::names::NameParts;
        if self.first.is_empty()
            && self.von.is_empty()
            && self.jr.is_empty()
            && self.last.contains(char::is_whitespace)
        {
            return NameParts::literal(&self.last);
        }
        NameParts {
            family: self.last.clone(),
            given: self.first.clone(),
            particle: self.von.clone(),
            dropping_particle: String::new(),
            suffix: self.jr.clone(),
            literal: false,
        }
    }

    /// The name as printed: `First von Last Jr`.
    pub fn display(&self) -> String {
        [&self.first, &self.von, &self.last, &self.jr]
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Splits a name list at the top-level `and`s. `and others` at the end means the
/// list is truncated ("et al."), which is the second value.
pub fn parse_names(field: &str) -> (Vec<Name>, bool) {
    let mut names = Vec::new();
    let mut truncated = false;
    let mut current: Vec<String> = Vec::new();
    let mut flush = |current: &mut Vec<String>, names: &mut Vec<Name>| {
        let text = current.join(" ");
        current.clear();
        if text.trim().eq_ignore_ascii_case("others") {
            truncated = true;
        } else if let Some(name) = parse_name(&text) {
            names.push(name);
        }
    };
    for word in split_top(field, |c| c.is_whitespace() || c == '~') {
        if word.eq_ignore_ascii_case("and") {
            flush(&mut current, &mut names);
        } else {
            current.push(word);
        }
    }
    flush(&mut current, &mut names);
    (names, truncated)
}

/// Parses one name in any of BibTeX's three forms.
fn parse_name(text: &str) -> Option<Name> {
    let parts: Vec<Vec<String>> = split_top(text, |c| c == ',')
        .iter()
        .map(|p| split_top(p, |c| c.is_whitespace() || c == '~'))
        .collect();
    let name = match parts.as_slice() {
        [] => return None,
        [words] => first_von_last(words)?,
        [von_last, first] => Name {
            first: convert(first),
            ..von_last_only(von_last)?
        },
        [von_last, jr, first, ..] => Name {
            first: convert(first),
            jr: convert(jr),
            ..von_last_only(von_last)?
        },
    };
    (!name.last.is_empty() || !name.first.is_empty()).then_some(name)
}

/// `First von Last`: the von part runs from the first to the last lowercase word
/// before the final word.
fn first_von_last(words: &[String]) -> Option<Name> {
    let (last_word, rest) = words.split_last()?;
    let lower: Vec<usize> = (0..rest.len()).filter(|&i| is_lower(&rest[i])).collect();
    let name = match (lower.first(), lower.last()) {
        (Some(&f), Some(&l)) => Name {
            first: convert(&words[..f]),
            von: convert(&words[f..=l]),
            last: convert(&words[l + 1..]),
            jr: String::new(),
        },
        _ => Name {
            first: convert(rest),
            last: convert(std::slice::from_ref(last_word)),
            ..Name::default()
        },
    };
    Some(name)
}

/// `von Last` (before the first comma): leading lowercase words are the von part,
/// but the last word is always the last name.
fn von_last_only(words: &[String]) -> Option<Name> {
    if words.is_empty() {
        return None;
    }
    let von_len = words[..words.len() - 1]
        .iter()
        .take_while(|w| is_lower(w))
        .count();
    Some(Name {
        von: convert(&words[..von_len]),
        last: convert(&words[von_len..]),
        ..Name::default()
    })
}

fn convert(words: &[String]) -> String {
    latex::to_text(&words.join(" "))
}

/// True when the word starts with a lowercase letter, BibTeX-style: a braced group
/// has no case unless it is a special character such as `{\"u}`.
fn is_lower(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() {
            return c.is_lowercase();
        }
        if c == '{' {
            return chars.get(i + 1) == Some(&'\\') && special_is_lower(&chars[i + 2..]);
        }
        i += 1;
    }
    false
}

/// The case of a special character `{\cmd x}`: an accent command's letter does not
/// count (`{\"u}` is lowercase), a letter command's does (`{\L}` is uppercase).
fn special_is_lower(rest: &[char]) -> bool {
    let name: String = rest
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let skip = if name.is_empty() {
        1
    } else if ["c", "v", "u", "H", "k", "r", "d", "b", "t"].contains(&name.as_str()) {
        name.len()
    } else {
        0
    };
    rest[skip.min(rest.len())..]
        .iter()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
}

/// Splits at separators outside braces, dropping empty pieces.
fn split_top(s: &str, is_sep: impl Fn(char) -> bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '{' if prev != '\\' => depth += 1,
            '}' if prev != '\\' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && is_sep(c) && prev != '\\' {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
        prev = c;
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn displayed(field: &str) -> (Vec<String>, bool) {
        let (names, truncated) = parse_names(field);
        (names.iter().map(Name::display).collect(), truncated)
    }

    #[test]
    fn last_comma_first_and_others() {
        let (names, truncated) =
            displayed("Xin, Huajian and Ren, Z. Z. and Song, Junxiao and others");
        assert_eq!(names, ["Huajian Xin", "Z. Z. Ren", "Junxiao Song"]);
        assert!(truncated);
    }

    #[test]
    fn first_last_with_von_and_jr() {
        let (names, truncated) =
            displayed("Ludwig van Beethoven AND de la Fontaine, Jean and King, Jr., Martin Luther");
        assert_eq!(
            names,
            [
                "Ludwig van Beethoven",
                "Jean de la Fontaine",
                "Martin Luther King Jr."
            ]
        );
        assert!(!truncated);
        let (parsed, _) = parse_names("Ludwig van Beethoven");
        assert_eq!(parsed[0].von, "van");
        assert_eq!(parsed[0].last, "Beethoven");
    }

    #[test]
    fn braces_protect_groups_and_accents_convert() {
        let (names, _) = displayed(
            r#"{DeepSeek-AI} and {\L}ukasz Kaiser and G{\"o}del, Kurt and {van der Berg}, Jan and {Barnes and Noble}"#,
        );
        assert_eq!(
            names,
            [
                "DeepSeek-AI",
                "Łukasz Kaiser",
                "Kurt Gödel",
                "Jan van der Berg",
                "Barnes and Noble"
            ]
        );
        let (parsed, _) = parse_names("{van der Berg}, Jan");
        assert_eq!(parsed[0].last, "van der Berg");
    }

    #[test]
    fn special_characters_have_the_case_of_their_letter() {
        let (parsed, _) = parse_names(r#"Hans {\"u}ber Alles and Jean-Paul Sartre and Z.~Z. Ren"#);
        assert_eq!(parsed[0].von, "über");
        assert_eq!(parsed[0].last, "Alles");
        assert_eq!(parsed[1].first, "Jean-Paul");
        assert_eq!(parsed[2].display(), "Z. Z. Ren");
    }
}
