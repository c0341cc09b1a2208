//! Export (download a .json made in the browser) and import (read a chosen file): the data never
//! leaves the device.

use crate::registration::transfer::{Imported, MAX_BYTES, import};
use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    const FAILED: &str = "导出失败：浏览器不支持下载文件，请换用系统浏览器再试";
    let blob = gloo_file::Blob::new_with_options(text, Some("application/json;charset=utf-8"));
    let url = gloo_file::ObjectUrl::from(blob);
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(FAILED)?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers: the URL is dropped (and so
    // revoked) a minute later.
    leptos::prelude::set_timeout(move || drop(url), std::time::Duration::from_secs(60));
    Ok(())
}

/// Reads and parses the chosen file. Nothing is changed here: the caller applies an `Ok` only.
pub async fn read_import(file: web_sys::File) -> Result<Imported, String> {
    if file.size() > MAX_BYTES as f64 {
        return Err(format!("文件太大（{:.0} KB），不是本工具导出的报名信息文件", file.size() / 1024.0));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("无法读取这个文件，请重新选择")?;
    import(&text)
}
