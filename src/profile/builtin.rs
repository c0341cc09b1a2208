//! The profiles compiled into the site and the CLI. Add a new TOML file to `profiles/` and a line here.

use super::{Profile, parse};
use std::sync::OnceLock;

pub const DEFAULT_PROFILE_ID: &str = "henan-2024";

const SOURCES: &[&str] =
    &[include_str!("../../profiles/henan-2024.toml"), include_str!("../../profiles/zhengzhou-2023.toml")];

/// All built-in profiles, parsed once. A malformed built-in profile is a build defect that the
/// unit tests catch, so it is skipped here rather than taking the page down.
pub fn all() -> &'static [Profile] {
    static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
    ALL.get_or_init(|| SOURCES.iter().filter_map(|s| parse(s).ok()).collect())
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
        for s in super::SOURCES {
            super::parse(s).unwrap();
        }
    }
}
