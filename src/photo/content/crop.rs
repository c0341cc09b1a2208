//! The face-aware crop: from a picture larger than the target, the rectangle (target aspect) that
//! puts the head height, top margin, eye line and horizontal centre inside their pass bands (by
//! at least the measurement uncertainty), as near the middles as the picture allows; the fix then
//! scales it to the exact size. When no such crop exists, a Chinese message says which edge is
//! short and how to retake the photo.
//!
//! The plan is made from an observation that may have been taken on a downscaled copy: it is
//! scaled to the full-resolution upright pixels the fix decodes.

use super::geometry::{TopSource, count_faces, main_face};
use crate::face::{BoxF, FaceObservation, Landmarks, PersonMask, Point};
use crate::fix::Fit;
use crate::imaging::resample::{Rect, crop_and_resize};
use crate::profile::{Band, GeometrySpec, ImageSpec};
use image::RgbImage;

/// Where to crop, in full-resolution upright pixels of the original picture.
#[derive(Debug, Clone, PartialEq)]
pub struct CropPlan {
    /// The original picture's full-resolution upright size.
    pub full: (u32, u32),
    /// The crop rectangle (target aspect) in those pixels.
    pub rect: BoxF,
    /// Predicted fractions after the crop (head height, top margin, centre, eye line).
    pub head: f32,
    pub top: f32,
    pub centre: f32,
    pub eyes: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CropError {
    NoFace,
    SeveralFaces(usize),
    /// The head is too big for the picture: no frame of the target aspect gives head = 2/3.
    TooClose,
    /// The head has fewer pixels than the target needs (upscaling would blur).
    TooSmall {
        head_px: u32,
    },
    /// Hair-top at or too near the top edge.
    NoRoomAbove,
    /// Not enough picture below the chin.
    NoRoomBelow,
    /// Too near the left or right edge (viewer's side).
    OffCentre {
        right: bool,
    },
    /// No crop meets both the head-top and the eye-line bands: the eyes sit unusually low in the
    /// head as measured (hair piled high, a hat).
    Proportions,
}

impl CropError {
    pub fn message(&self) -> String {
        match self {
            CropError::NoFace => "没有找到人脸，无法按人脸位置裁剪。请上传本人正面、免冠、露出整张脸的照片。".into(),
            CropError::SeveralFaces(n) => {
                format!("照片中有 {n} 张人脸，无法确定考生本人。请单独拍摄，画面里不要出现其他人。")
            }
            CropError::TooClose => "人离镜头太近：头部在照片里太大，裁剪后头部无法只占照片的 2/3。请离镜头远一些（约 1.5 米），让画面拍到肩膀和胸口、头顶上方留出空间后重拍。".into(),
            CropError::TooSmall { head_px } => format!(
                "人在照片里太小（头部只有 {head_px} 像素），放大到要求的尺寸会很模糊。请靠近镜头一些，让头部占画面更大后重拍。"
            ),
            CropError::NoRoomAbove => "头顶上方没有留出空间（头顶太靠近或超出照片上边），无法按要求裁剪。请重拍：镜头略微上移，头顶上方留出一拳左右的空间。".into(),
            CropError::NoRoomBelow => "下巴下方拍得太少，无法按要求裁剪（照片下边应刚露出锁骨或衣领）。请重拍，让画面拍到肩膀。".into(),
            CropError::Proportions => "头顶到眼睛的距离比常见的长（头发盘得很高，或戴着帽子），任何裁剪都无法让头顶留白和眼睛高度同时合格。请摘下帽子、把头发放低后重拍。".into(),
            CropError::OffCentre { right } => format!(
                "人太靠近照片{}边缘，无法把人像裁到水平居中。请站到镜头正前方、人在画面中间后重拍。",
                if *right { "右" } else { "左" }
            ),
        }
    }
}

/// Where one candidate crop height leaves the framing, in pixels of the full picture: how much
/// picture is missing beyond each edge for the bands to be met (0 = enough).
#[derive(Debug, Clone, Copy, Default)]
struct Shortfall {
    above: f32,
    below: f32,
    left: f32,
    right: f32,
    /// The head-top and eye-line bands cannot both be met at this size (eyes low in a tall head).
    proportions: f32,
}

impl Shortfall {
    fn total(&self) -> f32 {
        self.above + self.below + self.left + self.right + self.proportions
    }

