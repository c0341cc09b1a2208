//! Safe decoding: refuse oversized pictures from their headers, decode JPEGs at a reduced scale
//! when only a smaller picture is needed, flatten transparency onto white, convert CMYK, and
//! apply the EXIF orientation so every later step sees the picture upright.

use super::jpeg_info::{self, JpegHeaderError, JpegInfo};
use super::metadata::{read_exif, swaps_axes};
use super::sniff::{FileKind, sniff};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, metadata::Orientation};
use std::io::Cursor;

/// Largest picture accepted, in pixels. A technical safety limit, not a rule of the notice:
/// 64 MP covers 48–50 MP phone cameras while keeping memory in the browser bounded.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Largest side accepted (a very long strip is not a photo and would still cost memory).
pub const MAX_SIDE: u32 = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NotAnImage(FileKind),
    TooLarge { width: u32, height: u32 },
    Truncated,
    Corrupt(String),
    Unsupported(String),
}

impl DecodeError {
    /// A clear Chinese message with what to do next.
    pub fn message(&self) -> String {
        match self {
            DecodeError::NotAnImage(FileKind::Empty) => "这是一个空文件（0 字节），请重新选择照片文件。".into(),
            DecodeError::NotAnImage(FileKind::Heic) => "这是 HEIC 格式（iPhone/苹果手机默认的“高效”格式），本工具和报名平台都不能读取。请在 iPhone 上打开“设置 → 相机 → 格式”，选择“兼容性最佳”后重拍；或在“照片”里选中该照片，用“共享 → 存储到文件”或发送给自己时选择 JPEG/“最兼容”格式，再选择导出的 .jpg 文件。".into(),
            DecodeError::NotAnImage(FileKind::Avif) => "这是 AVIF 图片，本工具不能读取。请用手机相册或画图软件另存为 JPEG（.jpg）后再试。".into(),
            DecodeError::NotAnImage(FileKind::Tiff) => "这是 TIFF 图片（常见于扫描仪），本工具不能读取。请注意报名照片不得使用扫描件，请用数码相机或手机拍摄。".into(),
            DecodeError::NotAnImage(kind @ (FileKind::Gif | FileKind::Bmp | FileKind::WebP)) => format!("这是{}，平台要求 JPEG。请用手机相册或“画图”另存为 JPEG（.jpg）后再试。", kind.label()),
            DecodeError::NotAnImage(FileKind::Pdf) => "这是 PDF 文档，不是图片。请选择 JPEG（.jpg）照片文件。".into(),
            DecodeError::NotAnImage(FileKind::Text) => "这是文本文件，不是图片。请选择 JPEG（.jpg）照片文件。".into(),
            DecodeError::NotAnImage(kind) => format!("无法识别为图片（{}）。请选择 JPEG（.jpg）照片文件。", kind.label()),
            DecodeError::TooLarge { width: 0, .. } => format!(
                "图片太大（超过 {} 百万像素的处理上限），为保护浏览器不被卡死已拒绝读取。请先用手机相册把照片缩小或裁剪后再试。",
                MAX_PIXELS / 1_000_000
            ),
            DecodeError::TooLarge { width, height } => format!(
                "图片太大（{width}×{height} 像素，超过 {} 百万像素的处理上限），为保护浏览器不被卡死已拒绝读取。请先用手机相册把照片缩小或裁剪后再试。",
                MAX_PIXELS / 1_000_000
            ),
            DecodeError::Truncated => "文件不完整（可能下载或传输时中断了），无法读取全部图像。请重新从相机或手机导出原始照片。".into(),
            DecodeError::Corrupt(why) => format!("文件已损坏，无法读取图像（{why}）。请重新从相机或手机导出照片。"),
            DecodeError::Unsupported(why) => format!("这种图片编码本工具无法读取（{why}）。请用手机相册或画图软件另存为普通 JPEG 后再试。"),
        }
    }
}

/// An upright picture, possibly decoded at reduced scale.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub image: RgbImage,
    /// Upright size of the full-resolution picture.
    pub full_width: u32,
    pub full_height: u32,
}

/// Refuses pictures whose header claims more pixels than we are willing to hold.
pub fn ensure_reasonable_size(width: u32, height: u32) -> Result<(), DecodeError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(DecodeError::TooLarge { width, height });
    }
    Ok(())
}

