//! Picture → model input tensors: a square region of the picture (letterboxed whole picture, or the
//! rotated face ROI) resampled to the model's N×N input, as MediaPipe's `ImageToTensorCalculator`
//! does. All geometry is in the picture's own pixel coordinates (x right, y down, pixel i covering
//! [i, i+1)).

use image::RgbImage;
use std::borrow::Cow;
use tract_nnef::prelude::Tensor;

/// Larger pictures are first reduced (area-correct Triangle filter) so that the longer side is at
/// most this; the models' inputs are ≤ 256 px, the face ROI is a fraction of the picture, so nothing
/// is lost, and the per-pixel sampling below stays cheap for 12 MP phone photos.
pub const MAX_WORK_SIDE: u32 = 1024;

/// A square region of the picture, possibly rotated about its centre (radians, clockwise on screen
/// since y points down), mapped onto a model's square input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Square {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
    pub rotation: f32,
}

impl Square {
    /// The whole `width`×`height` picture centred in a square with padding on the short axis
    /// (ImageToTensorCalculator `keep_aspect_ratio: true`: equal padding on both sides).
    pub fn letterbox(width: u32, height: u32) -> Square {
        Square { cx: width as f32 / 2.0, cy: height as f32 / 2.0, side: width.max(height) as f32, rotation: 0.0 }
    }

    /// Normalised input position (0–1 on both axes) → picture pixels.
    pub fn to_image(&self, nx: f32, ny: f32) -> (f32, f32) {
        let (dx, dy) = ((nx - 0.5) * self.side, (ny - 0.5) * self.side);
        let (s, c) = self.rotation.sin_cos();
        (self.cx + c * dx - s * dy, self.cy + s * dx + c * dy)
    }

    /// Picture pixels → normalised input position (inverse of `to_image`).
    pub fn to_input(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.cx, y - self.cy);
        let (s, c) = self.rotation.sin_cos();
        ((c * dx + s * dy) / self.side + 0.5, (-s * dx + c * dy) / self.side + 0.5)
    }

    pub fn is_valid(&self) -> bool {
        [self.cx, self.cy, self.side, self.rotation].iter().all(|v| v.is_finite()) && self.side > 0.0
    }
}

/// What lies outside the picture: black (`BORDER_ZERO`) or the nearest edge pixel (`BORDER_REPLICATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Border {
    Zero,
    Replicate,
}

/// The picture the models read: the input itself (borrowed, not copied), or a reduced copy of it,
/// with the factor between them.
pub struct Frame<'a> {
    pub image: Cow<'a, RgbImage>,
    /// Working pixels per picture pixel (≤ 1).
    pub scale: f32,
}

