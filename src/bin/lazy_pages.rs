//! The wasm of the pages few visits need — `#/class` (the class workspace) and `#/camera` (the live
//! camera guide) — loaded only when one of their routes opens (src/app/lazy_page.rs), so none of
//! their code is in the first page load. Each page mounts into the element the app gives it and
//! unmounts (stopping its workers, or the camera) when the route is left.

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

    #[wasm_bindgen]
    pub fn mount_camera(root: web_sys::HtmlElement, profile: String) {
        precheck::camera::ui::mount(root, &profile);
    }

    #[wasm_bindgen]
    pub fn unmount_camera() {
        precheck::camera::ui::unmount();
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "这是网页里按需加载的页面（班级批量自查、相机拍照）的 wasm，由 trunk 构建；命令行请用 `precheck batch`。"
    );
}
