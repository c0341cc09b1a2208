//! The class page's own wasm (`#/class`), loaded only when that route opens (src/app/class_loader.rs):
//! its view, queue and worker requests stay out of the first page load. It mounts the page into the
//! element the app gives it, and unmounts it (stopping its workers) when the route is left.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub fn mount_class(root: web_sys::HtmlElement, profile: String) {
        precheck::classroom::ui::mount(root, &profile);
    }

    #[wasm_bindgen]
    pub fn unmount_class() {
        precheck::classroom::ui::unmount();
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是网页里班级批量自查页面的 wasm，由 trunk 构建；命令行请用 `precheck batch`。");
}
