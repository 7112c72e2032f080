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

/// Most years the chart draws: the latest ones when there are more.
pub const MAX_BARS: usize = 40;

/// Height of the plot area in CSS pixels: the tallest bar reaches it only when
/// the largest year equals the top tick.
pub const PLOT_HEIGHT: u64 = 100;

/// The bars to draw: every year from the first to the last (a year missing in
/// between counts zero, as the sources omit years without citations), at most
/// the latest `MAX_BARS`.
pub fn chart_bars(bars: &[Bar]) -> Vec<Bar> {
    let (Some(first), Some(last)) = (bars.first(), bars.last()) else {
        return Vec::new();
    };
    let from = first.year.max(last.year - MAX_BARS as i32 + 1);
    (from..=last.year)
        .map(|year| Bar {
            year,
            value: bars.iter().find(|b| b.year == year).map_or(0, |b| b.value),
        })
        .collect()
}

/// The axis: a round step such that two steps reach the largest value, so the
/// ticks read 0, step, 2 x step (0, 250, 500), the tallest bar fills most of
/// the plot (three quarters or more from a largest value of 3 on), and none is
/// taller than it.
fn tick_step(max: u64) -> u64 {
    let half = max.div_ceil(2).max(1);
    let mut unit = 1u64;
    loop {
        for m in [10, 15, 20, 25, 30, 40, 50, 60, 80] {
            let step = unit.saturating_mul(m) / 10;
            if step >= half {
                return step;
            }
        }
        if unit > u64::MAX / 10 {
            return half;
        }
        unit *= 10;
    }
}

/// Every how many years a year is written under the bars, so that four-digit
/// years at body-text size never touch, on a
/// plot `width` pixels wide.
fn label_step(bars: usize, width: f64) -> i32 {
    let per_bar = (width / bars.max(1) as f64).min(BAR_SLOT);
    [1, 2, 5, 10]
        .into_iter()
        .find(|s| per_bar * *s as f64 >= LABEL_WIDTH)
        .unwrap_or(10)
}

/// Width of one year's slot when there is room: bar and gap.
const BAR_SLOT: f64 = 52.0;

/// Room a four-digit year at body-text size needs, with space to the next.
const LABEL_WIDTH: f64 = 48.0;

/// The narrowest plot on a phone (375 px screen) and on a wider screen, in CSS
/// pixels: which years are written is decided for both, and a media query in
/// the theme picks.
const NARROW_PLOT: f64 = 260.0;
const WIDE_PLOT: f64 = 480.0;

