//! Person mask: MediaPipe `selfie_segmentation.tflite` (general model, 256×256), as
//! `mediapipe/modules/selfie_segmentation/selfie_segmentation_cpu.pbtxt` runs it: float range 0–1,
//! BORDER_ZERO, output already a probability (`TensorsToSegmentationCalculator` activation NONE).
//! MediaPipe stretches the picture to 256×256; here it is letterboxed like the detector input,
//! which keeps a portrait's proportions (the model sees a 192×256 picture for 3:4).

use super::preprocess::{Border, Frame, Square};
use super::{ModelError, Plan, run_plan};
use crate::face::PersonMask;
use crate::imaging::resample::round_byte;
use tract_nnef::prelude::Tensor;

pub const INPUT: usize = 256;
pub const RANGE: (f32, f32) = (0.0, 1.0);

#[derive(Clone)]
pub struct Segmenter {
    plan: Plan,
}

impl Segmenter {
    pub fn new(plan: Plan) -> Segmenter {
        Segmenter { plan }
    }

    /// One run on a blank input, its answer dropped (see `FaceFinder::warm_up`).
    pub fn warm_up(&self) -> Result<(), ModelError> {
        self.raw(super::blank("segmenter", INPUT)?).map(drop)
    }

    /// Runs the model on a 1×256×256×3 input: 256×256 person probabilities, row-major.
    pub fn raw(&self, input: Tensor) -> Result<Vec<f32>, ModelError> {
        let outputs = run_plan(&self.plan, "segmenter", input)?;
        outputs
            .into_iter()
            .find(|o| o.len() == INPUT * INPUT)
            .ok_or(ModelError::Run { model: "segmenter", message: "unexpected output shape".into() })
    }

    /// The mask resampled (bilinear) to `width`×`height`, undoing the letterbox.
    pub fn mask(&self, frame: &Frame, width: u32, height: u32) -> Result<PersonMask, ModelError> {
        let sq = Square::letterbox(width, height);
        let m = self.raw(frame.sample(&sq, INPUT, Border::Zero, RANGE))?;
        Ok(PersonMask { width, height, data: to_picture(&m, &sq, width, height) })
    }
}

/// The model's 256×256 probabilities resampled (bilinear, edge pixels replicated) to the
/// `width`×`height` picture that `sq` letterboxed, as bytes 0–255.
fn to_picture(m: &[f32], sq: &Square, width: u32, height: u32) -> Vec<u8> {
    let n = INPUT as f32;
    // The two model columns (or rows) a position falls between, clamped to the edge, and the
    // fraction past the first: once per column and per row, not per pixel (a million pixels).
    let between = |u: f32| {
        let clamp = |i: i64| i.clamp(0, INPUT as i64 - 1) as usize;
        let i = u.floor() as i64;
        (clamp(i), clamp(i + 1), u - u.floor())
    };
    let cols: Vec<(usize, usize, f32)> =
        (0..width).map(|x| between(sq.to_input(x as f32 + 0.5, 0.0).0 * n - 0.5)).collect();
    let mut data = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height {
        let (y0, y1, fy) = between(sq.to_input(0.0, y as f32 + 0.5).1 * n - 0.5);
        let (r0, r1) = (&m[y0 * INPUT..][..INPUT], &m[y1 * INPUT..][..INPUT]);
        for &(x0, x1, fx) in &cols {
            let top = r0[x0] * (1.0 - fx) + r0[x1] * fx;
            let bottom = r1[x0] * (1.0 - fx) + r1[x1] * fx;
            let p = top * (1.0 - fy) + bottom * fy;
            // NaN (a broken model) counts as background.
            data.push(if p.is_finite() { round_byte(p.clamp(0.0, 1.0) * 255.0) } else { 0 });
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `to_picture` as first written: every pixel's four reads clamped on their own.
    fn plain_to_picture(m: &[f32], sq: &Square, width: u32, height: u32) -> Vec<u8> {
        let n = INPUT as f32;
        let at =
            |x: i64, y: i64| m[(y.clamp(0, INPUT as i64 - 1) * INPUT as i64 + x.clamp(0, INPUT as i64 - 1)) as usize];
        let mut data = vec![];
        for y in 0..height {
            let v = sq.to_input(0.0, y as f32 + 0.5).1 * n - 0.5;
            let (y0, fy) = (v.floor() as i64, v - v.floor());
            for x in 0..width {
                let u = sq.to_input(x as f32 + 0.5, 0.0).0 * n - 0.5;
                let (x0, fx) = (u.floor() as i64, u - u.floor());
                let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
                let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
                let p = top * (1.0 - fy) + bottom * fy;
                data.push(if p.is_finite() { (p.clamp(0.0, 1.0) * 255.0).round() as u8 } else { 0 });
            }
        }
        data
    }

    #[test]
    fn the_mask_resample_is_the_plain_per_pixel_definition() {
        // Smooth and jagged probabilities, some outside 0–1 and one NaN.
        let m: Vec<f32> = (0..INPUT * INPUT)
            .map(|i| if i == 300 { f32::NAN } else { ((i * 7919) % 1013) as f32 / 1000.0 - 0.005 })
            .collect();
        for (w, h) in [(450, 600), (960, 960), (37, 5), (700, 300), (1, 1)] {
            let sq = Square::letterbox(w, h);
            assert!(to_picture(&m, &sq, w, h) == plain_to_picture(&m, &sq, w, h), "{w}×{h}");
        }
    }
}
