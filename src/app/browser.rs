//! Small wrappers around browser APIs used by the pages: reading a picked file, making a
//! download link, timing, and yielding so a "working…" message paints before heavy work.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

/// A file the user picked, read into memory (it never leaves the page).
#[derive(Clone, Debug)]
pub struct PickedFile {
    pub name: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// The first file of an `<input type=file>` change event.
pub fn first_file(ev: &leptos::ev::Event) -> Option<File> {
    let input = ev.target()?.dyn_into::<HtmlInputElement>().ok()?;
    input.files()?.get(0)
}

pub async fn read_file(file: &File) -> Result<PickedFile, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| "无法读取这个文件，请重新选择。".to_owned())?;
    Ok(PickedFile { name: file.name(), bytes: std::sync::Arc::new(Uint8Array::new(&buffer).to_vec()) })
}

/// A Blob holding a copy of `bytes` (to show or download with `hooks::use_object_url`).
pub fn blob(bytes: &[u8], mime: &str) -> gloo_file::Blob {
    gloo_file::Blob::new_with_options(bytes, Some(mime))
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Lets the browser paint (e.g. a progress message) before a long synchronous computation.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16).ok();
        }
    });
    JsFuture::from(promise).await.ok();
}

/// Wide enough for a report beside its picture (style/main.css's 48rem breakpoint at 17 px): a
/// tablet, a desktop or a classroom projector rather than a phone. Read once when a view is made.
pub fn wide_screen() -> bool {
    leptos::prelude::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w >= 816.0)
}

/// Where the camera page (its own wasm, `camera::ui`) leaves the picture it took for the photo
/// page: `globalThis.zhongzhaoCapture = {bytes: Uint8Array, name}`, then it opens `#/photo`.
const CAPTURE: &str = "zhongzhaoCapture";

/// Leaves a taken picture for the photo page (called by the camera page).
pub fn hand_over_capture(bytes: &[u8], name: &str) {
    let capture = js_sys::Object::new();
    js_sys::Reflect::set(&capture, &"bytes".into(), &Uint8Array::from(bytes)).ok();
    js_sys::Reflect::set(&capture, &"name".into(), &name.into()).ok();
    js_sys::Reflect::set(&js_sys::global(), &CAPTURE.into(), &capture).ok();
}

/// The picture the camera page left, taken once (the photo page checks it as if picked).
pub fn take_capture() -> Option<PickedFile> {
    let global: js_sys::Object = js_sys::global().unchecked_into();
    let capture = js_sys::Reflect::get(&global, &CAPTURE.into()).ok().filter(|c| c.is_object())?;
    js_sys::Reflect::delete_property(&global, &CAPTURE.into()).ok();
    let bytes = js_sys::Reflect::get(&capture, &"bytes".into()).ok()?.dyn_into::<Uint8Array>().ok()?.to_vec();
    let name = js_sys::Reflect::get(&capture, &"name".into()).ok()?.as_string()?;
    Some(PickedFile { name, bytes: std::sync::Arc::new(bytes) })
}
