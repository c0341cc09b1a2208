//! The Web Worker's side (`src/bin/face_worker.rs` → `face_worker_bg.wasm`): fetches the models from
//! the site's own `models/` folder on the first request, keeps them loaded, and answers each
//! `ObserveRequest` with the observation. Runs off the page's thread so the page never freezes.

use super::model::{DETECTOR_FILE, FaceModels, MESH_FILE, SEGMENTER_FILE};
use super::protocol::{ObserveRequest, WorkerReply, split_mask};
use image::RgbImage;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
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

fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Starts listening and tells the page it is ready.
pub fn run() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| spawn_local(handle(ev.data())));
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&WorkerReply::Ready, None);
}

fn post(reply: &WorkerReply, mask: Option<Vec<u8>>) {
    let message = Object::new();
    Reflect::set(&message, &"reply".into(), &reply.to_json().into()).ok();
    let transfer = Array::new();
    if let Some(mask) = mask {
        let bytes = Uint8Array::from(mask.as_slice());
        Reflect::set(&message, &"mask".into(), &bytes).ok();
        transfer.push(&bytes.buffer());
    }
    scope().post_message_with_transfer(&message, &transfer).ok();
}

async fn handle(data: JsValue) {
    let text = Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string()).unwrap_or_default();
    let Ok(request) = serde_json::from_str::<ObserveRequest>(&text) else {
        post(&WorkerReply::Error { id: 0, message: "收到无法识别的请求。".into() }, None);
        return;
    };
    let id = request.id;
    match observe(request, data).await {
        Ok(reply) => reply,
        Err(message) => post(&WorkerReply::Error { id, message }, None),
    }
}

async fn observe(request: ObserveRequest, data: JsValue) -> Result<(), String> {
    let rgb = Reflect::get(&data, &"rgb".into())
        .ok()
        .and_then(|r| r.dyn_into::<Uint8Array>().ok())
        .ok_or("请求里没有图片数据。")?
        .to_vec();
    let image = RgbImage::from_raw(request.width, request.height, rgb).ok_or("图片数据与尺寸不符。")?;
    let started = now_ms();
    let models = models(request.id).await?;
    let load_ms = now_ms() - started;
    let started = now_ms();
    let observation = models.observe(&image).map_err(|e| format!("人脸分析失败：{e}"))?;
    let run_ms = now_ms() - started;
    let (observation, mask) = split_mask(observation);
    post(&WorkerReply::Observed { id: request.id, observation, load_ms, run_ms }, Some(mask));
    Ok(())
}

/// The loaded models, fetching them once. A failed download is forgotten so the next request
/// tries again.
async fn models(id: u32) -> Result<Rc<FaceModels>, String> {
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
    for (i, name) in MODEL_FILES.iter().enumerate() {
        post(&WorkerReply::Progress { id, done: i as u32, total }, None);
        files.push(fetch_bytes(&format!("models/{name}")).await?);
    }
    post(&WorkerReply::Progress { id, done: total, total }, None);
    FaceModels::from_bytes(&files[0], &files[1], &files[2]).map_err(|e| format!("模型文件无法加载：{e}"))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let failed = || format!("无法下载模型文件 {url}，请检查网络后刷新页面。");
    let response: Response =
        JsFuture::from(scope().fetch_with_str(url)).await.map_err(|_| failed())?.dyn_into().map_err(|_| failed())?;
    if !response.ok() {
        return Err(failed());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| failed())?).await.map_err(|_| failed())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
