//! The picture the face models and content checks look at: the upright photo, shrunk so its longer
//! side is at most `MAX_SIDE`. A 450×600 photo is analysed as it is; a 12-megapixel phone photo is
//! decoded at reduced scale (cheap in wasm) and shrunk, which keeps the models' work and the
//! transfer to the worker small while leaving ~1 % of the height per 10 px for the geometry.
//!
//! Two halves, because they run in two places: the page decodes ([`decode_for_analysis`], with the
//! decoders it has anyway for the file checks) and the worker shrinks ([`shrink_for_analysis`]), so
//! the lazily loaded worker carries no image decoders and the page no resampler.

use crate::imaging::decode::{self, DecodeError};
use image::RgbImage;

/// Longest side of the analysed picture. The models see 128–256 px; geometry is judged on this
/// picture, where 960 px leaves well under 1 % of the height per pixel.
pub const MAX_SIDE: u32 = 960;

/// Decodes the file upright at the cheapest JPEG scale that still covers the analysis size (for a
/// 12 MP photo: 1/4 scale, 1000×750); [`shrink_for_analysis`] finishes the job.
pub fn decode_for_analysis(bytes: &[u8]) -> Result<RgbImage, DecodeError> {
    decode_within(bytes, MAX_SIDE).map(|(image, _)| image)
}

/// Decodes the file upright at the cheapest JPEG scale that still covers `max_side` on the longer
/// side; also gives the upright size of the file's own picture.
pub fn decode_within(bytes: &[u8], max_side: u32) -> Result<(RgbImage, (u32, u32)), DecodeError> {
    decoded_within(bytes, max_side).map(|d| (d.image, (d.full_width, d.full_height)))
}

/// [`decode_within`] as the decoder's [`decode::Decoded`], which a fix can reuse
/// (`fix::fix_reusing`).
pub fn decoded_within(bytes: &[u8], max_side: u32) -> Result<decode::Decoded, DecodeError> {
    let probed = decode::probe(bytes)?;
    let (w, h) = probed.upright;
    probed.decode(bytes, fit_within(w, h, max_side))
}

/// A copy of `picture` at most `max_side` on its longer side, only to be shown small (a preview):
/// halved by 2×2 means while it is at least twice that size (cheap), then the triangle filter.
pub fn shrink_for_display(picture: &RgbImage, max_side: u32) -> RgbImage {
    use crate::imaging::resample::{halve, triangle};
    let halved = (picture.width().max(picture.height()) >= 2 * max_side).then(|| halve(picture));
    let picture = halved.as_ref().unwrap_or(picture);
    let (w, h) = fit_within(picture.width(), picture.height(), max_side);
    triangle(picture, w, h)
}

/// Shrinks a picture to at most `MAX_SIDE` on its longer side (unchanged if it already fits).
pub fn shrink_for_analysis(image: RgbImage) -> RgbImage {
    shrink_within(image, MAX_SIDE)
}

/// [`shrink_for_analysis`] of a picture the caller keeps (a decode it reuses): copied only when it
/// already fits, instead of copied and then shrunk.
pub fn shrunk_for_analysis(image: &RgbImage) -> RgbImage {
    shrunk_within(image, MAX_SIDE).unwrap_or_else(|| image.clone())
}

/// Shrinks a picture to at most `max_side` on its longer side (unchanged if it already fits).
pub fn shrink_within(image: RgbImage, max_side: u32) -> RgbImage {
    shrunk_within(&image, max_side).unwrap_or(image)
}

/// A copy of `image` at most `max_side` on its longer side; `None` when it already fits.
fn shrunk_within(image: &RgbImage, max_side: u32) -> Option<RgbImage> {
    let (w, h) = image.dimensions();
    let target = fit_within(w, h, max_side);
    // Triangle (bilinear) is enough for a picture only measured, never saved.
    ((w, h) != target).then(|| crate::imaging::resample::triangle(image, target.0, target.1))
}

/// Both halves in one call (native tools).
pub fn analysis_picture(bytes: &[u8]) -> Result<RgbImage, DecodeError> {
    decode_for_analysis(bytes).map(shrink_for_analysis)
}

/// The EXIF Software tag (the program that last wrote the file), for the recapture check.
pub fn software_tag(bytes: &[u8]) -> Option<String> {
    let info = crate::imaging::jpeg_info::read(bytes).ok()?;
    crate::imaging::metadata::read_exif(info.exif.as_deref()?).software
}

/// The size of `w×h` scaled down (never up) so the longer side is at most `max_side`.
pub fn fit_within(w: u32, h: u32, max_side: u32) -> (u32, u32) {
    let longer = w.max(h);
    if longer <= max_side || longer == 0 {
        return (w.max(1), h.max(1));
    }
    let scale = f64::from(max_side) / f64::from(longer);
    let s = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    (s(w), s(h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::jpeg_write::encode;

    #[test]
    fn sizes_shrink_to_the_longer_side_and_never_grow() {
        assert_eq!(fit_within(450, 600, MAX_SIDE), (450, 600));
        assert_eq!(fit_within(4000, 3000, 960), (960, 720));
        assert_eq!(fit_within(3000, 4000, 960), (720, 960));
        assert_eq!(fit_within(20000, 10, 960), (960, 1));
        assert_eq!(fit_within(0, 0, 960), (1, 1));
    }

    #[test]
    fn a_large_jpeg_is_decoded_at_reduced_scale_then_shrunk() {
        let img = RgbImage::from_pixel(4000, 3000, image::Rgb([60, 120, 200]));
        let bytes = encode(&img, 80, 300).unwrap();
        let decoded = decode_for_analysis(&bytes).unwrap();
        assert_eq!(decoded.dimensions(), (1000, 750), "1/4 scale is the cheapest that covers 960×720");
        assert_eq!(shrink_for_analysis(decoded).dimensions(), (960, 720));
        assert_eq!(analysis_picture(&bytes).unwrap().dimensions(), (960, 720));
        let small = RgbImage::new(450, 600);
        assert_eq!(shrink_for_analysis(small).dimensions(), (450, 600), "never enlarged");
    }

    #[test]
    fn unreadable_bytes_are_an_error() {
        assert!(analysis_picture(b"").is_err());
        assert!(analysis_picture(b"\xFF\xD8\xFF\xE0garbage").is_err());
    }
}
