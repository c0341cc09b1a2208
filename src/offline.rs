//! What the page says about offline use. The service worker (`public/sw.js`) stores the site; the
//! page (`app::service_worker`) follows it and shows one of these states. Pure, so the wording and
//! the arithmetic are tested natively.

/// How much of the face engine and models (cached on the first photo check, or all at once by
/// "离线也能用") the service worker has stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FaceFiles {
    pub done: u32,
    pub total: u32,
    pub bytes: u64,
    pub total_bytes: u64,
}

impl FaceFiles {
    pub fn complete(&self) -> bool {
        self.total > 0 && self.done >= self.total
    }

    fn missing_bytes(&self) -> u64 {
        self.total_bytes.saturating_sub(self.bytes)
    }
}

/// The site's offline readiness, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfflineState {
    /// No service worker: an old browser, or the site opened over plain http from another machine
    /// (browsers allow service workers only on https and on localhost).
    Unsupported,
    /// The service worker is storing the pages.
    Preparing,
    /// The pages open offline; the face files are stored as far as this says.
    Stored(FaceFiles),
    /// "离线也能用" was tapped and the face files are being stored.
    Downloading(FaceFiles),
    /// Storing the face files stopped (network gone, storage full).
    Failed,
}

impl OfflineState {
    /// `data-state` of the offline panel.
    pub fn as_str(&self) -> &'static str {
        match self {
            OfflineState::Unsupported => "unsupported",
            OfflineState::Preparing => "preparing",
            OfflineState::Stored(f) if f.complete() => "ready",
            OfflineState::Stored(_) => "pages",
            OfflineState::Downloading(_) => "downloading",
            OfflineState::Failed => "failed",
        }
    }

    /// One sentence for the visitor.
    pub fn message(&self) -> String {
        match self {
            OfflineState::Unsupported => {
                "这个浏览器（或用 http 打开的网址）不支持离线使用；联网时各项检查照常可用。".to_owned()
            }
            OfflineState::Preparing => "正在把网页保存到本机，保存后断网也能打开……".to_owned(),
            OfflineState::Stored(f) if f.complete() => "已可离线使用：断网后也能打开本网站并检查照片。".to_owned(),
            OfflineState::Stored(f) => format!(
                "断网后也能打开本网站；照片的人脸检查还需下载 {}（检查第一张照片时会自动下载）。",
                megabytes(f.missing_bytes())
            ),
            OfflineState::Downloading(f) => format!(
                "正在下载人脸检查程序和模型：{}/{} 个文件，{} / {}",
                f.done,
                f.total,
                megabytes(f.bytes),
                megabytes(f.total_bytes)
            ),
            OfflineState::Failed => "下载没有完成，请联网后再点一次。".to_owned(),
        }
    }

    /// Whether the "离线也能用" button does something now.
    pub fn can_download(&self) -> bool {
        match self {
            OfflineState::Stored(f) => !f.complete(),
            OfflineState::Failed => true,
            _ => false,
        }
    }

    /// Download progress in per mille, for a `<progress>` bar.
    pub fn progress(&self) -> Option<u32> {
        match self {
            OfflineState::Downloading(f) if f.total_bytes > 0 => {
                Some((f.bytes.min(f.total_bytes) * 1000 / f.total_bytes) as u32)
            }
            _ => None,
        }
    }

    /// The next state after the service worker reported `files`: a download stays a download
    /// until it is complete.
    pub fn with_files(&self, files: FaceFiles) -> OfflineState {
        match self {
            OfflineState::Downloading(_) if !files.complete() => OfflineState::Downloading(files),
            _ => OfflineState::Stored(files),
        }
    }
}

/// `2.9 MB` (decimal megabytes, one decimal).
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF: FaceFiles = FaceFiles { done: 3, total: 6, bytes: 1_000_000, total_bytes: 2_950_000 };
    const ALL: FaceFiles = FaceFiles { done: 6, total: 6, bytes: 2_950_000, total_bytes: 2_950_000 };

    #[test]
    fn megabytes_round_to_one_decimal() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(49_999), "0.0 MB");
        assert_eq!(megabytes(50_000), "0.1 MB");
        assert_eq!(megabytes(2_950_000), "3.0 MB");
        assert_eq!(megabytes(12_340_000), "12.3 MB");
    }

    #[test]
    fn stored_pages_say_what_is_left_to_download() {
        let s = OfflineState::Stored(HALF);
        assert_eq!(s.as_str(), "pages");
        assert!(s.message().contains("2.0 MB"), "{}", s.message());
        assert!(s.can_download());
        let ready = OfflineState::Stored(ALL);
        assert_eq!(ready.as_str(), "ready");
        assert!(ready.message().starts_with("已可离线使用"));
        assert!(!ready.can_download());
    }

    #[test]
    fn a_download_reports_progress_until_complete() {
        let d = OfflineState::Downloading(FaceFiles::default()).with_files(HALF);
        assert_eq!(d, OfflineState::Downloading(HALF));
        assert_eq!(d.progress(), Some(338));
        assert!(d.message().contains("3/6"), "{}", d.message());
        assert!(!d.can_download(), "no second download while one runs");
        assert_eq!(d.with_files(ALL), OfflineState::Stored(ALL));
        assert_eq!(OfflineState::Stored(HALF).with_files(ALL).as_str(), "ready");
    }

    #[test]
    fn nothing_to_store_is_not_complete() {
        assert!(!FaceFiles::default().complete());
        assert_eq!(OfflineState::Downloading(FaceFiles::default()).progress(), None);
        assert!(OfflineState::Failed.can_download());
        assert!(!OfflineState::Unsupported.can_download());
        assert!(!OfflineState::Preparing.can_download());
    }
}
