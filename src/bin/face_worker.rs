//! The face-analysis Web Worker (built by trunk's worker pipeline, see index.html). It holds tract
//! and the models, so the page's own wasm stays small; the page starts it on the first photo check.

#[cfg(all(target_arch = "wasm32", feature = "face-models"))]
fn main() {
    console_error_panic_hook::set_once();
    precheck::photo::worker::run();
}

#[cfg(not(all(target_arch = "wasm32", feature = "face-models")))]
fn main() {
    eprintln!("这是网页里的人脸分析 Web Worker，由 trunk 构建；命令行检查请用 `precheck`。");
}
