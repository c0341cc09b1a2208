//! Phone-like photos of FICTIONAL ID cards with exactly known truth, for the tests and the
//! accuracy command. Never a real person's card: names and addresses are made up, the card
//! carries a large red "样例" (specimen) mark, and the numbers only have valid check characters.
//!
//! A card face is drawn flat with simple shapes at the zones of `layout` (text as stroke
//! blocks, the number and dates in the OCR-B-style stroke font of `ocrb`), then mapped onto a drawn background (wood, desk,
//! cloth, a hand) by a homography: rotation at any angle, perspective foreshortening, a soft
//! shadow, a glare spot, blur, sensor noise, optionally grey-scale, optionally partly outside
//! the frame. The truth is the four corners of the card (where its straight edges meet, as a
//! caliper would), in the order top-left, top-right, bottom-right, bottom-left of the card as
//! read, and the number.

use super::geometry::{Homography, Pt, rect_corners, sample};
use super::layout::{self, CARD_H, CARD_W, CORNER_RADIUS, NUMBER_HEIGHT_SHARE, Side, Zone};
use super::ocrb::{self, Glyph};
use crate::identity::id_number::check_char;
use image::{Rgb, RgbImage};
use std::ops::{Add as _, Sub as _}; // `Pt` sums and differences as methods: `a.sub(b).add(c)`

/// A small deterministic generator (SplitMix64), so every scene is reproducible from its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[a, b)`.
    pub fn range(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.range(0.0, 1.0) < p
    }
}

/// The fictional holder printed on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub name: &'static str,
    pub number: String,
}

const NAMES: [&str; 6] = ["张样例", "李示范", "王测试", "赵演示", "陈范例", "刘模拟"];
/// Area codes of real prefectures (the code names a place, not a person).
const AREAS: [&str; 4] = ["410102", "410305", "411503", "410821"];

impl Holder {
    /// A fictional holder with a well-formed number (valid date and check character).
    pub fn fictional(rng: &mut Rng) -> Self {
        let area = AREAS[rng.below(AREAS.len())];
        let (year, month, day) = (2008 + rng.below(4), 1 + rng.below(12), 1 + rng.below(28));
        let first17 = format!("{area}{year:04}{month:02}{day:02}{:03}", rng.below(1000));
        let check = check_char(&first17).unwrap_or('0');
        Holder { name: NAMES[rng.below(NAMES.len())], number: format!("{first17}{check}") }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Wood,
    Desk,
    Cloth,
    /// A desk with a skin-coloured blob under the card (a hand holding it).
    Hand,
}

impl Background {
    pub const ALL: [Background; 4] = [Background::Wood, Background::Desk, Background::Cloth, Background::Hand];
}

/// The colour of the desk under a `Desk` or `Hand` photo, picked by the photo's seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    PaleGrey,
    DarkGrey,
    Brown,
    White,
}

impl Desk {
    pub const ALL: [Desk; 4] = [Desk::PaleGrey, Desk::DarkGrey, Desk::Brown, Desk::White];

    pub fn rgb(self) -> [f64; 3] {
        match self {
            Desk::PaleGrey => [208.0, 206.0, 200.0],
            Desk::DarkGrey => [70.0, 72.0, 78.0],
            Desk::Brown => [150.0, 120.0, 95.0],
            Desk::White => [225.0, 225.0, 228.0],
        }
    }

    /// The desk a photo of a scene with this seed is drawn on (when its background is a desk
    /// or a hand): lets tests and the accuracy command pick or sort scenes by desk colour
    /// without changing any scene.
    pub fn of_seed(seed: u64) -> Desk {
        Look::draw(&mut Rng::new(seed ^ PHOTO_SALT)).desk
    }
}

/// Mixed into a scene's seed for the photo's own random draws.
const PHOTO_SALT: u64 = 0x5EED;

/// The background's random parameters, drawn first from the photo's generator.
struct Look {
    /// Wood grain phase, frequency and waviness.
    grain: (f64, f64, f64),
    tone: f64,
    desk: Desk,
}

impl Look {
    // 6.28, not TAU: the drawn scenes stay those the accuracy figures were measured on.
    #[allow(clippy::approx_constant)]
    fn draw(rng: &mut Rng) -> Look {
        let grain = (rng.range(0.0, 6.28), rng.range(0.004, 0.012), rng.range(0.7, 1.3));
        let tone = rng.range(0.8, 1.15);
        Look { grain, tone, desk: Desk::ALL[rng.below(4)] }
    }
}

