//! Background, clothing, lighting, sharpness and recapture thresholds (`[photo_content.scene]`).
//! Filled in by the photo-content work.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SceneSpec {}
