//! Export (download a .json made in the browser) and import (read a chosen file): the data never
//! leaves the device.

use crate::registration::transfer::{Imported, MAX_BYTES, import};
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    const FAILED: &str = "导出失败：浏览器不支持下载文件，请换用系统浏览器再试";
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| FAILED)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FAILED)?;
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(FAILED)?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; a minute later is safe.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
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
