//! Fetches page-specific data files (see `crate::lazydata`) from the site's own origin the first
//! time a page needs them, so they stay out of the first page load.

use crate::lazydata::LazyText;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// True once every file is installed, or once fetching failed (pages then work without the data:
/// e.g. county codes are not checked, Chinese names are not turned into pinyin).
pub fn use_data_files(files: Vec<&'static LazyText>) -> ReadSignal<bool> {
    let missing: Vec<&'static LazyText> = files.into_iter().filter(|f| !f.is_loaded()).collect();
    let (ready, set_ready) = signal(missing.is_empty());
    if !missing.is_empty() {
        leptos::task::spawn_local(async move {
            let mut installed = Vec::new();
            for file in missing {
                if let Some(text) = fetch_text(&format!("data/{}", file.name)).await {
                    file.install(text);
                    installed.push(file.name);
                }
            }
            set_ready.set(true);
            installed.into_iter().for_each(mark_loaded);
        });
    }
    ready
}

/// Adds `name` to `<html data-loaded="…">`, the space-separated names of the data files installed
/// in this visit. It is written after the pages were told (`ready`), whose re-render runs before the
/// next animation frame: a test waits for the name and a frame instead of guessing a delay.
fn mark_loaded(name: &str) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let list = root.get_attribute("data-loaded").unwrap_or_default();
    if !list.split(' ').any(|n| n == name) {
        let joined = if list.is_empty() { name.to_owned() } else { format!("{list} {name}") };
        // Only a test reads it: the page works the same if it cannot be written.
        let _ = root.set_attribute("data-loaded", &joined);
    }
}

async fn fetch_text(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}
