//! The class page's requests: to its class worker (roster, files, a file's bytes, the export) and to
//! the analysis workers (one file's checks, or its whole fix). Answers are read here, so the
//! components see plain values.

use crate::app::analysis::worker_client::{WorkerId, field, number, send, text};
use crate::classroom::inspect::SlotStatus;
use crate::classroom::report_view::ReportView;
use crate::classroom::session::{Job, Pass, Unused};
use crate::report::Kind;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::File;

async fn class(fields: Vec<(&'static str, JsValue)>, transfer: Array, answer: &str) -> Result<JsValue, String> {
    send(WorkerId::Class, fields, transfer, answer, |_, _| {}).await
}

fn array(data: &JsValue, key: &str) -> Array {
    field(data, key).and_then(|v| v.dyn_into().ok()).unwrap_or_default()
}

pub fn kind_str(kind: Kind) -> &'static str {
    match kind {
        Kind::Photo => "photo",
        Kind::Document => "document",
    }
}

/// One roster line as the class worker read it.
pub struct Student {
    pub row: usize,
    pub name: String,
    pub id: String,
    pub problems: String,
    pub exportable: bool,
}

/// The roster from a picked file's bytes or from pasted text.
pub async fn roster(bytes: Option<Uint8Array>, pasted: Option<String>) -> Result<Vec<Student>, String> {
    let (fields, transfer) = match (bytes, pasted) {
        (Some(b), _) => (vec![("kind", "roster".into()), ("bytes", b.clone().into())], Array::of1(&b.buffer())),
        (None, t) => (vec![("kind", "roster".into()), ("text", t.unwrap_or_default().into())], Array::new()),
    };
    let answer = class(fields, transfer, "roster").await?;
    Ok(array(&answer, "students")
        .iter()
        .map(|s| Student {
            row: number(&s, "row").unwrap_or(0.0) as usize,
            name: text(&s, "name").unwrap_or_default(),
            id: text(&s, "id").unwrap_or_default(),
            problems: text(&s, "problems").unwrap_or_default(),
            exportable: field(&s, "exportable").and_then(|e| e.as_bool()).unwrap_or(false),
        })
        .collect())
}

/// Which file each student has, as the class worker matched them.
pub struct Matched {
    pub names: Vec<String>,
    pub photo: Vec<Option<usize>>,
    pub document: Vec<Option<usize>>,
    pub unused: Vec<Unused>,
    pub errors: Vec<String>,
    /// Files to look at for a card before the matching is final ([`look`], then [`looked`]).
    pub look: Vec<usize>,
}

fn matched(answer: JsValue) -> Matched {
    let slots = |key| -> Vec<Option<usize>> {
        array(&answer, key).iter().map(|v| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as usize)).collect()
    };
    let strings = |key| -> Vec<String> { array(&answer, key).iter().filter_map(|v| v.as_string()).collect() };
    Matched {
        names: strings("names"),
        photo: slots("photo"),
        document: slots("document"),
        unused: array(&answer, "unmatched")
            .iter()
            .map(|u| Unused {
                file: number(&u, "file").unwrap_or(0.0) as usize,
                name: text(&u, "name").unwrap_or_default(),
                reason: text(&u, "reason").unwrap_or_default(),
            })
            .collect(),
        errors: strings("errors"),
        look: array(&answer, "look").iter().filter_map(|v| v.as_f64()).map(|f| f as usize).collect(),
    }
}

/// Hands the picked files (pictures and ZIP archives) to the class worker, which reads and
/// matches them: the `File`s themselves, so the page never holds the class's bytes.
pub async fn add_files(files: Vec<File>) -> Result<Matched, String> {
    let list: Array = files.into_iter().collect();
    class(vec![("kind", "files".into()), ("files", list.into())], Array::new(), "files").await.map(matched)
}

/// Whether analysis worker `worker` sees a card in file `file` (the class worker's index): the
/// sorting's look, run by the analysis workers so several run at once.
pub async fn look(worker: usize, file: usize) -> Result<bool, String> {
    let answer = class(vec![("kind", "file".into()), ("file", (file as u32).into())], Array::new(), "file").await?;
    let bytes: Uint8Array = field(&answer, "bytes").and_then(|b| b.dyn_into().ok()).ok_or(super::BROKEN)?;
    let fields = vec![("kind", "look".into()), ("bytes", bytes.clone().into())];
    let answer = send(WorkerId::Analysis(worker), fields, Array::of1(&bytes.buffer()), "looked", |_, _| {}).await?;
    Ok(field(&answer, "document").and_then(|d| d.as_bool()).unwrap_or(false))
}

