//! One photo on two cores: the photo page's worker finds the faces (detector, then mesh) while a
//! helper — a second instance of this same worker — computes the person mask, which needs no
//! faces. The segmenter is about half of a photo's model time and half of the models' load
//! (natively: `cargo bench --bench face_models`, `cargo run --profile cli --example
//! face_load_stages`), so both the first answer and every later one come sooner on any device
//! with two cores. Without a helper (it could not start, or failed) this worker loads the
//! segmenter itself and runs all three, as the class and camera requests always do.
//!
//! The helper is started on the first photo request, as `face_worker_helper.js#segmenter`. The
//! fragment matters: the helper loads the segmenter on its own, at once, and says `loaded` when it
//! is done. Were it to wait for a request, that request would have to wait for the helper's
//! `ready`, which sits in this worker's queue while this thread plans its own two models, and the
//! two loads would run one after the other.
//!
//! Between the two (the page never sees these): helper → this worker `{type: "ready"}` (ignored),
//! `{type: "loaded"}` or `{type: "error", id: 0, message}` once, then `{type: "mask", id, width,
//! height, mask: Uint8Array}` for each `{kind: "mask", id, width, height, rgb}` (or `{type:
//! "error", id, message}`).

use super::models::{count_file, finder, loaded_models, models, segmenter, watch};
use super::warm::mark;
use super::{number, post, scope};
use crate::face::model::{FaceFinder, FaceModels};
use crate::face::{FaceObservation, PersonMask};
use image::RgbImage;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// `public/face_worker_helper.js`: it waits for this worker's compiled module rather than fetching
/// its own, so the engine is neither downloaded nor compiled twice and the machine code the
/// browser makes for it (lazily, function by function) serves both instances.
const URL: &str = "./face_worker_helper.js#segmenter";
const ROLE: &str = "#segmenter";
/// The id under which the helper's load is awaited (requests count from 1).
const LOAD: u32 = 0;

/// If this instance is a helper (its URL says so), loads its model now and says when it is done.
pub fn start_if_helper() {
    let hash = Reflect::get(&scope(), &"location".into())
        .and_then(|location| Reflect::get(&location, &"hash".into()))
        .ok()
        .and_then(|hash| hash.as_string());
    if hash.as_deref() == Some(ROLE) {
        spawn_local(async {
            match segmenter().await {
                Ok(segmenter) => {
                    post("loaded", LOAD, &[], &Array::new());
                    // The worker's own two models take longer to load: a first photo's mask
                    // request comes after this, onto compiled code (`FaceFinder::warm_up`).
                    if segmenter.warm_up().is_ok() {
                        mark("face-segmenter-warm");
                    }
                }
                Err(message) => post("error", LOAD, &[("message", message.into())], &Array::new()),
            }
        });
    }
}

/// The helper's answer to a `mask` request (`None` for requests that are not the helper's).
pub async fn answer(id: u32, kind: Option<&str>, data: &JsValue) -> Option<Result<(), String>> {
    if kind? != "mask" {
        return None;
    }
    Some(answer_mask(id, data).await)
}

async fn answer_mask(id: u32, data: &JsValue) -> Result<(), String> {
    let picture = super::picture(data)?;
    let mask = segmenter().await?.mask_of(&picture).map_err(|e| format!("人脸分析失败：{e}"))?;
    let bytes = Uint8Array::from(mask.data.as_slice());
    let transfer = Array::of1(&bytes.buffer());
    post(
        "mask",
        id,
        &[("width", mask.width.into()), ("height", mask.height.into()), ("mask", bytes.into())],
        &transfer,
    );
    Ok(())
}

/// What runs a photo's models in this worker.
pub(crate) enum Engine {
    /// The faces here, the mask in the helper.
    Apart(Rc<FaceFinder>),
    /// All three here.
    Together(Rc<FaceModels>),
}

/// Loads what a photo needs: the finder here while the helper loads the segmenter, or all three
/// here when no helper is to be had.
pub(crate) async fn engine(id: u32) -> Result<Engine, String> {
    if let Some(models) = loaded_models() {
        return Ok(Engine::Together(models));
    }
    watch(id);
    if let Some(loaded) = Helper::loaded() {
        let finder = Rc::new(finder().await?);
        if JsFuture::from(loaded).await.is_ok() {
            if !COUNTED.with(|c| c.replace(true)) {
                count_file();
            }
            return Ok(Engine::Apart(finder));
        }
        Helper::give_up();
    }
    Ok(Engine::Together(models(id).await?))
}

impl Engine {
    /// One blank run of the models here (see `FaceFinder::warm_up`; the helper warms its own).
    pub(crate) fn warm_up(&self) -> Result<(), crate::face::model::ModelError> {
        match self {
            Engine::Apart(finder) => finder.warm_up(),
            Engine::Together(models) => models.warm_up(),
        }
    }

