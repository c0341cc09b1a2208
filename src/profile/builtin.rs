//! The profiles compiled into the site and the CLI: every `profiles/*.toml`, embedded by build.rs.

use super::schema::validate_file_name;
use super::{Profile, from_json};
use std::sync::OnceLock;

pub const DEFAULT_PROFILE_ID: &str = "henan-2024";

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// Parses and validates `(file name, JSON)` pairs; the first that fails is the error, with its
/// file, id and key named. Nothing is skipped: a profile that does not load is a defect to fix,
/// not a choice to hide from the people who rely on it.
pub fn load(sources: &[(&str, &str)]) -> Result<Vec<Profile>, String> {
    sources
        .iter()
        .map(|(file, json)| {
            let profile = from_json(json).map_err(|e| format!("profiles/{file}：{e}"))?;
            validate_file_name(file, &profile).map_err(|e| format!("profiles/{file}：{e}"))?;
            Ok(profile)
        })
        .collect()
}

/// The built-in profiles, parsed once, or why one of them does not load.
pub fn loaded() -> Result<&'static [Profile], &'static str> {
    static ALL: OnceLock<Result<Vec<Profile>, String>> = OnceLock::new();
    ALL.get_or_init(|| load(SOURCES).and_then(non_empty)).as_deref().map_err(String::as_str)
}

fn non_empty(all: Vec<Profile>) -> Result<Vec<Profile>, String> {
    if all.is_empty() { Err("profiles/ 中没有规则文件".into()) } else { Ok(all) }
}

/// All built-in profiles. build.rs has run the same validation on every file, so a failure here
/// means the build and the code disagree: that stops loudly, naming the file and key, instead of
/// carrying on with a profile missing. The CLI asks [`loaded`] first to say it without a panic.
pub fn all() -> &'static [Profile] {
    loaded().unwrap_or_else(|e| panic!("内置规则无法加载：{e}"))
}

pub fn by_id(id: &str) -> Option<&'static Profile> {
    all().iter().find(|p| p.id == id)
}

pub fn default_profile() -> &'static Profile {
    by_id(DEFAULT_PROFILE_ID).or_else(|| all().first()).expect("loaded() refuses an empty profiles/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_source_loads() {
        let all = load(SOURCES).unwrap_or_else(|e| panic!("{e}"));
        assert!(all.len() >= 2);
        assert_eq!(loaded().map(<[Profile]>::len), Ok(all.len()));
        assert!(all.iter().any(|p| p.id == DEFAULT_PROFILE_ID));
    }

    #[test]
    fn a_broken_profile_is_reported_not_skipped() {
        let (file, json) = SOURCES.iter().find(|(f, _)| *f == "henan-2024.toml").copied().unwrap_or(SOURCES[0]);
        let mut broken: serde_json::Value = serde_json::from_str(json).unwrap();
        broken["photo"]["max_bytes_tolerated"] = 10.into();
        let broken = broken.to_string();
        let err = load(&[SOURCES[1], (file, broken.as_str())]).unwrap_err();
        assert!(err.contains(file) && err.contains("henan-2024"), "names the file and id: {err}");
        assert!(err.contains("photo.max_bytes_tolerated"), "names the key: {err}");

        let mut late: serde_json::Value = serde_json::from_str(json).unwrap();
        late["windows"][1]["start"] = "2025-13-45T99:99".into();
        let late = late.to_string();
        let err = load(&[(file, late.as_str())]).unwrap_err();
        assert!(err.contains(file) && err.contains("2025-13-45T99:99"), "{err}");

        let err = load(&[("henan-2025.toml", json)]).unwrap_err();
        assert!(err.contains("henan-2025.toml") && err.contains("henan-2024"), "file named after its id: {err}");
    }
}
