//! Generated paper cards (`social.paper_cards: true`): for each paper, a
//! 1200×630 PNG with the site's name, the paper's title, its authors (the
//! highlighted ones never hidden), venue and year, in the site's accent
//! colour, drawn with resvg and the embedded Noto Sans only. Each card is
//! named in the cache by a hash of its SVG (which holds every word and colour
//! drawn) and of the drawing pipeline, so a rebuild draws only the cards of
//! papers that changed, and the same paper gives the same bytes.
//!
//! A paper whose card would need a character the font lacks (Chinese,
//! Japanese, Korean, Arabic, Hebrew...) gets no card, never boxes in place of
//! letters: its page keeps the site's preview, and the build says so in a
//! warning.

mod draw;
mod layout;

use std::path::PathBuf;

use rayon::prelude::*;

use super::cache::{Cache, hash};
use super::{ImageStats, Problem};
use crate::error::Diagnostic;
use crate::model::image::Variant;
use crate::model::{Paper, Picture, Site};
use layout::{Face, Fonts, Name};

/// Changed whenever the same SVG would be drawn differently.
const PIPELINE: &str = "folio card 1: resvg 0.49, Noto Sans 2.004, png best";

/// The accent of the built-in themes, when the site sets none.
const DEFAULT_ACCENT: &str = "#0b57d0";
const CLASSIC_ACCENT: &str = "#1c3c8c";

/// What became of one paper's card.
enum Made {
    Card(PathBuf, u64, bool),
    /// A character of the card's text that the font cannot draw.
    Lacks(char),
    Failed(Problem),
}

/// Draws (or takes from the cache) the card of every paper, filling
/// `site.cards` and counting into `stats`.
pub(super) fn prepare(
    cache: &Cache,
    site: &mut Site,
    diags: &mut Vec<Diagnostic>,
    stats: &mut ImageStats,
) {
    let (Some(regular), Some(bold)) = (Face::new(draw::REGULAR), Face::new(draw::BOLD)) else {
        return;
    };
    let fonts = Fonts { regular, bold };
    let site_ref: &Site = site;
    let made: Vec<(&Paper, Made)> = site_ref
        .papers
        .par_iter()
        .map(|p| (p, card(cache, site_ref, p, &fonts)))
        .collect();
    let mut cards = Vec::new();
    for (p, m) in made {
        match m {
            Made::Card(file, bytes, drawn) => {
                if drawn {
                    stats.encoded += 1;
                } else {
                    stats.reused += 1;
                }
                cards.push((p.slug.clone(), picture(&p.slug, file, bytes)));
            }
            Made::Lacks(c) => diags.push(lacks(p, c)),
            Made::Failed(problem) => diags.push(failed(&p.source, problem)),
        }
    }
    site.cards.extend(cards);
}

/// The warnings for the papers that get no card because the font lacks a
/// character of their text (`folio check` says so without drawing).
pub(super) fn missing_cards(site: &Site) -> Vec<Diagnostic> {
    let (Some(regular), Some(bold)) = (Face::new(draw::REGULAR), Face::new(draw::BOLD)) else {
        return Vec::new();
    };
    let fonts = Fonts { regular, bold };
    site.papers
        .iter()
        .filter_map(|p| lacking(&card_text(site, p), &fonts).map(|c| lacks(p, c)))
        .collect()
}

/// The warning for a paper whose card would need `c`.
fn lacks(p: &Paper, c: char) -> Diagnostic {
    Diagnostic::warning(
        &p.source,
        0,
        0,
        format!(
            "no social card for this paper: its text has `{c}` (U+{:04X}), which the card's font (Noto Sans) cannot draw",
            u32::from(c)
        ),
    )
    .with_hint("its page shows the site's preview (social.image, else the owner's photo) instead")
}

/// The first character of the card's text that the font lacks.
fn lacking(text: &draw::CardText, fonts: &Fonts) -> Option<char> {
    let every = [text.site, &text.title, text.et_al, &text.venue]
        .into_iter()
        .chain(text.authors.iter().map(|a| a.text.as_str()));
    for piece in every {
        let missing = fonts.regular.missing(piece);
        if let Some(c) = missing.or_else(|| fonts.bold.missing(piece)) {
            return Some(c);
        }
    }
    None
}

/// One paper's card, from the cache or drawn.
fn card(cache: &Cache, site: &Site, p: &Paper, fonts: &Fonts) -> Made {
    let text = card_text(site, p);
    if let Some(c) = lacking(&text, fonts) {
        return Made::Lacks(c);
    }
    let svg = draw::svg(&text, fonts);
    let key = format!("card-{}", hash(&[PIPELINE.as_bytes(), svg.as_bytes()]));
    match cache.generated(&key, "png", || draw::png(&svg)) {
        Ok((file, bytes, drawn)) => Made::Card(file, bytes, drawn),
        Err(problem) => Made::Failed(problem),
    }
}

/// What the card of `p` shows.
fn card_text<'a>(site: &'a Site, p: &Paper) -> draw::CardText<'a> {
    let authors: Vec<Name> = p
        .authors
        .iter()
        .map(|a| Name {
            text: a.name.clone(),
            highlighted: a.id.as_deref().is_some_and(|id| site.highlights(id)),
        })
        .collect();
    let config = &site.config;
    draw::CardText {
        site: &config.title,
        title: crate::markdown::plain_inline(&p.title),
        authors,
        more: p.authors_truncated,
        et_al: config.locale.text("et_al"),
        venue: p
            .venue
            .as_deref()
            .map(crate::markdown::plain_inline)
            .unwrap_or_default(),
        year: p.date.year.to_string(),
        accent: accent(config),
    }
}

/// The error for a card that could not be drawn or stored.
fn failed(path: &std::path::Path, problem: Problem) -> Diagnostic {
    let why = match problem {
        Problem::Cache(why) => format!("could not be written to {}/ ({why})", super::CACHE_DIR),
        Problem::Undecodable(why) | Problem::TooLarge(why) => format!("could not be drawn ({why})"),
        Problem::Missing => "could not be drawn".into(),
    };
    Diagnostic::error(path, 0, 0, format!("the social card of this paper {why}"))
        .with_hint("check that the site folder is writable, or set social.paper_cards to false")
}

/// The site's accent (light), else the theme's.
fn accent(config: &crate::model::config::Config) -> String {
    match config.appearance.accent {
        Some((light, _)) => light.hex(),
        None if config.theme == "classic" => CLASSIC_ACCENT.into(),
        None => DEFAULT_ACCENT.into(),
    }
}

/// The card as a picture with one copy, published beside the paper's page.
fn picture(slug: &str, file: PathBuf, bytes: u64) -> Picture {
    Picture {
        width: draw::WIDTH,
        height: draw::HEIGHT,
        variants: vec![Variant {
            path: format!("papers/{slug}/card.png"),
            width: draw::WIDTH,
            height: draw::HEIGHT,
            bytes,
            file,
        }],
    }
}
