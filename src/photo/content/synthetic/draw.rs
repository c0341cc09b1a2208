//! Drawn portraits around a real face, with exactly known geometry.
//!
//! The face models need a realistic face, so the head is cut out of a real photograph — Grace
//! Hopper's official US Navy portrait (public domain; `tests/fixtures/portraits/grace_hopper.jpg`,
//! as shipped in matplotlib's sample data, 512×600) — then scaled, rotated (roll) and placed on a
//! drawn background (solid or gradient) above a drawn body (clothing colour, optional white collar).
//! Because the placement is a known similarity transform of hand-annotated points, the truth of
//! every geometry quantity is exact.
//!
//! Annotation of the source, made once by hand on 6× nearest-neighbour enlargements with a 5 px
//! grid (`GRACE`): head top = top edge of the cap's crown at x ≈ 265 (y 23; she wears a uniform
//! cap, so the "hair-top" here is the cap's top, as the person mask sees it); chin = lower edge of
//! the chin where the skin meets the shadow on the neck (y 326, ±2); eye centres = iris centres
//! (221, 190) and (305, 187.5) (first annotated at the catchlights, 2–3 px too high: re-read at 6×
//! with a 5 px grid when the accuracy command showed a steady roll offset). The cut-out outline follows the cap, the hair and the neck about
//! 1 px inside their edges, so no source background comes along.

use crate::face::Point;
use image::{Rgb, RgbImage};

/// Hand-annotated geometry of the source portrait (pixels of the 512×600 original).
pub struct Annotation {
    pub head_top: f32,
    pub chin: f32,
    /// Person's right eye (viewer's left) and left eye centres.
    pub right_eye: Point,
    pub left_eye: Point,
    /// Head (cap, hair, face) and neck outline, clockwise.
    pub outline: &'static [(f32, f32)],
}

pub const GRACE: Annotation = Annotation {
    head_top: 23.0,
    chin: 326.0,
    right_eye: Point { x: 221.0, y: 190.0 },
    left_eye: Point { x: 305.0, y: 187.5 },
    outline: &[
        (265.0, 23.0),
        (300.0, 28.0),
        (330.0, 41.0),
        (351.0, 70.0),
        (367.0, 95.0),
        (372.0, 130.0),
        (370.0, 165.0),
        (365.0, 195.0),
        (360.0, 235.0),
        (354.0, 280.0),
        (340.0, 300.0),
        (330.0, 320.0),
        (332.0, 420.0),
        (198.0, 420.0),
        (200.0, 325.0),
        (198.0, 304.0),
        (178.0, 280.0),
        (161.0, 235.0),
        (157.0, 195.0),
        (151.0, 150.0),
        (151.0, 100.0),
        (168.0, 78.0),
        (201.0, 52.0),
        (232.0, 31.0),
    ],
};

/// A background: one colour, or a vertical/horizontal gradient between two.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Background {
    Solid([u8; 3]),
    Vertical([u8; 3], [u8; 3]),
    Horizontal([u8; 3], [u8; 3]),
}

impl Background {
    fn at(&self, x: f32, y: f32, w: f32, h: f32) -> [u8; 3] {
        let mix = |a: [u8; 3], b: [u8; 3], t: f32| {
            [0, 1, 2].map(|i| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t.clamp(0.0, 1.0)).round() as u8)
        };
        match *self {
            Background::Solid(c) => c,
            Background::Vertical(a, b) => mix(a, b, y / h),
            Background::Horizontal(a, b) => mix(a, b, x / w),
        }
    }
}

/// One portrait to draw. Lengths in output pixels, roll in degrees (positive: the person's left
/// eye — viewer's right — lower).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Portrait {
    pub width: u32,
    pub height: u32,
    /// Head height (hair-top → chin) of the upright head.
    pub head: f32,
    /// Hair-top y of the upright head.
    pub top: f32,
    /// Eye-midpoint x.
    pub centre_x: f32,
    pub roll: f32,
    pub background: Background,
    pub clothing: [u8; 3],
    pub collar: bool,
}

/// The exact geometry of a drawn portrait.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truth {
    /// Topmost point of the (rotated) head outline.
    pub head_top: f32,
    /// Chin point after rotation.
    pub chin: f32,
    pub eye_mid: Point,
    pub right_eye: Point,
    pub left_eye: Point,
    pub roll: f32,
}

impl Truth {
    pub fn head_height(&self) -> f32 {
        self.chin - self.head_top
    }
}

struct Placement {
    k: f32,
    sin: f32,
    cos: f32,
    src_mid: Point,
    out_mid: Point,
}

impl Placement {
    fn new(p: &Portrait, a: &Annotation) -> Self {
        let k = p.head / (a.chin - a.head_top);
        let src_mid = Point { x: (a.right_eye.x + a.left_eye.x) / 2.0, y: (a.right_eye.y + a.left_eye.y) / 2.0 };
        let out_mid = Point { x: p.centre_x, y: p.top + k * (src_mid.y - a.head_top) };
        let (sin, cos) = p.roll.to_radians().sin_cos();
        Placement { k, sin, cos, src_mid, out_mid }
    }
    fn forward(&self, x: f32, y: f32) -> Point {
        let (dx, dy) = ((x - self.src_mid.x) * self.k, (y - self.src_mid.y) * self.k);
        Point { x: self.out_mid.x + dx * self.cos - dy * self.sin, y: self.out_mid.y + dx * self.sin + dy * self.cos }
    }
    fn back(&self, x: f32, y: f32) -> Point {
        let (dx, dy) = (x - self.out_mid.x, y - self.out_mid.y);
        Point {
            x: self.src_mid.x + (dx * self.cos + dy * self.sin) / self.k,
            y: self.src_mid.y + (-dx * self.sin + dy * self.cos) / self.k,
        }
    }
}

