//! Template contexts: the `Serialize` views of the model that templates see
//! (their fields are the theme API, documented in `themes/default/README.md`),
//! made once per build and shared by every page kind, and the URL folders of
//! papers, topics and authors.

use std::collections::BTreeMap;

use serde::Serialize;

use super::picture::{ImgCtx, OgImage, img_ctx, og_image};
use crate::i18n::Locale;
use crate::model::config::{Config, Mode};
use crate::model::{Author, Link, Metric, Paper, PaperAuthor, Site};
use crate::render::theme::Theme;
use crate::text::slugify;

#[derive(Serialize)]
pub(super) struct SiteCtx<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) base_path: &'a str,
    pub(super) base_url: &'a str,
    pub(super) language: &'a str,
    /// `ltr` or `rtl`, from the language's string table.
    pub(super) direction: crate::i18n::Direction,
    pub(super) nav: Vec<NavCtx>,
    pub(super) footer: Option<&'a str>,
    pub(super) css_url: String,
    pub(super) js_url: String,
    pub(super) favicon_url: String,
    /// The social preview image (`og:image`), with an absolute URL.
    pub(super) og_image: Option<OgImage>,
    /// The Atom feed, when the site has an absolute base URL.
    pub(super) feed_url: Option<String>,
    /// `personal` or `lab`.
    pub(super) mode: Mode,
    pub(super) people_url: String,
    pub(super) news_url: String,
    pub(super) has_news: bool,
    pub(super) talks_url: String,
    pub(super) has_talks: bool,
    pub(super) posts_url: String,
    pub(super) has_posts: bool,
    /// The Atom feed of posts, when the site has an absolute base URL and posts.
    pub(super) posts_feed_url: Option<String>,
    pub(super) teaching_url: String,
    pub(super) has_teaching: bool,
    pub(super) cv_url: String,
    pub(super) has_cv: bool,
    pub(super) projects_url: String,
    pub(super) has_projects: bool,
    pub(super) bib_url: String,
    pub(super) home_url: String,
    pub(super) publications_url: String,
    pub(super) topics_url: String,
    pub(super) owner: Option<AuthorRefCtx>,
    pub(super) topics: Vec<TopicCtx<'a>>,
    pub(super) paper_count: usize,
    /// `appearance:` and `integrations:` (CSP, favicon type, stylesheets, snippets).
    #[serde(flatten)]
    pub(super) look: super::appearance::LookCtx,
}

#[derive(Serialize)]
pub(super) struct NavCtx {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct AuthorRefCtx {
    pub(super) name: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct TopicCtx<'a> {
    pub(super) key: &'a str,
    pub(super) slug: String,
    pub(super) name: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) url: String,
    pub(super) count: usize,
}

/// One author in a paper's author list.
#[derive(Serialize)]
pub(super) struct PaperAuthorCtx {
    pub(super) name: String,
    pub(super) url: Option<String>,
    /// The site owner (or a lab member): shown in bold.
    pub(super) highlight: bool,
    /// Authors were skipped before this one: an ellipsis goes first.
    pub(super) gap: bool,
    /// "5th of 12", given when the author appears after a gap.
    pub(super) position: Option<String>,
    pub(super) equal: bool,
    pub(super) corresponding: bool,
}

#[derive(Serialize)]
pub(super) struct AffiliationCtx<'a> {
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    pub(super) url: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct PaperCtx<'a> {
    pub(super) slug: &'a str,
    pub(super) url: String,
    pub(super) title_html: &'a str,
    pub(super) title_text: String,
    pub(super) date_iso: String,
    pub(super) date_display: String,
    pub(super) year: i32,
    pub(super) topics: Vec<TopicCtx<'a>>,
    /// Space-separated topic slugs, for the filter's `data-topics`.
    pub(super) topic_slugs: String,
    pub(super) has_code: bool,
    pub(super) authors: Vec<PaperAuthorCtx>,
    pub(super) authors_short: Vec<PaperAuthorCtx>,
    /// "et al." follows the short list.
    pub(super) authors_more: bool,
    pub(super) authors_truncated: bool,
    pub(super) author_count: usize,
    pub(super) affiliations: Vec<AffiliationCtx<'a>>,
    pub(super) venue: Option<&'a str>,
    pub(super) venue_html: Option<&'a str>,
    pub(super) abstract_html: &'a str,
    pub(super) links: &'a [Link],
    pub(super) citations: Option<u64>,
    pub(super) citations_source: Option<&'a str>,
    pub(super) selected: bool,
    pub(super) award: Option<&'a str>,
    pub(super) note: Option<&'a str>,
    /// The preview picture, a thumbnail in lists and on the paper's page.
    pub(super) preview: Option<super::picture::FieldImage<'a>>,
}

