//! Writes the compliant JPEG: baseline, 4:2:0, optimised Huffman tables, JFIF density in dpi, no
//! other metadata (EXIF can carry GPS), and the highest quality that fits the byte limit.
//! Never pads bytes to reach a size.

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder, PixelDensity, SamplingFactor};

/// Encodes at one quality (1–100) with optimised Huffman tables (smallest file).
pub fn encode(img: &RgbImage, quality: u8, dpi: u16) -> Result<Vec<u8>, String> {
    encode_with(img, quality, dpi, true)
}

fn encode_with(img: &RgbImage, quality: u8, dpi: u16, optimise: bool) -> Result<Vec<u8>, String> {
    let (w, h) = img.dimensions();
    let (w16, h16) = (u16::try_from(w), u16::try_from(h));
    let (Ok(w16), Ok(h16)) = (w16, h16) else { return Err(format!("图片尺寸 {w}×{h} 超出 JPEG 上限")) };
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder.set_optimized_huffman_tables(optimise);
    encoder.set_density(PixelDensity::dpi(dpi));
    encoder.encode(img.as_raw(), w16, h16, ColorType::Rgb).map_err(|e| format!("JPEG 编码失败：{e}"))?;
    Ok(out)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub bytes: Vec<u8>,
    pub quality: u8,
    /// How many encodes the search took (for benchmarks and the curious).
    pub attempts: u32,
}

/// The highest quality in `1..=max_quality` whose file (with optimised Huffman tables) is at most
/// `max_bytes`. File size grows with quality; a fix is encoded in a handful of tries, not the
/// dozen of a plain binary search, because each guess is interpolated: the file size is close to
/// scale^-2/3 of the quantiser's scale (the libjpeg mapping of quality to table scale, which
/// jpeg-encoder uses), so size^-3/2 is nearly a straight line in the scale between two tries, and
/// through the origin beyond one (square roots only: no logarithms in the page's wasm). Each guess
/// is kept inside the middle half of the qualities still open, so a picture the model fits badly
/// costs at most a binary search's steps. The answer is exact: it fits and the quality above it was
/// tried and does not (or it is `max_quality`).
pub fn encode_within(img: &RgbImage, max_bytes: u64, dpi: u16, max_quality: u8) -> Result<Fitted, String> {
    let max_quality = max_quality.clamp(1, 100);
    let mut attempts = 0;
    let mut encode_at = |q: u8| {
        attempts += 1;
        encode_with(img, q, dpi, true)
    };
    let top = encode_at(max_quality)?;
    if top.len() as u64 <= max_bytes {
        return Ok(Fitted { bytes: top, quality: max_quality, attempts: 1 });
    }
    // The lowest quality known not to fit, with its size; the highest known to fit, with its file.
    let mut over = (max_quality, top.len());
    let mut under: Option<(u8, Vec<u8>)> = None;
    loop {
        let floor = under.as_ref().map_or(0, |(q, _)| *q);
        if over.0 - floor <= 1 {
            break;
        }
        let guess = next_guess(over, under.as_ref().map(|(q, b)| (*q, b.len())), max_bytes)
            .clamp(floor + (over.0 - floor).div_ceil(4), over.0 - (over.0 - floor).div_ceil(4));
        let bytes = encode_at(guess)?;
        if bytes.len() as u64 <= max_bytes {
            under = Some((guess, bytes));
        } else {
            over = (guess, bytes.len());
        }
    }
    match under {
        Some((quality, bytes)) => Ok(Fitted { bytes, quality, attempts }),
        None => Err(format!("即使用最低画质，文件仍超过 {max_bytes} 字节：照片细节过多，请在纯色背景前重拍")),
    }
}

/// The quantiser's table scale (percent) for a quality, as libjpeg maps it.
fn scale(quality: u8) -> f64 {
    let q = f64::from(quality.clamp(1, 100));
    if q < 50.0 { 5000.0 / q } else { 200.0 - 2.0 * q }.max(1.0)
}

