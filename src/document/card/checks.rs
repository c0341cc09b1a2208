//! The card checks: pure functions from a finding and the picture's pixels to `report::Check`s,
//! every limit from the profile's `[document.card]`.

use super::find::{Finding, max_corner_error};
use super::geometry::{Homography, Pt, rect_corners, warp_quad};
use super::layout::{CARD_H, CARD_W, Side, Zone};
use crate::photo::content::scene::colour::luma;
use crate::photo::content::scene::recapture::{Peak, block_peak, loudest};
use crate::photo::content::scene::regions::Region;
use crate::photo::content::scene::sharpness::sharpness_index;
use crate::profile::CardSpec;
use crate::report::{Check, CheckId, Status};
use image::RgbImage;
use std::ops::{Add as _, Sub as _}; // `Pt` sums and differences as methods: `a.sub(b).add(c)`

/// Resolution of the flattened card the pixel checks read, pixels per millimetre.
const FLAT_PPM: f64 = 5.0;

/// What was measured on a found card.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    /// Direction of the card's reading line, degrees clockwise from the picture's x axis, (−180, 180].
    pub tilt_deg: f64,
    /// Smallest corner distance inside the picture's edges, share of its short side (negative: outside).
    pub edge_margin: f64,
    /// Card centre's offset from the picture's centre, the larger of the x (÷ width) and y (÷ height) shares.
    pub centre_offset: f64,
    pub fill: f64,
    pub corner_error_deg: f64,
    /// Median sharpness index over the text rows (`None`: no detail to judge).
    pub sharpness: Option<f64>,
    pub card_width_px: f64,
    pub glare_share: f64,
    pub chroma: f64,
    /// The strongest periodic peak of each block of the card's blank ground (`Side::ground`), in
    /// `img`'s pixels: a screen's grid or a print's halftone (`card.recapture`).
    pub ground_peaks: Vec<Peak>,
}

/// The finding's corners in `img`'s pixels (the finder may have run on another size of it).
fn corners_in(img: &RgbImage, f: &Finding) -> [Pt; 4] {
    let k = f64::from(img.width()) / f64::from(f.frame.0.max(1));
    f.corners.map(|p| p.scale(k))
}

/// The card flattened and upright at `FLAT_PPM`.
pub fn flatten(img: &RgbImage, f: &Finding) -> Option<RgbImage> {
    let (w, h) = ((CARD_W * FLAT_PPM).round() as u32, (CARD_H * FLAT_PPM).round() as u32);
    warp_quad(img, corners_in(img, f), rect_corners(f64::from(w), f64::from(h)), w, h)
}

fn zone_region(z: &Zone) -> Region {
    let px = |v: f64| (v * FLAT_PPM).round().max(0.0) as u32;
    Region { x0: px(z.x0), y0: px(z.y0), x1: px(z.x1), y1: px(z.y1) }
}