#[derive(Serialize)]
pub(super) struct AuthorCtx<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    /// Up to two initials, shown when there is no photo.
    pub(super) initials: String,
    pub(super) url: String,
    pub(super) position: Option<&'a str>,
    pub(super) affiliation: Option<&'a str>,
    pub(super) affiliation_url: Option<&'a str>,
    pub(super) field: Option<TopicCtx<'a>>,
    pub(super) photo: Option<&'a str>,
    /// The photo's resized copies (`partials/img.html`), when it is in `static/`.
    pub(super) photo_img: Option<ImgCtx>,
    pub(super) bio_html: &'a str,
    pub(super) links: &'a [Link],
    pub(super) metrics: &'a [Metric],
    pub(super) is_owner: bool,
    /// The citations-by-year chart as HTML with inline SVG (safe HTML), its
    /// title (what it counts and the years drawn), what it counts and where
    /// from in words, and its data (`chart`: `{year, value}`) for a table.
    pub(super) chart_svg: Option<String>,
    pub(super) chart_title: String,
    pub(super) chart: Vec<crate::model::Bar>,
    pub(super) chart_source: &'a str,
    /// Lab sites: the role (`phd`...), as words, the years of membership
    /// (`2019–2024`, `since 2021`), and where an alumnus went.
    pub(super) role: Option<crate::model::schema::Role>,
    pub(super) role_label: Option<&'a str>,
    pub(super) years: Option<String>,
    pub(super) next_position: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct PageCtx<'a> {
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) canonical: Option<String>,
    pub(super) description: &'a str,
    /// OpenGraph type: `website`, `article` or `profile`.
    pub(super) og_type: &'static str,
    /// schema.org JSON-LD, already safe inside a `<script>` element.
    pub(super) jsonld: Option<String>,
    /// The page's own social preview (a post's cover, a paper's generated
    /// card), before the site's.
    pub(super) og_image: Option<OgImage>,
}

pub(super) fn topic_ctx<'a>(
    config: &'a Config,
    key: &'a str,
    count: usize,
) -> Option<TopicCtx<'a>> {
    let def = config.topics.get(key)?;
    let slug = slugify(key);
    Some(TopicCtx {
        key,
        url: config.url_for(&format!("topics/{slug}/")),
        slug,
        name: &def.name,
        description: def.description.as_deref(),
        count,
    })
}

/// The fields of a list entry that the list templates use. A list entry holds
/// every field of a paper, but thousands of them are kept in memory at once, so
/// fields that no list page's templates mention are left out.
pub(super) struct ListFields {
    /// A template may use the whole entry: keep every field.
    pub(super) all: bool,
    pub(super) mentioned: Vec<&'static str>,
}

/// The templates that show lists of papers, with what they include.
pub(super) const LIST_TEMPLATES: [&str; 8] = [
    "index.html",
    "publications.html",
    "topic.html",
    "author.html",
    "people.html",
    "news.html",
    "page.html",
    "404.html",
];

impl ListFields {
    pub(super) fn of(theme: &Theme) -> ListFields {
        // A filter that prints a whole value, or a loop over its keys, could
        // show any field.
        let whole = ["json_encode", "tojson", "items"]
            .iter()
            .any(|w| LIST_TEMPLATES.iter().any(|t| theme.mentions(t, w)));
        let mentioned = PAPER_FIELDS
            .iter()
            .copied()
            .filter(|f| LIST_TEMPLATES.iter().any(|t| theme.mentions(t, f)))
            .collect();
        ListFields {
            all: whole,
            mentioned,
        }
    }

    /// The list entry: `item_html` and the fields of `paper` that the list
    /// templates mention.
    pub(super) fn entry(&self, paper: &tera::Value, item_html: &str) -> tera::Value {
        let mut entry = tera::Map::default();
        if let Some(map) = paper.as_map() {
            for (k, v) in map {
                if self.all || k.as_str().is_some_and(|k| self.mentioned.contains(&k)) {
                    entry.insert(k.clone(), v.clone());
                }
            }
        }
        // Marked safe: templates print it as it is, without `| safe` (which
        // would copy it once for every list it appears in).
        entry.insert(
            tera::value::Key::Str("item_html"),
            tera::Value::safe_string(item_html),
        );
        tera::Value::from(entry)
    }
}

