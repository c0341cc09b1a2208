//! `face.eyes_open` (eye aspect ratio on the mesh's eye contours, and whether the eyes are seen at
//! all: dark lenses, glare on clear ones) and `face.eyebrows_visible` (each eyebrow darker than the
//! forehead skin just above it: hair over the brows makes both dark).
//!
//! The mesh draws eyes even behind sunglasses, so the lid gap alone passes them. The lenses are
//! read from the pixels instead: behind a tinted lens the eye opening and the skin just under it
//! are much darker than the cheek below the lens (a ratio, so dark skin is not called tinted);
//! glare is near-white, colourless pixels around the eye far brighter than the cheek. A mirrored or
//! coloured lens can be as bright as skin, but the lens covers the skin under the eye too, and there
//! it has the colour of whatever it reflects: under both eyes the colour is far from the cheek's.

use super::Ctx;
use super::face::{Face, Mesh, dist, idx};
use super::pixels::{Pixels, centred_box};
use crate::face::{BoxF, Point};
use crate::photo::content::{ContentResult, Mark, Shape};
use crate::report::{Check, CheckId, Status};

/// Eye aspect ratio: mean gap between facing upper/lower lid points over the corner distance.
fn aspect(m: Mesh, lids: &[(usize, usize); 3], corners: (usize, usize)) -> f32 {
    let width = dist(m.p(corners.0), m.p(corners.1)).max(1e-3);
    lids.iter().map(|&(u, l)| dist(m.p(u), m.p(l))).sum::<f32>() / (3.0 * width)
}

/// What the pixels around the eyes say about lenses in front of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lens {
    /// Luma of the eye openings and the skin just under them over the cheeks' luma (the mean of
    /// both sides): ≈ 0.8–1 for bare eyes, far lower behind a tinted lens.
    pub shade: f32,
    /// Share of near-white, colourless pixels around the eyes (the worse side).
    pub glare: f32,
    /// Colour distance (Cb/Cr) between the skin just under an eye and the cheek below it, the
    /// smaller of the two sides: a few units for bare eyes, far more behind a mirrored lens.
    pub colour: f32,
}

/// Reads both eye areas, None when they lie outside the picture.
pub fn lens(px: &Pixels, face: &Face) -> Option<Lens> {
    let d = face.eye_distance();
    let mut shade = 0.0;
    let mut glare = 0.0f32;
    let mut colour = f32::INFINITY;
    for e in [face.right_eye, face.left_eye] {
        let opening = px.mean(centred_box(e.x, e.y, 0.3 * d, 0.1 * d))?.y;
        let under = px.mean(centred_box(e.x, e.y + 0.25 * d, 0.35 * d, 0.12 * d))?;
        let cheek = px.mean(centred_box(e.x, face.nose.y + 0.05 * d, 0.25 * d, 0.15 * d))?;
        colour = colour.min((under.cb - cheek.cb).hypot(under.cr - cheek.cr));
        let (under, cheek) = (under.y, cheek.y);
        shade += (opening + under) / 2.0 / cheek.max(1.0) / 2.0;
        let around = px.region(centred_box(e.x, e.y, 0.7 * d, 0.45 * d));
        // Far brighter than the skin: an over-exposed face is not glare.
        let glaring = 235f32.max(cheek + 40.0);
        let bright =
            around.iter().filter(|p| p.y >= glaring && (p.cb - 128.0).abs() < 12.0 && (p.cr - 128.0).abs() < 12.0);
        glare = glare.max(bright.count() as f32 / around.len().max(1) as f32);
    }
    Some(Lens { shade, glare, colour })
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
    let lens = lens(&Pixels::new(ctx.image, (ctx.obs.width, ctx.obs.height)), face);
    let tinted = lens.is_some_and(|l| l.shade < g.lens_shade_fail || l.colour > g.lens_colour_fail);
    let glare = lens.is_some_and(|l| l.glare > g.lens_glare_warn);
    let (status, message) = if tinted {
        (
            Status::Fail,
            "眼睛被深色或反光镜片（墨镜、有色眼镜）挡住，看不清双眼。请摘下墨镜或有色眼镜后重拍；近视眼镜请用无色镜片。",
        )
    } else if least < g.eye_open_fail {
        (Status::Fail, "照片中有眼睛是闭着的（或几乎闭上）。请重拍，拍照时自然睁眼。")
    } else if least < g.eye_open_pass {
        (Status::Warn, "眼睛睁得较小（可能在眨眼或眯眼）。请确认双眼自然睁开，必要时重拍。")
    } else if glare {
        (
            Status::Warn,
            "眼镜片上有明显反光，可能挡住眼睛。请调整灯光或略微低一下镜架，让镜片不反光后重拍；也可以摘下眼镜拍。",
        )
    } else {
        (Status::Pass, "双眼睁开，清楚可见。")
    };
    let mut points: Vec<Point> =
        idx::RIGHT_EYE_LIDS.iter().chain(&idx::LEFT_EYE_LIDS).flat_map(|&(u, l)| [m.p(u), m.p(l)]).collect();
    points.extend([face.right_eye, face.left_eye]);
    out.marks.push(Mark::new(ID, status, "眼睑", Shape::Dots { points }));
    // Person's right eye is on the viewer's left: name them as the viewer sees them.
    let mut measured = format!("睁眼程度：左眼（画面左侧）{right:.2}，右眼 {left:.2}");
    if let Some(l) = lens {
        measured.push_str(&format!(
            "；眼周亮度 / 脸颊亮度 {:.2}，眼下与脸颊的颜色差 {:.0}，反光 {:.1}%",
            l.shade,
            l.colour,
            l.glare * 100.0
        ));
    }
    let expected = format!(
        "{expected}；眼周不比脸颊暗太多（亮度比 ≥ {:.2}，否则是深色镜片），眼下与脸颊颜色相近（颜色差 ≤ {:.0}，否则是有色或反光镜片），镜片反光 ≤ {:.1}%",
        g.lens_shade_fail,
        g.lens_colour_fail,
        g.lens_glare_warn * 100.0
    );
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
