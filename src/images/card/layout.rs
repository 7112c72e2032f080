//! Where the words of a paper card go: text measured with the embedded
//! font's glyph advances (SVG has no line wrapping), the title wrapped to a
//! few lines with an ellipsis, the author list shortened so that the
//! highlighted author (the owner) is never hidden behind "et al.". Pure.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The ellipsis that ends a cut line.
pub(super) const ELLIPSIS: char = '…';

/// The regular and bold faces of the embedded font.
pub(super) struct Fonts<'a> {
    pub(super) regular: Face<'a>,
    pub(super) bold: Face<'a>,
}

impl Fonts<'_> {
    /// The face a piece of text is drawn in.
    fn of(&self, highlighted: bool) -> &Face<'_> {
        if highlighted {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// One face of the embedded font, for measuring.
pub(super) struct Face<'a> {
    font: FontRef<'a>,
    units_per_em: f32,
}

impl<'a> Face<'a> {
    /// The face of the font file `bytes`, when it can be read.
    pub(super) fn new(bytes: &'a [u8]) -> Option<Face<'a>> {
        let font = FontRef::new(bytes).ok()?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        if units_per_em <= 0.0 {
            return None;
        }
        Some(Face { font, units_per_em })
    }

    /// Whether the font draws `c` (a space or a control character needs no glyph).
    pub(super) fn covers(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.font.charmap().map(c).is_some()
    }

    /// The first character of `text` the font cannot draw.
    pub(super) fn missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !self.covers(c))
    }

    /// The width of `text` at `px` pixels per em (kerning left out, which
    /// only makes a line a little narrower than measured).
    pub(super) fn width(&self, text: &str, px: f32) -> f32 {
        let map = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .filter_map(|c| map.map(c))
            .filter_map(|g| metrics.advance_width(g))
            .sum();
        units * px / self.units_per_em
    }
}

/// `text` in at most `max_lines` lines of at most `width` pixels at `px`:
/// broken between words, inside a word only when it is wider than a line.
/// Text that does not fit ends with an ellipsis. The bool says whether it was
/// cut.
pub(super) fn wrap(
    face: &Face,
    text: &str,
    px: f32,
    width: f32,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let fits = |s: &str| face.width(s, px) <= width;
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line is broken where it reaches the edge.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
        if lines.len() > max_lines {
            break;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(face, last, px, width);
    }
    (lines, true)
}

/// `text` cut (at a word when it can) so that it and an ellipsis fit `width`.
pub(super) fn ellipsize(face: &Face, text: &str, px: f32, width: f32) -> String {
    let mut cut: String = text.to_string();
    loop {
        let candidate = format!("{}{ELLIPSIS}", cut.trim_end());
        if face.width(&candidate, px) <= width || cut.is_empty() {
            return candidate;
        }
        // Drop the last word when the line has several, else a character.
        match cut.trim_end().rfind(' ') {
            Some(i) if face.width(&cut[..i], px) + face.width("…", px) <= width => {
                cut.truncate(i);
            }
            _ => {
                cut.pop();
            }
        }
    }
}

/// One line at most `width` wide: `text`, or its start with an ellipsis.
pub(super) fn one_line(face: &Face, text: &str, px: f32, width: f32) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if face.width(&text, px) <= width {
        text
    } else {
        ellipsize(face, &text, px, width)
    }
}

/// An author as drawn: the name, and whether it is highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name {
    pub(super) text: String,
    pub(super) highlighted: bool,
}

/// What an author list is made of, once shortened.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Name(Name),
    /// Authors left out between two shown ones (`…`).
    Gap,
    /// Authors left out at the end (`et al.`).
    EtAl,
}

