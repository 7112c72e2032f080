//! Template contexts and the list of pages: `Site` + theme -> `[Output]`.
//!
//! Contexts are `Serialize` structs whose fields are the theme API (documented in
//! `themes/default/README.md`). Everything shared between pages (paper entries,
//! topic lists, the year grouping) is computed once and borrowed by every page.

pub mod theme;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::cite::{self, Meta};
use crate::config::{Config, Mode};
use crate::error::{Error, Result};
use crate::i18n::Locale;
use crate::model::{Author, Link, Metric, Paper, PaperAuthor, Site};
use crate::text::slugify;
use crate::theme::Theme;
use crate::{feeds, meta};

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path inside the output directory, `/`-separated (`papers/x/index.html`).
    pub path: String,
    pub content: Content,
}

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied from the site's `static/` folder.
    Copy(PathBuf),
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    base_path: &'a str,
    base_url: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from the language's string table.
    direction: crate::i18n::Direction,
    nav: Vec<NavCtx>,
    footer: Option<&'a str>,
    css_url: String,
    js_url: String,
    favicon_url: String,
    /// The Atom feed, when the site has an absolute base URL.
    feed_url: Option<String>,
    /// `personal` or `lab`.
    mode: Mode,
    people_url: String,
    news_url: String,
    has_news: bool,
    bib_url: String,
    home_url: String,
    publications_url: String,
    topics_url: String,
    owner: Option<AuthorRefCtx>,
    topics: Vec<TopicCtx<'a>>,
    paper_count: usize,
}

#[derive(Serialize)]
struct NavCtx {
    title: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct AuthorRefCtx {
    name: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct TopicCtx<'a> {
    key: &'a str,
    slug: String,
    name: &'a str,
    description: Option<&'a str>,
    url: String,
    count: usize,
}

/// One author in a paper's author list.
#[derive(Serialize)]
struct PaperAuthorCtx {
    name: String,
    url: Option<String>,
    /// The site owner (or a lab member): shown in bold.
    highlight: bool,
    /// Authors were skipped before this one: an ellipsis goes first.
    gap: bool,
    /// "5th of 12", given when the author appears after a gap.
    position: Option<String>,
    equal: bool,
    corresponding: bool,
}

#[derive(Serialize)]
struct AffiliationCtx<'a> {
    key: &'a str,
    name: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct PaperCtx<'a> {
    slug: &'a str,
    url: String,
    title_html: &'a str,
    title_text: String,
    date_iso: String,
    date_display: String,
    year: i32,
    topics: Vec<TopicCtx<'a>>,
    /// Space-separated topic slugs, for the filter's `data-topics`.
    topic_slugs: String,
    has_code: bool,
    authors: Vec<PaperAuthorCtx>,
    authors_short: Vec<PaperAuthorCtx>,
    /// "et al." follows the short list.
    authors_more: bool,
    authors_truncated: bool,
    author_count: usize,
    affiliations: Vec<AffiliationCtx<'a>>,
    venue: Option<&'a str>,
    abstract_html: &'a str,
    links: &'a [Link],
    citations: Option<u64>,
    citations_source: Option<&'a str>,
    selected: bool,
    award: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct AuthorCtx<'a> {
    id: &'a str,
    name: &'a str,
    /// Up to two initials, shown when there is no photo.
    initials: String,
    url: String,
    position: Option<&'a str>,
    affiliation: Option<&'a str>,
    affiliation_url: Option<&'a str>,
    field: Option<TopicCtx<'a>>,
    photo: Option<&'a str>,
    bio_html: &'a str,
    links: &'a [Link],
    metrics: &'a [Metric],
    is_owner: bool,
    /// The citations-by-year chart as inline SVG (safe HTML), with its data
    /// (`chart`: `{year, value}`) for a text alternative.
    chart_svg: Option<String>,
    chart: &'a [crate::model::Bar],
    chart_source: &'a str,
    /// Lab sites: the role (`phd`...), as words, the years of membership
    /// (`2019–2024`, `since 2021`), and where an alumnus went.
    role: Option<crate::schema::Role>,
    role_label: Option<&'a str>,
    years: Option<String>,
    next_position: Option<&'a str>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    kind: &'static str,
    title: String,
    url: String,
    canonical: Option<String>,
    description: &'a str,
    /// OpenGraph type: `website`, `article` or `profile`.
    og_type: &'static str,
    /// schema.org JSON-LD, already safe inside a `<script>` element.
    jsonld: Option<String>,
}

