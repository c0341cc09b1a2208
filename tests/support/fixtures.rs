//! Synthetic test inputs for 中招报名自查助手, drawn in pure Rust so every rule has exact ground truth.
//!
//! Depends only on `image` (png/webp/gif/bmp, no jpeg), `jpeg-encoder` and std. Include it with
//! `#[path = "support/fixtures.rs"] mod fixtures;` from an integration test, or with
//! `#[path = "../tests/support/fixtures.rs"] mod fixtures;` from an example.
//!
//! Everything is deterministic (a fixed-seed xorshift generator), so the same call gives the same bytes.
//! The unit tests at the bottom run wherever this file is compiled as a test (e.g. `cargo test --examples`).

#![allow(dead_code)]

use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use jpeg_encoder::{ColorType, Encoder, PixelDensity, SamplingFactor};
use std::io::Cursor;

/// Background blue of a registration photo (≈ the "证件照蓝" RGB(67,142,219)).
pub const PHOTO_BLUE: [u8; 3] = [67, 142, 219];
/// Navy of the jacket / shoulders.
pub const NAVY: [u8; 3] = [24, 34, 72];
/// Skin tone of the head.
pub const SKIN: [u8; 3] = [232, 190, 160];
/// Red of the asymmetric badge on the wearer's left side (the image's right), to tell mirror images apart.
pub const BADGE_RED: [u8; 3] = [205, 30, 35];

// ---------------------------------------------------------------------------------------------
// Random numbers and drawing helpers
// ---------------------------------------------------------------------------------------------

/// xorshift64*: tiny, deterministic, good enough for pixel noise.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [-1, 1).
    fn signed(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

fn clamp_u8(v: f32) -> u8 {
    v.round().clamp(0.0, 255.0) as u8
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [f32; 3] {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] as f32 * (1.0 - t) + b[0] as f32 * t,
        a[1] as f32 * (1.0 - t) + b[1] as f32 * t,
        a[2] as f32 * (1.0 - t) + b[2] as f32 * t,
    ]
}

/// `(dx/rx)² + (dy/ry)²`: < 1 inside the ellipse.
fn ellipse(x: f32, y: f32, cx: f32, cy: f32, rx: f32, ry: f32) -> f32 {
    let dx = (x - cx) / rx;
    let dy = (y - cy) / ry;
    dx * dx + dy * dy
}

/// Geometry of a head-and-shoulders figure, in pixels.
#[derive(Clone, Copy)]
struct Person {
    cx: f32,
    /// Centre of the head ellipse.
    head_cy: f32,
    head_rx: f32,
    head_ry: f32,
    /// Half width of the shoulders.
    shoulder_rx: f32,
}

impl Person {
    /// What the person looks like at (x, y), or `None` for background.
    fn colour_at(&self, x: f32, y: f32) -> Option<[f32; 3]> {
        let p = self;
        let head = ellipse(x, y, p.cx, p.head_cy, p.head_rx, p.head_ry);
        let chin_y = p.head_cy + p.head_ry;
        // Shoulders: a wide ellipse whose top sits a little below the chin.
        let sh_top = chin_y + p.head_ry * 0.22;
        let sh_ry = p.head_ry * 1.6;
        let shoulders = ellipse(x, y, p.cx, sh_top + sh_ry, p.shoulder_rx, sh_ry);
        // Badge on the image's right (wearer's left) chest.
        let bx = p.cx + p.shoulder_rx * 0.45;
        let by = sh_top + p.head_ry * 0.55;
        let bs = p.head_rx * 0.16;
        if shoulders < 1.0 {
            if (x - bx).abs() < bs && (y - by).abs() < bs {
                return Some(BADGE_RED.map(|c| c as f32));
            }
            // White shirt collar: a V below the chin.
            let v_half = (y - sh_top) * 0.55;
            if y > sh_top
                && (x - p.cx).abs() < p.head_rx * 0.55 - v_half * 0.2
                && (x - p.cx).abs() > v_half * 0.6 - 2.0
                && y < sh_top + p.head_ry * 0.6
            {
                return Some([238.0, 238.0, 242.0]);
            }
            // A little shading towards the edge of the shoulders.
            let shade = (shoulders * 25.0).min(25.0);
            return Some(mix(NAVY, [10, 14, 30], shade / 60.0));
        }
        if head < 1.0 {
            // Hair: top of the head, parted off-centre (asymmetric on purpose).
            let part = p.cx - p.head_rx * 0.25;
            let hairline = p.head_cy - p.head_ry * 0.45 + ((x - part).abs() / p.head_rx) * p.head_ry * 0.25;
            if y < hairline || (head > 0.82 && y < p.head_cy) {
                return Some([42.0, 30.0, 26.0]);
            }
            // Eyes.
            let eye_y = p.head_cy - p.head_ry * 0.08;
            for side in [-1.0f32, 1.0] {
                if ellipse(x, y, p.cx + side * p.head_rx * 0.38, eye_y, p.head_rx * 0.14, p.head_ry * 0.05) < 1.0 {
                    return Some([30.0, 25.0, 25.0]);
                }
                if ellipse(
                    x,
                    y,
                    p.cx + side * p.head_rx * 0.38,
                    eye_y - p.head_ry * 0.12,
                    p.head_rx * 0.18,
                    p.head_ry * 0.025,
                ) < 1.0
                {
                    return Some([55.0, 40.0, 35.0]);
                }
            }
            // Nose shadow and mouth.
            if ellipse(x, y, p.cx, p.head_cy + p.head_ry * 0.18, p.head_rx * 0.10, p.head_ry * 0.05) < 1.0 {
                return Some(mix(SKIN, [150, 100, 80], 0.5));
            }
            if ellipse(x, y, p.cx, p.head_cy + p.head_ry * 0.45, p.head_rx * 0.28, p.head_ry * 0.045) < 1.0 {
                return Some([180.0, 80.0, 85.0]);
            }
            // Soft shading towards the edge of the face.
            return Some(mix(SKIN, [200, 150, 125], head * 0.6));
        }
        // Neck (below the head ellipse).
        if y > p.head_cy && y < sh_top + 4.0 && (x - p.cx).abs() < p.head_rx * 0.42 {
            return Some(mix(SKIN, [180, 130, 105], 0.35));
        }
        // Ears.
        for side in [-1.0f32, 1.0] {
            if ellipse(x, y, p.cx + side * p.head_rx * 0.98, p.head_cy, p.head_rx * 0.14, p.head_ry * 0.18) < 1.0 {
                return Some(mix(SKIN, [200, 150, 125], 0.3));
            }
        }
        None
    }
}