/// The authors to draw, as lines of pieces (a name, or a `,` after one; the
/// SVG puts a space before each piece but a comma): every author when they
/// fit in `max_lines` lines, else the first few and `et al.`, or, when the
/// highlighted author is not among the first few, the first few, `…` and
/// that author (and `…` again unless that author is the last).
pub(super) fn authors(
    fonts: &Fonts,
    names: &[Name],
    more: bool,
    et_al: &str,
    px: f32,
    width: f32,
    max_lines: usize,
) -> Vec<Vec<Name>> {
    // No more names than fill the lines laid end to end: a list of
    // thousands of authors is tried from there, not from its end.
    let room = width * max_lines as f32;
    let mut used = 0.0;
    let fit = names
        .iter()
        .take_while(|n| {
            used += fonts.of(n.highlighted).width(&n.text, px);
            used <= room
        })
        .count();
    for shown in (1..=names.len().min(fit + 1)).rev() {
        let mut pieces = shorten(names, shown);
        if more && shown == names.len() {
            pieces.push(Piece::EtAl);
        }
        if let Some(lines) = flow(fonts, &pieces, et_al, px, width, max_lines) {
            return lines;
        }
    }
    // Not even one name fits: the first name, cut.
    let Some(first) = names.first() else {
        return Vec::new();
    };
    vec![vec![Name {
        text: one_line(fonts.of(first.highlighted), &first.text, px, width),
        highlighted: first.highlighted,
    }]]
}

/// The first `shown` names, and how the rest is left out.
fn shorten(names: &[Name], shown: usize) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = names[..shown].iter().cloned().map(Piece::Name).collect();
    if shown == names.len() {
        return pieces;
    }
    let hidden = names[shown..].iter().position(|n| n.highlighted);
    match hidden.filter(|_| !names[..shown].iter().any(|n| n.highlighted)) {
        Some(i) => {
            pieces.push(Piece::Gap);
            pieces.push(Piece::Name(names[shown + i].clone()));
            if shown + i + 1 < names.len() {
                pieces.push(Piece::Gap);
            }
        }
        None => pieces.push(Piece::EtAl),
    }
    pieces
}

/// The pieces laid out in lines, a comma after each but before `et al.`,
/// when they fit in `max_lines` lines without breaking a name.
fn flow(
    fonts: &Fonts,
    pieces: &[Piece],
    et_al: &str,
    px: f32,
    width: f32,
    max_lines: usize,
) -> Option<Vec<Vec<Name>>> {
    let regular = &fonts.regular;
    let space = regular.width(" ", px);
    let mut lines: Vec<Vec<Name>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, piece) in pieces.iter().enumerate() {
        let name = match piece {
            Piece::Name(n) => n.clone(),
            Piece::Gap => plain(&ELLIPSIS.to_string()),
            Piece::EtAl => plain(et_al),
        };
        let comma = pieces
            .get(i + 1)
            .is_some_and(|next| !matches!(next, Piece::EtAl));
        let mut w = fonts.of(name.highlighted).width(&name.text, px);
        if comma {
            w += regular.width(",", px);
        }
        if w > width {
            return None;
        }
        if used > 0.0 && used + space + w > width {
            lines.push(Vec::new());
            used = 0.0;
        } else if used > 0.0 {
            used += space;
        }
        used += w;
        let line = lines.last_mut()?;
        line.push(name);
        if comma {
            line.push(plain(","));
        }
    }
    (lines.len() <= max_lines).then_some(lines)
}

