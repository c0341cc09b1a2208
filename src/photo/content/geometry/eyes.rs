//! `face.eyes_open` (eye aspect ratio on the mesh's eye contours) and `face.eyebrows_visible`
//! (each eyebrow darker than the forehead skin just above it: hair over the brows makes both dark).

use super::Ctx;
use super::face::{Face, Mesh, dist, idx};
use super::pixels::Pixels;
use crate::face::{BoxF, Point};
use crate::photo::content::{ContentResult, Mark, Shape};
use crate::report::{Check, CheckId, Status};

/// Eye aspect ratio: mean gap between facing upper/lower lid points over the corner distance.
fn aspect(m: Mesh, lids: &[(usize, usize); 3], corners: (usize, usize)) -> f32 {
    let width = dist(m.p(corners.0), m.p(corners.1)).max(1e-3);
    lids.iter().map(|&(u, l)| dist(m.p(u), m.p(l))).sum::<f32>() / (3.0 * width)
}

pub fn eyes_open(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceEyesOpen;
    let g = ctx.spec;
    let expected = format!("睁眼程度 ≥ {:.2}（眼睑间距 / 眼宽）", g.eye_open_pass);
    let Some(m) = face.mesh else {
        out.marks.push(Mark::new(
            ID,
            Status::Manual,
            "眼睛",
            Shape::Dots { points: vec![face.right_eye, face.left_eye] },
        ));
        out.checks.push(Check::new(
            ID,
            Status::Manual,
            "未取得面部网格",
            expected,
            "无法自动判断是否睁眼，请确认双眼自然睁开、没有闭眼或眯眼。",
        ));
        return;
    };
    let right = aspect(m, &idx::RIGHT_EYE_LIDS, (idx::RIGHT_EYE_OUTER, idx::RIGHT_EYE_INNER));
    let left = aspect(m, &idx::LEFT_EYE_LIDS, (idx::LEFT_EYE_INNER, idx::LEFT_EYE_OUTER));
    let least = right.min(left);
    let (status, message) = if least >= g.eye_open_pass {
        (Status::Pass, "双眼睁开。")
    } else if least < g.eye_open_fail {
        (Status::Fail, "照片中有眼睛是闭着的（或几乎闭上）。请重拍，拍照时自然睁眼。")
    } else {
        (Status::Warn, "眼睛睁得较小（可能在眨眼或眯眼）。请确认双眼自然睁开，必要时重拍。")
    };
    let mut points: Vec<Point> =
        idx::RIGHT_EYE_LIDS.iter().chain(&idx::LEFT_EYE_LIDS).flat_map(|&(u, l)| [m.p(u), m.p(l)]).collect();
    points.extend([face.right_eye, face.left_eye]);
    out.marks.push(Mark::new(ID, status, "眼睑", Shape::Dots { points }));
    // Person's right eye is on the viewer's left: name them as the viewer sees them.
    let measured = format!("左眼（画面左侧）{right:.2}，右眼 {left:.2}");
    out.checks.push(Check::new(ID, status, measured, expected, message));
}

/// Luma contrast of one eyebrow against the skin just above it, or None when unreadable.
fn brow_contrast(px: &Pixels, m: Mesh, upper: &[usize; 5], lower: &[usize; 5]) -> Option<f32> {
    // The middle three points: the brow's ends thin out.
    let up: Vec<Point> = upper[1..4].iter().map(|&i| m.p(i)).collect();
    let lo: Vec<Point> = lower[1..4].iter().map(|&i| m.p(i)).collect();
    let xs = up.iter().chain(&lo).map(|p| p.x);
    let (x0, x1) = xs.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let top = up.iter().map(|p| p.y).sum::<f32>() / 3.0;
    let bottom = lo.iter().map(|p| p.y).sum::<f32>() / 3.0;
    let thick = (bottom - top).abs().max(2.0);
    let (width, x) = ((x1 - x0).max(2.0), x0);
    let brow = px.mean(BoxF { x, y: top.min(bottom), width, height: thick })?;
    let above = px.mean(BoxF { x, y: top.min(bottom) - 2.5 * thick, width, height: 1.5 * thick })?;
    Some(above.y - brow.y)
}

pub fn eyebrows_visible(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceEyebrowsVisible;
    let g = ctx.spec;
    let expected = "眉毛完整露出，不被头发或帽檐遮挡";
    let Some(m) = face.mesh else {
        out.checks.push(Check::new(
            ID,
            Status::Manual,
            "未取得面部网格",
            expected,
            "无法自动找到眉毛，请确认刘海没有遮住眉毛。",
        ));
        return;
    };
    let px = Pixels::new(ctx.image, (ctx.obs.width, ctx.obs.height));
    let right = brow_contrast(&px, m, &idx::RIGHT_BROW_UPPER, &idx::RIGHT_BROW_LOWER);
    let left = brow_contrast(&px, m, &idx::LEFT_BROW_UPPER, &idx::LEFT_BROW_LOWER);
    let seen = |c: Option<f32>| c.is_some_and(|c| c >= g.eyebrow_contrast);
    let (status, message) = if seen(right) && seen(left) {
        (Status::Pass, "两侧眉毛清楚可见。")
    } else {
        (
            Status::Manual,
            "眉毛与上方额头的明暗差别不明显，可能被刘海、帽檐遮住（也可能只是眉色较浅）。请确认眉毛完整露出；若被头发遮住，请把刘海梳起后重拍。",
        )
    };
    let points: Vec<Point> = idx::RIGHT_BROW_UPPER.iter().chain(&idx::LEFT_BROW_UPPER).map(|&i| m.p(i)).collect();
    out.marks.push(Mark::new(ID, status, "眉毛", Shape::Dots { points }));
    let fmt = |c: Option<f32>| c.map_or("—".to_owned(), |c| format!("{c:.0}"));
    let measured = format!("眉毛比上方额头暗：画面左侧 {}，右侧 {}（亮度差）", fmt(right), fmt(left));
    out.checks.push(Check::new(ID, status, measured, expected, message));
}
