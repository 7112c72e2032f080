//! Talks: dates, links and the place checked, paper slugs and speaker ids
//! matched to the site's papers and authors (an unknown one is a located error
//! with the closest known name).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::Diagnostic;
use crate::load::Loaded;
use crate::markdown;
use crate::model::config::Config;
use crate::model::schema::{TalkFile, TalkLinks, TalkLocation};
use crate::model::{Author, Link, PartialDate, Place, Talk};
use crate::text::{check_slug, closest, slugify};

use super::located::{at, checked_link, named_links, position, render_text, report_math};

/// What a talk may point at: the site's authors and the slugs of its papers.
pub(super) struct Targets<'a> {
    pub(super) authors: &'a BTreeMap<String, Author>,
    pub(super) papers: HashSet<&'a str>,
}

/// Resolves one talk file; `None` (with every problem reported) when it has errors.
pub(super) fn resolve_talk(
    config: &Config,
    targets: &Targets,
    file: Loaded<TalkFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Talk> {
    let path = file.path;
    let t = file.value;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let slug = slugify(&path.file_stem().unwrap_or_default().to_string_lossy());
    if let Err(msg) = check_slug(&slug) {
        diags.push(Diagnostic::error(&path, 0, 0, msg).with_hint("rename the file"));
    }
    if t.title.value.trim().is_empty() {
        diags.push(at(&path, &t.title, "the title is empty").with_hint("write the talk's title"));
    }
    let date = date_of(&path, &t.date, diags);
    let end_date = t.end_date.as_ref().and_then(|e| date_of(&path, e, diags));
    if let (Some(start), Some(end), Some(e)) = (date, end_date, &t.end_date)
        && end < start
    {
        diags.push(
            at(&path, e, "end_date is before date").with_hint("write the last day of the talk"),
        );
    }
    let event_url = t
        .event_url
        .as_ref()
        .and_then(|u| checked_link(config, &path, "event_url", u, diags));
    let links = talk_links(config, &t.links, &path, diags);
    let location = t.location.as_ref().and_then(|l| place(&path, l, diags));
    for p in &t.papers {
        check_ref(&path, "paper slug", p, &targets.papers, diags);
    }
    let ids: HashSet<&str> = targets.authors.keys().map(String::as_str).collect();
    for a in &t.authors {
        check_ref(&path, "author id", a, &ids, diags);
    }
    let mut problems = Vec::new();
    let title_html = markdown::render_inline(&t.title.value, &mut problems);
    report_math(&path, "title", position(&t.title), problems, diags);
    let abstract_text = t
        .abstract_
        .as_ref()
        .map(|a| a.value.clone())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let prefix = format!("talk-{slug}-");
    let abstract_html = render_text(config, &abstract_text, &prefix, &mut problems);
    let at_abstract = t.abstract_.as_ref().map_or((0, 0), position);
    report_math(&path, "abstract", at_abstract, problems, diags);
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Talk {
        slug,
        title: t.title.value,
        title_html,
        date: date?,
        end_date,
        event: t.event,
        event_url,
        kind: t.kind,
        location,
        links,
        papers: t.papers.into_iter().map(|p| p.value).collect(),
        authors: t.authors.into_iter().map(|a| a.value).collect(),
        abstract_text,
        abstract_html,
        source: path,
    })
}

pub(super) fn date_of(
    path: &Path,
    text: &Spanned<crate::model::schema::DateText>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    PartialDate::parse(&text.value.0)
        .map_err(|msg| diags.push(at(path, text, msg)))
        .ok()
}

/// A paper slug or author id that must name something of the site.
pub(super) fn check_ref(
    path: &Path,
    what: &str,
    value: &Spanned<String>,
    known: &HashSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    if known.contains(value.value.as_str()) {
        return;
    }
    let mut sorted: Vec<&str> = known.iter().copied().collect();
    sorted.sort_unstable();
    let hint = match closest(&value.value, sorted) {
        Some(best) => format!("did you mean `{best}`?"),
        None if what == "paper slug" => "write the slug of a paper in papers/".to_string(),
        None if what == "talk slug" => "write the slug of a talk in talks/".to_string(),
        None => "write the id of an author in authors/".to_string(),
    };
    diags.push(at(path, value, format!("unknown {what} `{}`", value.value)).with_hint(hint));
}

fn talk_links(
    config: &Config,
    l: &TalkLinks,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let specs = [
        ("slides", "link_slides", &l.slides),
        ("video", "link_video", &l.video),
        ("recording", "link_recording", &l.recording),
        ("poster", "link_poster", &l.poster),
        ("code", "link_code", &l.code),
        ("event", "link_event", &l.event),
    ];
    named_links(config, &specs, path, diags)
}

/// The place, with coordinates only when both are given and within range.
fn place(path: &Path, l: &TalkLocation, diags: &mut Vec<Diagnostic>) -> Option<Place> {
    let in_range = |v: &Spanned<f64>, max: f64, name: &str, diags: &mut Vec<Diagnostic>| {
        let ok = v.value.is_finite() && v.value.abs() <= max;
        if !ok {
            diags.push(
                at(
                    path,
                    v,
                    format!("location.{name}: {} is out of range", v.value),
                )
                .with_hint(format!("write degrees between -{max} and {max}")),
            );
        }
        ok
    };
    let geo = match (&l.latitude, &l.longitude) {
        (Some(lat), Some(lon)) => {
            let ok_lat = in_range(lat, 90.0, "latitude", diags);
            let ok_lon = in_range(lon, 180.0, "longitude", diags);
            (ok_lat && ok_lon).then_some((lat.value, lon.value))
        }
        (Some(one), None) | (None, Some(one)) => {
            diags.push(
                at(path, one, "location: latitude and longitude go together")
                    .with_hint("give both, or neither"),
            );
            None
        }
        (None, None) => None,
    };
    Some(Place {
        city: l.city.clone(),
        country: l.country.clone(),
        geo,
    })
}