/// Draws `person` over a background given per pixel, adds uniform noise of ±`noise` levels and returns the
/// picture plus a mask that is true on the person.
fn paint(
    w: u32,
    h: u32,
    person: Person,
    noise: f32,
    seed: u64,
    bg: impl Fn(f32, f32) -> [f32; 3],
) -> (RgbImage, Vec<bool>) {
    let mut rng = Rng::new(seed);
    let mut img = RgbImage::new(w, h);
    let mut mask = vec![false; (w * h) as usize];
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let (c, on_person) = match person.colour_at(fx, fy) {
                Some(c) => (c, true),
                None => (bg(fx, fy), false),
            };
            let n = rng.signed() * noise;
            let px = [clamp_u8(c[0] + n), clamp_u8(c[1] + n * 0.9), clamp_u8(c[2] + n * 1.1)];
            img.put_pixel(x, y, Rgb(px));
            mask[(y * w + x) as usize] = on_person;
        }
    }
    (img, mask)
}

fn portrait_geometry(w: u32, h: u32) -> Person {
    let (w, h) = (w as f32, h as f32);
    let head_ry = 0.2 * h;
    Person { cx: w * 0.5, head_cy: h * 0.40, head_rx: (head_ry * 0.76).min(w * 0.3), head_ry, shoulder_rx: w * 0.52 }
}

fn portrait_bg(h: u32) -> impl Fn(f32, f32) -> [f32; 3] {
    let h = h as f32;
    // Studio blue, slightly lighter at the top, like a real backdrop.
    move |_x, y| {
        let t = y / h;
        [
            PHOTO_BLUE[0] as f32 + 10.0 * (1.0 - t),
            PHOTO_BLUE[1] as f32 + 8.0 * (1.0 - t),
            PHOTO_BLUE[2] as f32 + 4.0 * (1.0 - t),
        ]
    }
}

// ---------------------------------------------------------------------------------------------
// Pictures
// ---------------------------------------------------------------------------------------------

/// A synthetic head-and-shoulders registration photo of `w`×`h` pixels: blue backdrop ≈ RGB(67,142,219),
/// a skin-coloured head ellipse centred horizontally (centre at 40 % of the height, head ≈ 40 % of the
/// height), dark hair parted off-centre, a navy jacket with a white collar and a small red badge on the
/// image's right (so mirrored pictures can be told apart), plus ±6 levels of pixel noise so JPEGs have a
/// realistic size (≈ 25–40 KB at 450×600, quality 80–90).
pub fn portrait(w: u32, h: u32) -> RgbImage {
    portrait_with_noise(w, h, 6.0)
}

/// [`portrait`] with a chosen noise amplitude (± levels); more noise makes bigger JPEGs.
pub fn portrait_with_noise(w: u32, h: u32, noise: f32) -> RgbImage {
    paint(w, h, portrait_geometry(w, h), noise, 0x5EED_0001 ^ u64::from(w) << 20 ^ u64::from(h), portrait_bg(h)).0
}

/// The same portrait as a grayscale picture (luma of [`portrait`]), stored as RGB with R = G = B.
pub fn portrait_gray(w: u32, h: u32) -> RgbImage {
    let mut img = portrait(w, h);
    for p in img.pixels_mut() {
        let [r, g, b] = p.0;
        let l = clamp_u8(0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32);
        p.0 = [l, l, l];
    }
    img
}