/// Every field of a paper's template value (`PaperCtx`, plus `item_html`).
pub(super) const PAPER_FIELDS: [&str; 27] = [
    "slug",
    "url",
    "title_html",
    "title_text",
    "date_iso",
    "date_display",
    "year",
    "topics",
    "topic_slugs",
    "has_code",
    "authors",
    "authors_short",
    "authors_more",
    "authors_truncated",
    "author_count",
    "affiliations",
    "venue",
    "venue_html",
    "abstract_html",
    "links",
    "citations",
    "citations_source",
    "selected",
    "award",
    "note",
    "preview",
    "item_html",
];

/// Topics with their paper counts, largest first, then by key.
pub(super) fn topic_list(site: &Site) -> Vec<TopicCtx<'_>> {
    let mut counts: BTreeMap<&str, usize> =
        site.config.topics.keys().map(|k| (k.as_str(), 0)).collect();
    for p in &site.papers {
        for t in &p.topics {
            if let Some(c) = counts.get_mut(t.as_str()) {
                *c += 1;
            }
        }
    }
    let mut list: Vec<_> = counts
        .into_iter()
        .filter_map(|(k, c)| topic_ctx(&site.config, k, c))
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(b.key)));
    list
}

/// The author list as shown in a list entry: the first `limit` authors, then any
/// highlighted author who would be hidden, with their position, then "et al.".
pub(super) fn short_authors(
    authors: &[PaperAuthor],
    limit: usize,
    truncated: bool,
    locale: &Locale,
    ctx: impl Fn(&PaperAuthor) -> (Option<String>, bool),
) -> (Vec<PaperAuthorCtx>, bool) {
    let n = authors.len();
    let mut shown = Vec::new();
    let mut last = None;
    for (i, a) in authors.iter().enumerate() {
        let (url, highlight) = ctx(a);
        if i >= limit && !highlight {
            continue;
        }
        let gap = i > 0 && last != Some(i - 1);
        let total = if truncated {
            format!("{}+", locale.number(n as u64))
        } else {
            locale.number(n as u64)
        };
        shown.push(PaperAuthorCtx {
            name: a.name.clone(),
            url,
            highlight,
            gap,
            position: gap.then(|| {
                let ordinal = locale.ordinal(i as u64 + 1, crate::i18n::Ordinal::Author);
                locale.fill(
                    "author_position",
                    &[("ordinal", &ordinal), ("total", &total)],
                )
            }),
            equal: a.equal,
            corresponding: a.corresponding,
        });
        last = Some(i);
    }
    let more = truncated || last.is_some_and(|l| l + 1 < n);
    (shown, more)
}