/// One photo to draw. Lengths in pixels of the photo unless named otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Background,
    /// `None`: a photo with no card at all.
    pub card: Option<CardPose>,
    /// Gaussian blur σ in pixels (0: none).
    pub blur: f64,
    pub grey: bool,
    pub seed: u64,
    /// Another fictional card in the same photo, drawn under the first (the truth stays the
    /// first card's).
    pub second: Option<CardPose>,
    /// The card is shown on a phone's screen (a re-photographed picture of a card): a dark bezel
    /// around it and the screen's pixel grid over it.
    pub screen: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardPose {
    pub side: Side,
    pub holder: Holder,
    /// Card centre in the photo.
    pub centre: Pt,
    /// The card's long side before perspective, pixels.
    pub length: f64,
    /// Direction of the card's reading line, degrees clockwise from the photo's x axis (180:
    /// upside down, 90/270: sideways).
    pub rotation: f64,
    /// Foreshortening: the card's top edge is `1 − fy` times its bottom edge (negative: the
    /// bottom is the shorter); `fx` the same for the right edge against the left.
    pub fx: f64,
    pub fy: f64,
    pub shadow: bool,
    /// Glare spot centre on the card (mm from its top-left) and radius (mm).
    pub glare: Option<(Pt, f64)>,
}

/// What the photo shows, exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    /// TL, TR, BR, BL of the card as read, photo pixels; `None` without a card.
    pub corners: Option<[Pt; 4]>,
    pub side: Option<Side>,
    pub number: Option<String>,
}

impl CardPose {
    /// An upright, frontal, centred card of the portrait side filling `fill` of the width.
    pub fn upright(width: u32, height: u32, fill: f64, seed: u64) -> Self {
        CardPose {
            side: Side::Portrait,
            holder: Holder::fictional(&mut Rng::new(seed)),
            centre: Pt::new(f64::from(width) / 2.0, f64::from(height) / 2.0),
            length: f64::from(width) * fill,
            rotation: 0.0,
            fx: 0.0,
            fy: 0.0,
            shadow: false,
            glare: None,
        }
    }

    /// The card's corners in the photo (TL, TR, BR, BL as read).
    pub fn corners(&self) -> [Pt; 4] {
        let (w, h) = (self.length / 2.0, self.length / layout::ASPECT / 2.0);
        let (top, bottom) = (1.0 - self.fy.max(0.0), 1.0 + self.fy.min(0.0));
        let (left, right) = (1.0 + self.fx.min(0.0), 1.0 - self.fx.max(0.0));
        let local = [
            Pt::new(-w * top, -h * left),
            Pt::new(w * top, -h * right),
            Pt::new(w * bottom, h * right),
            Pt::new(-w * bottom, h * left),
        ];
        let (s, c) = self.rotation.to_radians().sin_cos();
        local.map(|p| Pt::new(self.centre.x + p.x * c - p.y * s, self.centre.y + p.x * s + p.y * c))
    }
}

impl Scene {
    /// A plain scene: one upright card on a desk.
    pub fn simple(width: u32, height: u32, seed: u64) -> Self {
        Scene {
            width,
            height,
            background: Background::Desk,
            card: Some(CardPose::upright(width, height, 0.6, seed)),
            blur: 0.0,
            grey: false,
            seed,
            second: None,
            screen: false,
        }
    }