    /// The observation of `picture` (the analysed picture, already shrunk).
    pub(crate) async fn observe(&self, id: u32, picture: &RgbImage) -> Result<FaceObservation, String> {
        let failed = |e: crate::face::model::ModelError| format!("人脸分析失败：{e}");
        let finder = match self {
            Engine::Together(models) => return models.observe(picture).map_err(failed),
            Engine::Apart(finder) => finder,
        };
        // The picture goes to the helper first, so the mask is computed while the faces are found.
        let masked = Helper::mask(picture);
        let (faces, landmarks) = finder.find(picture).map_err(failed)?;
        let (width, height) = picture.dimensions();
        let mask = match masked {
            Some(masked) => JsFuture::from(masked).await.ok().and_then(|data| decode_mask(&data, width, height)),
            None => None,
        };
        let mask = match mask {
            Some(mask) => mask,
            None => {
                // The helper failed mid-visit: the segmenter runs here from now on.
                Helper::give_up();
                models(id).await?.segmenter.mask_of(picture).map_err(failed)?
            }
        };
        Ok(FaceObservation { width, height, faces, landmarks, mask })
    }
}

/// The helper's `mask` answer, checked against the picture it was computed for.
fn decode_mask(data: &JsValue, width: u32, height: u32) -> Option<PersonMask> {
    let bytes = Reflect::get(data, &"mask".into()).ok()?.dyn_into::<Uint8Array>().ok()?.to_vec();
    let same = number(data, "width") == Some(width) && number(data, "height") == Some(height);
    (same && bytes.len() == width as usize * height as usize).then_some(PersonMask { width, height, data: bytes })
}

/// `(id, resolve, reject)` of each unanswered request (`LOAD` for the load).
type Waiting = Rc<RefCell<Vec<(u32, Function, Function)>>>;

/// This worker's side of the helper: the worker, and the promises waiting for its answers.
struct Helper {
    worker: Worker,
    /// Resolves once the helper's segmenter is loaded.
    loaded: Promise,
    waiting: Waiting,
    next_id: u32,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
    /// The helper failed once in this worker: from then on everything runs here.
    static FAILED: Cell<bool> = const { Cell::new(false) };
    /// The helper's model file has been counted in the download progress.
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

impl Helper {
    /// The promise of the helper's load, starting the helper if needed; `None` when there is none
    /// to be had (it failed before, or workers cannot start workers here).
    fn loaded() -> Option<Promise> {
        if FAILED.with(Cell::get) {
            return None;
        }
        HELPER.with(|h| {
            let mut h = h.borrow_mut();
            if h.is_none() {
                *h = Helper::start();
                FAILED.with(|f| f.set(h.is_none()));
            }
            h.as_ref().map(|h| h.loaded.clone())
        })
    }

    fn start() -> Option<Helper> {
        let worker = Worker::new(URL).ok()?;
        worker.post_message(&wasm_bindgen::module()).ok()?;
        let waiting = Waiting::default();
        let loaded = waiter(&waiting, LOAD);
        // A helper that fails to start rejects this before the photo's request awaits it (this
        // thread is planning its own models then): handled from the start, that is no uncaught
        // error, and the request still sees the rejection when it awaits.
        // The handler outlives the helper (it runs after `give_up` dropped it): kept for the visit.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = loaded.catch(&ignore);
        ignore.forget();
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let data = ev.data();
                let kind = Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
                let id = number(&data, "id").unwrap_or(LOAD);
                let settle = |ok: bool| settle(&waiting, id, ok, &data);
                match kind.as_str() {
                    "loaded" | "mask" => settle(true),
                    "error" => settle(false),
                    _ => {}
                }
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|ev: ErrorEvent| {
            ev.prevent_default();
            // Not now: this runs inside one of the helper's own closures.
            spawn_local(async { Helper::give_up() });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Helper { worker, loaded, waiting, next_id: 1, _on_message: on_message, _on_error: on_error })
    }

    /// Posts `picture` for its mask; the promise resolves with the helper's answer.
    fn mask(picture: &RgbImage) -> Option<Promise> {
        HELPER.with(|h| {
            let mut h = h.borrow_mut();
            let helper = h.as_mut()?;
            let id = helper.next_id;
            helper.next_id += 1;
            let (width, height) = picture.dimensions();
            let rgb = Uint8Array::from(picture.as_raw().as_slice());
            let message = Object::new();
            for (key, value) in
                [("kind", "mask".into()), ("id", id.into()), ("width", width.into()), ("height", height.into())]
            {
                Reflect::set(&message, &JsValue::from_str(key), &value).ok()?;
            }
            Reflect::set(&message, &"rgb".into(), &rgb).ok()?;
            let answered = waiter(&helper.waiting, id);
            helper.worker.post_message_with_transfer(&message, &Array::of1(&rgb.buffer())).ok()?;
            Some(answered)
        })
    }

    /// Ends the helper for this visit: whatever waits on it fails, and everything runs here.
    fn give_up() {
        FAILED.with(|f| f.set(true));
        if let Some(helper) = HELPER.with(|h| h.borrow_mut().take()) {
            helper.worker.terminate();
            for (_, _, reject) in helper.waiting.borrow_mut().drain(..) {
                reject.call1(&JsValue::NULL, &"the helper stopped".into()).ok();
            }
        }
    }
}

/// A promise settled when the helper answers `id`.
fn waiter(waiting: &Waiting, id: u32) -> Promise {
    Promise::new(&mut |resolve, reject| waiting.borrow_mut().push((id, resolve, reject)))
}

fn settle(waiting: &Waiting, id: u32, ok: bool, data: &JsValue) {
    let found = waiting.borrow().iter().position(|(waits_for, ..)| *waits_for == id);
    if let Some(at) = found {
        let (_, resolve, reject) = waiting.borrow_mut().remove(at);
        (if ok { resolve } else { reject }).call1(&JsValue::NULL, data).ok();
    }
}
