//! One student's photo or ID image through exactly the single pages' checks and fix, and what the
//! family must redo when even the fixed file does not pass.

use crate::document::card::CardAnalysis;
use crate::face::FaceObservation;
use crate::fix::{FixError, Fixed};
use crate::imaging::decode::Decoded;
use crate::profile::Profile;
use crate::report::{Kind, Report, Status, Verdict};
use image::RgbImage;
use serde::{Deserialize, Serialize};

/// What a file's check saw that its fix can use, so a file is decoded and analysed once.
#[derive(Debug, Default)]
pub enum Seen {
    /// Nothing kept: the fix looks at the file itself.
    #[default]
    Nothing,
    /// What the face models saw (`None`: the analysis could not run; the fix then crops the
    /// centre), and the decode they looked at.
    Face(Option<FaceObservation>, Option<Decoded>),
    /// The card's analysis (`None`: no card rules, or the pixels cannot be read), and the decode
    /// it was found in.
    Card(Option<CardAnalysis>, Option<Decoded>),
}

/// One file's check: the report, the SVG of the marks that explain it (a photo checked with the
/// face models: the class page draws them over the row's picture), what the fix can reuse, and
/// the upright picture the content checks looked at.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub marks: Option<String>,
    pub seen: Seen,
    /// The photo's analysed picture (the card's is its decode, in `seen`).
    analysed: Option<RgbImage>,
}

impl Checked {
    fn report_only(report: Report) -> Checked {
        Checked { report, marks: None, seen: Seen::Nothing, analysed: None }
    }

    /// The decoded, upright picture the content checks looked at (a preview can be made from it).
    pub fn picture(&self) -> Option<&RgbImage> {
        match &self.seen {
            Seen::Card(_, Some(decoded)) => Some(&decoded.image),
            _ => self.analysed.as_ref(),
        }
    }
}

/// The checks and the fix of one kind of file. The pages and the CLI bring their own: with the face
/// models (CLI, worker) or the file rules only ([`FileRules`]).
pub trait Inspector {
    /// `id` is the student's ID number from the roster (the document's name rule compares to it).
    fn check_seen(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Checked;
    /// `seen`: what this file's own check saw ([`Seen::Nothing`]: the fix looks for itself).
    fn fix(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>, seen: &Seen) -> Result<Fixed, FixError>;
    fn check(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Report {
        self.check_seen(kind, bytes, file_name, id).report
    }
    /// Whether a face is seen in the picture (`false` without the face models).
    fn shows_face(&self, _bytes: &[u8]) -> bool {
        false
    }
}

/// The document's check, keeping its card and picture (both inspectors judge documents alike).
fn check_document(bytes: &[u8], file_name: &str, id: Option<&str>, profile: &Profile) -> Checked {
    let checked = crate::document::check_seen(bytes, file_name, id, profile);
    Checked { report: checked.report, marks: None, seen: Seen::Card(checked.card, checked.decoded), analysed: None }
}

/// The document's fix from the card its check found, else looking for the card itself.
fn fix_document(
    bytes: &[u8],
    file_name: &str,
    id: Option<&str>,
    profile: &Profile,
    seen: &Seen,
) -> Result<Fixed, FixError> {
    match seen {
        Seen::Card(card, decoded) => {
            crate::document::fix_analysed(bytes, file_name, id, profile, card.as_ref(), decoded.as_ref())
        }
        _ => crate::document::fix(bytes, file_name, id, profile),
    }
}

/// The file rules of `#/photo` and `#/document` without the content checks.
pub struct FileRules<'a>(pub &'a Profile);

impl Inspector for FileRules<'_> {
    fn check_seen(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Checked {
        match kind {
            Kind::Photo => Checked::report_only(crate::photo::check(bytes, file_name, self.0)),
            Kind::Document => check_document(bytes, file_name, id, self.0),
        }
    }

    fn fix(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>, seen: &Seen) -> Result<Fixed, FixError> {
        match kind {
            Kind::Photo => crate::photo::fix(bytes, file_name, self.0),
            Kind::Document => fix_document(bytes, file_name, id, self.0, seen),
        }
    }
}

/// Exactly the single pages' checks and fix: the photo with the face models when given (the
/// `precheck` CLI, the class page's analysis workers), the document with its card. One
/// implementation, so the page and `precheck batch` judge a class alike.
#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
pub struct SinglePages<'a> {
    pub models: Option<&'a crate::face::model::FaceModels>,
    pub profile: &'a Profile,
}