impl<'a> Frame<'a> {
    pub fn new(img: &'a RgbImage) -> Frame<'a> {
        let (w, h) = img.dimensions();
        let long = w.max(h);
        if long <= MAX_WORK_SIDE {
            return Frame { image: Cow::Borrowed(img), scale: 1.0 };
        }
        let scale = MAX_WORK_SIDE as f32 / long as f32;
        let nw = ((w as f32 * scale).round() as u32).max(1);
        let nh = ((h as f32 * scale).round() as u32).max(1);
        let image = crate::imaging::resample::triangle(img, nw, nh);
        // Use the exact per-axis factor of the longer side so the picture edges map onto each other.
        Frame { image: Cow::Owned(image), scale: if w >= h { nw as f32 / w as f32 } else { nh as f32 / h as f32 } }
    }

    /// The region `sq` (picture coordinates) resampled to an n×n NHWC f32 tensor with values mapped
    /// from 0–255 to `range`. Each input pixel averages k×k bilinear samples, k growing with the
    /// reduction (up to 4), so strong reductions do not alias.
    ///
    /// This runs for every model input (up to 256×256×16 bilinear taps), so the loop is written to
    /// be cheap: the rotation's sine and cosine once per call, pixels read from the raw buffer, no
    /// `floor` call per tap (a libm call on baseline x86-64), and for an unrotated square (the
    /// detector's and the segmenter's letterbox) each sub-sample column's and row's position and
    /// weights computed once, not per tap. Every path computes the same values in the same order.
    pub fn sample(&self, sq: &Square, n: usize, border: Border, range: (f32, f32)) -> Tensor {
        let k = ((sq.side * self.scale / n as f32).ceil() as usize).clamp(1, 4);
        let mut data = Vec::with_capacity(n * n * 3);
        let norm = (range.1 - range.0) / 255.0 / (k * k) as f32;
        let (sin, cos) = sq.rotation.sin_cos();
        // Sub-sample m (0 ≤ m < n·k) along an axis sits at normalised position (m + 0.5) / (n·k);
        // `Square::to_image` then maps (dx, dy) = (pos − 0.5)·side through the rotation, and the
        // working image puts pixel i's centre at i (hence the final −0.5).
        let step = sq.side / (n * k) as f32;
        let offset = |m: usize| (m as f32 + 0.5) * step - sq.side / 2.0;
        let (w, h) = self.image.dimensions();
        let pixels = Pixels { raw: self.image.as_raw(), w: w as i64, h: h as i64, border };
        let mut push = |acc: [f32; 3]| data.extend(acc.iter().map(|a| a * norm + range.0));
        if sq.rotation == 0.0 {
            // sin = 0 and cos = 1 exactly, so x = (cx + dx)·scale − 0.5 bit for bit as below.
            let axis =
                |c: f32| -> Vec<Tap> { (0..n * k).map(|m| Tap::at((c + offset(m)) * self.scale - 0.5)).collect() };
            let (cols, rows) = (axis(sq.cx), axis(sq.cy));
            for v in 0..n {
                for u in 0..n {
                    let mut acc = [0f32; 3];
                    for ty in &rows[v * k..(v + 1) * k] {
                        for tx in &cols[u * k..(u + 1) * k] {
                            pixels.add_bilinear(*tx, *ty, &mut acc);
                        }
                    }
                    push(acc);
                }
            }
        } else {
            for v in 0..n {
                for u in 0..n {
                    let mut acc = [0f32; 3];
                    for j in 0..k {
                        let dy = offset(v * k + j);
                        for i in 0..k {
                            let dx = offset(u * k + i);
                            let x = (sq.cx + cos * dx - sin * dy) * self.scale - 0.5;
                            let y = (sq.cy + sin * dx + cos * dy) * self.scale - 0.5;
                            pixels.add_bilinear(Tap::at(x), Tap::at(y), &mut acc);
                        }
                    }
                    push(acc);
                }
            }
        }
        Tensor::from_shape(&[1, n, n, 3], &data).expect("n*n*3 values for a 1×n×n×3 tensor")
    }
}

/// One axis of a bilinear sample: the pixel at or before the position and the fraction past it.
#[derive(Clone, Copy)]
struct Tap {
    index: i64,
    frac: f32,
}

impl Tap {
    #[inline(always)]
    fn at(pos: f32) -> Tap {
        let floor = fast_floor(pos);
        Tap { index: floor as i64, frac: pos - floor }
    }
}

/// `x.floor()` without the libm call: exact for every |x| < 2²³ (where truncation to an integer
/// and back is exact), the library's floor elsewhere.
#[inline(always)]
fn fast_floor(x: f32) -> f32 {
    if x.abs() < 8_388_608.0 {
        let t = x as i32 as f32;
        if t > x { t - 1.0 } else { t }
    } else {
        x.floor()
    }
}

/// The working image's RGB bytes, read with a border rule.
struct Pixels<'a> {
    raw: &'a [u8],
    w: i64,
    h: i64,
    border: Border,
}

impl Pixels<'_> {
    /// Adds the bilinear sample at (x, y) (pixel-centre coordinates: pixel i at i) to `acc`.
    #[inline(always)]
    fn add_bilinear(&self, x: Tap, y: Tap, acc: &mut [f32; 3]) {
        let (fx, fy) = (x.frac, y.frac);
        let (x0, y0) = (x.index, y.index);
        // Nearly every tap has all four pixels inside the picture: one range check then, instead of
        // a border check and a bounds-checked read per pixel. Same weights, same order of sums.
        if x0 >= 0 && y0 >= 0 && x0 + 1 < self.w && y0 + 1 < self.h {
            let stride = self.w as usize * 3;
            let at = y0 as usize * stride + x0 as usize * 3;
            let (top, bottom) = (&self.raw[at..at + 6], &self.raw[at + stride..at + stride + 6]);
            let (w00, w10, w01, w11) = ((1.0 - fx) * (1.0 - fy), fx * (1.0 - fy), (1.0 - fx) * fy, fx * fy);
            for (c, a) in acc.iter_mut().enumerate() {
                *a += w00 * f32::from(top[c]);
                *a += w10 * f32::from(top[c + 3]);
                *a += w01 * f32::from(bottom[c]);
                *a += w11 * f32::from(bottom[c + 3]);
            }
            return;
        }
        let taps = [(0, 0, (1.0 - fx) * (1.0 - fy)), (1, 0, fx * (1.0 - fy)), (0, 1, (1.0 - fx) * fy), (1, 1, fx * fy)];
        for (dx, dy, wgt) in taps {
            let (mut px, mut py) = (x0 + dx, y0 + dy);
            if px < 0 || py < 0 || px >= self.w || py >= self.h {
                match self.border {
                    Border::Zero => continue,
                    Border::Replicate => {
                        px = px.clamp(0, self.w - 1);
                        py = py.clamp(0, self.h - 1);
                    }
                }
            }
            let at = ((py * self.w + px) * 3) as usize;
            if let Some(p) = self.raw.get(at..at + 3) {
                acc[0] += wgt * f32::from(p[0]);
                acc[1] += wgt * f32::from(p[1]);
                acc[2] += wgt * f32::from(p[2]);
            }
        }
    }
}

