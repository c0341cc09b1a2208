//! Reads a JPEG's marker segments without decoding pixels: size, coding process, colour
//! components, JFIF density, the EXIF block, and whether the file is complete. This is what
//! lets the checks refuse a decompression bomb from its header before any large allocation, and
//! a "scan bomb" (thousands of progressive scans, each making the decoder visit every block of a
//! big picture again) before it costs minutes.

/// Most scans (SOS segments) accepted. Encoders write 1–3 scans for sequential and about 10 for
/// progressive JPEGs (libjpeg's default script; optimising encoders a few more); libjpeg-turbo
/// suggests refusing untrusted files with hundreds. Each scan makes the decoder visit every block
/// of the picture again, so this bounds the decoding time of a legal-sized picture.
pub const MAX_SCANS: u32 = 100;

/// How the image data is coded (SOFn marker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Baseline,
    ExtendedSequential,
    Progressive,
    Lossless,
    /// Arithmetic coding or hierarchical frames: legal but almost never supported.
    Unusual,
}

/// JFIF APP0 density. `unit`: 0 = aspect ratio only, 1 = dots per inch, 2 = dots per cm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JfifDensity {
    pub unit: u8,
    pub x: u16,
    pub y: u16,
}

impl JfifDensity {
    /// Horizontal and vertical density in dots per inch, if the unit says what it is.
    pub fn dpi(&self) -> Option<(f64, f64)> {
        match self.unit {
            1 => Some((f64::from(self.x), f64::from(self.y))),
            2 => Some((f64::from(self.x) * 2.54, f64::from(self.y) * 2.54)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    /// Bits per sample (8 for ordinary photos, 12 for rare medical images).
    pub precision: u8,
    pub coding: Coding,
    pub jfif: Option<JfifDensity>,
    /// The TIFF structure after `Exif\0\0` in APP1, if any.
    pub exif: Option<Vec<u8>>,
    /// Adobe APP14 colour transform (0 = none/CMYK or RGB, 1 = YCbCr, 2 = YCCK).
    pub adobe_transform: Option<u8>,
    pub has_icc: bool,
    /// The end-of-image marker was found: a file cut short (interrupted download) lacks it.
    pub complete: bool,
}

impl JpegInfo {
    /// Four components mean CMYK or YCCK: print colours, not screen colours.
    pub fn is_cmyk(&self) -> bool {
        self.components == 4
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JpegHeaderError {
    NotJpeg,
    /// The file ends inside the headers.
    Truncated,
    /// A marker or segment makes no sense.
    Corrupt(&'static str),
    /// Image data started before the frame header said how big the image is.
    NoFrame,
}

pub fn read(bytes: &[u8]) -> Result<JpegInfo, JpegHeaderError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(JpegHeaderError::NotJpeg);
    }
    let mut info = JpegInfo {
        width: 0,
        height: 0,
        components: 0,
        precision: 0,
        coding: Coding::Baseline,
        jfif: None,
        exif: None,
        adobe_transform: None,
        has_icc: false,
        complete: false,
    };
    let mut frame_seen = false;
    let mut scans = 0u32;
    let mut pos = 2;
    loop {
        // Markers are 0xFF followed by a code; extra 0xFF bytes are fill.
        match bytes.get(pos) {
            None => return finish(info, frame_seen),
            Some(0xFF) => {}
            Some(_) => return Err(JpegHeaderError::Corrupt("段标记错位")),
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else { return finish(info, frame_seen) };
        pos += 1;
        match marker {
            0xD9 => {
                info.complete = true;
                return finish(info, frame_seen);
            }
            0xD0..=0xD7 | 0x01 => continue,
            0x00 | 0xD8 => return Err(JpegHeaderError::Corrupt("多余的图像起始标记")),
            _ => {}
        }
        let len = match bytes.get(pos..pos + 2) {
            Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
            None => return Err(JpegHeaderError::Truncated),
        };
        if len < 2 {
            return Err(JpegHeaderError::Corrupt("段长度错误"));
        }
        let Some(segment) = bytes.get(pos + 2..pos + len) else { return Err(JpegHeaderError::Truncated) };
        pos += len;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if frame_seen {
                    // The decoder would build the first frame, the checks would judge the last.
                    return Err(JpegHeaderError::Corrupt("有多个帧头"));
                }
                read_frame(marker, segment, &mut info)?;
                frame_seen = true;
            }
            0xE0 if segment.starts_with(b"JFIF\0") && segment.len() >= 12 => {
                info.jfif = Some(JfifDensity {
                    unit: segment[7],
                    x: u16::from_be_bytes([segment[8], segment[9]]),
                    y: u16::from_be_bytes([segment[10], segment[11]]),
                });
            }
            0xE1 if segment.starts_with(b"Exif\0\0") && info.exif.is_none() => {
                info.exif = Some(segment[6..].to_vec());
            }
            0xE2 if segment.starts_with(b"ICC_PROFILE\0") => info.has_icc = true,
            0xEE if segment.starts_with(b"Adobe") && segment.len() >= 12 => {
                info.adobe_transform = Some(segment[11]);
            }
            0xDA => {
                if !frame_seen {
                    return Err(JpegHeaderError::NoFrame);
                }
                scans += 1;
                if scans > MAX_SCANS {
                    return Err(JpegHeaderError::Corrupt(
                        "扫描段（SOS）超过 100 个，正常照片只有十个左右，这样的文件解码会极慢",
                    ));
                }
                pos = skip_entropy_coded_data(bytes, pos);
            }
            _ => {}
        }
    }
}

fn finish(info: JpegInfo, frame_seen: bool) -> Result<JpegInfo, JpegHeaderError> {
    if frame_seen { Ok(info) } else { Err(JpegHeaderError::Truncated) }
}

fn read_frame(marker: u8, segment: &[u8], info: &mut JpegInfo) -> Result<(), JpegHeaderError> {
    if segment.len() < 6 {
        return Err(JpegHeaderError::Corrupt("帧头过短"));
    }
    info.precision = segment[0];
    info.height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
    info.width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
    info.components = segment[5];
    info.coding = match marker {
        0xC0 => Coding::Baseline,
        0xC1 => Coding::ExtendedSequential,
        0xC2 => Coding::Progressive,
        0xC3 => Coding::Lossless,
        _ => Coding::Unusual,
    };
    if info.width == 0 || info.height == 0 {
        return Err(JpegHeaderError::Corrupt("图像宽高为 0"));
    }
    if !matches!(info.components, 1 | 3 | 4) {
        return Err(JpegHeaderError::Corrupt("颜色通道数不正确"));
    }
    Ok(())
}

/// Returns the position of the next marker after entropy-coded data (0xFF not followed by 0x00
/// stuffing or a restart marker), or the end of the data.
fn skip_entropy_coded_data(bytes: &[u8], mut pos: usize) -> usize {
    // Jump from one 0xFF to the next: a plain byte search is the whole cost of reading the
    // header of a multi-megabyte photo.
    while let Some(offset) = bytes.get(pos..).and_then(|rest| rest.iter().position(|&b| b == 0xFF)) {
        pos += offset;
        match bytes.get(pos + 1) {
            None => break,
            Some(0x00 | 0xD0..=0xD7 | 0xFF) => pos += 1,
            Some(_) => return pos,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(payload);
        v
    }

    fn minimal(sof: u8, w: u16, h: u16, comps: u8, tail: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        v.extend(segment(0xE0, &[b'J', b'F', b'I', b'F', 0, 1, 1, 1, 0x01, 0x2C, 0x01, 0x2C, 0, 0]));
        let mut frame = vec![8];
        frame.extend_from_slice(&h.to_be_bytes());
        frame.extend_from_slice(&w.to_be_bytes());
        frame.push(comps);
        frame.extend(std::iter::repeat_n(0u8, 3 * comps as usize));
        v.extend(segment(sof, &frame));
        v.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        v.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        v.extend_from_slice(tail);
        v
    }

    #[test]
    fn reads_header_fields() {
        let info = read(&minimal(0xC0, 450, 600, 3, &[0xFF, 0xD9])).unwrap();
        assert_eq!((info.width, info.height, info.components), (450, 600, 3));
        assert_eq!(info.coding, Coding::Baseline);
        assert_eq!(info.jfif, Some(JfifDensity { unit: 1, x: 300, y: 300 }));
        assert_eq!(info.jfif.unwrap().dpi(), Some((300.0, 300.0)));
        assert!(info.complete);
    }

    #[test]
    fn progressive_cmyk_and_missing_end() {
        let info = read(&minimal(0xC2, 20000, 20000, 4, &[])).unwrap();
        assert_eq!(info.coding, Coding::Progressive);
        assert!(info.is_cmyk());
        assert!(!info.complete, "no EOI marker means the file was cut short");
        assert_eq!((info.width, info.height), (20000, 20000));
    }

    #[test]
    fn rejects_broken_headers() {
        assert_eq!(read(b"GIF89a"), Err(JpegHeaderError::NotJpeg));
        assert_eq!(read(&[0xFF, 0xD8]), Err(JpegHeaderError::Truncated));
        let full = minimal(0xC0, 450, 600, 3, &[0xFF, 0xD9]);
        assert_eq!(read(&full[..25]), Err(JpegHeaderError::Truncated));
        let mut no_frame = vec![0xFF, 0xD8];
        no_frame.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        assert_eq!(read(&no_frame), Err(JpegHeaderError::NoFrame));
        assert!(matches!(read(&minimal(0xC0, 0, 600, 3, &[])), Err(JpegHeaderError::Corrupt(_))));
        assert!(matches!(read(&[0xFF, 0xD8, 0x12, 0x34]), Err(JpegHeaderError::Corrupt(_))));
    }

    #[test]
    fn refuses_scan_bombs_and_second_frames() {
        let scan = segment(0xDA, &[1, 1, 0, 0, 63, 0]);
        let mut at_limit = minimal(0xC2, 8000, 8000, 1, &[]);
        for _ in 1..MAX_SCANS {
            at_limit.extend_from_slice(&scan);
        }
        let mut over = at_limit.clone();
        at_limit.extend_from_slice(&[0xFF, 0xD9]);
        assert!(read(&at_limit).is_ok_and(|i| i.complete), "{MAX_SCANS} scans are accepted");
        over.extend_from_slice(&scan);
        over.extend_from_slice(&[0xFF, 0xD9]);
        assert!(matches!(read(&over), Err(JpegHeaderError::Corrupt(why)) if why.contains("100")));

        let mut two_frames = minimal(0xC0, 450, 600, 3, &[]);
        let second = minimal(0xC0, 20000, 20000, 3, &[0xFF, 0xD9]);
        two_frames.extend_from_slice(&second[2..]);
        assert_eq!(read(&two_frames), Err(JpegHeaderError::Corrupt("有多个帧头")));
    }

    #[test]
    fn density_in_centimetres_converts() {
        assert_eq!(JfifDensity { unit: 2, x: 118, y: 118 }.dpi().map(|d| d.0.round()), Some(300.0));
        assert_eq!(JfifDensity { unit: 0, x: 1, y: 1 }.dpi(), None);
    }
}
