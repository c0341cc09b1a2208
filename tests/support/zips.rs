//! ZIP archives for tests: as the zip crate writes them (deflated, UTF-8 names) and as Windows'
//! "send to compressed folder" writes them (stored, GBK names). Shared by the unit tests
//! (`src/classroom/tests.rs`) and `tests/batch.rs`.
#![allow(dead_code)]

use std::io::Write;

/// A deflated ZIP written by the zip crate (UTF-8 names).
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A ZIP as Windows' "send to compressed folder" writes it: stored entries, names in GBK bytes
/// without the UTF-8 flag (the zip crate cannot write such names, so the records are built here).
pub fn gbk_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        !bytes.iter().fold(!0u32, |mut crc, &b| {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
            crc
        })
    }
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, bytes) in files {
        let (name, _, _) = encoding_rs::GBK.encode(name);
        let offset = out.len() as u32;
        let (crc, len, name_len) = (crc32(bytes), bytes.len() as u32, name.len() as u16);
        // version, flags 0 (no UTF-8 bit), method 0 (stored), time, date, crc, sizes, name length, extra length
        let common = |v: &mut Vec<u8>| {
            // 2024-01-01 00:00 in MS-DOS form
            let date = ((2024u16 - 1980) << 9) | (1 << 5) | 1;
            for field in [
                &20u16.to_le_bytes()[..],
                &0u16.to_le_bytes(),
                &0u16.to_le_bytes(),
                &0u16.to_le_bytes(),
                &date.to_le_bytes(),
            ] {
                v.extend_from_slice(field);
            }
            for field in [crc, len, len] {
                v.extend_from_slice(&field.to_le_bytes());
            }
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(&name);
        out.extend_from_slice(bytes);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend_from_slice(&[0; 8]); // comment length, disk, internal attributes, external attributes (first half)
        central.extend_from_slice(&[0; 2]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&name);
    }
    let (cd_offset, cd_len, n) = (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A minimal OOXML workbook (inline strings, no shared-string table), written with the zip crate,
/// with `extra` (raw `<row>` XML) after the rows.
pub fn xlsx_with(rows: &[Vec<XlsxCell>], extra: &str) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut sheet = format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#);
    for (r, row) in rows.iter().enumerate() {
        sheet += &format!(r#"<row r="{}">"#, r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            sheet += &match cell {
                XlsxCell::Text(t) => format!(r#"<c r="{at}" t="inlineStr"><is><t>{t}</t></is></c>"#),
                XlsxCell::Number(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
            };
        }
        sheet += "</row>";
    }
    sheet += extra;
    sheet += "</sheetData></worksheet>";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    zip_of(&parts.iter().map(|(n, t)| (*n, t.as_bytes())).collect::<Vec<_>>())
}

pub enum XlsxCell {
    Text(String),
    Number(f64),
}
