//! The camera guide (`#/camera`): frames the candidate before the shutter. The pure core is here —
//! where the detector looks in a frame (`search`), the head estimated from the detector alone
//! (`head`), the target frame drawn on the preview (`guide`), the light and background of a frame
//! (`light`), the one hint to show (`hint`), the lines drawn on the preview (`overlay`) and when to
//! take the picture by itself (`hold`). The page (`ui`, in the lazily loaded pages' wasm) wires the
//! camera, the analysis worker and these; the worker's side is `worker`.

pub mod assess;
/// Runs the detector over the search (natively and in the analysis worker only).
#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
pub mod detect;
pub mod guide;
pub mod head;
pub mod hint;
pub mod hold;
pub mod light;
pub mod overlay;
pub mod search;
/// Staged scenes and fake-camera videos of real portraits (tests and fixtures; native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod staged;
#[cfg(test)]
mod tests;
#[cfg(target_arch = "wasm32")]
pub mod ui;
/// The analysis worker's per-frame request (`src/bin/face_worker.rs`).
#[cfg(all(target_arch = "wasm32", feature = "face-models"))]
pub mod worker;
