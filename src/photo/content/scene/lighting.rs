//! `lighting.exposure` (share of face pixels clipped to near-black or near-white) and
//! `lighting.even` (the two halves of the face, L* of their medians).
//!
//! Y is the relative luminance on linear sRGB (domain.md §2), re-encoded with the sRGB curve to
//! 0–255 before it is compared with 25 / 247: that makes the limits mean "crushed to black" and
//! "blown to white". Compared on the linear scale, 25/255 is L* ≈ 37, which would call dark skin
//! under-exposed — the bias domain.md §2 warns about.

use super::colour::{encode, lightness, luminance};
use super::regions::{Keep, Layout, Region};
use super::stats::median;
use super::{MIN_SAMPLES, push, unmeasured};
use crate::photo::content::ContentResult;
use crate::profile::scene::LightingSpec;
use crate::report::{Check, CheckId, Status};

pub fn checks(layout: &Layout, spec: &LightingSpec) -> ContentResult {
    let mut out = ContentResult::default();
    let exposure_expected = format!(
        "面部过暗（Y ≤ {:.0}）或过亮（Y ≥ {:.0}）的像素 ≤ {:.0}%",
        spec.dark_y,
        spec.bright_y,
        spec.clipped_share.pass * 100.0
    );
    let even_expected = format!("左右半脸亮度差 |ΔL*| ≤ {:.0}", spec.side_delta_l.pass);
    let face = layout.face.map(|r| (r, layout.pixels(r, Keep::Person))).filter(|(_, px)| px.len() >= MIN_SAMPLES);
    let Some((region, px)) = face else {
        let msg = "无法在照片中找到足够的面部区域，请自行确认面部光线均匀、不过暗也不过亮。";
        out.checks.push(unmeasured(CheckId::LightingExposure, "面部取样不足", layout, &exposure_expected, msg));
        out.checks.push(unmeasured(CheckId::LightingEven, "面部取样不足", layout, &even_expected, msg));
        return out;
    };

    let (mut dark, mut bright) = (0usize, 0usize);
    for p in &px {
        let y = encode(luminance(*p));
        dark += usize::from(f64::from(y) <= spec.dark_y);
        bright += usize::from(f64::from(y) >= spec.bright_y);
    }
    let (dark, bright) = (dark as f64 / px.len() as f64, bright as f64 / px.len() as f64);
    let status = spec.clipped_share.status(dark.max(bright));
    let message = match status {
        Status::Pass => "面部曝光正常。",
        _ if bright >= dark && status == Status::Fail => {
            "面部过亮（大片发白、看不清细节），请避开强光或闪光灯直射重拍。"
        }
        _ if status == Status::Fail => "面部过暗（大片发黑、看不清五官），请在光线充足处重拍。",
        _ if bright >= dark => "面部有较多过亮发白的地方，可能被退回。",
        _ => "面部有较多过暗发黑的地方，可能被退回。",
    };
    let measured =
        format!("过暗 {:.1}%，过亮 {:.1}%（{} 像素）{}", dark * 100.0, bright * 100.0, px.len(), layout.note);
    push(
        &mut out,
        Check::new(CheckId::LightingExposure, status, measured, exposure_expected, message),
        &[("面部".to_owned(), region)],
    );

    let split = layout.split_x.clamp(region.x0, region.x1);
    let halves = [Region { x1: split, ..region }, Region { x0: split, ..region }];
    let sides: Vec<Option<f32>> = halves
        .iter()
        .map(|h| {
            if h.x1 <= h.x0 {
                return None;
            }
            let mut ls: Vec<f32> = layout.pixels(*h, Keep::Person).iter().map(|p| lightness(luminance(*p))).collect();
            (ls.len() >= MIN_SAMPLES / 2).then(|| median(&mut ls))
        })
        .collect();
    match (sides[0], sides[1]) {
        (Some(left), Some(right)) => {
            let d = f64::from(left - right);
            let status = spec.side_delta_l.status(d.abs());
            let darker = if d < 0.0 { "画面左侧" } else { "画面右侧" };
            let message = match status {
                Status::Pass => "面部左右光线均匀。".to_owned(),
                Status::Warn => format!("{darker}半边脸偏暗，光线不太均匀，可能被退回。"),
                _ => format!("{darker}半边脸明显偏暗（阴阳脸），请面向光源或在均匀光线下重拍。"),
            };
            let measured = format!("左半脸 L* = {left:.0}，右半脸 L* = {right:.0}，相差 {:.0}{}", d.abs(), layout.note);
            let marks = [("左半脸".to_owned(), halves[0]), ("右半脸".to_owned(), halves[1])];
            push(&mut out, Check::new(CheckId::LightingEven, status, measured, even_expected, message), &marks);
        }
        _ => out.checks.push(unmeasured(
            CheckId::LightingEven,
            "半边脸取样不足",
            layout,
            &even_expected,
            "请自行确认面部左右光线均匀。",
        )),
    }
    out
}