/// A light ID-card-like document of `w`×`h` pixels: off-white card, a blue title band with a thin red
/// band under it, a faint wave pattern, a photo box on the right with a grey head, rows of dark
/// text-like strokes on the left and an 18-"digit" number row at the bottom.
pub fn id_card(w: u32, h: u32) -> RgbImage {
    let mut rng = Rng::new(0x1D_CA4D ^ u64::from(w) << 16 ^ u64::from(h));
    let (fw, fh) = (w as f32, h as f32);
    // Pre-compute "characters": (x0, y0, x1, y1) dark rectangles.
    let mut strokes: Vec<(f32, f32, f32, f32)> = Vec::new();
    let ch = fh * 0.055; // character height
    let cw = ch * 0.9; // character width
    let stroke = (ch * 0.12).max(1.5);
    let rows: [(f32, usize); 6] = [(0.24, 4), (0.34, 6), (0.44, 9), (0.54, 11), (0.61, 12), (0.68, 7)];
    for (ry, n) in rows {
        let y0 = fh * ry;
        let mut x = fw * 0.06;
        // A label (grey) then a value.
        for i in 0..n {
            // Each character: 2–4 strokes, horizontal or vertical, at random spots of its cell.
            let k = 2 + (rng.next_u64() % 3) as usize;
            for _ in 0..k {
                let horizontal = rng.next_u64().is_multiple_of(2);
                let ox = (rng.signed() * 0.5 + 0.5) * cw * 0.7;
                let oy = (rng.signed() * 0.5 + 0.5) * ch * 0.7;
                if horizontal {
                    strokes.push((x + ox * 0.3, y0 + oy, x + ox * 0.3 + cw * 0.7, y0 + oy + stroke));
                } else {
                    strokes.push((x + ox, y0 + oy * 0.3, x + ox + stroke, y0 + oy * 0.3 + ch * 0.7));
                }
            }
            x += cw * 1.15;
            if i == 1 {
                x += cw; // gap between label and value
            }
        }
    }
    // The number row: 18 narrow digit-like shapes.
    let ny = fh * 0.84;
    let mut x = fw * 0.28;
    for _ in 0..18 {
        let dw = cw * 0.55;
        strokes.push((x, ny, x + dw, ny + stroke));
        strokes.push((x, ny + ch * 0.85, x + dw, ny + ch * 0.85 + stroke));
        let side = if rng.next_u64().is_multiple_of(2) { x } else { x + dw - stroke };
        strokes.push((side, ny, side + stroke, ny + ch * 0.9));
        x += dw * 1.45;
    }
    let photo = (fw * 0.68, fh * 0.22, fw * 0.93, fh * 0.76);
    let mut img = RgbImage::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let mut c: [f32; 3];
            if fy < fh * 0.12 {
                c = mix([40, 90, 170], [70, 130, 200], fx / fw);
            } else if fy < fh * 0.14 {
                c = [200.0, 45.0, 40.0];
            } else {
                let wave = ((fx / fw * 40.0 + (fy / fh * 9.0).sin() * 3.0).sin() * 0.5 + 0.5) * 8.0;
                c = [236.0 - wave, 238.0 - wave * 0.5, 242.0 - wave * 0.2];
                if fx > photo.0 && fx < photo.2 && fy > photo.1 && fy < photo.3 {
                    let pcx = (photo.0 + photo.2) / 2.0;
                    let pw = photo.2 - photo.0;
                    let ph = photo.3 - photo.1;
                    c = [200.0, 220.0, 240.0];
                    if ellipse(fx, fy, pcx, photo.1 + ph * 0.38, pw * 0.24, ph * 0.22) < 1.0 {
                        c = [150.0, 150.0, 155.0];
                    } else if ellipse(fx, fy, pcx, photo.3 + ph * 0.1, pw * 0.5, ph * 0.35) < 1.0 {
                        c = [90.0, 90.0, 100.0];
                    }
                }
                if strokes.iter().any(|&(x0, y0, x1, y1)| fx >= x0 && fx < x1 && fy >= y0 && fy < y1) {
                    c = [28.0, 28.0, 34.0];
                }
            }
            let n = rng.signed() * 3.0;
            img.put_pixel(x, y, Rgb([clamp_u8(c[0] + n), clamp_u8(c[1] + n), clamp_u8(c[2] + n)]));
        }
    }
    img
}

/// A phone picture of an ID card lying on a wooden desk: `w`×`h`, the card ([`id_card`]) fills ≈ 75 % of
/// the width, with a soft shadow, a wood-grain background and ±7 levels of sensor noise.
pub fn id_card_photo(w: u32, h: u32) -> RgbImage {
    let cw = (w as f32 * 0.75) as u32;
    let chh = cw * 3 / 4;
    let card = id_card(cw, chh);
    let x0 = (w - cw) / 2;
    let y0 = (h - chh) / 2;
    let mut rng = Rng::new(0xDE5C);
    let mut img = RgbImage::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let grain = ((fy * 0.05 + (fx * 0.004).sin() * 6.0).sin() * 0.5 + 0.5) * 30.0;
            let mut c = [120.0 + grain, 80.0 + grain * 0.7, 50.0 + grain * 0.4];
            // Shadow offset down-right.
            if x >= x0 + 12 && x < x0 + cw + 12 && y >= y0 + 14 && y < y0 + chh + 14 {
                c = c.map(|v| v * 0.6);
            }
            if x >= x0 && x < x0 + cw && y >= y0 && y < y0 + chh {
                let p = card.get_pixel(x - x0, y - y0).0;
                // Slightly warm, uneven room light.
                let light = 0.92 + 0.08 * (fx / w as f32);
                c = [p[0] as f32 * light, p[1] as f32 * light * 0.97, p[2] as f32 * light * 0.92];
            }
            let n = rng.signed() * 7.0;
            img.put_pixel(x, y, Rgb([clamp_u8(c[0] + n), clamp_u8(c[1] + n), clamp_u8(c[2] + n)]));
        }
    }
    img
}

