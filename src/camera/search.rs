//! Where the face detector looks in one preview frame.
//!
//! BlazeFace short range reads the whole frame shrunk to 128×128; a head 15–20 % of a 4:3 frame's
//! height is then about 10–15 px, too small for it (the calibration example measures the rate:
//! `cargo run --release --example camera_calibration`). So a frame is searched in three steps,
//! cheapest first, and the search stops at the first step that finds a face:
//! 1. around the face of the previous frame (one run: a face moves little between frames, which is
//!    how MediaPipe's own video pipelines track);
//! 2. the whole frame (one run);
//! 3. overlapping squares of 60 % of the short side (six on a 4:3 frame): about 2.2× the
//!    magnification of step 2, so a far-away head is as big to the model as a near one. One tile a
//!    frame, in turn (`tile_of_round`): seven runs a frame cut an empty room's frame rate to 2 per
//!    second in the browser; with one, a far face is found within six frames, then tracked by step 1.

use crate::face::BoxF;

/// A square of the frame (centre and side in frame pixels) given to the detector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
}

/// The tiles' side as a share of the frame's short side.
const TILE_SHARE: f32 = 0.6;
/// Neighbouring tiles overlap by at least this share of a tile, more than a small face's box, so
/// every small face lies whole inside some tile.
const TILE_OVERLAP: f32 = 0.3;
/// The square around the previous face, in multiples of that face's larger box side: room for the
/// movement between two analysed frames (~100 ms) and the detector's own margin.
const AROUND: f32 = 3.0;

/// Step 2: the whole frame, letterboxed.
pub fn whole(width: u32, height: u32) -> Look {
    Look { cx: width as f32 / 2.0, cy: height as f32 / 2.0, side: width.max(height) as f32 }
}

/// Step 1: a square around the face found in the previous frame, never smaller than a tile (a
/// face that grew a lot is then still inside it) nor larger than the whole frame.
pub fn around(face: BoxF, width: u32, height: u32) -> Look {
    let short = width.min(height) as f32;
    let side = (face.width.max(face.height) * AROUND).clamp(short * TILE_SHARE, width.max(height) as f32);
    Look { cx: face.x + face.width / 2.0, cy: face.y + face.height / 2.0, side }
}

/// Step 3: overlapping tiles covering the frame, row by row from the top-left.
pub fn tiles(width: u32, height: u32) -> Vec<Look> {
    let side = width.min(height) as f32 * TILE_SHARE;
    if side < 1.0 {
        return vec![];
    }
    let centres = |len: f32| -> Vec<f32> {
        let span = (len - side).max(0.0);
        let steps = (span / (side * (1.0 - TILE_OVERLAP))).ceil().max(if span > 0.0 { 1.0 } else { 0.0 });
        let n = steps as usize + 1;
        (0..n).map(|i| side / 2.0 + if n > 1 { span * i as f32 / (n - 1) as f32 } else { span / 2.0 }).collect()
    };
    let (xs, ys) = (centres(width as f32), centres(height as f32));
    ys.iter().flat_map(|&cy| xs.iter().map(move |&cx| Look { cx, cy, side })).collect()
}

/// The tile step 3 looks in on the `round`th frame (tiles taken in turn).
pub fn tile_of_round(width: u32, height: u32, round: u32) -> Option<Look> {
    let t = tiles(width, height);
    (!t.is_empty()).then(|| t[round as usize % t.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every point of the frame is inside some tile, with at least the promised overlap margin.
    #[test]
    fn tiles_cover_landscape_and_portrait_frames_with_overlap() {
        for (w, h) in [(320, 240), (240, 320), (640, 480), (300, 300), (1280, 720)] {
            let t = tiles(w, h);
            assert!(!t.is_empty() && t.len() <= 9, "{w}×{h}: {} tiles", t.len());
            let margin = t[0].side * TILE_OVERLAP / 2.0 - 0.5;
            for y in (0..h).step_by(7) {
                for x in (0..w).step_by(7) {
                    let inside = t.iter().any(|l| {
                        let (dx, dy) = ((x as f32 - l.cx).abs(), (y as f32 - l.cy).abs());
                        let edge_x = x as f32 <= margin || x as f32 >= w as f32 - margin;
                        let edge_y = y as f32 <= margin || y as f32 >= h as f32 - margin;
                        (dx <= l.side / 2.0 - if edge_x { 0.0 } else { margin })
                            && (dy <= l.side / 2.0 - if edge_y { 0.0 } else { margin })
                    });
                    assert!(inside, "{w}×{h}: ({x}, {y}) is in no tile with margin {margin}");
                }
            }
        }
        assert_eq!(tiles(320, 240).len(), 6);
        assert!(tiles(0, 240).is_empty());
    }

    #[test]
    fn the_square_around_a_face_is_centred_on_it_and_bounded() {
        let face = BoxF { x: 100.0, y: 50.0, width: 40.0, height: 50.0 };
        let l = around(face, 320, 240);
        assert_eq!((l.cx, l.cy, l.side), (120.0, 75.0, 150.0));
        let tiny = around(BoxF { width: 4.0, height: 4.0, ..face }, 320, 240);
        assert_eq!(tiny.side, 240.0 * TILE_SHARE);
        let huge = around(BoxF { width: 300.0, height: 300.0, ..face }, 320, 240);
        assert_eq!(huge.side, 320.0);
        assert_eq!(whole(320, 240), Look { cx: 160.0, cy: 120.0, side: 320.0 });
    }

    #[test]
    fn six_rounds_visit_every_tile_once() {
        let all = tiles(320, 240);
        let visited: Vec<Look> = (0..6).filter_map(|r| tile_of_round(320, 240, r)).collect();
        assert_eq!(visited, all);
        assert_eq!(tile_of_round(320, 240, 6), Some(all[0]));
        assert_eq!(tile_of_round(0, 0, 3), None);
    }
}
