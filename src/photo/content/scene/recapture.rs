//! `capture.recapture`: signs that the photo is a re-photographed print, a photo of a screen or
//! a scan ("不得翻拍、扫描"). A warning at most, never a fail: each sign has innocent causes.
//!
//! 1. Spectrum: a printed halftone, a screen's pixel grid and the moiré between either and the
//!    camera's sensor are periodic, so a flat background block shows a sharp peak in its 2-D
//!    power spectrum, far above the spectrum's median; camera noise is spread out. The lowest
//!    frequencies (shading, gradients: periods over n/4 px) and the JPEG 8-pixel block grid
//!    (bins on multiples of n/8) are left out. Luma uses JPEG's own weights, so 4:2:0 chroma
//!    blocking does not show.
//! 2. EXIF Software naming an editing, beautifying or scanning program.

use super::colour::luma;
use super::fft::power_2d;
use super::push;
use super::regions::{Keep, Layout, Region};
use super::stats::median;
use crate::photo::content::ContentResult;
use crate::profile::scene::RecaptureSpec;
use crate::report::{Check, CheckId, Status};
use image::RgbImage;

/// At most this many blocks are analysed.
const MAX_BLOCKS: usize = 6;

/// The strongest periodic peak of one block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Peak {
    pub block: Region,
    /// Peak power ÷ median power of the bins considered.
    pub ratio: f32,
    /// The peak's amplitude in grey levels (0–255).
    pub amplitude: f32,
    /// Its period in pixels.
    pub period: f32,
}

pub fn checks(layout: &Layout, software: Option<&str>, spec: &RecaptureSpec) -> ContentResult {
    let mut out = ContentResult::default();
    let expected = "背景频谱无网点、网格或摩尔纹峰值；未经编辑、美颜或扫描软件处理".to_owned();
    let blocks = flat_blocks(layout);
    let peak = loudest(blocks.iter().filter_map(|b| block_peak(layout.image, *b)), spec.min_amplitude);
    let periodic = peak.filter(|p| f64::from(p.ratio) >= spec.peak_ratio);
    let tool = software.and_then(|s| {
        let lower = s.to_lowercase();
        spec.software.iter().find(|f| lower.contains(&f.to_lowercase())).map(|_| s.trim())
    });

    let spectrum_text = match (&blocks[..], peak) {
        ([], _) => "背景平坦区域太小，未做频谱分析".to_owned(),
        (_, None) => format!("{} 块背景频谱无明显峰值", blocks.len()),
        (_, Some(p)) => format!(
            "{} 块背景频谱最高峰 {:.0} 倍于中位（周期 {:.1} 像素，幅度 {:.1}）",
            blocks.len(),
            p.ratio,
            p.period,
            p.amplitude
        ),
    };
    let software_text = match software.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("处理软件：{s}"),
        None => "无处理软件记录".to_owned(),
    };
    let status = if periodic.is_some() || tool.is_some() { Status::Warn } else { Status::Pass };
    let mut reasons = Vec::new();
    if periodic.is_some() {
        reasons.push("背景中有规则的网点、网格或摩尔纹，像是翻拍打印的照片或屏幕、或扫描件".to_owned());
    }
    if let Some(t) = tool {
        reasons.push(format!("文件记录经过“{t}”处理（编辑、美颜或扫描软件）"));
    }
    let message = if reasons.is_empty() {
        "未发现翻拍、扫描或编辑的迹象。".to_owned()
    } else {
        format!(
            "{}。要求用数码相机或手机直接拍摄，不得翻拍、扫描或修改；如确是直接拍摄的原图，可忽略此提示。",
            reasons.join("；")
        )
    };
    let measured = format!("{spectrum_text}；{software_text}{}", layout.note);
    let shown: Vec<(String, Region)> = match periodic {
        Some(p) => vec![("网纹".to_owned(), p.block)],
        None => blocks.iter().map(|b| ("频谱取样".to_owned(), *b)).collect(),
    };
    push(&mut out, Check::new(CheckId::CaptureRecapture, status, measured, expected, message), &shown);
    out
}