/// A landscape phone snapshot of `w`×`h`: a person centred (head at 40 % height, ≈ 36 % of the height),
/// a beige wall with a darker door frame on the left and a floor strip, ±10 levels of noise.
pub fn scene_with_person(w: u32, h: u32) -> RgbImage {
    let (fw, fh) = (w as f32, h as f32);
    let head_ry = 0.18 * fh;
    let person = Person { cx: fw * 0.5, head_cy: fh * 0.40, head_rx: head_ry * 0.76, head_ry, shoulder_rx: fh * 0.42 };
    let bg = move |x: f32, y: f32| {
        let t = y / fh;
        if t > 0.86 {
            [110.0, 95.0, 80.0]
        } else if x > fw * 0.08 && x < fw * 0.2 {
            [150.0 - 20.0 * t, 120.0 - 20.0 * t, 90.0]
        } else {
            let v = ((x / fw) * 3.0).sin() * 6.0;
            [215.0 - 25.0 * t + v, 205.0 - 25.0 * t + v, 185.0 - 20.0 * t + v]
        }
    };
    paint(w, h, person, 10.0, 0x12_3400, bg).0
}

/// RGBA version of [`portrait`]: the backdrop is fully transparent (alpha 0), the person opaque.
pub fn portrait_rgba_transparent(w: u32, h: u32) -> RgbaImage {
    let (img, mask) = paint(w, h, portrait_geometry(w, h), 6.0, 0xA1FA, portrait_bg(h));
    RgbaImage::from_fn(w, h, |x, y| {
        let [r, g, b] = img.get_pixel(x, y).0;
        Rgba([r, g, b, if mask[(y * w + x) as usize] { 255 } else { 0 }])
    })
}

// ---------------------------------------------------------------------------------------------
// EXIF orientation
// ---------------------------------------------------------------------------------------------

/// Applies EXIF orientation `o` (1–8) to stored pixels, giving what a viewer displays:
/// 1 as is, 2 mirror, 3 rotate 180°, 4 flip vertically, 5 transpose, 6 rotate 90° clockwise,
/// 7 transverse, 8 rotate 270° clockwise. Other values are treated as 1.
pub fn apply_orientation(stored: &RgbImage, o: u16) -> RgbImage {
    use image::imageops::{flip_horizontal, flip_vertical, rotate90, rotate180, rotate270};
    match o {
        2 => flip_horizontal(stored),
        3 => rotate180(stored),
        4 => flip_vertical(stored),
        5 => flip_horizontal(&rotate90(stored)),
        6 => rotate90(stored),
        7 => flip_horizontal(&rotate270(stored)),
        8 => rotate270(stored),
        _ => stored.clone(),
    }
}

/// The pixels a camera stores so that applying EXIF orientation `o` (1–8) gives back `img`
/// (the inverse of [`apply_orientation`]). For 5–8 width and height swap.
pub fn stored_for_orientation(img: &RgbImage, o: u16) -> RgbImage {
    use image::imageops::{flip_horizontal, flip_vertical, rotate90, rotate180, rotate270};
    match o {
        2 => flip_horizontal(img),
        3 => rotate180(img),
        4 => flip_vertical(img),
        5 => flip_horizontal(&rotate90(img)), // transpose is its own inverse
        6 => rotate270(img),
        7 => flip_horizontal(&rotate270(img)), // transverse is its own inverse
        8 => rotate90(img),
        _ => img.clone(),
    }
}

/// A TIFF structure for an EXIF APP1 segment (without the `Exif\0\0` header): IFD0 with Orientation
/// (0x0112), XResolution/YResolution (0x011A/0x011B, RATIONAL `dpi/1`) and ResolutionUnit (0x0128 = 2,
/// inches) when `x_res_dpi` is given, Software (0x0131, ASCII) when given. Big-endian ("MM") or
/// little-endian ("II").
pub fn exif_tiff(orientation: u16, x_res_dpi: Option<u32>, software: Option<&str>, big_endian: bool) -> Vec<u8> {
    let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    // (tag, type, count, value bytes); type 2 ASCII, 3 SHORT, 5 RATIONAL.
    let mut entries: Vec<(u16, u16, u32, Vec<u8>)> = vec![(0x0112, 3, 1, u16b(orientation).to_vec())];
    if let Some(dpi) = x_res_dpi {
        let rational = [u32b(dpi), u32b(1)].concat();
        entries.push((0x011A, 5, 1, rational.clone()));
        entries.push((0x011B, 5, 1, rational));
        entries.push((0x0128, 3, 1, u16b(2).to_vec()));
    }
    if let Some(s) = software {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        entries.push((0x0131, 2, b.len() as u32, b));
    }
    entries.sort_by_key(|e| e.0);
    let mut out = Vec::new();
    out.extend_from_slice(if big_endian { b"MM" } else { b"II" });
    out.extend_from_slice(&u16b(42));
    out.extend_from_slice(&u32b(8));
    let ifd_len = 2 + 12 * entries.len() + 4;
    let mut data_off = 8 + ifd_len;
    let mut data = Vec::new();
    out.extend_from_slice(&u16b(entries.len() as u16));
    for (tag, ty, count, val) in &entries {
        out.extend_from_slice(&u16b(*tag));
        out.extend_from_slice(&u16b(*ty));
        out.extend_from_slice(&u32b(*count));
        if val.len() <= 4 {
            // Inline, left-justified in the 4-byte field.
            let mut field = val.clone();
            field.resize(4, 0);
            out.extend_from_slice(&field);
        } else {
            out.extend_from_slice(&u32b(data_off as u32));
            data.extend_from_slice(val);
            if val.len() % 2 == 1 {
                data.push(0); // keep offsets word-aligned
            }
            data_off = 8 + ifd_len + data.len();
        }
    }
    out.extend_from_slice(&u32b(0)); // no IFD1
    out.extend_from_slice(&data);
    out
}

// ---------------------------------------------------------------------------------------------
// JPEG
// ---------------------------------------------------------------------------------------------

