//! The light and the background of one preview frame, measured from the pixels themselves, so a
//! dark room is called dark whether or not a face was found in it.

use super::guide::{Guide, Rect};
use super::head::Head;
use crate::photo::content::scene::colour::{encode, hsv, luminance};
use crate::profile::scene::{BackgroundSpec, LightingSpec};

/// Without a face, a frame is too dark when more than this share of the crop's upper two thirds
/// (where the face and the background belong; clothes below may be black) is crushed to black by
/// the profile's own `lighting.dark_y`: a dim room darkens all of it, so a face the detector
/// cannot find in the dark is called dark, not missing. With a face, the face itself is judged
/// (a black backdrop behind a lit face is not darkness) by the profile's `clipped_share` warn limit.
pub const DARK_SCENE_SHARE: f32 = 0.5;

/// What the light and the background look like in one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Light {
    /// Share (0–1) of the judged pixels (the face's, else the scene's) at or below `dark_y`.
    pub dark_share: f32,
    /// Too dark to take the photo.
    pub dark: bool,
    /// Whether the background beside and above the head has the profile's colour; `None` when too
    /// little of it is visible to say.
    pub background_ok: Option<bool>,
}

impl Light {
    pub fn is_dark(&self) -> bool {
        self.dark
    }
}

/// Samples every `STEP`th pixel on both axes: a 320×240 frame gives ~1,700 samples in the crop's
/// upper part, plenty for a share and a median, at a fraction of the cost.
const STEP: usize = 3;
/// Fewer background samples than this: not enough to judge the colour.
const MIN_BACKGROUND: usize = 40;

/// Measures an RGB frame (`rgb` row-major, 3 bytes a pixel) against the guide.
pub fn measure(
    rgb: &[u8],
    width: u32,
    height: u32,
    guide: &Guide,
    head: Option<&Head>,
    lighting: &LightingSpec,
    background: &BackgroundSpec,
) -> Light {
    let (w, h) = (width as usize, height as usize);
    if rgb.len() < w * h * 3 || w == 0 || h == 0 {
        return Light { dark_share: 0.0, dark: false, background_ok: None };
    }
    let pixel = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
        [rgb[i], rgb[i + 1], rgb[i + 2]]
    };
    let c = guide.crop;
    let upper = Rect { height: c.height * 2.0 / 3.0, ..c };
    let (mut dark, mut total) = (0usize, 0usize);
    let mut bg = vec![];
    // Background: beside the head (outside its box widened by half) and above its top; without a
    // head, the crop's top tenth and its outer sixths.
    let head_box = head.map(|hd| {
        let half = (hd.chin - hd.top) * 0.5;
        (hd.eye_mid.x - half * 1.2, hd.top - half * 0.15, hd.eye_mid.x + half * 1.2, hd.eye_mid.y + half)
    });
    let is_dark = |p: [u8; 3]| f64::from(encode(luminance(p))) <= lighting.dark_y;
    for (x, y) in samples(upper, w, h, STEP) {
        let p = pixel(x, y);
        total += 1;
        dark += usize::from(is_dark(p));
        let (fx, fy) = (x as f32, y as f32);
        let is_background = match head_box {
            Some((x0, y0, x1, y1)) => fy < y1 && !(fx >= x0 && fx <= x1 && fy >= y0),
            None => fy < c.y + c.height * 0.1 || fx < c.x + c.width / 6.0 || fx > c.x + c.width * 5.0 / 6.0,
        };
        if is_background {
            bg.push(hsv(p));
        }
    }
    let background_ok = (bg.len() >= MIN_BACKGROUND).then(|| is_colour(&mut bg, background));
    // The face: between the eyes and the mouth, a cheek's width either side (skin, not hair).
    let face = head.map(|hd| {
        let hh = (hd.chin - hd.top).max(1.0);
        let (y0, y1) = (hd.eye_mid.y - 0.05 * hh, hd.chin - 0.12 * hh);
        let face = Rect { x: hd.eye_mid.x - 0.22 * hh, y: y0, width: 0.44 * hh, height: y1 - y0 };
        // Every second pixel: a far face's area is small and must still give enough samples.
        let (mut n, mut d) = (0usize, 0usize);
        for (x, y) in samples(face, w, h, 2) {
            n += 1;
            d += usize::from(is_dark(pixel(x, y)));
        }
        (n, d)
    });
    match face {
        Some((n, d)) if n >= MIN_BACKGROUND => {
            let share = d as f32 / n as f32;
            Light { dark_share: share, dark: f64::from(share) > lighting.clipped_share.warn, background_ok }
        }
        _ => {
            let share = if total == 0 { 0.0 } else { dark as f32 / total as f32 };
            Light { dark_share: share, dark: share > DARK_SCENE_SHARE, background_ok }
        }
    }
}

