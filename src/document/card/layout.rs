//! Where things are on the resident ID card (第二代居民身份证), in millimetres from the card's
//! top-left corner, the card read upright (long side horizontal). ISO/IEC 7810 ID-1 size
//! 85.6 × 54 mm, corner radius 3.18 mm. The zones follow the public descriptions of the card's
//! design (GA 450-2013 and the specimen pictures published with it): on the portrait side
//! (人像面) the name, sex/ethnicity, birth date and address fields on the left, the portrait on
//! the right and the 18-digit number along the bottom; on the emblem side (国徽面) the national
//! emblem at the top left, the title 中华人民共和国 / 居民身份证 to its right, and the issuing
//! authority and validity lines at the bottom. The positions are approximate (±1–2 mm): they
//! serve the drawing of fictional test cards and the coarse side/orientation test, never as
//! pixel-exact templates.

/// Card width and height in millimetres.
pub const CARD_W: f64 = 85.6;
pub const CARD_H: f64 = 54.0;
pub const CORNER_RADIUS: f64 = 3.18;
/// Width ÷ height.
pub const ASPECT: f64 = CARD_W / CARD_H;

/// An axis-aligned rectangle on the upright card, millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zone {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

const fn z(x0: f64, y0: f64, x1: f64, y1: f64) -> Zone {
    Zone { x0, y0, x1, y1 }
}

impl Zone {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.x0..self.x1).contains(&x) && (self.y0..self.y1).contains(&y)
    }
    pub fn overlap(&self, o: &Zone) -> f64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        w * h
    }
}

/// Portrait side: the field labels (姓名 性别 民族 出生 住址), left column.
pub const LABELS: [Zone; 5] = [
    z(5.0, 6.5, 12.5, 10.0),
    z(5.0, 13.0, 12.5, 16.5),
    z(25.0, 13.0, 32.5, 16.5),
    z(5.0, 19.5, 12.5, 23.0),
    z(5.0, 26.0, 12.5, 29.5),
];
/// Portrait side: the values (name, sex, ethnicity, birth date, two address lines).
pub const VALUES: [Zone; 6] = [
    z(14.5, 6.0, 32.0, 10.5),
    z(14.5, 13.0, 18.5, 16.5),
    z(34.5, 13.0, 42.0, 16.5),
    z(14.5, 19.5, 46.0, 23.0),
    z(14.5, 26.0, 52.0, 29.5),
    z(14.5, 31.0, 44.0, 34.5),
];
/// Portrait side: the portrait (about 26 × 32 mm).
pub const PORTRAIT: Zone = z(55.5, 5.5, 81.5, 37.5);
/// Portrait side: 公民身份号码 label and the number itself.
pub const NUMBER_LABEL: Zone = z(5.0, 43.0, 24.0, 47.0);
pub const NUMBER: Zone = z(27.0, 42.5, 80.0, 47.5);
/// The number's 18 characters: monospaced, centred in `NUMBER`'s height at this share of it
/// (3.6 mm), one character every `NUMBER`'s width ÷ 18 (2.94 mm). Approximate like the zones:
/// the reader measures the real height and pitch, searching around these.
pub const NUMBER_HEIGHT_SHARE: f64 = 0.72;
pub const NUMBER_CHARS: usize = 18;

/// Emblem side: the national emblem (a disc of about 20 mm).
pub const EMBLEM: Zone = z(6.0, 5.0, 26.0, 25.0);
/// Emblem side: 中华人民共和国 and 居民身份证.
pub const TITLE: Zone = z(31.0, 8.5, 80.0, 13.5);
pub const TITLE_MAIN: Zone = z(29.0, 17.0, 80.0, 26.0);
/// Emblem side: 签发机关 / 有效期限 labels and values.
pub const ISSUER_LABEL: Zone = z(16.0, 38.0, 27.0, 41.5);
pub const ISSUER: Zone = z(29.5, 38.0, 62.0, 41.5);
pub const VALIDITY_LABEL: Zone = z(16.0, 45.0, 27.0, 48.5);
pub const VALIDITY: Zone = z(29.5, 45.0, 74.0, 48.5);

/// Which side of the card a picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 人像面: portrait, personal data and the number.
    Portrait,
    /// 国徽面: national emblem, issuing authority, validity.
    Emblem,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Portrait, Side::Emblem];
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Portrait => "portrait",
            Side::Emblem => "emblem",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Side::Portrait => "人像面",
            Side::Emblem => "国徽面",
        }
    }

    /// The printed zones of this side and how much detail (edges) each carries, 0–1: the
    /// portrait and the emblem are the strongest features, text lines next.
    pub fn ink(self) -> Vec<(Zone, f64)> {
        match self {
            Side::Portrait => {
                let mut v: Vec<(Zone, f64)> = LABELS.iter().chain(&VALUES).map(|z| (*z, 0.6)).collect();
                v.push((PORTRAIT, 1.0));
                v.push((NUMBER_LABEL, 0.6));
                v.push((NUMBER, 0.9));
                v
            }
            Side::Emblem => vec![
                (EMBLEM, 1.0),
                (TITLE, 0.7),
                (TITLE_MAIN, 0.9),
                (ISSUER_LABEL, 0.5),
                (ISSUER, 0.6),
                (VALIDITY_LABEL, 0.5),
                (VALIDITY, 0.6),
            ],
        }
    }

    /// Blank ground of this side, away from the printing (and from the generated cards' 样例
    /// mark over 30–60 × 27–40 mm): where a screen's pixel grid or a print's halftone would show
    /// alone, not mixed with the strokes of text.
    pub fn ground(self) -> [Zone; 2] {
        match self {
            Side::Portrait => [z(4.0, 35.5, 28.5, 42.0), z(33.0, 4.5, 54.5, 12.0)],
            Side::Emblem => [z(62.0, 27.0, 83.0, 37.0), z(3.0, 27.0, 15.0, 51.0)],
        }
    }

    /// The zones with text that must be legible (and free of glare).
    pub fn text(self) -> Vec<Zone> {
        match self {
            Side::Portrait => VALUES.iter().copied().chain([NUMBER]).collect(),
            Side::Emblem => vec![TITLE_MAIN, ISSUER, VALIDITY],
        }
    }
}
