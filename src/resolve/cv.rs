//! The CV: sections put in the order their keys were written (publications,
//! talks and teaching, filled by `render`, last when not written), every entry
//! turned into one shape (dates checked, `present` understood, institutions
//! looked up among the site's affiliations, links checked, Markdown rendered),
//! and the person and referees matched to the site's authors (an unknown id is
//! a located error with the closest known one).

use std::collections::BTreeMap;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::load::Loaded;
use crate::markdown;
use crate::model::config::Config;
use crate::model::cv::{CvEntry, CvSection, Filter, SectionKind, Until, When};
use crate::model::schema::{CvFile, DateText, PulledSection, ScalarText};
use crate::model::{Author, Cv, PartialDate};
use crate::text::{closest, safe_url};

use super::author::affiliation_of;
use super::located::{at, position, render_text, report_math};

/// What one resolution works with: the site, the file, and where problems go.
struct Ctx<'a> {
    config: &'a Config,
    authors: &'a BTreeMap<String, Author>,
    path: &'a Path,
    diags: &'a mut Vec<Diagnostic>,
    /// Markdown texts rendered so far: each one's note ids start with
    /// `cv-N-`, as the whole CV is one page.
    texts: usize,
}

/// Resolves the CV file; `None` (with every problem reported) when it has errors.
pub(super) fn resolve_cv(
    config: &Config,
    authors: &BTreeMap<String, Author>,
    has_papers: bool,
    file: Loaded<CvFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Cv> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let path = file.path.clone();
    let mut f = file.value;
    // A JSON Resume lists its publications by hand; a site with papers/ lists
    // them from there, and one list is enough.
    if has_papers
        && path.extension().is_some_and(|e| e == "json")
        && let Some(list) = f.publication_list.take()
    {
        let (line, column) = position(&list);
        diags.push(
            Diagnostic::warning(
                &path,
                line,
                column,
                "the publications of resume.json are not shown: the CV lists the site's papers/",
            )
            .with_hint("leave `publications` out of resume.json, or remove papers/"),
        );
    }
    let mut cx = Ctx {
        config,
        authors,
        path: &path,
        diags,
        texts: 0,
    };
    let person = match &f.person {
        Some(id) => cx.author_id(id).then(|| id.value.clone()),
        None => config.owner.clone().filter(|o| authors.contains_key(o)),
    };
    let author = person.as_ref().and_then(|id| authors.get(id));
    let name = f
        .name
        .clone()
        .or_else(|| author.map(|a| a.name.clone()))
        .unwrap_or_default();
    if name.trim().is_empty() && f.person.is_none() {
        cx.diags.push(
            Diagnostic::error(&path, 0, 0, "the CV has no name")
                .with_hint("write `person:` with an author id, or `name:`"),
        );
    }
    let website = f
        .website
        .as_ref()
        .and_then(|w| cx.link("website", w))
        .or_else(|| author.and_then(homepage));
    let summary_html = cx.markdown("summary", f.summary.as_ref());
    let profiles = f
        .profiles
        .iter()
        .map(|p| {
            let label = match &p.username {
                Some(user) => format!("{}: {user}", p.network),
                None => p.network.clone(),
            };
            (
                label,
                p.url.as_ref().and_then(|u| cx.link("profiles.url", u)),
            )
        })
        .collect();
    let sections = cx.sections(&f);
    if cx.diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Cv {
        person,
        name,
        headline: f
            .headline
            .clone()
            .or_else(|| author.and_then(|a| a.position.clone())),
        email: f.email.clone(),
        phone: f.phone.map(|p| p.0),
        location: f.location.clone(),
        website,
        profiles,
        summary_html,
        sections,
        source: path,
    })
}

fn homepage(a: &Author) -> Option<String> {
    a.links
        .iter()
        .find(|l| l.kind == "homepage")
        .map(|l| l.url.clone())
}

/// A written section and where its key stands in the file.
type Placed = ((u64, u64), CvSection);

