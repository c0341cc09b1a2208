//! Readiness: one list of everything still outstanding across the photo, the document
//! image, the registration info and the password rehearsal, each pointing to the page where it is
//! fixed, and the overall status. Ready only when nothing blocks: every `fail` fixed, every
//! `manual` check confirmed (`Check::confirmed`), every step done. Warnings are listed but do not
//! block. Pure (tested natively); the page is `ui` (wasm only).

use crate::profile::Profile;
use crate::registration::Registration;
use crate::registration::message::{FieldMessage, Severity};
use crate::report::{CheckId, Kind, Report, Status};

pub mod html;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(test)]
mod tests;

/// Where a problem is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Photo,
    Document,
    Registration,
    Password,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Photo, Area::Document, Area::Registration, Area::Password];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Photo => "photo",
            Area::Document => "document",
            Area::Registration => "registration",
            Area::Password => "password",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Area::Photo => "考生照片",
            Area::Document => "证件照片",
            Area::Registration => "报名信息",
            Area::Password => "密码记忆练习",
        }
    }
    /// The route where it is fixed (see `app::route`).
    pub fn href(self) -> &'static str {
        match self {
            Area::Photo => "#/photo",
            Area::Document => "#/document",
            Area::Registration => "#/info",
            Area::Password => "#/password",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Worth a look; does not block.
    Warn,
    /// A person must look and confirm (an unconfirmed `manual` check, a step to do by hand).
    Manual,
    /// Not done yet (nothing checked or entered).
    Todo,
    /// Wrong: must be fixed.
    Fail,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warn => "warn",
            Level::Manual => "manual",
            Level::Todo => "todo",
            Level::Fail => "fail",
        }
    }
    pub fn blocks(self) -> bool {
        self != Level::Warn
    }
}

/// A step of the preparation that is not a check or a form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The photo or the document has not been checked yet.
    Checked,
    /// The file was checked under another profile.
    Profile,
    /// The document's upload name differs from the ID number entered.
    IdMatch,
    /// Nothing entered in the registration info yet.
    Entered,
    /// The password rehearsal has not been done.
    Rehearsal,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Checked => "checked",
            Step::Profile => "profile",
            Step::IdMatch => "id-match",
            Step::Entered => "entered",
            Step::Rehearsal => "rehearsal",
        }
    }
}

/// What an item is about (the page's `data-item`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemId {
    /// A check of the photo or the document.
    Check(CheckId),
    /// A registration field key ("guardians.0.phone").
    Field(String),
    Step(Step),
}

impl ItemId {
    pub fn as_str(&self) -> &str {
        match self {
            ItemId::Check(c) => c.as_str(),
            ItemId::Field(key) => key,
            ItemId::Step(s) => s.as_str(),
        }
    }
}

/// One outstanding problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub area: Area,
    pub level: Level,
    pub id: ItemId,
    pub text: String,
}

/// What the photo or document page last produced: the picked file's report and, when a fix was
/// made, the fixed file's report and name. The fixed file is the one to upload.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedFile {
    pub input: Report,
    pub input_name: String,
    pub fixed: Option<(Report, String)>,
}

impl CheckedFile {
    /// The report of the file to upload: the fixed file's checks, plus any check of the picked
    /// file that the fix did not re-run (e.g. content checks confirmed by the person).
    pub fn effective(&self) -> Report {
        let Some((fixed, _)) = &self.fixed else { return self.input.clone() };
        let mut checks = fixed.checks.clone();
        checks.extend(self.input.checks.iter().filter(|c| fixed.check(c.id).is_none()).cloned());
        Report::new(self.input.kind, &self.input.profile, checks)
    }

    /// The name of the file to upload.
    pub fn upload_name(&self) -> &str {
        self.fixed.as_ref().map_or(&self.input_name, |(_, name)| name)
    }
}

/// Everything the readiness list looks at.
pub struct Inputs<'a> {
    pub profile: &'a Profile,
    pub photo: Option<&'a CheckedFile>,
    pub document: Option<&'a CheckedFile>,
    pub registration: &'a Registration,
    /// `registration::validate` of `registration`.
    pub messages: &'a [FieldMessage],
    /// The password rehearsal ended with a match at least once (no password is kept for this).
    pub password_rehearsed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    /// In area order, blocking items of an area before its warnings.
    pub items: Vec<Item>,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        !self.items.iter().any(|i| i.level.blocks())
    }
    pub fn blocking(&self) -> usize {
        self.items.iter().filter(|i| i.level.blocks()).count()
    }
    /// True when nothing blocks in `area`.
    pub fn area_done(&self, area: Area) -> bool {
        !self.items.iter().any(|i| i.area == area && i.level.blocks())
    }
}