/// Decodes `bytes`. `at_least` is the smallest upright size the caller needs; a JPEG is then
/// decoded at the smallest 1/8, 1/4, 1/2 or full scale that still covers it. `(0, 0)` asks for
/// the smallest cheap preview; `(u32::MAX, u32::MAX)` for full resolution.
pub fn decode(bytes: &[u8], at_least: (u32, u32)) -> Result<Decoded, DecodeError> {
    match sniff(bytes) {
        FileKind::Jpeg => decode_jpeg(bytes, at_least),
        FileKind::Png => decode_other(bytes, ImageFormat::Png),
        kind => Err(DecodeError::NotAnImage(kind)),
    }
}

/// What the headers say, read once: the upright full-resolution size and, for a JPEG, its header
/// (so decoding afterwards need not read the markers of a multi-megabyte file again).
#[derive(Debug, Clone)]
pub struct Probed {
    pub upright: (u32, u32),
    jpeg: Option<JpegInfo>,
    /// The EXIF orientation turns the stored picture a quarter turn.
    swapped: bool,
}

impl Probed {
    pub fn decode(&self, bytes: &[u8], at_least: (u32, u32)) -> Result<Decoded, DecodeError> {
        decode_with_header(bytes, self.jpeg.as_ref(), at_least)
    }

    /// The upright size [`Probed::decode`] gives for `at_least`: a picture already decoded at that
    /// size is the very picture it would decode.
    pub fn decoded_size(&self, at_least: (u32, u32)) -> (u32, u32) {
        let Some(info) = &self.jpeg else { return self.upright };
        let need = if self.swapped { (at_least.1, at_least.0) } else { at_least };
        let d = denominator(info, need);
        let (w, h) = (info.width.div_ceil(d), info.height.div_ceil(d));
        if self.swapped { (h, w) } else { (w, h) }
    }
}

/// The JPEG decoder's scale, 1/`d`: the smallest of 1/8, 1/4, 1/2 and 1 whose stored size still
/// covers `need` (in stored, not upright, axes).
fn denominator(info: &JpegInfo, need: (u32, u32)) -> u32 {
    [8u32, 4, 2, 1]
        .into_iter()
        .find(|d| info.width.div_ceil(*d) >= need.0 && info.height.div_ceil(*d) >= need.1)
        .unwrap_or(1)
}

/// Reads the headers without decoding pixels; the same refusals as [`decode`] for files that cannot
/// or must not be decoded.
pub fn probe(bytes: &[u8]) -> Result<Probed, DecodeError> {
    let format = match sniff(bytes) {
        FileKind::Jpeg => {
            let info = jpeg_info::read(bytes).map_err(header_error)?;
            if !info.complete {
                return Err(DecodeError::Truncated);
            }
            ensure_reasonable_size(info.width, info.height)?;
            let orientation = info.exif.as_deref().map(read_exif).and_then(|e| e.orientation).unwrap_or(1);
            let swapped = swaps_axes(orientation);
            let upright = if swapped { (info.height, info.width) } else { (info.width, info.height) };
            return Ok(Probed { upright, jpeg: Some(info), swapped });
        }
        FileKind::Png => ImageFormat::Png,
        kind => return Err(DecodeError::NotAnImage(kind)),
    };
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format).into_decoder().map_err(image_error)?;
    let (w, h) = decoder.dimensions();
    ensure_reasonable_size(w, h)?;
    let swap = decoder.orientation().map(|o| swaps_axes(o.to_exif())).unwrap_or(false);
    Ok(Probed { upright: if swap { (h, w) } else { (w, h) }, jpeg: None, swapped: swap })
}

/// [`decode`], reusing a JPEG header the caller has already read.
pub fn decode_with_header(bytes: &[u8], jpeg: Option<&JpegInfo>, at_least: (u32, u32)) -> Result<Decoded, DecodeError> {
    match jpeg {
        Some(info) => decode_jpeg_with_info(bytes, info, at_least),
        None => decode(bytes, at_least),
    }
}

/// Why a JPEG whose headers cannot be read cannot be decoded.
pub fn header_error(e: JpegHeaderError) -> DecodeError {
    match e {
        JpegHeaderError::Truncated => DecodeError::Truncated,
        JpegHeaderError::NotJpeg => DecodeError::NotAnImage(FileKind::Unknown),
        JpegHeaderError::NoFrame => DecodeError::Corrupt("缺少图像尺寸信息".into()),
        JpegHeaderError::Corrupt(why) => DecodeError::Corrupt(why.into()),
    }
}

fn decode_jpeg(bytes: &[u8], at_least: (u32, u32)) -> Result<Decoded, DecodeError> {
    let info = jpeg_info::read(bytes).map_err(header_error)?;
    decode_jpeg_with_info(bytes, &info, at_least)
}

