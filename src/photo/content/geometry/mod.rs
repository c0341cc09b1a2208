//! Face geometry: `face.count`, `face.head_height`, `face.top_margin`, `face.centered`,
//! `face.eye_line`, `face.pose`, `face.eyes_open`, `face.eyebrows_visible`, `face.ears_visible`,
//! and the `manual` attire items (`attire.jewellery`, `attire.headwear`, `clothing.collar`).
//!
//! Everything is judged on the picture as it is (a phone photo before the fix too: the bands are
//! fractions of its own height/width); `crop` plans the face-aware fix. Each check adds the marks
//! that explain it on the photo, in the colour of its status.

mod attire;
mod ears;
mod eyes;
pub mod face;
mod framing;
mod pixels;
pub mod pose;

use super::{ContentInput, ContentResult, Mark, Shape};
use crate::face::FaceObservation;
use crate::profile::{Band, GeometrySpec};
use crate::report::{Check, CheckId, Status};
use image::RgbImage;

pub use face::{Face, FaceCount, TopSource, count_faces, main_face};

/// What every geometry check reads.
pub struct Ctx<'a> {
    pub image: &'a RgbImage,
    pub obs: &'a FaceObservation,
    pub spec: &'a GeometrySpec,
    /// The picture's size (the observation's), as floats.
    pub width: f32,
    pub height: f32,
}

/// Pass inside `pass`, warn inside `warn`, fail outside (NaN fails).
/// `v` against its bands; `guard` (the measurement uncertainty) narrows the pass band on both
/// sides, so a value measured just inside a limit warns instead of passing (see
/// `profile::Uncertainty`). The truth of a test portrait is exact: it uses `guard = 0`.
pub fn band_status(v: f32, pass: Band, warn: Band, guard: f32) -> Status {
    if pass.shrunk(guard).contains(v) {
        Status::Pass
    } else if warn.contains(v) {
        Status::Warn
    } else {
        Status::Fail
    }
}

/// Inside the pass band but within `guard` of a limit: the message says so.
pub fn near_limit(v: f32, pass: Band, guard: f32) -> bool {
    pass.contains(v) && !pass.shrunk(guard).contains(v)
}

/// The message for a value [`near_limit`]: what was measured, the band, and the uncertainty.
pub fn near_limit_message(what: &str, v: f32, pass: Band, guard: f32) -> String {
    format!(
        "{what}为 {:.1}%，在要求范围（{:.1}%–{:.1}%）之内，但离边界不到本工具的测量误差（±{:.1}%），审核时可能被判不合格。建议用“一键修复”按人脸重新裁剪到范围中间。",
        v * 100.0,
        pass.min * 100.0,
        pass.max * 100.0,
        guard * 100.0
    )
}

/// All geometry checks with their marks.
pub fn checks(input: &ContentInput) -> ContentResult {
    let obs = input.observation;
    let spec = &input.spec.geometry;
    let ctx = Ctx { image: input.image, obs, spec, width: obs.width.max(1) as f32, height: obs.height.max(1) as f32 };
    let mut out = ContentResult::default();
    let found = count(&ctx, &mut out);
    if found > 0 {
        // With several people the most confident face is measured (the count already fails).
        let face = main_face(obs, spec.min_face_score);
        match &face {
            Some(face) => {
                framing::head_height(&ctx, face, &mut out);
                framing::top_margin(&ctx, face, &mut out);
                framing::centered(&ctx, face, &mut out);
                framing::eye_line(&ctx, face, &mut out);
                pose::check(&ctx, face, &mut out);
                eyes::eyes_open(&ctx, face, &mut out);
                eyes::eyebrows_visible(&ctx, face, &mut out);
                ears::check(&ctx, face, &mut out);
            }
            None => out.checks.push(Check::new(
                CheckId::FaceHeadHeight,
                Status::Fail,
                "无法测量",
                "头顶到下巴约占照片高度的 2/3",
                "找到了人脸，但位置数据无法使用（脸可能太靠边或被遮挡）。请重拍一张正面、完整的照片。",
            )),
        }
        attire::checks(&ctx, face.as_ref(), &mut out);
    }
    for c in &mut out.checks {
        c.confirmed = c.status == Status::Manual && input.confirmed.contains(&c.id);
    }
    out
}

/// `face.count`: exactly one person. Returns how many people count.
fn count(ctx: &Ctx, out: &mut ContentResult) -> usize {
    const ID: CheckId = CheckId::FaceCount;
    let found = count_faces(ctx.obs, ctx.spec);
    let (status, message) = match (found.people.len(), found.doubtful.len()) {
        (1, 0) => (Status::Pass, "照片中有一张人脸。".to_owned()),
        (1, _) => (
            Status::Warn,
            "照片中有一张人脸；背景里可能有人脸（或像人脸的图案，已用框标出）。请确认画面里只有考生本人；最好在纯色背景前重拍。"
                .to_owned(),
        ),
        (0, _) => (
            Status::Fail,
            "没有找到人脸。请上传本人正面、免冠、露出整张脸的照片（不要戴口罩、墨镜，光线不要太暗）。".to_owned(),
        ),
        (n, _) => (
            Status::Fail,
            format!("照片中找到 {n} 张人脸，只能有考生本人。请单独拍摄，画面里不要出现其他人或带人像的图案。"),
        ),
    };
    for d in &found.people {
        out.marks.push(Mark::new(ID, status, "人脸", Shape::Rect { rect: d.bbox }));
    }
    for d in &found.doubtful {
        out.marks.push(Mark::new(ID, Status::Warn, "可能的人脸", Shape::Rect { rect: d.bbox }));
    }
    let mut measured = format!("{} 张", found.people.len());
    if !found.doubtful.is_empty() {
        measured.push_str(&format!("（另有 {} 处可能的人脸：分数低或很小）", found.doubtful.len()));
    }
    out.checks.push(Check::new(ID, status, measured, "1 张（仅考生本人）", message));
    found.people.len()
}

#[cfg(test)]
mod tests;