    fn error(&self) -> CropError {
        let worst = [self.above, self.below, self.left, self.right, self.proportions]
            .into_iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(0, |(i, _)| i);
        match worst {
            0 => CropError::NoRoomAbove,
            1 => CropError::NoRoomBelow,
            2 => CropError::OffCentre { right: false },
            3 => CropError::OffCentre { right: true },
            _ => CropError::Proportions,
        }
    }
}

/// Fraction of the crop kept between a planned value and its guard band (≈ 2.4 px of 600).
const ROUNDING: f32 = 0.004;

/// How many crop heights the search tries across the head-height band.
const STEPS: usize = 48;

/// Plans the crop of a `full`-sized picture (observed as `obs`, possibly downscaled) to `target`.
///
/// Every crop of the target aspect that puts head height, top margin, eye line and centre inside
/// their pass bands narrowed by the measurement uncertainty (so the fixed photo passes) is a
/// candidate; of those it takes the one closest to the middles of the head-height, top-margin and
/// centre bands (squared distance in half-band widths). When none exists it says which edge of the picture is short.
pub fn plan(
    obs: &FaceObservation,
    full: (u32, u32),
    target: (u32, u32),
    g: &GeometrySpec,
) -> Result<CropPlan, CropError> {
    // Doubtful background detections (see `count_faces`) do not stop the crop: it is planned on
    // the main face, and the re-check of the fixed photo still shows them.
    match count_faces(obs, g).people.len() {
        0 => return Err(CropError::NoFace),
        1 => {}
        n => return Err(CropError::SeveralFaces(n)),
    }
    let face = main_face(obs, g.min_face_score).ok_or(CropError::NoFace)?;
    if face.top_source == TopSource::CutOff {
        return Err(CropError::NoRoomAbove);
    }
    let (fw, fh) = (full.0.max(1) as f32, full.1.max(1) as f32);
    let (sx, sy) = (fw / obs.width.max(1) as f32, fh / obs.height.max(1) as f32);
    let (top, chin, cx, eye_y) = (face.top * sy, face.chin.y * sy, face.eye_mid.x * sx, face.eye_mid.y * sy);
    let head = chin - top;
    if !(head.is_finite() && head > 0.0 && top.is_finite() && cx.is_finite() && eye_y.is_finite()) {
        return Err(CropError::NoFace);
    }
    let (tw, th) = (target.0.max(1) as f32, target.1.max(1) as f32);
    let u = g.uncertainty;
    // A little further in than the guard bands: the fixed photo is measured again on whole pixels.
    let (hb, tb, eb, cb) = (
        g.head_height_pass.shrunk(u.head_height + ROUNDING),
        g.top_margin_pass.shrunk(u.top_margin + ROUNDING),
        g.eye_line_pass.shrunk(u.eye_line + ROUNDING),
        g.centre_pass.shrunk(u.centre + ROUNDING),
    );
    let dev = |v: f32, b: Band| ((v - b.mid()) / ((b.max - b.min) / 2.0).max(1e-6)).powi(2);
    let mut best: Option<(f32, CropPlan)> = None;
    let mut least_short: Option<Shortfall> = None;
    let (mut too_close, mut too_small) = (0, 0);
    for i in 0..=STEPS {
        // From the largest head fraction (smallest crop) to the smallest.
        let frac = hb.max - (hb.max - hb.min) * i as f32 / STEPS as f32;
        let h = head / frac;
        let w = h * tw / th;
        if h > fh || w > fw {
            too_close += 1;
            continue;
        }
        // Upscaling by more than 1/0.6 ≈ 1.7× visibly blurs a 450×600 photo.
        if h < th * 0.6 {
            too_small += 1;
            continue;
        }
        // The crop's top edge y0 allowed by the top-margin and eye-line bands, and by the picture.
        let band_lo = (top - tb.max * h).max(eye_y - eb.max * h);
        let band_hi = (top - tb.min * h).min(eye_y - eb.min * h);
        let x_lo = cx - cb.max * w;
        let x_hi = cx - cb.min * w;
        let short = Shortfall {
            above: (-band_hi).max(0.0),
            below: (band_lo + h - fh).max(0.0),
            left: (-x_hi).max(0.0),
            right: (x_lo + w - fw).max(0.0),
            proportions: (band_lo - band_hi).max(0.0),
        };
        if short.total() > 0.0 {
            if least_short.is_none_or(|s| short.total() < s.total()) {
                least_short = Some(short);
            }
            continue;
        }
        // Nearest the middles of the head-height, top-margin and centre bands; the eye line only
        // has to be inside its band (it follows from the head's proportions).
        let y_ideal = top - tb.mid() * h;
        // max/min rather than clamp: never a panic on bounds a rounding error apart.
        let y0 = y_ideal.max(band_lo).max(0.0).min(band_hi).min(fh - h);
        let x0 = (cx - cb.mid() * w).max(x_lo).max(0.0).min(x_hi).min(fw - w);
        let p = CropPlan {
            full,
            rect: BoxF { x: x0, y: y0, width: w, height: h },
            head: head / h,
            top: (top - y0) / h,
            centre: (cx - x0) / w,
            eyes: (eye_y - y0) / h,
        };
        let cost = dev(p.head, hb) + dev(p.top, tb) + dev(p.centre, cb);
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, p));
        }
    }
    match (best, least_short) {
        (Some((_, p)), _) => Ok(p),
        (None, Some(short)) => Err(short.error()),
        (None, None) if too_close > 0 && too_small == 0 => Err(CropError::TooClose),
        (None, None) if too_small > 0 && too_close == 0 => {
            Err(CropError::TooSmall { head_px: head.round().max(0.0) as u32 })
        }
        _ => Err(CropError::NoFace),
    }
}