fn dims16(img: &RgbImage) -> (u16, u16) {
    (u16::try_from(img.width()).expect("width ≤ 65535"), u16::try_from(img.height()).expect("height ≤ 65535"))
}

fn encoder(out: &mut Vec<u8>, quality: u8, dpi: Option<u16>) -> Encoder<&mut Vec<u8>> {
    let mut enc = Encoder::new(out, quality);
    enc.set_sampling_factor(SamplingFactor::F_2_2);
    enc.set_optimized_huffman_tables(true);
    enc.set_density(dpi.map(PixelDensity::dpi).unwrap_or_default());
    enc
}

/// Baseline JPEG, 4:2:0, optimised Huffman tables, `quality` 1–100. The JFIF header carries `dpi`
/// (unit 1 = inches) or, for `None`, no density (unit 0, aspect 1:1).
pub fn jpeg(img: &RgbImage, quality: u8, dpi: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = dims16(img);
    encoder(&mut out, quality, dpi).encode(img.as_raw(), w, h, ColorType::Rgb).expect("jpeg encode");
    out
}

/// Progressive JPEG (SOF2), 4:2:0, 300 dpi.
pub fn jpeg_progressive(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = dims16(img);
    let mut enc = encoder(&mut out, quality, Some(300));
    enc.set_progressive(true);
    enc.encode(img.as_raw(), w, h, ColorType::Rgb).expect("jpeg encode");
    out
}

/// Naive RGB → CMYK (K = 1 − max, C/M/Y relative to it), 0 = no ink.
pub fn rgb_to_cmyk(r: u8, g: u8, b: u8) -> [u8; 4] {
    let k = 255 - r.max(g).max(b);
    if k == 255 {
        return [0, 0, 0, 255];
    }
    let d = (255 - k) as f32;
    let f = |c: u8| clamp_u8((255.0 - c as f32 - k as f32) / d * 255.0);
    [f(r), f(g), f(b), k]
}

/// A 4-component CMYK JPEG (Adobe APP14, transform 0, inverted as Photoshop writes it), 300 dpi,
/// converted from the RGB picture with [`rgb_to_cmyk`].
pub fn jpeg_cmyk(img: &RgbImage, quality: u8) -> Vec<u8> {
    let data: Vec<u8> = img.pixels().flat_map(|p| rgb_to_cmyk(p[0], p[1], p[2])).collect();
    let mut out = Vec::new();
    let (w, h) = dims16(img);
    encoder(&mut out, quality, Some(300)).encode(&data, w, h, ColorType::Cmyk).expect("jpeg encode");
    out
}

/// A 1-component grayscale JPEG (luma of the RGB picture), 300 dpi.
pub fn jpeg_gray(img: &RgbImage, quality: u8) -> Vec<u8> {
    let data: Vec<u8> =
        img.pixels().map(|p| clamp_u8(0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32)).collect();
    let mut out = Vec::new();
    let (w, h) = dims16(img);
    encoder(&mut out, quality, Some(300)).encode(&data, w, h, ColorType::Luma).expect("jpeg encode");
    out
}

/// Baseline JPEG with an EXIF APP1 segment built by [`exif_tiff`] (big-endian). The JFIF header has no
/// density (unit 0), so the resolution, if any, is only in EXIF, as phones write it.
pub fn jpeg_with_exif(
    img: &RgbImage,
    quality: u8,
    orientation: u16,
    x_res_dpi: Option<u32>,
    software: Option<&str>,
) -> Vec<u8> {
    jpeg_with_exif_endian(img, quality, orientation, x_res_dpi, software, true)
}

/// [`jpeg_with_exif`] with a choice of TIFF byte order.
pub fn jpeg_with_exif_endian(
    img: &RgbImage,
    quality: u8,
    orientation: u16,
    x_res_dpi: Option<u32>,
    software: Option<&str>,
    big_endian: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = dims16(img);
    let mut enc = encoder(&mut out, quality, None);
    enc.add_exif_metadata(&exif_tiff(orientation, x_res_dpi, software, big_endian)).expect("exif segment");
    enc.encode(img.as_raw(), w, h, ColorType::Rgb).expect("jpeg encode");
    out
}

/// The highest quality (≤ `max_quality`) at which `encode(q)` is at most `max_bytes`, with its bytes;
/// `None` if even quality 5 is too big.
pub fn fit_quality(max_bytes: usize, max_quality: u8, encode: impl Fn(u8) -> Vec<u8>) -> Option<(u8, Vec<u8>)> {
    let mut q = max_quality;
    while q >= 5 {
        let bytes = encode(q);
        if bytes.len() <= max_bytes {
            return Some((q, bytes));
        }
        q -= if q > 60 { 2 } else { 5 };
    }
    None
}

/// One marker segment of a JPEG header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The byte after 0xFF (e.g. 0xE0 for APP0, 0xC0 for SOF0).
    pub marker: u8,
    /// Offset of the 0xFF byte.
    pub offset: usize,
    /// Segment payload, without marker and length.
    pub payload: Vec<u8>,
}

/// Walks the marker segments of a JPEG from SOI up to and including SOS (entropy data is not walked).
/// Stops early, returning what it found, at anything malformed.
pub fn jpeg_segments(bytes: &[u8]) -> Vec<Segment> {
    let mut out = Vec::new();
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return out;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        if len < 2 || i + 2 + len > bytes.len() {
            break;
        }
        out.push(Segment { marker, offset: i, payload: bytes[i + 4..i + 2 + len].to_vec() });
        if marker == 0xDA {
            break;
        }
        i += 2 + len;
    }
    out
}

