//! One student's photo or ID image through exactly the single pages' checks and fix, and what the
//! family must redo when even the fixed file does not pass.

use crate::fix::{FixError, Fixed};
use crate::profile::Profile;
use crate::report::{Kind, Report, Status, Verdict};

/// The checks and the fix of one kind of file. The pages and the CLI bring their own: with the face
/// models (CLI, worker) or the file rules only ([`FileRules`]).
pub trait Inspector {
    /// `id` is the student's ID number from the roster (the document's name rule compares to it).
    fn check(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Report;
    fn fix(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Result<Fixed, FixError>;
}

/// The file rules of `#/photo` and `#/document` without the content checks.
pub struct FileRules<'a>(pub &'a Profile);

impl Inspector for FileRules<'_> {
    fn check(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Report {
        match kind {
            Kind::Photo => crate::photo::check(bytes, file_name, self.0),
            Kind::Document => crate::document::check(bytes, file_name, id, self.0),
        }
    }

    fn fix(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Result<Fixed, FixError> {
        match kind {
            Kind::Photo => crate::photo::fix(bytes, file_name, self.0),
            Kind::Document => crate::document::fix(bytes, file_name, id, self.0),
        }
    }
}

/// A file's status as given (the class page's `data-photo-status` / `data-document-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotStatus {
    Pass,
    Warn,
    Fail,
    Missing,
}

impl SlotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotStatus::Pass => "pass",
            SlotStatus::Warn => "warn",
            SlotStatus::Fail => "fail",
            SlotStatus::Missing => "missing",
        }
    }
}

impl From<Verdict> for SlotStatus {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Pass => SlotStatus::Pass,
            Verdict::Warn => SlotStatus::Warn,
            Verdict::Fail => SlotStatus::Fail,
        }
    }
}

/// What the family must redo for one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Redo {
    Missing,
    /// The fix refused (grey-scale, unreadable, HEIC, a face at the edge …): its own explanation.
    Unfixable(String),
    /// The fixed file still fails these checks (their Chinese names).
    Failing(Vec<String>),
}

impl Redo {
    /// "照片需重拍：背景颜色不合格", "缺少证件照片".
    pub fn message(&self, kind: Kind) -> String {
        let redo = match kind {
            Kind::Photo => "照片需重拍",
            Kind::Document => "证件照片需重拍或重新扫描",
        };
        match self {
            Redo::Missing => match kind {
                Kind::Photo => "缺少照片".into(),
                Kind::Document => "缺少证件照片".into(),
            },
            Redo::Unfixable(why) => format!("{redo}：{why}"),
            Redo::Failing(checks) => format!("{redo}：{}不合格", checks.join("、")),
        }
    }
}

/// One file's result, from the file as given to the file exported.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotResult {
    pub kind: Kind,
    /// The input file's name (path inside its folder or archive).
    pub file: Option<String>,
    pub as_given: SlotStatus,
    /// The report on the file as given.
    pub report: Option<Report>,
    /// The file to export: the original when it passed as given, else the fixed one when that passes.
    pub export: Option<Vec<u8>>,
    /// Whether the export is the fix's output (the report says "已修复").
    pub fixed: bool,
    pub redo: Option<Redo>,
}

impl SlotResult {
    pub fn missing(kind: Kind) -> SlotResult {
        SlotResult {
            kind,
            file: None,
            as_given: SlotStatus::Missing,
            report: None,
            export: None,
            fixed: false,
            redo: Some(Redo::Missing),
        }
    }

    /// The report's column: 合格 / 已修复 / 需重交 / 缺少.
    pub fn label(&self) -> &'static str {
        match (&self.redo, self.fixed) {
            (Some(Redo::Missing), _) => "缺少",
            (Some(_), _) => "需重交",
            (None, true) => "已修复",
            (None, false) => "合格",
        }
    }
}

/// Checks the file as given; exports it unchanged when every check passes (or awaits a person's
/// confirmation), else fixes it and checks
/// the fixed file with the same rules (under its export name `<ID>.jpg`): a fixed file that still
/// fails names what the family must redo. Warnings and unconfirmed manual items do not hold a file
/// back; the teacher sees them in the report.
pub fn inspect(inspector: &dyn Inspector, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> SlotResult {
    let report = inspector.check(kind, bytes, file_name, id);
    let mut result = SlotResult {
        kind,
        file: Some(file_name.to_owned()),
        as_given: report.verdict.into(),
        report: None,
        export: None,
        fixed: false,
        redo: None,
    };
    // Manual items (jewellery, headwear, collar) are for a person to confirm: no fix changes them,
    // so they alone do not make the file worth re-encoding.
    if report.checks.iter().all(|c| matches!(c.status, Status::Pass | Status::Manual)) {
        result.export = Some(bytes.to_vec());
    } else {
        match inspector.fix(kind, bytes, file_name, id) {
            Err(e) => result.redo = Some(Redo::Unfixable(e.message())),
            Ok(fixed) => {
                let name = id.map_or(fixed.file_name.clone(), |id| format!("{id}.jpg"));
                let after = inspector.check(kind, &fixed.bytes, &name, id);
                if after.verdict == Verdict::Fail {
                    result.redo = Some(Redo::Failing(failing_checks(&after)));
                } else {
                    result.export = Some(fixed.bytes);
                    result.fixed = true;
                }
            }
        }
    }
    result.report = Some(report);
    result
}

/// The Chinese names of the failed checks.
fn failing_checks(report: &Report) -> Vec<String> {
    report.checks.iter().filter(|c| c.status == Status::Fail).map(|c| c.id.label().to_owned()).collect()
}
