//! A person's name in parts, as citation styles need it: `Robalo Rei, G.`
//! (a two-word family name), `de Guglielmo, G.` (a particle), `Smith, J., Jr.`
//! (a suffix), and corporate authors, which are never split or abbreviated.
//! Pure data and pure functions: used by the schema, import and the formatters.

/// Lowercase words that start a family name (`van der Maaten`, `de la Cruz`).
const PARTICLES: [&str; 16] = [
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das",
    "ter", "zu",
];

/// A name in parts. A corporate author (`literal`) has only `family`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameParts {
    pub family: String,
    pub given: String,
    /// `van der`, `de`: printed before the family name, kept in inverted form
    /// (CSL's non-dropping particle: `van der Auwera, G. A.`).
    pub particle: String,
    /// `von` of `Ludwig von Mises`: before the family name when the given name
    /// comes first, after the initials in inverted form (CSL's dropping
    /// particle: `Mises, L. von`).
    pub dropping_particle: String,
    /// `Jr.`, `III`.
    pub suffix: String,
    /// A corporate or group author: one unit, never split or abbreviated.
    pub literal: bool,
}

impl NameParts {
    /// A corporate author.
    pub fn literal(name: &str) -> NameParts {
        NameParts {
            family: name.trim().to_string(),
            literal: true,
            ..NameParts::default()
        }
    }

    /// The name as printed: `Gil Robalo Rei`, `Laurens van der Maaten`, `John Smith Jr.`.
    pub fn display(&self) -> String {
        if self.literal {
            return self.family.clone();
        }
        [
            &self.given,
            &self.dropping_particle,
            &self.particle,
            &self.family,
            &self.suffix,
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// The family name with its particle: `de Guglielmo`, `van der Maaten`.
    pub fn full_family(&self) -> String {
        if self.particle.is_empty() {
            self.family.clone()
        } else {
            format!("{} {}", self.particle, self.family)
        }
    }

    /// The parts of a name written as one string, by the rules a reader would
    /// use: `Family, Given` around a comma; otherwise the last word is the
    /// family name, with the lowercase particles before it; one word (a group
    /// such as `DeepSeek-AI`) is all family.
    pub fn guess(name: &str) -> NameParts {
        let name = name.trim();
        if let Some((family, given)) = name.split_once(',') {
            let (particle, family) = split_particle(family.trim());
            return NameParts {
                family: family.to_string(),
                given: given.trim().to_string(),
                particle: particle.to_string(),
                ..NameParts::default()
            };
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((last, rest)) = words.split_last() else {
            return NameParts::default();
        };
        let mut start = rest.len();
        while start > 0 && PARTICLES.contains(&rest[start - 1]) {
            start -= 1;
        }
        // "van Gogh" alone: the particle belongs to the family name.
        if start == 0 && !rest.is_empty() && rest.iter().all(|w| PARTICLES.contains(w)) {
            start = rest.len();
        }
        NameParts {
            family: (*last).to_string(),
            given: rest[..start].join(" "),
            particle: rest[start..].join(" "),
            ..NameParts::default()
        }
    }
}

/// `de Guglielmo` -> (`de`, `Guglielmo`).
fn split_particle(family: &str) -> (&str, &str) {
    let mut end = 0;
    for word in family.split_whitespace() {
        if !PARTICLES.contains(&word) {
            break;
        }
        end = family.find(word).map_or(end, |i| i + word.len());
    }
    let rest = family[end..].trim();
    if rest.is_empty() {
        ("", family)
    } else {
        (family[..end].trim(), rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(family: &str, given: &str, particle: &str) -> NameParts {
        NameParts {
            family: family.into(),
            given: given.into(),
            particle: particle.into(),
            ..NameParts::default()
        }
    }

    #[test]
    fn plain_names_are_read_as_a_reader_would() {
        assert_eq!(NameParts::guess("Huajian Xin"), parts("Xin", "Huajian", ""));
        assert_eq!(
            NameParts::guess("Laurens van der Maaten"),
            parts("Maaten", "Laurens", "van der")
        );
        assert_eq!(
            NameParts::guess("de Guglielmo, G."),
            parts("Guglielmo", "G.", "de")
        );
        assert_eq!(
            NameParts::guess("DeepSeek-AI"),
            parts("DeepSeek-AI", "", "")
        );
        assert_eq!(NameParts::guess("Z. Z. Ren"), parts("Ren", "Z. Z.", ""));
    }

    #[test]
    fn display_puts_the_parts_in_reading_order() {
        let mut p = parts("Robalo Rei", "Gil", "");
        assert_eq!(p.display(), "Gil Robalo Rei");
        p.suffix = "Jr.".into();
        assert_eq!(p.display(), "Gil Robalo Rei Jr.");
        assert_eq!(NameParts::literal("U.S. FDA").display(), "U.S. FDA");
        let mises = NameParts {
            dropping_particle: "von".into(),
            ..parts("Mises", "Ludwig", "")
        };
        assert_eq!(mises.display(), "Ludwig von Mises");
    }
}
