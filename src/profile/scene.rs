//! Background, clothing, lighting, sharpness and recapture thresholds (`[photo_content.scene]`).
//!
//! Every limit is a pair `[pass, warn]`: for an upper limit (`AtMost`) a value ≤ pass passes,
//! ≤ warn warns and anything above fails; for a lower limit (`AtLeast`) the other way round.
//! The colour numbers start from `shared/domain.md` §2 (marked *start* there: untested starting
//! values); the warn sides and the lighting/sharpness/recapture numbers are this project's own
//! starting values, calibrated only on the synthetic pictures in `photo::content::scene` tests.
//! `Default` gives the same numbers as `profiles/henan-2024.toml` so tests can build a spec by hand.

use serde::Deserialize;

/// Upper limit `[pass, warn]`: value ≤ pass passes, ≤ warn warns, above fails.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f64; 2]")]
pub struct AtMost {
    pub pass: f64,
    pub warn: f64,
}

/// Lower limit `[pass, warn]`: value ≥ pass passes, ≥ warn warns, below fails.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f64; 2]")]
pub struct AtLeast {
    pub pass: f64,
    pub warn: f64,
}

impl From<[f64; 2]> for AtMost {
    fn from([pass, warn]: [f64; 2]) -> Self {
        AtMost { pass, warn }
    }
}

impl From<[f64; 2]> for AtLeast {
    fn from([pass, warn]: [f64; 2]) -> Self {
        AtLeast { pass, warn }
    }
}

/// A hue interval in degrees, `[from, to]`; `from > to` wraps through 0° (e.g. red `[340, 20]`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f64; 2]")]
pub struct HueRange {
    pub from: f64,
    pub to: f64,
}

impl From<[f64; 2]> for HueRange {
    fn from([from, to]: [f64; 2]) -> Self {
        HueRange { from, to }
    }
}

