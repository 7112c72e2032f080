//! `teaching/<slug>.yaml` as written: one course, taught in one or many terms.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::*;

/// `teaching/<slug>.yaml`: one course and every term it was taught.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CourseFile {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The course code (`CS 229`).
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub code: Option<ScalarText>,
    /// An affiliation key from `site.yaml`, or free text.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub institution: Option<Spanned<String>>,
    #[serde(default)]
    pub role: Option<CourseRole>,
    /// One term or a list: `2024 Fall`, `2025 Spring`, or dates (`2024-09`).
    #[schemars(with = "TermsSchema")]
    pub terms: Spanned<Terms>,
    /// Free text: `Graduate`, `Undergraduate, 2nd year`.
    #[serde(default)]
    #[schemars(with = "Option<ScalarText>")]
    pub level: Option<ScalarText>,
    /// Markdown with maths.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub links: CourseLinks,
    /// Who taught it: author ids (lab sites list the course on their pages).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<Spanned<String>>,
}

/// What part the teacher had in the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[derive(schemars::JsonSchema)]
pub enum CourseRole {
    Instructor,
    CoInstructor,
    TeachingAssistant,
    GuestLecturer,
}

impl CourseRole {
    /// The string-table key of the role as shown beside the course.
    pub fn label(self) -> &'static str {
        match self {
            CourseRole::Instructor => "course_role_instructor",
            CourseRole::CoInstructor => "course_role_co_instructor",
            CourseRole::TeachingAssistant => "course_role_teaching_assistant",
            CourseRole::GuestLecturer => "course_role_guest_lecturer",
        }
    }
}

/// Links of a course: files in `static/` or http(s) addresses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[derive(schemars::JsonSchema)]
pub struct CourseLinks {
    #[schemars(with = "Option<String>")]
    pub syllabus: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub materials: Option<Spanned<String>>,
    /// The course's own page.
    #[schemars(with = "Option<String>")]
    pub page: Option<Spanned<String>>,
}

/// The terms of a course: one term, or a list. Each term keeps its position
/// when it has its own (an item of a list); a single term has the field's.
#[derive(Debug, Clone, Default)]
pub struct Terms(pub Vec<(String, Option<(u64, u64)>)>);

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Terms;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a term such as `2024 Fall`, or a list of terms")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Terms, E> {
                Ok(Terms(vec![(v.trim().to_string(), None)]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Terms, E> {
                Ok(Terms(vec![(v.to_string(), None)]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Terms, E> {
                Ok(Terms(vec![(v.to_string(), None)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terms, A::Error> {
                let mut terms = Vec::new();
                while let Some(t) = seq.next_element::<Spanned<ScalarText>>()? {
                    let at = (t.referenced.line(), t.referenced.column());
                    terms.push((t.value.0, Some(at)));
                }
                Ok(Terms(terms))
            }
        }
        d.deserialize_any(V)
    }
}

/// The schema of `terms`: one term or a list of them.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum TermsSchema {
    One(ScalarText),
    Many(Vec<ScalarText>),
}
