//! Text as Windows tools save it: Excel and WPS write CSV in the system code page (GBK on a Chinese
//! Windows) unless told "CSV UTF-8", which adds a byte-order mark; "Unicode text" is UTF-16 with a
//! mark. ZIP archives made by Windows' own "send to compressed folder" store GBK file names.

use encoding_rs::{GBK, UTF_8};

/// Which encoding the bytes were read as (the page can say "读取为 GBK 编码").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Gbk,
}

/// Decodes by byte-order mark, else UTF-8 when the bytes are valid UTF-8, else GBK (GB 18030's
/// decoder, a superset). GBK text is almost never valid UTF-8: a Chinese character's two GBK bytes
/// are both ≥ 0x81, which UTF-8 only allows in its own lead/continuation patterns.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let kind = if encoding == UTF_8 { Encoding::Utf8 } else { Encoding::Utf16 };
        return (text.into_owned(), kind);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => (GBK.decode_without_bom_handling(bytes).0.into_owned(), Encoding::Gbk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_utf8_gbk_and_utf16_are_told_apart() {
        let name = "姓名,身份证号";
        let (gbk, _, _) = GBK.encode(name);
        assert_eq!(decode(&gbk), (name.to_owned(), Encoding::Gbk));
        assert_eq!(decode(name.as_bytes()), (name.to_owned(), Encoding::Utf8));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), name.as_bytes()].concat();
        assert_eq!(decode(&with_bom), (name.to_owned(), Encoding::Utf8), "the mark is not part of the text");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(name.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16), (name.to_owned(), Encoding::Utf16));
    }
}