    /// A random phone-like scene (the accuracy set): any rotation, perspective up to 25 %,
    /// shadows, glare, blur; a few grey copies, cards partly outside, and photos with no card.
    pub fn random(width: u32, height: u32, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let background = Background::ALL[rng.below(4)];
        let (w, h) = (f64::from(width), f64::from(height));
        let card = (!rng.chance(0.06)).then(|| {
            let outside = rng.chance(0.08);
            let length = w.min(h * layout::ASPECT) * rng.range(0.45, 0.9);
            let rotation = match rng.below(4) {
                0 => rng.range(-180.0, 180.0),
                1 => rng.range(-12.0, 12.0),
                2 => 90.0 * rng.below(4) as f64 + rng.range(-6.0, 6.0),
                _ => rng.range(-4.0, 4.0),
            };
            // The card's bounding radius after rotation, to keep it inside unless asked not to.
            let r = length / 2.0 * (1.0 + 1.0 / layout::ASPECT) / std::f64::consts::SQRT_2;
            let (mx, my) = ((w / 2.0 - r).max(0.0), (h / 2.0 - r).max(0.0));
            let centre = if outside {
                Pt::new(w / 2.0 + r * rng.range(0.6, 1.0) * [-1.0, 1.0][rng.below(2)], h / 2.0 + rng.range(-my, my))
            } else {
                Pt::new(w / 2.0 + rng.range(-mx, mx) * 0.8, h / 2.0 + rng.range(-my, my) * 0.8)
            };
            let glare = rng
                .chance(0.3)
                .then(|| (Pt::new(rng.range(10.0, CARD_W - 10.0), rng.range(8.0, CARD_H - 8.0)), rng.range(2.0, 7.0)));
            CardPose {
                side: if rng.chance(0.7) { Side::Portrait } else { Side::Emblem },
                holder: Holder::fictional(&mut rng),
                centre,
                length,
                rotation,
                fx: rng.range(-0.25, 0.25) * f64::from(u8::from(rng.chance(0.6))),
                fy: rng.range(-0.25, 0.25) * f64::from(u8::from(rng.chance(0.6))),
                shadow: rng.chance(0.6),
                glare,
            }
        });
        let blur = if rng.chance(0.3) { rng.range(0.5, 2.0) } else { 0.0 };
        Scene { width, height, background, card, blur, grey: rng.chance(0.1), seed, second: None, screen: false }
    }
}

/// Draws the scene's photo and returns it with its truth.
pub fn photo(scene: &Scene) -> (RgbImage, Truth) {
    let mut rng = Rng::new(scene.seed ^ PHOTO_SALT);
    let mut img = background(scene.background, scene.width, scene.height, &mut rng);
    let mut truth = Truth { corners: None, side: None, number: None };
    if let Some(second) = &scene.second {
        put_card(&mut img, second, false);
    }
    if let Some(card) = &scene.card {
        put_card(&mut img, card, scene.screen);
        truth = Truth {
            corners: Some(card.corners()),
            side: Some(card.side),
            number: (card.side == Side::Portrait).then(|| card.holder.number.clone()),
        };
    }
    if scene.blur > 0.0 {
        img = blur(&img, scene.blur);
    }
    for p in img.pixels_mut() {
        let n = rng.range(-4.0, 4.0);
        p.0 = p.0.map(|c| (f64::from(c) + n).round().clamp(0.0, 255.0) as u8);
    }
    if scene.grey {
        for p in img.pixels_mut() {
            let [r, g, b] = p.0.map(f64::from);
            let y = (0.299 * r + 0.587 * g + 0.114 * b).round() as u8;
            p.0 = [y, y, y];
        }
    }
    (img, truth)
}

/// Signed distance (mm) from a point on the card's plane to the card's rounded outline.
fn outline_distance(m: Pt) -> f64 {
    let r = CORNER_RADIUS;
    let qx = (m.x - CARD_W / 2.0).abs() - (CARD_W / 2.0 - r);
    let qy = (m.y - CARD_H / 2.0).abs() - (CARD_H / 2.0 - r);
    qx.max(0.0).hypot(qy.max(0.0)) + qx.max(qy).min(0.0) - r
}

/// Screen pixel pitch on a phone showing a card, millimetres of the card as shown: coarse enough
/// that the grid, or its moiré with the photo's pixels, shows at the sizes the scenes draw
/// (8–17 px/mm of card in a 1600 px photo).
const SCREEN_PITCH: f64 = 0.3;
/// Share of each screen pixel's pitch that is the dark gap between pixels.
const SCREEN_GAP: f64 = 0.25;
/// Width of the phone's dark bezel (and the screen's black around the picture), millimetres.
const BEZEL: f64 = 7.0;