/// Measures a found card. `full_width` is the width of the file's own picture, of which `img` may
/// be a smaller copy: the card's width in pixels is reported in the file's pixels.
pub fn measure(img: &RgbImage, f: &Finding, full_width: u32) -> Measures {
    let c = corners_in(img, f);
    let to_full = f64::from(full_width.max(1)) / f64::from(img.width().max(1));
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let reading = c[1].sub(c[0]).add(c[2].sub(c[3]));
    let edge_margin = c.iter().map(|p| p.x.min(p.y).min(w - p.x).min(h - p.y)).fold(f64::MAX, f64::min) / w.min(h);
    // The diagonals meet at the card's true centre, whatever the perspective.
    let (d1, d2) = (c[2].sub(c[0]), c[3].sub(c[1]));
    let t = c[1].sub(c[0]).cross(d2) / d1.cross(d2);
    let centre = if t.is_finite() { c[0].add(d1.scale(t)) } else { c[0].add(d1.scale(0.5)) };
    let area = (0..4).map(|i| c[i].cross(c[(i + 1) % 4])).sum::<f64>().abs() / 2.0;
    let flat = flatten(img, f);
    let text = f.side.text();
    let sharpness = flat.as_ref().and_then(|flat| {
        let mut v: Vec<f64> = text.iter().filter_map(|z| sharpness_index(flat, zone_region(z), 128)).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    });
    let (mut blown, mut total) = (0u32, 0u32);
    let mut chroma = 0.0;
    if let Some(flat) = &flat {
        for z in &text {
            let r = zone_region(z);
            for y in r.y0..r.y1.min(flat.height()) {
                for x in r.x0..r.x1.min(flat.width()) {
                    total += 1;
                    blown += u32::from(luma(flat.get_pixel(x, y).0) >= 250.0);
                }
            }
        }
        let inset = (3.0 * FLAT_PPM) as u32;
        let (mut sum, mut n) = (0.0, 0.0);
        for y in inset..flat.height().saturating_sub(inset) {
            for x in inset..flat.width().saturating_sub(inset) {
                let p = flat.get_pixel(x, y).0;
                sum += f64::from(p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0));
                n += 1.0;
            }
        }
        chroma = sum / f64::max(n, 1.0);
    }
    let ground_peaks = ground_blocks(img, c, f.side).into_iter().filter_map(|b| block_peak(img, b)).collect();
    Measures {
        ground_peaks,
        tilt_deg: reading.y.atan2(reading.x).to_degrees(),
        edge_margin,
        centre_offset: ((centre.x - w / 2.0).abs() / w).max((centre.y - h / 2.0).abs() / h),
        fill: area / (w * h),
        corner_error_deg: max_corner_error(&c),
        sharpness,
        card_width_px: (c[0].dist(c[1]) + c[3].dist(c[2])) / 2.0 * to_full,
        glare_share: f64::from(blown) / f64::from(total.max(1)),
        chroma,
    }
}

/// Square blocks of the picture (64 px, else 32 px) lying wholly on the blank ground of the card
/// with corners `c` in `img`'s pixels, up to three along each ground zone.
fn ground_blocks(img: &RgbImage, c: [Pt; 4], side: Side) -> Vec<Region> {
    let card = rect_corners(CARD_W, CARD_H);
    let (Some(to_pic), Some(to_card)) = (Homography::from_points(card, c), Homography::from_points(c, card)) else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    for zone in side.ground() {
        for n in [64u32, 32] {
            let half = f64::from(n) / 2.0;
            let before = blocks.len();
            for t in [0.5, 0.2, 0.8] {
                let (long, across) = (zone.x1 - zone.x0 >= zone.y1 - zone.y0, (zone.x0 + zone.x1, zone.y0 + zone.y1));
                let m = if long {
                    Pt::new(zone.x0 + (zone.x1 - zone.x0) * t, across.1 / 2.0)
                } else {
                    Pt::new(across.0 / 2.0, zone.y0 + (zone.y1 - zone.y0) * t)
                };
                let p = to_pic.apply(m);
                let (x0, y0) = (p.x - half, p.y - half);
                if x0 < 0.0 || y0 < 0.0 || p.x + half > f64::from(img.width()) || p.y + half > f64::from(img.height()) {
                    continue;
                }
                let corner = |dx: f64, dy: f64| to_card.apply(Pt::new(x0 + dx, y0 + dy));
                let f = f64::from(n);
                let on_ground = [(0.0, 0.0), (f, 0.0), (f, f), (0.0, f)].iter().all(|&(dx, dy)| {
                    let q = corner(dx, dy);
                    zone.contains(q.x, q.y)
                });
                let b = Region { x0: x0 as u32, y0: y0 as u32, x1: x0 as u32 + n, y1: y0 as u32 + n };
                if on_ground
                    && blocks.iter().all(|o: &Region| o.x1 <= b.x0 || b.x1 <= o.x0 || o.y1 <= b.y0 || b.y1 <= o.y0)
                {
                    blocks.push(b);
                }
            }
            if blocks.len() > before {
                break;
            }
        }
    }
    blocks
}