/// (width, height, components, SOF marker) from the first SOFn segment.
pub fn jpeg_frame(bytes: &[u8]) -> Option<(u16, u16, u8, u8)> {
    jpeg_segments(bytes)
        .into_iter()
        .find(|s| matches!(s.marker, 0xC0..=0xCF) && !matches!(s.marker, 0xC4 | 0xC8 | 0xCC))
        .map(|s| {
            let p = &s.payload;
            (u16::from_be_bytes([p[3], p[4]]), u16::from_be_bytes([p[1], p[2]]), p[5], s.marker)
        })
}

/// The JFIF density (unit, x, y) from APP0, if there is a JFIF APP0.
pub fn jfif_density(bytes: &[u8]) -> Option<(u8, u16, u16)> {
    jpeg_segments(bytes).into_iter().find(|s| s.marker == 0xE0 && s.payload.starts_with(b"JFIF\0")).map(|s| {
        let p = &s.payload;
        (p[7], u16::from_be_bytes([p[8], p[9]]), u16::from_be_bytes([p[10], p[11]]))
    })
}

/// A valid little JPEG whose SOF0 claims `w`×`h` (e.g. 20000×20000): the header is patched after
/// encoding a 16×16 picture, so the entropy data is far too short for the claimed size.
pub fn jpeg_header_bomb(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = jpeg(&portrait(16, 16), 75, Some(300));
    let sof = jpeg_segments(&bytes).into_iter().find(|s| s.marker == 0xC0).expect("baseline SOF0");
    let o = sof.offset + 4; // payload start: precision, height, width
    bytes[o + 1..o + 3].copy_from_slice(&h.to_be_bytes());
    bytes[o + 3..o + 5].copy_from_slice(&w.to_be_bytes());
    bytes
}

// ---------------------------------------------------------------------------------------------
// PNG, WebP and other files
// ---------------------------------------------------------------------------------------------

fn encode_with_image(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut c = Cursor::new(Vec::new());
    img.write_to(&mut c, format).expect("image encode");
    c.into_inner()
}

/// 8-bit RGB PNG.
pub fn png_rgb8(img: &RgbImage) -> Vec<u8> {
    encode_with_image(DynamicImage::ImageRgb8(img.clone()), ImageFormat::Png)
}

/// 16-bit-per-channel RGB PNG (each 8-bit value v becomes v·257).
pub fn png_rgb16(img: &RgbImage) -> Vec<u8> {
    let img16: ImageBuffer<Rgb<u16>, Vec<u16>> =
        ImageBuffer::from_fn(img.width(), img.height(), |x, y| Rgb(img.get_pixel(x, y).0.map(|v| u16::from(v) * 257)));
    encode_with_image(DynamicImage::ImageRgb16(img16), ImageFormat::Png)
}

/// RGBA PNG of a portrait on a fully transparent background (see [`portrait_rgba_transparent`]).
pub fn png_rgba_transparent(w: u32, h: u32) -> Vec<u8> {
    encode_with_image(DynamicImage::ImageRgba8(portrait_rgba_transparent(w, h)), ImageFormat::Png)
}

/// Lossless WebP (the only WebP encoding the `image` crate has).
pub fn webp_lossless(img: &RgbImage) -> Vec<u8> {
    encode_with_image(DynamicImage::ImageRgb8(img.clone()), ImageFormat::WebP)
}

/// CRC-32 (IEEE 802.3, as PNG uses), bitwise.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A "decompression bomb" PNG: signature, an IHDR claiming `w`×`h` 8-bit RGB (20000×20000 would be
/// 1.2 GB of pixels), a tiny IDAT (the zlib stream of nothing) and IEND, all CRCs correct.
pub fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // depth 8, RGB, deflate, adaptive filter, no interlace
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// What an iPhone's HEIC looks like to a sniffer: an `ftyp` box with major brand `heic`, compatible
/// brands `mif1` and `heic`, then a `meta` box header followed by junk.
pub fn heic_stub() -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&24u32.to_be_bytes());
    out.extend_from_slice(b"ftypheic");
    out.extend_from_slice(&0u32.to_be_bytes());
    out.extend_from_slice(b"mif1heic");
    out.extend_from_slice(&4096u32.to_be_bytes());
    out.extend_from_slice(b"meta");
    let mut rng = Rng::new(0x4E1C);
    out.extend((0..4000).map(|_| rng.next_u64() as u8));
    out
}

/// The first `keep_fraction` (0–1) of the bytes, as an interrupted download leaves them.
pub fn truncated(bytes: &[u8], keep_fraction: f64) -> Vec<u8> {
    let n = ((bytes.len() as f64) * keep_fraction.clamp(0.0, 1.0)) as usize;
    bytes[..n].to_vec()
}

/// A copy whose middle third is overwritten with garbage (random bytes sprinkled with 0xFF marker
/// bytes), the header and the end left intact.
pub fn corrupt(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let (a, b) = (out.len() / 3, out.len() * 2 / 3);
    let mut rng = Rng::new(0xBAD);
    for (i, byte) in out[a..b].iter_mut().enumerate() {
        *byte = if i % 97 == 0 { 0xFF } else { rng.next_u64() as u8 };
    }
    out
}

/// A small UTF-8 text file (what a renamed .txt looks like).
pub fn text_file() -> Vec<u8> {
    "这不是照片。\n考生姓名：张三\n报名号：41010120240001\n备注：请上传 JPG 格式的证件照。\n".as_bytes().to_vec()
}

