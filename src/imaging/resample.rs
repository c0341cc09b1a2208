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

/// `imageops::resize(img, nw, nh, FilterType::Triangle)` pixel for pixel (the same weights, sums
/// in the same order, the same rounding), with the loops in memory order: `image`'s second pass
/// walks its f32 copy column by column, which made that resize a quarter of `precheck photo`'s CPU
/// time on 1000×1000 photos (perf, `cli` build). Only the three colour channels are computed.
pub fn triangle(img: &RgbImage, nw: u32, nh: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    if w == 0 || h == 0 || nw == 0 || nh == 0 || (nw, nh) == (w, h) {
        return imageops::resize(img, nw, nh, FilterType::Triangle);
    }
    let (w, nw_us) = (w as usize * 3, nw as usize);
    let src = img.as_raw();
    // Rows first (image's `vertical_sample`), into f32.
    let mut tmp = vec![0f32; w * nh as usize];
    for ((left, ws), out) in triangle_weights(h, nh).iter().zip(tmp.chunks_exact_mut(w)) {
        for (i, wt) in ws.iter().enumerate() {
            let row = &src[(left + i) * w..(left + i + 1) * w];
            out.iter_mut().zip(row).for_each(|(t, p)| *t += f32::from(*p) * wt);
        }
    }
    // Then columns (`horizontal_sample`), row by row.
    let cols = triangle_weights(img.width(), nw);
    let mut out = Vec::with_capacity(nw_us * 3 * nh as usize);
    for row in tmp.chunks_exact(w) {
        for (left, ws) in &cols {
            let mut t = [0f32; 3];
            // The pixels under the weights as one slice: one bounds check per output pixel.
            for (p, wt) in row[left * 3..(left + ws.len()) * 3].chunks_exact(3).zip(ws) {
                t.iter_mut().zip(p).for_each(|(t, p)| *t += p * wt);
            }
            out.extend(t.map(|v| round_byte(v.clamp(0.0, 255.0))));
        }
    }
    RgbImage::from_raw(nw, nh, out).expect("nw×nh×3 bytes")
}

/// `v.round() as u8` for 0 ≤ v ≤ 255 (halves away from zero), without the libm call `round` is
/// on baseline x86-64 (a call per resampled byte). Exact: `v − trunc(v)` is representable, so the
/// comparison with one half is exact too (`(v + 0.5).floor()` is not: 0.49999997 + 0.5 rounds to 1).
#[inline(always)]
pub fn round_byte(v: f32) -> u8 {
    let t = v as u8;
    if v - f32::from(t) >= 0.5 { t + 1 } else { t }
}

/// Half the size (rounded down), each pixel the mean of a 2×2 block: a cheap first step when a
/// picture only shown small (a preview) is shrunk by more than half.
pub fn halve(img: &RgbImage) -> RgbImage {
    let (w, h) = (img.width() / 2, img.height() / 2);
    let stride = img.width() as usize * 3;
    let src = img.as_raw();
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h as usize {
        let (top, bottom) = (&src[2 * y * stride..][..stride], &src[(2 * y + 1) * stride..][..stride]);
        for x in 0..w as usize {
            for c in 0..3 {
                let i = 6 * x + c;
                let sum = u16::from(top[i]) + u16::from(top[i + 3]) + u16::from(bottom[i]) + u16::from(bottom[i + 3]);
                out.push(((sum + 2) / 4) as u8);
            }
        }
    }
    RgbImage::from_raw(w, h, out).expect("w×h×3 bytes")
}

/// For each of `n` output positions along an axis of `len` pixels: the first input pixel and the
/// normalised triangle weights, computed exactly as `image`'s samplers do.
fn triangle_weights(len: u32, n: u32) -> Vec<(usize, Vec<f32>)> {
    let ratio = len as f32 / n as f32;
    let sratio = if ratio < 1.0 { 1.0 } else { ratio };
    let support = sratio; // the triangle's support, 1, times sratio
    (0..n)
        .map(|o| {
            let input = (o as f32 + 0.5) * ratio;
            let left = ((input - support).floor() as i64).clamp(0, i64::from(len) - 1);
            let right = ((input + support).ceil() as i64).clamp(left + 1, i64::from(len));
            let input = input - 0.5;
            let mut ws: Vec<f32> = (left..right)
                .map(|i| {
                    let x = (i as u32 as f32 - input) / sratio;
                    if x.abs() < 1.0 { 1.0 - x.abs() } else { 0.0 }
                })
                .collect();
            let mut sum = 0.0;
            for w in &ws {
                sum += w;
            }
            for w in &mut ws {
                *w /= sum;
            }
            (left as usize, ws)
        })
        .collect()
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
    #[test]
    fn halving_averages_each_two_by_two_block() {
        let img = RgbImage::from_fn(5, 3, |x, y| Rgb([(x * 10 + y) as u8, 200, (x * y) as u8]));
        let half = super::halve(&img);
        assert_eq!(half.dimensions(), (2, 1));
        // Block x 2..4, y 0..2: (20,21,30,31) → 25.5 rounds to 26; blue (0,2,0,3) → 1.25 → 1.
        assert_eq!(half.get_pixel(1, 0).0, [26, 200, 1]);
    }

    use super::*;

    #[test]
    fn round_byte_rounds_like_round() {
        for i in 0..=255_000 {
            let v = i as f32 * 0.001;
            assert_eq!(round_byte(v), v.round() as u8, "{v}");
        }
        // The thousand floats either side of every half, and of every whole number.
        for k in 0..=510u16 {
            let mid = (f32::from(k) / 2.0).to_bits();
            for bits in mid.saturating_sub(1000)..=mid + 1000 {
                let v = f32::from_bits(bits).min(255.0);
                assert_eq!(round_byte(v), v.round() as u8, "{v}");
            }
        }
        for v in [0.499_999_97f32, 0.5, 1.5, 2.5, 127.49999, 127.5, 254.5, 254.49998, 254.25, 255.0] {
            assert_eq!(round_byte(v), v.round() as u8, "{v}");
        }
    }

    #[test]
    fn triangle_is_images_triangle_resize_pixel_for_pixel() {
        let img = RgbImage::from_fn(211, 157, |x, y| Rgb([(x * 13 + y * 7) as u8, (x * y) as u8, (x ^ (y * 3)) as u8]));
        for (nw, nh) in [(200, 150), (96, 72), (45, 60), (211, 100), (300, 200), (1, 1), (211, 157)] {
            let ours = triangle(&img, nw, nh);
            let theirs = imageops::resize(&img, nw, nh, FilterType::Triangle);
            assert_eq!(ours.dimensions(), (nw, nh));
            assert!(ours.as_raw() == theirs.as_raw(), "{nw}×{nh}");
        }
    }

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
