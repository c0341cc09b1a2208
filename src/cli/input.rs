//! Reading one input file without trusting it: its size is judged before its bytes are read (by
//! the file system's metadata, and for pipes and devices such as `/dev/zero`, which report no
//! size, by reading at most one byte past the limit), so no input can make the command hold more
//! than the limit in memory. File names that are not UTF-8 (a Windows ZIP with GBK names unpacked
//! on Linux) are read all the same and named in the report as best they can be.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Largest input accepted, in bytes: far above any registration photo (the platforms take at most
/// 50 KB) and a 64-megapixel phone JPEG, far below what would strain a school office's PC.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum InputError {
    Io(io::Error),
    Directory,
    /// `Some(len)` when the file system said so before reading; `None` for a pipe or device that
    /// went past the limit while being read.
    TooLarge(Option<u64>),
}

impl InputError {
    /// A Chinese sentence saying what is wrong with the input and what to do.
    pub fn message(&self) -> String {
        let limit_mb = MAX_INPUT_BYTES / (1024 * 1024);
        match self {
            InputError::Io(e) if e.kind() == io::ErrorKind::NotFound => "找不到这个文件".into(),
            InputError::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => "没有读取权限".into(),
            InputError::Io(e) => format!("读取出错（{e}）"),
            InputError::Directory => "这是文件夹，不是文件；请给出其中的照片文件，如 文件夹/*.jpg".into(),
            InputError::TooLarge(Some(len)) => format!(
                "文件太大（{} MB，超过 {limit_mb} MB 的上限），没有读取。报名照片只有几十 KB，请确认选对了文件",
                len / (1024 * 1024)
            ),
            InputError::TooLarge(None) => {
                format!("输入超过 {limit_mb} MB 的上限（管道或设备文件，读到上限即停止），没有检查。请给出照片文件本身")
            }
        }
    }
}

/// The whole of `path`, if it is at most `limit` bytes long.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let file = File::open(path).map_err(InputError::Io)?;
    let meta = file.metadata().map_err(InputError::Io)?;
    if meta.is_dir() {
        return Err(InputError::Directory);
    }
    // A regular file says how long it is (a sparse 3 GB file too): refuse it unread. Devices and
    // pipes say 0, so for them the read below is what stops.
    if meta.is_file() && meta.len() > limit {
        return Err(InputError::TooLarge(Some(meta.len())));
    }
    let hint = if meta.is_file() { meta.len() } else { 64 * 1024 };
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit) + 1).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(InputError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge(None));
    }
    Ok(bytes)
}

/// The name to judge and print for `path`: its last component, with bytes that are not UTF-8
/// shown as `�`, and whether that replacement happened.
pub fn display_name(path: &Path) -> (String, bool) {
    match path.file_name() {
        Some(name) => match name.to_str() {
            Some(s) => (s.to_owned(), false),
            None => (name.to_string_lossy().into_owned(), true),
        },
        None => (String::new(), false),
    }
}

/// What the command says about a name that is not UTF-8.
pub fn not_utf8_note(path: &Path) -> String {
    format!(
        "文件名不是 UTF-8 编码（常见于在 Linux 上解压 Windows 制作的 ZIP，文件名为 GBK 编码），显示为 “{}”；文件照常检查。\
         建议先改名，例如 convmv -f gbk -t utf8 --notest 文件名，或 unzip -O gbk 重新解压",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reads_stop_at_the_limit() {
        let dir = std::env::temp_dir().join(format!("precheck-input-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("ten.bin");
        std::fs::write(&file, [7u8; 10]).unwrap();
        assert_eq!(read_bounded(&file, 10).ok(), Some(vec![7u8; 10]));
        assert!(matches!(read_bounded(&file, 9), Err(InputError::TooLarge(Some(10)))));
        assert!(matches!(read_bounded(&dir, 9), Err(InputError::Directory)));
        assert!(matches!(read_bounded(&dir.join("none"), 9), Err(InputError::Io(_))));
        // A device reports no length: the read stops one byte past the limit.
        if Path::new("/dev/zero").exists() {
            assert!(matches!(read_bounded(Path::new("/dev/zero"), 1000), Err(InputError::TooLarge(None))));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
