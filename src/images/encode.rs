//! Resizing and encoding one copy within a byte budget. Photos become JPEG
//! (the `image` crate writes WebP losslessly only, several times larger than
//! a JPEG of a photo); a picture with transparency stays PNG; a PNG source
//! also tries PNG, and the smaller file that fits the budget wins.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::{self, FilterType};
use image::{DynamicImage, ExtendedColorType, ImageEncoder};

/// JPEG qualities tried in turn until a copy fits its budget.
const QUALITIES: [u8; 7] = [82, 76, 70, 62, 54, 46, 38];

/// One encoded copy.
pub(super) struct Encoded {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) ext: &'static str,
    pub(super) bytes: Vec<u8>,
}

/// The widths to make of a source `width` pixels wide: those of the role
/// narrower than the source, and the source's own when it is narrower than
/// the widest (never wider than the source).
pub(super) fn widths(role_widths: &[u32], width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = role_widths.iter().copied().filter(|&w| w < width).collect();
    let widest = role_widths.iter().copied().max().unwrap_or(width);
    if width <= widest {
        out.push(width);
    } else if out.last() != Some(&widest) {
        out.push(widest);
    }
    out
}

/// The height of a copy `width` pixels wide, keeping the aspect ratio.
pub(super) fn height_at(src_w: u32, src_h: u32, width: u32) -> u32 {
    let h = (u64::from(src_h) * u64::from(width) + u64::from(src_w) / 2) / u64::from(src_w);
    h.max(1) as u32
}

/// `img` at `width` pixels wide. A large reduction first averages whole
/// pixels down to twice the target (fast, and as good as a wide filter),
/// then Lanczos3 makes the final size.
pub(super) fn resize(img: &DynamicImage, width: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    if width >= w {
        return img.clone();
    }
    let height = height_at(w, h, width);
    let pre = |i: &DynamicImage| {
        if w >= width * 3 {
            i.thumbnail_exact(width * 2, height_at(w, h, width * 2))
        } else {
            i.clone()
        }
    };
    let src = pre(img);
    match &src {
        DynamicImage::ImageRgba8(b) => {
            DynamicImage::ImageRgba8(imageops::resize(b, width, height, FilterType::Lanczos3))
        }
        other => DynamicImage::ImageRgb8(imageops::resize(
            &other.to_rgb8(),
            width,
            height,
            FilterType::Lanczos3,
        )),
    }
}

/// Encodes `img` as small as it needs to be to fit `budget` bytes: the
/// smallest of the candidates that fit, else the smallest made.
pub(super) fn encode(img: &DynamicImage, png_source: bool, budget: u64) -> Encoded {
    let (width, height) = (img.width(), img.height());
    let done = |ext, bytes| Encoded {
        width,
        height,
        ext,
        bytes,
    };
    if let DynamicImage::ImageRgba8(b) = img {
        return done(
            "png",
            png(b.as_raw(), width, height, ExtendedColorType::Rgba8),
        );
    }
    let rgb = img.to_rgb8();
    let png = png_source.then(|| png(rgb.as_raw(), width, height, ExtendedColorType::Rgb8));
    if let Some(p) = &png
        && p.len() as u64 <= budget
    {
        // A drawing or a screenshot: lossless and small enough.
        let first = jpeg(rgb.as_raw(), width, height, QUALITIES[0]);
        if p.len() <= first.len() {
            return done("png", png.unwrap_or_default());
        }
        if first.len() as u64 <= budget {
            return done("jpg", first);
        }
    }
    let mut smallest = Vec::new();
    for q in QUALITIES {
        let bytes = jpeg(rgb.as_raw(), width, height, q);
        if bytes.len() as u64 <= budget {
            return done("jpg", bytes);
        }
        smallest = bytes;
    }
    done("jpg", smallest)
}

fn jpeg(raw: &[u8], width: u32, height: u32, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail for a buffer of the right size.
    let _ = JpegEncoder::new_with_quality(&mut out, quality).write_image(
        raw,
        width,
        height,
        ExtendedColorType::Rgb8,
    );
    out
}

/// An 8-bit RGB PNG, compressed as well as the encoder can (a generated card).
pub(super) fn png_rgb(raw: &[u8], width: u32, height: u32) -> Vec<u8> {
    png(raw, width, height, ExtendedColorType::Rgb8)
}

fn png(raw: &[u8], width: u32, height: u32, color: ExtendedColorType) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive)
        .write_image(raw, width, height, color);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_source() {
        let role = [112, 224, 600];
        assert_eq!(widths(&role, 3024), vec![112, 224, 600]);
        assert_eq!(widths(&role, 600), vec![112, 224, 600]);
        assert_eq!(widths(&role, 300), vec![112, 224, 300]);
        assert_eq!(widths(&role, 80), vec![80]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(height_at(3024, 4032, 112), 149);
        assert_eq!(height_at(640, 360, 360), 203);
        assert_eq!(height_at(5000, 1, 10), 1);
    }
}