impl Ctx<'_> {
    /// Every section, in the order its key was written; publications and talks
    /// not written come last.
    fn sections(&mut self, f: &CvFile) -> Vec<CvSection> {
        let mut placed: Vec<Placed> = Vec::new();
        macro_rules! section {
            ($field:ident, $kind:expr, $entry:ident) => {
                if let Some(list) = &f.$field {
                    let entries = list.value.iter().map(|e| self.$entry(e)).collect();
                    placed.push((position(list), written($kind, None, entries)));
                }
            };
        }
        section!(education, SectionKind::Education, education);
        section!(positions, SectionKind::Positions, position);
        section!(awards, SectionKind::Awards, award);
        section!(grants, SectionKind::Grants, grant);
        section!(service, SectionKind::Service, service);
        section!(skills, SectionKind::Skills, skill);
        section!(interests, SectionKind::Interests, skill);
        section!(languages, SectionKind::Languages, language);
        section!(references, SectionKind::References, reference);
        section!(certificates, SectionKind::Certificates, award);
        section!(projects, SectionKind::Projects, custom);
        section!(publication_list, SectionKind::PublicationList, custom);
        if let Some(custom) = &f.custom {
            for (i, s) in custom.value.iter().enumerate() {
                let entries = s.entries.iter().map(|e| self.custom(e)).collect();
                let (line, column) = position(custom);
                let title = s.title.value.trim().to_string();
                if title.is_empty() {
                    self.diags.push(
                        at(self.path, &s.title, "the section's title is empty")
                            .with_hint("write the heading of the section"),
                    );
                }
                let section = written(SectionKind::Custom, Some(title), entries);
                placed.push(((line, column + i as u64), section));
            }
        }
        let pulled = [
            (SectionKind::Publications, &f.publications),
            (SectionKind::Talks, &f.talks),
            (SectionKind::Teaching, &f.teaching),
        ];
        let mut last = Vec::new();
        for (kind, spec) in pulled {
            match spec {
                Some(s) if s.value.hidden => {}
                Some(s) => {
                    let section = self.pulled(kind, s);
                    placed.push((position(s), section));
                }
                None => last.push(self.pulled_default(kind)),
            }
        }
        placed.sort_by_key(|(at, _)| *at);
        placed.into_iter().map(|(_, s)| s).chain(last).collect()
    }

    fn pulled(&mut self, kind: SectionKind, s: &Spanned<PulledSection>) -> CvSection {
        if s.value.selected && kind != SectionKind::Publications {
            self.diags.push(
                at(self.path, s, "`selected` applies to publications only")
                    .with_hint("use `since: YEAR` to shorten the list"),
            );
        }
        if let Some(year) = &s.value.since
            && !(1000..=9999).contains(&year.value)
        {
            self.diags.push(
                at(
                    self.path,
                    year,
                    format!("since: {} is not a year", year.value),
                )
                .with_hint("write a year such as 2018"),
            );
        }
        CvSection {
            filter: Filter {
                selected: s.value.selected,
                since: s.value.since.as_ref().map(|y| y.value),
            },
            ..self.pulled_default(kind)
        }
    }

    fn pulled_default(&self, kind: SectionKind) -> CvSection {
        CvSection {
            kind,
            title: None,
            entries: Vec::new(),
            filter: Filter::default(),
        }
    }

    fn education(&mut self, e: &crate::model::schema::EducationEntry) -> CvEntry {
        let mut facts = Vec::new();
        if let Some(thesis) = &e.thesis {
            facts.push(("cv_thesis", thesis.clone()));
        }
        if !e.advisors.is_empty() {
            facts.push(("cv_advisors", self.config.locale.enumerate(&e.advisors)));
        }
        if let Some(grade) = &e.grade {
            facts.push(("cv_grade", grade.0.clone()));
        }
        if !e.courses.is_empty() {
            facts.push(("cv_courses", self.config.locale.enumerate(&e.courses)));
        }
        CvEntry {
            title_html: self.inline("degree", &e.degree),
            subtitle: e.field.clone(),
            org: e.institution.as_ref().map(|i| self.org(i)),
            location: e.location.clone(),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            facts,
            details_html: self.details(e.details.as_deref()),
            highlights_html: self.highlights(&e.highlights),
            ..CvEntry::default()
        }
    }

    fn position(&mut self, e: &crate::model::schema::PositionEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("title", &e.title),
            subtitle: e.department.clone(),
            org: e.institution.as_ref().map(|i| self.org(i)),
            location: e.location.clone(),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            details_html: self.details(e.details.as_deref()),
            highlights_html: self.highlights(&e.highlights),
            ..CvEntry::default()
        }
    }

    fn award(&mut self, e: &crate::model::schema::AwardEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("title", &e.title),
            org: e.awarder.as_ref().map(|i| self.org(i)),
            location: e.location.clone(),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            details_html: self.details(e.details.as_deref()),
            ..CvEntry::default()
        }
    }

    fn grant(&mut self, e: &crate::model::schema::GrantEntry) -> CvEntry {
        let text = |v: &Option<ScalarText>| v.as_ref().map(|s| s.0.clone());
        let facts = [
            ("cv_role", e.role.clone()),
            ("cv_amount", text(&e.amount)),
            ("cv_grant_number", text(&e.number)),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        CvEntry {
            title_html: self.inline("title", &e.title),
            org: e.funder.as_ref().map(|i| self.org(i)),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            facts,
            details_html: self.details(e.details.as_deref()),
            ..CvEntry::default()
        }
    }

    fn service(&mut self, e: &crate::model::schema::ServiceEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("title", &e.title),
            org: e.institution.as_ref().map(|i| self.org(i)),
            location: e.location.clone(),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            details_html: self.details(e.details.as_deref()),
            ..CvEntry::default()
        }
    }

    fn skill(&mut self, e: &crate::model::schema::SkillEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("name", &e.name),
            subtitle: e.level.clone(),
            keywords: e.keywords.clone(),
            ..CvEntry::default()
        }
    }

    fn language(&mut self, e: &crate::model::schema::LanguageEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("language", &e.language),
            subtitle: e.fluency.clone(),
            ..CvEntry::default()
        }
    }

    fn reference(&mut self, e: &crate::model::schema::ReferenceEntry) -> CvEntry {
        let author = match &e.author {
            Some(id) if self.author_id(id) => self.authors.get(&id.value),
            _ => None,
        };
        let name = match (&e.name, author) {
            (Some(n), _) => self.inline("name", n),
            (None, Some(a)) => crate::escape::html(&a.name),
            (None, None) => {
                if e.author.is_none() {
                    self.diags.push(
                        Diagnostic::error(self.path, 0, 0, "a reference has no `name`")
                            .with_hint("write `name:`, or `author:` with an author id"),
                    );
                }
                String::new()
            }
        };
        let org = match (&e.institution, author) {
            (Some(i), _) => Some(self.org(i)),
            (None, Some(a)) => a.affiliation.clone(),
            (None, None) => None,
        };
        let mut facts = Vec::new();
        if let Some(r) = &e.relationship {
            facts.push(("cv_relationship", r.clone()));
        }
        if let Some(p) = &e.phone {
            facts.push(("cv_phone", p.0.clone()));
        }
        CvEntry {
            title_html: name,
            subtitle: e
                .title
                .clone()
                .or_else(|| author.and_then(|a| a.position.clone())),
            org,
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            email: e.email.clone(),
            facts,
            details_html: self.details(e.details.as_deref()),
            ..CvEntry::default()
        }
    }

    fn custom(&mut self, e: &crate::model::schema::CustomEntry) -> CvEntry {
        CvEntry {
            title_html: self.inline("title", &e.title),
            subtitle: e.subtitle.clone(),
            org: e.institution.as_ref().map(|i| self.org(i)),
            location: e.location.clone(),
            when: self.when(&e.date, &e.start, &e.end),
            url: e.url.as_ref().and_then(|u| self.link("url", u)),
            details_html: self.details(e.details.as_deref()),
            highlights_html: self.highlights(&e.highlights),
            keywords: e.keywords.clone(),
            ..CvEntry::default()
        }
    }

    /// Whether `id` names an author of the site; reports it when not.
    fn author_id(&mut self, id: &Spanned<String>) -> bool {
        if self.authors.contains_key(&id.value) {
            return true;
        }
        let hint = match closest(&id.value, self.authors.keys().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "write the id of an author in authors/".to_string(),
        };
        self.diags
            .push(at(self.path, id, format!("unknown author id `{}`", id.value)).with_hint(hint));
        false
    }

    fn org(&mut self, key: &Spanned<String>) -> (String, Option<String>) {
        affiliation_of(self.config, self.path, key, self.diags)
    }

    /// `date`, or `start` and `end`, checked: `end` may be `present`, and comes
    /// after `start`.
    fn when(
        &mut self,
        date: &Option<Spanned<DateText>>,
        start: &Option<Spanned<DateText>>,
        end: &Option<Spanned<DateText>>,
    ) -> Option<When> {
        if let Some(d) = date {
            if start.is_some() || end.is_some() {
                self.diags.push(
                    at(self.path, d, "`date` and `start`/`end` exclude each other")
                        .with_hint("write one date, or a start and an end"),
                );
                return None;
            }
            return self.date(d).map(|d| When {
                start: Some(d),
                end: None,
            });
        }
        let start_date = start.as_ref().and_then(|s| self.date(s));
        let until = end.as_ref().and_then(|e| self.until(e));
        if let (Some(s), Some(Until::Date(e)), Some(at_end)) = (start_date, until, end)
            && e < s
        {
            self.diags.push(
                at(self.path, at_end, "end is before start")
                    .with_hint("write the end date, or `present`"),
            );
        }
        if start.is_none() && end.is_none() {
            return None;
        }
        Some(When {
            start: start_date,
            end: until,
        })
    }

    fn date(&mut self, text: &Spanned<DateText>) -> Option<PartialDate> {
        match PartialDate::parse(&text.value.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                let hint = if text.value.0.eq_ignore_ascii_case("present") {
                    "`present` is for `end` only"
                } else {
                    "write YYYY, YYYY-MM or YYYY-MM-DD"
                };
                self.diags.push(at(self.path, text, msg).with_hint(hint));
                None
            }
        }
    }

    fn until(&mut self, text: &Spanned<DateText>) -> Option<Until> {
        if text.value.0.eq_ignore_ascii_case("present") {
            return Some(Until::Present);
        }
        match PartialDate::parse(&text.value.0) {
            Ok(d) => Some(Until::Date(d)),
            Err(msg) => {
                self.diags.push(
                    at(self.path, text, msg).with_hint("write a date, or `present` if ongoing"),
                );
                None
            }
        }
    }

    fn link(&mut self, field: &str, value: &Spanned<String>) -> Option<String> {
        let raw = value.value.trim();
        match safe_url(raw) {
            Some(url) => Some(self.config.link(url)),
            None => {
                self.diags.push(
                    at(self.path, value, format!("{field}: `{raw}` is not allowed"))
                        .with_hint("use an http(s) link or a path such as /files/cv.pdf"),
                );
                None
            }
        }
    }

    /// A one-line text as HTML, maths as MathML; an empty one is an error.
    fn inline(&mut self, field: &str, value: &Spanned<String>) -> String {
        if value.value.trim().is_empty() {
            self.diags.push(
                at(self.path, value, format!("`{field}` is empty"))
                    .with_hint("write it, or remove the entry"),
            );
        }
        let mut problems = Vec::new();
        let html = markdown::render_inline(&value.value, &mut problems);
        report_math(self.path, field, position(value), problems, self.diags);
        html
    }

    fn markdown(&mut self, field: &str, value: Option<&Spanned<String>>) -> String {
        let Some(value) = value else {
            return String::new();
        };
        let mut problems = Vec::new();
        let html = self.render(&value.value, &mut problems);
        report_math(self.path, field, position(value), problems, self.diags);
        html
    }

    /// A Markdown text of the CV, its note ids unique on the page.
    fn render(&mut self, text: &str, problems: &mut Vec<markdown::MathProblem>) -> String {
        self.texts += 1;
        render_text(self.config, text, &format!("cv-{}-", self.texts), problems)
    }

    fn details(&mut self, text: Option<&str>) -> String {
        let Some(text) = text else {
            return String::new();
        };
        let mut problems = Vec::new();
        let html = self.render(text, &mut problems);
        report_math(self.path, "details", (0, 0), problems, self.diags);
        html
    }

    fn highlights(&mut self, items: &[String]) -> Vec<String> {
        items
            .iter()
            .map(|h| {
                let mut problems = Vec::new();
                let html = self.render(h, &mut problems);
                report_math(self.path, "highlights", (0, 0), problems, self.diags);
                one_paragraph(html)
            })
            .collect()
    }
}

fn written(kind: SectionKind, title: Option<String>, entries: Vec<CvEntry>) -> CvSection {
    CvSection {
        kind,
        title,
        entries,
        filter: Filter::default(),
    }
}

/// A bullet's HTML without the paragraph around it, when it is one paragraph.
fn one_paragraph(html: String) -> String {
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"));
    match inner {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}
