//! Framing: head height, top margin, horizontal centre, eye line. Each is one number compared
//! with a pass band and a warn band that are fractions of the photo (as uploaded: a phone photo
//! before the fix is judged as it is; the face-aware crop fixes it).

use super::face::{Face, TopSource};
use super::{Ctx, band_status, near_limit, near_limit_message};
use crate::face::Point;
use crate::photo::content::{ContentResult, Mark, Shape};
use crate::profile::Band;
use crate::report::{Check, CheckId, Status};

fn px_band(b: Band, len: f32) -> String {
    let p = b.px(len);
    format!("{:.0}–{:.0} 像素（{:.1}%–{:.1}%）", p.min, p.max, b.min * 100.0, b.max * 100.0)
}

fn hline(check: CheckId, status: Status, label: &str, y: f32, span: (f32, f32)) -> Mark {
    Mark::new(check, status, label, Shape::Line { from: Point { x: span.0, y }, to: Point { x: span.1, y } })
}

/// `face.head_height`: hair-top → chin ≈ 2/3 of the photo height.
pub fn head_height(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceHeadHeight;
    let g = ctx.spec;
    let h = ctx.height;
    let head = face.head_height();
    let frac = head / h;
    let u = g.uncertainty.head_height;
    let mut status = band_status(frac, g.head_height_pass, g.head_height_warn, u);
    let mut message = match status {
        Status::Pass => "头部大小合适（头顶到下巴约占照片高度的 2/3）。".to_owned(),
        _ if near_limit(frac, g.head_height_pass, u) => {
            near_limit_message("头顶到下巴占照片高度", frac, g.head_height_pass, u)
        }
        _ if frac > g.head_height_pass.max => format!(
            "头部太大：头顶到下巴占照片高度的 {:.0}%，要求约 2/3（{:.0}%–{:.0}%）。请离镜头远一些重拍；若原图四周留有余地，“一键修复”会重新裁剪。",
            frac * 100.0,
            g.head_height_pass.min * 100.0,
            g.head_height_pass.max * 100.0
        ),
        _ => format!(
            "头部太小：头顶到下巴只占照片高度的 {:.0}%，要求约 2/3（{:.0}%–{:.0}%）。请靠近镜头重拍，或用“一键修复”按人脸重新裁剪。",
            frac * 100.0,
            g.head_height_pass.min * 100.0,
            g.head_height_pass.max * 100.0
        ),
    };
    match face.top_source {
        TopSource::Estimated => {
            message.push_str("（未能识别头发轮廓，头顶位置是按脸部比例估计的，请对照照片确认。）");
            if status == Status::Pass {
                status = Status::Manual;
            }
        }
        TopSource::CutOff => message.push_str("（头顶已碰到照片上边，实际头部可能更大。）"),
        TopSource::Mask => {}
    }
    let measured = format!("{head:.0} 像素（照片高度的 {:.1}%）", frac * 100.0);
    let chin_band = Band::new(face.top + g.head_height_pass.min * h, face.top + g.head_height_pass.max * h);
    out.marks.push(Mark::new(ID, status, "下巴应在此范围", Shape::Band { y0: chin_band.min, y1: chin_band.max }));
    out.marks.push(hline(ID, status, "下巴", face.chin.y, face.x_span));
    out.checks.push(Check::new(ID, status, measured, px_band(g.head_height_pass, h), message));
}

