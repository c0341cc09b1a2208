//! `face.ears_visible`: both ear keypoints (tragion, from the detector) inside the picture, and the
//! ear beside each keypoint skin-coloured like the face. A keypoint outside the picture fails (the
//! ear is cut off); an ear that does not look like skin may be covered by hair — or lit
//! differently, or simply small — so the person is asked to look (`manual`), never failed.

use super::Ctx;
use super::face::Face;
use super::pixels::{Pixels, Ycc, centred_box};
use crate::face::Point;
use crate::photo::content::{ContentResult, Mark, Shape};
use crate::report::{Check, CheckId, Status};

/// Share of pixels around the ear that have the face's skin colour.
fn skin_share(px: &Pixels, skin: Ycc, ear: Point, outward: f32, d: f32) -> f32 {
    // The ear lies just outside the tragion keypoint: a window 0.25 × 0.45 eye distances,
    // centred 0.12 eye distances further out from the face.
    let region = px.region(centred_box(ear.x + outward * 0.12 * d, ear.y, 0.25 * d, 0.45 * d));
    if region.is_empty() {
        return 0.0;
    }
    let like = region
        .iter()
        .filter(|p| {
            (p.cb - skin.cb).abs() <= 12.0
                && (p.cr - skin.cr).abs() <= 12.0
                && p.y >= skin.y * 0.55
                && p.y <= skin.y * 1.4 + 12.0
        })
        .count();
    like as f32 / region.len() as f32
}

pub fn check(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceEarsVisible;
    let g = ctx.spec;
    let expected = format!("两耳都在照片内并露出，不被头发遮住（耳旁皮肤色占比 ≥ {:.0}%）", g.ear_skin_share * 100.0);
    let ears = [face.det.right_ear, face.det.left_ear];
    let inside = |p: Point| {
        p.x.is_finite() && p.y.is_finite() && p.x >= 0.0 && p.y >= 0.0 && p.x < ctx.width && p.y < ctx.height
    };
    let points: Vec<Point> = ears.into_iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
    if !ears.into_iter().all(inside) {
        out.marks.push(Mark::new(ID, Status::Fail, "耳朵", Shape::Dots { points }));
        out.checks.push(Check::new(
            ID,
            Status::Fail,
            "有耳朵在照片外",
            expected,
            "有一侧耳朵超出了照片边缘。请用“一键修复”按人脸重新裁剪，或重拍时站到画面中间。",
        ));
        return;
    }
    let px = Pixels::new(ctx.image, (ctx.obs.width, ctx.obs.height));
    let d = face.eye_distance();
    // Skin reference: the cheeks, straight below each eye at nose height.
    let cheeks = [face.right_eye, face.left_eye].map(|e| centred_box(e.x, face.nose.y, 0.2 * d, 0.2 * d));
    let skin = match (px.mean(cheeks[0]), px.mean(cheeks[1])) {
        (Some(a), Some(b)) => Ycc { y: (a.y + b.y) / 2.0, cb: (a.cb + b.cb) / 2.0, cr: (a.cr + b.cr) / 2.0 },
        _ => {
            out.checks.push(Check::new(
                ID,
                Status::Manual,
                "无法读取脸部颜色",
                expected,
                "请确认两耳露出、没有被头发遮住。",
            ));
            return;
        }
    };
    // Outward = away from the face's centre line.
    let out_of = |p: Point| if p.x < face.eye_mid.x { -1.0 } else { 1.0 };
    let shares = ears.map(|e| skin_share(&px, skin, e, out_of(e), d));
    let seen = shares.map(|s| s >= g.ear_skin_share);
    let (status, message) = if seen == [true, true] {
        (Status::Pass, "两耳露出。".to_owned())
    } else {
        // The person's right ear is on the viewer's left.
        let which = match seen {
            [false, false] => "两侧耳朵",
            [false, true] => "画面左侧的耳朵",
            _ => "画面右侧的耳朵",
        };
        (
            Status::Manual,
            format!(
                "{which}看起来不像露出的皮肤，可能被头发遮住（也可能是光线原因）。要求头发不遮挡耳朵：请确认；若被遮住，请把头发拢到耳后重拍。"
            ),
        )
    };
    out.marks.push(Mark::new(ID, status, "耳朵", Shape::Dots { points }));
    let measured = format!("耳旁皮肤色占比：画面左侧 {:.0}%，右侧 {:.0}%", shares[0] * 100.0, shares[1] * 100.0);
    out.checks.push(Check::new(ID, status, measured, expected, message));
}
