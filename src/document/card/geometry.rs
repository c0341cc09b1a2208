//! Plane geometry for the card: points, the homography between the card's plane and the
//! picture, and resampling a picture through it.

use image::{Rgb, RgbImage};

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
    let x = (p.x - 0.5).clamp(0.0, f64::from(w - 1));
    let y = (p.y - 0.5).clamp(0.0, f64::from(h - 1));
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - f64::from(x0), y - f64::from(y0));
    let px = |x, y| img.get_pixel(x, y).0.map(f64::from);
    let (a, b, c, d) = (px(x0, y0), px(x1, y0), px(x0, y1), px(x1, y1));
    std::array::from_fn(|i| (a[i] * (1.0 - fx) + b[i] * fx) * (1.0 - fy) + (c[i] * (1.0 - fx) + d[i] * fx) * fy)
}

/// A `w×h` picture whose pixel centre `p` shows `img` at `to_src(p)`. Bilinear: callers shrink
/// the source first so that one output pixel covers at most about two source pixels.
pub fn warp(img: &RgbImage, to_src: &Homography, w: u32, h: u32) -> RgbImage {
    if img.width() == 0 || img.height() == 0 {
        return RgbImage::new(w, h);
    }
    RgbImage::from_fn(w, h, |x, y| {
        let s = sample(img, to_src.apply(Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5)));
        Rgb(s.map(|v| v.round().clamp(0.0, 255.0) as u8))
    })
}

/// Box-averages by an integer factor (cheap and alias-free shrinking before a warp).
pub fn shrink(img: &RgbImage, factor: u32) -> RgbImage {
    let f = factor.max(1);
    if f == 1 {
        return img.clone();
    }
    let (w, h) = ((img.width() / f).max(1), (img.height() / f).max(1));
    let mut sums = vec![[0u32; 3]; (w * h) as usize];
    for (x, y, p) in img.enumerate_pixels() {
        let (ox, oy) = ((x / f).min(w - 1), (y / f).min(h - 1));
        let s = &mut sums[(oy * w + ox) as usize];
        for (sum, v) in s.iter_mut().zip(p.0) {
            *sum += u32::from(v);
        }
    }
    let n = f * f;
    RgbImage::from_fn(w, h, |x, y| Rgb(sums[(y * w + x) as usize].map(|s| (s / n).min(255) as u8)))
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
