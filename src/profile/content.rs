//! Photo-content rules (what is *in* the photo): framing and face geometry, and the scene
//! (background, clothing, light, sharpness, recapture). TOML: `[photo_content.geometry]` and
//! `[photo_content.scene]`. Sizes are fractions of the photo's height or width, so one band serves
//! 450×600 and 295×413 alike; comments in the profiles give the pixel values for the main size.

use serde::Deserialize;

pub use super::geometry::{Band, GeometrySpec};
pub use super::scene::SceneSpec;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoContentSpec {
    pub geometry: GeometrySpec,
    pub scene: SceneSpec,
}