pub fn assess(inputs: &Inputs) -> Readiness {
    let mut items = Vec::new();
    file_items(Area::Photo, inputs.photo, inputs.profile, &mut items);
    file_items(Area::Document, inputs.document, inputs.profile, &mut items);
    if let (Some(doc), true) = (inputs.document, inputs.profile.document.name_by_id_number) {
        id_match(doc.upload_name(), &inputs.registration.id_number, &mut items);
    }
    registration_items(inputs.registration, inputs.messages, &mut items);
    if !inputs.password_rehearsed {
        items.push(Item {
            area: Area::Password,
            level: Level::Manual,
            id: ItemId::Step(Step::Rehearsal),
            text: "还没有做记忆练习：由考生本人设置密码，过一会儿凭记忆再输一遍，直到一致（本工具不保存密码）".into(),
        });
    }
    // Stable: keeps area order, puts blocking items first within an area.
    items.sort_by_key(|i| (Area::ALL.iter().position(|a| *a == i.area), std::cmp::Reverse(i.level.blocks())));
    Readiness { items }
}

fn file_items(area: Area, file: Option<&CheckedFile>, profile: &Profile, out: &mut Vec<Item>) {
    let item = |level, id, text: String| Item { area, level, id, text };
    let what = if area == Area::Photo { Kind::Photo.label() } else { Kind::Document.label() };
    let Some(file) = file else {
        out.push(item(
            Level::Todo,
            ItemId::Step(Step::Checked),
            format!("还没有检查{what}：选择文件检查，不合格的一键修复"),
        ));
        return;
    };
    let report = file.effective();
    if report.profile != profile.id {
        out.push(item(
            Level::Todo,
            ItemId::Step(Step::Profile),
            format!("{what}是按另一套规则（{}）检查的，请按当前规则重新检查", report.profile),
        ));
        return;
    }
    for c in &report.checks {
        match c.status {
            Status::Fail => {
                let hint = if file.fixed.is_none() { "（可在该页一键修复或重新拍摄）" } else { "" };
                out.push(item(Level::Fail, ItemId::Check(c.id), format!("{}{hint}", c.message)));
            }
            Status::Manual if !c.confirmed => {
                out.push(item(Level::Manual, ItemId::Check(c.id), format!("请看一看并确认：{}", c.message)));
            }
            Status::Warn => out.push(item(Level::Warn, ItemId::Check(c.id), c.message.clone())),
            _ => {}
        }
    }
}

/// The document must be named after the ID number entered in the registration info.
fn id_match(upload_name: &str, id_number: &str, out: &mut Vec<Item>) {
    let id = id_number.trim().to_ascii_uppercase();
    if id.is_empty() {
        return;
    }
    let stem = upload_name.rsplit_once('.').map_or(upload_name, |(stem, _)| stem).trim().to_ascii_uppercase();
    if stem != id {
        out.push(Item {
            area: Area::Document,
            level: Level::Fail,
            id: ItemId::Step(Step::IdMatch),
            text: format!(
                "要上传的文件名“{upload_name}”与报名信息中的身份证号 {id} 不一致：在证件照片页输入这个身份证号，再下载修复后的文件"
            ),
        });
    }
}

fn registration_items(reg: &Registration, messages: &[FieldMessage], out: &mut Vec<Item>) {
    if *reg == Registration::default() {
        out.push(Item {
            area: Area::Registration,
            level: Level::Todo,
            id: ItemId::Step(Step::Entered),
            text: "还没有填写报名信息：基本信息、监护人和学习简历".into(),
        });
        return;
    }
    for m in messages {
        let level = if m.severity == Severity::Error { Level::Fail } else { Level::Warn };
        out.push(Item {
            area: Area::Registration,
            level,
            id: ItemId::Field(m.field.as_dom_id(reg)),
            text: format!("{}：{}", m.field.label(reg), m.text),
        });
    }
}
