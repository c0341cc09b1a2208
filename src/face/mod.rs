//! Face models: what is in the photo (faces, keypoints, the 468-point mesh, the person mask).
//! `observation` is the plain-data result; the model runner (`model`) fills it, photo-content
//! checks read it. `model` needs tract: always there natively, and on wasm32 only with the
//! `face-models` feature (the Web Worker's build), so the main page's wasm does not carry it.

#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
pub mod model;
pub mod observation;
pub mod protocol;

pub use observation::{BoxF, Detection, FaceObservation, Landmarks, PersonMask, Point};
