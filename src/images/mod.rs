//! Pictures resized at build time: every photo, project picture, post cover,
//! paper preview, group photo and Markdown picture that the site names in
//! `static/` is decoded (within limits, so that a decompression
//! bomb is refused), turned upright by its EXIF orientation, and encoded at a
//! few widths, never wider than the source, within a byte budget per role.
//! Re-encoding drops every metadata block (GPS included), and the originals
//! are not copied into the output. The copies are kept in a cache folder
//! beside the site (`.folio/cache/images/`), keyed by a hash of the source
//! bytes and of everything that shapes the result, so a rebuild (or `folio
//! watch`) encodes nothing that did not change.
//!
//! With `social.paper_cards`, each paper also gets a generated card
//! (`card`): its title, authors, venue and year drawn to a 1200×630 PNG with
//! an embedded font, cached the same way.
//!
//! Runs between `resolve` and `render` (`site.rs`): it reads the sources and
//! writes the cache, and fills `Site::images`, which the templates' contexts
//! turn into `src`, `srcset`, `width` and `height`; the rendered Markdown
//! texts get theirs here (`html`).

mod cache;
mod card;
mod decode;
mod encode;
mod html;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::model::{ImageRef, ImageRole, Picture, Site};

/// Where the resized copies are kept, inside the site folder.
pub const CACHE_DIR: &str = ".folio/cache/images";

/// What the image stage of one build did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    /// Copies encoded (and paper cards drawn) by this build.
    pub encoded: usize,
    /// Copies (and paper cards) taken from the cache.
    pub reused: usize,
}

/// The widths made of a picture in `role` (before capping at the source's),
/// and the most bytes one copy may take.
pub(crate) fn widths_and_budget(role: ImageRole) -> (&'static [u32], u64) {
    match role {
        // Shown at 112 px (7rem), twice that on dense screens, and 600 px as
        // the social preview.
        ImageRole::Photo => (&[112, 224, 600], 40 * 1024),
        // Cards of about 360 px, the project page's picture at up to 720 px.
        ImageRole::Picture => (&[360, 720, 1080], 150 * 1024),
        // The site's card, the social preview: social sites show it at up to
        // 1200 px wide; 600 px is their smallest large preview.
        ImageRole::Card => (&[600, 1200], 250 * 1024),
        // A paper's preview: about 8rem beside the entry in a list, twice
        // that on dense screens, and up to 320 px on its page.
        ImageRole::Thumbnail => (&[160, 320, 640], 60 * 1024),
        // As wide as the text (46rem), on any screen; the group photo is on
        // the home page, where every picture stays within 150 KB.
        ImageRole::Figure => (&[480, 960, 1440], 150 * 1024),
    }
}

/// Resizes every picture the site names, filling `site.images`, and draws
/// the papers' cards when the site asks for them, filling `site.cards`. A
/// picture that is missing, cannot be decoded or is too large to decode is
/// an error at each field naming it.
pub fn prepare(root: &Path, site: &mut Site, diags: &mut Vec<Diagnostic>) -> ImageStats {
    let mut stats = resize(root, site, diags);
    if site.config.social.paper_cards {
        let cache = cache::Cache::new(root.join(CACHE_DIR));
        card::prepare(&cache, site, diags, &mut stats);
    }
    stats
}

/// Warnings for the papers that get no generated card (`social.paper_cards`)
/// because the card's font lacks a character of their text; `folio check`
/// reports them without drawing anything.
pub fn missing_cards(site: &Site) -> Vec<Diagnostic> {
    if site.config.social.paper_cards {
        card::missing_cards(site)
    } else {
        Vec::new()
    }
}