fn put_card(img: &mut RgbImage, card: &CardPose, screen: bool) {
    let corners = card.corners();
    let Some(to_card) = Homography::from_points(corners, rect_corners(CARD_W, CARD_H)) else {
        return;
    };
    // Pixels per millimetre on the photo (mean over the edges), for anti-aliasing the outline.
    let ppm = (corners[0].dist(corners[1]) + corners[3].dist(corners[2])) / 2.0 / CARD_W;
    let face_ppm = (ppm * 1.5).clamp(2.0, 12.0);
    let face = card_face(card.side, &card.holder, face_ppm);
    let shadow_offset = Pt::new(ppm * 1.5, ppm * 2.5);
    let (w, h) = img.dimensions();
    for y in 0..h {
        for x in 0..w {
            let p = Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5);
            let m = to_card.apply(p);
            let d = outline_distance(m) * ppm;
            let mut px = img.get_pixel(x, y).0.map(f64::from);
            if screen && d > -1.0 && outline_distance(m) < BEZEL {
                // The phone's black glass around the shown card.
                let k = (d + 1.0).clamp(0.0, 1.0);
                px = std::array::from_fn(|i| px[i] * (1.0 - k) + [16.0, 17.0, 20.0][i] * k);
            } else if card.shadow && d > -1.0 {
                let ds = outline_distance(to_card.apply(p.sub(shadow_offset)));
                let dark = 0.35 * (1.0 - (ds / 4.0).clamp(0.0, 1.0)).powi(2);
                px = px.map(|c| c * (1.0 - dark));
            }
            let alpha = (0.5 - d).clamp(0.0, 1.0);
            if alpha > 0.0 {
                let mut c = sample(&face, m.scale(face_ppm));
                // Light falls off a little across the card.
                let shade = 1.0 - 0.06 * (m.x / CARD_W) - 0.04 * (m.y / CARD_H);
                c = c.map(|v| v * shade);
                if let Some((g, r)) = card.glare {
                    let k = (-(m.dist(g) / r).powi(2)).exp() * 1.2;
                    c = c.map(|v| v + (255.0 - v) * k.min(1.0) + 80.0 * k);
                }
                if screen {
                    let gap = |v: f64| (v / SCREEN_PITCH).rem_euclid(1.0) < SCREEN_GAP;
                    if gap(m.x) || gap(m.y) {
                        c = c.map(|v| v * 0.7);
                    }
                }
                px = std::array::from_fn(|i| px[i] * (1.0 - alpha) + c[i] * alpha);
            }
            img.put_pixel(x, y, Rgb(px.map(|v| v.round().clamp(0.0, 255.0) as u8)));
        }
    }
}

fn background(kind: Background, w: u32, h: u32, rng: &mut Rng) -> RgbImage {
    let Look { grain: (a, b, c), tone, desk } = Look::draw(rng);
    let desk = desk.rgb();
    let cloth = [[40.0, 60.0, 140.0], [150.0, 40.0, 45.0], [60.0, 110.0, 70.0]][rng.below(3)];
    let hand = (Pt::new(rng.range(0.2, 0.8) * f64::from(w), rng.range(0.3, 1.0) * f64::from(h)), rng.range(0.2, 0.35));
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (f64::from(x), f64::from(y));
        let v: [f64; 3] = match kind {
            Background::Wood => {
                let grain = (yf * b * 6.0 + 3.0 * (xf * b + a).sin() + 0.8 * (xf * 0.05 * c).sin()).sin();
                let ring = 0.5 + 0.5 * grain;
                [150.0 + 40.0 * ring, 100.0 + 30.0 * ring, 60.0 + 15.0 * ring].map(|v| v * tone)
            }
            Background::Desk | Background::Hand => {
                let g = 1.0 + 0.08 * ((xf / f64::from(w)) - 0.5) - 0.05 * (yf / f64::from(h));
                desk.map(|v| v * g)
            }
            Background::Cloth => {
                let weave = (xf * 1.3).sin() * (yf * 1.3).sin() * 0.12 + 0.05 * (xf * 0.02 + yf * 0.03 + a).sin();
                cloth.map(|v| v * (1.0 + weave))
            }
        };
        Rgb(v.map(|c| c.clamp(0.0, 255.0) as u8))
    });
    if kind == Background::Hand {
        let (c, rel) = hand;
        let r = rel * f64::from(w.min(h)) * 1.6;
        fill_ellipse(&mut img, c, r * 1.4, r, [214.0, 170.0, 140.0], 1.0);
        fill_ellipse(&mut img, c.add(Pt::new(r * 0.9, -r * 0.6)), r * 0.5, r * 0.25, [205.0, 160.0, 130.0], 1.0);
    }
    img
}

