//! `face.pose`: roll, yaw and pitch of the head.
//!
//! Method:
//! - **Roll** is the angle of the line through the two eye centres against the horizontal
//!   (works with or without the mesh).
//! - **Yaw and pitch** come from the mesh's depth. MediaPipe's face landmark model gives every
//!   point an `x, y` in image pixels and a relative depth `z` on the same scale as `x` (smaller =
//!   nearer the camera). The points are first turned by −roll about the eye midpoint so the face's
//!   own axes line up with the picture's. Then
//!   - yaw: for mirror-image point pairs (face-oval points at the cheekbones 234/454, outer eye
//!     corners 33/263, inner eye corners 133/362) a frontal face has equal depth on both sides;
//!     turning the head by θ moves one side back: `θ = atan2(z_left − z_right, x_left − x_right)`,
//!     averaged over the pairs weighted by their width.
//!   - pitch: the forehead-top (10) to chin (152) line is upright in a level face; nodding tilts
//!     it in depth: `φ = atan2(z_chin − z_forehead, y_chin − y_forehead) − φ₀`.
//!
//! φ₀ and the yaw's θ₀ are what the model reads for a head looking straight into the camera: the
//! profile's `pitch_neutral_deg` / `yaw_neutral_deg`. MediaPipe's canonical face has the chin
//! 0.22 units behind the forehead top over 17.7 units of height (0.7°), but the network's depth on
//! real faces leans much further; the neutral is the median over the real portraits judged level
//! by eye (`examples/real_accuracy.rs`).
//!
//! This is a weak-perspective estimate; at passport-photo distances it is within a few degrees,
//! which is what the 5° / 10° bands need. Without a mesh only roll is measured and a passing
//! roll becomes `manual` (the person confirms they look straight ahead).

use super::Ctx;
use super::face::{Face, Mesh, idx};
use crate::photo::content::{ContentResult, Mark, Shape};
use crate::profile::GeometrySpec;
use crate::report::{Check, CheckId, Status};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Degrees; positive when the person's left eye (viewer's right) is lower.
    pub roll: f32,
    /// Degrees; positive when the face turns towards the viewer's right (person's left side back).
    pub yaw: Option<f32>,
    /// Degrees; positive when the head nods down (chin back).
    pub pitch: Option<f32>,
}

/// The pose of `face`, yaw and pitch measured from the profile's neutral.
pub fn estimate(face: &Face, g: &GeometrySpec) -> Pose {
    let (r, l) = (face.right_eye, face.left_eye);
    let roll = (l.y - r.y).atan2(l.x - r.x);
    let (yaw, pitch) = match face.mesh {
        Some(m) => {
            let (yaw, pitch) = turn_from_mesh(m, roll, face.eye_mid.x, face.eye_mid.y);
            (Some(yaw - g.yaw_neutral_deg), Some(pitch - g.pitch_neutral_deg))
        }
        None => (None, None),
    };
    Pose { roll: roll.to_degrees(), yaw, pitch }
}

/// Raw yaw and pitch, degrees, before the neutral is subtracted.
fn turn_from_mesh(m: Mesh, roll: f32, cx: f32, cy: f32) -> (f32, f32) {
    let (s, c) = (-roll).sin_cos();
    let upright = |i: usize| {
        let [x, y, z] = m.p3(i);
        let (dx, dy) = (x - cx, y - cy);
        [dx * c - dy * s, dx * s + dy * c, z]
    };
    let pairs = [
        (idx::RIGHT_CHEEK_EDGE, idx::LEFT_CHEEK_EDGE),
        (idx::RIGHT_EYE_OUTER, idx::LEFT_EYE_OUTER),
        (idx::RIGHT_EYE_INNER, idx::LEFT_EYE_INNER),
    ];
    let (mut sum, mut weight) = (0.0f32, 0.0f32);
    for (ri, li) in pairs {
        let (rp, lp) = (upright(ri), upright(li));
        let dx = lp[0] - rp[0];
        let dz = lp[2] - rp[2];
        let w = dx.hypot(dz);
        if w > 0.0 {
            sum += dz.atan2(dx) * w;
            weight += w;
        }
    }
    let yaw = if weight > 0.0 { (sum / weight).to_degrees() } else { 0.0 };
    let (f, ch) = (upright(idx::FOREHEAD), upright(idx::CHIN));
    let pitch = (ch[2] - f[2]).atan2(ch[1] - f[1]).to_degrees();
    (yaw, pitch)
}

