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

/// The fix, using what the face models saw when there is one face: crop so the head lands in the
/// framing bands. `observed` is the observation and its scale (full-resolution pixels per analysed
/// pixel).
// TRANSITIONAL until the face-aware crop lands: centre crop.
pub fn fix_with_content(
    bytes: &[u8],
    file_name: &str,
    profile: &Profile,
    _observed: Option<(&crate::face::FaceObservation, f64)>,
) -> Result<Fixed, FixError> {
    fix(bytes, file_name, profile)
}

/// `IMG_1234.HEIC.png` → `IMG_1234-合格.jpg`: keeps the user's name recognisable.
pub fn fixed_name(original: &str) -> String {
    let stem = original.split('.').next().filter(|s| !s.trim().is_empty()).unwrap_or("照片");
    format!("{stem}-合格.jpg")
}