/// Smaller is better: pass up to `limits[0]`, warn up to `limits[1]`, fail beyond.
fn at_most(v: f64, [pass, warn]: [f64; 2]) -> Status {
    if v <= pass {
        Status::Pass
    } else if v <= warn {
        Status::Warn
    } else {
        Status::Fail
    }
}

/// Larger is better: pass from `limits[0]`, warn from `limits[1]`, fail below.
fn at_least(v: f64, [pass, warn]: [f64; 2]) -> Status {
    if v >= pass {
        Status::Pass
    } else if v >= warn {
        Status::Warn
    } else {
        Status::Fail
    }
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// All card checks for a picture (`full_width` as for [`measure`]). Without a card (or below the
/// confidence) only `card.found`.
pub fn checks(img: &RgbImage, finding: Option<&Finding>, full_width: u32, spec: &CardSpec) -> Vec<Check> {
    let Some(f) = finding.filter(|f| f.confidence >= spec.min_confidence) else {
        return vec![found(None, spec)];
    };
    let m = measure(img, f, full_width);
    vec![
        found(Some(f), spec),
        side(f.side, f.side_margin, spec),
        whole(m.edge_margin, spec),
        level(m.tilt_deg, spec),
        centred(m.centre_offset, spec),
        fill(m.fill, spec),
        perspective(m.corner_error_deg, spec),
        legible(m.sharpness, m.card_width_px, spec),
        glare(m.glare_share, spec),
        colour(m.chroma, spec),
        recapture(&m.ground_peaks, spec),
    ]
}

/// The periodic peak that makes `card.recapture` warn, if any: the strongest (by its ratio to the
/// spectrum's median) of those loud enough.
pub fn screen_peak(peaks: &[Peak], spec: &CardSpec) -> Option<Peak> {
    loudest(peaks.iter().copied(), spec.recapture_amplitude).filter(|p| f64::from(p.ratio) >= spec.recapture_peak_ratio)
}

/// `card.recapture`: a card photographed off a screen (or a printed copy) shows the screen's pixel
/// grid, or its moiré with the camera's, on the card's blank ground. A warning at most: a real
/// card's fine guilloche printing could show a peak too.
pub fn recapture(peaks: &[Peak], spec: &CardSpec) -> Check {
    let expected = "证件空白处没有屏幕网格或摩尔纹（直接拍摄证件原件）";
    let strongest = peaks.iter().max_by(|a, b| a.ratio.total_cmp(&b.ratio));
    let measured = match strongest {
        None => "证件空白处太小，未做频谱分析".to_owned(),
        Some(p) => format!(
            "{} 块空白处频谱最高峰 {:.0} 倍于中位（周期 {:.1} 像素，幅度 {:.1}）",
            peaks.len(),
            p.ratio,
            p.period,
            p.amplitude
        ),
    };
    match screen_peak(peaks, spec) {
        Some(_) => Check::new(
            CheckId::CardRecapture,
            Status::Warn,
            measured,
            expected,
            "证件上有规则的网格或摩尔纹，像是翻拍的手机、电脑屏幕或打印件：要求直接拍摄证件原件，请把原件放在桌上重拍。如确是直接拍摄的原件，可忽略此提示。",
        ),
        None => Check::new(CheckId::CardRecapture, Status::Pass, measured, expected, "未发现翻拍屏幕或打印件的迹象。"),
    }
}

pub fn found(f: Option<&Finding>, spec: &CardSpec) -> Check {
    let f = f.filter(|f| f.confidence >= spec.min_confidence);
    if let Some(second) = f.and_then(|f| second_card(f, spec)) {
        return Check::new(
            CheckId::CardFound,
            Status::Fail,
            format!("找到 2 张证件（第二张把握 {}）", pct(second.1)),
            "画面中有一张完整证件",
            "画面里有两张证件，只拍一张：把另一张拿开，只留要上传的那张（人像面）再拍。",
        );
    }
    match f {
        Some(f) => Check::new(
            CheckId::CardFound,
            Status::Pass,
            format!("找到证件（把握 {}）", pct(f.confidence)),
            "画面中有一张完整证件",
            "已找到证件的四个角。",
        ),
        None => Check::new(
            CheckId::CardFound,
            Status::Fail,
            "未找到证件",
            "画面中有一张完整证件",
            "没有在图中找到证件的轮廓。把整张证件平放在颜色不同的桌面上，四角都拍进画面，再试一次。",
        ),
    }
}

/// Another card in the picture, confident enough to count.
pub fn second_card(f: &Finding, spec: &CardSpec) -> Option<([Pt; 4], f64)> {
    f.second.filter(|s| s.1 >= spec.min_confidence)
}

/// The portrait side is required: it carries the name, birth date and the number that the
/// registration data and the file name are checked against.
pub fn side(side: Side, margin: f64, spec: &CardSpec) -> Check {
    let measured = side.label();
    let expected = Side::Portrait.label();
    if margin < spec.min_side_margin {
        return Check::new(
            CheckId::CardSide,
            Status::Manual,
            format!("{measured}（不确定）"),
            expected,
            "看不清拍的是哪一面：请确认上传的是有照片和身份证号码的人像面。",
        );
    }
    match side {
        Side::Portrait => Check::new(CheckId::CardSide, Status::Pass, measured, expected, "是有照片和号码的人像面。"),
        Side::Emblem => Check::new(
            CheckId::CardSide,
            Status::Fail,
            measured,
            expected,
            "这是印有国徽的背面。请翻过来，拍有照片和身份证号码的人像面。",
        ),
    }
}

pub fn whole(edge_margin: f64, spec: &CardSpec) -> Check {
    let expected = format!("四角都在画面内，离边缘至少 {}", pct(spec.whole_margin));
    if edge_margin < 0.0 {
        Check::new(
            CheckId::CardWhole,
            Status::Fail,
            "证件有一角在画面外",
            expected,
            "证件没有拍全。把整张证件放进画面，四角都要拍到。",
        )
    } else if edge_margin < spec.whole_margin {
        Check::new(
            CheckId::CardWhole,
            Status::Warn,
            format!("离边缘仅 {:.1}%", edge_margin * 100.0),
            expected,
            "证件的角太贴近画面边缘，稍微拉远一点再拍更稳妥。",
        )
    } else {
        Check::new(CheckId::CardWhole, Status::Pass, "四角都在画面内", expected, "证件完整。")
    }
}

pub fn level(tilt_deg: f64, spec: &CardSpec) -> Check {
    let a = tilt_deg.abs();
    let measured = if a > 135.0 {
        format!("倒置（转了约 {a:.0}°）")
    } else if a > 45.0 {
        format!("竖放（转了约 {a:.0}°）")
    } else {
        format!("倾斜 {a:.1}°")
    };
    let expected = format!("水平（倾斜 ≤ {}°）", spec.level_deg[0]);
    let status = at_most(a, spec.level_deg);
    let message = match status {
        Status::Pass => "证件是水平的。".to_owned(),
        _ if a > 45.0 => "证件没有正着放：修复会把它转正；重拍时请让文字横向、正着朝上。".to_owned(),
        _ => format!("证件歪了 {a:.1}°：修复会把它摆正；重拍时请让证件边缘与画面边缘平行。"),
    };
    Check::new(CheckId::CardLevel, status, measured, expected, message)
}

pub fn centred(offset: f64, spec: &CardSpec) -> Check {
    let status = at_most(offset, spec.centre);
    let message = match status {
        Status::Pass => "证件在画面中央。",
        _ => "证件偏向画面一侧：修复会把证件裁到中央；重拍时请把证件放在画面正中。",
    };
    Check::new(
        CheckId::CardCentered,
        status,
        format!("偏离中心 {}", pct(offset)),
        format!("≤ {}", pct(spec.centre[0])),
        message,
    )
}

pub fn fill(share: f64, spec: &CardSpec) -> Check {
    let status = at_least(share, spec.fill);
    let message = match status {
        Status::Pass => "证件在画面中足够大。",
        _ => "证件在画面中太小：修复会裁到证件，但字可能不够清晰；请靠近一些，让证件占满大部分画面再拍。",
    };
    Check::new(CheckId::CardFill, status, format!("占画面 {}", pct(share)), format!("≥ {}", pct(spec.fill[0])), message)
}

pub fn perspective(corner_error_deg: f64, spec: &CardSpec) -> Check {
    let status = at_most(corner_error_deg, spec.perspective_deg);
    let message = match status {
        Status::Pass => "是正对着证件拍的。",
        _ => "像是斜着拍的（四个角不是直角）：修复会把它拉正，但请尽量让手机与证件平行、正对着拍。",
    };
    Check::new(
        CheckId::CardPerspective,
        status,
        format!("角度偏差 {corner_error_deg:.1}°"),
        format!("四角接近直角（偏差 ≤ {}°）", spec.perspective_deg[0]),
        message,
    )
}

pub fn legible(sharpness: Option<f64>, card_width_px: f64, spec: &CardSpec) -> Check {
    let sharp = sharpness.map_or(Status::Fail, |s| at_least(s, spec.sharpness));
    let size = at_least(card_width_px, spec.card_width_px);
    let status = sharp.max(size);
    let measured = match sharpness {
        Some(s) => format!("清晰度 {s:.0}，证件宽 {card_width_px:.0} 像素"),
        None => format!("看不到文字细节，证件宽 {card_width_px:.0} 像素"),
    };
    let message = if status == Status::Pass {
        "证件上的字清晰。"
    } else if sharp >= size {
        "证件上的字不够清晰（对焦不准或手抖）：请在光线充足处、拿稳手机、点一下证件对焦后再拍。"
    } else {
        "证件在照片里的像素太少，字可能看不清：请靠近一些拍，让证件占满画面。"
    };
    Check::new(
        CheckId::CardLegible,
        status,
        measured,
        format!("清晰度 ≥ {}，证件宽 ≥ {} 像素", spec.sharpness[0], spec.card_width_px[0]),
        message,
    )
}

pub fn glare(share: f64, spec: &CardSpec) -> Check {
    let status = at_most(share, spec.glare_share);
    let message = match status {
        Status::Pass => "文字上没有反光。",
        _ => "证件上有反光，盖住了部分文字或号码：换个角度、避开灯光直射再拍。",
    };
    Check::new(
        CheckId::CardGlare,
        status,
        format!("文字区过曝 {:.1}%", share * 100.0),
        format!("≤ {:.1}%", spec.glare_share[0] * 100.0),
        message,
    )
}

pub fn colour(chroma: f64, spec: &CardSpec) -> Check {
    let status = at_least(chroma, spec.chroma);
    let message = match status {
        Status::Pass => "是彩色照片。",
        _ => "证件几乎没有颜色，像是黑白复印件或黑白照片：要求证件原件的彩色照片，请直接拍原件。",
    };
    Check::new(
        CheckId::CardColour,
        status,
        format!("色度 {chroma:.1}"),
        format!("≥ {}（彩色原件）", spec.chroma[0]),
        message,
    )
}

/// Where the ID the card's number is compared with came from: typed by the person (on the page or
/// as the CLI's `--id`), or taken from the registration rehearsal's form. A mismatch names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    Typed,
    Registration,
}

