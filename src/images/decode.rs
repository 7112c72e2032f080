//! Decoding a picture within limits: the file's size, the size its header
//! declares and the memory the decoder may take are all checked before the
//! pixels are, so a small file declaring 100k×100k pixels is refused at once.
//! The EXIF orientation is applied; nothing else of the metadata survives.

use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::Problem;

/// The longest side the build decodes, in pixels.
pub(super) const MAX_SIDE: u32 = 12_000;
/// The most pixels the build decodes (a 48-megapixel camera's photo).
const MAX_PIXELS: u64 = 50_000_000;
/// The most memory the decoder may allocate.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// The largest file read.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The source file's bytes, refusing one larger than any picture needs.
pub(super) fn read(path: &Path) -> Result<Vec<u8>, Problem> {
    let file = std::fs::File::open(path).map_err(|e| Problem::Undecodable(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(Problem::TooLarge(format!(
            "the file is over {} MiB",
            MAX_FILE / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// The picture, upright, as 8-bit RGB (or RGBA when it has transparency).
pub(super) fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| Problem::Undecodable(e.to_string()))
    };
    let (w, h) = reader()?.into_dimensions().map_err(undecodable)?;
    check_size(w, h)?;
    let mut r = reader()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    r.limits(limits);
    let mut decoder = r.into_decoder().map_err(undecodable)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(undecodable)?;
    img.apply_orientation(orientation);
    Ok(eight_bit(img))
}

/// Refuses a declared size beyond the limits, before any pixel is decoded.
fn check_size(w: u32, h: u32) -> Result<(), Problem> {
    if w == 0 || h == 0 {
        return Err(Problem::Undecodable(format!("it declares {w}×{h} pixels")));
    }
    if w.max(h) > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Problem::TooLarge(format!(
            "it declares {w}×{h} pixels; the limit is {MAX_SIDE} on a side and {} megapixels",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

fn undecodable(e: image::ImageError) -> Problem {
    match e {
        image::ImageError::Limits(l) => Problem::TooLarge(l.to_string()),
        other => Problem::Undecodable(other.to_string()),
    }
}

/// 8 bits per channel; the alpha channel only when some pixel uses it.
fn eight_bit(img: DynamicImage) -> DynamicImage {
    if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        if rgba.pixels().any(|p| p.0[3] != 255) {
            return DynamicImage::ImageRgba8(rgba);
        }
        return DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8());
    }
    match img {
        DynamicImage::ImageRgb8(_) => img,
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_size_beyond_the_limits_is_refused() {
        assert!(matches!(
            check_size(100_000, 100_000),
            Err(Problem::TooLarge(_))
        ));
        assert!(matches!(check_size(8000, 8000), Err(Problem::TooLarge(_))));
        assert!(matches!(check_size(0, 10), Err(Problem::Undecodable(_))));
        assert!(check_size(3024, 4032).is_ok());
    }
}
