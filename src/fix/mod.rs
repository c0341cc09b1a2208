//! The one-click fix shared by the photo and the document: decode at the scale the target needs,
//! fit the picture to the target aspect (crop for the photo, letterbox for the document), write
//! the compliant JPEG, then check the written file with the same rules the user sees.

pub mod name;

use crate::filecheck::file_checks;
use crate::imaging::colour;
use crate::imaging::decode::{self, DecodeError};
use crate::imaging::facts::analyse;
use crate::imaging::jpeg_write::encode_within;
use crate::profile::ImageSpec;
use crate::report::{Check, Status};
use image::RgbImage;

/// Highest JPEG quality tried: above it files grow with no visible gain.
pub const MAX_QUALITY: u8 = 95;
/// Below this quality compression artefacts start to show: the page says so.
pub const LOW_QUALITY: u8 = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub quality: u8,
    /// What was done, in Chinese, for the page ("已居中裁剪……").
    pub notes: Vec<String>,
    /// The fixed file checked again with the profile's file rules.
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FixError {
    /// The picture cannot be read.
    Unreadable(DecodeError),
    /// The picture is readable but cannot be made compliant by a machine (e.g. it is grey-scale).
    Unfixable(String),
}

impl FixError {
    pub fn message(&self) -> String {
        match self {
            FixError::Unreadable(e) => e.message(),
            FixError::Unfixable(why) => why.clone(),
        }
    }
}

/// How the decoded picture becomes `spec.width × spec.height`.
pub trait Fit {
    /// Returns the fitted picture and notes explaining the geometry.
    fn fit(&self, img: &RgbImage, spec: &ImageSpec) -> (RgbImage, Vec<String>);
    /// The source rectangle size (in full-resolution pixels) that will be scaled to the target,
    /// used to decode no larger than needed.
    fn source_extent(&self, full: (u32, u32), spec: &ImageSpec) -> (u32, u32);
}

/// Runs the whole fix with the given fitting strategy.
pub fn fix_with(bytes: &[u8], spec: &ImageSpec, fit: &dyn Fit, file_name: String) -> Result<Fixed, FixError> {
    fix_reusing(bytes, spec, fit, file_name, None)
}

/// [`fix_with`], taking the picture from `decoded` (an earlier decode of `bytes`, e.g. the check's)
/// when it is the very picture the fix would decode: the same output, one decode fewer.
pub fn fix_reusing(
    bytes: &[u8],
    spec: &ImageSpec,
    fit: &dyn Fit,
    file_name: String,
    decoded: Option<&decode::Decoded>,
) -> Result<Fixed, FixError> {
    let probed = decode::probe(bytes).map_err(FixError::Unreadable)?;
    let full = probed.upright;
    // Decode at the smallest scale where the region that becomes the target still has at least
    // the target's pixels.
    let (ew, eh) = fit.source_extent(full, spec);
    let at_least = (
        (u64::from(full.0) * u64::from(spec.width)).div_ceil(u64::from(ew.max(1))) as u32,
        (u64::from(full.1) * u64::from(spec.height)).div_ceil(u64::from(eh.max(1))) as u32,
    );
    let size = probed.decoded_size(at_least);
    let fresh;
    let img = match decoded.filter(|d| d.image.dimensions() == size) {
        Some(d) => &d.image,
        None => {
            fresh = probed.decode(bytes, at_least).map_err(FixError::Unreadable)?;
            &fresh.image
        }
    };
    if colour::measure(img).colour_share < spec.min_colour_share {
        return Err(FixError::Unfixable(
            "这是黑白（或几乎黑白）照片，要求彩色照片，无法通过修复变成彩色。请重新拍摄彩色照片。".into(),
        ));
    }
    let (fitted, mut notes) = fit.fit(img, spec);
    if ew < spec.width || eh < spec.height {
        notes.push(format!(
            "原图可用部分只有 {ew}×{eh} 像素，已放大到 {}×{}，可能不够清晰；建议用更高分辨率重拍。",
            spec.width, spec.height
        ));
    }
    let dpi = u16::try_from(spec.min_dpi.max(300)).unwrap_or(u16::MAX);
    let written = encode_within(&fitted, spec.max_bytes, dpi, MAX_QUALITY).map_err(FixError::Unfixable)?;
    notes.push(format!(
        "保存为 {}×{} 像素、{dpi} dpi 的标准 JPEG，画质 {}，大小 {} 字节（上限 {}）；已去除 EXIF（可能含拍摄地点）等全部元数据。",
        spec.width,
        spec.height,
        written.quality,
        crate::filecheck::thousands(written.bytes.len() as u64),
        crate::filecheck::thousands(spec.max_bytes),
    ));
    if written.quality < LOW_QUALITY {
        notes.push("为放进大小限制，画质压得较低，细节可能变糊；在干净的纯色背景前重拍，可以得到更清晰的文件。".into());
    }
    let checks = file_checks(&analyse(&written.bytes), &file_name, spec);
    if let Some(bad) = checks.iter().find(|c| c.status != Status::Pass) {
        return Err(FixError::Unfixable(format!("修复后的文件仍未通过“{}”：{}", bad.id, bad.message)));
    }
    Ok(Fixed { bytes: written.bytes, file_name, quality: written.quality, notes, checks })
}