/// `angle` (either sign) against its limits: pass up to `pass`, fail above `fail` (degrees).
pub fn grade(angle: f32, pass: f32, fail: f32) -> Status {
    let a = angle.abs();
    if a <= pass {
        Status::Pass
    } else if a <= fail {
        Status::Warn
    } else {
        Status::Fail
    }
}

pub fn check(ctx: &Ctx, face: &Face, out: &mut ContentResult) {
    const ID: CheckId = CheckId::FacePose;
    let g = ctx.spec;
    let pose = estimate(face, g);
    // Roll passes only inside the pass limit minus the measurement uncertainty (a guard band).
    let roll_guard = g.uncertainty.roll_deg;
    let roll_s = grade(pose.roll, g.roll_pass_deg - roll_guard, g.roll_fail_deg);
    let yaw_s = pose.yaw.map_or(Status::Pass, |a| grade(a, g.turn_pass_deg, g.turn_fail_deg));
    let pitch_s = pose.pitch.map_or(Status::Pass, |a| grade(a, g.turn_pass_deg, g.turn_fail_deg));
    let mut status = roll_s.max(yaw_s).max(pitch_s);
    let mut problems = Vec::new();
    if roll_s != Status::Pass && pose.roll.abs() <= g.roll_pass_deg {
        problems.push(format!(
            "头部略向一侧歪约 {:.1}°，在 ≤ {:.0}° 的要求之内，但离边界不到本工具的测量误差（±{:.0}°），审核时可能被判不合格（请让双眼保持水平）",
            pose.roll.abs(),
            g.roll_pass_deg,
            roll_guard
        ));
    } else if roll_s != Status::Pass {
        problems.push(format!("头部歪向一侧约 {:.0}°（请让双眼保持水平）", pose.roll.abs()));
    }
    if let Some(y) = pose.yaw.filter(|_| yaw_s != Status::Pass) {
        problems.push(format!("脸向{}转了约 {:.0}°（请正对镜头）", if y > 0.0 { "右" } else { "左" }, y.abs()));
    }
    if let Some(p) = pose.pitch.filter(|_| pitch_s != Status::Pass) {
        problems.push(format!("{}约 {:.0}°（请平视镜头）", if p > 0.0 { "低头" } else { "抬头" }, p.abs()));
    }
    let message = if !problems.is_empty() {
        format!("{}。要求正面免冠、平视前方，请重拍。", problems.join("；"))
    } else if pose.yaw.is_none() {
        status = Status::Manual;
        "双眼水平；未能取得面部网格，无法判断是否转头或抬/低头，请确认脸正对镜头、平视前方。".to_owned()
    } else {
        "正面、平视，头部端正。".to_owned()
    };
    let fmt = |a: Option<f32>| a.map_or("—".to_owned(), |a| format!("{:.1}°", a.abs()));
    let measured = format!("歪头 {:.1}°，左右转 {}，抬/低头 {}", pose.roll.abs(), fmt(pose.yaw), fmt(pose.pitch));
    let expected = format!(
        "歪头 ≤ {:.0}°（> {:.0}° 不合格），左右转、抬/低头 ≤ {:.0}°（> {:.0}° 不合格）",
        g.roll_pass_deg, g.roll_fail_deg, g.turn_pass_deg, g.turn_fail_deg
    );
    out.marks.push(Mark::new(ID, status, "双眼连线", Shape::Line { from: face.right_eye, to: face.left_eye }));
    out.checks.push(Check::new(ID, status, measured, expected, message));
}
