//! The class page's request to an analysis worker (`photo::worker` hands it here): one student's
//! file through exactly the single pages' checks ([`SinglePages`], as `precheck batch` runs them),
//! and with `fix` through the whole [`inspect`]: check, fix, re-check.
//!
//! Request: `{id, kind: "inspect", slot: "photo"|"document", bytes: Uint8Array (transferred), name,
//! student: the roster line's ID or "", fix: bool, profile, photo_free: bool (the student has no
//! photo yet)}`.
//! Answer: `{type: "inspected", id, status: pass|warn|fail, reason, report: JSON, outcome: JSON
//! (see `inspect::Outcome`), label: 合格|已修复|需重交, redo, export?: Uint8Array (transferred),
//! photo_after_all: bool (see `inspect::photo_after_all`: the page moves the file to the photo),
//! width, height: the file's upright size (the report's drawing space), preview?: Uint8Array
//! (transferred; when asked with `preview: true`): a JPEG of at most [`PREVIEW_SIDE`] px}`. The page
//! shows the preview as the row's thumbnail and in the report, never the file itself: a 12 MP photo
//! per row would keep dozens of full-size decoded pictures in the tab.
//!
//! The class page also hands its sorting's look for a card here, several workers at once:
//! `{id, kind: "look", bytes: Uint8Array (transferred)}` → `{type: "looked", id, document: bool}`
//! (a card is seen: [`super::content::kind_from_content`]).

use super::inspect::{Checked, Inspector, Outcome, SinglePages, inspect_checked, photo_after_all, reason};
use crate::photo::worker::{models, post};
use crate::profile;
use crate::report::Kind;
use image::RgbImage;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

fn text(data: &JsValue, key: &str) -> String {
    Reflect::get(data, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// Longest side of the preview: the report shows it at most 32rem wide on a phone.
pub const PREVIEW_SIDE: u32 = 640;

/// A small JPEG of the picture: from the one the checks decoded (`seen`) when there is one, else
/// decoded for it (a JPEG at 1/4 or 1/8 scale).
fn preview(seen: Option<&RgbImage>, bytes: &[u8]) -> Option<Vec<u8>> {
    use crate::photo::content::picture::{decode_within, shrink_for_display, shrink_within};
    let small = match seen {
        Some(picture) => shrink_for_display(picture, PREVIEW_SIDE),
        None => shrink_within(decode_within(bytes, PREVIEW_SIDE).ok()?.0, PREVIEW_SIDE),
    };
    crate::imaging::jpeg_write::encode(&small, 80, 72).ok()
}

/// The request's file (`bytes`), copied into this worker's memory.
fn file_bytes(data: &JsValue) -> Result<Vec<u8>, String> {
    let bytes = Reflect::get(data, &"bytes".into()).ok().and_then(|b| b.dyn_into::<Uint8Array>().ok());
    Ok(bytes.ok_or("请求里没有文件。")?.to_vec())
}

pub fn look(id: u32, data: &JsValue) -> Result<(), String> {
    let bytes = file_bytes(data)?;
    let document = super::content::kind_from_content(&bytes) == Some(Kind::Document);
    post("looked", id, &[("document", document.into())], &Array::new());
    Ok(())
}

pub async fn answer(id: u32, data: &JsValue) -> Result<(), String> {
    let bytes = file_bytes(data)?;
    let name = text(data, "name");
    let student = text(data, "student");
    let id_number = (!student.is_empty()).then_some(student.as_str());
    let profile = profile::by_id(&text(data, "profile")).unwrap_or_else(profile::default_profile);
    let flag = |key: &str| Reflect::get(data, &key.into()).ok().and_then(|f| f.as_bool()).unwrap_or(false);
    let (fix, photo_free) = (flag("fix"), flag("photo_free"));
    let kind = if text(data, "slot") == "document" { Kind::Document } else { Kind::Photo };
    // Only photos need the models; a document's card is found without them.
    let loaded = match kind {
        Kind::Photo => Some(models(id).await?),
        Kind::Document => None,
    };
    let pages = SinglePages { models: loaded.as_deref(), profile };
    let mut fields: Vec<(&str, JsValue)> = Vec::new();
    let mut transfer = Array::new();
    let checked = pages.check_seen(kind, &bytes, &name, id_number);
    let preview = if flag("preview") { preview(checked.picture(), &bytes) } else { None };
    let report = if fix {
        let result = inspect_checked(&pages, kind, &bytes, &name, id_number, checked);
        let report = result.report.as_ref();
        fields.push(("status", result.as_given.as_str().into()));
        fields.push(("reason", report.map(reason).unwrap_or_default().into()));
        fields.push(("report", report.map(|r| r.to_json()).unwrap_or_default().into()));
        fields.push(("label", result.label().into()));
        fields.push(("redo", result.redo.as_ref().map(|r| r.message(kind)).unwrap_or_default().into()));
        fields.push(("outcome", Outcome::of(&result).to_json().into()));
        fields.push(("marks", result.marks.clone().unwrap_or_default().into()));
        if let Some(export) = &result.export {
            let array = Uint8Array::from(export.as_slice());
            transfer = Array::of1(&array.buffer());
            fields.push(("export", array.into()));
        }
        result.report
    } else {
        let Checked { report, marks, .. } = checked;
        fields.push(("marks", marks.unwrap_or_default().into()));
        fields.push(("status", super::inspect::SlotStatus::from(report.verdict).as_str().into()));
        fields.push(("reason", reason(&report).into()));
        fields.push(("report", report.to_json().into()));
        Some(report)
    };
    // An ID image without a card: the face models (loaded now if not yet) tell whether it is the photo.
    let looked_for_face =
        photo_free && kind == Kind::Document && report.as_ref().is_some_and(|r| !matches!(r.card, Some(Some(_))));
    let moved = if looked_for_face {
        let loaded = models(id).await?;
        let pages = SinglePages { models: Some(&*loaded), profile };
        photo_after_all(&pages, report.as_ref(), &bytes, photo_free)
    } else {
        false
    };
    fields.push(("photo_after_all", moved.into()));
    if let Some(preview) = preview {
        let array = Uint8Array::from(preview.as_slice());
        transfer.push(&array.buffer());
        fields.push(("preview", array.into()));
    }
    if let Ok(probed) = crate::imaging::decode::probe(&bytes) {
        fields.push(("width", probed.upright.0.into()));
        fields.push(("height", probed.upright.1.into()));
    }
    post("inspected", id, &fields, &transfer);
    Ok(())
}
