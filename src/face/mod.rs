//! Face models: what is in the photo (faces, keypoints, the 468-point mesh, the person mask).
//! `observation` is the plain-data result; the model runner fills it, photo-content checks read it.

pub mod observation;
pub mod protocol;

pub use observation::{BoxF, Detection, FaceObservation, Landmarks, PersonMask, Point};