/// `face.top_margin`: space between the hair-top and the top edge.
pub fn top_margin(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceTopMargin;
    let g = ctx.spec;
    let h = ctx.height;
    let frac = face.top / h;
    let (mut status, mut message) = if face.top_source == TopSource::CutOff {
        (Status::Fail, "头顶被裁掉了（头发碰到照片上边）。请重拍，头顶上方留出一些空间。".to_owned())
    } else {
        let u = g.uncertainty.top_margin;
        let s = band_status(frac, g.top_margin_pass, g.top_margin_warn, u);
        let m = match s {
            Status::Pass => "头顶上方留白合适。".to_owned(),
            _ if near_limit(frac, g.top_margin_pass, u) => {
                near_limit_message("头顶上方留白占照片高度", frac, g.top_margin_pass, u)
            }
            _ if frac < g.top_margin_pass.min => {
                "头顶离照片上边太近。请重拍时头顶上方多留一些空间，或用“一键修复”按人脸重新裁剪。".to_owned()
            }
            _ => "头顶上方空白太多，人像偏下。请用“一键修复”按人脸重新裁剪，或重拍时把镜头略微下移。".to_owned(),
        };
        (s, m)
    };
    if face.top_source == TopSource::Estimated {
        message.push_str("（头顶位置是估计的，请对照照片确认。）");
        if status == Status::Pass {
            status = Status::Manual;
        }
    }
    let band = g.top_margin_pass.px(h);
    out.marks.push(Mark::new(ID, status, "头顶应在此范围", Shape::Band { y0: band.min, y1: band.max }));
    out.marks.push(hline(ID, status, "头顶", face.top, face.x_span));
    let measured = format!("{:.0} 像素（照片高度的 {:.1}%）", face.top, frac * 100.0);
    out.checks.push(Check::new(ID, status, measured, px_band(g.top_margin_pass, h), message));
}

/// `face.centered`: the eye midpoint (nose shown beside it) is horizontally centred.
pub fn centered(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceCentered;
    let g = ctx.spec;
    let w = ctx.width;
    let x = face.eye_mid.x;
    let frac = x / w;
    let u = g.uncertainty.centre;
    let status = band_status(frac, g.centre_pass, g.centre_warn, u);
    let off = x - w / 2.0;
    let side = if off > 0.0 { "偏右" } else { "偏左" };
    let message = match status {
        Status::Pass => "人像水平居中。".to_owned(),
        _ if near_limit(frac, g.centre_pass, u) => near_limit_message("脸部中线位于照片宽度的", frac, g.centre_pass, u),
        _ => format!(
            "人像{side} {:.0} 像素（照片宽度的 {:.0}%）。要求水平居中：请用“一键修复”按人脸重新裁剪，或重拍时站到镜头正前方。",
            off.abs(),
            off.abs() / w * 100.0
        ),
    };
    let band = g.centre_pass.px(w);
    out.marks.push(Mark::new(ID, status, "脸部中线应在此范围", Shape::VBand { x0: band.min, x1: band.max }));
    out.marks.push(Mark::new(
        ID,
        status,
        "脸部中线",
        Shape::Line { from: Point { x, y: face.top.max(0.0) }, to: Point { x, y: face.chin.y } },
    ));
    let measured = format!("双眼中点 x = {x:.0} 像素（{side} {:.0}），鼻尖 x = {:.0}", off.abs(), face.nose.x);
    let expected = format!("{:.0}–{:.0} 像素（照片宽 {w:.0} 的中部）", band.min, band.max);
    out.checks.push(Check::new(ID, status, measured, expected, message));
}

/// `face.eye_line`: height of the eyes from the top edge.
pub fn eye_line(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FaceEyeLine;
    let g = ctx.spec;
    let h = ctx.height;
    let y = face.eye_mid.y;
    let frac = y / h;
    let u = g.uncertainty.eye_line;
    let status = band_status(frac, g.eye_line_pass, g.eye_line_warn, u);
    let message = match status {
        Status::Pass => "双眼高度合适。".to_owned(),
        _ if near_limit(frac, g.eye_line_pass, u) => {
            near_limit_message("双眼距上边占照片高度", frac, g.eye_line_pass, u)
        }
        _ if frac < g.eye_line_pass.min => {
            "双眼位置太靠上（人像偏上或头部太大）。请用“一键修复”按人脸重新裁剪。".to_owned()
        }
        _ => "双眼位置太靠下（人像偏下或头顶上方空白太多）。请用“一键修复”按人脸重新裁剪。".to_owned(),
    };
    let band = g.eye_line_pass.px(h);
    out.marks.push(Mark::new(ID, status, "眼睛应在此范围", Shape::Band { y0: band.min, y1: band.max }));
    out.marks.push(Mark::new(ID, status, "眼线", Shape::Line { from: face.right_eye, to: face.left_eye }));
    let measured = format!("距上边 {y:.0} 像素（照片高度的 {:.1}%）", frac * 100.0);
    out.checks.push(Check::new(ID, status, measured, px_band(g.eye_line_pass, h), message));
}
