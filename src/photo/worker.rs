//! The Web Worker's side (`src/bin/face_worker.rs` → `face_worker_bg.wasm`): fetches the models from
//! the site's own `models/` folder on the first request, keeps them loaded, and answers each
//! request with the whole content analysis: the observation (the page's fix crops by it), the
//! checks and the marks drawn over the photo. Models and checks run here, off the page's thread,
//! so the page never freezes and its own wasm carries none of that code. The page decodes the file
//! (it has the decoders anyway for the file checks), so this worker carries none.
//!
//! Request: `{id, width, height, rgb: Uint8Array (transferred), software: string|undefined,
//! profile: "henan-2024"}`.
//! Answers: `{type: "ready"}`, `{type: "progress", id, done, total}`, `{type: "error", id,
//! message}` and `{type: "observed", id, profile, loadMs, runMs, checkMs, data, mask, checks,
//! marks}`: `profile` is the one actually used, `data`/`mask` are described in `face::protocol`,
//! `checks` in `photo::content::wire`, and `marks` is SVG markup.
//!
//! A document's card is asked with `{…, kind: "card", fullWidth}` (the picture at most
//! `document::card::MAX_SIDE`, `fullWidth` the file's own width) and answered with `{type: "card",
//! id, profile, runMs, checkMs, finding: Float64Array, checks, marks}` (`finding` is described in
//! `document::card::wire`). It needs no models, so none are fetched for it.
//!
//! The class page asks `{…, kind: "inspect"}` with a whole file (`classroom::inspect_worker`); the
//! camera page `{…, kind: "frame"}` with a small preview frame (`camera::worker`).

use crate::document::card;
use crate::face::model::{DETECTOR_FILE, FaceModels, MESH_FILE, SEGMENTER_FILE};
use crate::face::protocol::encode_observation;
use crate::photo::content::pipeline::analyse_picture;
use crate::photo::content::wire::encode_checks;
use crate::photo::svg::marks_svg;
use crate::profile;
use image::RgbImage;
use js_sys::{Array, Float32Array, Float64Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise, spawn_local};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

/// Fetched from the site's `models/` folder, in `FaceModels::from_bytes` order.
const MODEL_FILES: [&str; 3] = [DETECTOR_FILE, MESH_FILE, SEGMENTER_FILE];

thread_local! {
    static MODELS: RefCell<Option<Rc<FaceModels>>> = const { RefCell::new(None) };
    /// The one model download in flight, shared by requests that arrive while it runs.
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(crate) fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Starts listening and tells the page it is ready.
pub fn run() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| spawn_local(handle(ev.data())));
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post("ready", 0, &[], &Array::new());
}

/// Posts `{type, id, …fields}`; `transfer` lists buffers handed over rather than copied.
pub(crate) fn post(kind: &str, id: u32, fields: &[(&str, JsValue)], transfer: &Array) {
    let message = Object::new();
    Reflect::set(&message, &"type".into(), &kind.into()).ok();
    Reflect::set(&message, &"id".into(), &id.into()).ok();
    for (key, value) in fields {
        Reflect::set(&message, &(*key).into(), value).ok();
    }
    scope().post_message_with_transfer(&message, transfer).ok();
}

fn post_error(id: u32, message: &str) {
    post("error", id, &[("message", message.into())], &Array::new());
}

fn number(data: &JsValue, key: &str) -> Option<u32> {
    Reflect::get(data, &key.into()).ok()?.as_f64().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as u32)
}

async fn handle(data: JsValue) {
    let id = number(&data, "id").unwrap_or(0);
    if let Err(message) = answer(id, data).await {
        post_error(id, &message);
    }
}

