//! The CV page (`/cv/`): the header, the written sections in their order, and
//! the publications, talks and courses pulled from the site, grouped by kind
//! (courses by role), filtered
//! as the CV asks, with the CV's person highlighted in every author list.

use serde::Serialize;

use super::context::{PaperAuthorCtx, author_dir, paper_dir, short_authors};
use super::shared::{Job, Shared};
use super::talks::talk_dir;
use crate::i18n::Locale;
use crate::model::config::Mode;
use crate::model::cv::{CvEntry, CvSection, Filter, SectionKind, Until, When};
use crate::model::schema::{CourseRole, PaperKind, TalkKind};
use crate::model::{Course, Cv, Link, Paper, Site, Talk};

/// The folder of the CV page.
pub(super) const CV_DIR: &str = "cv/";

#[derive(Serialize)]
struct CvCtx<'a> {
    name: &'a str,
    headline: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    location: Option<&'a str>,
    website: Option<&'a str>,
    /// The person's profile links (from their author file), but the email.
    links: Vec<&'a Link>,
    /// Profiles written in the CV: `{label, url}` (url may be none).
    profiles: Vec<ProfileCtx<'a>>,
    /// The person's page on the site.
    person_url: Option<String>,
    summary_html: &'a str,
    sections: Vec<SectionCtx<'a>>,
}

#[derive(Serialize)]
struct ProfileCtx<'a> {
    label: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    /// `education`, `positions`... `custom`, `publications`, `talks`.
    kind: SectionKind,
    /// The heading's id, unique on the page.
    id: String,
    title: String,
    entries: Vec<EntryCtx<'a>>,
    /// Pulled sections: their entries by kind.
    groups: Vec<GroupCtx<'a>>,
}

#[derive(Serialize)]
struct FactCtx<'a> {
    label: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct EntryCtx<'a> {
    title_html: &'a str,
    subtitle: Option<&'a str>,
    org: Option<&'a str>,
    org_url: Option<&'a str>,
    location: Option<&'a str>,
    /// `Sep 2016 – Jun 2020`, `2021 – present`, `2023`, or empty.
    when: String,
    url: Option<&'a str>,
    facts: Vec<FactCtx<'a>>,
    keywords: &'a [String],
    email: Option<&'a str>,
    details_html: &'a str,
    highlights_html: &'a [String],
}

/// The publications or talks of one kind.
#[derive(Serialize)]
struct GroupCtx<'a> {
    id: String,
    title: &'a str,
    items: Vec<ItemCtx<'a>>,
}

/// A paper, talk or course as the CV lists it.
#[derive(Serialize)]
struct ItemCtx<'a> {
    url: String,
    title_html: &'a str,
    /// Courses: the course code, and the institution.
    code: Option<&'a str>,
    institution: Option<&'a str>,
    /// Papers: every author, the CV's person highlighted.
    authors: Vec<PaperAuthorCtx>,
    /// Papers: the venue as HTML; talks: the event.
    venue_html: Option<&'a str>,
    event: Option<&'a str>,
    location: String,
    /// The date for machines; empty for a course (its terms are words).
    date_iso: String,
    /// The date, or a course's terms (`Fall 2024, Spring 2024`).
    date_display: String,
    award: Option<&'a str>,
}

/// The CV page.
pub(super) fn job(s: &Shared, cv: &Cv) -> Job {
    let site = s.site;
    let locale = &site.config.locale;
    let person = cv.person.as_deref().and_then(|id| site.authors.get(id));
    let mut sections = Vec::new();
    let mut custom = 0;
    for section in &cv.sections {
        let id = match section.kind {
            SectionKind::Custom => {
                custom += 1;
                format!("cv-custom-{custom}")
            }
            kind => format!("cv-{}", kind_name(kind)),
        };
        let title = match &section.title {
            Some(t) => t.clone(),
            None => locale.text(section.kind.heading()).to_string(),
        };
        let groups = match section.kind {
            SectionKind::Publications => paper_groups(site, cv, section.filter),
            SectionKind::Talks => talk_groups(site, cv, section.filter),
            SectionKind::Teaching => course_groups(site, cv, section.filter),
            _ => Vec::new(),
        };
        let pulled = matches!(
            section.kind,
            SectionKind::Publications | SectionKind::Talks | SectionKind::Teaching
        );
        if groups.is_empty() && (pulled || section.entries.is_empty()) {
            continue;
        }
        sections.push(SectionCtx {
            kind: section.kind,
            id,
            title,
            entries: entries(section, locale),
            groups,
        });
    }
    let links: &[Link] = person.map_or(&[][..], |a| &a.links);
    let author_email = links
        .iter()
        .find(|l| l.kind == "email")
        .and_then(|l| l.url.strip_prefix("mailto:"));
    let ctx = CvCtx {
        name: &cv.name,
        headline: cv.headline.as_deref(),
        email: cv.email.as_deref().or(author_email),
        phone: cv.phone.as_deref(),
        location: cv.location.as_deref(),
        website: cv.website.as_deref(),
        // The email is shown as its address, and the homepage as the website.
        links: links
            .iter()
            .filter(|l| l.kind != "email")
            .filter(|l| !(l.kind == "homepage" && cv.website.as_deref() == Some(&l.url)))
            .collect(),
        profiles: cv
            .profiles
            .iter()
            .map(|(label, url)| ProfileCtx {
                label,
                url: url.as_deref(),
            })
            .collect(),
        person_url: person.map(|a| site.config.url_for(&author_dir(&a.id))),
        summary_html: &cv.summary_html,
        sections,
    };
    let mut page = s.page("cv", s.text("cv"), CV_DIR);
    page.jsonld = Some(crate::scholar::meta::script_json(
        &crate::scholar::meta::cv(cv, site),
    ));
    let mut context = tera::Context::new();
    context.insert("page", &page);
    context.insert("cv", &ctx);
    Job {
        template: "cv.html",
        path: format!("{CV_DIR}index.html"),
        context,
    }
}

