//! What a profile file holds, and the checks every profile must pass.
//!
//! This file and its siblings `card`, `content`, `geometry`, `scene` and `time` use nothing of the crate
//! but `identity::Date`, so build.rs compiles the very same code (`#[path]`) and a bad profile
//! fails the build with its file and key named, instead of failing later in a visitor's browser.

use super::card::CardSpec;
use super::content::PhotoContentSpec;
use super::time::LocalDateTime;
use serde::Deserialize;

/// Largest photo or document side a profile may ask for: far above any exam's rule, and a
/// mistyped `width = 45000` would make the fix allocate gigabytes.
const MAX_SPEC_SIDE: u32 = 10_000;

/// One rule set, e.g. Henan 2024.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable identifier used by `--profile` and in reports, e.g. `henan-2024`; the file is
    /// `profiles/<id>.toml`.
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
    /// Where the card must sit in a document photo (document only, `[document.card]`).
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

/// Where a pupil registers, which decides the collection window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// Where the pupil studies (`school` in the profile and the form).
    School,
    /// Back at the household-registration place (`hukou`).
    Hukou,
}

impl Place {
    /// The form's and the profile's code.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::School => "school",
            Place::Hukou => "hukou",
        }
    }

    /// The form's value (`school` | `hukou`); `None` for anything else, e.g. nothing chosen yet.
    pub fn from_code(code: &str) -> Option<Place> {
        [Place::School, Place::Hukou].into_iter().find(|p| p.as_str() == code)
    }
}

/// A registration-information collection window.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionWindow {
    pub id: String,
    pub label: String,
    /// 8 or 9.
    pub grade: u8,
    pub place: Place,
    /// Local time in Asia/Shanghai, written `YYYY-MM-DDTHH:MM`; open from `start` up to, not
    /// including, `end`.
    pub start: LocalDateTime,
    pub end: LocalDateTime,
}

/// Every rule a profile's numbers must obey beyond their types. The message names the key.
pub fn validate(p: &Profile) -> Result<(), String> {
    validate_values(p).map_err(|e| format!("{}: {e}", p.id))
}

/// A profile lives in `profiles/<id>.toml`: the file name is how build.rs, the CLI's `--profile`
/// and the page find it.
pub fn validate_file_name(file_name: &str, p: &Profile) -> Result<(), String> {
    if file_name == format!("{}.toml", p.id) {
        Ok(())
    } else {
        Err(format!("id = \"{}\"，但文件名是 {file_name}：文件应命名为 {}.toml", p.id, p.id))
    }
}

fn validate_values(p: &Profile) -> Result<(), String> {
    for (what, spec) in [("photo", &p.photo), ("document", &p.document)] {
        if spec.width == 0 || spec.height == 0 || spec.width > MAX_SPEC_SIDE || spec.height > MAX_SPEC_SIDE {
            return Err(format!("{what}.width、{what}.height 必须在 1 到 {MAX_SPEC_SIDE} 之间"));
        }
        if spec.max_bytes_tolerated < spec.max_bytes {
            return Err(format!("{what}.max_bytes_tolerated 不能小于 {what}.max_bytes"));
        }
        if let Some(min) = spec.min_bytes
            && min >= spec.max_bytes
        {
            return Err(format!("{what}.min_bytes 必须小于 {what}.max_bytes"));
        }
        if !(0.0..1.0).contains(&spec.min_colour_share) {
            return Err(format!("{what}.min_colour_share 必须在 0 到 1 之间"));
        }
        if let Some(card) = &spec.card {
            card.validate().map_err(|e| format!("{what}.{e}"))?;
        }
    }
    p.photo_content.geometry.validate()?;
    p.photo_content.scene.validate(p.photo.background.as_deref())?;
    if p.password.min_length > p.password.max_length {
        return Err("password.min_length 大于 password.max_length".into());
    }
    for (i, w) in p.windows.iter().enumerate() {
        if !matches!(w.grade, 8 | 9) {
            return Err(format!("windows[{i}].grade（采集时间 {}）必须是 8 或 9", w.id));
        }
        if w.start >= w.end {
            return Err(format!("windows[{i}].end（采集时间 {}）必须晚于 start", w.id));
        }
    }
    Ok(())
}