#[derive(Serialize)]
struct YearGroup {
    year: i32,
    papers: Vec<tera::Value>,
}

#[derive(Serialize)]
struct TopicSection<'a> {
    topic: TopicCtx<'a>,
    /// The newest papers of the topic, at most `HOME_TOPIC_PAPERS`.
    papers: Vec<tera::Value>,
    /// How many more the topic page lists.
    more: usize,
}

/// What a build derives from one paper and every page shares: its list entry
/// and its BibTeX entry. Kept between builds by `folio watch` and reused while
/// the paper is unchanged.
#[derive(Clone)]
pub struct Derived {
    /// The list entry (`ListPaper`) as a template value: every field of the
    /// paper plus `item_html`. Lists share it (tera values are reference-counted),
    /// and the paper's own page uses it as `paper`.
    item: tera::Value,
    bibtex: Arc<str>,
}

/// Derived data of the previous build that is still valid: every paper not in
/// `changed`, when nothing else changed.
pub struct Reuse<'r> {
    pub changed: &'r HashSet<String>,
    pub derived: &'r HashMap<String, Derived>,
    /// When given, the only topics and authors whose pages may have changed:
    /// the pages of the others are not rendered again.
    pub touched: Option<&'r Touched>,
}

/// Topic keys and author ids whose list pages show a changed paper.
#[derive(Debug, Default)]
pub struct Touched {
    pub topics: HashSet<String>,
    pub authors: HashSet<String>,
}

/// Papers listed per topic section on the home page; the topic page has them all.
const HOME_TOPIC_PAPERS: usize = 10;

/// Shared, precomputed data for every page of one build.
struct Shared<'a> {
    site: &'a Site,
    topics: Vec<TopicCtx<'a>>,
    /// Each paper's derived data, in `site.papers` order.
    derived: Vec<Derived>,
    /// What the paper template uses, so that nothing else is computed per page.
    needs: PaperNeeds,
}

/// The per-page data that the paper template (with what it includes) mentions.
struct PaperNeeds {
    bibtex: bool,
    reference: bool,
    scholar_meta: bool,
    jsonld: bool,
    description: bool,
}

impl PaperNeeds {
    fn of(theme: &Theme) -> PaperNeeds {
        let uses = |word| theme.mentions("paper.html", word);
        PaperNeeds {
            bibtex: uses("bibtex"),
            reference: uses("reference"),
            scholar_meta: uses("scholar_meta"),
            jsonld: uses("jsonld"),
            description: uses("description"),
        }
    }
}