impl HueRange {
    pub fn contains(&self, hue: f64) -> bool {
        if self.from <= self.to { (self.from..=self.to).contains(&hue) } else { hue >= self.from || hue <= self.to }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneSpec {
    pub background: BackgroundSpec,
    pub clothing: ClothingSpec,
    pub lighting: LightingSpec,
    pub sharpness: SharpnessSpec,
    pub recapture: RecaptureSpec,
}

/// The required background colour (median HSV of the background pixels) and its uniformity.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundSpec {
    /// Must equal the profile's `photo.background` (e.g. "blue").
    pub colour: String,
    /// Chinese name shown in messages, e.g. "蓝色".
    pub label: String,
    /// Median hue (degrees) that passes, and the wider range that only warns.
    pub hue: HueRange,
    pub hue_warn: HueRange,
    /// Median HSV saturation and value, 0–1.
    pub saturation: AtLeast,
    pub value: AtLeast,
    /// Robust standard deviation of L* over the background pixels.
    pub sigma_l: AtMost,
    /// Largest CIEDE2000 difference between the median colours of the left, right and top strips.
    pub strip_delta_e: AtMost,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClothingSpec {
    /// Median L* of the clothing region ("深色衣服").
    pub lightness: AtMost,
    /// CIEDE2000 between the median clothing and background colours.
    pub contrast_delta_e: AtLeast,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightingSpec {
    /// A face pixel is clipped dark at Y ≤ dark_y and bright at Y ≥ bright_y, where Y is the
    /// linear-sRGB luminance re-encoded with the sRGB curve to 0–255.
    pub dark_y: f64,
    pub bright_y: f64,
    /// Share (0–1) of face pixels clipped dark, or bright, whichever is larger.
    pub clipped_share: AtMost,
    /// |median L*(left half of the face) − median L*(right half)|.
    pub side_delta_l: AtMost,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharpnessSpec {
    /// The face is area-averaged to at most `face_size`×`face_size` pixels first (so the index does
    /// not depend on the photo's resolution).
    pub face_size: u32,
    /// 100 × variance of the Laplacian of the face's luma ÷ variance of that luma.
    pub laplacian_index: AtLeast,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecaptureSpec {
    /// Spectrum peak ÷ median power (outside the lowest frequencies and the JPEG block grid) of a
    /// flat background block at or above which the block shows a halftone, moiré or screen grid.
    pub peak_ratio: f64,
    /// …and the peak's amplitude must reach this many grey levels (0–255), so that a perfectly
    /// flat synthetic block's rounding noise is never a "peak".
    pub min_amplitude: f64,
    /// Case-insensitive fragments of EXIF Software names of editing, beautifying or scanning
    /// programs.
    pub software: Vec<String>,
}

impl SceneSpec {
    /// Consistency with the profile's `photo.background` and the direction of every limit.
    pub fn validate(&self, photo_background: Option<&str>) -> Result<(), String> {
        let b = &self.background;
        if let Some(name) = photo_background
            && name != b.colour
        {
            return Err(format!("photo.background = {name}，但 photo_content.scene.background.colour = {}", b.colour));
        }
        let at_least = [
            ("background.saturation", b.saturation),
            ("background.value", b.value),
            ("clothing.contrast_delta_e", self.clothing.contrast_delta_e),
            ("sharpness.laplacian_index", self.sharpness.laplacian_index),
        ];
        for (key, limit) in at_least {
            if !le(limit.warn, limit.pass) {
                return Err(format!("photo_content.scene.{key}: 下限写作 [通过, 注意]，通过值不能小于注意值"));
            }
        }
        let l = &self.lighting;
        let at_most = [
            ("background.sigma_l", b.sigma_l),
            ("background.strip_delta_e", b.strip_delta_e),
            ("clothing.lightness", self.clothing.lightness),
            ("lighting.clipped_share", l.clipped_share),
            ("lighting.side_delta_l", l.side_delta_l),
        ];
        for (key, limit) in at_most {
            if !le(limit.pass, limit.warn) {
                return Err(format!("photo_content.scene.{key}: 上限写作 [通过, 注意]，通过值不能大于注意值"));
            }
        }
        if !le(l.dark_y, l.bright_y) {
            return Err("photo_content.scene.lighting.dark_y 不能大于 bright_y".into());
        }
        if self.sharpness.face_size < 16 {
            return Err("photo_content.scene.sharpness.face_size 至少为 16".into());
        }
        if !le(1.0, self.recapture.peak_ratio) {
            return Err("photo_content.scene.recapture.peak_ratio 至少为 1".into());
        }
        Ok(())
    }
}

/// `a ≤ b`, false when either is NaN.
fn le(a: f64, b: f64) -> bool {
    a <= b
}

impl Default for SceneSpec {
    /// The same numbers as `profiles/henan-2024.toml` (see the comments there for their sources).
    fn default() -> Self {
        SceneSpec {
            background: BackgroundSpec {
                colour: "blue".into(),
                label: "蓝色".into(),
                hue: [190.0, 230.0].into(),
                hue_warn: [180.0, 240.0].into(),
                saturation: [0.35, 0.25].into(),
                value: [0.45, 0.35].into(),
                sigma_l: [4.0, 8.0].into(),
                strip_delta_e: [5.0, 10.0].into(),
            },
            clothing: ClothingSpec { lightness: [45.0, 60.0].into(), contrast_delta_e: [15.0, 12.0].into() },
            lighting: LightingSpec {
                dark_y: 25.0,
                bright_y: 247.0,
                clipped_share: [0.05, 0.15].into(),
                side_delta_l: [10.0, 18.0].into(),
            },
            sharpness: SharpnessSpec { face_size: 128, laplacian_index: [3.0, 1.5].into() },
            recapture: RecaptureSpec {
                peak_ratio: 60.0,
                min_amplitude: 1.5,
                software: DEFAULT_SOFTWARE.iter().map(|s| (*s).to_owned()).collect(),
            },
        }
    }
}

const DEFAULT_SOFTWARE: &[&str] = &[
    "photoshop",
    "lightroom",
    "gimp",
    "meitu",
    "美图",
    "醒图",
    "美颜",
    "picsart",
    "snapseed",
    "faceu",
    "beautycam",
    "camscanner",
    "扫描全能王",
    "scan",
    "epson",
    "canoscan",
    "scangear",
    "vuescan",
];
