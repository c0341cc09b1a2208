//! SSD anchors of BlazeFace short range, as MediaPipe's `SsdAnchorsCalculator` makes them with the
//! options of `mediapipe/modules/face_detection/face_detection_short_range.pbtxt`:
//! input 128×128, num_layers 4, strides [8, 16, 16, 16], aspect_ratios [1.0],
//! interpolated_scale_aspect_ratio 1.0, anchor_offset 0.5, fixed_anchor_size true.
//!
//! With fixed_anchor_size every anchor is 1×1 (the box regressors are absolute), so only the centres
//! matter. Consecutive layers with the same stride share one grid; each layer adds two anchors per
//! cell (aspect ratio 1.0 and the interpolated scale): 16×16 cells × 2 + 8×8 cells × 3 × 2 = 896.

/// Number of anchors (and of rows in the detector's outputs).
pub const NUM_ANCHORS: usize = 896;
const INPUT: usize = 128;
const STRIDES: [usize; 4] = [8, 16, 16, 16];
const ANCHORS_PER_LAYER: usize = 2;

/// Anchor centres in the detector input, normalised to 0–1, in the model's output order.
pub fn anchors() -> Vec<[f32; 2]> {
    let mut out = Vec::with_capacity(NUM_ANCHORS);
    let mut layer = 0;
    while layer < STRIDES.len() {
        let stride = STRIDES[layer];
        let mut same = 0;
        while layer + same < STRIDES.len() && STRIDES[layer + same] == stride {
            same += 1;
        }
        let cells = INPUT.div_ceil(stride);
        for y in 0..cells {
            for x in 0..cells {
                let centre = [(x as f32 + 0.5) / cells as f32, (y as f32 + 0.5) / cells as f32];
                out.extend(std::iter::repeat_n(centre, same * ANCHORS_PER_LAYER));
            }
        }
        layer += same;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_anchors_match_mediapipe_layout() {
        let a = anchors();
        assert_eq!(a.len(), NUM_ANCHORS);
        assert_eq!(a[0], [0.5 / 16.0, 0.5 / 16.0]);
        assert_eq!(a[1], a[0]);
        assert_eq!(a[2], [1.5 / 16.0, 0.5 / 16.0]);
        assert_eq!(a[512], [0.5 / 8.0, 0.5 / 8.0]);
        assert_eq!(a[517], a[512]);
        assert_eq!(a[518], [1.5 / 8.0, 0.5 / 8.0]);
        assert_eq!(a[895], [7.5 / 8.0, 7.5 / 8.0]);
    }
}
