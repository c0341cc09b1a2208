//! 中招报名自查助手 — the pure core (no Leptos, no web-sys) and, on wasm32, the web UI.
//!
//! Layout: one folder per feature. Each feature's pure logic is plain Rust that `cargo test`
//! exercises natively; its components live beside it in a `ui` module compiled only for the browser.

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
