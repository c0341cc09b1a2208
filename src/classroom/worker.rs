//! The class worker's side (`src/bin/class_worker.rs`): it keeps the roster and the files the
//! teacher gave (archives packed, unpacked one entry at a time when a file's turn comes) and
//! answers the class page:
//!
//! - `{id, kind: "roster", bytes: Uint8Array}` or `{…, text}` → `{type: "roster", id, students:
//!   [{row, name, id, problems, exportable}]}`; a new roster forgets the files.
//! - `{id, kind: "files", files: [File]}` adds them and matches every file again: a picture is
//!   read once to sort it and kept as the `File` (the browser holds it on disk, not the worker's
//!   memory: 60 phone photos are 150–300 MB), a ZIP archive is kept in memory. The look for a card
//!   in a picture (`content::kind_from_content`, most of the sorting's time) is left to the page's
//!   analysis workers, several at once: the answer's `look` lists the files to look at, and the
//!   page tells what it saw with `{id, kind: "looked", files: [index], documents: [bool]}` (a card
//!   seen), which matches every file again. `{id, kind: "assign", file, student, slot:
//!   "photo"|"document"}` records the teacher's choice. All three answer `{type: "files", id,
//!   names, photo, document, unmatched: [{file, name, reason}], errors, look: [index]}`
//!   (`photo[i]` is student i's file index or -1); until the looks are told, the matching is by
//!   names and shapes only.
//! - `{id, kind: "file", file}` → `{type: "file", id, bytes (transferred), name}`: the file's own
//!   name, without its folders, as its checks judge it.
//! - `{id, kind: "export", results: [{photo, document}]}`, each `{outcome: string, bytes?}` or null
//!   (see [`Outcome`]) → `{type: "export", id, zip, csv, redo}`: the ZIP of `照片/`, `证件/` and
//!   `检查报告.csv`, the CSV alone, and the families' redo lines.
//!
//! Errors answer `{type: "error", id, message}` in Chinese.

use super::export::{self, StudentResult};
use super::inspect::{Outcome, SlotResult};
use super::intake::{Intake, Source, base_name};
use super::matching::{Assignment, assign};
use super::roster::{self, Roster};
use crate::report::Kind;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

#[derive(Default)]
struct Class {
    roster: Option<Roster>,
    /// Loose pictures are the page's `File`s, read again when their turn comes.
    intake: Intake<File>,
    assignment: Option<Assignment>,
}

thread_local! {
    static CLASS: RefCell<Class> = RefCell::new(Class::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Starts listening and tells the page it is ready.
pub fn run() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| handle(ev.data()));
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&reply("ready", 0), &Array::new());
}

fn reply(kind: &str, id: u32) -> Object {
    let message = Object::new();
    set(&message, "type", &kind.into());
    set(&message, "id", &id.into());
    message
}

fn set(object: &Object, key: &str, value: &JsValue) {
    Reflect::set(object, &key.into(), value).ok();
}

fn post(message: &Object, transfer: &Array) {
    scope().post_message_with_transfer(message, transfer).ok();
}

fn get(data: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn text(data: &JsValue, key: &str) -> Option<String> {
    get(data, key)?.as_string()
}

fn index(data: &JsValue, key: &str) -> Option<usize> {
    get(data, key)?.as_f64().filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as usize)
}

/// A file's bytes, read synchronously (a worker may).
fn read(file: &File) -> Result<Uint8Array, String> {
    let cannot = || format!("无法读取 {}：文件可能已被移动或删除，请重新选择。", file.name());
    let buffer = FileReaderSync::new().and_then(|r| r.read_as_array_buffer(file)).map_err(|_| cannot())?;
    Ok(Uint8Array::new(&buffer))
}

fn bytes(data: &JsValue, key: &str) -> Option<Vec<u8>> {
    get(data, key)?.dyn_into::<Uint8Array>().ok().map(|b| b.to_vec())
}

