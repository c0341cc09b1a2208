//! `clothing.dark` (median L* below the chin) and `clothing.contrast` (CIEDE2000 between the
//! clothes and the background: clothes that blend into the background are a known rejection).

use super::background::Background;
use super::colour::{Lab, delta_e00, lab};
use super::regions::{Keep, Layout, Region};
use super::stats::median_lab;
use super::{MIN_SAMPLES, push, unmeasured};
use crate::photo::content::ContentResult;
use crate::profile::scene::ClothingSpec;
use crate::report::{Check, CheckId, Status};

pub fn checks(layout: &Layout, bg: Option<&Background>, spec: &ClothingSpec, bg_label: &str) -> ContentResult {
    let mut out = ContentResult::default();
    let dark_expected = format!("深色：中位亮度 L* ≤ {:.0}", spec.lightness.pass);
    let contrast_expected = format!("与背景色差 ΔE00 ≥ {:.0}", spec.contrast_delta_e.pass);
    let clothes: Option<(Region, Lab, usize)> = layout.clothing.and_then(|r| {
        let px = layout.pixels(r, Keep::Person);
        let labs: Vec<Lab> = px.iter().map(|p| lab(*p)).collect();
        (px.len() >= MIN_SAMPLES).then(|| (r, median_lab(&labs), px.len()))
    });
    let Some((r, cloth, n)) = clothes else {
        let why = "下巴以下几乎看不到衣服";
        let msg = "照片下部看不到足够的衣服，无法自动判断，请确认穿深色有领上衣、照片下缘露出衣领。";
        out.checks.push(unmeasured(CheckId::ClothingDark, why, layout, &dark_expected, msg));
        out.checks.push(unmeasured(CheckId::ClothingContrast, why, layout, &contrast_expected, msg));
        return out;
    };
    let region = [("衣服取样".to_owned(), r)];

    let status = spec.lightness.status(f64::from(cloth.l));
    let message = match status {
        Status::Pass => "衣服为深色。",
        Status::Warn => "衣服颜色偏浅，要求穿深色衣服，可能被退回。",
        _ => "衣服颜色太浅（白色、浅色衣服不合格），请换深色有领上衣重拍。",
    };
    let measured = format!("衣服中位亮度 L* = {:.0}（{n} 像素）{}", cloth.l, layout.note);
    push(&mut out, Check::new(CheckId::ClothingDark, status, measured, dark_expected, message), &region);

    match bg {
        Some(bg) => {
            let de = delta_e00(cloth, bg.lab);
            let status = spec.contrast_delta_e.status(de);
            let message = match status {
                Status::Pass => "衣服与背景区分明显。".to_owned(),
                Status::Warn => format!("衣服颜色与{bg_label}背景比较接近，可能被退回，建议换与背景反差大的深色衣服。"),
                _ => format!("衣服颜色与{bg_label}背景几乎一样，人像会“融入”背景，请换与背景反差大的深色衣服重拍。"),
            };
            let measured = format!("衣服与背景 ΔE00 = {de:.1}{}", layout.note);
            push(
                &mut out,
                Check::new(CheckId::ClothingContrast, status, measured, contrast_expected, message),
                &region,
            );
        }
        None => out.checks.push(unmeasured(
            CheckId::ClothingContrast,
            "背景取样不足，无法比较",
            layout,
            &contrast_expected,
            "请自行确认衣服颜色与背景明显不同。",
        )),
    }
    out
}