fn inside(poly: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut c = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 {
            c = !c;
        }
    }
    c
}

fn bilinear(img: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let px = |xx: i64, yy: i64| img.get_pixel(xx.clamp(0, w - 1) as u32, yy.clamp(0, h - 1) as u32).0.map(f32::from);
    let (xi, yi) = (x0 as i64, y0 as i64);
    let (a, b, c, d) = (px(xi, yi), px(xi + 1, yi), px(xi, yi + 1), px(xi + 1, yi + 1));
    [0, 1, 2].map(|i| (a[i] * (1.0 - fx) + b[i] * fx) * (1.0 - fy) + (c[i] * (1.0 - fx) + d[i] * fx) * fy)
}

/// Draws the portrait from `source` (annotated by `a`), returning the picture and its truth.
pub fn portrait(source: &RgbImage, a: &Annotation, p: &Portrait) -> (RgbImage, Truth) {
    let place = Placement::new(p, a);
    let (w, h) = (p.width.max(1), p.height.max(1));
    let (wf, hf) = (w as f32, h as f32);
    let d = place.k * (a.left_eye.x - a.right_eye.x);
    let chin_up = Point { x: p.centre_x, y: p.top + p.head };
    // Body (not rotated with the head): shoulders from the neck down, with a V neckline; in eye
    // distances from the upright chin.
    let body: Vec<(f32, f32)> = [
        (0.0, 1.0),
        (-0.8, 0.15),
        (-1.6, 0.55),
        (-3.0, 1.0),
        (-3.8, 20.0),
        (3.8, 20.0),
        (3.0, 1.0),
        (1.6, 0.55),
        (0.8, 0.15),
    ]
    .iter()
    .map(|&(x, y)| (chin_up.x + x * d, chin_up.y + y * d))
    .collect();
    let collar: Vec<[(f32, f32); 3]> = if p.collar {
        [-1.0f32, 1.0]
            .iter()
            .map(|&s| {
                [(0.0, 1.0), (s * 0.8, 0.15), (s * 1.15, 0.75)].map(|(x, y)| (chin_up.x + x * d, chin_up.y + y * d))
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut img = RgbImage::new(w, h);
    // 2×2 supersampling for the outlines.
    const SUB: [(f32, f32); 4] = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)];
    for (x, y, px) in img.enumerate_pixels_mut() {
        let mut acc = [0.0f32; 3];
        for (sx, sy) in SUB {
            let (fx, fy) = (x as f32 + sx, y as f32 + sy);
            let src = place.back(fx, fy);
            let c = if inside(a.outline, src.x, src.y) && !(inside(&body, fx, fy) && src.y > a.chin) {
                bilinear(source, src.x, src.y)
            } else if collar.iter().any(|t| inside(t, fx, fy)) {
                [238.0, 238.0, 236.0]
            } else if inside(&body, fx, fy) {
                p.clothing.map(f32::from)
            } else {
                p.background.at(fx, fy, wf, hf).map(f32::from)
            };
            for i in 0..3 {
                acc[i] += c[i] / 4.0;
            }
        }
        *px = Rgb(acc.map(|v| v.round().clamp(0.0, 255.0) as u8));
    }
    let head_top = a.outline.iter().map(|&(x, y)| place.forward(x, y).y).fold(f32::INFINITY, f32::min);
    // The chin point: straight below the eye midpoint in the source.
    let chin = place.forward(place.src_mid.x, a.chin).y;
    let truth = Truth {
        head_top,
        chin,
        eye_mid: place.out_mid,
        right_eye: place.forward(a.right_eye.x, a.right_eye.y),
        left_eye: place.forward(a.left_eye.x, a.left_eye.y),
        // The source head's own eye-line angle turns with it.
        roll: p.roll + (a.left_eye.y - a.right_eye.y).atan2(a.left_eye.x - a.right_eye.x).to_degrees(),
    };
    (img, truth)
}

/// The person mask of a drawn portrait (what a perfect segmentation would give): head outline
/// and body.
pub fn truth_mask(a: &Annotation, p: &Portrait) -> Vec<u8> {
    let place = Placement::new(p, a);
    let d = place.k * (a.left_eye.x - a.right_eye.x);
    let chin_up = Point { x: p.centre_x, y: p.top + p.head };
    let (w, h) = (p.width.max(1), p.height.max(1));
    let mut out = vec![0u8; w as usize * h as usize];
    for (i, v) in out.iter_mut().enumerate() {
        let (x, y) = ((i % w as usize) as f32 + 0.5, (i / w as usize) as f32 + 0.5);
        let src = place.back(x, y);
        let dx = (x - chin_up.x) / d;
        let dy = (y - chin_up.y) / d;
        let body = dy >= 0.15 && dx.abs() <= 3.8;
        if inside(a.outline, src.x, src.y) || body {
            *v = 255;
        }
    }
    out
}
