//! Staged camera scenes for tests and the browser tests' fake camera: a real photograph of an adult
//! (the CC0 portraits of `../shared/real-portraits`, with their checked truth in
//! `tests/fixtures/real-portraits-truth.toml`) placed on a blue wall at a chosen size and place,
//! and the YUV4MPEG2 video Chromium's fake camera plays (`--use-file-for-fake-video-capture`).
//! Native only: nothing here ships in the site.

use super::guide::Guide;
use image::{Rgb, RgbImage, imageops};
use serde::Deserialize;

/// A blue wall of the kind the notice asks for (hue 210°, inside the profile's blue band).
pub const WALL: Rgb<u8> = Rgb([67, 142, 219]);

/// The portraits' folder (where an entry names none) and truth, relative to the repository root.
const DIR: &str = "../shared/real-portraits";
const TRUTH: &str = "tests/fixtures/real-portraits-truth.toml";

/// A real portrait and where its head is (pixels of the file, from the truth file).
pub struct Portrait {
    pub image: RgbImage,
    pub head_top: f32,
    pub chin: f32,
    pub eye_mid: [f32; 2],
}

/// One portrait's truth, the fields the camera guide uses (the truth file has more; the accuracy
/// command `real_accuracy` reads them all).
#[derive(Debug, Deserialize)]
pub struct Truth {
    pub file: String,
    /// The file's folder, relative to the repository root, if not `../shared/real-portraits`.
    #[serde(default)]
    pub folder: Option<String>,
    /// The person's right eye (viewer's left) and left eye centres, pixels of the file.
    pub right_eye: [f32; 2],
    pub left_eye: [f32; 2],
    pub head_top: f32,
    pub chin: f32,
    /// "level", "slight" or "strong".
    pub yaw: String,
    pub faces: usize,
}

impl Truth {
    pub fn eye_mid(&self) -> [f32; 2] {
        [(self.right_eye[0] + self.left_eye[0]) / 2.0, (self.right_eye[1] + self.left_eye[1]) / 2.0]
    }
}

#[derive(Deserialize)]
struct TruthFile {
    portrait: Vec<Truth>,
}

/// Every portrait's truth. `root` is the repository's root.
pub fn truth(root: &std::path::Path) -> Result<Vec<Truth>, String> {
    let text = std::fs::read_to_string(root.join(TRUTH)).map_err(|e| format!("{TRUTH}: {e}"))?;
    Ok(toml::from_str::<TruthFile>(&text).map_err(|e| format!("{TRUTH}: {e}"))?.portrait)
}

/// The decoded, upright picture of a portrait.
pub fn picture(root: &std::path::Path, file: &str) -> Result<RgbImage, String> {
    let entry = truth(root)?.into_iter().find(|e| e.file == file);
    let path = root.join(entry.and_then(|e| e.folder).as_deref().unwrap_or(DIR)).join(file);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(crate::imaging::decode::decode(&bytes, (u32::MAX, u32::MAX)).map_err(|e| format!("{file}: {e:?}"))?.image)
}

/// Loads `file` of the real portraits with its truth.
pub fn portrait(root: &std::path::Path, file: &str) -> Result<Portrait, String> {
    let e = truth(root)?.into_iter().find(|e| e.file == file).ok_or(format!("{file} is not in {TRUTH}"))?;
    Ok(Portrait { image: picture(root, file)?, head_top: e.head_top, chin: e.chin, eye_mid: e.eye_mid() })
}

/// Where the head goes in the frame: its true height as a share of the frame's height, and its
/// eye midpoint's column and hair top's row as shares of the frame's width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub head_share: f32,
    pub eye_x: f32,
    pub top_y: f32,
}

impl Placement {
    /// The head in the middle of every band of the guide.
    pub fn framed(guide: &Guide, width: u32, height: u32) -> Placement {
        let (top, chin) = (guide.top_band().mid(), guide.chin_band().mid());
        Placement {
            head_share: (chin - top) / height as f32,
            eye_x: guide.centre_x() / width as f32,
            top_y: top / height as f32,
        }
    }
}

/// The portrait scaled and placed on the wall of a `width`×`height` frame.
pub fn stage(p: &Portrait, width: u32, height: u32, at: Placement) -> RgbImage {
    let mut frame = RgbImage::from_pixel(width, height, WALL);
    let k = at.head_share * height as f32 / (p.chin - p.head_top);
    let (w, h) = ((p.image.width() as f32 * k).round() as u32, (p.image.height() as f32 * k).round() as u32);
    let small = imageops::resize(&p.image, w.max(1), h.max(1), imageops::FilterType::Triangle);
    let x = at.eye_x * width as f32 - p.eye_mid[0] * k;
    let y = at.top_y * height as f32 - p.head_top * k;
    imageops::overlay(&mut frame, &small, x.round() as i64, y.round() as i64);
    frame
}

/// The frame with every channel scaled by `light` (0–1): the same scene in a dim room.
pub fn dim(frame: &RgbImage, light: f32) -> RgbImage {
    let mut out = frame.clone();
    for p in out.pixels_mut() {
        p.0 = p.0.map(|v| (f32::from(v) * light).round() as u8);
    }
    out
}

/// A YUV4MPEG2 video (4:2:0, full-range BT.601, 10 fps) of `frames`, all of one size.
pub fn y4m(frames: &[RgbImage]) -> Vec<u8> {
    let Some(first) = frames.first() else { return vec![] };
    let (w, h) = first.dimensions();
    let mut out = format!("YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\n").into_bytes();
    for f in frames {
        out.extend_from_slice(b"FRAME\n");
        let px = |x: u32, y: u32| f.get_pixel(x.min(w - 1), y.min(h - 1)).0.map(f32::from);
        for y in 0..h {
            for x in 0..w {
                let [r, g, b] = px(x, y);
                out.push((0.299 * r + 0.587 * g + 0.114 * b).round().clamp(0.0, 255.0) as u8);
            }
        }
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        let mut u = Vec::with_capacity((cw * ch) as usize);
        let mut v = Vec::with_capacity((cw * ch) as usize);
        for y in 0..ch {
            for x in 0..cw {
                let mut s = [0f32; 3];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = px(2 * x + dx, 2 * y + dy);
                    s = [s[0] + p[0] / 4.0, s[1] + p[1] / 4.0, s[2] + p[2] / 4.0];
                }
                let [r, g, b] = s;
                u.push((128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b).round().clamp(0.0, 255.0) as u8);
                v.push((128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b).round().clamp(0.0, 255.0) as u8);
            }
        }
        out.extend(u);
        out.extend(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y4m_has_the_header_and_one_420_frame_per_picture() {
        let f = RgbImage::from_pixel(4, 2, WALL);
        let v = y4m(&[f.clone(), f]);
        let header = b"YUV4MPEG2 W4 H2 F10:1 Ip A1:1 C420jpeg\n";
        assert!(v.starts_with(header));
        assert_eq!(v.len(), header.len() + 2 * (6 + 8 + 2 + 2));
        // Luma of the wall: 0.299·67 + 0.587·142 + 0.114·219 ≈ 128.
        assert_eq!(v[header.len() + 6], 128);
    }

    #[test]
    fn dimming_scales_every_channel() {
        let f = dim(&RgbImage::from_pixel(1, 1, Rgb([100, 200, 50])), 0.5);
        assert_eq!(f.get_pixel(0, 0).0, [50, 100, 25]);
    }
}
