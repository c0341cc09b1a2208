//! The class page's Web Worker (built by trunk's worker pipeline, see index.html): reads the roster,
//! lists and unpacks the ZIP archives, matches files to students and writes the export ZIP. It
//! holds the CSV, XLSX, GBK and ZIP code, so the page's own wasm carries none of it; the page
//! starts it when `#/class` opens.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    precheck::classroom::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是网页里班级批量自查的 Web Worker，由 trunk 构建；命令行请用 `precheck batch`。");
}
