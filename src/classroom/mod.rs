//! The class workspace's pure core: a teacher's roster, the files parents sent (loose, in folders or
//! in ZIP archives), which file belongs to which student and whether it is the photo or the ID
//! image, each file checked and fixed with exactly the single pages' checks, and the export: `照片/<ID>.jpg`,
//! `证件/<ID>.jpg` and `检查报告.csv`. No Leptos, no web-sys: the `precheck batch` command drives it
//! natively today; the class page will drive the same functions.

pub mod archive;
pub mod export;
pub mod inspect;
pub mod matching;
pub mod roster;
pub mod text;

#[cfg(test)]
mod tests;
