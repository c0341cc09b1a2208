//! The candidate photo (考生照片): its file checks and the one-click fix.
//! Face, framing, background and clothing checks come in their own module (photo content).

pub mod content;
mod fit;

pub use fit::CentreCrop;

use crate::filecheck::file_checks;
use crate::fix::{FixError, Fixed, fix_with};
use crate::imaging::facts::analyse;
use crate::profile::Profile;
use crate::report::{Kind, Report};

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Checks a photo file against the profile's photo rules.
pub fn check(bytes: &[u8], file_name: &str, profile: &Profile) -> Report {
    let facts = analyse(bytes);
    Report::new(Kind::Photo, &profile.id, file_checks(&facts, file_name, &profile.photo))
}

/// Produces a compliant photo file: centre crop to the aspect, exact size, 300 dpi, within the
/// byte limit at the highest quality that fits.
pub fn fix(bytes: &[u8], file_name: &str, profile: &Profile) -> Result<Fixed, FixError> {
    fix_with(bytes, &profile.photo, &CentreCrop, fixed_name(file_name))
}

/// The fix, using what the face models saw: crop so the head height, top margin and centre land in
/// the middle of their pass bands. `observed` may come from a shrunk copy of the picture (the plan
/// scales it). Without an observation (the analysis failed) the fix falls back to a centre crop and
/// says so; when the person is too near an edge to crop correctly, it says how to retake the photo.
pub fn fix_with_content(
    bytes: &[u8],
    file_name: &str,
    profile: &Profile,
    observed: Option<&crate::face::FaceObservation>,
) -> Result<Fixed, FixError> {
    let Some(observation) = observed else {
        let mut fixed = fix(bytes, file_name, profile)?;
        fixed.notes.push("人脸分析没有完成，本次按画面中心裁剪：请务必对照要求检查头部大小和位置。".into());
        return Ok(fixed);
    };
    let full = crate::imaging::decode::probe(bytes).map_err(FixError::Unreadable)?.upright;
    let target = (profile.photo.width, profile.photo.height);
    let plan = content::crop::plan(observation, full, target, &profile.photo_content.geometry)
        .map_err(|e| FixError::Unfixable(e.message()))?;
    fix_with(bytes, &profile.photo, &content::crop::FaceAwareCrop { plan }, fixed_name(file_name))
}

/// `IMG_1234.HEIC.png` → `IMG_1234-合格.jpg`: keeps the user's name recognisable.
pub fn fixed_name(original: &str) -> String {
    let stem = original.split('.').next().filter(|s| !s.trim().is_empty()).unwrap_or("照片");
    format!("{stem}-合格.jpg")
}