fn handle(data: JsValue) {
    let id = index(&data, "id").unwrap_or(0) as u32;
    let answer = CLASS.with(|class| {
        let mut class = class.borrow_mut();
        match text(&data, "kind").as_deref() {
            Some("roster") => class.roster(&data, id),
            Some("files") => class.files(&data, id),
            Some("looked") => class.looked(&data, id),
            Some("assign") => class.assign(&data, id),
            Some("file") => class.file(&data, id),
            Some("export") => class.export(&data, id),
            _ => Err("班级检查程序不认识这个请求。".to_owned()),
        }
    });
    match answer {
        Ok((message, transfer)) => post(&message, &transfer),
        Err(why) => {
            let message = reply("error", id);
            set(&message, "message", &why.into());
            post(&message, &Array::new());
        }
    }
}

type Answer = Result<(Object, Array), String>;

fn strings(items: impl IntoIterator<Item = String>) -> Array {
    items.into_iter().map(JsValue::from).collect()
}

impl Class {
    fn roster(&mut self, data: &JsValue, id: u32) -> Answer {
        let parsed = match (bytes(data, "bytes"), text(data, "text")) {
            (Some(b), _) => roster::parse(&b),
            (None, Some(t)) => roster::parse_text(&t),
            (None, None) => return Err("请求里没有花名册。".into()),
        };
        let roster = parsed.map_err(|e| e.message())?;
        let students = Array::new();
        for s in &roster.students {
            let o = Object::new();
            set(&o, "row", &(s.row as u32).into());
            set(&o, "name", &s.name.as_str().into());
            set(&o, "id", &s.id.as_str().into());
            set(&o, "problems", &s.problems().into());
            set(&o, "exportable", &s.exportable().into());
            students.push(&o);
        }
        *self = Class { roster: Some(roster), ..Class::default() };
        let message = reply("roster", id);
        set(&message, "students", &students);
        Ok((message, Array::new()))
    }

    fn files(&mut self, data: &JsValue, id: u32) -> Answer {
        let roster = self.roster.as_ref().ok_or("请先选择花名册。")?;
        let list: Array = get(data, "files").and_then(|f| f.dyn_into().ok()).ok_or("请求里没有文件。")?;
        let mut errors = Vec::new();
        self.intake.defer_looks = true;
        for file in list.iter().filter_map(|f| f.dyn_into::<File>().ok()) {
            let name = file.name();
            let added = read(&file)
                .map(|b| b.to_vec())
                .and_then(|content| self.intake.add(name.clone(), content, |_| file).map_err(|e| e.message()));
            if let Err(why) = added {
                errors.push(format!("{name}：{why}"));
            }
        }
        self.assignment = Some(assign(roster, &self.intake.candidates()));
        let look = self.intake.take_unlooked();
        Ok((self.assignment_message(id, errors, &look)?, Array::new()))
    }

    fn looked(&mut self, data: &JsValue, id: u32) -> Answer {
        let roster = self.roster.as_ref().ok_or("请先选择花名册。")?;
        let list = |key: &str| -> Array { get(data, key).and_then(|v| v.dyn_into().ok()).unwrap_or_default() };
        for (file, document) in list("files").iter().zip(list("documents").iter()) {
            let Some(file) = file.as_f64().filter(|f| *f >= 0.0) else { continue };
            let seen = document.as_bool().unwrap_or(false).then_some(Kind::Document);
            self.intake.looked(file as usize, seen);
        }
        self.assignment = Some(assign(roster, &self.intake.candidates()));
        Ok((self.assignment_message(id, Vec::new(), &[])?, Array::new()))
    }

