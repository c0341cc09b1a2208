//! 中招报名自查助手 — the pure core (no Leptos, no web-sys) and, on wasm32, the web UI.

pub mod identity;
pub mod password;
pub mod profile;
pub mod report;
