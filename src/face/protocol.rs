//! Messages between the page and the face-analysis Web Worker.
//!
//! The page posts `{request: <ObserveRequest as JSON>, rgb: Uint8Array}` (the picture's RGB bytes,
//! transferred, not copied); the worker answers with a `WorkerReply` as JSON, plus the person mask's
//! bytes as a transferred `Uint8Array` beside a `Result` (a 450×600 mask as JSON numbers would be
//! ~1 MB of text). Plain data with serde so both sides and the native tests share one definition.

use super::FaceObservation;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObserveRequest {
    /// Echoed in the reply, so the page can drop answers for a picture the user already replaced.
    pub id: u32,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkerReply {
    /// The worker's wasm has started and listens (messages posted before this are lost).
    Ready,
    /// Model download progress: `done` of `total` files fetched.
    Progress {
        id: u32,
        done: u32,
        total: u32,
    },
    /// The observation, with `mask.data` empty: the mask bytes travel beside the JSON.
    Observed {
        id: u32,
        observation: FaceObservation,
        /// Time to fetch and load the models (0 when they were already loaded), ms.
        load_ms: f64,
        /// Time the three models took on this picture, ms.
        run_ms: f64,
    },
    Error {
        id: u32,
        message: String,
    },
}

impl WorkerReply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"type":"error","id":0,"message":"内部错误"}"#.to_owned())
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("人脸分析程序的回复无法读取：{e}"))
    }
}

/// Separates the mask bytes from the observation (to send them as a transferable buffer).
pub fn split_mask(mut observation: FaceObservation) -> (FaceObservation, Vec<u8>) {
    let mask = std::mem::take(&mut observation.mask.data);
    (observation, mask)
}

/// Puts the mask bytes back; a mask of the wrong length is replaced by an all-background mask of
/// the right size, so later code can index it safely (the checks then say no person was found).
pub fn join_mask(mut observation: FaceObservation, mask: Vec<u8>) -> FaceObservation {
    let expected = observation.mask.width as usize * observation.mask.height as usize;
    observation.mask.data = if mask.len() == expected { mask } else { vec![0; expected] };
    observation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::{BoxF, Detection, PersonMask, Point};

    fn observation() -> FaceObservation {
        let p = |x, y| Point { x, y };
        FaceObservation {
            width: 3,
            height: 2,
            faces: vec![Detection {
                score: 0.9,
                bbox: BoxF { x: 1.0, y: 0.5, width: 1.0, height: 1.0 },
                right_eye: p(1.2, 0.8),
                left_eye: p(1.8, 0.8),
                nose_tip: p(1.5, 1.0),
                mouth: p(1.5, 1.2),
                right_ear: p(1.0, 0.9),
                left_ear: p(2.0, 0.9),
            }],
            landmarks: None,
            mask: PersonMask { width: 3, height: 2, data: vec![0, 255, 0, 10, 250, 20] },
        }
    }

    #[test]
    fn an_observation_survives_the_trip_through_json_and_a_separate_mask() {
        let original = observation();
        let (light, mask) = split_mask(original.clone());
        assert!(light.mask.data.is_empty());
        let reply = WorkerReply::Observed { id: 7, observation: light, load_ms: 1.5, run_ms: 2.5 };
        let back = WorkerReply::from_json(&reply.to_json()).unwrap();
        let WorkerReply::Observed { id, observation, .. } = back else { panic!("wrong variant") };
        assert_eq!(id, 7);
        assert_eq!(join_mask(observation, mask), original);
    }

    #[test]
    fn a_mask_of_the_wrong_length_becomes_all_background() {
        let (light, _) = split_mask(observation());
        let joined = join_mask(light, vec![1, 2]);
        assert_eq!(joined.mask.data, vec![0; 6]);
    }

    #[test]
    fn garbage_replies_are_errors_not_panics() {
        assert!(WorkerReply::from_json("").is_err());
        assert!(WorkerReply::from_json(r#"{"type":"nope"}"#).is_err());
        assert_eq!(WorkerReply::from_json(r#"{"type":"ready"}"#), Ok(WorkerReply::Ready));
    }
}