#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
impl Inspector for SinglePages<'_> {
    fn check_seen(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> Checked {
        use crate::photo::content::pipeline::check_photo_seen;
        match kind {
            Kind::Photo => {
                let checked = check_photo_seen(bytes, file_name, self.profile, self.models, &Default::default());
                let (seen, analysed) = match (self.models, checked.analysed) {
                    (None, _) => (Seen::Nothing, None),
                    (Some(_), None) => (Seen::Face(None, None), None),
                    (Some(_), Some(a)) => (Seen::Face(Some(a.observation), checked.decoded), Some(a.picture)),
                };
                Checked { report: checked.report, marks: checked.marks, seen, analysed }
            }
            Kind::Document => check_document(bytes, file_name, id, self.profile),
        }
    }

    fn fix(&self, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>, seen: &Seen) -> Result<Fixed, FixError> {
        use crate::photo::content::pipeline::fix_photo;
        match (kind, seen) {
            (Kind::Photo, Seen::Face(observed, decoded)) => crate::photo::fix_with_content_reusing(
                bytes,
                file_name,
                self.profile,
                observed.as_ref(),
                decoded.as_ref(),
            ),
            (Kind::Photo, _) => fix_photo(bytes, file_name, self.profile, self.models),
            (Kind::Document, _) => fix_document(bytes, file_name, id, self.profile, seen),
        }
    }

    fn shows_face(&self, bytes: &[u8]) -> bool {
        self.models.is_some_and(|m| super::content::shows_face(bytes, m))
    }
}

/// A file sorted as a student's ID image, whose check found no card, is the student's photo when a
/// face is seen in it and the student has no photo yet (`photo_free`: so two such files never
/// trade places back and forth). The CLI and the class page both move such a file to the photo
/// slot and check it there.
pub fn photo_after_all(inspector: &dyn Inspector, report: Option<&Report>, bytes: &[u8], photo_free: bool) -> bool {
    photo_free
        && report.is_some_and(|r| r.kind == Kind::Document && !matches!(r.card, Some(Some(_))))
        && inspector.shows_face(bytes)
}

/// A file's status as given (the class page's `data-photo-status` / `data-document-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

    /// The status a worker's answer names (its `as_str`).
    pub fn parse(s: &str) -> Option<SlotStatus> {
        [SlotStatus::Pass, SlotStatus::Warn, SlotStatus::Fail, SlotStatus::Missing]
            .into_iter()
            .find(|v| v.as_str() == s)
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The SVG of that report's marks, when its checks drew any ([`Checked::marks`]).
    pub marks: Option<String>,
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
            marks: None,
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

/// What of a [`SlotResult`] travels from an analysis worker, through the page, to the class
/// worker that writes the export (the report stays behind; the exported bytes travel beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub file: Option<String>,
    pub as_given: SlotStatus,
    pub fixed: bool,
    pub redo: Option<Redo>,
}

impl Outcome {
    pub fn of(result: &SlotResult) -> Outcome {
        Outcome { file: result.file.clone(), as_given: result.as_given, fixed: result.fixed, redo: result.redo.clone() }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Outcome> {
        serde_json::from_str(text).ok()
    }

    /// The result again, with the exported bytes that travelled beside it.
    pub fn into_result(self, kind: Kind, export: Option<Vec<u8>>) -> SlotResult {
        SlotResult {
            kind,
            file: self.file,
            as_given: self.as_given,
            report: None,
            marks: None,
            export,
            fixed: self.fixed,
            redo: self.redo,
        }
    }
}

/// The class table's one-line reason for a file as given: which checks fail (or warn).
pub fn reason(report: &Report) -> String {
    let named = |status: Status| -> Vec<&str> {
        report.checks.iter().filter(|c| c.status == status).map(|c| c.id.label()).collect()
    };
    let (fail, warn) = (named(Status::Fail), named(Status::Warn));
    if !fail.is_empty() {
        format!("{}不合格", fail.join("、"))
    } else if !warn.is_empty() {
        format!("{}需注意", warn.join("、"))
    } else {
        String::new()
    }
}

/// Checks the file as given; exports it unchanged when every check passes (or awaits a person's
/// confirmation), else fixes it and checks
/// the fixed file with the same rules (under its export name `<ID>.jpg`): a fixed file that still
/// fails names what the family must redo. Warnings and unconfirmed manual items do not hold a file
/// back; the teacher sees them in the report.
pub fn inspect(inspector: &dyn Inspector, kind: Kind, bytes: &[u8], file_name: &str, id: Option<&str>) -> SlotResult {
    let checked = inspector.check_seen(kind, bytes, file_name, id);
    inspect_checked(inspector, kind, bytes, file_name, id, checked)
}

/// [`inspect`] after the file's check, whose analysis the fix reuses.
pub fn inspect_checked(
    inspector: &dyn Inspector,
    kind: Kind,
    bytes: &[u8],
    file_name: &str,
    id: Option<&str>,
    checked: Checked,
) -> SlotResult {
    let Checked { report, marks, seen, analysed } = checked;
    drop(analysed); // only the decode in `seen` is needed from here
    let mut result = SlotResult {
        kind,
        file: Some(file_name.to_owned()),
        as_given: report.verdict.into(),
        report: None,
        marks,
        export: None,
        fixed: false,
        redo: None,
    };
    // Manual items (jewellery, headwear, collar) are for a person to confirm: no fix changes them,
    // so they alone do not make the file worth re-encoding.
    if report.checks.iter().all(|c| matches!(c.status, Status::Pass | Status::Manual)) {
        result.export = Some(bytes.to_vec());
    } else {
        match inspector.fix(kind, bytes, file_name, id, &seen) {
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
