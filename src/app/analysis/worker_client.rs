//! The page's side of the analysis Web Worker (`src/bin/face_worker.rs`): the transport only.
//! What a request carries and how its answer reads is the feature's (`photo::ui::face_client`,
//! `document::ui::card_client`).
//!
//! The worker — tract, the three MediaPipe models, the content checks and the card finder, about
//! 3 MB — is started when a photo or document file picker opens (`warm`) or on the first check,
//! never on page load, so the home page stays small. One worker serves the single pages for the
//! whole visit; the class page runs a few more beside it ([`WorkerId::Analysis`]) and its own
//! class worker ([`WorkerId::Class`]). If a worker dies (a failed download, a trap in wasm) it is
//! dropped and the next request starts a new one. Pictures are posted as transferred buffers;
//! replies are plain objects (the protocols are described in `photo::worker` and
//! `classroom::worker`).

use image::RgbImage;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Which worker a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkerId {
    /// The analysis worker (face models, content checks, card finder); 0 serves the single pages.
    Analysis(usize),
    /// The class page's roster, archive and export worker.
    Class,
}

impl WorkerId {
    /// Written by trunk's worker pipeline (`data-loader-shim` in index.html): each imports its
    /// wasm-bindgen glue and starts its `_bg.wasm`.
    fn url(self) -> &'static str {
        match self {
            WorkerId::Analysis(_) => "./face_worker_loader.js",
            WorkerId::Class => "./class_worker_loader.js",
        }
    }
}

pub const BROKEN: &str =
    "图片分析程序没有正常运行（可能是下载中断或浏览器内存不足）。请刷新页面后重试；文件本身的检查结果不受影响。";

struct Pending {
    resolve: Function,
    reject: Function,
    on_progress: Rc<dyn Fn(u32, u32)>,
}

struct Client {
    worker: Worker,
    ready: bool,
    /// Messages posted before the worker said it is ready would be lost: they wait here.
    queued: Vec<(Object, Array)>,
    pending: HashMap<u32, Pending>,
    next_id: u32,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENTS: RefCell<HashMap<WorkerId, Client>> = RefCell::new(HashMap::new());
}

