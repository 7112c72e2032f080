//! Metrics as pictures: small SVG badges (`badges/<metric>.svg`, in the style
//! people embed in a GitHub README) and the citations-by-year bar chart shown on
//! the profile. Text in the SVG is XML-escaped; numbers are computed here.

use crate::escape::xml as xml_escape;
use crate::model::Bar;

/// Approximate width of a string in 11px Verdana, the usual badge font.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | '|' | '\'' | '!' => 3.5,
            'm' | 'w' | 'M' | 'W' | '%' => 10.0,
            c if c.is_ascii_uppercase() => 7.5,
            _ => 6.6,
        })
        .sum()
}

/// A two-part badge: grey label, coloured value.
pub fn badge(label: &str, value: &str) -> String {
    let lw = (text_width(label) + 12.0).round();
    let vw = (text_width(value) + 12.0).round();
    let w = lw + vw;
    let (label, value) = (xml_escape(label), xml_escape(value));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}: {value}\">\
<title>{label}: {value}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/>\
<rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"#0b6e4f\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{}\" y=\"14\">{label}</text><text x=\"{}\" y=\"14\">{value}</text></g></svg>\n",
        lw / 2.0,
        lw + vw / 2.0
    )
}

/// An inline SVG bar chart of citations per year, scaled to the largest year.
/// The caller shows the same numbers as a table for readers who cannot see it.
pub fn chart(bars: &[Bar]) -> String {
    let (bar_w, gap, height, top, bottom) = (28.0, 8.0, 120.0, 16.0, 18.0);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
    let width = bars.len() as f64 * (bar_w + gap) + gap;
    let total = height + top + bottom;
    let mut out = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\" aria-hidden=\"true\" focusable=\"false\">"
    );
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value as f64 / max * height)
            .round()
            .max(if b.value > 0 { 1.0 } else { 0.0 });
        let x = gap + i as f64 * (bar_w + gap);
        let y = top + height - h;
        out.push_str(&format!(
            "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{bar_w}\" height=\"{h}\" rx=\"2\"/>\
<text class=\"bar-value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\
<text class=\"bar-year\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + bar_w / 2.0,
            y - 4.0,
            b.value,
            x + bar_w / 2.0,
            top + height + 13.0,
            b.year % 100
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_escapes_its_text_and_is_labelled() {
        let svg = badge("h<index", "38&");
        assert!(svg.contains("aria-label=\"h&lt;index: 38&amp;\""));
        assert!(!svg.contains("h<index"));
    }

    #[test]
    fn chart_scales_bars_to_the_largest_year() {
        let svg = chart(&[
            Bar {
                year: 2023,
                value: 50,
            },
            Bar {
                year: 2024,
                value: 100,
            },
        ]);
        assert!(svg.contains("height=\"60\""), "{svg}");
        assert!(svg.contains("height=\"120\" rx"), "{svg}");
    }
}
