//! Plane geometry for the card: points, the homography between the card's plane and the
//! picture, and resampling a picture through it.

use image::RgbImage;

/// A point in pixels (or millimetres on the card), `y` down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

impl Pt {
    pub const fn new(x: f64, y: f64) -> Self {
        Pt { x, y }
    }
    pub fn dist(self, o: Pt) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
    pub fn scale(self, k: f64) -> Pt {
        Pt::new(self.x * k, self.y * k)
    }
    pub fn cross(self, o: Pt) -> f64 {
        self.x * o.y - self.y * o.x
    }
    pub fn dot(self, o: Pt) -> f64 {
        self.x * o.x + self.y * o.y
    }
    pub fn len(self) -> f64 {
        self.x.hypot(self.y)
    }
}

impl std::ops::Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt::new(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt::new(self.x - o.x, self.y - o.y)
    }
}

/// A 3×3 projective map, row-major, `h[8]` normalised to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography([f64; 9]);

impl Homography {
    /// The map taking each `src[i]` to `dst[i]`; `None` when three points are collinear.
    pub fn from_points(src: [Pt; 4], dst: [Pt; 4]) -> Option<Self> {
        // Eight equations in h0..h7 (h8 = 1), solved by Gaussian elimination with pivoting.
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let (s, d) = (src[i], dst[i]);
            a[2 * i] = [s.x, s.y, 1.0, 0.0, 0.0, 0.0, -d.x * s.x, -d.x * s.y, d.x];
            a[2 * i + 1] = [0.0, 0.0, 0.0, s.x, s.y, 1.0, -d.y * s.x, -d.y * s.y, d.y];
        }
        for col in 0..8 {
            let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
            if a[pivot][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, pivot);
            for row in 0..8 {
                if row != col {
                    let f = a[row][col] / a[col][col];
                    let pivot_row = a[col];
                    for (v, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                        *v -= f * p;
                    }
                }
            }
        }
        let mut h = [1f64; 9];
        for (i, row) in a.iter().enumerate() {
            h[i] = row[8] / row[i];
        }
        h.iter().all(|v| v.is_finite()).then_some(Homography(h))
    }

    pub fn apply(&self, p: Pt) -> Pt {
        let h = &self.0;
        let w = h[6] * p.x + h[7] * p.y + h[8];
        Pt::new((h[0] * p.x + h[1] * p.y + h[2]) / w, (h[3] * p.x + h[4] * p.y + h[5]) / w)
    }
}

/// The corners of a `w×h` rectangle at the origin, in the card's order (TL, TR, BR, BL).
pub fn rect_corners(w: f64, h: f64) -> [Pt; 4] {
    [Pt::new(0.0, 0.0), Pt::new(w, 0.0), Pt::new(w, h), Pt::new(0.0, h)]
}

/// Bilinear sample at a fractional position (pixel centres at integer + 0.5), edges clamped.
pub fn sample(img: &RgbImage, p: Pt) -> [f64; 3] {
    let (w, h) = img.dimensions();
    Bilinear::new(img.as_raw(), w as usize, h as usize).at(p)
}

/// Bilinear sampling straight from the pixel bytes: the straightening fix samples a few hundred
/// thousand points per file, and indexing the bytes (not `get_pixel` through closures) is what
/// keeps that cheap in the size-tuned wasm build. The arithmetic is exactly [`sample`]'s.
struct Bilinear<'a> {
    raw: &'a [u8],
    w: usize,
    h: usize,
}

impl<'a> Bilinear<'a> {
    fn new(raw: &'a [u8], w: usize, h: usize) -> Self {
        Bilinear { raw, w, h }
    }

    fn at(&self, p: Pt) -> [f64; 3] {
        let x = (p.x - 0.5).clamp(0.0, (self.w - 1) as f64);
        let y = (p.y - 0.5).clamp(0.0, (self.h - 1) as f64);
        // Both are ≥ 0 here, so truncation is the floor.
        let (x0, y0) = (x as usize, y as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = (x - x0 as f64, y - y0 as f64);
        let stride = self.w * 3;
        let (top, bottom) = (&self.raw[y0 * stride..][..stride], &self.raw[y1 * stride..][..stride]);
        let (a, b, c, d) = (&top[x0 * 3..][..3], &top[x1 * 3..][..3], &bottom[x0 * 3..][..3], &bottom[x1 * 3..][..3]);
        let mut out = [0f64; 3];
        for (i, v) in out.iter_mut().enumerate() {
            let [a, b, c, d] = [a[i], b[i], c[i], d[i]].map(f64::from);
            *v = (a * (1.0 - fx) + b * fx) * (1.0 - fy) + (c * (1.0 - fx) + d * fx) * fy;
        }
        out
    }
}

/// A `w×h` picture whose pixel centre `p` shows `img` at `to_src(p)`. Bilinear: callers shrink
/// the source first so that one output pixel covers at most about two source pixels.
pub fn warp(img: &RgbImage, to_src: &Homography, w: u32, h: u32) -> RgbImage {
    if img.width() == 0 || img.height() == 0 {
        return RgbImage::new(w, h);
    }
    let source = Bilinear::new(img.as_raw(), img.width() as usize, img.height() as usize);
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h {
        for x in 0..w {
            let s = source.at(to_src.apply(Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5)));
            out.extend(s.map(|v| v.round().clamp(0.0, 255.0) as u8));
        }
    }
    RgbImage::from_raw(w, h, out).expect("w×h×3 bytes")
}

