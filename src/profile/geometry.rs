//! Framing and face-geometry bands (`[photo_content.geometry]`).
//!
//! Every length is a fraction of the photo's height (vertical quantities and the head size) or
//! width (the horizontal centre), so one profile line serves 450×600 and 295×413 alike. The
//! profiles say, next to each number, the pixels at their main size and where the number comes
//! from (the notice, `shared/domain.md`'s *start* bands, or the calibration on synthetic
//! portraits in `examples/face_accuracy.rs`).

use serde::Deserialize;

/// A closed range `[min, max]`, written `[0.62, 0.71]` in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f32; 2]")]
pub struct Band {
    pub min: f32,
    pub max: f32,
}

impl From<[f32; 2]> for Band {
    fn from([min, max]: [f32; 2]) -> Self {
        Band { min, max }
    }
}

impl Band {
    pub const fn new(min: f32, max: f32) -> Self {
        Band { min, max }
    }
    /// The band narrowed by `by` on both sides (a guard band).
    pub fn shrunk(&self, by: f32) -> Band {
        Band { min: self.min + by, max: self.max - by }
    }
    pub fn contains(&self, v: f32) -> bool {
        v >= self.min && v <= self.max
    }
    pub fn mid(&self) -> f32 {
        (self.min + self.max) / 2.0
    }
    /// The band scaled to pixels of a side `len` long.
    pub fn px(&self, len: f32) -> Band {
        Band { min: self.min * len, max: self.max * len }
    }
    fn valid(&self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.min <= self.max
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeometrySpec {
    /// Detector score below which a detection is not counted as a face.
    pub min_face_score: f32,
    /// Besides the most confident face, another detection counts as a second person only from
    /// this score and this box height relative to the main face; a weaker or smaller one (a
    /// pattern in foliage, a face on a poster far behind) only warns.
    pub second_face_score: f32,
    pub second_face_size: f32,
    /// Head height (hair-top → chin) / photo height: pass band.
    pub head_height_pass: Band,
    /// … and the wider band that only warns.
    pub head_height_warn: Band,
    /// Top margin (top edge → hair-top) / photo height: pass band.
    pub top_margin_pass: Band,
    /// … warn band.
    pub top_margin_warn: Band,
    /// Eye line (top edge → eye midpoint) / photo height: pass band.
    pub eye_line_pass: Band,
    /// … warn band.
    pub eye_line_warn: Band,
    /// Face centre (eye midpoint x) / photo WIDTH: pass band.
    pub centre_pass: Band,
    /// … warn band.
    pub centre_warn: Band,
    /// Head roll (eye-line angle), degrees: pass up to, fail above.
    pub roll_pass_deg: f32,
    pub roll_fail_deg: f32,
    /// Yaw and pitch, degrees: pass up to, fail above.
    pub turn_pass_deg: f32,
    pub turn_fail_deg: f32,
    /// What the face mesh reads, in degrees, for a head that looks straight into the camera
    /// (subtracted from the raw yaw and pitch; see `photo::content::geometry::pose`).
    pub yaw_neutral_deg: f32,
    pub pitch_neutral_deg: f32,
    /// Eye aspect ratio (lid gap / eye width): pass from, fail below.
    pub eye_open_pass: f32,
    pub eye_open_fail: f32,
    /// Eye area over cheek luma below which the eyes are behind a tinted lens (fail).
    pub lens_shade_fail: f32,
    /// Colour distance (Cb/Cr, 0–255 scale) between the skin just under each eye and the cheek
    /// above which, on both sides, the eyes are behind coloured or mirrored lenses (fail).
    pub lens_colour_fail: f32,
    /// Share of glare pixels around an eye above which clear lenses warn.
    pub lens_glare_warn: f32,
    /// Share of the person pixels above the hairline that do not look like hair from which
    /// `attire.headwear` warns.
    pub headwear_share: f32,
    /// Luma (0–255) by which an eyebrow must be darker than the skin above and below it.
    pub eyebrow_contrast: f32,
    /// Share of skin-coloured pixels around an ear keypoint above which the ear counts as visible.
    pub ear_skin_share: f32,
    /// How far the measurement itself can be off (`[photo_content.geometry.uncertainty]`).
    pub uncertainty: Uncertainty,
}

/// The measurement uncertainty of each framing quantity, as measured by
/// `examples/face_accuracy.rs` (real models on synthetic portraits with exact geometry).
///
/// A value only passes when it is inside its pass band by at least this much on either side (a
/// guard band, the decision rule ISO 14253-1 uses to prove conformity): a photo measured just
/// inside a limit could truly be just outside it, so it gets `warn` ("near the limit") instead
/// of a `pass` nobody can vouch for. Fractions of the height (head height, top margin, eye line)
/// or the width (centre); degrees for roll.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    pub head_height: f32,
    pub top_margin: f32,
    pub eye_line: f32,
    pub centre: f32,
    pub roll_deg: f32,
}

/// The henan-2024 values of the calibrated numbers, shared by `Default` and the synthetic faces.
pub const YAW_NEUTRAL_DEG: f32 = 0.0;
pub const PITCH_NEUTRAL_DEG: f32 = 8.3;
pub const SECOND_FACE_SCORE: f32 = 0.75;
pub const SECOND_FACE_SIZE: f32 = 0.5;
pub const LENS_SHADE_FAIL: f32 = 0.5;
pub const LENS_COLOUR_FAIL: f32 = 20.0;
pub const LENS_GLARE_WARN: f32 = 0.06;
pub const HEADWEAR_SHARE: f32 = 0.35;

impl Default for GeometrySpec {
    /// The henan-2024 numbers (tests; the profiles are the source of truth).
    fn default() -> Self {
        GeometrySpec {
            min_face_score: 0.5,
            second_face_score: SECOND_FACE_SCORE,
            second_face_size: SECOND_FACE_SIZE,
            head_height_pass: Band::new(0.62, 0.71),
            head_height_warn: Band::new(0.60, 0.7334),
            top_margin_pass: Band::new(0.0334, 0.10),
            top_margin_warn: Band::new(0.015, 0.13),
            eye_line_pass: Band::new(0.30, 0.4334),
            eye_line_warn: Band::new(0.27, 0.47),
            centre_pass: Band::new(0.449, 0.551),
            centre_warn: Band::new(0.42, 0.58),
            roll_pass_deg: 5.0,
            roll_fail_deg: 8.0,
            turn_pass_deg: 5.0,
            turn_fail_deg: 10.0,
            yaw_neutral_deg: YAW_NEUTRAL_DEG,
            pitch_neutral_deg: PITCH_NEUTRAL_DEG,
            eye_open_pass: 0.18,
            eye_open_fail: 0.10,
            lens_shade_fail: LENS_SHADE_FAIL,
            lens_colour_fail: LENS_COLOUR_FAIL,
            lens_glare_warn: LENS_GLARE_WARN,
            headwear_share: HEADWEAR_SHARE,
            eyebrow_contrast: 6.0,
            ear_skin_share: 0.35,
            uncertainty: Uncertainty {
                head_height: 0.02,
                top_margin: 0.015,
                eye_line: 0.01,
                centre: 0.006,
                roll_deg: 2.0,
            },
        }
    }
}

impl GeometrySpec {
    /// Bands must be ordered, the pass band inside the warn band, thresholds ordered.
    pub fn validate(&self) -> Result<(), String> {
        let pairs = [
            ("head_height", self.head_height_pass, self.head_height_warn),
            ("top_margin", self.top_margin_pass, self.top_margin_warn),
            ("eye_line", self.eye_line_pass, self.eye_line_warn),
            ("centre", self.centre_pass, self.centre_warn),
        ];
        for (name, pass, warn) in pairs {
            if !(pass.valid() && warn.valid()) || pass.min < warn.min || pass.max > warn.max || warn.min < 0.0 {
                return Err(format!("photo_content.geometry.{name}: 通过范围必须有序且在注意范围之内"));
            }
        }
        let ordered = [
            ("roll_pass_deg", self.roll_pass_deg, "roll_fail_deg", self.roll_fail_deg),
            ("turn_pass_deg", self.turn_pass_deg, "turn_fail_deg", self.turn_fail_deg),
            ("eye_open_fail", self.eye_open_fail, "eye_open_pass", self.eye_open_pass),
        ];
        for (low_key, low, high_key, high) in ordered {
            if !(low.is_finite() && high.is_finite() && low >= 0.0 && low <= high) {
                return Err(format!("photo_content.geometry.{low_key} 与 {high_key}: 必须 0 ≤ {low_key} ≤ {high_key}"));
            }
        }
        let u = self.uncertainty;
        let guarded = [
            (u.head_height, self.head_height_pass),
            (u.top_margin, self.top_margin_pass),
            (u.eye_line, self.eye_line_pass),
            (u.centre, self.centre_pass),
            (u.roll_deg, Band::new(-self.roll_pass_deg, self.roll_pass_deg)),
        ];
        if guarded.iter().any(|(u, pass)| !(u.is_finite() && *u >= 0.0 && 2.0 * u < pass.max - pass.min)) {
            return Err("photo_content.geometry.uncertainty: 测量误差必须 ≥ 0，且小于通过范围宽度的一半".into());
        }
        let shares = [
            self.min_face_score,
            self.second_face_score,
            self.second_face_size,
            self.ear_skin_share,
            self.lens_shade_fail,
            self.lens_glare_warn,
            self.headwear_share,
        ];
        if shares.iter().any(|v| !(0.0..=1.0).contains(v)) || self.second_face_score < self.min_face_score {
            return Err(
                "photo_content.geometry: 分数与比例必须在 0 到 1 之间，second_face_score ≥ min_face_score".into()
            );
        }
        if !(self.lens_colour_fail.is_finite() && self.lens_colour_fail > 0.0) {
            return Err("photo_content.geometry.lens_colour_fail: 必须是正数".into());
        }
        let neutral = [self.yaw_neutral_deg, self.pitch_neutral_deg];
        if neutral.iter().any(|v| !(v.is_finite() && v.abs() < 45.0)) {
            return Err("photo_content.geometry: 姿态零点必须在 ±45° 之内".into());
        }
        Ok(())
    }
}
