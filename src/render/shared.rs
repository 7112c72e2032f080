//! What every page kind shares during one build: the outputs and where they go
//! (`Output`, `Sink`), each paper's derived data (`Derived`, reused by watch),
//! the precomputed `Shared` data, and the `Job` that renders one page.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::context::{ListFields, PageCtx, TopicCtx, paper_ctx};
use crate::error::{Error, Result};
use crate::model::{Paper, Site};
use crate::render::theme::Theme;
use crate::scholar::cite;

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

/// What a build derives from one paper and every page shares: its list entry
/// and its BibTeX entry. Kept between builds by `folio watch` and reused while
/// the paper is unchanged.
#[derive(Clone)]
pub struct Derived {
    /// The list entry (`ListPaper`) as a template value: every field of the
    /// paper plus `item_html`. Lists share it (tera values are reference-counted),
    /// and the paper's own page uses it as `paper`.
    pub(super) item: tera::Value,
    pub(super) bibtex: Arc<str>,
}

/// Derived data of the previous build that is still valid: every paper not in
/// `changed`, when nothing else changed.
pub struct Reuse<'r> {
    pub changed: &'r HashSet<String>,
    pub derived: &'r HashMap<String, Derived>,
    /// When given, the only topics and authors whose pages may have changed:
    /// the pages of the others are not rendered again.
    pub touched: Option<&'r Touched>,
    /// When given, only items of a kind registered in `affected` changed: of
    /// the pages whose templates are in `affected::NAMED_ONLY`, only those
    /// with these paths are rendered (paper pages: those in `changed`).
    pub only: Option<&'r HashSet<String>>,
}

/// Topic keys and author ids whose list pages show a changed paper.
#[derive(Debug, Default)]
pub struct Touched {
    pub topics: HashSet<String>,
    pub authors: HashSet<String>,
}

/// Renders one paper's page (`paper::render`), called while `Shared` is made so
/// that each paper's template value is made once.
pub(super) type PaperPage =
    dyn Fn(&Shared, &tera::Tera, &Paper, tera::Value, &str, &dyn Sink) -> Result<()> + Sync;

/// Shared, precomputed data for every page of one build.
pub(super) struct Shared<'a> {
    pub(super) site: &'a Site,
    pub(super) topics: Vec<TopicCtx<'a>>,
    /// Each paper's derived data, in `site.papers` order.
    pub(super) derived: Vec<Derived>,
    /// What the paper template uses, so that nothing else is computed per page.
    pub(super) needs: PaperNeeds,
}

/// The per-page data that the paper template (with what it includes) mentions.
pub(super) struct PaperNeeds {
    pub(super) bibtex: bool,
    pub(super) reference: bool,
    pub(super) scholar_meta: bool,
    pub(super) jsonld: bool,
    pub(super) description: bool,
}

impl PaperNeeds {
    pub(super) fn of(theme: &Theme) -> PaperNeeds {
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

impl<'a> Shared<'a> {
    /// Everything pages share, and (in the same pass, so that each paper's
    /// template value is made once) the pages of the papers `wanted` accepts.
    pub(super) fn new(
        site: &'a Site,
        topics: Vec<TopicCtx<'a>>,
        theme: &Theme,
        reuse: Option<&Reuse>,
        wanted: impl Fn(&Paper) -> bool + Sync,
        render_paper: &PaperPage,
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
                    render_paper(&shared, tera, p, paper.clone(), &bibtex, sink)?;
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
    pub(super) fn papers_where(&self, keep: impl Fn(&Paper) -> bool) -> Vec<tera::Value> {
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

pub(super) fn template_error(template: &str, target: &str, e: tera::Error) -> Error {
    Error::Template {
        name: format!("{template} (for {target})"),
        message: e.to_string(),
    }
}

impl Shared<'_> {
    /// A string of the site's string table.
    pub(super) fn text(&self, key: &str) -> String {
        self.site.config.locale.text(key).to_string()
    }

    pub(super) fn page(
        &self,
        kind: &'static str,
        title: impl Into<String>,
        path: &str,
    ) -> PageCtx<'_> {
        PageCtx {
            kind,
            title: title.into(),
            url: self.site.config.url_for(path),
            canonical: self.site.config.absolute_url(path),
            description: &self.site.config.description,
            og_type: match kind {
                "paper" | "post" => "article",
                "author" => "profile",
                _ => "website",
            },
            jsonld: None,
            og_image: None,
        }
    }
}

/// A page to render: its template, output path and context.
pub(super) struct Job {
    pub(super) template: &'static str,
    pub(super) path: String,
    pub(super) context: tera::Context,
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

/// Renders one page into `sink`.
pub(super) fn render_to(tera: &tera::Tera, job: Job, sink: &dyn Sink) -> Result<()> {
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
