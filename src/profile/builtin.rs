//! The profiles compiled into the site and the CLI: every `profiles/*.toml`, embedded by build.rs.

use super::{Profile, from_json};
use std::sync::OnceLock;

pub const DEFAULT_PROFILE_ID: &str = "henan-2024";

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// All built-in profiles, parsed once. A malformed built-in profile is a build defect that the
/// unit tests catch, so it is skipped here rather than taking the page down.
pub fn all() -> &'static [Profile] {
    static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
    ALL.get_or_init(|| SOURCES.iter().filter_map(|(_, json)| from_json(json).ok()).collect())
}

pub fn by_id(id: &str) -> Option<&'static Profile> {
    all().iter().find(|p| p.id == id)
}

pub fn default_profile() -> &'static Profile {
    by_id(DEFAULT_PROFILE_ID).or_else(|| all().first()).expect("at least one built-in profile parses (unit-tested)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_source_parses() {
        assert!(super::SOURCES.len() >= 2);
        for (name, json) in super::SOURCES {
            let p = super::from_json(json).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(format!("{}.toml", p.id), *name, "a profile's file is named after its id");
        }
    }
}
