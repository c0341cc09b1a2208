//! One function per file rule. Each takes the gathered facts and the profile's numbers.

use super::thousands;
use crate::imaging::facts::FileFacts;
use crate::imaging::jpeg_info::Coding;
use crate::imaging::metadata::swaps_axes;
use crate::imaging::sniff::FileKind;
use crate::profile::ImageSpec;
use crate::report::{Check, CheckId, Status};

/// `file.format`: JPEG judged by content, never by the name.
pub fn format_check(facts: &FileFacts, file_name: &str) -> Check {
    const ID: CheckId = CheckId::FileFormat;
    let expected = "JPEG（.jpg）图片，RGB 彩色，标准（基线）编码";
    let fail = |measured: String, message: String| Check::new(ID, Status::Fail, measured, expected, message);
    if facts.kind != FileKind::Jpeg {
        let message = match &facts.problem {
            Some(p) => p.message(),
            None => format!("这是{}，平台要求 JPEG（.jpg）。点“一键修复”可转换为合格的 JPEG。", facts.kind.label()),
        };
        return fail(facts.kind.label().to_owned(), message);
    }
    let Some(info) = &facts.jpeg else {
        let message = facts.problem.as_ref().map(|p| p.message()).unwrap_or_default();
        return fail("JPEG（文件头损坏）".into(), message);
    };
    if let Some(problem) = &facts.problem {
        return fail("JPEG（无法完整读取）".into(), problem.message());
    }
    let coding = match info.coding {
        Coding::Baseline => "基线编码",
        Coding::ExtendedSequential => "扩展顺序编码",
        Coding::Progressive => "渐进式编码",
        Coding::Lossless | Coding::Unusual => "特殊编码",
    };
    let channels = match info.components {
        1 => "灰度单通道",
        4 => "CMYK 四通道",
        _ => "RGB 三通道",
    };
    let measured = format!("JPEG，{coding}，{channels}");
    if info.is_cmyk() {
        return fail(
            measured,
            "这是 CMYK（印刷用）色彩模式的 JPEG，报名平台和很多浏览器无法正确显示颜色。点“一键修复”可转换为普通 RGB JPEG。".into(),
        );
    }
    if info.coding == Coding::Progressive {
        return Check::new(
            ID,
            Status::Warn,
            measured,
            expected,
            "这是渐进式 JPEG，部分采集软件不支持。点“一键修复”可保存为标准（基线）JPEG。",
        );
    }
    let ext = extension(file_name);
    if !file_name.is_empty() && !matches!(ext.as_str(), "jpg" | "jpeg") {
        let shown = if ext.is_empty() { "（无扩展名）".to_owned() } else { format!(".{ext}") };
        return Check::new(
            ID,
            Status::Warn,
            format!("{measured}，扩展名 {shown}"),
            expected,
            format!(
                "内容是 JPEG，但文件扩展名是 {shown}，导入时可能被拒绝。请把文件名改为以 .jpg 结尾，或使用一键修复下载的文件。"
            ),
        );
    }
    Check::new(ID, Status::Pass, measured, expected, "格式正确：是 JPEG 图片。")
}

