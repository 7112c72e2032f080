//! `resume.json` (the JSON Resume schema, <https://jsonresume.org/schema>) read
//! into the types of `cv.yaml`, so that a CV exported from another tool builds
//! as it is. JSON is read twice: by serde_json, which checks that it is JSON and
//! lists the fields the CV will not show (each reported once, with the reason),
//! and by the YAML parser (JSON is YAML), which keeps every value's line and
//! column, so that a bad date is reported where it is written.
//!
//! What real exports hold is taken as meant: an empty string is no value, a
//! missing `endDate` after a `startDate` means "present", a date with a time
//! (`2019-06-01T00:00:00Z`) is its day, and HTML in a summary becomes text.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use serde_saphyr::Spanned;

use super::Loaded;
use crate::error::Diagnostic;
use crate::model::schema::{
    AwardEntry, CustomEntry, CvFile, DateText, EducationEntry, LanguageEntry, PositionEntry,
    ProfileEntry, ReferenceEntry, ScalarText, ServiceEntry, SkillEntry,
};

/// Parses `resume.json` into the CV types, reporting the fields not shown.
pub(super) fn parse_resume(
    rel: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<CvFile>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(
                Diagnostic::error(rel, e.line() as u64, e.column() as u64, format!("not valid JSON: {e}"))
                    .with_hint("resume.json is read as JSON Resume (jsonresume.org); fix the JSON, or write cv.yaml instead"),
            );
            return None;
        }
    };
    if !value.is_object() {
        diags.push(
            Diagnostic::error(rel, 1, 1, "resume.json does not hold an object")
                .with_hint("JSON Resume is an object with `basics`, `work`, `education`..."),
        );
        return None;
    }
    let mut notes = Vec::new();
    unknown_fields(&value, "", "", &ROOT, &mut notes);
    // Valid JSON holds tabs only between tokens (a tab in a string is escaped),
    // where YAML wants spaces; one for one keeps every column.
    let yaml = text.replace('\t', " ");
    let resume: Resume = match super::parse_yaml(rel, &yaml) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let cv = Mapper { notes: &mut notes }.cv(resume);
    let mut seen = std::collections::HashSet::new();
    notes.retain(|n| seen.insert(n.clone()));
    if !notes.is_empty() {
        diags.push(
            Diagnostic::warning(
                rel,
                0,
                0,
                format!(
                    "{} not shown on the CV: {}",
                    plural(notes.len()),
                    notes.join("; ")
                ),
            )
            .with_hint(
                "this is said once per change of resume.json; write cv.yaml for full control",
            ),
        );
    }
    Some(Loaded {
        path: rel.to_path_buf(),
        value: cv,
    })
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 field is".into()
    } else {
        format!("{n} fields are")
    }
}

/// The fields of an object of JSON Resume, with where each nested one leads.
struct Shape {
    fields: &'static [(&'static str, Option<&'static Shape>)],
}

