//! The camera page's per-frame request to the analysis worker (`photo::worker` hands it here):
//! the detector only, over the search of `camera::search` — no mesh, no mask, no checks, so a
//! frame costs a few detector runs and the guide can answer ten times a second. Only the detector
//! is loaded for it: the first hint does not wait for the other two models.
//!
//! Request: `{id, kind: "frame", width, height, rgb: Uint8Array (transferred), previous?:
//! [x, y, w, h] (the face of the last frame), round (the frame's number: which tile), profile}`.
//! Answer: `{type: "frame", id, loadMs, runMs, runs, data: Float32Array}` (`data` is an observation
//! with faces only, packed by `face::protocol`).

use super::detect::find;
use crate::face::model::preprocess::Frame;
use crate::face::protocol::encode_observation;
use crate::face::{BoxF, FaceObservation, PersonMask};
use crate::photo::worker::{detector, now_ms, picture, post};
use crate::profile;
use js_sys::{Array, Float32Array, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

fn previous(data: &JsValue) -> Option<BoxF> {
    let v = Reflect::get(data, &"previous".into()).ok()?.dyn_into::<Float32Array>().ok()?.to_vec();
    match v[..] {
        [x, y, width, height] if v.iter().all(|n| n.is_finite()) && width > 0.0 && height > 0.0 => {
            Some(BoxF { x, y, width, height })
        }
        _ => None,
    }
}

pub async fn answer(id: u32, data: &JsValue) -> Result<(), String> {
    let image = picture(data)?;
    let profile_id = Reflect::get(data, &"profile".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
    let profile = profile::by_id(&profile_id).unwrap_or_else(profile::default_profile);
    let started = now_ms();
    let detector = detector().await?;
    let load_ms = now_ms() - started;
    let started = now_ms();
    let (width, height) = image.dimensions();
    let frame = Frame::new(&image);
    let min_score = profile.photo_content.geometry.min_face_score;
    let round = Reflect::get(data, &"round".into()).ok().and_then(|r| r.as_f64()).unwrap_or(0.0) as u32;
    let found = find(&detector, &frame, width, height, previous(data), round, min_score)
        .map_err(|e| format!("人脸检测失败：{e}"))?;
    let run_ms = now_ms() - started;
    let observation = FaceObservation {
        width,
        height,
        faces: found.faces,
        landmarks: None,
        mask: PersonMask { width: 0, height: 0, data: vec![] },
    };
    let numbers = Float32Array::from(encode_observation(&observation).0.as_slice());
    let transfer = Array::of1(&numbers.buffer());
    let fields = [
        ("loadMs", load_ms.into()),
        ("runMs", run_ms.into()),
        ("runs", (found.runs as u32).into()),
        ("data", numbers.into()),
    ];
    post("frame", id, &fields, &transfer);
    Ok(())
}
