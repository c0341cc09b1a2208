//! 中招报名自查助手 — the pure core (no Leptos, no web-sys) and, on wasm32, the web UI.
//!
//! Layout: one folder per feature. Each feature's pure logic is plain Rust that `cargo test`
//! exercises natively; its components live beside it in a `ui` module compiled only for the browser.

/// On wasm32 only the lazily loaded pages' wasm and the analysis worker call it.
pub mod camera;
/// On wasm32 its CSV, XLSX, GBK and ZIP code is called only by the class page's Web Worker
/// (`src/bin/class_worker.rs`), so it links into that lazily loaded binary, not the page's.
pub mod classroom;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod confirmation;
pub mod document;
pub mod face;
pub mod filecheck;
pub mod fix;
pub mod identity;
pub mod imaging;
pub mod lazydata;
pub mod markup;
pub mod offline;
pub mod password;
pub mod photo;
pub mod profile;
pub mod readiness;
pub mod registration;
pub mod report;

#[cfg(target_arch = "wasm32")]
pub mod app;