/// The flat card face at `ppm` pixels per millimetre, with the specimen mark.
pub fn card_face(side: Side, holder: &Holder, ppm: f64) -> RgbImage {
    let mut img = plain_face(side, holder, ppm);
    // Above the number line, which a reader must see as printed.
    specimen_mark(&mut img, Pt::new(30.0 * ppm, 27.0 * ppm), 13.0 * ppm);
    img
}

/// The flat card face without the specimen mark: the finder's reference for where a side's
/// printing is (the mark is not part of a real card's layout).
pub fn plain_face(side: Side, holder: &Holder, ppm: f64) -> RgbImage {
    let (w, h) = ((CARD_W * ppm).round() as u32, (CARD_H * ppm).round() as u32);
    let tint = match side {
        Side::Portrait => [220.0, 232.0, 242.0],
        Side::Emblem => [244.0, 230.0, 216.0],
    };
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        let (mx, my) = (f64::from(x) / ppm, f64::from(y) / ppm);
        // Faint guilloche waves.
        let wave = ((my * 1.1 + 2.0 * (mx * 0.25).sin()).sin() * 0.5 + 0.5) * 10.0;
        Rgb(tint.map(|c| (c - wave) as u8))
    });
    let label = [50.0, 100.0, 165.0];
    let ink = [30.0, 30.0, 34.0];
    let f = |z: Zone| Zone { x0: z.x0 * ppm, y0: z.y0 * ppm, x1: z.x1 * ppm, y1: z.y1 * ppm };
    match side {
        Side::Portrait => {
            for (zone, text) in layout::LABELS.iter().zip(["姓名", "性别", "民族", "出生", "住址"]) {
                write(&mut img, f(*zone), text, label);
            }
            let birth = &holder.number[6..14];
            let birth = format!("{}年{}月{}日", &birth[..4], &birth[4..6], &birth[6..]);
            let values = [holder.name, "男", "汉", birth.as_str(), "河南省示例市样例区", "测试路一号"];
            for (zone, text) in layout::VALUES.iter().zip(values) {
                write(&mut img, f(*zone), text, ink);
            }
            portrait(&mut img, f(layout::PORTRAIT));
            write(&mut img, f(layout::NUMBER_LABEL), "公民身份号码", ink);
            write(&mut img, f(layout::NUMBER), &holder.number, ink);
        }
        Side::Emblem => {
            let e = f(layout::EMBLEM);
            let c = Pt::new((e.x0 + e.x1) / 2.0, (e.y0 + e.y1) / 2.0);
            let r = (e.x1 - e.x0) / 2.0;
            fill_ellipse(&mut img, c, r, r, [215.0, 170.0, 40.0], 1.0);
            fill_ellipse(&mut img, c, r * 0.85, r * 0.85, [200.0, 30.0, 35.0], 1.0);
            fill_ellipse(&mut img, c.add(Pt::new(-r * 0.3, -r * 0.35)), r * 0.16, r * 0.16, [250.0, 220.0, 60.0], 1.0);
            for k in 0..4 {
                let a = -0.2 + 0.45 * f64::from(k);
                let s = c.add(Pt::new(-r * 0.3 + r * 0.45 * a.cos(), -r * 0.35 + r * 0.45 * a.sin()));
                fill_ellipse(&mut img, s, r * 0.07, r * 0.07, [250.0, 220.0, 60.0], 1.0);
            }
            fill_rect(
                &mut img,
                c.x - r * 0.45,
                c.y + r * 0.1,
                c.x + r * 0.45,
                c.y + r * 0.4,
                [230.0, 190.0, 50.0],
                1.0,
            );
            write(&mut img, f(layout::TITLE), "中华人民共和国", ink);
            write(&mut img, f(layout::TITLE_MAIN), "居民身份证", ink);
            write(&mut img, f(layout::ISSUER_LABEL), "签发机关", ink);
            write(&mut img, f(layout::ISSUER), "示例市公安局样例分局", ink);
            write(&mut img, f(layout::VALIDITY_LABEL), "有效期限", ink);
            write(&mut img, f(layout::VALIDITY), "2020.01.01-2030.01.01", ink);
        }
    }
    img
}

