//! Face mesh: MediaPipe `face_landmark.tflite` (468 points) on the face region, as the
//! face_landmark_front graph runs it:
//! - ROI (`face_detection_front_detection_to_roi.pbtxt`): `DetectionsToRectsCalculator` with
//!   rotation_vector_start_keypoint_index 0 (right eye), end 1 (left eye), target angle 0°; then
//!   `RectTransformationCalculator` scale_x = scale_y = 1.5, square_long: true.
//! - Input (`face_landmark_cpu.pbtxt`): `ImageToTensorCalculator` 192×192, float range 0–1, border
//!   replicate (its default).
//! - Output: `TensorsToLandmarksCalculator` num_landmarks 468 in input pixels (z scaled like x);
//!   face flag through `TensorsToFloatsCalculator` activation SIGMOID, `ThresholdingCalculator` 0.5;
//!   `LandmarkProjectionCalculator` maps points back through the rotated ROI.

use super::preprocess::{Border, Frame, Square, sigmoid};
use super::{ModelError, Plan, run_plan};
use crate::face::{Detection, Landmarks};
use tract_nnef::prelude::Tensor;

pub const INPUT: usize = 192;
pub const RANGE: (f32, f32) = (0.0, 1.0);
pub const NUM_POINTS: usize = 468;
/// RectTransformationCalculator scale_x / scale_y.
const ROI_SCALE: f32 = 1.5;
/// ThresholdingCalculator threshold on the face-presence score.
pub const MIN_PRESENCE: f32 = 0.5;

#[derive(Clone)]
pub struct Mesh {
    plan: Plan,
}

/// The rotated square face region for the mesh model, from a detection in picture pixels.
pub fn roi(det: &Detection) -> Option<Square> {
    let (dx, dy) = (det.left_eye.x - det.right_eye.x, det.left_eye.y - det.right_eye.y);
    // MediaPipe: rotation = target_angle - atan2(-(y1 - y0), x1 - x0), normalised to [-π, π).
    // With y pointing down this is atan2(dy, dx): 0 for level eyes, positive when the face is
    // turned clockwise on screen.
    let rotation = normalize_radians(0.0 - (-dy).atan2(dx));
    let long = det.bbox.width.max(det.bbox.height);
    let sq = Square {
        cx: det.bbox.x + det.bbox.width / 2.0,
        cy: det.bbox.y + det.bbox.height / 2.0,
        side: long * ROI_SCALE,
        rotation,
    };
    sq.is_valid().then_some(sq)
}

fn normalize_radians(a: f32) -> f32 {
    use std::f32::consts::PI;
    a - 2.0 * PI * ((a + PI) / (2.0 * PI)).floor()
}

impl Mesh {
    pub fn new(plan: Plan) -> Mesh {
        Mesh { plan }
    }

    /// One run on a blank input, its answer dropped (see `FaceFinder::warm_up`).
    pub fn warm_up(&self) -> Result<(), ModelError> {
        self.raw(super::blank("mesh", INPUT)?).map(drop)
    }

    /// Runs the model on a 1×192×192×3 input: (468 × [x, y, z] in input pixels, presence 0–1).
    pub fn raw(&self, input: Tensor) -> Result<(Vec<f32>, f32), ModelError> {
        let outputs = run_plan(&self.plan, "mesh", input)?;
        let points = outputs.iter().find(|o| o.len() == NUM_POINTS * 3);
        let flag = outputs.iter().find(|o| o.len() == 1);
        match (points, flag) {
            (Some(p), Some(f)) => Ok((p.clone(), sigmoid(f[0]))),
            _ => Err(ModelError::Run { model: "mesh", message: "unexpected output shapes".into() }),
        }
    }

    /// The mesh of the face `det`, in picture pixels, or None when the model finds no face there.
    pub fn landmarks(&self, frame: &Frame, det: &Detection) -> Result<Option<Landmarks>, ModelError> {
        let Some(sq) = roi(det) else { return Ok(None) };
        let (raw, presence) = self.raw(frame.sample(&sq, INPUT, Border::Replicate, RANGE))?;
        if presence.is_nan() || presence < MIN_PRESENCE {
            return Ok(None);
        }
        let n = INPUT as f32;
        let points: Vec<[f32; 3]> = raw
            .chunks_exact(3)
            .map(|p| {
                let (x, y) = sq.to_image(p[0] / n, p[1] / n);
                [x, y, p[2] / n * sq.side]
            })
            .collect();
        if points.iter().flatten().any(|v| !v.is_finite()) {
            return Ok(None);
        }
        Ok(Some(Landmarks { presence, points }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::{BoxF, Point};

    fn det(right_eye: Point, left_eye: Point) -> Detection {
        Detection {
            score: 0.9,
            bbox: BoxF { x: 100.0, y: 200.0, width: 80.0, height: 60.0 },
            right_eye,
            left_eye,
            nose_tip: Point::default(),
            mouth: Point::default(),
            right_ear: Point::default(),
            left_ear: Point::default(),
        }
    }

    #[test]
    fn roi_is_square_scaled_and_follows_the_eye_line() {
        let level = roi(&det(Point { x: 120.0, y: 220.0 }, Point { x: 160.0, y: 220.0 })).unwrap();
        assert_eq!((level.cx, level.cy, level.side), (140.0, 230.0, 120.0));
        assert!(level.rotation.abs() < 1e-6);
        // Left eye (viewer's right) lower: the head leans clockwise on screen, +45°.
        let tilted = roi(&det(Point { x: 120.0, y: 220.0 }, Point { x: 160.0, y: 260.0 })).unwrap();
        assert!((tilted.rotation - std::f32::consts::FRAC_PI_4).abs() < 1e-5);
        // The ROI's "right" direction runs along the eye line.
        let (x0, y0) = tilted.to_image(0.5, 0.5);
        let (x1, y1) = tilted.to_image(1.0, 0.5);
        assert!((x1 - x0 - (y1 - y0)).abs() < 1e-3 && x1 > x0);
        let bad = det(Point { x: f32::NAN, y: 0.0 }, Point::default());
        assert!(roi(&bad).is_none());
    }
}
