//! `image.sharpness`: variance of the Laplacian of the face's luma, as a share of the luma's own
//! variance (index = 100 × var(∇²Y′) / var(Y′)). The face is first area-averaged to
//! `face_size`×`face_size` pixels, so a face of 230 px in a 450×600 photo and one of 1,500 px in
//! a phone photo are judged on the same scale (a smaller face is used as is). Dividing by the
//! luma variance makes the index independent of contrast: a darker skin tone or a dim photo has
//! smaller Laplacian values for the same focus, and must not be called blurred for it.

use super::colour::luma;
use super::regions::{Layout, Region};
use super::{push, unmeasured};
use crate::photo::content::ContentResult;
use crate::profile::scene::SharpnessSpec;
use crate::report::{Check, CheckId, Status};
use image::RgbImage;

pub fn checks(layout: &Layout, spec: &SharpnessSpec) -> ContentResult {
    let mut out = ContentResult::default();
    let expected = format!("面部清晰度指数 ≥ {:.1}", spec.laplacian_index.pass);
    let measured_var = layout.face.and_then(|r| sharpness_index(layout.image, r, spec.face_size).map(|v| (r, v)));
    let Some((region, var)) = measured_var else {
        let why = "面部区域太小或没有细节，无法测量";
        out.checks.push(unmeasured(CheckId::ImageSharpness, why, layout, &expected, "请自行确认照片清晰、对焦准确。"));
        return out;
    };
    let status = spec.laplacian_index.status(var);
    let message = match status {
        Status::Pass => "照片清晰。",
        Status::Warn => "面部不够清晰（轻微模糊或过度美颜磨皮），可能被退回。",
        _ => "面部模糊（对焦不准、手抖或放大过的小图），请拿稳手机、对焦在脸上重拍。",
    };
    let measured = format!("清晰度指数 {var:.1}{}", layout.note);
    push(
        &mut out,
        Check::new(CheckId::ImageSharpness, status, measured, expected, message),
        &[("清晰度取样".to_owned(), region)],
    );
    out
}

/// 100 × variance of the 4-neighbour Laplacian ÷ variance of the luma, over the region
/// area-averaged to at most `size`². `None` when the region is under 3×3 pixels or featureless.
pub fn sharpness_index(img: &RgbImage, r: Region, size: u32) -> Option<f64> {
    let (ow, oh) = (r.width().min(size), r.height().min(size));
    if ow < 3 || oh < 3 {
        return None;
    }
    let mut grey = vec![0f32; (ow * oh) as usize];
    for v in 0..oh {
        let (sy0, sy1) = span(v, oh, r.y0, r.height());
        for u in 0..ow {
            let (sx0, sx1) = span(u, ow, r.x0, r.width());
            let mut sum = 0f32;
            for y in sy0..sy1 {
                for x in sx0..sx1 {
                    sum += luma(img.get_pixel(x, y).0);
                }
            }
            grey[(v * ow + u) as usize] = sum / ((sy1 - sy0) * (sx1 - sx0)) as f32;
        }
    }
    let at = |x: u32, y: u32| grey[(y * ow + x) as usize];
    let (mut g, mut g2) = (0f64, 0f64);
    for v in &grey {
        g += f64::from(*v);
        g2 += f64::from(*v).powi(2);
    }
    let nn = grey.len() as f64;
    let grey_var = g2 / nn - (g / nn).powi(2);
    let (mut s, mut s2, mut n) = (0f64, 0f64, 0f64);
    for y in 1..oh - 1 {
        for x in 1..ow - 1 {
            let l = f64::from(4.0 * at(x, y) - at(x - 1, y) - at(x + 1, y) - at(x, y - 1) - at(x, y + 1));
            s += l;
            s2 += l * l;
            n += 1.0;
        }
    }
    let lap_var = (s2 / n - (s / n).powi(2)).max(0.0);
    // A featureless region (σ under 2 grey levels) has no detail to be sharp or blurred.
    (grey_var >= 4.0).then(|| 100.0 * lap_var / grey_var)
}

/// The source pixels `[a, b)` that output cell `i` of `n` covers in a span of `len` from `start`.
fn span(i: u32, n: u32, start: u32, len: u32) -> (u32, u32) {
    let a = (u64::from(i) * u64::from(len) / u64::from(n)) as u32;
    let b = ((u64::from(i + 1) * u64::from(len) / u64::from(n)) as u32).max(a + 1);
    (start + a, start + b)
}