/// Writes `text` left to right in the zone: digits, X, '.', '-' in the OCR-B-style stroke font
/// (`ocrb`, monospaced, centred in the zone's height); any other character as a block of strokes
/// (a stand-in for a Chinese glyph).
fn write(img: &mut RgbImage, z: Zone, text: &str, colour: [f64; 3]) {
    let h = z.y1 - z.y0;
    let n = text.chars().count() as f64;
    let narrow = text.is_ascii();
    let cell = if narrow { ((z.x1 - z.x0) / n).min(h * 0.82) } else { ((z.x1 - z.x0) / n).min(h * 1.1) };
    for (i, ch) in text.chars().enumerate() {
        let x = z.x0 + cell * i as f64;
        if let Some(glyph) = Glyph::of(ch) {
            let gh = (h * NUMBER_HEIGHT_SHARE).min(cell / 0.75);
            let origin = Pt::new(x + (cell - gh * ocrb::WIDTH) / 2.0, z.y0 + (h - gh) / 2.0);
            let far = origin.add(Pt::new(gh * ocrb::WIDTH, gh));
            for (px, py) in pixels_in(img, origin.x - 1.0, origin.y - 1.0, far.x + 1.0, far.y + 1.0) {
                let (gx, gy) = ((f64::from(px) + 0.5 - origin.x) / gh, (f64::from(py) + 0.5 - origin.y) / gh);
                let cover = glyph.coverage(gx, gy, gh, 1.0);
                if cover > 0.0 {
                    blend(img, px, py, colour, cover);
                }
            }
        } else {
            let mut rng = Rng::new(u64::from(u32::from(ch)));
            let s = cell.min(h) * 0.92;
            let t = s * 0.09;
            for k in 0..4 + rng.below(3) {
                let (u, a, b) = (rng.range(0.1, 0.9), rng.range(0.0, 0.4), rng.range(0.6, 1.0));
                let (p, q) = if k % 2 == 0 {
                    (Pt::new(x + a * s, z.y0 + u * s), Pt::new(x + b * s, z.y0 + u * s))
                } else {
                    (Pt::new(x + u * s, z.y0 + a * s), Pt::new(x + u * s, z.y0 + b * s))
                };
                segment(img, p, q, t, colour, 1.0);
            }
        }
    }
}

/// A head-and-shoulders portrait on the card's light ground, cut off at the zone's edges as on a
/// real card (the shoulders never reach the number line below).
fn portrait(img: &mut RgbImage, z: Zone) {
    let (x0, y0) = (z.x0.floor().max(0.0) as u32, z.y0.floor().max(0.0) as u32);
    let (x1, y1) = ((z.x1.ceil() as u32).min(img.width()), (z.y1.ceil() as u32).min(img.height()));
    let mut inside = image::imageops::crop_imm(img, x0, y0, x1.saturating_sub(x0), y1.saturating_sub(y0)).to_image();
    let (dx, dy) = (f64::from(x0), f64::from(y0));
    draw_portrait(&mut inside, Zone { x0: z.x0 - dx, y0: z.y0 - dy, x1: z.x1 - dx, y1: z.y1 - dy });
    image::imageops::replace(img, &inside, i64::from(x0), i64::from(y0));
}

fn draw_portrait(img: &mut RgbImage, z: Zone) {
    let (w, h) = (z.x1 - z.x0, z.y1 - z.y0);
    let cx = z.x0 + w / 2.0;
    fill_ellipse(img, Pt::new(cx, z.y1), w * 0.48, h * 0.3, [45.0, 45.0, 60.0], 1.0);
    fill_ellipse(img, Pt::new(cx, z.y0 + h * 0.42), w * 0.27, h * 0.27, [205.0, 160.0, 130.0], 1.0);
    fill_ellipse(img, Pt::new(cx, z.y0 + h * 0.25), w * 0.29, h * 0.14, [35.0, 30.0, 30.0], 1.0);
    for dx in [-0.1, 0.1] {
        fill_ellipse(img, Pt::new(cx + w * dx, z.y0 + h * 0.42), w * 0.03, h * 0.015, [40.0, 30.0, 30.0], 1.0);
    }
    segment(
        img,
        Pt::new(cx - w * 0.07, z.y0 + h * 0.56),
        Pt::new(cx + w * 0.07, z.y0 + h * 0.56),
        h * 0.008,
        [150.0, 70.0, 70.0],
        1.0,
    );
}

