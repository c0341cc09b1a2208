//! Person mask: MediaPipe `selfie_segmentation.tflite` (general model, 256×256), as
//! `mediapipe/modules/selfie_segmentation/selfie_segmentation_cpu.pbtxt` runs it: float range 0–1,
//! BORDER_ZERO, output already a probability (`TensorsToSegmentationCalculator` activation NONE).
//! MediaPipe stretches the picture to 256×256; here it is letterboxed like the detector input,
//! which keeps a portrait's proportions (the model sees a 192×256 picture for 3:4).

use super::preprocess::{Border, Frame, Square};
use super::{ModelError, Plan, run_plan};
use crate::face::PersonMask;
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
        let n = INPUT as f32;
        let at =
            |x: i64, y: i64| m[(y.clamp(0, INPUT as i64 - 1) * INPUT as i64 + x.clamp(0, INPUT as i64 - 1)) as usize];
        // Column positions do not depend on the row: compute them once.
        let cols: Vec<(i64, f32)> = (0..width)
            .map(|x| {
                let u = sq.to_input(x as f32 + 0.5, 0.0).0 * n - 0.5;
                (u.floor() as i64, u - u.floor())
            })
            .collect();
        let mut data = Vec::with_capacity(width as usize * height as usize);
        for y in 0..height {
            let v = sq.to_input(0.0, y as f32 + 0.5).1 * n - 0.5;
            let (y0, fy) = (v.floor() as i64, v - v.floor());
            for &(x0, fx) in &cols {
                let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
                let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
                let p = top * (1.0 - fy) + bottom * fy;
                // NaN (a broken model) counts as background.
                data.push(if p.is_finite() { round_byte(p.clamp(0.0, 1.0) * 255.0) } else { 0 });
            }
        }
        Ok(PersonMask { width, height, data })
    }
}

/// `v.round() as u8` for 0 ≤ v ≤ 255 (halves away from zero), without the libm call `round` is on
/// baseline x86-64: this runs once per picture pixel.
#[inline(always)]
fn round_byte(v: f32) -> u8 {
    let t = v as u8;
    if v - f32::from(t) >= 0.5 { t + 1 } else { t }
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_byte_rounds_like_round() {
        for i in 0..=255_000 {
            let v = i as f32 * 0.001;
            assert_eq!(super::round_byte(v), v.round() as u8, "{v}");
        }
        for v in [0.499_999_97f32, 0.5, 1.5, 2.5, 254.5, 254.25, 255.0] {
            assert_eq!(super::round_byte(v), v.round() as u8, "{v}");
        }
    }
}
