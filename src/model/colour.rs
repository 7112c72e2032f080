//! Colours for the accent check: sRGB values, WCAG 2 relative luminance and
//! contrast ratios, and the backgrounds each built-in theme draws text on.
//! Pure functions, no input: `appearance` checks an accent against them.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The backgrounds a theme draws text and links on, light and dark.
pub struct Palette {
    pub light: &'static [Rgb],
    pub dark: &'static [Rgb],
}

/// The default theme's backgrounds (page, soft panels, raised cards).
const DEFAULT_PALETTE: Palette = Palette {
    light: &[Rgb(0xff, 0xff, 0xff), Rgb(0xf6, 0xf8, 0xfa)],
    dark: &[
        Rgb(0x0f, 0x12, 0x16),
        Rgb(0x17, 0x1b, 0x21),
        Rgb(0x1b, 0x20, 0x28),
    ],
};

/// The classic theme's backgrounds.
const CLASSIC_PALETTE: Palette = Palette {
    light: &[Rgb(0xff, 0xff, 0xfe), Rgb(0xf4, 0xf3, 0xef)],
    dark: &[Rgb(0x1a, 0x19, 0x17), Rgb(0x24, 0x23, 0x1f)],
};

/// The palette of `theme` (a site's own theme is checked against the default's).
pub fn palette(theme: &str) -> &'static Palette {
    if theme == "classic" {
        &CLASSIC_PALETTE
    } else {
        &DEFAULT_PALETTE
    }
}

/// WCAG AA for text and links.
pub const MIN_CONTRAST: f64 = 4.5;

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The contrast ratio with `other`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved toward `to` by `t` (0 to 1).
    pub fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }

    /// The least contrast with any of `backgrounds`.
    pub fn worst_contrast(self, backgrounds: &[Rgb]) -> f64 {
        backgrounds
            .iter()
            .map(|b| self.contrast(*b))
            .fold(f64::INFINITY, f64::min)
    }

    /// This colour moved toward `to` in small steps until its contrast with
    /// every one of `backgrounds` is at least `target` (`to` itself at worst).
    pub fn until_contrast(self, to: Rgb, backgrounds: &[Rgb], target: f64) -> Rgb {
        (0..=40)
            .map(|i| self.mix(to, f64::from(i) / 40.0))
            .find(|c| c.worst_contrast(backgrounds) >= target)
            .unwrap_or(to)
    }
}

pub const WHITE: Rgb = Rgb(255, 255, 255);
pub const BLACK: Rgb = Rgb(0, 0, 0);
