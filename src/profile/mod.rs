//! Rules as data. A profile holds every number the checks use (photo and document file rules,
//! collection windows, the password rule) so that a new year or city is a new TOML file in
//! `profiles/`, not a code change. The format is documented in README.md.

mod builtin;
mod card;
mod content;
mod geometry;
pub mod scene;
mod schema;
mod time;

pub use builtin::{DEFAULT_PROFILE_ID, all, by_id, default_profile, load, loaded};
pub use card::CardSpec;
pub use content::{Band, GeometrySpec, PhotoContentSpec, SceneSpec};
pub use geometry::{PITCH_NEUTRAL_DEG, YAW_NEUTRAL_DEG};
pub use schema::{CollectionWindow, ImageSpec, PasswordRule, Place, Profile};
pub use time::LocalDateTime;

use schema::validate;

/// Parses and validates a profile from the JSON that build.rs makes of a `profiles/*.toml` file.
pub fn from_json(text: &str) -> Result<Profile, String> {
    let profile: Profile = serde_json::from_str(text).map_err(|e| format!("配置文件格式错误：{e}"))?;
    validate(&profile)?;
    Ok(profile)
}

/// Parses and validates a profile from TOML text (native builds: tests and tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Profile, String> {
    let profile: Profile = toml::from_str(text).map_err(|e| format!("配置文件格式错误：{e}"))?;
    validate(&profile)?;
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_and_differ() {
        let henan = by_id("henan-2024").expect("henan");
        assert_eq!((henan.photo.width, henan.photo.height), (450, 600));
        assert_eq!(henan.photo.max_bytes, 30_000);
        assert_eq!((henan.document.width, henan.document.height), (800, 600));
        assert_eq!(henan.windows.len(), 3);
        let zz = by_id("zhengzhou-2023").expect("zhengzhou");
        assert_eq!((zz.photo.width, zz.photo.height), (295, 413));
        assert_eq!(zz.photo.max_bytes, 50_000);
        assert_eq!(default_profile().id, DEFAULT_PROFILE_ID);
        assert!(all().len() >= 2);
    }

    /// The Henan profile with `from` replaced by `to` must be refused, and the message must name `key`.
    fn refused(from: &str, to: &str, key: &str) {
        let good = include_str!("../../profiles/henan-2024.toml");
        assert!(good.contains(from), "the test's anchor {from:?} is in the profile");
        match parse(&good.replacen(from, to, 1)) {
            Ok(_) => panic!("{to:?} was accepted"),
            Err(e) => assert!(e.contains(key), "{to:?}: the message names {key:?}: {e}"),
        }
    }

    #[test]
    fn rejects_bad_profiles_naming_the_key() {
        assert!(parse(include_str!("../../profiles/henan-2024.toml")).is_ok());
        refused("max_bytes_tolerated = 30720", "max_bytes_tolerated = 100", "photo.max_bytes_tolerated");
        refused("width = 450", "width = 0", "photo.width");
        refused("width = 800", "width = 80000", "document.width");
        refused("end = \"2024-03-31T17:00\"", "end = \"2024-02-01T17:00\"", "windows[0].end");
        refused("start = \"2024-04-01T09:00\"", "start = \"2025-13-45T99:99\"", "2025-13-45T99:99");
        refused("end = \"2024-04-30T17:00\"", "end = \"2024-04-31T17:00\"", "2024-04-31T17:00");
        refused("grade = 8", "grade = 7", "windows[2].grade");
        refused("place = \"hukou\"", "place = \"abroad\"", "abroad");
        refused("min_dpi = 300", "min_dpi = 300\nbogus = 1", "bogus");
        refused("head_height_pass = [0.62, 0.71]", "head_height_pass = [0.71, 0.62]", "geometry.head_height");
        refused("roll_fail_deg = 8.0", "roll_fail_deg = 1.0", "roll_fail_deg");
        refused("sigma_l = [4.0, 8.0]", "sigma_l = [8.0, 4.0]", "background.sigma_l");
        refused("face_size = 128", "face_size = 8", "sharpness.face_size");
        refused("min_length = 8", "min_length = 30", "password.min_length");
        assert!(parse("id = 3").is_err());
    }
}