async fn answer(id: u32, data: JsValue) -> Result<(), String> {
    let kind = Reflect::get(&data, &"kind".into()).ok().and_then(|k| k.as_string());
    match kind.as_deref() {
        Some("inspect") => return crate::classroom::inspect_worker::answer(id, &data).await,
        Some("look") => return crate::classroom::inspect_worker::look(id, &data),
        Some("frame") => return crate::camera::worker::answer(id, &data).await,
        _ => {}
    }
    let image = picture(&data)?;
    let profile_id = Reflect::get(&data, &"profile".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
    let profile = profile::by_id(&profile_id).unwrap_or_else(profile::default_profile);
    if kind.as_deref() == Some("card") {
        return answer_card(id, image, number(&data, "fullWidth").unwrap_or(0), profile);
    }
    let software = Reflect::get(&data, &"software".into()).ok().and_then(|s| s.as_string());
    answer_faces(id, image, software, profile).await
}

/// Finds and judges the card (see the module's header for the answer).
fn answer_card(id: u32, image: RgbImage, full_width: u32, profile: &profile::Profile) -> Result<(), String> {
    let spec = profile.document.card.as_ref().ok_or("所选规则没有证件摆放要求。")?;
    let started = now_ms();
    let found = card::find(&image);
    let run_ms = now_ms() - started;
    let started = now_ms();
    let analysis = card::analyse_found(&image, found, full_width.max(image.width()), spec);
    let marks = marks_svg(image.width(), image.height(), &analysis.marks);
    let checks = encode_checks(&analysis.checks);
    let check_ms = now_ms() - started;
    let finding = Float64Array::from(
        card::wire::encode_finding(analysis.finding.as_ref(), analysis.number.as_deref()).as_slice(),
    );
    let transfer = Array::of1(&finding.buffer());
    let fields = [
        ("profile", profile.id.as_str().into()),
        ("runMs", run_ms.into()),
        ("checkMs", check_ms.into()),
        ("finding", finding.into()),
        ("checks", checks.into()),
        ("marks", marks.into()),
    ];
    post("card", id, &fields, &transfer);
    Ok(())
}

/// The picture a request carries.
pub(crate) fn picture(data: &JsValue) -> Result<RgbImage, String> {
    let (width, height) = number(data, "width").zip(number(data, "height")).ok_or("请求里没有图片尺寸。")?;
    let rgb = Reflect::get(data, &"rgb".into())
        .ok()
        .and_then(|r| r.dyn_into::<Uint8Array>().ok())
        .ok_or("请求里没有图片数据。")?
        .to_vec();
    RgbImage::from_raw(width, height, rgb).ok_or_else(|| "图片数据与尺寸不符。".to_owned())
}

async fn answer_faces(
    id: u32,
    image: RgbImage,
    software: Option<String>,
    profile: &profile::Profile,
) -> Result<(), String> {
    let started = now_ms();
    let models = models(id).await?;
    let load_ms = now_ms() - started;
    let started = now_ms();
    let analysed = analyse_picture(image, software, &models).map_err(|e| e.message().to_owned())?;
    let run_ms = now_ms() - started;
    let started = now_ms();
    // Confirmations are the page's: it applies them to the `manual` rows it shows.
    let result = analysed.checks(profile, &BTreeSet::new());
    let (width, height) = analysed.picture.dimensions();
    let marks = marks_svg(width, height, &result.marks);
    let checks = encode_checks(&result.checks);
    let check_ms = now_ms() - started;
    let (numbers, mask) = encode_observation(&analysed.observation);
    let numbers = Float32Array::from(numbers.as_slice());
    let mask = Uint8Array::from(mask.as_slice());
    let transfer = Array::of2(&numbers.buffer(), &mask.buffer());
    let fields = [
        ("profile", profile.id.as_str().into()),
        ("loadMs", load_ms.into()),
        ("runMs", run_ms.into()),
        ("checkMs", check_ms.into()),
        ("data", numbers.into()),
        ("mask", mask.into()),
        ("checks", checks.into()),
        ("marks", marks.into()),
    ];
    post("observed", id, &fields, &transfer);
    Ok(())
}

/// The loaded models, fetching them once. A failed download is forgotten so the next request
/// tries again.
pub(crate) async fn models(id: u32) -> Result<Rc<FaceModels>, String> {
    if let Some(m) = MODELS.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let promise = LOADING.with(|l| {
        l.borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async move {
                    let models = load(id).await.map_err(|e| JsValue::from_str(&e))?;
                    MODELS.with(|m| *m.borrow_mut() = Some(Rc::new(models)));
                    Ok(JsValue::UNDEFINED)
                })
            })
            .clone()
    });
    let loaded = JsFuture::from(promise).await;
    LOADING.with(|l| *l.borrow_mut() = None);
    loaded.map_err(|e| e.as_string().unwrap_or_else(|| "模型加载失败。".into()))?;
    MODELS.with(|m| m.borrow().clone()).ok_or_else(|| "模型加载失败。".into())
}

async fn load(id: u32) -> Result<FaceModels, String> {
    let total = MODEL_FILES.len() as u32;
    let mut files = Vec::with_capacity(MODEL_FILES.len());
    let progress = |done: u32| post("progress", id, &[("done", done.into()), ("total", total.into())], &Array::new());
    // All three requests start at once (over a real network that saves round trips); the bodies
    // are then read in order, each finished file counted in the progress.
    let urls = MODEL_FILES.map(|name| format!("models/{name}"));
    let requests = urls.each_ref().map(|url| scope().fetch_with_str(url));
    progress(0);
    for (i, (url, request)) in urls.iter().zip(requests).enumerate() {
        files.push(read_body(url, request).await?);
        progress(i as u32 + 1);
    }
    FaceModels::from_bytes(&files[0], &files[1], &files[2]).map_err(|e| format!("模型文件无法加载：{e}"))
}

/// The bytes of a started `fetch` of `url`.
async fn read_body(url: &str, request: Promise) -> Result<Vec<u8>, String> {
    let failed = || format!("无法下载模型文件 {url}，请检查网络后刷新页面。");
    let response: Response = JsFuture::from(request).await.map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    if !response.ok() {
        return Err(failed());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed())?).await.map_err(|_| failed())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
