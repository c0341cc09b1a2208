//! Entry point. In the browser it only mounts the app; natively it points to the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    precheck::app::panic_overlay::install();
    leptos::mount::mount_to_body(precheck::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是网页程序，请用 `trunk build --release` 构建；命令行检查请用 `precheck`。");
}