/// A bar chart of citations per year in the manner of Google Scholar's: bars on
/// a plot at most `PLOT_HEIGHT` pixels tall, a right-hand axis with three round
/// ticks, and four-digit years below. The bars are one SVG stretched to the
/// plot's width (so from 1 to 40 years fill it well at any screen width); the
/// numbers are HTML text at the size of the page's text. Hidden from assistive
/// technology: the caller shows the same numbers as a table.
pub fn chart(bars: &[Bar], locale: &crate::i18n::Locale) -> String {
    let bars = chart_bars(bars);
    let n = bars.len().max(1);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let step = tick_step(max);
    let top = step.saturating_mul(2).max(1);
    let height = PLOT_HEIGHT;
    let view_w = n * 10;
    let natural_w = (n as f64 * BAR_SLOT).round();
    let mut out = format!(
        "<div class=\"chart\" aria-hidden=\"true\"><div class=\"chart-plot\">\
<svg class=\"chart-bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {view_w} {height}\" \
width=\"{natural_w}\" height=\"{height}\" preserveAspectRatio=\"none\" focusable=\"false\">"
    );
    for y in [0, height / 2, height] {
        out.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"0\" x2=\"{view_w}\" y1=\"{y}\" y2=\"{y}\" vector-effect=\"non-scaling-stroke\"/>"
        ));
    }
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value as f64 / top as f64 * height as f64)
            .round()
            .max(if b.value > 0 { 1.0 } else { 0.0 });
        out.push_str(&format!(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"6\" height=\"{h}\"><title>{}: {}</title></rect>",
            i * 10 + 2,
            height as f64 - h,
            b.year,
            locale.number(b.value)
        ));
    }
    out.push_str("</svg><div class=\"chart-years\">");
    let (narrow, wide) = (label_step(n, NARROW_PLOT), label_step(n, WIDE_PLOT));
    for b in &bars {
        let mut class = Vec::new();
        if b.year % narrow != 0 {
            class.push("year-narrow-hidden");
        }
        if b.year % wide != 0 {
            class.push("year-wide-hidden");
        }
        if class.is_empty() {
            out.push_str(&format!("<span>{}</span>", b.year));
        } else {
            out.push_str(&format!(
                "<span class=\"{}\">{}</span>",
                class.join(" "),
                b.year
            ));
        }
    }
    out.push_str(&format!(
        "</div></div><div class=\"chart-axis\"><span class=\"tick-top\">{}</span>\
<span class=\"tick-mid\">{}</span><span class=\"tick-zero\">0</span></div></div>",
        locale.number(top),
        locale.number(step)
    ));
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

    fn bars(pairs: &[(i32, u64)]) -> Vec<Bar> {
        pairs
            .iter()
            .map(|&(year, value)| Bar { year, value })
            .collect()
    }

    #[test]
    fn chart_bars_reach_at_most_the_plot_height() {
        let l = crate::i18n::Locale::english();
        let svg = chart(&bars(&[(2023, 50), (2024, 100)]), &l);
        // Ticks 0, 50, 100: the largest year fills the plot, the other half of it.
        assert!(
            svg.contains("height=\"100\"><title>2024: 100</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("height=\"50\"><title>2023: 50</title>"),
            "{svg}"
        );
        assert!(svg.contains("<span class=\"tick-top\">100</span>"), "{svg}");
        let big = chart(&bars(&[(2024, 1234)]), &l);
        assert!(big.contains("tick-top\">1,600<"), "{big}");
        assert!(
            big.contains("height=\"77\"><title>2024: 1,234</title>"),
            "{big}"
        );
    }

    #[test]
    fn chart_writes_four_digit_years_and_fills_gaps() {
        let l = crate::i18n::Locale::english();
        let svg = chart(&bars(&[(2019, 5), (2022, 7)]), &l);
        for y in ["2019", "2020", "2021", "2022"] {
            assert!(svg.contains(&format!(">{y}</span>")), "{svg}");
        }
        assert!(svg.contains("<title>2020: 0</title>"), "{svg}");
    }

    #[test]
    fn chart_keeps_the_latest_forty_years_and_thins_their_labels() {
        let l = crate::i18n::Locale::english();
        let many: Vec<Bar> = (1950..2026).map(|year| Bar { year, value: 3 }).collect();
        let drawn = chart_bars(&many);
        assert_eq!(drawn.len(), MAX_BARS);
        assert_eq!(drawn[0].year, 1986);
        let svg = chart(&many, &l);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), MAX_BARS);
        // On a phone every tenth year is written, on a wide screen every fifth.
        assert!(svg.contains("<span>1990</span>"), "{svg}");
        assert!(
            svg.contains("<span class=\"year-narrow-hidden\">1995</span>"),
            "{svg}"
        );
        assert!(
            svg.contains("year-narrow-hidden year-wide-hidden\">1996<"),
            "{svg}"
        );
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(0), 1);
        assert_eq!(tick_step(7), 4);
        assert_eq!(tick_step(100), 50);
        assert_eq!(tick_step(101), 60);
        assert_eq!(tick_step(402), 250);
        assert_eq!(tick_step(980), 500);
        assert_eq!(tick_step(1234), 800);
        assert!(tick_step(u64::MAX) >= u64::MAX / 2);
    }
}