/// The red "样例" (specimen) mark, `size` pixels per character.
fn specimen_mark(img: &mut RgbImage, at: Pt, size: f64) {
    // Strokes in a unit cell: 样 (木 + 羊) and 例 (亻 + 歹 + 刂).
    const YANG: [[f64; 4]; 10] = [
        [0.02, 0.3, 0.38, 0.3],
        [0.2, 0.05, 0.2, 0.95],
        [0.2, 0.35, 0.03, 0.7],
        [0.22, 0.4, 0.36, 0.55],
        [0.58, 0.05, 0.63, 0.15],
        [0.85, 0.05, 0.8, 0.15],
        [0.48, 0.22, 0.97, 0.22],
        [0.52, 0.42, 0.93, 0.42],
        [0.45, 0.63, 1.0, 0.63],
        [0.72, 0.22, 0.72, 0.98],
    ];
    const LI: [[f64; 4]; 10] = [
        [0.18, 0.03, 0.02, 0.4],
        [0.12, 0.25, 0.12, 0.97],
        [0.28, 0.1, 0.62, 0.1],
        [0.42, 0.1, 0.32, 0.45],
        [0.35, 0.3, 0.58, 0.3],
        [0.58, 0.3, 0.45, 0.8],
        [0.42, 0.45, 0.52, 0.58],
        [0.73, 0.2, 0.73, 0.7],
        [0.92, 0.03, 0.92, 0.95],
        [0.92, 0.95, 0.85, 0.9],
    ];
    for (k, strokes) in [YANG, LI].iter().enumerate() {
        let origin = at.add(Pt::new(size * 1.15 * k as f64, 0.0));
        for [x0, y0, x1, y1] in strokes {
            let p = origin.add(Pt::new(x0 * size, y0 * size));
            let q = origin.add(Pt::new(x1 * size, y1 * size));
            segment(img, p, q, size * 0.06, [225.0, 40.0, 40.0], 0.75);
        }
    }
}

fn blend(img: &mut RgbImage, x: u32, y: u32, colour: [f64; 3], alpha: f64) {
    let p = img.get_pixel_mut(x, y);
    p.0 = std::array::from_fn(|i| {
        (f64::from(p.0[i]) * (1.0 - alpha) + colour[i] * alpha).round().clamp(0.0, 255.0) as u8
    });
}

/// Pixels whose centres fall in the box `[x0, x1] × [y0, y1]` (clamped to the picture).
fn pixels_in(img: &RgbImage, x0: f64, y0: f64, x1: f64, y1: f64) -> impl Iterator<Item = (u32, u32)> + use<> {
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let (xa, xb) = (x0.floor().clamp(0.0, w) as u32, x1.ceil().clamp(0.0, w) as u32);
    let (ya, yb) = (y0.floor().clamp(0.0, h) as u32, y1.ceil().clamp(0.0, h) as u32);
    (ya..yb).flat_map(move |y| (xa..xb).map(move |x| (x, y)))
}

fn fill_rect(img: &mut RgbImage, x0: f64, y0: f64, x1: f64, y1: f64, colour: [f64; 3], alpha: f64) {
    for (x, y) in pixels_in(img, x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0) {
        let (cx, cy) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
        let cover = ((cx + 0.5).min(x1) - (cx - 0.5).max(x0)).clamp(0.0, 1.0)
            * ((cy + 0.5).min(y1) - (cy - 0.5).max(y0)).clamp(0.0, 1.0);
        if cover > 0.0 {
            blend(img, x, y, colour, alpha * cover);
        }
    }
}

fn fill_ellipse(img: &mut RgbImage, c: Pt, rx: f64, ry: f64, colour: [f64; 3], alpha: f64) {
    for (x, y) in pixels_in(img, c.x - rx - 1.0, c.y - ry - 1.0, c.x + rx + 1.0, c.y + ry + 1.0) {
        let (dx, dy) = ((f64::from(x) + 0.5 - c.x) / rx, (f64::from(y) + 0.5 - c.y) / ry);
        // Distance to the outline in pixels, roughly, for a soft edge.
        let d = (dx.hypot(dy) - 1.0) * rx.min(ry);
        let cover = (0.5 - d).clamp(0.0, 1.0);
        if cover > 0.0 {
            blend(img, x, y, colour, alpha * cover);
        }
    }
}

