//! Framing and face-geometry bands (`[photo_content.geometry]`). Filled in by the photo-content work.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GeometrySpec {}
