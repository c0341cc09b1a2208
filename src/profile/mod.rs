//! Rules as data. A profile holds every number the checks use (photo and document file rules,
//! collection windows, the password rule) so that a new year or city is a new TOML file in
//! `profiles/`, not a code change. The format is documented in README.md.

mod builtin;
mod card;
mod content;
mod geometry;
pub mod scene;

pub use builtin::{DEFAULT_PROFILE_ID, all, by_id, default_profile};
pub use card::CardSpec;
pub use content::{Band, GeometrySpec, PhotoContentSpec, SceneSpec};

use serde::Deserialize;

/// One rule set, e.g. Henan 2024.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable identifier used by `--profile` and in reports, e.g. `henan-2024`.
    pub id: String,
    /// Human-readable name shown on the page.
    pub name: String,
    pub region: String,
    pub year: u16,
    /// Where the numbers come from (the notice).
    pub source: String,
    pub photo: ImageSpec,
    /// What must be in the photo (face, framing, background, clothing).
    pub photo_content: PhotoContentSpec,
    pub document: ImageSpec,
    pub password: PasswordRule,
    #[serde(default)]
    pub windows: Vec<CollectionWindow>,
}

/// The file rules for one kind of image (candidate photo or document image).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    pub width: u32,
    pub height: u32,
    pub min_dpi: u32,
    /// A file of at most this many bytes passes; the fix never writes more.
    pub max_bytes: u64,
    /// Up to this many bytes the size check warns instead of failing ("30k" may mean 30×1024).
    pub max_bytes_tolerated: u64,
    /// Optional lower bound (some exams ask for e.g. 20–40 KB).
    #[serde(default)]
    pub min_bytes: Option<u64>,
    /// Share of clearly coloured pixels below which the picture counts as grey-scale.
    pub min_colour_share: f64,
    /// Required background colour name (photo only), e.g. "blue".
    #[serde(default)]
    pub background: Option<String>,
    /// The file must be named `<ID number>.jpg` (document only).
    #[serde(default)]
    pub name_by_id_number: bool,
    /// The card in a document photo (document only).
    #[serde(default)]
    pub card: Option<CardSpec>,
}

impl ImageSpec {
    /// "450×600"
    pub fn size_label(&self) -> String {
        format!("{}×{}", self.width, self.height)
    }
}

/// The platform's password rule (checked separately from strength).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordRule {
    pub min_length: usize,
    pub max_length: usize,
    pub require_letter: bool,
    pub require_digit: bool,
}

/// A registration-information collection window.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionWindow {
    pub id: String,
    pub label: String,
    /// 8 or 9.
    pub grade: u8,
    /// "school" or "hukou".
    pub place: String,
    /// Local time in Asia/Shanghai, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
}

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

fn validate(p: &Profile) -> Result<(), String> {
    for (what, spec) in [("photo", &p.photo), ("document", &p.document)] {
        if spec.width == 0 || spec.height == 0 {
            return Err(format!("{}: {what} 的宽高必须大于 0", p.id));
        }
        if spec.max_bytes_tolerated < spec.max_bytes {
            return Err(format!("{}: {what}.max_bytes_tolerated 不能小于 max_bytes", p.id));
        }
        if let Some(min) = spec.min_bytes
            && min >= spec.max_bytes
        {
            return Err(format!("{}: {what}.min_bytes 必须小于 max_bytes", p.id));
        }
        if !(0.0..1.0).contains(&spec.min_colour_share) {
            return Err(format!("{}: {what}.min_colour_share 必须在 0 到 1 之间", p.id));
        }
        if let Some(card) = &spec.card {
            card.validate().map_err(|e| format!("{}: {what}.{e}", p.id))?;
        }
    }
    p.photo_content.geometry.validate().map_err(|e| format!("{}: {e}", p.id))?;
    p.photo_content.scene.validate(p.photo.background.as_deref()).map_err(|e| format!("{}: {e}", p.id))?;
    if p.password.min_length > p.password.max_length {
        return Err(format!("{}: password.min_length 大于 max_length", p.id));
    }
    for w in &p.windows {
        if !matches!(w.grade, 8 | 9) || !matches!(w.place.as_str(), "school" | "hukou") {
            return Err(format!("{}: 采集时间 {} 的 grade/place 不正确", p.id, w.id));
        }
        if !(is_local_datetime(&w.start) && is_local_datetime(&w.end)) || w.start >= w.end {
            return Err(format!("{}: 采集时间 {} 的起止时间不正确", p.id, w.id));
        }
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM` (so that string order is time order).
fn is_local_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        })
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

    #[test]
    fn rejects_bad_profiles() {
        let good = include_str!("../../profiles/henan-2024.toml");
        assert!(parse(good).is_ok());
        assert!(parse(&good.replace("max_bytes_tolerated = 30720", "max_bytes_tolerated = 100")).is_err());
        assert!(parse(&good.replace("width = 450", "width = 0")).is_err());
        assert!(parse(&good.replace("2024-03-31T17:00", "2024-02-01T17:00")).is_err());
        assert!(parse(&good.replace("grade = 8", "grade = 7")).is_err());
        assert!(parse(&good.replace("min_dpi = 300", "min_dpi = 300\nbogus = 1")).is_err());
        assert!(parse("id = 3").is_err());
        assert!(parse(&good.replace("head_height_pass = [0.62, 0.71]", "head_height_pass = [0.71, 0.62]")).is_err());
        assert!(parse(&good.replace("roll_fail_deg = 8.0", "roll_fail_deg = 1.0")).is_err());
    }
}