/// What the looks saw (`seen`: per file, a card or not), to the class worker, which matches every
/// file again.
pub async fn looked(seen: Vec<(usize, bool)>) -> Result<Matched, String> {
    let files: Array = seen.iter().map(|(f, _)| JsValue::from(*f as u32)).collect();
    let documents: Array = seen.iter().map(|(_, d)| JsValue::from(*d)).collect();
    let fields = vec![("kind", "looked".into()), ("files", files.into()), ("documents", documents.into())];
    class(fields, Array::new(), "files").await.map(matched)
}

/// The teacher's choice for a file: an unmatched one's student and kind, or a matched one's kind.
pub async fn choose(file: usize, student: usize, kind: Kind) -> Result<Matched, String> {
    let fields = vec![
        ("kind", "assign".into()),
        ("file", (file as u32).into()),
        ("student", (student as u32).into()),
        ("slot", kind_str(kind).into()),
    ];
    class(fields, Array::new(), "files").await.map(matched)
}

/// What an analysis worker said of one file.
pub struct Inspected {
    pub status: SlotStatus,
    pub reason: String,
    /// The fix made with the check (`None`: the worker's answer had none).
    pub fixed: Option<Fixed>,
    /// The ID image is the student's photo after all (no card, a face): move it.
    pub photo_after_all: bool,
    /// The report on the file as given, for the row's "查看报告".
    pub report: Option<ReportView>,
}

/// A file after the fix: 合格 / 已修复 / 需重交, what to redo, the outcome for the export and the
/// exported bytes.
#[derive(Clone)]
pub struct Fixed {
    pub label: String,
    pub redo: String,
    pub outcome: String,
    pub bytes: Option<Uint8Array>,
}

impl Fixed {
    /// The file could not be inspected at all (`why`): the family must send it again.
    pub fn failed(why: String) -> Fixed {
        Fixed { label: "需重交".into(), redo: why, outcome: String::new(), bytes: None }
    }
}

/// Runs `job` on analysis worker `worker`: the file's bytes from the class worker, then its checks
/// and its whole fix (a file is decoded and analysed once). `on_preview` gets the worker's small
/// copy of the picture (checks only).
pub async fn inspect(
    worker: usize,
    job: Job,
    pass: Pass,
    student_id: &str,
    profile: &str,
    photo_free: bool,
    on_preview: impl FnOnce(&Uint8Array),
) -> Result<Inspected, String> {
    let file = class(vec![("kind", "file".into()), ("file", (job.file as u32).into())], Array::new(), "file").await?;
    let bytes: Uint8Array = field(&file, "bytes").and_then(|b| b.dyn_into().ok()).ok_or(super::BROKEN)?;
    let fields = vec![
        ("kind", "inspect".into()),
        ("slot", kind_str(job.kind).into()),
        ("name", text(&file, "name").unwrap_or_default().into()),
        ("student", student_id.into()),
        ("profile", profile.into()),
        ("fix", true.into()),
        ("photo_free", photo_free.into()),
        ("preview", (pass == Pass::Check).into()),
        ("bytes", bytes.clone().into()),
    ];
    let answer = send(WorkerId::Analysis(worker), fields, Array::of1(&bytes.buffer()), "inspected", |_, _| {}).await?;
    if let Some(preview) = field(&answer, "preview").and_then(|p| p.dyn_into::<Uint8Array>().ok()) {
        on_preview(&preview);
    }
    let status = text(&answer, "status").as_deref().and_then(SlotStatus::parse).ok_or(super::BROKEN)?;
    let fixed = text(&answer, "label").map(|label| Fixed {
        label,
        redo: text(&answer, "redo").unwrap_or_default(),
        outcome: text(&answer, "outcome").unwrap_or_default(),
        bytes: field(&answer, "export").and_then(|e| e.dyn_into().ok()),
    });
    let photo_after_all = field(&answer, "photo_after_all").and_then(|m| m.as_bool()).unwrap_or(false);
    let size = number(&answer, "width").zip(number(&answer, "height")).map(|(w, h)| (w as u32, h as u32));
    let marks = text(&answer, "marks").filter(|m| !m.is_empty());
    let report =
        text(&answer, "report").and_then(|json| ReportView::from_json(&json, size)).map(|v| v.with_marks(marks));
    Ok(Inspected { status, reason: text(&answer, "reason").unwrap_or_default(), fixed, photo_after_all, report })
}

/// The export ZIP, the report CSV and the redo lines, from each student's fixed files
/// (`results[i]`: photo and document, each an outcome and its exported bytes).
pub async fn export(results: Array) -> Result<(Uint8Array, Uint8Array, Vec<String>), String> {
    let answer = class(vec![("kind", "export".into()), ("results", results.into())], Array::new(), "export").await?;
    let bytes = |key| field(&answer, key).and_then(|b| b.dyn_into::<Uint8Array>().ok()).ok_or(super::BROKEN);
    let redo = array(&answer, "redo").iter().filter_map(|v| v.as_string()).collect();
    Ok((bytes("zip")?, bytes("csv")?, redo))
}