impl IdSource {
    pub fn label(self) -> &'static str {
        match self {
            IdSource::Typed => "填写的身份证号",
            IdSource::Registration => "报名信息里的身份证号",
        }
    }
}

/// `card.number`: the number read off the card (`None`: not read reliably) against the number in
/// the file's name and the entered one (each `None` when absent or not well-formed).
pub fn number(read: Option<&str>, file_id: Option<&str>, entered: Option<(&str, IdSource)>) -> Check {
    let Some(read) = read else {
        return Check::new(
            CheckId::CardNumber,
            Status::Manual,
            "未能可靠读出",
            "证件上的 18 位号码",
            "请核对号码：没能可靠地读出证件上的号码。请对照证件原件，确认文件名和填写的身份证号都与证件上的一致。",
        );
    };
    let entered_label = entered.map_or(IdSource::Typed.label(), |(_, source)| source.label());
    let typed = entered.map(|(id, _)| id);
    let differs: Vec<String> = [("文件名里的号码", file_id), (entered_label, typed)]
        .into_iter()
        .filter_map(|(what, id)| id.filter(|id| *id != read).map(|id| format!("{what} {id}")))
        .collect();
    let expected = match (file_id, typed) {
        (None, None) => "证件上的 18 位号码".to_owned(),
        _ => format!("与文件名、{entered_label}一致"),
    };
    if differs.is_empty() {
        let against = match (file_id, typed) {
            (Some(_), Some(_)) => format!("，与文件名和{entered_label}一致"),
            (Some(_), None) => "，与文件名一致".to_owned(),
            (None, Some(_)) => format!("，与{entered_label}一致"),
            (None, None) => String::new(),
        };
        return Check::new(
            CheckId::CardNumber,
            Status::Pass,
            read,
            expected,
            format!("读出证件号码 {read}{against}。"),
        );
    }
    Check::new(
        CheckId::CardNumber,
        Status::Fail,
        read,
        expected,
        format!(
            "证件上读出的号码 {read} 与{}不一致：请对照证件原件核对是哪一个写错了（也可能是拍错了证件）。",
            differs.join("、")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::find::find;
    use super::super::synthetic::{Scene, photo};
    use super::*;
    use crate::profile::by_id;

    fn spec() -> CardSpec {
        by_id("henan-2024").and_then(|p| p.document.card.clone()).expect("henan has [document.card]")
    }

    #[test]
    fn each_band_grades_at_its_limits() {
        let s = spec();
        assert_eq!(level(1.9, &s).status, Status::Pass);
        assert_eq!(level(-3.0, &s).status, Status::Warn);
        assert_eq!(level(8.0, &s).status, Status::Fail);
        assert!(level(179.0, &s).measured.contains("倒置"));
        assert_eq!(whole(0.05, &s).status, Status::Pass);
        assert_eq!(whole(0.005, &s).status, Status::Warn);
        assert_eq!(whole(-0.01, &s).status, Status::Fail);
        assert_eq!(centred(0.02, &s).status, Status::Pass);
        assert_eq!(centred(0.3, &s).status, Status::Fail);
        assert_eq!(fill(0.7, &s).status, Status::Pass);
        assert_eq!(fill(0.3, &s).status, Status::Warn);
        assert_eq!(fill(0.1, &s).status, Status::Fail);
        assert_eq!(perspective(2.0, &s).status, Status::Pass);
        assert_eq!(perspective(20.0, &s).status, Status::Fail);
        assert_eq!(legible(Some(50.0), 900.0, &s).status, Status::Pass);
        assert_eq!(legible(Some(50.0), 300.0, &s).status, Status::Fail);
        assert_eq!(legible(None, 900.0, &s).status, Status::Fail);
        assert_eq!(glare(0.0, &s).status, Status::Pass);
        assert_eq!(glare(0.1, &s).status, Status::Fail);
        assert_eq!(colour(20.0, &s).status, Status::Pass);
        assert_eq!(colour(1.0, &s).status, Status::Fail);
        assert_eq!(side(Side::Emblem, 0.5, &s).status, Status::Fail);
        assert_eq!(side(Side::Portrait, 0.5, &s).status, Status::Pass);
        assert_eq!(side(Side::Portrait, 0.0, &s).status, Status::Manual);
        assert_eq!(found(None, &s).status, Status::Fail);
    }

    #[test]
    fn the_number_row_passes_fails_saying_which_differs_or_asks() {
        let (card, other) = ("11010519491231002X", "440524188001010014");
        let typed_as = |id| Some((id, IdSource::Typed));
        let alone = number(Some(card), None, None);
        assert_eq!((alone.status, alone.measured.as_str()), (Status::Pass, card));
        assert_eq!(number(Some(card), Some(card), typed_as(card)).status, Status::Pass);
        let name = number(Some(card), Some(other), typed_as(card));
        assert_eq!(name.status, Status::Fail);
        assert!(
            name.message.contains("文件名里的号码 440524188001010014") && !name.message.contains("填写"),
            "{name:?}"
        );
        let typed = number(Some(card), None, typed_as(other));
        assert_eq!(typed.status, Status::Fail);
        assert!(typed.message.contains("填写的身份证号 440524188001010014"), "{typed:?}");
        let both = number(Some(card), Some(other), typed_as(other));
        assert!(both.message.contains("文件名") && both.message.contains("填写"), "{both:?}");
        let unread = number(None, Some(card), typed_as(card));
        assert_eq!(unread.status, Status::Manual);
        assert!(unread.message.starts_with("请核对号码：没能可靠地读出证件上的号码"), "{unread:?}");
    }

    #[test]
    fn the_number_from_the_registration_form_is_named_as_such() {
        let (card, other) = ("11010519491231002X", "440524188001010014");
        let differs = number(Some(card), None, Some((other, IdSource::Registration)));
        assert_eq!(differs.status, Status::Fail);
        assert!(
            differs.message.contains("与报名信息里的身份证号 440524188001010014不一致")
                && !differs.message.contains("填写"),
            "{differs:?}"
        );
        let agrees = number(Some(card), None, Some((card, IdSource::Registration)));
        assert_eq!(agrees.status, Status::Pass);
        assert!(agrees.message.ends_with("与报名信息里的身份证号一致。"), "{agrees:?}");
    }

    fn judged(scene: &Scene) -> Vec<Check> {
        let (img, _) = photo(scene);
        checks(&img, find(&img).as_ref(), img.width(), &spec())
    }

    fn status(checks: &[Check], id: CheckId) -> Status {
        checks.iter().find(|c| c.id == id).map(|c| c.status).unwrap_or_else(|| panic!("{id} missing"))
    }

    #[test]
    fn a_good_photo_passes_the_geometry_and_a_poor_one_fails_it() {
        let mut good = Scene::simple(640, 480, 11);
        good.card.as_mut().unwrap().length = 560.0;
        let c = judged(&good);
        // All but `card.number`, which the analysis adds after reading.
        assert_eq!(c.len(), CheckId::CARD.len() - 1);
        for id in [
            CheckId::CardFound,
            CheckId::CardSide,
            CheckId::CardWhole,
            CheckId::CardLevel,
            CheckId::CardCentered,
            CheckId::CardFill,
            CheckId::CardPerspective,
            CheckId::CardGlare,
            CheckId::CardColour,
            CheckId::CardRecapture,
        ] {
            assert_eq!(status(&c, id), Status::Pass, "{id}: {:?}", c.iter().find(|x| x.id == id));
        }
        let mut poor = Scene::simple(640, 480, 12);
        poor.grey = true;
        let card = poor.card.as_mut().unwrap();
        (card.rotation, card.fx, card.length, card.centre) = (9.0, 0.22, 330.0, Pt::new(250.0, 220.0));
        card.glare = Some((Pt::new(50.0, 45.0), 6.0));
        let c = judged(&poor);
        for id in [CheckId::CardLevel, CheckId::CardColour, CheckId::CardGlare, CheckId::CardLegible] {
            assert_eq!(status(&c, id), Status::Fail, "{id}: {:?}", c.iter().find(|x| x.id == id));
        }
        assert_ne!(status(&c, CheckId::CardFill), Status::Pass);
        assert_ne!(status(&c, CheckId::CardPerspective), Status::Pass);
    }

    #[test]
    fn a_card_shown_on_a_phone_screen_is_told_and_the_card_itself_is_not() {
        for (seed, rotation) in [(21, 0.0), (22, 8.0), (23, 183.0)] {
            let mut scene = Scene::simple(1600, 1200, seed);
            let card = scene.card.as_mut().unwrap();
            (card.length, card.rotation) = (1000.0, rotation);
            let on_desk = judged(&scene);
            assert_eq!(status(&on_desk, CheckId::CardFound), Status::Pass);
            let row = |c: &[Check]| c.iter().find(|x| x.id == CheckId::CardRecapture).cloned().expect("row");
            assert_eq!(row(&on_desk).status, Status::Pass, "seed {seed}: {:?}", row(&on_desk));
            let on_screen = judged(&Scene { screen: true, ..scene });
            assert_eq!(
                status(&on_screen, CheckId::CardFound),
                Status::Pass,
                "seed {seed}: the card on the screen is found"
            );
            let warned = row(&on_screen);
            assert_eq!(warned.status, Status::Warn, "seed {seed}: {warned:?}");
            assert!(warned.message.contains("翻拍"), "{warned:?}");
        }
    }

    #[test]
    fn two_cards_fail_card_found_with_a_clear_message() {
        let mut scene = Scene::simple(1600, 1200, 24);
        let card = scene.card.as_mut().unwrap();
        (card.length, card.centre, card.rotation) = (640.0, Pt::new(430.0, 600.0), 3.0);
        let mut other = super::super::synthetic::CardPose::upright(1600, 1200, 0.4, 25);
        (other.centre, other.rotation, other.side) = (Pt::new(1180.0, 620.0), -5.0, Side::Emblem);
        scene.second = Some(other);
        let c = judged(&scene);
        let found = c.iter().find(|x| x.id == CheckId::CardFound).expect("row");
        assert_eq!(found.status, Status::Fail, "{found:?}");
        assert!(found.message.contains("两张证件") && found.measured.contains("2 张"), "{found:?}");
        // The same photo with one card: found.
        assert_eq!(status(&judged(&Scene { second: None, ..scene }), CheckId::CardFound), Status::Pass);
    }

    #[test]
    fn blur_and_cut_off_cards_are_told() {
        let s = spec();
        let mut sharp = Scene::simple(640, 480, 13);
        sharp.card.as_mut().unwrap().length = 560.0;
        let blurred = Scene { blur: 2.5, ..sharp.clone() };
        let index = |scene: &Scene| {
            let (img, _) = photo(scene);
            measure(&img, &find(&img).expect("found"), img.width()).sharpness.expect("text detail")
        };
        let (a, b) = (index(&sharp), index(&blurred));
        assert!(a >= s.sharpness[0] && b < s.sharpness[1], "sharp {a:.1}, blurred {b:.1}");
        // One corner out of the picture: either no card is accepted or it is not whole.
        let mut cut = Scene::simple(640, 480, 14);
        cut.card.as_mut().unwrap().centre = Pt::new(470.0, 240.0);
        cut.card.as_mut().unwrap().rotation = 12.0;
        let (img, truth) = photo(&cut);
        assert!(truth.corners.unwrap().iter().any(|p| p.x > 640.0));
        let c = checks(&img, find(&img).as_ref(), img.width(), &s);
        assert!(
            status(&c, CheckId::CardFound) == Status::Fail || status(&c, CheckId::CardWhole) == Status::Fail,
            "{c:?}"
        );
    }
}
