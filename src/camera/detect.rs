//! Runs the search of `search` with the detector: the first step that finds a face ends it.

use super::search::{Look, around, tile_of_round, tiles, whole};
use crate::face::model::ModelError;
use crate::face::model::detector::Detector;
use crate::face::model::preprocess::{Frame, Square};
use crate::face::{BoxF, Detection};

/// What the search found and how many detector runs it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Faces at or above `min_score`, most confident first, in frame pixels.
    pub faces: Vec<Detection>,
    pub runs: usize,
}

fn square(l: Look) -> Square {
    Square { cx: l.cx, cy: l.cy, side: l.side, rotation: 0.0 }
}

/// Looks for faces in a `width`×`height` frame, first around `previous` (the face of the last
/// frame), then in the whole frame, then in this `round`'s tile (`search`).
pub fn find(
    detector: &Detector,
    frame: &Frame,
    width: u32,
    height: u32,
    previous: Option<BoxF>,
    round: u32,
    min_score: f32,
) -> Result<Found, ModelError> {
    let steps =
        [previous.map(|b| around(b, width, height)), Some(whole(width, height)), tile_of_round(width, height, round)];
    first_found(detector, frame, steps.into_iter().flatten(), min_score)
}

/// The whole frame, then every tile, until one finds a face (tests and the calibration: a still
/// picture has no next frame to wait for).
pub fn find_still(
    detector: &Detector,
    frame: &Frame,
    width: u32,
    height: u32,
    min_score: f32,
) -> Result<Found, ModelError> {
    let looks = std::iter::once(whole(width, height)).chain(tiles(width, height));
    first_found(detector, frame, looks, min_score)
}

/// Runs the detector on each square in turn; the first that finds a face ends the search.
fn first_found(
    detector: &Detector,
    frame: &Frame,
    looks: impl Iterator<Item = Look>,
    min_score: f32,
) -> Result<Found, ModelError> {
    let mut runs = 0;
    for look in looks {
        runs += 1;
        let faces: Vec<Detection> =
            detector.detect_in(frame, &square(look))?.into_iter().filter(|d| d.score >= min_score).collect();
        if !faces.is_empty() {
            return Ok(Found { faces: distinct(faces), runs });
        }
    }
    Ok(Found { faces: vec![], runs })
}

/// Most confident first; a face seen by two overlapping tiles is kept once.
fn distinct(mut faces: Vec<Detection>) -> Vec<Detection> {
    faces.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out: Vec<Detection> = vec![];
    for f in faces {
        let c = (f.bbox.x + f.bbox.width / 2.0, f.bbox.y + f.bbox.height / 2.0);
        if !out.iter().any(|o| {
            (c.0 - (o.bbox.x + o.bbox.width / 2.0)).abs() < o.bbox.width / 2.0
                && (c.1 - (o.bbox.y + o.bbox.height / 2.0)).abs() < o.bbox.height / 2.0
        }) {
            out.push(f);
        }
    }
    out
}
