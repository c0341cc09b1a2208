//! One analysed frame, start to end, as the page and the tests both run it: the guide for the
//! frame's size, the head of the most confident face, the light and background, the hint.

use super::guide::Guide;
use super::head::{Head, estimate};
use super::hint::{Hint, choose};
use super::light::{Light, measure};
use crate::face::Detection;
use crate::profile::Profile;

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub width: u32,
    pub height: u32,
    pub guide: Guide,
    pub head: Option<Head>,
    pub light: Light,
    pub hint: Hint,
}

/// The guide's photo aspect: the profile's photo width ÷ height.
pub fn aspect(profile: &Profile) -> f32 {
    profile.photo.width as f32 / profile.photo.height.max(1) as f32
}

/// Judges an RGB frame and the faces found in it (most confident first).
pub fn assess(rgb: &[u8], width: u32, height: u32, faces: &[Detection], profile: &Profile) -> Assessment {
    let guide = Guide::new(width, height, aspect(profile), &profile.photo_content.geometry);
    let head = faces.first().and_then(estimate);
    let scene = &profile.photo_content.scene;
    let light = measure(rgb, width, height, &guide, head.as_ref(), &scene.lighting, &scene.background);
    let hint = choose(&light, head.as_ref(), &guide);
    Assessment { width, height, guide, head, light, hint }
}
