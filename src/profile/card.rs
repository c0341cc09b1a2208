//! Rules for the card in a document photo (TOML `[document.card]`): found, side, whole, level,
//! centred, fill, perspective, legible, glare, colour, the straightening fix's margin and how sure
//! the number's reader must be.
//! Pairs are `[pass, warn]` limits unless named otherwise; each number's source is written beside
//! it in the profile.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSpec {
    /// A finding below this confidence counts as no card.
    pub min_confidence: f64,
    /// Below this correlation margin the side is left to the person to confirm.
    pub min_side_margin: f64,
    /// Each corner at least this share of the picture's short side inside the edges (pass);
    /// a corner outside the picture fails.
    pub whole_margin: f64,
    /// Tilt of the card's reading line, degrees: `[pass ≤, warn ≤]`, beyond fails.
    pub level_deg: [f64; 2],
    /// Offset of the card's centre from the picture's, share of the picture's width/height.
    pub centre: [f64; 2],
    /// Card area ÷ picture area: `[pass ≥, warn ≥]`.
    pub fill: [f64; 2],
    /// Largest departure of a corner angle from 90°, degrees: `[pass ≤, warn ≤]`.
    pub perspective_deg: [f64; 2],
    /// Sharpness index of the text (see `document::card::checks`): `[pass ≥, warn ≥]`.
    pub sharpness: [f64; 2],
    /// Card width in the picture's pixels: `[pass ≥, warn ≥]`.
    pub card_width_px: [f64; 2],
    /// Share of blown-out pixels over the text: `[pass ≤, warn ≤]`.
    pub glare_share: [f64; 2],
    /// Mean chroma (0–255) over the card: `[pass ≥, warn ≥]`.
    pub chroma: [f64; 2],
    /// The fix leaves this share of the output width as margin on each side of the card.
    pub fix_margin: f64,
    /// Reading the number: every character's best template correlation must reach this (0–1)…
    pub number_score: f64,
    /// …and lead the runner-up class by this much, or the number is not read.
    pub number_margin: f64,
    /// A screen's pixel grid or a print's halftone on the card's blank ground (`card.recapture`,
    /// a warning at most): spectrum peak ÷ median power of a block at least this…
    pub recapture_peak_ratio: f64,
    /// …with an amplitude (grey levels) at least this.
    pub recapture_amplitude: f64,
}

impl CardSpec {
    /// Every pair must run from the pass limit to the looser warn limit; the message names the key
    /// (the caller prefixes `document.`).
    pub fn validate(&self) -> Result<(), String> {
        // Limits where a smaller value is better (pass ≤ warn) and where a larger one is (pass ≥ warn).
        let rising = [
            ("level_deg", self.level_deg),
            ("centre", self.centre),
            ("perspective_deg", self.perspective_deg),
            ("glare_share", self.glare_share),
        ];
        let falling = [
            ("fill", self.fill),
            ("sharpness", self.sharpness),
            ("card_width_px", self.card_width_px),
            ("chroma", self.chroma),
        ];
        for (key, [pass, warn]) in rising {
            if !(pass >= 0.0 && pass <= warn) {
                return Err(format!("card.{key}：应写作 [通过上限, 注意上限]，且 0 ≤ 通过上限 ≤ 注意上限"));
            }
        }
        for (key, [pass, warn]) in falling {
            if !(warn >= 0.0 && pass >= warn) {
                return Err(format!("card.{key}：应写作 [通过下限, 注意下限]，且通过下限 ≥ 注意下限 ≥ 0"));
            }
        }
        if !(0.0..0.25).contains(&self.fix_margin) {
            return Err("card.fix_margin 必须在 0 到 0.25 之间".into());
        }
        if !(0.0..1.0).contains(&self.min_confidence) || !(0.0..1.0).contains(&self.min_side_margin) {
            return Err("card.min_confidence、card.min_side_margin 必须在 0 到 1 之间".into());
        }
        if !(0.0..1.0).contains(&self.number_score) || !(0.0..1.0).contains(&self.number_margin) {
            return Err("card.number_score、card.number_margin 必须在 0 到 1 之间".into());
        }
        if !(self.recapture_peak_ratio >= 1.0 && self.recapture_amplitude >= 0.0) {
            return Err("card.recapture_peak_ratio 至少为 1，card.recapture_amplitude 不小于 0".into());
        }
        if !(0.0..0.5).contains(&self.whole_margin) {
            return Err("card.whole_margin 必须在 0 到 0.5 之间".into());
        }
        Ok(())
    }
}