impl CropPlan {
    /// The rectangle in a picture of size `size` (the same picture, decoded at another scale).
    pub fn rect_in(&self, size: (u32, u32)) -> Rect {
        let k = size.0 as f32 / self.full.0.max(1) as f32;
        let kh = size.1 as f32 / self.full.1.max(1) as f32;
        let r = self.rect;
        let x = (r.x * k).round().clamp(0.0, size.0.saturating_sub(1) as f32) as u32;
        let y = (r.y * kh).round().clamp(0.0, size.1.saturating_sub(1) as f32) as u32;
        Rect {
            x,
            y,
            width: ((r.width * k).round() as u32).clamp(1, size.0.saturating_sub(x).max(1)),
            height: ((r.height * kh).round() as u32).clamp(1, size.1.saturating_sub(y).max(1)),
        }
    }

    pub fn note(&self) -> String {
        format!(
            "已按人脸位置裁剪：头顶到下巴占照片高度的 {:.0}%，头顶留白 {:.0}%，人像水平居中（不拉伸）。",
            self.head * 100.0,
            self.top * 100.0
        )
    }
}

/// The fix's fit strategy for photos with a planned face-aware crop.
pub struct FaceAwareCrop {
    pub plan: CropPlan,
}

impl Fit for FaceAwareCrop {
    fn fit(&self, img: &RgbImage, spec: &ImageSpec) -> (RgbImage, Vec<String>) {
        let rect = self.plan.rect_in(img.dimensions());
        (crop_and_resize(img, rect, spec.width, spec.height), vec![self.plan.note()])
    }

    fn source_extent(&self, full: (u32, u32), _spec: &ImageSpec) -> (u32, u32) {
        let r = self.plan.rect_in(full);
        (r.width, r.height)
    }
}

/// The observation as it would be on the cropped picture: `rect` (in the observation's pixels)
/// scaled to `out`. Used to re-run the checks on the planned result (tests, the page's preview).
pub fn transform(obs: &FaceObservation, rect: BoxF, out: (u32, u32)) -> FaceObservation {
    let k = out.0 as f32 / rect.width.max(1e-3);
    let kh = out.1 as f32 / rect.height.max(1e-3);
    let pt = |p: Point| Point { x: (p.x - rect.x) * k, y: (p.y - rect.y) * kh };
    let faces = obs
        .faces
        .iter()
        .map(|d| {
            let mut d = d.clone();
            let b = d.bbox;
            d.bbox = BoxF { x: (b.x - rect.x) * k, y: (b.y - rect.y) * kh, width: b.width * k, height: b.height * kh };
            for p in
                [&mut d.right_eye, &mut d.left_eye, &mut d.nose_tip, &mut d.mouth, &mut d.right_ear, &mut d.left_ear]
            {
                *p = pt(*p);
            }
            d
        })
        .collect();
    let landmarks = obs.landmarks.as_ref().map(|l| Landmarks {
        presence: l.presence,
        points: l.points.iter().map(|&[x, y, z]| [(x - rect.x) * k, (y - rect.y) * kh, z * k]).collect(),
    });
    let m = &obs.mask;
    let (mx, my) = (m.width as f32 / obs.width.max(1) as f32, m.height as f32 / obs.height.max(1) as f32);
    let mut data = vec![0u8; out.0 as usize * out.1 as usize];
    if m.width > 0 && m.height > 0 {
        for (i, v) in data.iter_mut().enumerate() {
            let (x, y) = ((i % out.0 as usize) as f32 + 0.5, (i / out.0 as usize) as f32 + 0.5);
            let (ox, oy) = (rect.x + x / k, rect.y + y / kh);
            if ox >= 0.0 && oy >= 0.0 {
                let (u, v2) = ((ox * mx) as u32, (oy * my) as u32);
                if u < m.width && v2 < m.height {
                    *v = m.at(u, v2);
                }
            }
        }
    }
    FaceObservation {
        width: out.0,
        height: out.1,
        faces,
        landmarks,
        mask: PersonMask { width: out.0, height: out.1, data },
    }
}

#[cfg(test)]
mod tests;