fn topic_ctx<'a>(config: &'a Config, key: &'a str, count: usize) -> Option<TopicCtx<'a>> {
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
struct ListFields {
    /// A template may use the whole entry: keep every field.
    all: bool,
    mentioned: Vec<&'static str>,
}

/// The templates that show lists of papers, with what they include.
const LIST_TEMPLATES: [&str; 8] = [
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
    fn of(theme: &Theme) -> ListFields {
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
    fn entry(&self, paper: &tera::Value, item_html: &str) -> tera::Value {
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
const PAPER_FIELDS: [&str; 25] = [
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
    "abstract_html",
    "links",
    "citations",
    "citations_source",
    "selected",
    "award",
    "note",
    "item_html",
];

/// Topics with their paper counts, largest first, then by key.
fn topic_list(site: &Site) -> Vec<TopicCtx<'_>> {
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
fn short_authors(
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
                let ordinal = locale.ordinal(i as u64 + 1);
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

impl<'a> Shared<'a> {
    /// Everything pages share, and (in the same pass, so that each paper's
    /// template value is made once) the pages of the papers `wanted` accepts.
    fn new(
        site: &'a Site,
        topics: Vec<TopicCtx<'a>>,
        theme: &Theme,
        reuse: Option<&Reuse>,
        wanted: impl Fn(&Paper) -> bool + Sync,
        sink: &dyn Sink,
    ) -> Result<Shared<'a>> {
        let mut shared = Shared {
            site,
            topics,
            derived: Vec::new(),
            needs: PaperNeeds::of(theme),
        };
        let fields = ListFields::of(theme);
        let tera = &theme.tera;
        let derived = site
            .papers
            .par_iter()
            .map(|p| {
                let kept = reuse
                    .filter(|r| !r.changed.contains(&p.slug))
                    .and_then(|r| r.derived.get(&p.slug));
                if let Some(d) = kept {
                    return Ok(d.clone());
                }
                let paper = tera::Value::from_serializable(&paper_ctx(site, p));
                let mut context = tera::Context::new();
                context.insert_value("paper", paper.clone());
                let html = tera
                    .render(ITEM_TEMPLATE, &context)
                    .map_err(|e| template_error(ITEM_TEMPLATE, &p.slug, e))?;
                let bibtex: Arc<str> = cite::bibtex(p, &site.config).into();
                if wanted(p) {
                    shared.render_paper(tera, p, paper.clone(), &bibtex, sink)?;
                }
                Ok(Derived {
                    item: fields.entry(&paper, &html),
                    bibtex,
                })
            })
            .collect::<Result<_>>()?;
        shared.derived = derived;
        Ok(shared)
    }

    /// The list entries of the papers that `keep` accepts, in list order.
    fn papers_where(&self, keep: impl Fn(&Paper) -> bool) -> Vec<tera::Value> {
        self.site
            .papers
            .iter()
            .zip(&self.derived)
            .filter(|(p, _)| keep(p))
            .map(|(_, d)| d.item.clone())
            .collect()
    }
}

/// The template of one paper's entry in a list.
pub const ITEM_TEMPLATE: &str = "partials/paper_item.html";

fn template_error(template: &str, target: &str, e: tera::Error) -> Error {
    Error::Template {
        name: format!("{template} (for {target})"),
        message: e.to_string(),
    }
}

fn paper_ctx<'a>(site: &'a Site, p: &'a Paper) -> PaperCtx<'a> {
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
        abstract_html: &p.abstract_html,
        links: &p.links,
        citations: p.citations,
        citations_source: p.citations_source.as_deref(),
        selected: p.selected,
        award: p.award.as_deref(),
        note: p.note.as_deref(),
    }
}

fn author_ctx<'a>(site: &'a Site, a: &'a Author) -> AuthorCtx<'a> {
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
        bio_html: &a.bio_html,
        links: &a.links,
        metrics: &a.metrics,
        is_owner: config.owner.as_deref() == Some(a.id.as_str()),
        chart_svg: (!a.citations_by_year.is_empty())
            .then(|| crate::badges::chart(&a.citations_by_year)),
        chart: &a.citations_by_year,
        chart_source: config.locale.text(a.citations_by_year_source),
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

fn site_ctx<'a>(site: &'a Site, topics: &[TopicCtx<'a>]) -> SiteCtx<'a> {
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
        favicon_url: c.url_for("assets/favicon.svg"),
        feed_url: c.absolute_url("feed.xml").map(|_| c.url_for("feed.xml")),
        mode: c.mode,
        people_url: c.url_for("people/"),
        news_url: c.url_for("news/"),
        has_news: !site.news.is_empty(),
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
    }
}

impl Shared<'_> {
    /// A string of the site's string table.
    fn text(&self, key: &str) -> String {
        self.site.config.locale.text(key).to_string()
    }

    fn page(&self, kind: &'static str, title: impl Into<String>, path: &str) -> PageCtx<'_> {
        PageCtx {
            kind,
            title: title.into(),
            url: self.site.config.url_for(path),
            canonical: self.site.config.absolute_url(path),
            description: &self.site.config.description,
            og_type: match kind {
                "paper" => "article",
                "author" => "profile",
                _ => "website",
            },
            jsonld: None,
        }
    }
}

/// A page to render: its template, output path and context.
struct Job {
    template: &'static str,
    path: String,
    context: tera::Context,
}

/// Where rendered files go, one at a time, as soon as each is made: a build never
/// holds every page in memory. Called from several threads at once.
pub trait Sink: Sync {
    fn put(&self, output: Output) -> Result<()>;
}

/// Collects the outputs in memory (for `folio check` and tests).
impl Sink for Mutex<Vec<Output>> {
    fn put(&self, output: Output) -> Result<()> {
        self.lock().unwrap_or_else(|e| e.into_inner()).push(output);
        Ok(())
    }
}

/// Renders every page and collects the theme's assets and the static files, in
/// memory, sorted by path.
pub fn render_site(site: &Site, theme: &mut Theme) -> Result<Vec<Output>> {
    let sink = Mutex::new(Vec::new());
    render_selected(site, theme, None, &sink)?;
    let mut outputs = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
}

/// Renders the site into `sink`: every page, except (when `reuse` is given) the
/// pages of unchanged papers, since after an edit only the changed papers' pages
/// need rendering again while every list page may show the change. Returns each
/// paper's derived data for the next incremental render to reuse.
pub fn render_selected(
    site: &Site,
    theme: &mut Theme,
    reuse: Option<&Reuse>,
    sink: &dyn Sink,
) -> Result<HashMap<String, Derived>> {
    let topics = topic_list(site);
    check_claims(&output_claims(site, &topics))?;
    let mut globals = tera::Context::new();
    globals.insert("site", &site_ctx(site, &topics));
    globals.insert_value("t", site.config.locale.template_value());
    *theme.tera.global_context() = globals;
    // After an edit, only the changed papers' pages are rendered again.
    let wanted = |p: &Paper| reuse.is_none_or(|r| r.changed.contains(&p.slug));
    let shared = Shared::new(site, topics, theme, reuse, wanted, sink)?;

    let mut jobs = vec![
        home_job(&shared),
        publications_job(&shared),
        topics_index_job(&shared),
        not_found_job(&shared),
    ];
    let touched = reuse.and_then(|r| r.touched);
    jobs.extend(
        shared
            .topics
            .iter()
            .filter(|t| touched.is_none_or(|x| x.topics.contains(t.key)))
            .map(|t| topic_job(&shared, t)),
    );
    if site.config.mode == Mode::Lab {
        jobs.push(people_job(&shared));
    }
    if !site.news.is_empty() {
        jobs.push(news_job(&shared));
    }
    jobs.extend(
        site.authors
            .values()
            .filter(|a| touched.is_none_or(|x| x.authors.contains(&a.id)))
            .map(|a| author_job(&shared, a)),
    );
    jobs.extend(site.pages.iter().map(|p| {
        let mut context = tera::Context::new();
        let mut page = shared.page("page", &p.title, &format!("{}/", p.slug));
        if let Some(d) = &p.description {
            page.description = d;
        }
        context.insert("page", &page);
        context.insert("content", &p.html);
        Job {
            template: "page.html",
            path: format!("{}/index.html", p.slug),
            context,
        }
    }));
    let mut files = vec![Output {
        path: ".nojekyll".into(),
        content: Content::Bytes(Vec::new()),
    }];
    if let Some(cname) = &site.config.cname {
        files.push(Output {
            path: "CNAME".into(),
            content: Content::Bytes(format!("{}\n", cname.trim()).into_bytes()),
        });
    }
    files.extend(site_files(&shared));
    // A static file replaces a theme asset of the same path; every other
    // shared path was refused by `check_claims`.
    let statics: HashSet<&str> = site.static_files.iter().map(|f| f.rel.as_str()).collect();

    let tera = &theme.tera;
    jobs.into_par_iter()
        .try_for_each(|job| render_to(tera, job, sink))?;
    for file in files {
        sink.put(file)?;
    }
    for (path, bytes) in &theme.assets {
        if !statics.contains(path.as_str()) {
            sink.put(Output {
                path: path.clone(),
                content: Content::Bytes(bytes.clone()),
            })?;
        }
    }
    for f in &site.static_files {
        sink.put(Output {
            path: f.rel.clone(),
            content: Content::Copy(f.source.clone()),
        })?;
    }
    Ok(site
        .papers
        .iter()
        .zip(shared.derived)
        .map(|(p, d)| (p.slug.clone(), d))
        .collect())
}

/// Who writes an output file: a file of the site, or folio itself.
#[derive(Debug, Clone)]
struct Owner {
    /// The site's file the output comes from, when there is one.
    file: Option<PathBuf>,
    /// The owner in words (`pages/news.md`, `the news page`).
    what: String,
}

impl Owner {
    fn file(path: &std::path::Path) -> Owner {
        Owner {
            file: Some(path.to_path_buf()),
            what: path.display().to_string(),
        }
    }

    fn generated(what: &str) -> Owner {
        Owner {
            file: None,
            what: what.to_string(),
        }
    }

    fn in_file(path: &std::path::Path, what: String) -> Owner {
        Owner {
            file: Some(path.to_path_buf()),
            what: format!("{what} in {}", path.display()),
        }
    }
}

/// Every output path of the site with who writes it, in the order pages are
/// made. Theme assets are not claims: a static file of the same path replaces
/// one on purpose.
fn output_claims(site: &Site, topics: &[TopicCtx]) -> Vec<(String, Owner)> {
    let config = &site.config;
    let site_yaml = std::path::Path::new("site.yaml");
    let mut claims: Vec<(String, Owner)> = [
        ("index.html", "the home page"),
        ("publications/index.html", "the publications page"),
        ("topics/index.html", "the topics page"),
        ("404.html", "the not-found page"),
        (".nojekyll", "the .nojekyll file"),
        ("robots.txt", "the generated robots.txt"),
        ("papers.bib", "the generated papers.bib"),
    ]
    .into_iter()
    .map(|(path, what)| (path.to_string(), Owner::generated(what)))
    .collect();
    let mut claim = |path: String, owner: Owner| claims.push((path, owner));
    if config.mode == Mode::Lab {
        claim(
            "people/index.html".into(),
            Owner::generated("the people page (lab mode)"),
        );
    }
    if !site.news.is_empty() {
        claim(
            "news/index.html".into(),
            Owner::generated("the news page (from news/)"),
        );
    }
    if config.absolute_url("").is_some() {
        claim(
            "sitemap.xml".into(),
            Owner::generated("the generated sitemap.xml"),
        );
        claim(
            "feed.xml".into(),
            Owner::generated("the generated feed.xml"),
        );
        if !site.news.is_empty() {
            claim(
                "news.xml".into(),
                Owner::generated("the generated news.xml"),
            );
        }
    }
    if config.cname.is_some() {
        claim("CNAME".into(), Owner::in_file(site_yaml, "`cname`".into()));
    }
    for t in topics {
        let owner = Owner::in_file(site_yaml, format!("topic `{}`", t.key));
        claim(format!("{}index.html", topic_dir(t)), owner);
    }
    for a in site.authors.values() {
        claim(
            format!("{}index.html", author_dir(&a.id)),
            Owner::file(&a.source),
        );
    }
    for p in &site.papers {
        claim(
            format!("{}index.html", paper_dir(p)),
            Owner::file(&p.source),
        );
    }
    for p in &site.pages {
        claim(format!("{}/index.html", p.slug), Owner::file(&p.source));
    }
    if let Some(owner) = site.owner() {
        // Custom badges come after the computed metrics (`metrics::for_author`).
        let custom = owner.metrics.len().saturating_sub(owner.badges.len());
        for (i, m) in owner.metrics.iter().enumerate() {
            let who = if i < custom {
                Owner::generated(&format!("the {} badge", m.label))
            } else {
                Owner::in_file(&owner.source, format!("badge `{}`", m.label))
            };
            claim(format!("badges/{}.svg", m.key), who);
        }
    }
    for f in &site.static_files {
        let path = std::path::Path::new("static").join(&f.rel);
        claim(f.rel.clone(), Owner::file(&path));
    }
    claims
}

/// Every output path has one owner: a second claim is an error naming both.
/// Paths are compared without case, as macOS and Windows compare file names:
/// `authors/Ada/` and `authors/ada/` would be one folder there.
fn check_claims(claims: &[(String, Owner)]) -> Result<()> {
    let mut owners: HashMap<String, (&str, &Owner)> = HashMap::with_capacity(claims.len());
    let mut diags = Vec::new();
    for (path, owner) in claims {
        let key = path.to_lowercase();
        let Some(&(first_path, first)) = owners.get(&key) else {
            owners.insert(key, (path, owner));
            continue;
        };
        let what = if first_path == path {
            format!("`{path}` would be written twice")
        } else {
            format!(
                "`{first_path}` and `{path}` would be one file where case does not count (macOS, Windows)"
            )
        };
        // Said at the file that can be changed: the second claim's, else the first's.
        let at = owner
            .file
            .as_deref()
            .or(first.file.as_deref())
            .unwrap_or(std::path::Path::new("site.yaml"));
        diags.push(
            crate::error::Diagnostic::error(
                at,
                0,
                0,
                format!("{what}: by {} and by {}", first.what, owner.what),
            )
            .with_hint("rename one of them (a file, a `slug:`, a topic key or a badge label)"),
        );
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(diags))
    }
}

/// The folder of a paper's page (`papers/x/`): its URL path; the page is its
/// `index.html`.
fn paper_dir(p: &Paper) -> String {
    format!("papers/{}/", p.slug)
}

/// Every page's path (`papers/x/`), for the sitemap.
fn page_paths(s: &Shared) -> Vec<String> {
    let site = s.site;
    let mut paths = vec![String::new(), "publications/".into(), "topics/".into()];
    paths.extend(s.topics.iter().map(topic_dir));
    paths.extend(site.authors.keys().map(|id| author_dir(id)));
    paths.extend(site.pages.iter().map(|p| format!("{}/", p.slug)));
    if site.config.mode == Mode::Lab {
        paths.push("people/".into());
    }
    if !site.news.is_empty() {
        paths.push("news/".into());
    }
    paths.extend(site.papers.iter().map(paper_dir));
    paths
}

/// The site-wide files for machines: sitemap, robots.txt, feed, bibliography.
fn site_files(s: &Shared) -> Vec<Output> {
    let bytes = |path: &str, text: String| Output {
        path: path.into(),
        content: Content::Bytes(text.into_bytes()),
    };
    let mut out = vec![
        bytes("robots.txt", feeds::robots(&s.site.config)),
        bytes(
            "papers.bib",
            feeds::bibliography(s.derived.iter().map(|d| &*d.bibtex)),
        ),
    ];
    if let Some(owner) = s.site.owner() {
        for m in &owner.metrics {
            out.push(bytes(
                &format!("badges/{}.svg", m.key),
                crate::badges::badge(&m.label, &m.value),
            ));
        }
    }
    if let Some(map) = feeds::sitemap(&s.site.config, &page_paths(s)) {
        out.push(bytes("sitemap.xml", map));
    }
    if let Some(feed) = feeds::atom(s.site, FEED_ENTRIES) {
        out.push(bytes("feed.xml", feed));
    }
    if let Some(feed) = feeds::news_atom(s.site).filter(|_| !s.site.news.is_empty()) {
        out.push(bytes("news.xml", feed));
    }
    out
}

/// How many papers the Atom feed carries.
const FEED_ENTRIES: usize = 50;

fn home_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    let mut page = s.page("home", &s.site.config.title, "");
    page.jsonld = Some(meta::script_json(&meta::website(&s.site.config)));
    context.insert("page", &page);
    if let Some(owner) = s.site.owner() {
        context.insert("author", &author_ctx(s.site, owner));
    }
    let selected = s.papers_where(|p| p.selected);
    let sections: Vec<TopicSection> = s
        .topics
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| {
            let mut papers = s.papers_where(|p| p.topics.iter().any(|k| k == t.key));
            let more = papers.len().saturating_sub(HOME_TOPIC_PAPERS);
            papers.truncate(HOME_TOPIC_PAPERS);
            TopicSection {
                topic: t.clone(),
                papers,
                more,
            }
        })
        .collect();
    let recent: Vec<tera::Value> = s.derived.iter().take(5).map(|d| d.item.clone()).collect();
    context.insert(
        "news",
        &s.site
            .news
            .iter()
            .take(HOME_NEWS)
            .map(|n| news_ctx(n, &s.site.config.locale))
            .collect::<Vec<_>>(),
    );
    if s.site.config.mode == Mode::Lab {
        let members: Vec<&Paper> = s
            .site
            .papers
            .iter()
            .filter(|p| {
                p.authors
                    .iter()
                    .any(|a| a.id.as_deref().is_some_and(|id| s.site.highlights(id)))
            })
            .collect();
        context.insert(
            "lab_metrics",
            &crate::metrics::for_papers(&members, &s.site.config.locale),
        );
    }
    context.insert("selected", &selected);
    context.insert("recent", &recent);
    context.insert("topic_sections", &sections);
    Job {
        template: "index.html",
        path: "index.html".into(),
        context,
    }
}

fn publications_job(s: &Shared) -> Job {
    let mut years: Vec<YearGroup> = Vec::new();
    for (p, d) in s.site.papers.iter().zip(&s.derived) {
        let year = p.date.year;
        match years.last_mut() {
            Some(g) if g.year == year => g.papers.push(d.item.clone()),
            _ => years.push(YearGroup {
                year,
                papers: vec![d.item.clone()],
            }),
        }
    }
    let mut context = tera::Context::new();
    context.insert(
        "page",
        &s.page("publications", s.text("publications"), "publications/"),
    );
    context.insert("years", &years);
    context.insert("paper_count", &s.site.papers.len());
    Job {
        template: "publications.html",
        path: "publications/index.html".into(),
        context,
    }
}

fn topics_index_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("topics", s.text("topics"), "topics/"));
    Job {
        template: "topics.html",
        path: "topics/index.html".into(),
        context,
    }
}

