//! The class workspace's pure core: a teacher's roster, the files parents sent (loose, in folders or
//! in ZIP archives), which file belongs to which student and whether it is the photo or the ID
//! image, each file checked and fixed with exactly the single pages' checks, and the export: `照片/<ID>.jpg`,
//! `证件/<ID>.jpg` and `检查报告.csv`. No Leptos, no web-sys: the `precheck batch` command drives it
//! natively; the class page (`#/class`, `ui`) drives the same functions through its two workers.

pub mod archive;
pub mod content;
pub mod export;
pub mod html;
pub mod inspect;
/// The analysis worker's per-file request (`src/bin/face_worker.rs`).
#[cfg(all(target_arch = "wasm32", feature = "face-models"))]
pub mod inspect_worker;
pub mod intake;
pub mod matching;
pub mod report_view;
pub mod roster;
pub mod session;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod ui;
/// The class worker's loop (`src/bin/class_worker.rs`).
#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(test)]
mod tests;