/// A 12-megapixel phone photo: 4000×3000 [`scene_with_person`] as a JPEG at quality 90 (4:2:0) with
/// EXIF orientation 1, 72 dpi and Software "PhoneCamera 1.0"; several MB.
pub fn twelve_mp_photo() -> Vec<u8> {
    jpeg_with_exif(&scene_with_person(4000, 3000), 90, 1, Some(72), Some("PhoneCamera 1.0"))
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
        a.iter().zip(b).all(|(&x, y)| (x as i32 - y as i32).abs() <= tol)
    }

    /// Mean colour of a small square (averages the noise away).
    fn mean(img: &RgbImage, cx: u32, cy: u32, r: u32) -> [u8; 3] {
        let mut s = [0u32; 3];
        let mut n = 0;
        for y in cy - r..=cy + r {
            for x in cx - r..=cx + r {
                let p = img.get_pixel(x, y).0;
                for c in 0..3 {
                    s[c] += u32::from(p[c]);
                }
                n += 1;
            }
        }
        s.map(|v| (v / n) as u8)
    }

    #[test]
    fn portrait_has_blue_background_skin_head_navy_shoulders() {
        let img = portrait(450, 600);
        assert_eq!(img.dimensions(), (450, 600));
        assert!(close(mean(&img, 20, 150, 5), PHOTO_BLUE, 12), "background {:?}", mean(&img, 20, 150, 5));
        assert!(close(mean(&img, 225, 250, 4), SKIN, 30), "face {:?}", mean(&img, 225, 250, 4));
        assert!(close(mean(&img, 60, 590, 4), NAVY, 20), "shoulders {:?}", mean(&img, 60, 590, 4));
        // Noise: neighbouring background pixels differ.
        assert_ne!(img.get_pixel(20, 150), img.get_pixel(21, 150));
        // Deterministic.
        assert_eq!(img, portrait(450, 600));
    }

    #[test]
    fn badge_makes_portrait_asymmetric() {
        let img = portrait(450, 600);
        assert_ne!(img, image::imageops::flip_horizontal(&img));
    }

    #[test]
    fn id_card_is_light_with_bands_and_strokes() {
        let img = id_card(800, 600);
        assert_eq!(img.dimensions(), (800, 600));
        let top = mean(&img, 400, 30, 5);
        assert!(top[2] > top[0] + 60, "blue band {top:?}");
        let dark = img.pixels().filter(|p| p[0] < 60 && p[1] < 60 && p[2] < 60).count();
        assert!(dark > 5_000, "text strokes: {dark} dark pixels");
        let light = img.pixels().filter(|p| p[0] > 200 && p[1] > 200).count();
        assert!(light > 200_000, "light card: {light}");
    }

    #[test]
    fn orientation_round_trips() {
        let img = portrait(45, 60);
        for o in 1..=8u16 {
            let stored = stored_for_orientation(&img, o);
            if o >= 5 {
                assert_eq!(stored.dimensions(), (60, 45), "orientation {o}");
            } else {
                assert_eq!(stored.dimensions(), (45, 60), "orientation {o}");
            }
            assert_eq!(apply_orientation(&stored, o), img, "orientation {o}");
        }
        // 6 is "rotate 90° clockwise to view": the stored top-left pixel ends up top-right.
        let stored = stored_for_orientation(&img, 6);
        assert_eq!(stored.get_pixel(0, 0), img.get_pixel(44, 0));
    }

    #[test]
    fn baseline_jpeg_markers_and_density() {
        let img = portrait(450, 600);
        let j = jpeg(&img, 85, Some(300));
        assert_eq!(&j[..2], &[0xFF, 0xD8]);
        assert_eq!(&j[j.len() - 2..], &[0xFF, 0xD9]);
        assert_eq!(jfif_density(&j), Some((1, 300, 300)));
        let (w, h, comps, sof) = jpeg_frame(&j).unwrap();
        assert_eq!((w, h, comps, sof), (450, 600, 3, 0xC0));
        // 4:2:0: luma sampling 2×2, chroma 1×1.
        let sof_seg = jpeg_segments(&j).into_iter().find(|s| s.marker == 0xC0).unwrap();
        assert_eq!(sof_seg.payload[7], 0x22);
        assert_eq!(sof_seg.payload[10], 0x11);
        let none = jpeg(&img, 85, None);
        assert_eq!(jfif_density(&none), Some((0, 1, 1)));
        assert!(jpeg(&img, 95, Some(300)).len() > jpeg(&img, 60, Some(300)).len());
        let decoded = jpeg_decoder::Decoder::new(&j[..]).decode().expect("decodes");
        assert_eq!(decoded.len(), 450 * 600 * 3);
    }

    #[test]
    fn special_jpegs() {
        let img = portrait(450, 600);
        let p = jpeg_progressive(&img, 85);
        assert_eq!(jpeg_frame(&p).unwrap().3, 0xC2);
        assert!(jpeg_decoder::Decoder::new(&p[..]).decode().is_ok());
        let c = jpeg_cmyk(&img, 85);
        assert_eq!(jpeg_frame(&c).unwrap().2, 4);
        assert!(jpeg_segments(&c).iter().any(|s| s.marker == 0xEE && s.payload.starts_with(b"Adobe")));
        let mut dec = jpeg_decoder::Decoder::new(&c[..]);
        assert_eq!(dec.decode().unwrap().len(), 450 * 600 * 4);
        let g = jpeg_gray(&img, 85);
        assert_eq!(jpeg_frame(&g).unwrap().2, 1);
        assert_eq!(rgb_to_cmyk(255, 255, 255), [0, 0, 0, 0]);
        assert_eq!(rgb_to_cmyk(0, 0, 0), [0, 0, 0, 255]);
        assert_eq!(rgb_to_cmyk(255, 0, 0), [0, 255, 255, 0]);
    }

    #[test]
    fn exif_segment_layout() {
        let img = portrait(60, 45);
        for be in [true, false] {
            let j = jpeg_with_exif_endian(&img, 80, 6, Some(350), Some("Fixture"), be);
            let app1 = jpeg_segments(&j).into_iter().find(|s| s.marker == 0xE1).expect("APP1");
            assert!(app1.payload.starts_with(b"Exif\0\0"));
            let t = &app1.payload[6..];
            let u16r =
                |o: usize| if be { u16::from_be_bytes([t[o], t[o + 1]]) } else { u16::from_le_bytes([t[o], t[o + 1]]) };
            let u32r = |o: usize| {
                let b = [t[o], t[o + 1], t[o + 2], t[o + 3]];
                if be { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }
            };
            assert_eq!(&t[..2], if be { b"MM" } else { b"II" });
            assert_eq!(u16r(2), 42);
            let ifd = u32r(4) as usize;
            let n = u16r(ifd) as usize;
            assert_eq!(n, 5);
            let mut seen = Vec::new();
            for k in 0..n {
                let e = ifd + 2 + 12 * k;
                let tag = u16r(e);
                seen.push(tag);
                match tag {
                    0x0112 => assert_eq!(u16r(e + 8), 6),
                    0x011A | 0x011B => {
                        let off = u32r(e + 8) as usize;
                        assert_eq!((u32r(off), u32r(off + 4)), (350, 1));
                    }
                    0x0128 => assert_eq!(u16r(e + 8), 2),
                    0x0131 => {
                        let off = u32r(e + 8) as usize;
                        assert_eq!(&t[off..off + 8], b"Fixture\0");
                    }
                    other => panic!("unexpected tag {other:#x}"),
                }
            }
            assert_eq!(seen, [0x0112, 0x011A, 0x011B, 0x0128, 0x0131]);
            assert_eq!(jfif_density(&j), Some((0, 1, 1)));
        }
    }

    #[test]
    fn pngs_and_webp_decode_back() {
        let img = portrait(90, 120);
        let p8 = image::load_from_memory(&png_rgb8(&img)).unwrap();
        assert_eq!(p8.to_rgb8(), img);
        let p16 = image::load_from_memory(&png_rgb16(&img)).unwrap();
        assert_eq!(p16.color(), image::ColorType::Rgb16);
        assert_eq!(p16.to_rgb8(), img);
        let rgba = image::load_from_memory(&png_rgba_transparent(90, 120)).unwrap().to_rgba8();
        assert_eq!(rgba.get_pixel(2, 2)[3], 0);
        assert_eq!(rgba.get_pixel(45, 50)[3], 255);
        let wp = image::load_from_memory_with_format(&webp_lossless(&img), ImageFormat::WebP).unwrap();
        assert_eq!(wp.to_rgb8(), img);
    }

    #[test]
    fn bombs_claim_huge_sizes() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let png = png_bomb(20000, 20000);
        assert!(png.len() < 100);
        let reader = image::ImageReader::new(Cursor::new(&png)).with_guessed_format().unwrap();
        assert_eq!(reader.into_dimensions().unwrap(), (20000, 20000));
        // Every chunk CRC checks out.
        let mut i = 8;
        while i < png.len() {
            let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
            let crc = u32::from_be_bytes(png[i + 8 + len..i + 12 + len].try_into().unwrap());
            assert_eq!(crc32(&png[i + 4..i + 8 + len]), crc);
            i += 12 + len;
        }
        assert_eq!(i, png.len());
        let j = jpeg_header_bomb(20000, 20000);
        assert_eq!(jpeg_frame(&j).unwrap().0, 20000);
        assert_eq!(jpeg_frame(&j).unwrap().1, 20000);
        assert!(j.len() < 5_000);
    }

    #[test]
    fn broken_files() {
        let good = jpeg(&portrait(450, 600), 85, Some(300));
        let t = truncated(&good, 0.5);
        assert_eq!(t.len(), good.len() / 2);
        assert_ne!(&t[t.len() - 2..], &[0xFF, 0xD9]);
        let c = corrupt(&good);
        assert_eq!(c.len(), good.len());
        assert_eq!(&c[..100], &good[..100]);
        assert_ne!(c, good);
        assert!(jpeg_decoder::Decoder::new(&c[..]).decode().is_err(), "corrupt JPEG must not decode");
        let h = heic_stub();
        assert_eq!(&h[4..12], b"ftypheic");
        assert!(h.windows(4).any(|w| w == b"mif1"));
        assert!(std::str::from_utf8(&text_file()).unwrap().contains("照片"));
    }

    #[test]
    fn fit_quality_searches_downwards() {
        let img = portrait(450, 600);
        let (q, bytes) = fit_quality(30_000, 95, |q| jpeg(&img, q, Some(300))).unwrap();
        assert!(bytes.len() <= 30_000);
        assert!(q >= 40, "quality {q} is too low for a realistic photo");
    }

    #[test]
    #[ignore = "slow in debug builds; run with --ignored"]
    fn twelve_megapixels() {
        let j = twelve_mp_photo();
        assert_eq!(jpeg_frame(&j).unwrap().0, 4000);
        assert!(j.len() > 2_000_000, "{} bytes", j.len());
    }
}