const ROOT: Shape = Shape {
    fields: &[
        ("$schema", None),
        ("basics", Some(&BASICS)),
        ("work", Some(&WORK)),
        ("volunteer", Some(&VOLUNTEER)),
        ("education", Some(&EDUCATION)),
        ("awards", Some(&AWARD)),
        ("certificates", Some(&CERTIFICATE)),
        ("publications", Some(&PUBLICATION)),
        ("skills", Some(&SKILL)),
        ("languages", Some(&LANGUAGE)),
        ("interests", Some(&SKILL)),
        ("references", Some(&REFERENCE)),
        ("projects", Some(&PROJECT)),
        ("meta", None),
    ],
};
const BASICS: Shape = Shape {
    fields: &[
        ("name", None),
        ("label", None),
        ("image", None),
        ("email", None),
        ("phone", None),
        ("url", None),
        ("summary", None),
        ("location", Some(&LOCATION)),
        ("profiles", Some(&PROFILE)),
    ],
};
const LOCATION: Shape = Shape {
    fields: &[
        ("address", None),
        ("postalCode", None),
        ("city", None),
        ("countryCode", None),
        ("region", None),
    ],
};
const PROFILE: Shape = Shape {
    fields: &[("network", None), ("username", None), ("url", None)],
};
const WORK: Shape = Shape {
    fields: &[
        ("name", None),
        ("location", None),
        ("description", None),
        ("position", None),
        ("url", None),
        ("startDate", None),
        ("endDate", None),
        ("summary", None),
        ("highlights", None),
    ],
};
const VOLUNTEER: Shape = Shape {
    fields: &[
        ("organization", None),
        ("position", None),
        ("url", None),
        ("startDate", None),
        ("endDate", None),
        ("summary", None),
        ("highlights", None),
    ],
};
const EDUCATION: Shape = Shape {
    fields: &[
        ("institution", None),
        ("url", None),
        ("area", None),
        ("studyType", None),
        ("startDate", None),
        ("endDate", None),
        ("score", None),
        ("courses", None),
    ],
};
const AWARD: Shape = Shape {
    fields: &[
        ("title", None),
        ("date", None),
        ("awarder", None),
        ("summary", None),
    ],
};
const CERTIFICATE: Shape = Shape {
    fields: &[
        ("name", None),
        ("date", None),
        ("url", None),
        ("issuer", None),
    ],
};
const PUBLICATION: Shape = Shape {
    fields: &[
        ("name", None),
        ("publisher", None),
        ("releaseDate", None),
        ("url", None),
        ("summary", None),
    ],
};
const SKILL: Shape = Shape {
    fields: &[("name", None), ("level", None), ("keywords", None)],
};
const LANGUAGE: Shape = Shape {
    fields: &[("language", None), ("fluency", None)],
};
const REFERENCE: Shape = Shape {
    fields: &[("name", None), ("reference", None)],
};
const PROJECT: Shape = Shape {
    fields: &[
        ("name", None),
        ("description", None),
        ("highlights", None),
        ("keywords", None),
        ("startDate", None),
        ("endDate", None),
        ("url", None),
        ("roles", None),
        ("entity", None),
        ("type", None),
    ],
};

/// Known fields the CV does not show, and why.
const NOT_SHOWN: [(&str, &str); 5] = [
    (
        "basics.image",
        "the photo comes from the person's author file",
    ),
    (
        "basics.location.address",
        "a street address is not published",
    ),
    (
        "basics.location.postalCode",
        "a street address is not published",
    ),
    ("meta", "it describes the file, not the CV"),
    ("projects[].type", "folio shows no project type"),
];

/// Notes every field that JSON Resume does not have (with the closest one it
/// has) and every known field the CV does not show. `here` names the value as
/// written (`work[2]`), `generic` as the schema does (`work[]`).
fn unknown_fields(
    value: &Value,
    here: &str,
    generic: &str,
    shape: &Shape,
    notes: &mut Vec<String>,
) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}.{b}")
        }
    };
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let (h, g) = (format!("{here}[{i}]"), format!("{generic}[]"));
                unknown_fields(item, &h, &g, shape, notes);
            }
        }
        Value::Object(map) => {
            for (key, v) in map {
                let (h, g) = (join(here, key), join(generic, key));
                match shape.fields.iter().find(|(k, _)| k == key) {
                    Some(_) if NOT_SHOWN.iter().any(|(p, _)| *p == g) => {
                        let why = NOT_SHOWN
                            .iter()
                            .find(|(p, _)| *p == g)
                            .map_or("", |(_, w)| w);
                        if !is_empty(v) {
                            notes.push(format!("`{h}` ({why})"));
                        }
                    }
                    Some((_, Some(nested))) => unknown_fields(v, &h, &g, nested, notes),
                    Some((_, None)) => {}
                    None => {
                        let names = shape.fields.iter().map(|(k, _)| *k);
                        let why = match crate::text::closest(key, names) {
                            Some(best) => {
                                format!("not a JSON Resume field; did you mean `{best}`?")
                            }
                            None => "not a JSON Resume field".to_string(),
                        };
                        notes.push(format!("`{h}` ({why})"));
                    }
                }
            }
        }
        _ => {}
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

// ---- JSON Resume as parsed: lenient (unknown fields were reported above) ----