    fn assign(&mut self, data: &JsValue, id: u32) -> Answer {
        let (file, student) = index(data, "file").zip(index(data, "student")).ok_or("请选择学生。")?;
        if file >= self.intake.files.len() {
            return Err("没有这个文件。".into());
        }
        let kind = if text(data, "slot").as_deref() == Some("document") { Kind::Document } else { Kind::Photo };
        self.assignment.as_mut().ok_or("请先选择文件。")?.choose(file, student, kind);
        Ok((self.assignment_message(id, Vec::new(), &[])?, Array::new()))
    }

    /// The `files` answer: the matching, `errors` met reading the files, and the files still to
    /// `look` at.
    fn assignment_message(&self, id: u32, errors: Vec<String>, look: &[usize]) -> Result<Object, String> {
        let (Some(roster), Some(a)) = (&self.roster, &self.assignment) else {
            return Err("请先选择花名册。".into());
        };
        let candidates = self.intake.candidates();
        let slots =
            |s: &[Option<usize>]| -> Array { s.iter().map(|f| JsValue::from(f.map_or(-1.0, |f| f as f64))).collect() };
        let unmatched = Array::new();
        for (file, why) in &a.unmatched {
            let o = Object::new();
            set(&o, "file", &(*file as u32).into());
            set(&o, "name", &candidates[*file].name.as_str().into());
            set(&o, "reason", &why.message(roster, &candidates).into());
            unmatched.push(&o);
        }
        let message = reply("files", id);
        set(&message, "names", &strings(candidates.into_iter().map(|c| c.name)));
        set(&message, "photo", &slots(&a.photo));
        set(&message, "document", &slots(&a.document));
        set(&message, "unmatched", &unmatched);
        set(&message, "errors", &strings(errors));
        set(&message, "look", &look.iter().map(|&f| JsValue::from(f as u32)).collect::<Array>());
        Ok(message)
    }

    fn file(&self, data: &JsValue, id: u32) -> Answer {
        let file = index(data, "file").ok_or("请求里没有文件编号。")?;
        let (candidate, source) = self.intake.files.get(file).ok_or("没有这个文件。")?;
        let name = base_name(&candidate.name).to_owned();
        // A loose picture goes from the browser's file to the analysis worker without a copy here.
        let array = match source {
            Source::Loose(loose) => read(loose)?,
            Source::Zipped { archive, entry } => Uint8Array::from(self.intake.unpack(*archive, entry)?.as_slice()),
        };
        let message = reply("file", id);
        set(&message, "bytes", &array);
        set(&message, "name", &name.into());
        Ok((message, Array::of1(&array.buffer())))
    }

    fn export(&self, data: &JsValue, id: u32) -> Answer {
        let roster = self.roster.as_ref().ok_or("请先选择花名册。")?;
        let list: Array = get(data, "results").and_then(|f| f.dyn_into().ok()).ok_or("请求里没有检查结果。")?;
        let slot = |item: &JsValue, kind: Kind| -> SlotResult {
            let key = match kind {
                Kind::Photo => "photo",
                Kind::Document => "document",
            };
            let Some(entry) = get(item, key) else { return SlotResult::missing(kind) };
            match text(&entry, "outcome").as_deref().and_then(Outcome::from_json) {
                Some(outcome) => outcome.into_result(kind, bytes(&entry, "bytes")),
                None => SlotResult::missing(kind),
            }
        };
        let results: Vec<StudentResult> = (0..roster.students.len() as u32)
            .map(|i| list.get(i))
            .map(|item| StudentResult { photo: slot(&item, Kind::Photo), document: slot(&item, Kind::Document) })
            .collect();
        let csv = export::report_csv(roster, &results);
        let zip = export::zip(&export::layout(roster, &results), &csv)?;
        let (zip, csv) = (Uint8Array::from(zip.as_slice()), Uint8Array::from(csv.as_slice()));
        let message = reply("export", id);
        set(&message, "zip", &zip);
        set(&message, "csv", &csv);
        set(&message, "redo", &strings(export::redo_list(roster, &results)));
        Ok((message, Array::of2(&zip.buffer(), &csv.buffer())))
    }
}