/// Resizes every picture the site names, filling `site.images`.
fn resize(root: &Path, site: &mut Site, diags: &mut Vec<Diagnostic>) -> ImageStats {
    let (refs, others): (Vec<ImageRef>, Vec<ImageRef>) = image_refs(site)
        .into_iter()
        .partition(|r| is_raster(&r.rel));
    // An SVG or a GIF is used as it is, but it must be there.
    for r in others {
        if !site.static_files.iter().any(|f| f.rel == r.rel) {
            diags.push(Problem::Missing.at(&r));
        }
    }
    if refs.is_empty() {
        return ImageStats::default();
    }
    // One job per source file; the first role named wins (a photo's widths
    // serve a picture too).
    let mut sources: BTreeMap<&str, ImageRole> = BTreeMap::new();
    for r in &refs {
        let role = sources.entry(r.rel.as_str()).or_insert(r.role);
        *role = (*role).min(r.role);
    }
    let files: BTreeMap<&str, &Path> = site
        .static_files
        .iter()
        .map(|f| (f.rel.as_str(), f.source.as_path()))
        .collect();
    let cache = cache::Cache::new(root.join(CACHE_DIR));
    let encoded = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let jobs: Vec<(&str, ImageRole)> = sources.into_iter().collect();
    let results: Vec<(&str, Result<Picture, Problem>)> = jobs
        .par_iter()
        .map(|&(rel, role)| {
            let made = match files.get(rel) {
                None => Err(Problem::Missing),
                Some(source) => cache.picture(rel, source, role, &encoded, &reused),
            };
            (rel, made)
        })
        .collect();
    for (rel, made) in results {
        match made {
            Ok(picture) => {
                site.images.insert(rel.to_string(), picture);
            }
            Err(problem) => {
                diags.extend(refs.iter().filter(|r| r.rel == rel).map(|r| problem.at(r)))
            }
        }
    }
    html::rewrite_texts(site);
    ImageStats {
        encoded: encoded.into_inner(),
        reused: reused.into_inner(),
    }
}

/// The pictures of `static/` that a build resizes (and whose originals it
/// does not publish), for `folio check`.
pub fn resized_sources(site: &Site) -> std::collections::BTreeSet<String> {
    image_refs(site)
        .into_iter()
        .filter(|r| is_raster(&r.rel) && site.static_files.iter().any(|f| f.rel == r.rel))
        .map(|r| r.rel)
        .collect()
}

/// Every picture named by the site (raster or not), in file order.
fn image_refs(site: &Site) -> Vec<ImageRef> {
    let photos = site.authors.values().filter_map(|a| a.photo_file.clone());
    let pictures = site.projects.iter().filter_map(|p| p.image_file.clone());
    let card = site.config.social.image.clone();
    let covers = site.posts.iter().filter_map(|p| p.image_file.clone());
    let previews = site.papers.iter().filter_map(|p| p.preview_file.clone());
    let bodies = (site.posts.iter().flat_map(|p| &p.body_images))
        .chain(site.pages.iter().flat_map(|p| &p.body_images))
        .chain(site.projects.iter().flat_map(|p| &p.body_images))
        .cloned();
    let lab = site.config.appearance.lab_photo.as_ref();
    photos
        .chain(pictures)
        .chain(card)
        .chain(covers)
        .chain(previews)
        // A missing group photo is `resolve`'s error already.
        .chain(
            lab.and_then(|l| l.file.clone())
                .filter(|f| site.static_files.iter().any(|s| s.rel == f.rel)),
        )
        .chain(bodies)
        .collect()
}

/// The formats the build resizes; others (SVG, GIF) are copied as they are.
fn is_raster(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
}

/// Why a picture could not be made.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    Missing,
    /// Larger than the build decodes: the declared size, or the file's bytes.
    TooLarge(String),
    Undecodable(String),
    /// The cache folder could not be written.
    Cache(String),
}

impl Problem {
    fn at(&self, r: &ImageRef) -> Diagnostic {
        let d = |msg: String| Diagnostic::error(&r.path, r.line, r.column, msg);
        let (field, rel) = (r.field, &r.rel);
        match self {
            Problem::Missing => d(format!("{field}: no file static/{rel}"))
                .with_hint("put the picture in static/, or correct the path"),
            Problem::TooLarge(what) => d(format!(
                "{field}: static/{rel} is too large to decode safely ({what})"
            ))
            .with_hint(format!(
                "save it at most {} pixels on its longest side (the build makes copies of at most {})",
                decode::MAX_SIDE,
                widths_and_budget(r.role).0.last().copied().unwrap_or(0)
            )),
            Problem::Undecodable(why) => d(format!(
                "{field}: static/{rel} cannot be read as a picture ({why})"
            ))
            .with_hint("save it again as JPEG, PNG or WebP"),
            Problem::Cache(why) => d(format!(
                "{field}: the resized copies of static/{rel} could not be written to {CACHE_DIR}/ ({why})"
            ))
            .with_hint("check that the site folder is writable"),
        }
    }
}

/// Counts a copy as made or reused.
fn count(counter: &AtomicUsize, n: usize) {
    counter.fetch_add(n, Ordering::Relaxed);
}