fn plain(text: &str) -> Name {
    Name {
        text: text.to_string(),
        highlighted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
    const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

    fn name(t: &str, h: bool) -> Name {
        Name {
            text: t.into(),
            highlighted: h,
        }
    }

    #[test]
    fn widths_grow_with_the_text_and_the_size() {
        let f = Face::new(REGULAR).unwrap();
        let w = f.width("Notes on the Engine", 40.0);
        assert!(w > 200.0 && w < 500.0, "{w}");
        assert!((f.width("Notes on the Engine", 80.0) - 2.0 * w).abs() < 0.01);
        assert!(f.width("WWW", 40.0) > f.width("iii", 40.0));
    }

    #[test]
    fn coverage_finds_what_the_font_lacks() {
        let f = Face::new(REGULAR).unwrap();
        assert_eq!(f.missing("Ünïcödé Ελληνικά кириллица – “quotes” …"), None);
        assert_eq!(f.missing("Deep 学习"), Some('学'));
        assert_eq!(f.missing("تعلم"), Some('ت'));
    }

    #[test]
    fn a_title_wraps_between_words_and_ends_with_an_ellipsis() {
        let f = Face::new(BOLD).unwrap();
        let title = "A Very Long Title About Analytical Engines ".repeat(10);
        let (lines, cut) = wrap(&f, &title, 56.0, 1000.0, 3);
        assert!(cut);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for l in &lines {
            assert!(f.width(l, 56.0) <= 1000.0, "{l}");
        }
        let (lines, cut) = wrap(&f, "Notes on the Engine", 56.0, 1000.0, 3);
        assert_eq!(
            (lines, cut),
            (vec!["Notes on the Engine".to_string()], false)
        );
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken() {
        let f = Face::new(BOLD).unwrap();
        let (lines, cut) = wrap(&f, &"x".repeat(5000), 48.0, 1000.0, 4);
        assert!(cut);
        assert_eq!(lines.len(), 4);
        for l in &lines {
            assert!(f.width(l, 48.0) <= 1000.0, "{l}");
            assert!(l.len() > 10, "{l}");
        }
    }

    #[test]
    fn a_long_author_list_keeps_the_owner() {
        let f = Fonts {
            regular: Face::new(REGULAR).unwrap(),
            bold: Face::new(BOLD).unwrap(),
        };
        let mut names: Vec<Name> = (0..40)
            .map(|i| name(&format!("Author Number{i}"), false))
            .collect();
        names[30] = name("Ada Lovelace", true);
        let lines = authors(&f, &names, false, "et al.", 30.0, 1000.0, 2);
        let flat: Vec<&str> = lines.iter().flatten().map(|n| n.text.as_str()).collect();
        assert!(lines.len() <= 2);
        assert_eq!(flat[..2], ["Author Number0", ","]);
        let at = flat.iter().position(|t| *t == "Ada Lovelace").unwrap();
        assert_eq!(
            flat[at - 2..],
            ["…", ",", "Ada Lovelace", ",", "…"],
            "{flat:?}"
        );
        // The owner last: nothing after. The owner among the first: et al.
        names.truncate(31);
        let lines = authors(&f, &names, false, "et al.", 30.0, 1000.0, 2);
        let flat: Vec<&str> = lines.iter().flatten().map(|n| n.text.as_str()).collect();
        assert_eq!(flat[flat.len() - 3..], ["…", ",", "Ada Lovelace"]);
        names.swap(0, 30);
        let lines = authors(&f, &names, false, "et al.", 30.0, 1000.0, 2);
        let flat: Vec<&str> = lines.iter().flatten().map(|n| n.text.as_str()).collect();
        assert_eq!(flat[0], "Ada Lovelace");
        assert_eq!(flat.last(), Some(&"et al."));
        assert_ne!(flat[flat.len() - 2], ",");
        // Thousands of authors (a physics collaboration): the same, at once.
        let many: Vec<Name> = (0..5000)
            .map(|i| name(&format!("Author Number{i}"), i == 4000))
            .collect();
        let lines = authors(&f, &many, false, "et al.", 30.0, 1000.0, 2);
        let flat: Vec<&str> = lines.iter().flatten().map(|n| n.text.as_str()).collect();
        assert_eq!(
            flat[flat.len() - 5..],
            ["…", ",", "Author Number4000", ",", "…"]
        );
        // Short lists are drawn whole, comma-separated.
        let two = [name("Ada Lovelace", true), name("Charles Babbage", false)];
        let lines = authors(&f, &two, false, "et al.", 30.0, 1000.0, 2);
        let flat: Vec<&str> = lines.iter().flatten().map(|n| n.text.as_str()).collect();
        assert_eq!(flat, ["Ada Lovelace", ",", "Charles Babbage"]);
    }
}