fn kind_name(kind: SectionKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn entries<'a>(section: &'a CvSection, locale: &'a Locale) -> Vec<EntryCtx<'a>> {
    section
        .entries
        .iter()
        .map(|e| entry_ctx(e, locale))
        .collect()
}

fn entry_ctx<'a>(e: &'a CvEntry, locale: &'a Locale) -> EntryCtx<'a> {
    EntryCtx {
        title_html: &e.title_html,
        subtitle: e.subtitle.as_deref(),
        org: e.org.as_ref().map(|(n, _)| n.as_str()),
        org_url: e.org.as_ref().and_then(|(_, u)| u.as_deref()),
        location: e.location.as_deref(),
        when: e.when.map(|w| when_text(w, locale)).unwrap_or_default(),
        url: e.url.as_deref(),
        facts: e
            .facts
            .iter()
            .map(|(k, v)| FactCtx {
                label: locale.text(k),
                value: v,
            })
            .collect(),
        keywords: &e.keywords,
        email: e.email.as_deref(),
        details_html: &e.details_html,
        highlights_html: &e.highlights_html,
    }
}

/// `Sep 2016 – Jun 2020`, `2021 – present`, `– 2019`, or one date.
pub(crate) fn when_text(w: When, locale: &Locale) -> String {
    let start = w.start.map(|d| d.display(locale)).unwrap_or_default();
    match w.end {
        None => start,
        Some(Until::Present) => format!("{start} – {}", locale.text("cv_present"))
            .trim_start()
            .to_string(),
        Some(Until::Date(end)) if Some(end) == w.start => start,
        Some(Until::Date(end)) => format!("{start} – {}", end.display(locale))
            .trim_start()
            .to_string(),
    }
}

/// Whether the CV lists everything of the site (the owner of a personal
/// site), or only what names its person.
fn everything(site: &Site, cv: &Cv) -> bool {
    site.config.mode == Mode::Personal && cv.person.is_some() && cv.person == site.config.owner
        || cv.person.is_none()
}

fn paper_groups<'a>(site: &'a Site, cv: &Cv, filter: Filter) -> Vec<GroupCtx<'a>> {
    const ORDER: [(Option<PaperKind>, &str); 8] = [
        (Some(PaperKind::Article), "cv_papers_article"),
        (Some(PaperKind::Conference), "cv_papers_conference"),
        (Some(PaperKind::Book), "cv_papers_book"),
        (Some(PaperKind::Chapter), "cv_papers_chapter"),
        (Some(PaperKind::Thesis), "cv_papers_thesis"),
        (Some(PaperKind::Report), "cv_papers_report"),
        (Some(PaperKind::Preprint), "cv_papers_preprint"),
        (None, "cv_papers_misc"),
    ];
    let all = everything(site, cv);
    let shown: Vec<&Paper> = site
        .papers
        .iter()
        .filter(|p| all || p.authors.iter().any(|a| a.id == cv.person))
        .filter(|p| !filter.selected || p.selected)
        .filter(|p| filter.since.is_none_or(|y| p.date.year >= y))
        .collect();
    let mut groups: Vec<GroupCtx> = Vec::new();
    for (i, (kind, label)) in ORDER.iter().enumerate() {
        let kind_of = |p: &Paper| p.kind.filter(|k| *k != PaperKind::Misc);
        let wanted = |p: &&&Paper| kind_of(p) == *kind;
        let items: Vec<ItemCtx> = shown
            .iter()
            .filter(wanted)
            .map(|p| paper_item(site, cv, p))
            .collect();
        if !items.is_empty() {
            groups.push(GroupCtx {
                id: format!("cv-papers-{i}"),
                title: site.config.locale.text(label),
                items,
            });
        }
    }
    groups
}