fn segment(img: &mut RgbImage, a: Pt, b: Pt, half_width: f64, colour: [f64; 3], alpha: f64) {
    let t = half_width.max(0.4);
    let ab = b.sub(a);
    let len2 = ab.dot(ab).max(1e-9);
    for (x, y) in
        pixels_in(img, a.x.min(b.x) - t - 1.0, a.y.min(b.y) - t - 1.0, a.x.max(b.x) + t + 1.0, a.y.max(b.y) + t + 1.0)
    {
        let p = Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5);
        let u = (p.sub(a).dot(ab) / len2).clamp(0.0, 1.0);
        let d = p.dist(a.add(ab.scale(u))) - t;
        let cover = (0.5 - d).clamp(0.0, 1.0);
        if cover > 0.0 {
            blend(img, x, y, colour, alpha * cover);
        }
    }
}

/// Gaussian-like blur: three box passes each way.
fn blur(img: &RgbImage, sigma: f64) -> RgbImage {
    let r = ((sigma * sigma * 4.0 + 1.0).sqrt() / 2.0).round().max(1.0) as i64;
    let (w, h) = (img.width() as i64, img.height() as i64);
    let mut buf: Vec<[f64; 3]> = img.pixels().map(|p| p.0.map(f64::from)).collect();
    for _ in 0..3 {
        for horizontal in [true, false] {
            let (n, m) = if horizontal { (h, w) } else { (w, h) };
            let idx = |line: i64, k: i64| if horizontal { (line * w + k) as usize } else { (k * w + line) as usize };
            for line in 0..n {
                let src: Vec<[f64; 3]> = (0..m).map(|k| buf[idx(line, k)]).collect();
                let mut acc = [0f64; 3];
                for k in -r..=r {
                    let s = src[k.clamp(0, m - 1) as usize];
                    (0..3).for_each(|i| acc[i] += s[i]);
                }
                for k in 0..m {
                    buf[idx(line, k)] = acc.map(|a| a / (2 * r + 1) as f64);
                    let (out, inn) = (src[(k - r).clamp(0, m - 1) as usize], src[(k + r + 1).clamp(0, m - 1) as usize]);
                    (0..3).for_each(|i| acc[i] += inn[i] - out[i]);
                }
            }
        }
    }
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        Rgb(buf[(i64::from(y) * w + i64::from(x)) as usize].map(|v| v.round().clamp(0.0, 255.0) as u8))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::id_number::check_format;

    #[test]
    fn numbers_are_well_formed_and_scenes_reproducible() {
        let mut rng = Rng::new(7);
        for _ in 0..20 {
            assert_eq!(check_format(&Holder::fictional(&mut rng).number), Ok(()));
        }
        let s = Scene::random(160, 120, 3);
        assert_eq!(photo(&s), photo(&s));
    }

    #[test]
    fn the_truth_corners_are_where_the_card_is_drawn() {
        let mut scene = Scene::simple(320, 240, 1);
        scene.background = Background::Wood;
        let card = scene.card.as_mut().unwrap();
        card.rotation = 30.0;
        card.fy = 0.2;
        let (img, truth) = photo(&scene);
        let c = truth.corners.unwrap();
        // TL → TR is the reading direction: rotated 30° clockwise, the top edge shortened.
        let dir = c[1].sub(c[0]);
        assert!((dir.y.atan2(dir.x).to_degrees() - 30.0).abs() < 0.5);
        assert!(c[0].dist(c[1]) < c[3].dist(c[2]) * 0.85);
        // Inside the quad near each corner is the pale card; well outside is the desk.
        let centre = c.iter().fold(Pt::default(), |s, p| s.add(p.scale(0.25)));
        for p in c {
            let inside = p.add(centre.sub(p).scale(0.12));
            let outside = p.add(p.sub(centre).scale(0.12));
            let l = |q: Pt| img.get_pixel(q.x as u32, q.y as u32).0.iter().map(|&v| u32::from(v)).sum::<u32>();
            assert!(l(inside) > 600, "{}", l(inside));
            assert!(l(outside) < 500, "{}", l(outside));
        }
    }
}
