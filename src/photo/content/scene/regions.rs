//! Where each scene check looks: background strips beside and above the head, the clothing below
//! the chin, the face itself. With a face and a usable person mask the regions follow the face
//! and only pixels the mask calls background (or person) are sampled; without them the checks
//! fall back to fixed regions (top corners, bottom centre, picture centre) and say so.

use crate::face::{BoxF, FaceObservation, PersonMask};
use image::RgbImage;

/// Mask value below which a pixel is background, and at or above which it is the person.
const BACKGROUND_BELOW: u8 = 64;
const PERSON_FROM: u8 = 128;
/// Share of sampled mask pixels that must be "person" for the mask to count as having a person.
const MIN_PERSON_SHARE: f64 = 0.005;
/// At most about this many pixels are read per region (a 12 MP photo costs what a small one does;
/// a median of 5,000 samples is within a fraction of a unit of the full region's).
const MAX_SAMPLES: u64 = 5_000;

/// A half-open pixel rectangle inside the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl Region {
    /// The rectangle `[x0, x1) × [y0, y1)` in fractional pixels, clamped to a `w`×`h` picture;
    /// `None` when empty or not finite.
    pub fn clamped(x0: f32, y0: f32, x1: f32, y1: f32, (w, h): (u32, u32)) -> Option<Region> {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return None;
        }
        let cx = |v: f32| v.round().clamp(0.0, w as f32) as u32;
        let cy = |v: f32| v.round().clamp(0.0, h as f32) as u32;
        let r = Region { x0: cx(x0), y0: cy(y0), x1: cx(x1), y1: cy(y1) };
        (r.x1 > r.x0 && r.y1 > r.y0).then_some(r)
    }

    pub fn width(&self) -> u32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> u32 {
        self.y1 - self.y0
    }

    pub fn to_box(self) -> BoxF {
        BoxF { x: self.x0 as f32, y: self.y0 as f32, width: self.width() as f32, height: self.height() as f32 }
    }
}

/// Which pixels of a region to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    All,
    Background,
    Person,
}

/// The regions for one picture, and how they were found.
#[derive(Debug, Clone)]
pub struct Layout<'a> {
    pub image: &'a RgbImage,
    /// The person mask, when it has the picture's size and contains a person.
    pub mask: Option<&'a PersonMask>,
    /// The face box (clamped), when a face was detected.
    pub face_box: Option<Region>,
    /// The central part of the face (or the picture centre without a face): light and sharpness.
    pub face: Option<Region>,
    /// Where the face's left and right halves meet (nose tip, else the box centre).
    pub split_x: u32,
    /// Background strips with their Chinese names: left, right (and top when a face is known).
    pub background: Vec<(&'static str, Region)>,
    pub clothing: Option<Region>,
    /// Why fixed regions were used, said in every check's `measured` text (empty when not).
    pub note: String,
}

