//! Geometry for the fix: cut or pad a picture to the target aspect ratio, then resample it to the
//! exact pixel size. Never stretches: a stretched face is a known reason for rejection.

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

/// A rectangle in pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The largest centred rectangle of aspect `tw:th` inside a `w×h` picture.
pub fn centre_crop_rect(w: u32, h: u32, tw: u32, th: u32) -> Rect {
    // Compare w/h with tw/th in integers: w·th vs h·tw.
    let (wt, ht) = (u64::from(w) * u64::from(th), u64::from(h) * u64::from(tw));
    if wt > ht {
        let width = ((u64::from(h) * u64::from(tw) + u64::from(th) / 2) / u64::from(th)).clamp(1, u64::from(w)) as u32;
        Rect { x: (w - width) / 2, y: 0, width, height: h }
    } else {
        let height = ((u64::from(w) * u64::from(th) + u64::from(tw) / 2) / u64::from(tw)).clamp(1, u64::from(h)) as u32;
        Rect { x: 0, y: (h - height) / 2, width: w, height }
    }
}

/// Crops `rect` (clamped to the picture) and resamples to exactly `tw×th`.
pub fn crop_and_resize(img: &RgbImage, rect: Rect, tw: u32, th: u32) -> RgbImage {
    let x = rect.x.min(img.width().saturating_sub(1));
    let y = rect.y.min(img.height().saturating_sub(1));
    let width = rect.width.clamp(1, img.width() - x);
    let height = rect.height.clamp(1, img.height() - y);
    let view = imageops::crop_imm(img, x, y, width, height).to_image();
    resize_exact(&view, tw, th)
}

/// Resamples to `tw×th`. Catmull-Rom keeps edges crisp when shrinking and is much cheaper than
/// Lanczos in wasm; a picture already at the size is returned unchanged.
pub fn resize_exact(img: &RgbImage, tw: u32, th: u32) -> RgbImage {
    if img.dimensions() == (tw, th) {
        return img.clone();
    }
    imageops::resize(img, tw, th, FilterType::CatmullRom)
}

/// How the whole picture was fitted into the target aspect (for the explanation on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letterbox {
    /// Padding added on the left and right (each), in source pixels.
    pub pad_x: u32,
    /// Padding added at the top and bottom (each), in source pixels.
    pub pad_y: u32,
}

/// Pads the picture to aspect `tw:th` with its own mean border colour (so no content is cut),
/// then resamples to `tw×th`.
pub fn letterbox(img: &RgbImage, tw: u32, th: u32) -> (RgbImage, Letterbox) {
    let (w, h) = img.dimensions();
    let (wt, ht) = (u64::from(w) * u64::from(th), u64::from(h) * u64::from(tw));
    let (cw, ch) = if wt >= ht {
        (w, (u64::from(w) * u64::from(th)).div_ceil(u64::from(tw)) as u32)
    } else {
        ((u64::from(h) * u64::from(tw)).div_ceil(u64::from(th)) as u32, h)
    };
    let pad = Letterbox { pad_x: (cw - w) / 2, pad_y: (ch - h) / 2 };
    if cw == w && ch == h {
        return (resize_exact(img, tw, th), pad);
    }
    let mut canvas = RgbImage::from_pixel(cw, ch, border_mean(img));
    imageops::replace(&mut canvas, img, i64::from(pad.pad_x), i64::from(pad.pad_y));
    (resize_exact(&canvas, tw, th), pad)
}

fn border_mean(img: &RgbImage) -> Rgb<u8> {
    let (w, h) = img.dimensions();
    let mut sum = [0u64; 3];
    let mut n = 0u64;
    let mut add = |p: &Rgb<u8>| {
        for (s, c) in sum.iter_mut().zip(p.0) {
            *s += u64::from(c);
        }
        n += 1;
    };
    for x in 0..w {
        add(img.get_pixel(x, 0));
        add(img.get_pixel(x, h - 1));
    }
    for y in 0..h {
        add(img.get_pixel(0, y));
        add(img.get_pixel(w - 1, y));
    }
    Rgb(sum.map(|s| (s / n.max(1)) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_crop_keeps_the_target_aspect() {
        assert_eq!(centre_crop_rect(4000, 3000, 450, 600), Rect { x: 875, y: 0, width: 2250, height: 3000 });
        assert_eq!(centre_crop_rect(450, 900, 450, 600), Rect { x: 0, y: 150, width: 450, height: 600 });
        assert_eq!(centre_crop_rect(450, 600, 450, 600), Rect { x: 0, y: 0, width: 450, height: 600 });
        assert_eq!(centre_crop_rect(1, 1, 450, 600).width, 1);
    }

    #[test]
    fn letterbox_pads_without_cutting() {
        let img = RgbImage::from_pixel(1000, 1000, Rgb([10, 200, 30]));
        let (out, pad) = letterbox(&img, 800, 600);
        assert_eq!(out.dimensions(), (800, 600));
        assert_eq!(pad, Letterbox { pad_x: 167, pad_y: 0 });
        let (out, pad) = letterbox(&RgbImage::new(1600, 1200), 800, 600);
        assert_eq!((out.dimensions(), pad), ((800, 600), Letterbox { pad_x: 0, pad_y: 0 }));
    }

    #[test]
    fn resize_is_exact() {
        let img = RgbImage::new(1000, 750);
        let r = centre_crop_rect(1000, 750, 450, 600);
        assert_eq!(crop_and_resize(&img, r, 450, 600).dimensions(), (450, 600));
        assert_eq!(
            crop_and_resize(&img, Rect { x: 5000, y: 5000, width: 10, height: 10 }, 45, 60).dimensions(),
            (45, 60)
        );
    }
}