/// Lower-case extension without the dot ("" when none).
pub fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// `file.size`: at most `max_bytes` passes; up to `max_bytes_tolerated` warns ("30k" is ambiguous).
pub fn size_check(byte_len: u64, spec: &ImageSpec) -> Check {
    const ID: CheckId = CheckId::FileSize;
    let kb = byte_len as f64 / 1024.0;
    let measured = format!("{} 字节（{kb:.1} KB）", thousands(byte_len));
    let expected = match spec.min_bytes {
        Some(min) => format!("{}–{} 字节", thousands(min), thousands(spec.max_bytes)),
        None => format!("≤ {} 字节", thousands(spec.max_bytes)),
    };
    let (status, message) = if byte_len == 0 {
        (Status::Fail, "文件是空的（0 字节）。".to_owned())
    } else if spec.min_bytes.is_some_and(|min| byte_len < min) {
        (Status::Fail, "文件太小，画质可能过低。请用一键修复或以更高画质重新保存。".to_owned())
    } else if byte_len <= spec.max_bytes {
        (Status::Pass, "大小符合要求。".to_owned())
    } else if byte_len <= spec.max_bytes_tolerated {
        (
            Status::Warn,
            format!(
                "比 {} 字节略大：若平台按 1 KB = 1024 字节计算（{} 字节）则可接受，否则会被拒绝。用一键修复可压到 {} 字节以内。",
                thousands(spec.max_bytes),
                thousands(spec.max_bytes_tolerated),
                thousands(spec.max_bytes)
            ),
        )
    } else {
        (
            Status::Fail,
            format!(
                "文件太大，超出 {} 字节的上限。点“一键修复”会以能放下的最高画质重新压缩。",
                thousands(spec.max_bytes)
            ),
        )
    };
    Check::new(ID, status, measured, expected, message)
}

/// `image.dimensions`: exact pixel size, as the platform reads it (stored, not rotated by EXIF).
pub fn dimensions_check(facts: &FileFacts, spec: &ImageSpec) -> Check {
    const ID: CheckId = CheckId::ImageDimensions;
    let expected = format!("{}×{} 像素", spec.width, spec.height);
    // What the fix will do about the size, as the fix for this kind of picture does it.
    let fix_plan = match spec.card {
        Some(_) => format!("按证件的四个角把证件摆正、裁到证件，输出 {}×{}", spec.width, spec.height),
        None => format!("按 {}:{} 的比例居中裁剪并缩放", spec.width, spec.height),
    };
    let (Some((sw, sh)), Some((uw, uh))) = (facts.stored_size, facts.upright_size()) else {
        return Check::new(ID, Status::Fail, "无法读取", expected, "无法读取图片尺寸。");
    };
    let target = (spec.width, spec.height);
    let o = facts.orientation;
    if o != 1 && swaps_axes(o) {
        let measured = format!("显示为 {uw}×{uh}，文件实际存储为 {sw}×{sh}（带 EXIF 旋转标记 {o}）");
        let message = if (uw, uh) == target {
            format!(
                "看起来是 {uw}×{uh}，但文件里存的是横放的 {sw}×{sh}，靠旋转标记才显示为竖的；报名平台可能按 {sw}×{sh} 读取而拒收。点“一键修复”可写成真正竖放的 {}×{}。",
                spec.width, spec.height
            )
        } else {
            format!("尺寸应为 {}×{}。点“一键修复”会先按旋转标记摆正，再{}。", spec.width, spec.height, fix_plan)
        };
        return Check::new(ID, Status::Fail, measured, expected, message);
    }
    let measured =
        if o == 1 { format!("{sw}×{sh} 像素") } else { format!("{sw}×{sh} 像素（带 EXIF 旋转标记 {o}）") };
    if (sw, sh) != target {
        let message = if (sh, sw) == target {
            let layout = if spec.width > spec.height { "横版" } else { "竖版" };
            format!("宽和高颠倒了：应为宽 {} × 高 {}（{layout}）。点“一键修复”可自动处理。", spec.width, spec.height)
        } else {
            format!(
                "尺寸应为 {}×{}，这张是 {sw}×{sh}。点“一键修复”会{}，不会拉伸变形。",
                spec.width, spec.height, fix_plan
            )
        };
        return Check::new(ID, Status::Fail, measured, expected, message);
    }
    if o != 1 {
        return Check::new(
            ID,
            Status::Warn,
            measured,
            expected,
            "尺寸正确，但带有旋转/翻转标记，不同软件显示的方向可能不同。点“一键修复”可去掉标记并写成正向图片。",
        );
    }
    Check::new(ID, Status::Pass, measured, expected, "尺寸正确。")
}

