//! A paper card as SVG (every text from the input escaped), and the SVG
//! drawn to a PNG with resvg, with the embedded font alone: no system font
//! is ever looked up, so the same card has the same bytes on every machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::layout::{self, Face, Fonts, Name};
use crate::escape;

/// The card's size, the shape social sites show across a post.
pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;

/// The embedded font (Noto Sans, SIL OFL 1.1: `src/images/fonts/OFL.txt`).
pub(super) const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
pub(super) const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
const FAMILY: &str = "Noto Sans";

/// Left and right margins, and the width the text may take.
const LEFT: f32 = 88.0;
const TEXT_WIDTH: f32 = WIDTH as f32 - LEFT - 80.0;
const INK: &str = "#1f2328";
const SOFT_INK: &str = "#3d444d";
const MUTED_INK: &str = "#59636e";

/// What a card shows, as plain text.
pub(super) struct CardText<'a> {
    pub(super) site: &'a str,
    pub(super) title: String,
    pub(super) authors: Vec<Name>,
    /// The paper file lists only the first authors (`and others`).
    pub(super) more: bool,
    /// `et al.` in the site's language.
    pub(super) et_al: &'a str,
    /// The venue (may be empty) and the year, drawn as `NeurIPS · 2024`.
    pub(super) venue: String,
    pub(super) year: String,
    /// The accent colour, `#rrggbb`.
    pub(super) accent: String,
}

/// The title's sizes, largest first, with the lines each may take.
const TITLE_SIZES: [(f32, usize); 3] = [(64.0, 3), (56.0, 3), (48.0, 4)];

/// The card as an SVG document.
pub(super) fn svg(text: &CardText, fonts: &Fonts) -> String {
    let (regular, bold) = (&fonts.regular, &fonts.bold);
    let a = escape::xml(&text.accent);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"{FAMILY}\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\
         <rect width=\"24\" height=\"{HEIGHT}\" fill=\"{a}\"/>"
    );
    let site = layout::one_line(bold, text.site, 30.0, TEXT_WIDTH);
    out.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"104\" font-size=\"30\" font-weight=\"700\" fill=\"{a}\">{}</text>\
         <rect x=\"{LEFT}\" y=\"126\" width=\"72\" height=\"6\" rx=\"3\" fill=\"{a}\"/>",
        escape::xml(&site)
    ));
    let (px, lines) = title_lines(bold, &text.title);
    let line_height = (px * 1.18).round();
    let mut y = 190.0 + px;
    out.push_str(&format!(
        "<text font-size=\"{px}\" font-weight=\"700\" fill=\"{INK}\">"
    ));
    for line in &lines {
        out.push_str(&format!(
            "<tspan x=\"{LEFT}\" y=\"{y}\">{}</tspan>",
            escape::xml(line)
        ));
        y += line_height;
    }
    out.push_str("</text>");
    y += 40.0 - line_height + 30.0;
    let author_lines = layout::authors(
        fonts,
        &text.authors,
        text.more,
        text.et_al,
        30.0,
        TEXT_WIDTH,
        2,
    );
    for line in &author_lines {
        out.push_str(&format!(
            "<text x=\"{LEFT}\" y=\"{y}\" font-size=\"30\" fill=\"{SOFT_INK}\">{}</text>",
            author_line(line, &a)
        ));
        y += 42.0;
    }
    // A long venue is cut; the year stays.
    let venue = match text.venue.trim() {
        "" => text.year.clone(),
        v => {
            let year = format!(" · {}", text.year);
            let room = TEXT_WIDTH - regular.width(&year, 28.0);
            format!("{}{year}", layout::one_line(regular, v, 28.0, room))
        }
    };
    out.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"566\" font-size=\"28\" fill=\"{MUTED_INK}\">{}</text></svg>",
        escape::xml(&venue)
    ));
    out
}

/// The title at the largest size at which it fits, else cut at the smallest.
fn title_lines(bold: &Face, title: &str) -> (f32, Vec<String>) {
    for (px, max) in TITLE_SIZES {
        let (lines, cut) = layout::wrap(bold, title, px, TEXT_WIDTH, max);
        if !cut {
            return (px, lines);
        }
    }
    let (px, max) = TITLE_SIZES[TITLE_SIZES.len() - 1];
    (px, layout::wrap(bold, title, px, TEXT_WIDTH, max).0)
}

/// One line of authors: highlighted names bold in the accent colour, a
/// space between pieces but before a comma.
fn author_line(pieces: &[Name], accent: &str) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 && p.text != "," {
            out.push(' ');
        }
        let t = escape::xml(&p.text);
        if p.highlighted {
            out.push_str(&format!(
                "<tspan font-weight=\"700\" fill=\"{accent}\">{t}</tspan>"
            ));
        } else {
            out.push_str(&t);
        }
    }
    out
}

/// The fonts resvg may use: the embedded ones, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        Arc::new(db)
    })
    .clone()
}

/// The SVG drawn as an RGB PNG of `WIDTH`×`HEIGHT`.
pub(super) fn png(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| "no pixmap".to_string())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // The card is opaque: premultiplied RGBA is plain RGB.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Ok(crate::images::encode::png_rgb(&rgb, WIDTH, HEIGHT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str, venue: &str) -> CardText<'static> {
        CardText {
            site: "Ada's <site> & co",
            title: title.into(),
            authors: vec![
                Name {
                    text: "Ada </tspan> Lovelace".into(),
                    highlighted: true,
                },
                Name {
                    text: "Charles \"Babbage\"".into(),
                    highlighted: false,
                },
            ],
            more: false,
            et_al: "et al.",
            venue: venue.into(),
            year: "2024".into(),
            accent: "#7b2d8e\"/><script>".into(),
        }
    }

    fn fonts_for_tests() -> Fonts<'static> {
        Fonts {
            regular: Face::new(REGULAR).unwrap(),
            bold: Face::new(BOLD).unwrap(),
        }
    }

    // Every text from the input lands escaped: the SVG parses, and no
    // element or attribute comes from a title, a name or a venue.
    #[test]
    fn every_text_is_escaped_and_the_title_wrapped() {
        let f = fonts_for_tests();
        let title = format!(
            "</text><script>alert(1)</script> & {}",
            "word ".repeat(1000)
        );
        let svg = svg(&text(&title, "<b>Venue</b>"), &f);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(svg.contains("Ada &lt;/tspan&gt; Lovelace"));
        assert!(svg.contains("Ada&apos;s &lt;site&gt; &amp; co"));
        assert!(svg.contains("fill=\"#7b2d8e&quot;/&gt;&lt;script&gt;\""));
        // Four title lines at the smallest size, the last cut.
        assert_eq!(svg.matches("<tspan x=").count(), 4);
        assert!(svg.contains("…</tspan>"));
        let options = usvg::Options {
            fontdb: fonts(),
            ..usvg::Options::default()
        };
        assert!(usvg::Tree::from_str(&svg, &options).is_ok());
    }

    #[test]
    fn a_short_title_is_drawn_large_on_one_line() {
        let f = fonts_for_tests();
        let svg = svg(&text("Notes on the Engine", ""), &f);
        assert!(svg.contains("font-size=\"64\""), "{svg}");
        assert_eq!(svg.matches("<tspan x=").count(), 1);
    }
}
