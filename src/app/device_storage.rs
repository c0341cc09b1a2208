//! "保存在本设备": the registration form's export text kept in localStorage, so the import parser
//! guards it too.

use crate::registration::model::Registration;
use crate::registration::transfer::{Imported, export, import};

pub const STORAGE_KEY: &str = "zhongzhao-precheck.registration";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `Ok(None)`: nothing saved. `Err`: something saved but unreadable (the caller ignores it and says so).
pub fn load() -> Result<Option<Imported>, String> {
    let Some(text) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) else {
        return Ok(None);
    };
    import(&text).map(Some).map_err(|e| format!("本设备上保存的报名信息无法读取，已忽略：{e}"))
}

pub fn save(registration: &Registration, sample: bool) -> Result<(), String> {
    let storage = storage().ok_or("这个浏览器不允许在本设备保存（可能是无痕模式），信息只保留到关闭页面")?;
    storage
        .set_item(STORAGE_KEY, &export(registration, sample))
        .map_err(|_| "保存失败：浏览器存储空间已满或被禁用，信息只保留到关闭页面".to_string())
}

pub fn clear() {
    if let Some(s) = storage() {
        // Nothing useful to tell the family if removal fails: the page is cleared either way.
        let _ = s.remove_item(STORAGE_KEY);
    }
}