/// Square blocks (64 px, else 32 px) lying wholly in the background strips, at most `MAX_BLOCKS`,
/// spread over the strips.
fn flat_blocks(layout: &Layout) -> Vec<Region> {
    for n in [64u32, 32] {
        let mut found = Vec::new();
        for &(_, r) in &layout.background {
            // At most 4×4 candidate positions a strip, so a 12 MP photo costs what a small one does.
            let (sx, sy) = ((r.width() / 4).max(n), (r.height() / 4).max(n));
            let mut y = r.y0;
            while y + n <= r.y1 {
                let mut x = r.x0;
                while x + n <= r.x1 {
                    let b = Region { x0: x, y0: y, x1: x + n, y1: y + n };
                    if all_background(layout, b) {
                        found.push(b);
                    }
                    x += sx;
                }
                y += sy;
            }
        }
        if !found.is_empty() {
            let step = found.len().div_ceil(MAX_BLOCKS);
            return found.into_iter().step_by(step).collect();
        }
    }
    Vec::new()
}

fn all_background(layout: &Layout, b: Region) -> bool {
    layout.mask.is_none()
        || (b.y0..b.y1).step_by(2).all(|y| (b.x0..b.x1).step_by(2).all(|x| layout.keeps(x, y, Keep::Background)))
}

/// Of `peaks`, the one standing highest over its spectrum's median (`ratio`) among those at least
/// `min_amplitude` grey levels strong: the peak a recapture warning is judged on, here and on the
/// card's blank ground (`document::card::checks`).
pub fn loudest(peaks: impl IntoIterator<Item = Peak>, min_amplitude: f64) -> Option<Peak> {
    peaks.into_iter().filter(|p| f64::from(p.amplitude) >= min_amplitude).max_by(|a, b| a.ratio.total_cmp(&b.ratio))
}

/// The strongest bin of the block's Hann-windowed power spectrum outside the lowest frequencies
/// and the JPEG grid. Also used on the card's blank ground by `document::card::checks`.
pub fn block_peak(image: &RgbImage, b: Region) -> Option<Peak> {
    let n = b.width() as usize;
    if n < 16 || !n.is_power_of_two() || b.height() as usize != n {
        return None;
    }
    let hann: Vec<f32> = (0..n).map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / n as f32).cos()).collect();
    let mut block: Vec<f32> = Vec::with_capacity(n * n);
    for y in b.y0..b.y1 {
        for x in b.x0..b.x1 {
            block.push(luma(image.get_pixel(x, y).0));
        }
    }
    let mean = block.iter().sum::<f32>() / block.len() as f32;
    for (i, v) in block.iter_mut().enumerate() {
        *v = (*v - mean) * hann[i % n] * hann[i / n];
    }
    let power = power_2d(&block, n);
    let window_sum: f32 = hann.iter().sum::<f32>().powi(2);
    let (low, grid) = ((n / 16) as i32, (n / 8) as i32);
    let signed = |k: usize| if k > n / 2 { k as i32 - n as i32 } else { k as i32 };
    let mut kept = Vec::with_capacity(n * n / 2);
    let mut best = (0f32, 0i32, 0i32);
    // Half of the plane (the spectrum of a real block is symmetric).
    for ky in 0..=n / 2 {
        for kx in 0..n {
            let (fx, fy) = (signed(kx), signed(ky));
            if fx * fx + fy * fy < low * low || fx % grid == 0 || fy % grid == 0 {
                continue;
            }
            let p = power[ky * n + kx];
            kept.push(p);
            if p > best.0 {
                best = (p, fx, fy);
            }
        }
    }
    // Rounding to whole grey levels alone gives ~0.3 levels of white noise; a floor of 0.05 levels
    // keeps a perfectly flat drawn block from dividing by zero.
    let floor = (0.05 * window_sum / 2.0).powi(2);
    let med = median(&mut kept).max(floor);
    let (p, fx, fy) = best;
    Some(Peak {
        block: b,
        ratio: p / med,
        amplitude: 2.0 * p.sqrt() / window_sum,
        period: n as f32 / ((fx * fx + fy * fy) as f32).sqrt().max(1.0),
    })
}
