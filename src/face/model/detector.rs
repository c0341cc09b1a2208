//! Face detection: MediaPipe BlazeFace short range (`face_detection_short_range.tflite`), decoded as
//! `mediapipe/modules/face_detection/face_detection_short_range.pbtxt` configures
//! `TensorsToDetectionsCalculator` and `NonMaxSuppressionCalculator`.

use super::anchors::{NUM_ANCHORS, anchors};
use super::preprocess::{Border, Frame, Square, sigmoid};
use super::{ModelError, Plan, run_plan};
use crate::face::{BoxF, Detection, Point};
use tract_nnef::prelude::Tensor;

/// Model input side (tensor_width / tensor_height 128).
pub const INPUT: usize = 128;
/// ImageToTensorCalculator `output_tensor_float_range { min: -1 max: 1 }`.
pub const RANGE: (f32, f32) = (-1.0, 1.0);
/// num_coords 16: box (x centre, y centre, w, h; reverse_output_order) then 6 keypoints (x, y).
const COORDS: usize = 16;
const KEYPOINTS: usize = 6;
/// x_scale = y_scale = w_scale = h_scale = 128: regressors are in input pixels.
const SCALE: f32 = 128.0;
/// min_score_thresh 0.5 (face_detection_short_range.pbtxt).
pub const MIN_SCORE: f32 = 0.5;
/// NonMaxSuppressionCalculator min_suppression_threshold 0.3, INTERSECTION_OVER_UNION, WEIGHTED.
const NMS_IOU: f32 = 0.3;

/// One decoded detection in normalised detector-input coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawDetection {
    pub score: f32,
    /// xmin, ymin, xmax, ymax
    pub rect: [f32; 4],
    pub keypoints: [[f32; 2]; KEYPOINTS],
}

#[derive(Clone)]
pub struct Detector {
    plan: Plan,
    anchors: Vec<[f32; 2]>,
}

impl Detector {
    pub fn new(plan: Plan) -> Detector {
        Detector { plan, anchors: anchors() }
    }

    /// One run on a blank input, its answer dropped (see `FaceFinder::warm_up`).
    pub fn warm_up(&self) -> Result<(), ModelError> {
        self.raw(super::blank("detector", INPUT)?).map(drop)
    }

    /// Runs the model on a 1×128×128×3 input: (regressors 896×16, score logits 896).
    pub fn raw(&self, input: Tensor) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
        let outputs = run_plan(&self.plan, "detector", input)?;
        // Told apart by size rather than by position: 896×16 box regressors, 896 classificators.
        let reg = outputs.iter().find(|o| o.len() == NUM_ANCHORS * COORDS);
        let cls = outputs.iter().find(|o| o.len() == NUM_ANCHORS);
        match (reg, cls) {
            (Some(r), Some(c)) => Ok((r.clone(), c.clone())),
            _ => Err(ModelError::Run { model: "detector", message: "unexpected output shapes".into() }),
        }
    }

    /// Every face above `MIN_SCORE`, most confident first, in picture pixels.
    pub fn detect(&self, frame: &Frame, width: u32, height: u32) -> Result<Vec<Detection>, ModelError> {
        self.detect_in(frame, &Square::letterbox(width, height))
    }

    /// The same, looking only inside `sq` (magnified to the model's input): a face too small
    /// for the whole picture's 128 px is found in a smaller square (the camera guide's search).
    pub fn detect_in(&self, frame: &Frame, sq: &Square) -> Result<Vec<Detection>, ModelError> {
        let (reg, cls) = self.raw(frame.sample(sq, INPUT, Border::Zero, RANGE))?;
        let raw = weighted_nms(decode(&reg, &cls, &self.anchors));
        Ok(raw.iter().filter_map(|d| to_image(d, sq)).collect())
    }
}

/// TensorsToDetectionsCalculator: sigmoid scores, boxes and keypoints relative to fixed-size
/// anchors; boxes with no area are dropped, as MediaPipe does.
pub fn decode(reg: &[f32], cls: &[f32], anchors: &[[f32; 2]]) -> Vec<RawDetection> {
    let mut out = vec![];
    for (i, (r, a)) in reg.chunks_exact(COORDS).zip(anchors).enumerate() {
        let score = sigmoid(cls.get(i).copied().unwrap_or(f32::NEG_INFINITY));
        // Also drops NaN scores.
        if score.is_nan() || score < MIN_SCORE {
            continue;
        }
        let (cx, cy) = (r[0] / SCALE + a[0], r[1] / SCALE + a[1]);
        let (w, h) = (r[2] / SCALE, r[3] / SCALE);
        let rect = [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0];
        if !(rect[0] < rect[2] && rect[1] < rect[3]) || rect.iter().any(|v| !v.is_finite()) {
            continue;
        }
        let mut keypoints = [[0.0; 2]; KEYPOINTS];
        for (k, kp) in keypoints.iter_mut().enumerate() {
            *kp = [r[4 + 2 * k] / SCALE + a[0], r[5 + 2 * k] / SCALE + a[1]];
        }
        out.push(RawDetection { score, rect, keypoints });
    }
    out
}

fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let iw = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let ih = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = iw * ih;
    let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    if union > 0.0 { inter / union } else { 0.0 }
}

/// MediaPipe's WEIGHTED non-max suppression: take the most confident remaining detection, gather
/// every remaining one overlapping it by IoU > 0.3 (itself included), and output their
/// score-weighted mean box and keypoints with the top score.
pub fn weighted_nms(mut dets: Vec<RawDetection>) -> Vec<RawDetection> {
    dets.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out = vec![];
    while let Some(top) = dets.first().copied() {
        let (group, rest): (Vec<_>, Vec<_>) = dets.into_iter().partition(|d| iou(&top.rect, &d.rect) > NMS_IOU);
        let total: f32 = group.iter().map(|d| d.score).sum();
        let mut merged = top;
        if total > 0.0 && group.len() > 1 {
            merged.rect = [0.0; 4];
            merged.keypoints = [[0.0; 2]; KEYPOINTS];
            for d in &group {
                let w = d.score / total;
                for (m, v) in merged.rect.iter_mut().zip(d.rect) {
                    *m += w * v;
                }
                for (m, v) in merged.keypoints.iter_mut().zip(d.keypoints) {
                    m[0] += w * v[0];
                    m[1] += w * v[1];
                }
            }
        }
        out.push(merged);
        // `top` overlaps itself, so `rest` is always shorter: the loop ends.
        dets = rest;
        if group.is_empty() {
            break;
        }
    }
    out
}

/// Detector-input coordinates → picture pixels (undoing the letterbox).
fn to_image(d: &RawDetection, sq: &Square) -> Option<Detection> {
    let p = |v: [f32; 2]| {
        let (x, y) = sq.to_image(v[0], v[1]);
        Point { x, y }
    };
    let tl = p([d.rect[0], d.rect[1]]);
    let br = p([d.rect[2], d.rect[3]]);
    let k = d.keypoints.map(p);
    let det = Detection {
        score: d.score,
        bbox: BoxF { x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y },
        // MediaPipe's keypoint order: right eye, left eye, nose tip, mouth centre, right ear
        // tragion, left ear tragion (the person's own right/left).
        right_eye: k[0],
        left_eye: k[1],
        nose_tip: k[2],
        mouth: k[3],
        right_ear: k[4],
        left_ear: k[5],
    };
    let finite = [det.bbox.x, det.bbox.y, det.bbox.width, det.bbox.height].iter().all(|v| v.is_finite());
    finite.then_some(det)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(score: f32, x: f32) -> RawDetection {
        RawDetection { score, rect: [x, 0.0, x + 1.0, 1.0], keypoints: [[x, 0.5]; KEYPOINTS] }
    }

    #[test]
    fn weighted_nms_merges_overlaps_and_keeps_separate_faces() {
        let out = weighted_nms(vec![det(0.6, 0.2), det(0.9, 0.0), det(0.7, 5.0)]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        // Mean of x = 0.0 (weight 0.9) and x = 0.2 (weight 0.6).
        assert!((out[0].rect[0] - 0.08).abs() < 1e-6, "{:?}", out[0]);
        assert!((out[0].keypoints[0][0] - 0.08).abs() < 1e-6);
        assert_eq!(out[1].rect[0], 5.0);
        assert!(weighted_nms(vec![]).is_empty());
    }

    #[test]
    fn decode_drops_low_scores_and_empty_boxes() {
        let anchors = anchors();
        let mut reg = vec![0.0; NUM_ANCHORS * COORDS];
        let mut cls = vec![-5.0; NUM_ANCHORS];
        cls[3] = 5.0;
        reg[3 * COORDS + 2] = 12.8; // w = 0.1
        reg[3 * COORDS + 3] = 25.6; // h = 0.2
        reg[3 * COORDS + 4] = 6.4; // right eye x + 0.05
        cls[4] = 5.0; // zero-size box: dropped
        cls[5] = f32::NAN; // not a number: dropped
        let d = decode(&reg, &cls, &anchors);
        assert_eq!(d.len(), 1);
        let a = anchors[3];
        assert!((d[0].rect[0] - (a[0] - 0.05)).abs() < 1e-6);
        assert!((d[0].rect[3] - (a[1] + 0.1)).abs() < 1e-6);
        assert!((d[0].keypoints[0][0] - (a[0] + 0.05)).abs() < 1e-6);
    }
}
