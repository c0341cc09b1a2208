//! What the EXIF block says that matters here: orientation (applied before any pixel is looked at),
//! the resolution some programs show instead of the JFIF density, and the software that last wrote
//! the file (editing or scanning software is a hint of a re-photographed or edited picture).

use exif::{In, Reader, Tag, Value};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExifFacts {
    /// EXIF orientation 1–8 (1 = upright); `None` when absent or out of range.
    pub orientation: Option<u8>,
    /// Horizontal and vertical resolution in dots per inch, when the unit is inch or cm.
    pub dpi: Option<(f64, f64)>,
    pub software: Option<String>,
    /// The block was present but could not be parsed.
    pub unreadable: bool,
}

/// Parses the TIFF structure that follows `Exif\0\0` in a JPEG's APP1 segment. Never fails:
/// a damaged EXIF block is reported as `unreadable` and otherwise ignored, like browsers do.
pub fn read_exif(tiff: &[u8]) -> ExifFacts {
    let Ok(exif) = Reader::new().read_raw(tiff.to_vec()) else {
        return ExifFacts { unreadable: true, ..ExifFacts::default() };
    };
    let uint = |tag| exif.get_field(tag, In::PRIMARY).and_then(|f| f.value.get_uint(0));
    let rational = |tag| match exif.get_field(tag, In::PRIMARY).map(|f| &f.value) {
        Some(Value::Rational(v)) => v.first().map(|r| r.to_f64()).filter(|x| x.is_finite() && *x > 0.0),
        _ => None,
    };
    let orientation = uint(Tag::Orientation).and_then(|o| u8::try_from(o).ok()).filter(|o| (1..=8).contains(o));
    // ResolutionUnit: 2 = inch (the default when absent), 3 = centimetre, 1 = no unit.
    let per_inch = match uint(Tag::ResolutionUnit).unwrap_or(2) {
        2 => Some(1.0),
        3 => Some(2.54),
        _ => None,
    };
    let dpi = match (rational(Tag::XResolution), rational(Tag::YResolution), per_inch) {
        (Some(x), y, Some(k)) => Some((x * k, y.unwrap_or(x) * k)),
        _ => None,
    };
    let software = match exif.get_field(Tag::Software, In::PRIMARY).map(|f| &f.value) {
        Some(Value::Ascii(parts)) => parts
            .first()
            .map(|s| String::from_utf8_lossy(s).trim_matches(char::from(0)).trim().to_owned())
            .filter(|s| !s.is_empty()),
        _ => None,
    };
    ExifFacts { orientation, dpi, software, unreadable: false }
}

/// Does this orientation turn the picture by 90° (so width and height swap)?
pub fn swaps_axes(orientation: u8) -> bool {
    (5..=8).contains(&orientation)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF with one IFD holding the given (tag, type, count, value) entries;
    /// rationals are stored after the IFD.
    fn tiff(entries: &[(u16, u16, u32, u32)], rationals: &[(u32, u32)]) -> Vec<u8> {
        let mut v = b"II*\0\x08\0\0\0".to_vec();
        let n = entries.len() as u16;
        let data_start = 8 + 2 + 12 * u32::from(n) + 4;
        v.extend_from_slice(&n.to_le_bytes());
        let mut r = 0;
        for &(tag, ty, count, value) in entries {
            v.extend_from_slice(&tag.to_le_bytes());
            v.extend_from_slice(&ty.to_le_bytes());
            v.extend_from_slice(&count.to_le_bytes());
            if ty == 5 {
                v.extend_from_slice(&(data_start + 8 * r).to_le_bytes());
                r += 1;
            } else {
                v.extend_from_slice(&value.to_le_bytes());
            }
        }
        v.extend_from_slice(&0u32.to_le_bytes());
        for &(a, b) in rationals {
            v.extend_from_slice(&a.to_le_bytes());
            v.extend_from_slice(&b.to_le_bytes());
        }
        v
    }

    #[test]
    fn reads_orientation_and_resolution() {
        let t =
            tiff(&[(0x0112, 3, 1, 6), (0x011A, 5, 1, 0), (0x011B, 5, 1, 0), (0x0128, 3, 1, 2)], &[(72, 1), (72, 1)]);
        let f = read_exif(&t);
        assert_eq!(f.orientation, Some(6));
        assert_eq!(f.dpi, Some((72.0, 72.0)));
        assert!(!f.unreadable);
    }

    #[test]
    fn centimetres_and_bad_values() {
        let t = tiff(&[(0x0112, 3, 1, 9), (0x011A, 5, 1, 0), (0x0128, 3, 1, 3)], &[(118, 1)]);
        let f = read_exif(&t);
        assert_eq!(f.orientation, None, "9 is not an orientation");
        let (x, y) = f.dpi.unwrap();
        assert!((x - 299.72).abs() < 0.01 && (y - 299.72).abs() < 0.01);
        assert!(read_exif(b"garbage").unreadable);
        assert!(swaps_axes(6) && !swaps_axes(3));
    }
}
