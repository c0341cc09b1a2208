//! `background.color` (the required colour, judged on median HSV) and `background.uniform`
//! (σ(L*) over the background and CIEDE2000 between the left, right and top strips).

use super::colour::{Lab, delta_e00, hsv, lab};
use super::regions::{Keep, Layout, Region};
use super::stats::{median, median_lab, robust_sigma};
use super::{MIN_SAMPLES, push, unmeasured, worst};
use crate::photo::content::ContentResult;
use crate::profile::scene::BackgroundSpec;
use crate::report::{Check, CheckId, Status};

/// One background strip's median colour.
#[derive(Debug, Clone)]
pub struct Strip {
    pub name: &'static str,
    pub region: Region,
    pub lab: Lab,
}

/// What the background samples measured.
#[derive(Debug, Clone)]
pub struct Background {
    pub strips: Vec<Strip>,
    /// Median L*a*b* of every sample.
    pub lab: Lab,
    /// Median hue (degrees), saturation and value (0–1).
    pub hsv: (f32, f32, f32),
    pub sigma_l: f32,
    pub samples: usize,
}

/// Samples every strip (background pixels only, when there is a mask); `None` when too few.
pub fn measure(layout: &Layout, spec: &BackgroundSpec) -> Option<Background> {
    // Hue is circular: take the median on a circle turned so the wanted hue sits at 180°.
    let centre = {
        let (a, b) = (spec.hue.from, spec.hue.to);
        (if a <= b { (a + b) / 2.0 } else { (a + b + 360.0) / 2.0 }) as f32
    };
    let (mut hues, mut sats, mut vals, mut labs) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut strips = Vec::new();
    for &(name, region) in &layout.background {
        let px = layout.pixels(region, Keep::Background);
        if px.len() < MIN_SAMPLES {
            continue;
        }
        let strip_labs: Vec<Lab> = px.iter().map(|p| lab(*p)).collect();
        strips.push(Strip { name, region, lab: median_lab(&strip_labs) });
        labs.extend(strip_labs);
        for p in px {
            let (h, s, v) = hsv(p);
            hues.push((h - centre + 180.0).rem_euclid(360.0));
            sats.push(s);
            vals.push(v);
        }
    }
    if strips.is_empty() {
        return None;
    }
    let hue = (median(&mut hues) + centre - 180.0).rem_euclid(360.0);
    let ls: Vec<f32> = labs.iter().map(|c| c.l).collect();
    Some(Background {
        lab: median_lab(&labs),
        hsv: (hue, median(&mut sats), median(&mut vals)),
        sigma_l: robust_sigma(&ls),
        samples: labs.len(),
        strips,
    })
}

pub fn checks(bg: Option<&Background>, layout: &Layout, spec: &BackgroundSpec) -> ContentResult {
    let expected = format!(
        "{}：色相 {:.0}–{:.0}°，饱和度 ≥ {:.2}，明度 ≥ {:.2}",
        spec.label, spec.hue.from, spec.hue.to, spec.saturation.pass, spec.value.pass
    );
    let uniform_expected =
        format!("纯色：亮度 σ(L*) ≤ {:.0}，左右上色差 ΔE00 ≤ {:.0}", spec.sigma_l.pass, spec.strip_delta_e.pass);
    let Some(bg) = bg else {
        let msg = format!("照片中露出的背景太少，无法自动判断，请自行确认背景是{}纯色背景。", spec.label);
        let checks = vec![
            unmeasured(CheckId::BackgroundColor, "背景取样不足", layout, &expected, &msg),
            unmeasured(CheckId::BackgroundUniform, "背景取样不足", layout, &uniform_expected, &msg),
        ];
        return ContentResult { checks, marks: Vec::new() };
    };
    let mut out = ContentResult::default();
    let regions: Vec<(String, Region)> = bg.strips.iter().map(|s| (format!("{}背景", s.name), s.region)).collect();

    let (h, s, v) = bg.hsv;
    let hue_status = if spec.hue.contains(f64::from(h)) {
        Status::Pass
    } else if spec.hue_warn.contains(f64::from(h)) {
        Status::Warn
    } else {
        Status::Fail
    };
    let sat_status = spec.saturation.status(f64::from(s));
    let val_status = spec.value.status(f64::from(v));
    let status = worst([hue_status, sat_status, val_status]);
    let message = match status {
        Status::Pass => format!("背景是{}。", spec.label),
        _ if sat_status == Status::Fail => {
            format!("背景接近白色或灰色（颜色太淡），要求{}背景，请换背景重拍。", spec.label)
        }
        _ if val_status == Status::Fail => format!("背景太暗，要求明亮的{}背景，请补光或换背景重拍。", spec.label),
        Status::Fail => format!("背景颜色不是{}（色相 {h:.0}°），请换{}背景重拍。", spec.label, spec.label),
        _ => format!("背景{}偏淡、偏暗或偏色，可能被退回，建议换标准{}背景重拍。", spec.label, spec.label),
    };
    let measured = format!(
        "色相 {h:.0}°，饱和度 {s:.2}，明度 {v:.2}（{} 处取样，{} 像素）{}",
        bg.strips.len(),
        bg.samples,
        layout.note
    );
    push(&mut out, Check::new(CheckId::BackgroundColor, status, measured, expected, message), &regions);

    let max_de = bg
        .strips
        .iter()
        .enumerate()
        .flat_map(|(i, a)| bg.strips[i + 1..].iter().map(move |b| delta_e00(a.lab, b.lab)))
        .fold(0.0, f64::max);
    let sigma_status = spec.sigma_l.status(f64::from(bg.sigma_l));
    let de_status = spec.strip_delta_e.status(max_de);
    let status = worst([sigma_status, de_status]);
    let measured = if bg.strips.len() >= 2 {
        let names: Vec<&str> = bg.strips.iter().map(|s| s.name).collect();
        format!("σ(L*) = {:.1}，{}之间最大 ΔE00 = {max_de:.1}{}", bg.sigma_l, names.join("、"), layout.note)
    } else {
        format!("σ(L*) = {:.1}（只有{}一处背景可比）{}", bg.sigma_l, bg.strips[0].name, layout.note)
    };
    let message = match status {
        Status::Pass => "背景颜色均匀。".to_owned(),
        _ => {
            let what = if de_status >= sigma_status {
                "两侧和上方颜色不一致（渐变、阴影或拼接）"
            } else {
                "明暗斑驳或噪点多"
            };
            let tail = if status == Status::Fail {
                "要求纯色背景，请在均匀光线下重拍，不要编辑背景。"
            } else {
                "可能被退回。"
            };
            format!("背景{what}，{tail}")
        }
    };
    push(&mut out, Check::new(CheckId::BackgroundUniform, status, measured, uniform_expected, message), &regions);
    out
}
