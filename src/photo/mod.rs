//! The candidate photo (考生照片): its file checks and the one-click fix.
//! Face, framing, background and clothing checks come in their own module (photo content).

pub mod content;
mod fit;
pub mod svg;

pub use fit::CentreCrop;

use crate::filecheck::file_checks;
use crate::fix::{FixError, Fixed, fix_with};
use crate::imaging::decode::Decoded;
use crate::imaging::facts::analyse_reusing;
use crate::profile::Profile;
use crate::report::{Kind, Report};

#[cfg(target_arch = "wasm32")]
pub mod ui;
/// The face-analysis Web Worker's side (wasm32 with `face-models`: the worker binary only).
#[cfg(all(target_arch = "wasm32", feature = "face-models"))]
pub mod worker;

/// Checks a photo file against the profile's photo rules.
pub fn check(bytes: &[u8], file_name: &str, profile: &Profile) -> Report {
    check_reusing(bytes, file_name, profile, None)
}

/// [`check`], with a decode of `bytes` the caller made anyway (see [`analyse_reusing`]).
pub fn check_reusing(bytes: &[u8], file_name: &str, profile: &Profile, decoded: Option<&Decoded>) -> Report {
    let facts = analyse_reusing(bytes, decoded);
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
    fix_with_content_reusing(bytes, file_name, profile, observed, None)
}

/// [`fix_with_content`] with an earlier decode of `bytes` to reuse (see [`crate::fix::fix_reusing`]).
pub fn fix_with_content_reusing(
    bytes: &[u8],
    file_name: &str,
    profile: &Profile,
    observed: Option<&crate::face::FaceObservation>,
    decoded: Option<&crate::imaging::decode::Decoded>,
) -> Result<Fixed, FixError> {
    let centre_crop_because = |why: &str| {
        fix(bytes, file_name, profile).map(|mut fixed| {
            fixed.notes.push(format!("{why}本次按画面中心裁剪：请务必对照要求检查头部大小和位置。"));
            fixed
        })
    };
    let Some(observation) = observed else {
        return centre_crop_because("人脸分析没有完成，");
    };
    let full = crate::imaging::decode::probe(bytes).map_err(FixError::Unreadable)?.upright;
    let target = (profile.photo.width, profile.photo.height);
    match content::crop::plan(observation, full, target, &profile.photo_content.geometry) {
        Ok(plan) => {
            let fit = content::crop::FaceAwareCrop { plan };
            crate::fix::fix_reusing(bytes, &profile.photo, &fit, fixed_name(file_name), decoded)
        }
        // A face the detector missed, or a head too small to enlarge to the band, is still better
        // served by a file that meets the file rules than by nothing; the fixed file's report then
        // shows the framing rows that still fail, and the note says how to retake.
        Err(content::crop::CropError::NoFace) => centre_crop_because("没有找到人脸，"),
        Err(e @ content::crop::CropError::TooSmall { .. }) => centre_crop_because(&e.message()),
        Err(e) => Err(FixError::Unfixable(e.message())),
    }
}

/// `IMG_1234.HEIC.png` → `IMG_1234-合格.jpg`: keeps the user's name recognisable, within the
/// file systems' 255 bytes (a long Chinese name is shortened, the `-合格.jpg` kept).
pub fn fixed_name(original: &str) -> String {
    let stem = original.split('.').next().filter(|s| !s.trim().is_empty()).unwrap_or("照片");
    crate::fix::name::with_tail(stem, "-合格.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::FaceObservation;
    use crate::imaging::decode;
    use crate::imaging::jpeg_write::encode;
    use crate::photo::content::synthetic::{FaceSpec, observation};
    use image::{Rgb, RgbImage};

    fn phone_photo() -> Vec<u8> {
        encode(&RgbImage::from_pixel(1500, 2000, Rgb([67, 142, 219])), 85, 72).unwrap()
    }

    /// What the models would report on the 1500×2000 photo, seen on a 720×960 analysis copy.
    fn seen(top: f32, chin: f32, centre_x: f32) -> FaceObservation {
        let k = 960.0 / 2000.0;
        observation(720, 960, &[FaceSpec::framed(top * k, chin * k, centre_x * k)])
    }

    #[test]
    fn the_fix_crops_around_the_face_to_the_exact_size() {
        let profile = crate::profile::default_profile();
        let fixed = fix_with_content(&phone_photo(), "IMG_1.jpg", profile, Some(&seen(700.0, 1300.0, 800.0))).unwrap();
        let out = decode::decode(&fixed.bytes, (u32::MAX, u32::MAX)).unwrap();
        assert_eq!(out.image.dimensions(), (450, 600));
        assert!(fixed.bytes.len() as u64 <= profile.photo.max_bytes);
        assert_eq!(fixed.file_name, "IMG_1-合格.jpg");
    }

    #[test]
    fn a_face_at_the_edge_is_refused_with_how_to_retake() {
        let profile = crate::profile::default_profile();
        let err = fix_with_content(&phone_photo(), "a.jpg", profile, Some(&seen(700.0, 1300.0, 120.0))).unwrap_err();
        let FixError::Unfixable(why) = err else { panic!("expected a retake message, got {err:?}") };
        assert!(why.contains("边缘") && why.contains("重拍"), "{why}");
    }

    #[test]
    fn a_head_too_small_to_enlarge_still_gets_a_file_and_the_retake_advice() {
        let profile = crate::profile::default_profile();
        let fixed = fix_with_content(&phone_photo(), "a.jpg", profile, Some(&seen(900.0, 1100.0, 750.0))).unwrap();
        assert!(fixed.notes.iter().any(|n| n.contains("重拍") && n.contains("中心裁剪")), "{:?}", fixed.notes);
    }

    #[test]
    fn without_a_face_or_an_analysis_the_fix_centre_crops_and_says_so() {
        let profile = crate::profile::default_profile();
        let none = FaceObservation { faces: vec![], landmarks: None, ..seen(700.0, 1300.0, 800.0) };
        for observed in [None, Some(&none)] {
            let fixed = fix_with_content(&phone_photo(), "a.jpg", profile, observed).unwrap();
            assert!(fixed.notes.iter().any(|n| n.contains("中心裁剪")), "{:?}", fixed.notes);
        }
    }
}
