//! What a file really is, judged by its first bytes, never by its name.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Empty,
    Jpeg,
    Png,
    Gif,
    WebP,
    Bmp,
    Tiff,
    Heic,
    Avif,
    Pdf,
    Text,
    Unknown,
}

impl FileKind {
    /// Chinese name for messages.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Empty => "空文件",
            FileKind::Jpeg => "JPEG 图片",
            FileKind::Png => "PNG 图片",
            FileKind::Gif => "GIF 动图",
            FileKind::WebP => "WebP 图片",
            FileKind::Bmp => "BMP 位图",
            FileKind::Tiff => "TIFF 图片",
            FileKind::Heic => "HEIC 图片（苹果手机默认格式）",
            FileKind::Avif => "AVIF 图片",
            FileKind::Pdf => "PDF 文档",
            FileKind::Text => "文本文件",
            FileKind::Unknown => "无法识别的文件",
        }
    }

    /// Formats this site can decode and therefore fix. WebP is recognised but not decoded: its
    /// decoder alone was 46 KB gzip of the page's first load (measured), and phone cameras and
    /// studios deliver JPEG (or HEIC, which is not decodable either).
    pub fn is_decodable(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png)
    }
}

pub fn sniff(bytes: &[u8]) -> FileKind {
    match bytes {
        [] => FileKind::Empty,
        [0xFF, 0xD8, 0xFF, ..] => FileKind::Jpeg,
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => FileKind::Png,
        [b'G', b'I', b'F', b'8', ..] => FileKind::Gif,
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => FileKind::WebP,
        [b'B', b'M', ..] if bytes.len() >= 26 => FileKind::Bmp,
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => FileKind::Tiff,
        [b'%', b'P', b'D', b'F', ..] => FileKind::Pdf,
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => iso_bmff_brand(bytes),
        _ if looks_like_text(bytes) => FileKind::Text,
        _ => FileKind::Unknown,
    }
}

/// HEIF-family files: the major brand and compatible brands in the `ftyp` box.
fn iso_bmff_brand(bytes: &[u8]) -> FileKind {
    let box_len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = box_len.clamp(12, 64).min(bytes.len());
    let brands = &bytes[8..end];
    let has = |b: &[u8]| brands.chunks(4).any(|c| c == b);
    if has(b"avif") || has(b"avis") {
        FileKind::Avif
    } else if has(b"heic")
        || has(b"heix")
        || has(b"hevc")
        || has(b"heim")
        || has(b"heis")
        || has(b"mif1")
        || has(b"msf1")
    {
        FileKind::Heic
    } else {
        FileKind::Unknown
    }
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    match std::str::from_utf8(head) {
        Ok(s) => s.chars().all(|c| !c.is_control() || c.is_whitespace()),
        // A multi-byte character cut at the 512-byte mark is still text.
        Err(e) => e.valid_up_to() + 4 > head.len() && e.valid_up_to() > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_formats_by_content() {
        assert_eq!(sniff(b""), FileKind::Empty);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]), FileKind::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), FileKind::Png);
        assert_eq!(sniff(b"GIF89a......"), FileKind::Gif);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), FileKind::WebP);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), FileKind::Heic);
        assert_eq!(sniff(b"\0\0\0\x1cftypmif1\0\0\0\0mif1miafavif"), FileKind::Avif);
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0\0\0isommp42"), FileKind::Unknown);
        assert_eq!(sniff(b"%PDF-1.7"), FileKind::Pdf);
        assert_eq!(sniff("这是一个文本文件\n".as_bytes()), FileKind::Text);
        assert_eq!(sniff(&[0x00, 0x01, 0x02, 0x03, 0x04]), FileKind::Unknown);
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), FileKind::Tiff);
    }
}
