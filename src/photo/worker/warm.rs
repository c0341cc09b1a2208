//! Getting ready while the parent is still choosing a file. The page asks `{id, kind: "warm",
//! faces: bool}` as soon as its file picker is opened (`app::widgets::picker`): a phone's album or
//! a computer's file dialog keeps the parent busy for a few seconds, and that is about what this
//! worker needs to start, fetch and plan the models (about 1 s here) and run them once
//! (`FaceFinder::warm_up`: a browser compiles wasm on first use, so a first run takes about three
//! times as long as the next). The photo then finds everything ready. The document page asks with
//! `faces: false`: its card finder needs no models, only this worker started.
//!
//! Answer: `{type: "warm", id}` (the page does not wait for it). Nothing is fetched that the check
//! would not fetch a moment later. The stages are marked in the worker's performance timeline
//! (`face-engine-loaded`, `face-engine-warm`; the helper's `face-segmenter-warm`), where the
//! browser's developer tools and the end-to-end benchmark read them.

use super::helper::engine;
use super::{post, scope};
use js_sys::{Array, Promise, Reflect};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The id of the latest request this worker received.
    static LATEST: Cell<u32> = const { Cell::new(0) };
    /// The models here have run once (warmed up, or a photo went through).
    static RAN: Cell<bool> = const { Cell::new(false) };
}

/// Notes that the models here have run: a later warm-up would only cost time.
pub(crate) fn ran() {
    RAN.with(|ran| ran.set(true));
}

/// Notes that request `id` arrived (every request does, before it is answered).
pub(crate) fn arrived(id: u32) {
    LATEST.with(|latest| latest.set(id));
}

pub(crate) async fn warm(id: u32, data: &JsValue) -> Result<(), String> {
    let faces = Reflect::get(data, &"faces".into()).ok().and_then(|f| f.as_bool()) == Some(true);
    if faces {
        let engine = engine(id).await?;
        mark("face-engine-loaded");
        // A photo that came while the models loaded goes first: its message is dispatched before
        // a task queued now, and the warm-up would only delay it.
        next_task().await;
        if LATEST.with(Cell::get) == id && !RAN.with(Cell::get) {
            engine.warm_up().map_err(|e| format!("人脸分析失败：{e}"))?;
            ran();
            mark("face-engine-warm");
        }
    }
    post("warm", id, &[], &Array::new());
    Ok(())
}

/// Marks `name` in this worker's performance timeline.
pub(crate) fn mark(name: &str) {
    if let Some(performance) = scope().performance() {
        performance.mark(name).ok();
    }
}

/// Resolves in a later task, after the messages already waiting.
async fn next_task() {
    let later = Promise::new(&mut |resolve, _| {
        scope().set_timeout_with_callback(&resolve).ok();
    });
    JsFuture::from(later).await.ok();
}