pub(super) fn paper_ctx<'a>(site: &'a Site, p: &'a Paper) -> PaperCtx<'a> {
    let config = &site.config;

    let author_ref = |a: &PaperAuthor| {
        let url = a.id.as_ref().map(|id| config.url_for(&author_dir(id)));
        (url, a.id.as_deref().is_some_and(|id| site.highlights(id)))
    };
    let (authors, _) = short_authors(&p.authors, usize::MAX, false, &config.locale, author_ref);
    let (authors_short, authors_more) = short_authors(
        &p.authors,
        config.author_limit,
        p.authors_truncated,
        &config.locale,
        author_ref,
    );
    let topics: Vec<TopicCtx> = p
        .topics
        .iter()
        .filter_map(|t| topic_ctx(config, t, 0))
        .collect();
    PaperCtx {
        slug: &p.slug,
        url: config.url_for(&paper_dir(p)),
        title_html: &p.title_html,
        title_text: crate::markdown::plain_inline(&p.title),
        date_iso: p.date.iso(),
        date_display: p.date.display(&site.config.locale),
        year: p.date.year,
        topic_slugs: topics
            .iter()
            .map(|t| t.slug.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        topics,
        has_code: p.code(),
        author_count: p.authors.len(),
        authors,
        authors_short,
        authors_more,
        authors_truncated: p.authors_truncated,
        affiliations: p
            .affiliations
            .iter()
            .filter_map(|k| {
                config.affiliations.get(k).map(|d| AffiliationCtx {
                    key: k,
                    name: &d.name,
                    url: d.url.as_deref(),
                })
            })
            .collect(),
        venue: p.venue.as_deref(),
        venue_html: p.venue_html.as_deref(),
        abstract_html: &p.abstract_html,
        links: &p.links,
        citations: p.citations,
        citations_source: p.citations_source.as_deref(),
        selected: p.selected,
        award: p.award.as_deref(),
        note: p.note.as_deref(),
        preview: super::picture::field_image(
            site,
            p.preview.as_ref(),
            p.preview_file.as_ref(),
            &p.preview_alt,
            160,
        ),
    }
}

/// "Citations received per year, 2016–2025", or for the fallback "Citations
/// of papers published each year, 2019–2025": exactly what the chart counts,
/// over the years it draws.
fn chart_title(a: &Author, locale: &crate::i18n::Locale) -> String {
    let bars = crate::scholar::badges::chart_bars(&a.citations_by_year);
    let years = match (bars.first(), bars.last()) {
        // A word joiner after the dash: the range never breaks across lines.
        (Some(f), Some(l)) if f.year != l.year => format!("{}–\u{2060}{}", f.year, l.year),
        (Some(f), _) => f.year.to_string(),
        _ => return String::new(),
    };
    let key = match a.citations_by_year_source {
        "papers_per_year" => "chart_published",
        _ => "chart_received",
    };
    locale.fill(key, &[("years", &years)])
}

pub(super) fn author_ctx<'a>(site: &'a Site, a: &'a Author) -> AuthorCtx<'a> {
    let config = &site.config;
    AuthorCtx {
        id: &a.id,
        name: &a.name,
        initials: a
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_alphabetic())
            .take(2)
            .collect(),
        url: config.url_for(&author_dir(&a.id)),
        position: a.position.as_deref(),
        affiliation: a.affiliation.as_ref().map(|(n, _)| n.as_str()),
        affiliation_url: a.affiliation.as_ref().and_then(|(_, u)| u.as_deref()),
        field: a.field.as_deref().and_then(|f| topic_ctx(config, f, 0)),
        photo: a.photo.as_deref(),
        photo_img: img_ctx(site, a.photo_file.as_ref().map(|f| f.rel.as_str()), 112),
        bio_html: &a.bio_html,
        links: &a.links,
        metrics: &a.metrics,
        is_owner: config.owner.as_deref() == Some(a.id.as_str()),
        chart_svg: (!a.citations_by_year.is_empty())
            .then(|| crate::scholar::badges::chart(&a.citations_by_year, &config.locale)),
        chart_title: chart_title(a, &config.locale),
        chart: crate::scholar::badges::chart_bars(&a.citations_by_year),
        chart_source: &a.citations_by_year_note,
        role: a.role,
        role_label: a
            .former_role
            .or(a.role)
            .map(|r| config.locale.text(r.label())),
        years: match (a.start, a.end) {
            (Some(s), Some(e)) => Some(format!("{}–{}", s.year, e.year)),
            (Some(s), None) => Some(
                config
                    .locale
                    .fill("since_year", &[("year", &s.year.to_string())]),
            ),
            (None, Some(e)) => Some(
                config
                    .locale
                    .fill("until_year", &[("year", &e.year.to_string())]),
            ),
            (None, None) => None,
        },
        next_position: a.next_position.as_deref(),
    }
}