/// Box-averages by an integer factor (cheap and alias-free shrinking before a warp).
pub fn shrink(img: &RgbImage, factor: u32) -> RgbImage {
    let f = factor.max(1) as usize;
    if f == 1 {
        return img.clone();
    }
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    let (w, h) = ((iw / f).max(1), (ih / f).max(1));
    let mut sums = vec![0u32; w * h * 3];
    // Edge pixels beyond the last whole block join the last block, as the sums always did.
    for (y, row) in img.as_raw().chunks_exact(iw * 3).enumerate() {
        let out = &mut sums[(y / f).min(h - 1) * w * 3..][..w * 3];
        for (x, p) in row.chunks_exact(3).enumerate() {
            let o = (x / f).min(w - 1) * 3;
            for c in 0..3 {
                out[o + c] += u32::from(p[c]);
            }
        }
    }
    let n = (f * f) as u32;
    RgbImage::from_raw(w as u32, h as u32, sums.into_iter().map(|s| (s / n).min(255) as u8).collect())
        .expect("w×h×3 bytes")
}

/// The quad `corners` of `img` mapped onto `dst` in a `w×h` output (the rest of the output
/// shows what lies around the quad). The source is box-shrunk first when the quad is more than
/// twice its size in the output, so the bilinear warp does not alias.
pub fn warp_quad(img: &RgbImage, corners: [Pt; 4], dst: [Pt; 4], w: u32, h: u32) -> Option<RgbImage> {
    let perimeter = |c: &[Pt; 4]| (0..4).map(|i| c[i].dist(c[(i + 1) % 4])).sum::<f64>();
    let factor = (perimeter(&corners) / perimeter(&dst).max(1e-9) / 2.0).floor().max(1.0) as u32;
    let (src, corners) = if factor > 1 {
        (shrink(img, factor), corners.map(|p| p.scale(1.0 / f64::from(factor))))
    } else {
        (img.clone(), corners)
    };
    Some(warp(&src, &Homography::from_points(dst, corners)?, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `warp` and `shrink` index the bytes for speed: they must give exactly what the plain
    /// per-pixel definitions give (bilinear through `get_pixel`, box sums with the edge pixels
    /// joining the last block).
    #[test]
    fn the_byte_indexed_warp_and_shrink_equal_their_plain_definitions() {
        use image::Rgb;
        let img = RgbImage::from_fn(203, 151, |x, y| Rgb([(x * 7 + y) as u8, (x ^ y) as u8, (x * y / 5) as u8]));
        let plain_sample = |p: Pt| -> [f64; 3] {
            let (w, h) = img.dimensions();
            let x = (p.x - 0.5).clamp(0.0, f64::from(w - 1));
            let y = (p.y - 0.5).clamp(0.0, f64::from(h - 1));
            let (x0, y0) = (x.floor() as u32, y.floor() as u32);
            let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
            let (fx, fy) = (x - f64::from(x0), y - f64::from(y0));
            let px = |x, y| img.get_pixel(x, y).0.map(f64::from);
            let (a, b, c, d) = (px(x0, y0), px(x1, y0), px(x0, y1), px(x1, y1));
            std::array::from_fn(|i| (a[i] * (1.0 - fx) + b[i] * fx) * (1.0 - fy) + (c[i] * (1.0 - fx) + d[i] * fx) * fy)
        };
        // A tilted, foreshortened quad reaching past the picture's edges (clamped samples).
        let quad = [Pt::new(-12.0, 9.5), Pt::new(190.25, -4.0), Pt::new(214.0, 160.0), Pt::new(3.0, 140.75)];
        let to_src = Homography::from_points(rect_corners(120.0, 90.0), quad).unwrap();
        let plain = RgbImage::from_fn(120, 90, |x, y| {
            let s = plain_sample(to_src.apply(Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5)));
            Rgb(s.map(|v| v.round().clamp(0.0, 255.0) as u8))
        });
        assert_eq!(warp(&img, &to_src, 120, 90), plain);
        for p in [Pt::new(0.0, 0.0), Pt::new(17.3, 88.8), Pt::new(202.9, 150.6), Pt::new(500.0, -3.0)] {
            assert_eq!(sample(&img, p), plain_sample(p), "{p:?}");
        }
        for f in [2u32, 3, 4] {
            let (w, h) = (img.width() / f, img.height() / f);
            let mut sums = vec![[0u32; 3]; (w * h) as usize];
            for (x, y, p) in img.enumerate_pixels() {
                let s = &mut sums[((y / f).min(h - 1) * w + (x / f).min(w - 1)) as usize];
                s.iter_mut().zip(p.0).for_each(|(s, v)| *s += u32::from(v));
            }
            let plain =
                RgbImage::from_fn(w, h, |x, y| Rgb(sums[(y * w + x) as usize].map(|s| (s / (f * f)).min(255) as u8)));
            assert_eq!(shrink(&img, f), plain, "factor {f}");
        }
    }

    #[test]
    fn homography_maps_the_four_points_and_their_inside() {
        let src = rect_corners(100.0, 60.0);
        let dst = [Pt::new(10.0, 20.0), Pt::new(200.0, 40.0), Pt::new(190.0, 150.0), Pt::new(30.0, 120.0)];
        let h = Homography::from_points(src, dst).unwrap();
        for (s, d) in src.iter().zip(dst) {
            assert!(h.apply(*s).dist(d) < 1e-9);
        }
        let back = Homography::from_points(dst, src).unwrap();
        let mid = h.apply(Pt::new(37.0, 21.0));
        assert!(back.apply(mid).dist(Pt::new(37.0, 21.0)) < 1e-9);
        let line = [Pt::new(0.0, 0.0), Pt::new(1.0, 1.0), Pt::new(2.0, 2.0), Pt::new(0.0, 5.0)];
        assert!(Homography::from_points(line, dst).is_none());
    }
}