/// Posts `image` (decoded, upright) with `fields` to the single pages' analysis worker and waits
/// for its answer of type `answer_type`; any other answer is an error carrying the worker's
/// message. `on_progress(done, total)` reports model files fetched (only on the first photo
/// request of a visit).
pub async fn request(
    image: &RgbImage,
    fields: Vec<(&'static str, JsValue)>,
    answer_type: &str,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<JsValue, String> {
    let (fields, transfer) = with_picture(image, fields);
    send_boxed(WorkerId::Analysis(0), fields, transfer, answer_type, Rc::new(on_progress)).await
}

/// `fields` with the picture's size and pixels, and the pixels' buffer to hand over.
fn with_picture(image: &RgbImage, mut fields: Vec<(&'static str, JsValue)>) -> (Vec<(&'static str, JsValue)>, Array) {
    let (width, height) = image.dimensions();
    let rgb = Uint8Array::from(image.as_raw().as_slice());
    let transfer = Array::of1(&rgb.buffer());
    fields.extend([("width", width.into()), ("height", height.into()), ("rgb", rgb.into())]);
    (fields, transfer)
}

/// Starts the single pages' worker, if it is not running, and asks it to get ready for a check
/// (`photo::worker::warm`; `faces`: load and run the face models once), without waiting for it.
pub fn warm(faces: bool) {
    let fields = vec![("kind", "warm".into()), ("faces", faces.into())];
    wasm_bindgen_futures::spawn_local(async move {
        // A failed warm-up leaves nothing behind: the check itself loads what it needs.
        let _ = send_boxed(WorkerId::Analysis(0), fields, Array::new(), "warm", Rc::new(|_, _| {})).await;
    });
}

/// Posts `fields` (with `transfer`: buffers handed over, not copied) to `worker`, starting it if
/// needed, and waits for its answer of type `answer_type`.
pub async fn send(
    worker: WorkerId,
    fields: Vec<(&'static str, JsValue)>,
    transfer: Array,
    answer_type: &str,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<JsValue, String> {
    send_boxed(worker, fields, transfer, answer_type, Rc::new(on_progress)).await
}

/// [`send`] for any progress callback: one copy of this code in the page's wasm, where a generic
/// function gets one per caller's closure.
async fn send_boxed(
    worker: WorkerId,
    fields: Vec<(&'static str, JsValue)>,
    transfer: Array,
    answer_type: &str,
    on_progress: Rc<dyn Fn(u32, u32)>,
) -> Result<JsValue, String> {
    let mut on_progress = Some(on_progress);
    let promise = Promise::new(&mut |resolve, reject| {
        let outcome = CLIENTS.with(|cell| -> Result<(), String> {
            let mut clients = cell.borrow_mut();
            let client = match clients.entry(worker) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(start(worker)?),
            };
            let id = client.next_id;
            client.next_id = client.next_id.wrapping_add(1);
            let message = Object::new();
            for (key, value) in std::iter::once(&("id", JsValue::from(id))).chain(&fields) {
                Reflect::set(&message, &(*key).into(), value).map_err(js_text)?;
            }
            let transfer = transfer.clone();
            let on_progress = on_progress.take().unwrap_or_else(|| Rc::new(|_, _| {}));
            client.pending.insert(id, Pending { resolve: resolve.clone(), reject: reject.clone(), on_progress });
            if client.ready {
                client.worker.post_message_with_transfer(&message, &transfer).map_err(js_text)?;
            } else {
                client.queued.push((message, transfer));
            }
            Ok(())
        });
        if let Err(e) = outcome {
            reject.call1(&JsValue::NULL, &e.into()).ok();
        }
    });
    let data = JsFuture::from(promise).await.map_err(|e| e.as_string().unwrap_or_else(|| BROKEN.to_owned()))?;
    if text(&data, "type").as_deref() != Some(answer_type) {
        return Err(text(&data, "message").unwrap_or_else(|| BROKEN.to_owned()));
    }
    Ok(data)
}

/// A field of an answer (`None` when absent).
pub fn field(data: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined())
}

/// A text field of an answer.
pub fn text(data: &JsValue, key: &str) -> Option<String> {
    field(data, key)?.as_string()
}

/// A number field of an answer.
pub fn number(data: &JsValue, key: &str) -> Option<f64> {
    field(data, key)?.as_f64()
}

/// Ends `worker` (the class page leaving frees its files and extra workers); waiting requests
/// fail.
pub fn stop(worker: WorkerId) {
    fail_all(worker);
}

fn start(id: WorkerId) -> Result<Client, String> {
    let worker = Worker::new(id.url()).map_err(|_| BROKEN.to_owned())?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| on_message(id, ev.data()));
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
        ev.prevent_default();
        fail_all(id);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client {
        worker,
        ready: false,
        queued: Vec::new(),
        pending: HashMap::new(),
        next_id: 1,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn on_message(worker: WorkerId, data: JsValue) {
    let kind = text(&data, "type").unwrap_or_default();
    let id = number(&data, "id").unwrap_or(0.0) as u32;
    CLIENTS.with(|cell| {
        let mut clients = cell.borrow_mut();
        let Some(client) = clients.get_mut(&worker) else { return };
        match kind.as_str() {
            "ready" => {
                client.ready = true;
                for (message, transfer) in client.queued.drain(..) {
                    if client.worker.post_message_with_transfer(&message, &transfer).is_err() {
                        web_sys::console::error_1(&"analysis worker: post failed".into());
                    }
                }
            }
            "progress" => {
                let (done, total) =
                    (number(&data, "done").unwrap_or(0.0) as u32, number(&data, "total").unwrap_or(0.0) as u32);
                if let Some(p) = client.pending.get(&id) {
                    let report = p.on_progress.clone();
                    // Run the callback after the borrow ends: it updates signals.
                    wasm_bindgen_futures::spawn_local(async move { report(done, total) });
                }
            }
            _ => {
                if let Some(p) = client.pending.remove(&id) {
                    p.resolve.call1(&JsValue::NULL, &data).ok();
                }
            }
        }
    });
}

/// The worker died: every waiting check gets the same clear message, and the next check starts a
/// fresh worker.
fn fail_all(worker: WorkerId) {
    let dead = CLIENTS.with(|cell| cell.borrow_mut().remove(&worker));
    if let Some(mut client) = dead {
        client.worker.terminate();
        for (_, p) in client.pending.drain() {
            p.reject.call1(&JsValue::NULL, &BROKEN.into()).ok();
        }
        // This may run inside one of the client's own event closures: drop them later, not now.
        wasm_bindgen_futures::spawn_local(async move { drop(client) });
    }
}

fn js_text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| BROKEN.to_owned())
}