fn decode_jpeg_with_info(bytes: &[u8], info: &JpegInfo, at_least: (u32, u32)) -> Result<Decoded, DecodeError> {
    ensure_reasonable_size(info.width, info.height)?;
    if info.precision != 8 {
        return Err(DecodeError::Unsupported(format!("{} 位精度 JPEG", info.precision)));
    }
    if matches!(info.coding, jpeg_info::Coding::Lossless | jpeg_info::Coding::Unusual) {
        return Err(DecodeError::Unsupported("无损或算术编码 JPEG".into()));
    }
    let orientation = info.exif.as_deref().map(read_exif).and_then(|e| e.orientation).unwrap_or(1);
    let swap = swaps_axes(orientation);
    let denom = denominator(info, if swap { (at_least.1, at_least.0) } else { at_least });

    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size((MAX_PIXELS * 4) as usize);
    let (w, h) =
        decoder.scale(to_u16(info.width.div_ceil(denom)), to_u16(info.height.div_ceil(denom))).map_err(jpeg_error)?;
    let pixels = decoder.decode().map_err(jpeg_error)?;
    let format = decoder.info().map(|i| i.pixel_format).ok_or(DecodeError::Truncated)?;
    let rgb = to_rgb(pixels, format, u32::from(w), u32::from(h))?;
    let mut upright = DynamicImage::ImageRgb8(rgb);
    if let Some(o) = Orientation::from_exif(orientation) {
        upright.apply_orientation(o);
    }
    let (full_width, full_height) = if swap { (info.height, info.width) } else { (info.width, info.height) };
    Ok(Decoded { image: upright.into_rgb8(), full_width, full_height })
}

fn to_u16(x: u32) -> u16 {
    u16::try_from(x).unwrap_or(u16::MAX)
}

fn jpeg_error(e: jpeg_decoder::Error) -> DecodeError {
    match e {
        jpeg_decoder::Error::Io(_) => DecodeError::Truncated,
        jpeg_decoder::Error::Unsupported(f) => DecodeError::Unsupported(format!("{f:?}")),
        jpeg_decoder::Error::Format(why) => DecodeError::Corrupt(why),
        other => DecodeError::Corrupt(other.to_string()),
    }
}

fn to_rgb(pixels: Vec<u8>, format: jpeg_decoder::PixelFormat, w: u32, h: u32) -> Result<RgbImage, DecodeError> {
    use jpeg_decoder::PixelFormat as P;
    let rgb: Vec<u8> = match format {
        P::RGB24 => pixels,
        P::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        P::L16 => pixels.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect(),
        // jpeg-decoder returns ink amounts (0 = no ink); a naive conversion is enough to judge
        // and fix a photo that was saved for print.
        P::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let k = 255 - u16::from(p[3]);
                [p[0], p[1], p[2]].map(|c| ((255 - u16::from(c)) * k / 255) as u8)
            })
            .collect(),
    };
    RgbImage::from_raw(w, h, rgb).ok_or(DecodeError::Corrupt("像素数据长度不符".into()))
}

fn decode_other(bytes: &[u8], format: ImageFormat) -> Result<Decoded, DecodeError> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // RGBA at 16 bits per channel is the most a decoder holds per pixel, plus the RGB copy.
    limits.max_alloc = Some(MAX_PIXELS * 8 + MAX_PIXELS * 3);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(image_error)?;
    let (width, height) = decoder.dimensions();
    ensure_reasonable_size(width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    img.apply_orientation(orientation);
    let image = flatten_on_white(img);
    Ok(Decoded { full_width: image.width(), full_height: image.height(), image })
}

fn image_error(e: image::ImageError) -> DecodeError {
    use image::ImageError as E;
    match e {
        E::Limits(_) => DecodeError::TooLarge { width: 0, height: 0 },
        E::Unsupported(u) => DecodeError::Unsupported(u.to_string()),
        E::IoError(_) => DecodeError::Truncated,
        other => {
            let text = other.to_string();
            if text.contains("EOF") || text.contains("eof") || text.contains("end of") {
                DecodeError::Truncated
            } else {
                DecodeError::Corrupt(text)
            }
        }
    }
}

/// Transparent pixels become white (what a viewer shows), not the black hidden under them.
fn flatten_on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(p[3]);
        o.0 = [0, 1, 2].map(|i| ((u16::from(p[i]) * a + 255 * (255 - a)) / 255) as u8);
    }
    out
}
