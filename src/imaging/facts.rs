//! Everything the file checks need to know about one file, gathered once: what it is, how big,
//! its header (size, coding, density, EXIF), and a cheap reduced-scale decode for colour.

use super::colour::{self, ColourStats};
use super::decode::{self, DecodeError};
use super::jpeg_info::{self, JpegInfo};
use super::metadata::{ExifFacts, read_exif, swaps_axes};
use super::sniff::{FileKind, sniff};

#[derive(Debug, Clone)]
pub struct FileFacts {
    pub byte_len: u64,
    pub kind: FileKind,
    /// JPEG header, when the file is a JPEG whose headers could be read.
    pub jpeg: Option<JpegInfo>,
    pub exif: ExifFacts,
    /// Pixel size as stored in the file.
    pub stored_size: Option<(u32, u32)>,
    /// EXIF orientation (1 when absent).
    pub orientation: u8,
    pub colour: Option<ColourStats>,
    /// Why the pixels could not be read, if they could not.
    pub problem: Option<DecodeError>,
}

impl FileFacts {
    /// Size as a viewer shows it, after the EXIF orientation.
    pub fn upright_size(&self) -> Option<(u32, u32)> {
        self.stored_size.map(|(w, h)| if swaps_axes(self.orientation) { (h, w) } else { (w, h) })
    }

    pub fn is_decodable(&self) -> bool {
        self.problem.is_none() && self.colour.is_some()
    }
}

/// Smallest upright size decoded for the colour measurement: enough samples, little work.
const PREVIEW: (u32, u32) = (256, 256);

pub fn analyse(bytes: &[u8]) -> FileFacts {
    analyse_reusing(bytes, None)
}

/// [`analyse`], measuring the colour on `decoded`, a decode of these very bytes at any scale,
/// instead of decoding a small copy: a check that decodes the file for its content anyway saves a
/// whole pass over the file (for a 12 MP photo, most of the file rules' time). The measure samples
/// about the same number of pixels on a regular grid whatever the size, so the share it finds
/// differs from the small copy's only by sampling.
pub fn analyse_reusing(bytes: &[u8], decoded: Option<&decode::Decoded>) -> FileFacts {
    let kind = sniff(bytes);
    let mut facts = FileFacts {
        byte_len: bytes.len() as u64,
        kind,
        jpeg: None,
        exif: ExifFacts::default(),
        stored_size: None,
        orientation: 1,
        colour: None,
        problem: None,
    };
    if kind == FileKind::Jpeg {
        match jpeg_info::read(bytes) {
            Ok(info) => {
                if let Some(tiff) = &info.exif {
                    facts.exif = read_exif(tiff);
                }
                facts.orientation = facts.exif.orientation.unwrap_or(1);
                facts.stored_size = Some((info.width, info.height));
                let complete = info.complete;
                facts.jpeg = Some(info);
                if !complete {
                    facts.problem = Some(DecodeError::Truncated);
                    return facts;
                }
            }
            Err(e) => {
                facts.problem = Some(decode::header_error(e));
                return facts;
            }
        }
    } else if !kind.is_decodable() {
        facts.problem = Some(DecodeError::NotAnImage(kind));
        return facts;
    }
    let fresh;
    let d = match decoded {
        Some(d) => d,
        None => match decode::decode_with_header(bytes, facts.jpeg.as_ref(), PREVIEW) {
            Ok(d) => {
                fresh = d;
                &fresh
            }
            Err(e) => {
                facts.problem = Some(e);
                return facts;
            }
        },
    };
    if facts.stored_size.is_none() {
        facts.stored_size = Some((d.full_width, d.full_height));
    }
    facts.colour = Some(colour::measure(&d.image));
    facts
}