fn topic_dir(t: &TopicCtx) -> String {
    format!("topics/{}/", t.slug)
}

fn author_dir(id: &str) -> String {
    format!("authors/{id}/")
}
fn topic_job(s: &Shared, t: &TopicCtx) -> Job {
    let path = topic_dir(t);
    let mut context = tera::Context::new();
    context.insert("page", &s.page("topic", t.name, &path));
    context.insert("topic", t);
    context.insert(
        "papers",
        &s.papers_where(|p| p.topics.iter().any(|k| k == t.key)),
    );
    Job {
        template: "topic.html",
        path: format!("{path}index.html"),
        context,
    }
}

fn author_job(s: &Shared, a: &Author) -> Job {
    let path = author_dir(&a.id);
    let mut context = tera::Context::new();
    let mut page = s.page("author", &a.name, &path);
    page.jsonld = Some(meta::script_json(&meta::author(a, &s.site.config)));
    context.insert("page", &page);
    context.insert("author", &author_ctx(s.site, a));
    let everything = s.site.config.mode == Mode::Personal
        && s.site.config.owner.as_deref() == Some(a.id.as_str());
    context.insert(
        "papers",
        &s.papers_where(|p| everything || p.authors.iter().any(|x| x.id.as_deref() == Some(&a.id))),
    );
    Job {
        template: "author.html",
        path: format!("{path}index.html"),
        context,
    }
}

