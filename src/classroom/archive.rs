//! ZIP archives of the class's files. Windows' "send to compressed folder" stores file names in
//! GBK without the UTF-8 flag; phones and Macs store UTF-8. A ZIP is refused as a whole when its
//! declared sizes or compression ratio say it would unpack into more than a class's pictures
//! (a zip bomb), before anything is unpacked; an entry that unpacks to more than it declared is
//! refused when read.

use std::io::{Cursor, Read};
use zip::ZipArchive;

/// How much one archive may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_entries: usize,
    /// One file: a 50-megapixel phone JPEG is about 25 MB.
    pub max_entry_bytes: u64,
    /// All files: 60 students × 2 pictures × ~8 MB with room to spare.
    pub max_total_bytes: u64,
    /// Unpacked ÷ packed for entries above `ratio_floor_bytes`: pictures barely compress (≈ 1),
    /// CSV text ≈ 5–10; zip bombs reach 1,000 and more.
    pub max_ratio: u64,
    /// Small entries are not held to the ratio: a few KB of anything is harmless.
    pub ratio_floor_bytes: u64,
}

pub const LIMITS: Limits = Limits {
    max_entries: 2_000,
    max_entry_bytes: 64 << 20,
    max_total_bytes: 1 << 30,
    max_ratio: 100,
    ratio_floor_bytes: 1 << 20,
};

#[derive(Debug, Clone, PartialEq)]
pub enum ArchiveError {
    /// Not a readable ZIP.
    Unreadable(String),
    /// The count of files, and the limit it passed (each error names the limit that was applied,
    /// which for a workbook is lower than for a class's archive).
    TooManyEntries {
        count: usize,
        limit: usize,
    },
    EntryTooLarge {
        name: String,
        bytes: u64,
        limit: u64,
    },
    TooLargeInTotal {
        bytes: u64,
        limit: u64,
    },
    Ratio {
        name: String,
        ratio: u64,
    },
    /// The entry unpacked to more than its header said.
    Lied {
        name: String,
    },
    Encrypted {
        name: String,
    },
}

impl ArchiveError {
    pub fn message(&self) -> String {
        let mb = |b: &u64| b / (1 << 20);
        match self {
            ArchiveError::Unreadable(why) => {
                format!("无法打开这个压缩包（{why}）：请确认是 ZIP 格式，或解压后选择文件。")
            }
            ArchiveError::TooManyEntries { count, limit } => {
                format!("压缩包里有 {count} 个文件，超过 {limit} 个的上限：请分成几个压缩包。")
            }
            ArchiveError::EntryTooLarge { name, bytes, limit } => format!(
                "压缩包里的 {name} 解压后有 {} MB，超过单个文件 {} MB 的上限，已拒绝整个压缩包。",
                mb(bytes),
                mb(limit)
            ),
            ArchiveError::TooLargeInTotal { bytes, limit } => {
                format!("压缩包解压后共 {} MB，超过 {} MB 的上限，已拒绝：请分成几个压缩包。", mb(bytes), mb(limit))
            }
            ArchiveError::Ratio { name, ratio } => {
                format!("压缩包里的 {name} 压缩比高达 {ratio} 倍，照片不会这样，疑似“压缩炸弹”，已拒绝整个压缩包。")
            }
            ArchiveError::Lied { name } => {
                format!("压缩包里的 {name} 解压后比声明的大，压缩包已损坏或被篡改，已拒绝。")
            }
            ArchiveError::Encrypted { name } => format!("压缩包里的 {name} 设了密码，无法读取：请去掉密码后再打包。"),
        }
    }
}

/// One file inside the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path inside the archive, decoded (folders kept: `张三/IMG_1.jpg` names its student).
    pub name: String,
    /// Declared unpacked size.
    pub bytes: u64,
    index: usize,
}

/// An opened archive whose every declared size was within the limits. Entries are unpacked one at
/// a time, so memory holds one picture, not the class.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    entries: Vec<Entry>,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ArchiveError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
        if zip.len() > limits.max_entries {
            return Err(ArchiveError::TooManyEntries { count: zip.len(), limit: limits.max_entries });
        }
        let mut entries = Vec::new();
        let mut total = 0u64;
        for index in 0..zip.len() {
            let file = zip.by_index_raw(index).map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
            if file.is_dir() {
                continue;
            }
            let name = entry_name(file.name_raw());
            let (size, packed) = (file.size(), file.compressed_size());
            if size > limits.max_entry_bytes {
                return Err(ArchiveError::EntryTooLarge { name, bytes: size, limit: limits.max_entry_bytes });
            }
            if size > limits.ratio_floor_bytes {
                let ratio = size / packed.max(1);
                if ratio > limits.max_ratio {
                    return Err(ArchiveError::Ratio { name, ratio });
                }
            }
            total = total.saturating_add(size);
            if total > limits.max_total_bytes {
                return Err(ArchiveError::TooLargeInTotal { bytes: total, limit: limits.max_total_bytes });
            }
            if file.encrypted() {
                return Err(ArchiveError::Encrypted { name });
            }
            if !is_junk(&name) {
                entries.push(Entry { name, bytes: size, index });
            }
        }
        Ok(Archive { zip, entries })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Unpacks one entry, reading at most one byte more than it declared (to catch a lie).
    pub fn read(&mut self, entry: &Entry) -> Result<Vec<u8>, ArchiveError> {
        let unreadable = |e: &dyn std::fmt::Display| ArchiveError::Unreadable(format!("{}：{e}", entry.name));
        let file = self.zip.by_index(entry.index).map_err(|e| unreadable(&e))?;
        let mut out = Vec::with_capacity(usize::try_from(entry.bytes).unwrap_or(0));
        file.take(entry.bytes + 1).read_to_end(&mut out).map_err(|e| unreadable(&e))?;
        if out.len() as u64 > entry.bytes {
            return Err(ArchiveError::Lied { name: entry.name.clone() });
        }
        Ok(out)
    }
}

/// Whether the bytes are a ZIP archive (by content, not by name).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// UTF-8 when the raw name is valid UTF-8 (the flag, the Info-ZIP Unicode path field and plain
/// ASCII all end up so), else GBK. CP 437, the format's nominal default, is never what a Chinese
/// teacher's PC wrote.
fn entry_name(raw: &[u8]) -> String {
    super::text::decode(raw).0.replace('\\', "/")
}

/// What macOS and Windows add to archives: resource forks, folder thumbnails.
fn is_junk(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.starts_with("__MACOSX/") || base.starts_with("._") || matches!(base, ".DS_Store" | "Thumbs.db" | "desktop.ini")
}