impl<'a> Layout<'a> {
    pub fn new(image: &'a RgbImage, obs: &'a FaceObservation) -> Layout<'a> {
        let (w, h) = image.dimensions();
        let (wf, hf) = (w as f32, h as f32);
        let mask = usable_mask(&obs.mask, (w, h));
        // Faces are in the observation's pixels; scale them if the picture has another size.
        let (sx, sy) =
            if obs.width > 0 && obs.height > 0 { (wf / obs.width as f32, hf / obs.height as f32) } else { (1.0, 1.0) };
        let face = obs.faces.first().and_then(|d| {
            let b = d.bbox;
            let r = Region::clamped(b.x * sx, b.y * sy, (b.x + b.width) * sx, (b.y + b.height) * sy, (w, h))?;
            let nose = d.nose_tip.x * sx;
            let split = if nose.is_finite() && nose > r.x0 as f32 && nose < r.x1 as f32 {
                nose.round() as u32
            } else {
                (r.x0 + r.x1) / 2
            };
            Some((r, split))
        });
        let mut notes = Vec::new();
        if face.is_none() {
            notes.push("未检测到人脸");
        }
        if mask.is_none() {
            notes.push(
                if obs.mask.width != w
                    || obs.mask.height != h
                    || obs.mask.data.len() as u64 != u64::from(w) * u64::from(h)
                {
                    "人像分割与图片尺寸不符"
                } else {
                    "人像分割中没有人"
                },
            );
        }
        let margin = (0.02 * wf).max(1.0);
        let corners = || {
            let left = Region::clamped(margin, margin, 0.2 * wf, 0.25 * hf, (w, h));
            let right = Region::clamped(0.8 * wf, margin, wf - margin, 0.25 * hf, (w, h));
            [("左上角", left), ("右上角", right)].into_iter().filter_map(|(n, r)| Some((n, r?))).collect::<Vec<_>>()
        };
        let (background, clothing, face_region, split_x) = match face {
            Some((fb, split)) => {
                let (fx0, fy0, fx1, fy1) = (fb.x0 as f32, fb.y0 as f32, fb.x1 as f32, fb.y1 as f32);
                let (fw, fh) = (fx1 - fx0, fy1 - fy0);
                let background = if mask.is_some() {
                    let strips = [
                        ("左侧", Region::clamped(margin, fy0 - 0.2 * fh, fx0 - 0.1 * fw, fy0 + 0.7 * fh, (w, h))),
                        ("右侧", Region::clamped(fx1 + 0.1 * fw, fy0 - 0.2 * fh, wf - margin, fy0 + 0.7 * fh, (w, h))),
                        ("上方", Region::clamped(margin, margin, wf - margin, fy0 - 0.3 * fh, (w, h))),
                    ];
                    strips.into_iter().filter_map(|(n, r)| Some((n, r?))).collect()
                } else {
                    corners()
                };
                // Below the chin: wide enough that the neck is a minority of the samples.
                let clothing = if mask.is_some() {
                    Region::clamped(fx0 - 0.4 * fw, fy1 + 0.25 * fh, fx1 + 0.4 * fw, hf - margin, (w, h))
                } else {
                    Region::clamped(fx0, fy1 + 0.3 * fh, fx1, hf - margin, (w, h))
                };
                let face_region =
                    Region::clamped(fx0 + 0.15 * fw, fy0 + 0.2 * fh, fx1 - 0.15 * fw, fy1 - 0.05 * fh, (w, h));
                (background, clothing, face_region, split)
            }
            None => {
                let clothing = Region::clamped(0.3 * wf, 0.86 * hf, 0.7 * wf, hf - margin, (w, h));
                let centre = Region::clamped(0.35 * wf, 0.3 * hf, 0.65 * wf, 0.6 * hf, (w, h));
                (corners(), clothing, centre, w / 2)
            }
        };
        let note =
            if notes.is_empty() { String::new() } else { format!("（{}，改用固定区域）", notes.join("、")) };
        Layout { image, mask, face_box: face.map(|f| f.0), face: face_region, split_x, background, clothing, note }
    }

    /// The pixels of `region` that `keep` selects (all of them when there is no mask), read on a
    /// grid coarse enough to stay near `MAX_SAMPLES`.
    pub fn pixels(&self, region: Region, keep: Keep) -> Vec<[u8; 3]> {
        let step = sample_step(region);
        let mut out = Vec::with_capacity((region.width().div_ceil(step) * region.height().div_ceil(step)) as usize);
        for y in (region.y0..region.y1).step_by(step as usize) {
            for x in (region.x0..region.x1).step_by(step as usize) {
                if self.keeps(x, y, keep) {
                    out.push(self.image.get_pixel(x, y).0);
                }
            }
        }
        out
    }

    pub fn keeps(&self, x: u32, y: u32, keep: Keep) -> bool {
        match (self.mask, keep) {
            (None, _) | (_, Keep::All) => true,
            (Some(m), Keep::Background) => m.at(x, y) < BACKGROUND_BELOW,
            (Some(m), Keep::Person) => m.at(x, y) >= PERSON_FROM,
        }
    }
}

fn sample_step(r: Region) -> u32 {
    let area = u64::from(r.width()) * u64::from(r.height());
    ((area as f64 / MAX_SAMPLES as f64).sqrt().ceil() as u32).max(1)
}

/// The mask, if it matches the picture and has a person in it.
fn usable_mask(mask: &PersonMask, (w, h): (u32, u32)) -> Option<&PersonMask> {
    if mask.width != w
        || mask.height != h
        || mask.data.len() as u64 != u64::from(w) * u64::from(h)
        || mask.data.is_empty()
    {
        return None;
    }
    let step = (mask.data.len() / 50_000).max(1);
    let (mut person, mut total) = (0usize, 0usize);
    for v in mask.data.iter().step_by(step) {
        person += usize::from(*v >= PERSON_FROM);
        total += 1;
    }
    (person as f64 >= MIN_PERSON_SHARE * total as f64).then_some(mask)
}