/// A lab member as the people page lists them.
#[derive(Serialize)]
struct RoleGroup<'a> {
    role: crate::schema::Role,
    heading: &'a str,
    members: Vec<AuthorCtx<'a>>,
}

fn people_job(s: &Shared) -> Job {
    let groups: Vec<RoleGroup> = crate::schema::Role::ALL
        .iter()
        .map(|&role| {
            let mut members: Vec<&Author> = s
                .site
                .authors
                .values()
                .filter(|a| a.role == Some(role))
                .collect();
            // Current members by start date, alumni most recent first.
            members.sort_by(|a, b| match role {
                crate::schema::Role::Alumni => b.end.cmp(&a.end).then(a.name.cmp(&b.name)),
                _ => a.start.cmp(&b.start).then(a.name.cmp(&b.name)),
            });
            RoleGroup {
                role,
                heading: s.site.config.locale.text(role.heading()),
                members: members.into_iter().map(|a| author_ctx(s.site, a)).collect(),
            }
        })
        .filter(|g| !g.members.is_empty())
        .collect();
    let mut context = tera::Context::new();
    context.insert("page", &s.page("people", s.text("people"), "people/"));
    context.insert("groups", &groups);
    Job {
        template: "people.html",
        path: "people/index.html".into(),
        context,
    }
}