fn paper_item<'a>(site: &'a Site, cv: &Cv, p: &'a Paper) -> ItemCtx<'a> {
    let config = &site.config;
    let author_ref = |a: &crate::model::PaperAuthor| {
        let url = a.id.as_ref().map(|id| config.url_for(&author_dir(id)));
        let me = match &cv.person {
            Some(person) => a.id.as_ref() == Some(person),
            None => a.id.as_deref().is_some_and(|id| site.highlights(id)),
        };
        (url, me)
    };
    let (authors, _) = short_authors(&p.authors, usize::MAX, false, &config.locale, author_ref);
    ItemCtx {
        url: config.url_for(&paper_dir(p)),
        title_html: &p.title_html,
        code: None,
        institution: None,
        authors,
        venue_html: p.venue_html.as_deref(),
        event: None,
        location: String::new(),
        date_iso: p.date.iso(),
        date_display: p.date.year.to_string(),
        award: p.award.as_deref(),
    }
}

fn talk_groups<'a>(site: &'a Site, cv: &Cv, filter: Filter) -> Vec<GroupCtx<'a>> {
    const ORDER: [(Option<TalkKind>, &str); 9] = [
        (Some(TalkKind::Keynote), "cv_talks_keynote"),
        (Some(TalkKind::Invited), "cv_talks_invited"),
        (Some(TalkKind::Contributed), "cv_talks_contributed"),
        (Some(TalkKind::Seminar), "cv_talks_seminar"),
        (Some(TalkKind::Tutorial), "cv_talks_tutorial"),
        (Some(TalkKind::Panel), "cv_talks_panel"),
        (Some(TalkKind::Poster), "cv_talks_poster"),
        (Some(TalkKind::Defense), "cv_talks_defense"),
        (None, "cv_talks_other"),
    ];
    let all = everything(site, cv);
    let shown: Vec<&Talk> = site
        .talks
        .iter()
        .filter(|t| all || t.authors.iter().any(|a| Some(a) == cv.person.as_ref()))
        .filter(|t| filter.since.is_none_or(|y| t.date.year >= y))
        .collect();
    let mut groups = Vec::new();
    for (i, (kind, label)) in ORDER.iter().enumerate() {
        let items: Vec<ItemCtx> = shown
            .iter()
            .filter(|t| t.kind == *kind)
            .map(|t| talk_item(site, t))
            .collect();
        if !items.is_empty() {
            groups.push(GroupCtx {
                id: format!("cv-talks-{i}"),
                title: site.config.locale.text(label),
                items,
            });
        }
    }
    groups
}

fn talk_item<'a>(site: &'a Site, t: &'a Talk) -> ItemCtx<'a> {
    let locale = &site.config.locale;
    ItemCtx {
        url: site.config.url_for(&talk_dir(t)),
        title_html: &t.title_html,
        code: None,
        institution: None,
        authors: Vec::new(),
        venue_html: None,
        event: t.event.as_deref(),
        location: t.location.as_ref().map(|l| l.display()).unwrap_or_default(),
        date_iso: t.date.iso(),
        date_display: t.date.display(locale),
        award: None,
    }
}

fn course_groups<'a>(site: &'a Site, cv: &Cv, filter: Filter) -> Vec<GroupCtx<'a>> {
    const ORDER: [(Option<CourseRole>, &str); 5] = [
        (Some(CourseRole::Instructor), "cv_teaching_instructor"),
        (Some(CourseRole::CoInstructor), "cv_teaching_co_instructor"),
        (Some(CourseRole::TeachingAssistant), "cv_teaching_assistant"),
        (Some(CourseRole::GuestLecturer), "cv_teaching_guest"),
        (None, "cv_teaching_other"),
    ];
    let all = everything(site, cv);
    let shown: Vec<&Course> = site
        .courses
        .iter()
        .filter(|c| all || c.authors.iter().any(|a| Some(a) == cv.person.as_ref()))
        .filter(|c| filter.since.is_none_or(|y| c.latest().0 >= y))
        .collect();
    let mut groups = Vec::new();
    for (i, (role, label)) in ORDER.iter().enumerate() {
        let items: Vec<ItemCtx> = shown
            .iter()
            .filter(|c| c.role == *role)
            .map(|c| course_item(site, c))
            .collect();
        if !items.is_empty() {
            groups.push(GroupCtx {
                id: format!("cv-teaching-{i}"),
                title: site.config.locale.text(label),
                items,
            });
        }
    }
    groups
}

fn course_item<'a>(site: &'a Site, c: &'a Course) -> ItemCtx<'a> {
    let locale = &site.config.locale;
    let terms: Vec<String> = c.terms.iter().map(|t| t.display(locale)).collect();
    ItemCtx {
        url: site.config.url_for(&super::teaching::course_dir(c)),
        title_html: &c.title_html,
        code: c.code.as_deref(),
        institution: c.institution.as_ref().map(|(name, _)| name.as_str()),
        authors: Vec::new(),
        venue_html: None,
        event: None,
        location: String::new(),
        date_iso: String::new(),
        date_display: locale.enumerate(&terms),
        award: None,
    }
}