type Text = Option<Spanned<String>>;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Resume {
    basics: Option<Basics>,
    work: Vec<Spanned<Work>>,
    volunteer: Vec<Spanned<Work>>,
    education: Vec<Spanned<Education>>,
    awards: Vec<Spanned<Award>>,
    certificates: Vec<Spanned<Award>>,
    publications: Vec<Spanned<Publication>>,
    skills: Vec<Spanned<Skill>>,
    languages: Vec<Spanned<Language>>,
    interests: Vec<Spanned<Skill>>,
    references: Vec<Spanned<Reference>>,
    projects: Vec<Spanned<Project>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Basics {
    name: Option<String>,
    label: Option<String>,
    email: Option<String>,
    phone: Option<ScalarText>,
    url: Text,
    summary: Text,
    location: Option<Place>,
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Place {
    city: Option<String>,
    region: Option<String>,
    country_code: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    network: Option<String>,
    username: Option<String>,
    url: Text,
}

/// `work` and `volunteer` (which names its employer `organization`).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Work {
    #[serde(alias = "organization")]
    name: Text,
    position: Text,
    description: Option<String>,
    location: Option<String>,
    url: Text,
    start_date: Text,
    end_date: Text,
    summary: Option<String>,
    highlights: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Education {
    institution: Text,
    url: Text,
    area: Option<String>,
    study_type: Text,
    start_date: Text,
    end_date: Text,
    score: Option<ScalarText>,
    courses: Vec<String>,
}

/// `awards` and `certificates` (`name` and `issuer`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Award {
    #[serde(alias = "name")]
    title: Text,
    date: Text,
    #[serde(alias = "issuer")]
    awarder: Text,
    url: Text,
    summary: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Publication {
    name: Text,
    publisher: Option<String>,
    release_date: Text,
    url: Text,
    summary: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Skill {
    name: Text,
    level: Option<String>,
    keywords: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Language {
    language: Text,
    fluency: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reference {
    name: Text,
    reference: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Project {
    name: Text,
    description: Option<String>,
    highlights: Vec<String>,
    keywords: Vec<String>,
    start_date: Text,
    end_date: Text,
    url: Text,
    roles: Vec<String>,
    entity: Text,
}

// ---- Mapping to the CV types ----

struct Mapper<'a> {
    notes: &'a mut Vec<String>,
}

/// A text that says something: not missing, not blank.
fn given(t: &Text) -> Option<&Spanned<String>> {
    t.as_ref().filter(|s| !s.value.trim().is_empty())
}

fn spanned<T, U>(value: U, at: &Spanned<T>) -> Spanned<U> {
    Spanned::new(value, at.referenced, at.defined)
}

/// A JSON Resume date as a CV date: its day when it carries a time.
fn date(t: &Text) -> Option<Spanned<DateText>> {
    let s = given(t)?;
    let text = s.value.trim();
    let day = match text.split_once('T') {
        Some((day, _)) if day.len() == 10 => day,
        _ => text,
    };
    Some(spanned(DateText(day.to_string()), s))
}

/// The end of a span: a missing `endDate` after a `startDate` is "present".
fn end(start: &Text, end: &Text) -> Option<Spanned<DateText>> {
    date(end).or_else(|| given(start).map(|s| spanned(DateText("present".into()), s)))
}

/// A list of entries in its section, located at the first entry.
fn section<T, U>(
    items: &[Spanned<T>],
    map: impl FnMut(&Spanned<T>) -> Option<U>,
) -> Option<Spanned<Vec<U>>> {
    let first = items.first()?;
    let entries: Vec<U> = items.iter().filter_map(map).collect();
    (!entries.is_empty()).then(|| spanned(entries, first))
}

impl Mapper<'_> {
    fn cv(&mut self, r: Resume) -> CvFile {
        let b = r.basics.unwrap_or_default();
        let location = b.location.map(|p| {
            [p.city, p.region, p.country_code]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        });
        let summary = given(&b.summary).map(|s| spanned(self.plain("basics.summary", &s.value), s));
        CvFile {
            name: b.name.filter(|n| !n.trim().is_empty()),
            headline: b.label.filter(|n| !n.trim().is_empty()),
            email: b.email.filter(|n| !n.trim().is_empty()),
            phone: b.phone.filter(|p| !p.0.is_empty()),
            location: location.filter(|l| !l.is_empty()),
            website: given(&b.url).cloned(),
            profiles: b
                .profiles
                .into_iter()
                .filter_map(|p| {
                    Some(ProfileEntry {
                        network: p.network.filter(|n| !n.trim().is_empty())?,
                        username: p.username.filter(|n| !n.trim().is_empty()),
                        url: given(&p.url).cloned(),
                    })
                })
                .collect(),
            summary,
            positions: section(&r.work, |w| self.position("work", w)),
            service: section(&r.volunteer, |w| self.service(w)),
            education: section(&r.education, |e| self.education(e)),
            awards: section(&r.awards, |a| self.award("awards", a)),
            certificates: section(&r.certificates, |a| self.award("certificates", a)),
            publication_list: section(&r.publications, |p| self.publication(p)),
            skills: section(&r.skills, |s| self.skill("skills", s)),
            interests: section(&r.interests, |s| self.skill("interests", s)),
            languages: section(&r.languages, |l| {
                Some(LanguageEntry {
                    language: given(&l.value.language)?.clone(),
                    fluency: l.value.fluency.clone(),
                })
            }),
            references: section(&r.references, |x| self.reference(x)),
            projects: section(&r.projects, |p| self.project(p)),
            ..CvFile::default()
        }
    }

    /// HTML in a summary as the text it shows, noted once per field.
    fn plain(&mut self, field: &str, text: &str) -> String {
        let (plain, had_html) = html_to_text(text);
        if had_html {
            self.notes
                .push(format!("the HTML of `{field}` (shown as its text)"));
        }
        plain
    }

    fn details(&mut self, field: &str, text: &Option<String>) -> Option<String> {
        let t = text.as_deref().filter(|t| !t.trim().is_empty())?;
        Some(self.plain(field, t))
    }

    /// Notes an entry left out for want of the field that titles it.
    fn skip<T>(&mut self, what: &str, needed: &str) -> Option<T> {
        self.notes
            .push(format!("an entry of `{what}` (it has no `{needed}`)"));
        None
    }

    fn position(&mut self, what: &str, w: &Spanned<Work>) -> Option<PositionEntry> {
        let v = &w.value;
        let Some(title) = given(&v.position).or(given(&v.name)) else {
            return self.skip(what, "position");
        };
        Some(PositionEntry {
            title: title.clone(),
            institution: given(&v.position).and(given(&v.name)).cloned(),
            department: v.description.clone().filter(|d| !d.trim().is_empty()),
            location: v.location.clone().filter(|d| !d.trim().is_empty()),
            date: None,
            start: date(&v.start_date),
            end: end(&v.start_date, &v.end_date),
            url: given(&v.url).cloned(),
            details: self.details(&format!("{what}[].summary"), &v.summary),
            highlights: v.highlights.clone(),
        })
    }

    fn service(&mut self, w: &Spanned<Work>) -> Option<ServiceEntry> {
        let p = self.position("volunteer", w)?;
        Some(ServiceEntry {
            title: p.title,
            institution: p.institution,
            location: p.location,
            date: None,
            start: p.start,
            end: p.end,
            url: p.url,
            details: match (p.details, p.highlights.is_empty()) {
                (d, true) => d,
                (d, false) => Some(
                    d.into_iter()
                        .chain(p.highlights.iter().map(|h| format!("- {h}")))
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                ),
            },
        })
    }

    fn education(&mut self, e: &Spanned<Education>) -> Option<EducationEntry> {
        let v = &e.value;
        let degree = match (given(&v.study_type), &v.area) {
            (Some(t), _) => t.clone(),
            (None, Some(area)) if !area.trim().is_empty() => spanned(area.clone(), e),
            _ => return self.skip("education", "studyType"),
        };
        Some(EducationEntry {
            field: v
                .area
                .clone()
                .filter(|a| given(&v.study_type).is_some() && !a.trim().is_empty()),
            degree,
            institution: given(&v.institution).cloned(),
            location: None,
            date: None,
            start: date(&v.start_date),
            end: end(&v.start_date, &v.end_date),
            thesis: None,
            advisors: Vec::new(),
            grade: v.score.clone().filter(|s| !s.0.is_empty()),
            courses: v.courses.clone(),
            url: given(&v.url).cloned(),
            details: None,
            highlights: Vec::new(),
        })
    }

    fn award(&mut self, what: &str, a: &Spanned<Award>) -> Option<AwardEntry> {
        let v = &a.value;
        let Some(title) = given(&v.title) else {
            return self.skip(what, if what == "awards" { "title" } else { "name" });
        };
        Some(AwardEntry {
            title: title.clone(),
            awarder: given(&v.awarder).cloned(),
            location: None,
            date: date(&v.date),
            start: None,
            end: None,
            url: given(&v.url).cloned(),
            details: self.details(&format!("{what}[].summary"), &v.summary),
        })
    }

    fn publication(&mut self, p: &Spanned<Publication>) -> Option<CustomEntry> {
        let v = &p.value;
        let Some(title) = given(&v.name) else {
            return self.skip("publications", "name");
        };
        Some(CustomEntry {
            title: title.clone(),
            subtitle: v.publisher.clone().filter(|s| !s.trim().is_empty()),
            institution: None,
            location: None,
            date: date(&v.release_date),
            start: None,
            end: None,
            url: given(&v.url).cloned(),
            details: self.details("publications[].summary", &v.summary),
            highlights: Vec::new(),
            keywords: Vec::new(),
        })
    }

    fn skill(&mut self, what: &str, s: &Spanned<Skill>) -> Option<SkillEntry> {
        let v = &s.value;
        let Some(name) = given(&v.name) else {
            return self.skip(what, "name");
        };
        Some(SkillEntry {
            name: name.clone(),
            level: v.level.clone().filter(|l| !l.trim().is_empty()),
            keywords: v.keywords.clone(),
        })
    }

    fn reference(&mut self, r: &Spanned<Reference>) -> Option<ReferenceEntry> {
        let v = &r.value;
        let Some(name) = given(&v.name) else {
            return self.skip("references", "name");
        };
        Some(ReferenceEntry {
            name: Some(name.clone()),
            author: None,
            title: None,
            institution: None,
            relationship: None,
            email: None,
            phone: None,
            url: None,
            details: self.details("references[].reference", &v.reference),
        })
    }

    fn project(&mut self, p: &Spanned<Project>) -> Option<CustomEntry> {
        let v = &p.value;
        let Some(title) = given(&v.name) else {
            return self.skip("projects", "name");
        };
        Some(CustomEntry {
            title: title.clone(),
            subtitle: (!v.roles.is_empty()).then(|| v.roles.join(", ")),
            institution: given(&v.entity).cloned(),
            location: None,
            date: None,
            start: date(&v.start_date),
            end: date(&v.end_date),
            url: given(&v.url).cloned(),
            details: self.details("projects[].description", &v.description),
            highlights: v.highlights.clone(),
            keywords: v.keywords.clone(),
        })
    }
}

/// The text an HTML fragment shows: tags dropped (a paragraph or line break
/// becomes a new paragraph, a list item a bullet), the common entities
/// decoded. Also says whether there was any HTML.
pub(crate) fn html_to_text(html: &str) -> (String, bool) {
    if !html.contains('<') && !html.contains('&') {
        return (html.to_string(), false);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut had = false;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        let tag = rest[i + 1..i + j].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !name.is_empty() {
            had = true;
            match name.as_str() {
                "br" | "p" | "div" | "ul" | "ol" => out.push_str("\n\n"),
                "li" if !tag.starts_with('/') => out.push_str("\n\n- "),
                _ => {}
            }
        } else {
            out.push_str(&rest[i..i + j + 1]);
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    let mut decoded = out;
    for (entity, c) in [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&amp;", "&"),
    ] {
        if decoded.contains(entity) {
            had = true;
            decoded = decoded.replace(entity, c);
        }
    }
    let paragraphs: Vec<String> = decoded
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty() && p != "-")
        .collect();
    (paragraphs.join("\n\n"), had)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_its_text() {
        let (text, had) = html_to_text(
            "<p>I build <b>models</b> &amp; tools.</p><ul><li>One</li><li>Two</li></ul>",
        );
        assert!(had);
        assert_eq!(text, "I build models & tools.\n\n- One\n\n- Two");
        assert_eq!(html_to_text("x < y"), ("x < y".to_string(), false));
    }
}
