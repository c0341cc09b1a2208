//! Photo content: what is *in* the photo, judged from the face models' observation and the pixels.
//! `geometry` (face count, head size, margins, centring, eye line, pose, eyes, eyebrows, ears,
//! and the `manual` items a model cannot decide), `scene` (background, clothing, light,
//! sharpness, recapture), `overlay` (what the page draws), and the face-aware crop.
//! No model runs here: the input is a `FaceObservation`, so everything is testable natively.

pub mod crop;
pub mod geometry;
pub mod overlay;
pub mod picture;
/// Needs the models: native builds, and the Web Worker's wasm (feature `face-models`).
#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
pub mod pipeline;
pub mod scene;
#[cfg(not(target_arch = "wasm32"))]
pub mod synthetic;
pub mod wire;

use crate::face::FaceObservation;
use crate::profile::PhotoContentSpec;
use crate::report::{Check, CheckId};
use image::RgbImage;
use std::collections::BTreeSet;

pub use overlay::{Mark, Shape};

/// Everything the content checks look at.
pub struct ContentInput<'a> {
    /// The picture the observation was made on (upright, same size as `observation`).
    pub image: &'a RgbImage,
    pub observation: &'a FaceObservation,
    /// The photo's target size in pixels (the profile's photo width/height). Geometry bands are
    /// fractions of the target height; when `image` has another size (a phone photo before the fix)
    /// the geometry checks judge what the *fixed* photo would be only where that is meaningful.
    pub target: (u32, u32),
    pub spec: &'a PhotoContentSpec,
    /// Editing or scanner software named in the file's metadata (EXIF Software), if any.
    pub software: Option<&'a str>,
    /// Ids of `manual` checks the person has confirmed.
    pub confirmed: &'a BTreeSet<CheckId>,
}

impl<'a> ContentInput<'a> {
    /// The input for a picture checked against `profile`'s photo target and content rules.
    pub fn for_profile(
        image: &'a RgbImage,
        observation: &'a FaceObservation,
        profile: &'a crate::profile::Profile,
        software: Option<&'a str>,
        confirmed: &'a BTreeSet<CheckId>,
    ) -> Self {
        ContentInput {
            image,
            observation,
            target: (profile.photo.width, profile.photo.height),
            spec: &profile.photo_content,
            software,
            confirmed,
        }
    }
}

/// The content checks and the marks that explain them on the photo.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContentResult {
    pub checks: Vec<Check>,
    pub marks: Vec<Mark>,
}

impl ContentResult {
    pub fn extend(&mut self, other: ContentResult) {
        self.checks.extend(other.checks);
        self.marks.extend(other.marks);
    }
}

/// Every content check on one picture, with its marks.
pub fn check_content(input: &ContentInput) -> ContentResult {
    let mut result = geometry::checks(input);
    result.extend(scene::checks(input));
    result
}
