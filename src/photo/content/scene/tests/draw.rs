//! Synthetic portraits for the scene tests: a head (hair, face with eyes, brows, nose, mouth),
//! neck and shoulders in clothes on a background, with the face box and person mask a model
//! would report. Drawn at 450×600 and scaled for other sizes.

use crate::face::{BoxF, Detection, FaceObservation, PersonMask, Point};
use image::{Rgb, RgbImage};

pub const BLUE: [u8; 3] = [0x43, 0x8e, 0xdb];
pub const NAVY: [u8; 3] = [25, 30, 60];
pub const SKIN: [u8; 3] = [224, 180, 150];

pub struct Portrait {
    pub width: u32,
    pub height: u32,
    pub background: Box<dyn Fn(u32, u32) -> [u8; 3]>,
    pub clothes: [u8; 3],
    pub skin: [u8; 3],
    /// Brightness factors of the face's left and right halves (as the viewer sees them).
    pub light: (f32, f32),
}

impl Default for Portrait {
    fn default() -> Self {
        Portrait {
            width: 450,
            height: 600,
            background: Box::new(|_, _| BLUE),
            clothes: NAVY,
            skin: SKIN,
            light: (1.0, 1.0),
        }
    }
}

/// Deterministic noise in −1…1.
pub fn noise(x: u32, y: u32, seed: u32) -> f32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFFFF) as f32 / 32767.5 - 1.0
}

fn shade(c: [u8; 3], f: f32, n: f32) -> [u8; 3] {
    c.map(|v| (f32::from(v) * f + n).round().clamp(0.0, 255.0) as u8)
}

fn in_ellipse(x: f32, y: f32, cx: f32, cy: f32, rx: f32, ry: f32) -> bool {
    ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) <= 1.0
}

impl Portrait {
    pub fn draw(&self) -> (RgbImage, FaceObservation) {
        let s = self.width as f32 / 450.0;
        let mut mask = vec![0u8; (self.width * self.height) as usize];
        let img = RgbImage::from_fn(self.width, self.height, |px, py| {
            let (x, y) = (px as f32 / s, py as f32 / s);
            let side = if x < 225.0 { self.light.0 } else { self.light.1 };
            let skin_n = 6.0 * noise(px, py, 1);
            let mut person = |c| {
                mask[(py * self.width + px) as usize] = 255;
                Rgb(c)
            };
            if in_ellipse(x, y, 225.0, 275.0, 95.0, 125.0) {
                let feature = if in_ellipse(x, y, 185.0, 250.0, 11.0, 7.0) || in_ellipse(x, y, 265.0, 250.0, 11.0, 7.0)
                {
                    Some([45, 35, 35])
                } else if (163.0..207.0).contains(&x) && (228.0..235.0).contains(&y)
                    || (243.0..287.0).contains(&x) && (228.0..235.0).contains(&y)
                {
                    Some([60, 45, 40])
                } else if in_ellipse(x, y, 225.0, 345.0, 30.0, 8.0) {
                    Some([170, 80, 80])
                } else if (222.0..228.0).contains(&x) && (260.0..310.0).contains(&y) {
                    Some([180, 130, 110])
                } else {
                    None
                };
                return person(shade(feature.unwrap_or(self.skin), side, skin_n));
            }
            if in_ellipse(x, y, 225.0, 235.0, 118.0, 160.0) && y < 330.0 {
                return person(shade([35, 28, 24], 1.0, 8.0 * noise(px, py, 2)));
            }
            if (190.0..260.0).contains(&x) && (380.0..470.0).contains(&y) {
                return person(shade(self.skin, 0.85 * side, skin_n));
            }
            if y >= 450.0 && (x - 225.0).abs() <= 75.0 + (y - 450.0) * 2.2 {
                return person(shade(self.clothes, 1.0, 3.0 * noise(px, py, 3)));
            }
            Rgb((self.background)(px, py))
        });
        let p = |x: f32, y: f32| Point { x: x * s, y: y * s };
        let face = Detection {
            score: 0.95,
            bbox: BoxF { x: 130.0 * s, y: 170.0 * s, width: 190.0 * s, height: 230.0 * s },
            right_eye: p(185.0, 250.0),
            left_eye: p(265.0, 250.0),
            nose_tip: p(225.0, 300.0),
            mouth: p(225.0, 345.0),
            right_ear: p(130.0, 270.0),
            left_ear: p(320.0, 270.0),
        };
        let obs = FaceObservation {
            width: self.width,
            height: self.height,
            faces: vec![face],
            landmarks: None,
            mask: PersonMask { width: self.width, height: self.height, data: mask },
        };
        (img, obs)
    }
}

/// Three passes of a box blur of radius `r` (close to a Gaussian of σ ≈ r).
pub fn blur(img: &RgbImage, r: u32) -> RgbImage {
    let mut cur = img.clone();
    for _ in 0..3 {
        for horizontal in [true, false] {
            let src = cur.clone();
            let (w, h) = src.dimensions();
            cur = RgbImage::from_fn(w, h, |x, y| {
                let mut sum = [0u32; 3];
                let mut n = 0;
                for d in -(r as i64)..=r as i64 {
                    let (sx, sy) = if horizontal { (x as i64 + d, y as i64) } else { (x as i64, y as i64 + d) };
                    if sx >= 0 && sy >= 0 && sx < w as i64 && sy < h as i64 {
                        let p = src.get_pixel(sx as u32, sy as u32).0;
                        for c in 0..3 {
                            sum[c] += u32::from(p[c]);
                        }
                        n += 1;
                    }
                }
                Rgb(sum.map(|v| (v / n) as u8))
            });
        }
    }
    cur
}

/// Multiplies every pixel by `f(x, y)`.
pub fn modulate(img: &RgbImage, f: impl Fn(u32, u32) -> f32) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| Rgb(shade(img.get_pixel(x, y).0, f(x, y), 0.0)))
}