pub(super) fn site_ctx<'a>(site: &'a Site, topics: &[TopicCtx<'a>]) -> SiteCtx<'a> {
    let c = &site.config;
    SiteCtx {
        title: &c.title,
        description: &c.description,
        base_path: &c.base_path,
        base_url: &c.base_url,
        language: &c.language,
        direction: c.locale.direction,
        nav: c
            .nav
            .iter()
            .map(|n| NavCtx {
                title: n.title.clone(),
                url: c.link(&n.url),
            })
            .collect(),
        footer: c.footer.as_deref(),
        css_url: c.url_for("assets/style.css"),
        js_url: c.url_for("assets/folio.js"),
        favicon_url: super::appearance::favicon_url(c),
        og_image: og_image(site),
        feed_url: c.absolute_url("feed.xml").map(|_| c.url_for("feed.xml")),
        mode: c.mode,
        people_url: c.url_for("people/"),
        news_url: c.url_for("news/"),
        has_news: !site.news.is_empty(),
        talks_url: c.url_for("talks/"),
        has_talks: !site.talks.is_empty(),
        posts_url: c.url_for("posts/"),
        has_posts: !site.posts.is_empty(),
        posts_feed_url: c
            .absolute_url(crate::scholar::feeds::POSTS_FEED)
            .filter(|_| site.posts.iter().any(|p| !p.draft))
            .map(|_| c.url_for(crate::scholar::feeds::POSTS_FEED)),
        teaching_url: c.url_for("teaching/"),
        has_teaching: !site.courses.is_empty(),
        cv_url: c.url_for("cv/"),
        has_cv: site.cv.is_some(),
        projects_url: c.url_for("projects/"),
        has_projects: !site.projects.is_empty(),
        bib_url: c.url_for("papers.bib"),
        home_url: c.url_for(""),
        publications_url: c.url_for("publications/"),
        topics_url: c.url_for("topics/"),
        owner: site.owner().map(|o| AuthorRefCtx {
            name: o.name.clone(),
            url: c.url_for(&author_dir(&o.id)),
        }),
        topics: topics.to_vec(),
        paper_count: site.papers.len(),
        look: super::appearance::look_ctx(site),
    }
}

/// The folder of a paper's page (`papers/x/`): its URL path; the page is its
/// `index.html`.
pub(super) fn paper_dir(p: &Paper) -> String {
    format!("papers/{}/", p.slug)
}

pub(super) fn topic_dir(t: &TopicCtx) -> String {
    format!("topics/{}/", t.slug)
}

pub(super) fn author_dir(id: &str) -> String {
    format!("authors/{id}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(names: &[&str]) -> Vec<PaperAuthor> {
        names
            .iter()
            .map(|n| PaperAuthor {
                name: n.to_string(),
                parts: crate::model::names::NameParts::guess(n),
                id: (*n == "Owner").then(|| "owner".into()),
                equal: false,
                corresponding: false,
            })
            .collect()
    }

    fn shown(list: &[PaperAuthorCtx]) -> Vec<String> {
        list.iter()
            .map(|a| {
                format!(
                    "{}{}{}",
                    if a.gap { "… " } else { "" },
                    a.name,
                    a.position
                        .as_ref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    fn is_owner(a: &PaperAuthor) -> (Option<String>, bool) {
        (None, a.id.is_some())
    }

    #[test]
    fn paper_fields_lists_every_field_of_a_list_entry() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
        let (site, _) = crate::site::load_site(&root, &Default::default()).unwrap();
        let c = paper_ctx(&site, &site.papers[0]);
        let mut item = tera::Value::from_serializable(&c).into_map().unwrap();
        item.insert(tera::value::Key::Str("item_html"), "".into());
        let item = tera::Value::from(item);
        let mut keys: Vec<String> = item
            .as_map()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        keys.sort();
        let mut listed: Vec<String> = PAPER_FIELDS.iter().map(|f| f.to_string()).collect();
        listed.sort();
        assert_eq!(keys, listed, "PAPER_FIELDS must name every field");
    }

    #[test]
    fn owner_past_the_cut_off_is_shown_with_position() {
        let list = authors(&[
            "A", "B", "C", "D", "Owner", "F", "G", "H", "I", "J", "K", "L",
        ]);
        let (short, more) = short_authors(&list, 3, false, &Locale::english(), is_owner);
        assert_eq!(shown(&short), ["A", "B", "C", "… Owner (5th of 12)"]);
        assert!(more);
    }

    #[test]
    fn owner_as_last_author_needs_no_et_al() {
        let list = authors(&["A", "B", "C", "D", "Owner"]);
        let (short, more) = short_authors(&list, 3, false, &Locale::english(), is_owner);
        assert_eq!(shown(&short), ["A", "B", "C", "… Owner (5th of 5)"]);
        assert!(!more);
    }

    #[test]
    fn owner_right_after_the_cut_off_has_no_gap() {
        let list = authors(&["A", "B", "Owner", "D"]);
        let (short, more) = short_authors(&list, 2, false, &Locale::english(), is_owner);
        assert_eq!(shown(&short), ["A", "B", "Owner"]);
        assert!(more);
    }

    #[test]
    fn short_lists_and_truncated_sources() {
        let list = authors(&["A", "B"]);
        let (short, more) = short_authors(&list, 3, false, &Locale::english(), is_owner);
        assert_eq!(
            (shown(&short), more),
            (vec!["A".to_string(), "B".to_string()], false)
        );
        let (_, more) = short_authors(&list, 3, true, &Locale::english(), is_owner);
        assert!(more, "a source truncated with et al. keeps its et al.");
    }
}