#[derive(Serialize)]
struct NewsCtx<'a> {
    slug: &'a str,
    date_iso: String,
    date_display: String,
    title: &'a str,
    html: &'a str,
    link: Option<&'a str>,
}

fn news_ctx<'a>(n: &'a crate::model::News, locale: &Locale) -> NewsCtx<'a> {
    NewsCtx {
        slug: &n.slug,
        date_iso: n.date.iso(),
        date_display: n.date.display(locale),
        title: &n.title,
        html: &n.html,
        link: n.link.as_deref(),
    }
}

fn news_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("news", s.text("news"), "news/"));
    context.insert(
        "news",
        &s.site
            .news
            .iter()
            .map(|n| news_ctx(n, &s.site.config.locale))
            .collect::<Vec<_>>(),
    );
    Job {
        template: "news.html",
        path: "news/index.html".into(),
        context,
    }
}

/// How many news items the home page shows.
const HOME_NEWS: usize = 5;

fn not_found_job(s: &Shared) -> Job {
    let mut context = tera::Context::new();
    context.insert("page", &s.page("404", s.text("page_not_found"), "404.html"));
    Job {
        template: "404.html",
        path: "404.html".into(),
        context,
    }
}

impl Shared<'_> {
    /// Renders one paper's page into `sink`.
    fn render_paper(
        &self,
        tera: &tera::Tera,
        p: &Paper,
        paper: tera::Value,
        bibtex: &str,
        sink: &dyn Sink,
    ) -> Result<()> {
        let path = paper_dir(p);
        let config = &self.site.config;
        let needs = &self.needs;
        let mut context = tera::Context::new();
        let mut page = self.page("paper", crate::markdown::plain_inline(&p.title), &path);
        let plain;
        if needs.description {
            plain = crate::markdown::plain_text(&p.abstract_text);
            let summary = crate::text::first_sentence(&plain);
            if !summary.is_empty() {
                page.description = summary;
            }
        }
        if needs.jsonld {
            page.jsonld = Some(meta::script_json(&meta::paper(p, config)));
        }
        context.insert("page", &page);
        context.insert_value("paper", paper);
        if needs.bibtex {
            context.insert("bibtex", bibtex);
        }
        if needs.reference {
            context.insert("reference", &cite::reference(p, config.citation_style));
        }
        context.insert("citation_style", &config.citation_style);
        if needs.scholar_meta {
            context.insert("scholar_meta", &cite::scholar_meta(p, config) as &Vec<Meta>);
        }
        render_to(
            tera,
            Job {
                template: "paper.html",
                path: format!("{path}index.html"),
                context,
            },
            sink,
        )
    }
}

/// Renders one page into `sink`.
fn render_to(tera: &tera::Tera, job: Job, sink: &dyn Sink) -> Result<()> {
    // Into bytes directly: the output is written as bytes, and a String would
    // validate every page as UTF-8 once more (22 MB for the list of 10,000
    // papers with abstracts).
    let mut html = Vec::with_capacity(16 * 1024);
    tera.render_to(job.template, &job.context, &mut html)
        .map_err(|e| template_error(job.template, &job.path, e))?;
    sink.put(Output {
        path: job.path,
        content: Content::Bytes(html),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(names: &[&str]) -> Vec<PaperAuthor> {
        names
            .iter()
            .map(|n| PaperAuthor {
                name: n.to_string(),
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