/// Every `step`th pixel of `r` on both axes, row by row, clipped to a `w`×`h` frame.
fn samples(r: Rect, w: usize, h: usize, step: usize) -> impl Iterator<Item = (usize, usize)> {
    let (x0, x1) = (r.x.max(0.0) as usize, ((r.x + r.width).max(0.0) as usize).min(w));
    let (y0, y1) = (r.y.max(0.0) as usize, ((r.y + r.height).max(0.0) as usize).min(h));
    (y0..y1).step_by(step).flat_map(move |y| (x0..x1).step_by(step).map(move |x| (x, y)))
}

/// The median hue, saturation and value inside the profile's warn limits: a live guide says
/// "not blue" only where the photo check would fail, never on a borderline shade.
fn is_colour(hsv: &mut [(f32, f32, f32)], spec: &BackgroundSpec) -> bool {
    let mid = hsv.len() / 2;
    let median = |hsv: &mut [(f32, f32, f32)], key: fn(&(f32, f32, f32)) -> f32| {
        hsv.select_nth_unstable_by(mid, |a, b| key(a).total_cmp(&key(b)));
        f64::from(key(&hsv[mid]))
    };
    let (hue, sat, val) = (median(hsv, |p| p.0), median(hsv, |p| p.1), median(hsv, |p| p.2));
    spec.hue_warn.contains(hue) && sat >= spec.saturation.warn && val >= spec.value.warn
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::Point;
    use crate::profile::default_profile;

    fn frame(w: u32, h: u32, colour: [u8; 3]) -> Vec<u8> {
        colour.iter().copied().cycle().take((w * h * 3) as usize).collect()
    }

    /// The frame with the box x 110–209, y 40–199 painted `colour` (a stand-in for a head).
    fn with_box(mut rgb: Vec<u8>, colour: [u8; 3]) -> Vec<u8> {
        for y in 40..200 {
            for x in 110..210 {
                let i = (y * 320 + x) * 3;
                rgb[i..i + 3].copy_from_slice(&colour);
            }
        }
        rgb
    }

    fn run(rgb: &[u8], head: Option<&Head>) -> Light {
        let p = default_profile();
        let g = Guide::new(320, 240, 0.75, &p.photo_content.geometry);
        measure(rgb, 320, 240, &g, head, &p.photo_content.scene.lighting, &p.photo_content.scene.background)
    }

    #[test]
    fn a_lit_blue_wall_is_neither_dark_nor_off_colour() {
        let l = run(&frame(320, 240, [67, 142, 219]), None);
        assert_eq!(l.dark_share, 0.0);
        assert_eq!(l.background_ok, Some(true));
        assert!(!l.is_dark());
    }

    #[test]
    fn the_same_wall_at_a_seventh_of_the_light_is_dark() {
        let l = run(&frame(320, 240, [67 / 7, 142 / 7, 219 / 7]), None);
        assert!(l.is_dark(), "{l:?}");
    }

    #[test]
    fn a_white_wall_beside_the_head_is_not_blue_and_the_head_itself_is_not_background() {
        assert_eq!(run(&frame(320, 240, [235, 235, 230]), None).background_ok, Some(false));
        // A blue wall with a red "head" in the middle: the head's pixels must not count.
        let rgb = with_box(frame(320, 240, [67, 142, 219]), [200, 40, 40]);
        let head = Head { top: 40.0, chin: 160.0, eye_mid: Point { x: 160.0, y: 90.0 }, roll_deg: 0.0, yaw_deg: 0.0 };
        assert_eq!(run(&rgb, Some(&head)).background_ok, Some(true));
    }

    #[test]
    fn with_a_face_the_face_decides_not_a_black_backdrop() {
        let rgb = with_box(frame(320, 240, [5, 5, 5]), [200, 150, 130]);
        let head = Head { top: 40.0, chin: 160.0, eye_mid: Point { x: 160.0, y: 90.0 }, roll_deg: 0.0, yaw_deg: 0.0 };
        assert!(run(&rgb, None).is_dark(), "no face: the black scene is dark");
        assert!(!run(&rgb, Some(&head)).is_dark(), "a lit face before a black backdrop");
        let dim: Vec<u8> = rgb.iter().map(|v| v / 12).collect();
        assert!(run(&dim, Some(&head)).is_dark(), "the same face in a dim room");
    }

    #[test]
    fn a_short_buffer_measures_nothing_and_does_not_panic() {
        assert_eq!(run(&[1, 2, 3], None), Light { dark_share: 0.0, dark: false, background_ok: None });
    }
}
