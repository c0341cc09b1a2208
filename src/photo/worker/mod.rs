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
//! camera page `{…, kind: "frame"}` with a small preview frame (`camera::worker`). The page asks
//! `{id, kind: "warm", faces}` when its file picker opens (`warm`).

mod helper;
mod models;
mod warm;

pub(crate) use models::{detector, models};

use crate::document::card;
use crate::face::protocol::encode_observation;
use crate::photo::content::picture::shrink_for_analysis;
use crate::photo::content::pipeline::Analysed;
use crate::photo::content::wire::encode_checks;
use crate::photo::svg::marks_svg;
use crate::profile;
use image::RgbImage;
use js_sys::{Array, Float32Array, Float64Array, Object, Reflect, Uint8Array};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(crate) fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Starts listening and tells the page (or, for a helper, the worker that started it) it is ready.
pub fn run() {
    helper::start_if_helper();
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

pub(crate) fn number(data: &JsValue, key: &str) -> Option<u32> {
    Reflect::get(data, &key.into()).ok()?.as_f64().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as u32)
}

async fn handle(data: JsValue) {
    let id = number(&data, "id").unwrap_or(0);
    warm::arrived(id);
    if let Err(message) = answer(id, data).await {
        post_error(id, &message);
    }
}

async fn answer(id: u32, data: JsValue) -> Result<(), String> {
    let kind = Reflect::get(&data, &"kind".into()).ok().and_then(|k| k.as_string());
    if let Some(answered) = helper::answer(id, kind.as_deref(), &data).await {
        return answered;
    }
    match kind.as_deref() {
        Some("inspect") => return crate::classroom::inspect_worker::answer(id, &data).await,
        Some("look") => return crate::classroom::inspect_worker::look(id, &data),
        Some("frame") => return crate::camera::worker::answer(id, &data).await,
        Some("warm") => return warm::warm(id, &data).await,
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
    let picture = shrink_for_analysis(image);
    let started = now_ms();
    let engine = helper::engine(id).await?;
    let load_ms = now_ms() - started;
    let started = now_ms();
    let observation = engine.observe(id, &picture).await?;
    warm::ran();
    let analysed = Analysed { picture, observation, software };
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