/// The quality whose scale gives `max_bytes` on the line through the tries' (scale, size^-3/2);
/// with one try only, on the line through it and the origin, aimed a little under the limit so
/// the guess most likely fits and brackets the answer.
fn next_guess(over: (u8, usize), under: Option<(u8, usize)>, max_bytes: u64) -> u8 {
    let linear = |size: f64| 1.0 / (size.max(1.0) * size.max(1.0).sqrt());
    let (x1, y1) = (scale(over.0), linear(over.1 as f64));
    let wanted_scale = match under {
        Some((q, size)) => {
            let (x0, y0) = (scale(q), linear(size as f64));
            let target = linear(max_bytes as f64);
            if (y0 - y1).abs() > f64::EPSILON { x1 + (target - y1) * (x0 - x1) / (y0 - y1) } else { (x0 + x1) / 2.0 }
        }
        None => x1 * linear(max_bytes as f64 * 0.97) / y1,
    };
    quality_for(wanted_scale)
}

/// The highest quality whose scale is at least `wanted` (inverse of [`scale`]).
fn quality_for(wanted: f64) -> u8 {
    (1..=100u8).rev().find(|&q| scale(q) >= wanted).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::jpeg_info;
    use image::Rgb;

    fn busy(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let v = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).rotate_left(x % 13) as u8;
            Rgb([v, v.wrapping_add(80), 255 - v])
        })
    }

    #[test]
    fn writes_density_and_no_exif() {
        let bytes = encode(&RgbImage::from_pixel(45, 60, Rgb([67, 142, 219])), 90, 300).unwrap();
        let info = jpeg_info::read(&bytes).unwrap();
        assert_eq!(info.jfif.and_then(|j| j.dpi()), Some((300.0, 300.0)));
        assert_eq!((info.width, info.height, info.components), (45, 60, 3));
        assert_eq!(info.coding, jpeg_info::Coding::Baseline);
        assert!(info.exif.is_none() && !info.has_icc && info.complete);
    }

    #[test]
    fn binary_search_finds_the_highest_quality_that_fits() {
        let img = busy(450, 600);
        let fitted = encode_within(&img, 30_000, 300, 95).unwrap();
        assert!(fitted.bytes.len() <= 30_000);
        assert!(fitted.attempts <= 6, "{}", fitted.attempts);
        if fitted.quality < 95 {
            let next = encode(&img, fitted.quality + 1, 300).unwrap();
            assert!(next.len() > 30_000, "quality {} would also fit", fitted.quality + 1);
        }
        assert!(encode_within(&img, 500, 300, 95).is_err(), "500 bytes cannot hold 450×600 of noise");
    }

    /// Over pictures of every kind (noise, smooth, a real face) and limits from tight to loose: the
    /// quality found fits and the one above it does not, in a few tries.
    #[test]
    fn the_interpolated_search_is_exact_and_short() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg");
        let face = crate::imaging::decode::decode(&std::fs::read(path).unwrap(), (450, 600)).unwrap().image;
        let face = image::imageops::resize(&face, 450, 600, image::imageops::FilterType::Triangle);
        let smooth = RgbImage::from_fn(800, 600, |x, y| Rgb([(x / 4) as u8, (y / 3) as u8, 120]));
        let (mut tries, mut searches) = (0, 0);
        for (what, img) in [("noise", busy(450, 600)), ("smooth", smooth), ("face", face)] {
            for limit in [4_000u64, 9_000, 20_000, 30_000, 50_000, 120_000] {
                let Ok(fitted) = encode_within(&img, limit, 300, 95) else {
                    assert!(encode(&img, 1, 300).unwrap().len() as u64 > limit, "{what} {limit}: quality 1 fits");
                    continue;
                };
                assert!(fitted.bytes.len() as u64 <= limit, "{what} {limit}");
                assert_eq!(fitted.bytes, encode(&img, fitted.quality, 300).unwrap(), "{what} {limit}");
                if fitted.quality < 95 {
                    let above = encode(&img, fitted.quality + 1, 300).unwrap().len() as u64;
                    assert!(above > limit, "{what} {limit}: quality {} also fits", fitted.quality + 1);
                }
                assert!(fitted.attempts <= 8, "{what} {limit}: {} tries", fitted.attempts);
                tries += fitted.attempts;
                searches += 1;
            }
        }
        // The old search (binary with standard tables, then stepping up) took 9–11 encodes.
        assert!(f64::from(tries) / f64::from(searches) <= 6.0, "{tries} tries in {searches} searches");
    }
}