/// The logistic function, with MediaPipe's score clipping (`score_clipping_thresh: 100`).
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-100.0, 100.0)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_maps_round_trip_and_letterbox_pads_equally() {
        let sq = Square::letterbox(450, 600);
        assert_eq!(sq.to_image(0.0, 0.0), (-75.0, 0.0));
        assert_eq!(sq.to_image(1.0, 1.0), (525.0, 600.0));
        let r = Square { cx: 100.0, cy: 50.0, side: 40.0, rotation: 0.3 };
        let (x, y) = r.to_image(0.2, 0.9);
        let (nx, ny) = r.to_input(x, y);
        assert!((nx - 0.2).abs() < 1e-5 && (ny - 0.9).abs() < 1e-5);
    }

    #[test]
    fn sample_uses_range_and_border() {
        let img = RgbImage::from_pixel(4, 2, image::Rgb([255, 255, 255]));
        let frame = Frame::new(&img);
        let t = frame.sample(&Square::letterbox(4, 2), 4, Border::Zero, (-1.0, 1.0));
        let v = t.try_as_plain_ram().unwrap().as_slice::<f32>().unwrap();
        // Top row is padding (black → -1), the middle rows are the white picture (→ 1).
        assert!((v[0] + 1.0).abs() < 1e-5, "{}", v[0]);
        assert!((v[(4 + 1) * 3] - 1.0).abs() < 1e-5, "{}", v[15]);
        let t = frame.sample(&Square::letterbox(4, 2), 4, Border::Replicate, (0.0, 1.0));
        assert!(t.try_as_plain_ram().unwrap().as_slice::<f32>().unwrap().iter().all(|v| (v - 1.0).abs() < 1e-5));
    }

    #[test]
    fn fast_floor_is_floor() {
        let values = (-4000..4000).map(|i| i as f32 * 0.37).chain([
            -0.5,
            -0.0,
            0.0,
            0.999_999_94,
            -1.0,
            -1.000_000_1,
            8_388_607.5,
            -8_388_607.5,
            1e9,
            -1e9,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ]);
        for x in values {
            assert_eq!(fast_floor(x), x.floor(), "{x}");
        }
        assert!(fast_floor(f32::NAN).is_nan());
    }

    /// `sample` as plainly defined: every tap through `Square`'s rotation maths, each of its four
    /// pixels read with the border rule (the per-pixel checks the inside fast path skips).
    fn plain_sample(frame: &Frame, sq: &Square, n: usize, border: Border, range: (f32, f32)) -> Vec<f32> {
        let k = ((sq.side * frame.scale / n as f32).ceil() as usize).clamp(1, 4);
        let norm = (range.1 - range.0) / 255.0 / (k * k) as f32;
        let (sin, cos) = sq.rotation.sin_cos();
        let step = sq.side / (n * k) as f32;
        let offset = |m: usize| (m as f32 + 0.5) * step - sq.side / 2.0;
        let (w, h) = (i64::from(frame.image.width()), i64::from(frame.image.height()));
        let mut out = vec![];
        for v in 0..n {
            for u in 0..n {
                let mut acc = [0f32; 3];
                for j in 0..k {
                    for i in 0..k {
                        let (dx, dy) = (offset(u * k + i), offset(v * k + j));
                        let x = (sq.cx + cos * dx - sin * dy) * frame.scale - 0.5;
                        let y = (sq.cy + sin * dx + cos * dy) * frame.scale - 0.5;
                        let (fx, fy) = (x - x.floor(), y - y.floor());
                        let (x0, y0) = (x.floor() as i64, y.floor() as i64);
                        let taps = [
                            (0, 0, (1.0 - fx) * (1.0 - fy)),
                            (1, 0, fx * (1.0 - fy)),
                            (0, 1, (1.0 - fx) * fy),
                            (1, 1, fx * fy),
                        ];
                        for (ox, oy, wgt) in taps {
                            let (px, py) = (x0 + ox, y0 + oy);
                            let inside = (0..w).contains(&px) && (0..h).contains(&py);
                            if !inside && border == Border::Zero {
                                continue;
                            }
                            let p = frame.image.get_pixel(px.clamp(0, w - 1) as u32, py.clamp(0, h - 1) as u32);
                            for (a, c) in acc.iter_mut().zip(p.0) {
                                *a += wgt * f32::from(c);
                            }
                        }
                    }
                }
                out.extend(acc.iter().map(|a| a * norm + range.0));
            }
        }
        out
    }

    /// The fast path for taps inside the picture must give bit for bit what the plain per-pixel
    /// definition gives, rotated or not, on squares inside the picture and across every edge.
    #[test]
    fn sample_is_the_plain_definition_bit_for_bit() {
        let img = RgbImage::from_fn(101, 67, |x, y| {
            image::Rgb([(x * 37 + y * 11) as u8, (x * y * 5) as u8, (x ^ (y * 3)) as u8])
        });
        let big = RgbImage::from_fn(1300, 70, |x, y| image::Rgb([(x * 3 + y) as u8, (x / 5 * y) as u8, 200]));
        let (small, reduced) = (Frame::new(&img), Frame::new(&big));
        assert!(reduced.scale < 1.0);
        for (frame, sq, n) in [
            (&small, Square::letterbox(101, 67), 32),
            (&small, Square { cx: 50.3, cy: 33.9, side: 40.0, rotation: 0.0 }, 24),
            (&small, Square { cx: 50.3, cy: 33.9, side: 40.0, rotation: 0.41 }, 24),
            (&small, Square { cx: 5.0, cy: 60.0, side: 70.0, rotation: -2.3 }, 20),
            (&small, Square { cx: 90.0, cy: 10.0, side: 7.0, rotation: 0.0 }, 16),
            (&reduced, Square::letterbox(1300, 70), 40),
            (&reduced, Square { cx: 640.0, cy: 35.0, side: 60.0, rotation: 0.2 }, 12),
        ] {
            for border in [Border::Zero, Border::Replicate] {
                let t = frame.sample(&sq, n, border, (-1.0, 1.0));
                let fast = t.try_as_plain_ram().unwrap();
                let fast = fast.as_slice::<f32>().unwrap();
                let plain = plain_sample(frame, &sq, n, border, (-1.0, 1.0));
                assert_eq!(fast.len(), plain.len());
                let same = fast.iter().zip(&plain).all(|(p, q)| p.to_bits() == q.to_bits());
                assert!(same, "{sq:?} {border:?}");
            }
        }
    }

    /// The unrotated fast path must give exactly what the per-tap rotation maths gives: a rotation
    /// too small to move any position (sin ≈ 1e-30) takes the general path over the same points.
    #[test]
    fn the_unrotated_path_matches_the_general_one_bit_for_bit() {
        let img = RgbImage::from_fn(97, 131, |x, y| image::Rgb([(x * 7 + y) as u8, (x * y) as u8, (x ^ y) as u8]));
        let frame = Frame::new(&img);
        for (sq, n, border) in [
            (Square::letterbox(97, 131), 32, Border::Zero),
            (Square { cx: 40.3, cy: 71.9, side: 150.0, rotation: 0.0 }, 24, Border::Replicate),
            (Square { cx: 10.0, cy: 5.0, side: 30.0, rotation: 0.0 }, 16, Border::Zero),
        ] {
            let tilted = Square { rotation: 1e-30, ..sq };
            let a = frame.sample(&sq, n, border, (-1.0, 1.0));
            let b = frame.sample(&tilted, n, border, (-1.0, 1.0));
            let (a, b) = (a.try_as_plain_ram().unwrap(), b.try_as_plain_ram().unwrap());
            let (a, b) = (a.as_slice::<f32>().unwrap(), b.as_slice::<f32>().unwrap());
            assert!(a.iter().zip(b).all(|(p, q)| p.to_bits() == q.to_bits()), "{sq:?}");
            assert!(a.iter().any(|v| *v > -0.9), "the sample read the picture");
        }
    }
}