/// `image.dpi`: the JFIF density and the EXIF resolution (programs differ in which they show),
/// both must say at least `min_dpi` when present, and at least one must be present.
pub fn dpi_check(facts: &FileFacts, spec: &ImageSpec) -> Check {
    const ID: CheckId = CheckId::ImageDpi;
    let min = f64::from(spec.min_dpi);
    let expected = format!("≥ {} dpi（JFIF 密度或 EXIF 分辨率）", spec.min_dpi);
    if facts.kind != FileKind::Jpeg {
        return Check::new(
            ID,
            Status::Fail,
            "非 JPEG，无 JFIF 密度",
            expected,
            "先转换为 JPEG（一键修复会写入 300 dpi）。",
        );
    }
    let jfif = facts.jpeg.as_ref().and_then(|j| j.jfif);
    let mut parts = Vec::new();
    let mut declared = Vec::new();
    match jfif {
        Some(j) => match j.dpi() {
            Some(d) => {
                let unit = if j.unit == 2 { format!("（{}×{} 像素/厘米）", j.x, j.y) } else { String::new() };
                parts.push(format!("JFIF {}×{} dpi{unit}", fmt_dpi(d.0), fmt_dpi(d.1)));
                declared.push(("JFIF", d));
            }
            None => parts.push("JFIF 未标注单位（仅像素比例）".to_owned()),
        },
        None => parts.push("无 JFIF 密度".to_owned()),
    }
    if let Some(d) = facts.exif.dpi {
        parts.push(format!("EXIF {}×{} dpi", fmt_dpi(d.0), fmt_dpi(d.1)));
        declared.push(("EXIF", d));
    }
    let measured = parts.join("；");
    // A density of 118 px/cm is the usual metric spelling of 300 dpi (299.7): compare rounded values.
    let low: Vec<&str> =
        declared.iter().filter(|(_, (x, y))| x.round() < min || y.round() < min).map(|(s, _)| *s).collect();
    let problem = if declared.is_empty() {
        format!(
            "文件没有标注分辨率，软件通常按 72 dpi 处理，低于要求的 {} dpi。点“一键修复”写入 300 dpi（不改变像素）。",
            spec.min_dpi
        )
    } else if !low.is_empty() {
        format!(
            "{} 标注的分辨率低于 {} dpi。点“一键修复”会写入 300 dpi 并去掉矛盾的标注。",
            low.join("、"),
            spec.min_dpi
        )
    } else {
        return Check::new(ID, Status::Pass, measured, expected, "分辨率标注符合要求。");
    };
    Check::new(ID, Status::Fail, measured, expected, problem)
}

fn fmt_dpi(d: f64) -> String {
    if (d - d.round()).abs() < 0.05 { format!("{}", d.round() as i64) } else { format!("{d:.1}") }
}

/// `image.color`: a grey-scale (or nearly grey-scale) picture fails.
pub fn color_check(facts: &FileFacts, spec: &ImageSpec) -> Check {
    const ID: CheckId = CheckId::ImageColor;
    let expected = format!("彩色（彩色像素占比 ≥ {:.0}%）", spec.min_colour_share * 100.0);
    if facts.jpeg.as_ref().is_some_and(|j| j.components == 1) {
        return Check::new(
            ID,
            Status::Fail,
            "灰度（黑白）JPEG",
            expected,
            "这是黑白照片，要求彩色照片。黑白照片无法修复，请重新拍摄彩色照片。",
        );
    }
    let Some(colour) = facts.colour else {
        return Check::new(ID, Status::Fail, "无法读取", expected, "无法读取像素，不能判断是否彩色。");
    };
    let measured = format!("彩色像素占 {:.1}%", colour.colour_share * 100.0);
    if colour.colour_share < spec.min_colour_share {
        return Check::new(
            ID,
            Status::Fail,
            measured,
            expected,
            "几乎没有颜色，看起来是黑白照片。要求彩色照片，请重新拍摄彩色照片。",
        );
    }
    Check::new(ID, Status::Pass, measured, expected, "是彩色图片。")
}
