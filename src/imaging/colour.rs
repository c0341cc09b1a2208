//! Is the picture in colour? The notice asks for a colour photo ("彩色") and a colour document
//! image ("彩照"). A grey-scale picture saved as a 3-channel JPEG still carries a little chroma
//! noise from compression, so "colour" is judged by the share of clearly coloured pixels.

use image::RgbImage;

/// A pixel whose max−min channel spread (HSV chroma, 0–255) reaches this is "clearly coloured".
/// JPEG re-compression of a grey picture stays below ~8; a pale blue background is ≥ 60;
/// skin tones are ≥ 25. (Calibrated on the generated fixtures in tests/support/fixtures.rs.)
pub const CHROMA_THRESHOLD: u8 = 16;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColourStats {
    /// Share (0–1) of sampled pixels that are clearly coloured.
    pub colour_share: f64,
    pub samples: u32,
}

/// Samples at most ~65,000 pixels on a regular grid, so a 12 MP photo costs no more than a small one.
pub fn measure(img: &RgbImage) -> ColourStats {
    let (w, h) = img.dimensions();
    if w == 0 || h == 0 {
        return ColourStats { colour_share: 0.0, samples: 0 };
    }
    let step = ((u64::from(w) * u64::from(h) / 65_000) as f64).sqrt().floor().max(1.0) as u32;
    let (mut coloured, mut total) = (0u32, 0u32);
    for y in (0..h).step_by(step as usize) {
        for x in (0..w).step_by(step as usize) {
            let [r, g, b] = img.get_pixel(x, y).0;
            let chroma = r.max(g).max(b) - r.min(g).min(b);
            coloured += u32::from(chroma >= CHROMA_THRESHOLD);
            total += 1;
        }
    }
    ColourStats { colour_share: f64::from(coloured) / f64::from(total), samples: total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn grey_is_not_colour_and_blue_is() {
        let grey = RgbImage::from_fn(300, 400, |x, y| {
            let l = ((x + y) % 256) as u8;
            Rgb([l, l.saturating_add(3), l])
        });
        assert!(measure(&grey).colour_share < 0.01);
        let blue = RgbImage::from_pixel(300, 400, Rgb([67, 142, 219]));
        assert!((measure(&blue).colour_share - 1.0).abs() < 1e-9);
        let half = RgbImage::from_fn(300, 400, |x, _| if x < 150 { Rgb([67, 142, 219]) } else { Rgb([90, 90, 90]) });
        let s = measure(&half).colour_share;
        assert!((0.45..0.55).contains(&s), "{s}");
        assert_eq!(measure(&RgbImage::new(0, 0)).samples, 0);
    }
}
