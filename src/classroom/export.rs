//! What the teacher takes away: `照片/<ID>.jpg` and `证件/<ID>.jpg` for every file that passes
//! (as given or after the fix) and `检查报告.csv`, one row per roster student, in a folder (CLI) or
//! one ZIP (the page).

use super::inspect::SlotResult;
use super::roster::{Roster, Student};
use crate::report::Kind;
use std::io::Write;
use zip::write::SimpleFileOptions;

pub const REPORT_NAME: &str = "检查报告.csv";

/// The folder of each kind in the export.
pub fn folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Photo => "照片",
        Kind::Document => "证件",
    }
}

/// One roster student's two files.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentResult {
    pub photo: SlotResult,
    pub document: SlotResult,
}

impl StudentResult {
    fn slots(&self) -> [&SlotResult; 2] {
        [&self.photo, &self.document]
    }

    /// Both files pass and can be exported under the student's ID.
    pub fn complete(&self, student: &Student) -> bool {
        student.exportable() && self.slots().iter().all(|s| s.redo.is_none())
    }

    /// What the family (or the teacher, for roster mistakes) must do, one line; empty when nothing.
    pub fn problems(&self, student: &Student) -> String {
        let mut lines: Vec<String> = student.issues.iter().map(|i| i.message()).collect();
        if !student.exportable() && self.slots().iter().any(|s| s.export.is_some()) {
            lines.push("请先改正花名册，合格的文件才能按身份证号导出".into());
        }
        lines.extend(self.slots().iter().filter_map(|s| s.redo.as_ref().map(|r| r.message(s.kind))));
        lines.join("；")
    }
}

/// The files to export, by path: students whose roster line is wrong get none (their ID cannot name them).
pub fn layout<'a>(roster: &Roster, results: &'a [StudentResult]) -> Vec<(String, &'a [u8])> {
    let mut files = Vec::new();
    for (student, result) in roster.students.iter().zip(results) {
        if !student.exportable() {
            continue;
        }
        for slot in result.slots() {
            if let Some(bytes) = &slot.export {
                files.push((format!("{}/{}.jpg", folder(slot.kind), student.id), bytes.as_slice()));
            }
        }
    }
    files
}

/// `检查报告.csv`: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as GBK and shows
/// mojibake). Columns 姓名, 身份证号, 照片, 证件, 问题. The ID is written as Excel text (`="…"` would
/// show in other programs; a tab prefix is invisible and keeps Excel from turning it into 4.1E+17).
pub fn report_csv(roster: &Roster, results: &[StudentResult]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let _ = w.write_record(["姓名", "身份证号", "照片", "证件", "问题"]);
        for (student, result) in roster.students.iter().zip(results) {
            let id = format!("\t{}", student.id);
            let problems = result.problems(student);
            let _ = w.write_record([
                student.name.as_str(),
                id.as_str(),
                result.photo.label(),
                result.document.label(),
                problems.as_str(),
            ]);
        }
        let _ = w.flush();
    }
    out
}

/// The printable list of families who must redo something: "张三：照片需重拍：…".
pub fn redo_list(roster: &Roster, results: &[StudentResult]) -> Vec<String> {
    roster
        .students
        .iter()
        .zip(results)
        .filter(|(s, r)| !r.complete(s))
        .map(|(s, r)| format!("{}：{}", s.name, r.problems(s)))
        .collect()
}

/// One ZIP of the export and the report (deflated; names flagged UTF-8).
pub fn zip(files: &[(String, &[u8])], report: &[u8]) -> Result<Vec<u8>, String> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), String> {
        writer.start_file(name, options).map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())
    };
    for (name, bytes) in files {
        add(name, bytes)?;
    }
    add(REPORT_NAME, report)?;
    writer.finish().map(std::io::Cursor::into_inner).map_err(|e| format!("无法生成压缩包：{e}"))
}
