//! A resolved course: terms parsed and sorted, links checked, the institution
//! and teacher ids known. Plain data; `render` makes its pages.

use std::path::PathBuf;

use super::{Link, PartialDate};
use crate::model::schema::CourseRole;

/// A season of the academic year, in calendar order within a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    Winter,
    Spring,
    Summer,
    Fall,
}

impl Season {
    /// The season named by a word (`fall` and `autumn` are one season).
    fn from_word(word: &str) -> Option<Season> {
        match word.to_lowercase().as_str() {
            "winter" => Some(Season::Winter),
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "fall" | "autumn" => Some(Season::Fall),
            _ => None,
        }
    }

    /// The words a term may use, for "did you mean".
    pub const WORDS: [&'static str; 5] = ["Winter", "Spring", "Summer", "Fall", "Autumn"];

    /// The month the season starts in, for ordering it among dated terms.
    fn month(self) -> u8 {
        match self {
            Season::Winter => 1,
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
        }
    }

    /// The string-table key of the season's name.
    pub fn label(self) -> &'static str {
        match self {
            Season::Winter => "term_winter",
            Season::Spring => "term_spring",
            Season::Summer => "term_summer",
            Season::Fall => "term_fall",
        }
    }
}

/// One term a course was taught: a season of a year, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    Season { year: i32, season: Season },
    Date(PartialDate),
}

impl Term {
    /// Reads `2024 Fall`, `Fall 2024`, or a date (`2024-09`, `2024`).
    pub fn parse(text: &str) -> Result<Term, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if let [a, b] = words[..] {
            let (year, season) = if is_year(a) { (a, b) } else { (b, a) };
            if let (true, Some(season)) = (is_year(year), Season::from_word(season)) {
                let year = year.parse().map_err(|_| bad_term(text))?;
                return Ok(Term::Season { year, season });
            }
            return Err(bad_term(text));
        }
        PartialDate::parse(text)
            .map(Term::Date)
            .map_err(|_| bad_term(text))
    }

    /// Year, month and day, for sorting terms of both forms together.
    pub fn key(&self) -> (i32, u8, u8) {
        match self {
            Term::Season { year, season } => (*year, season.month(), 0),
            Term::Date(d) => (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0)),
        }
    }

    pub fn year(&self) -> i32 {
        self.key().0
    }

    /// The term in the site's language: `Fall 2024`, `Sep 2024`.
    pub fn display(&self, locale: &crate::i18n::Locale) -> String {
        match self {
            Term::Season { year, season } => locale.fill(
                "term_season_year",
                &[
                    ("season", locale.text(season.label())),
                    ("year", &year.to_string()),
                ],
            ),
            Term::Date(d) => d.display(locale),
        }
    }

    /// The date for machines (`2024-09`), when the term is dated.
    pub fn iso(&self) -> Option<String> {
        match self {
            Term::Season { .. } => None,
            Term::Date(d) => Some(d.iso()),
        }
    }
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

fn bad_term(text: &str) -> String {
    format!(
        "term `{text}` is not valid: write a year and a season (`2024 Fall`, `2025 Spring`) or a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    )
}

/// One course from `teaching/<slug>.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub slug: String,
    /// The title as written (maths as TeX), for metadata.
    pub title: String,
    /// The title as HTML with maths as MathML.
    pub title_html: String,
    pub code: Option<String>,
    /// Name and optional URL of the institution.
    pub institution: Option<(String, Option<String>)>,
    pub role: Option<CourseRole>,
    /// Newest first, each term once.
    pub terms: Vec<Term>,
    pub level: Option<String>,
    /// The description as written (Markdown with TeX), for metadata.
    pub description_text: String,
    pub description_html: String,
    pub links: Vec<Link>,
    /// Author ids of the teachers, in the order written.
    pub authors: Vec<String>,
    pub source: PathBuf,
}

impl Course {
    /// The newest term, by which courses are sorted.
    pub fn latest(&self) -> (i32, u8, u8) {
        self.terms.first().map(Term::key).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_seasons_in_either_order_and_dates() {
        let fall = Term::Season {
            year: 2024,
            season: Season::Fall,
        };
        assert_eq!(Term::parse("2024 Fall"), Ok(fall));
        assert_eq!(Term::parse("autumn 2024"), Ok(fall));
        assert!(matches!(Term::parse("2025-02"), Ok(Term::Date(_))));
        assert!(Term::parse("2024 Fal").is_err());
        assert!(Term::parse("Fall").is_err());
        assert!(Term::parse("2024-13").is_err());
    }

    // A season's term reads like the language's dates: year first, without
    // a space, in Chinese and Japanese (2024年8月, 2024年春季).
    #[test]
    fn a_season_s_term_is_written_in_the_site_s_language() {
        let term = Term::parse("2024 Spring").unwrap();
        let shown = |tag: &str| {
            let (locale, _) = crate::i18n::Locale::new(tag, &Default::default());
            term.display(&locale)
        };
        assert_eq!(shown("en"), "Spring 2024");
        assert_eq!(shown("zh"), "2024年春季");
        assert_eq!(shown("ja"), "2024年春学期");
        assert_eq!(shown("ko"), "2024년 봄학기");
    }

    #[test]
    fn seasons_sort_among_dated_terms() {
        let spring = Term::parse("2025 Spring").unwrap();
        let jan = Term::parse("2025-01").unwrap();
        let fall = Term::parse("2024 Fall").unwrap();
        assert!(fall.key() < jan.key() && jan.key() < spring.key());
    }
}
