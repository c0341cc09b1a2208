//! Rules for the card in a document photo (TOML `[document.card]`): found, side, whole, level,
//! centred, fill, perspective, legible, glare, colour, and the straightening fix's margin.
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
}

impl CardSpec {
    pub fn validate(&self) -> Result<(), String> {
        let rising = |[a, b]: [f64; 2]| a <= b;
        let falling = |[a, b]: [f64; 2]| a >= b;
        let ok = rising(self.level_deg)
            && rising(self.centre)
            && falling(self.fill)
            && rising(self.perspective_deg)
            && falling(self.sharpness)
            && falling(self.card_width_px)
            && rising(self.glare_share)
            && falling(self.chroma)
            && (0.0..0.25).contains(&self.fix_margin)
            && (0.0..1.0).contains(&self.min_confidence);
        if ok {
            Ok(())
        } else {
            Err("card 的阈值顺序不对（通过限应比注意限更严）或超出范围".into())
        }
    }
}
