//! The confirmation form: a pre-filled A4 "报名信息确认表（自查用）" that the candidate and
//! a guardian check against the ID card and the photo and then sign. Pure here (what goes where,
//! what is missing; tested natively); the page and its print view are `ui` (wasm only).
//!
//! A value the family has not entered is `None`: the page draws it as an obvious blank to fill in
//! by hand, never as text that could be mistaken for data. Nothing of the password is on the form
//! (the registration model has no password field).

use crate::identity::{Date, Sex};
use crate::profile::Profile;
use crate::registration::ethnicity::lookup;
use crate::registration::model::REGISTRATION_PLACES;
use crate::registration::{BasicField, Registration};

pub mod sheet;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(test)]
mod tests;

pub const TITLE: &str = "报名信息确认表（自查用）";
/// Printed at the top and the bottom of every copy.
pub const REHEARSAL_MARK: &str = "演练用，非正式报名表";

/// The consistency checklist of the notice: each gets a tick box on the form.
pub const CHECKLIST: [&str; 7] = [
    "姓名与身份证一致（含生僻字、同音字）",
    "性别与身份证一致",
    "身份证号与身份证逐位一致（末位 X 为大写）",
    "出生日期与身份证一致",
    "民族与身份证一致",
    "照片是考生本人近期正面免冠彩色照片",
    "户籍所在地、就读学校、监护人和学习简历与实际相符",
];

/// Blank history rows printed when none were entered, to write the history by hand.
pub const BLANK_HISTORY_ROWS: usize = 3;

/// One captioned value; `None` is a blank to fill in by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuardianLine {
    pub name: Option<String>,
    pub relation: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryLine {
    pub from: Option<String>,
    pub to: Option<String>,
    pub school: Option<String>,
    /// 任何职: optional, so an empty one is not "missing".
    pub role: Option<String>,
    pub reference: Option<String>,
}

/// Everything printed on the form, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmationForm {
    pub basic: Vec<Line>,
    /// At least one line (blank when no guardian was entered).
    pub guardians: Vec<GuardianLine>,
    /// At least one line; `BLANK_HISTORY_ROWS` blank lines when no history was entered.
    pub history: Vec<HistoryLine>,
    /// "河南省 2024 年中招（henan-2024）"
    pub profile: String,
    /// "2024年3月15日"
    pub made_on: String,
    /// Captions of everything that must be filled in by hand, in form order ("照片", "民族", …).
    pub missing: Vec<String>,
}

impl ConfirmationForm {
    pub fn value(&self, key: &str) -> Option<&str> {
        self.basic.iter().find(|l| l.key == key).and_then(|l| l.value.as_deref())
    }
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Builds the form from what was entered. `has_photo`: a photo that can go on the form exists.
pub fn build(reg: &Registration, profile: &Profile, made_on: Date, has_photo: bool) -> ConfirmationForm {
    let mut missing = Vec::new();
    if !has_photo {
        missing.push("照片".to_owned());
    }
    let basic: Vec<Line> = BasicField::ALL
        .iter()
        .map(|&field| {
            let value = basic_value(reg, field);
            if value.is_none() {
                missing.push(field.label().to_owned());
            }
            Line { key: field.as_str(), label: field.label(), value }
        })
        .collect();

    let mut guardians: Vec<GuardianLine> = reg
        .guardians
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let line = GuardianLine { name: text(&g.name), relation: text(&g.relation), phone: text(&g.phone) };
            let parts = [("姓名", &line.name), ("与考生关系", &line.relation), ("手机号", &line.phone)];
            note_blanks(&mut missing, &format!("监护人 {} ", i + 1), &parts);
            line
        })
        .collect();
    if guardians.is_empty() {
        missing.push("监护人".to_owned());
        guardians.push(GuardianLine::default());
    }

    let mut history: Vec<HistoryLine> = reg
        .history
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let line = HistoryLine {
                from: text(&h.from),
                to: text(&h.to),
                school: text(&h.school),
                role: text(&h.role),
                reference: text(&h.reference),
            };
            let parts =
                [("起始年月", &line.from), ("结束年月", &line.to), ("学校", &line.school), ("证明人", &line.reference)];
            note_blanks(&mut missing, &format!("学习简历第 {} 行", i + 1), &parts);
            line
        })
        .collect();
    if history.is_empty() {
        missing.push("学习简历".to_owned());
        history = vec![HistoryLine::default(); BLANK_HISTORY_ROWS];
    }

    ConfirmationForm {
        basic,
        guardians,
        history,
        profile: format!("{}（{}）", profile.name, profile.id),
        made_on: format!("{}年{}月{}日", made_on.year, made_on.month, made_on.day),
        missing,
    }
}

fn note_blanks(missing: &mut Vec<String>, prefix: &str, parts: &[(&str, &Option<String>)]) {
    for (label, value) in parts {
        if value.is_none() {
            missing.push(format!("{prefix}{label}"));
        }
    }
}

/// Trimmed text, `None` when empty.
fn text(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The printed value of a basic field: codes become their Chinese names; an empty or unknown code is blank.
fn basic_value(reg: &Registration, field: BasicField) -> Option<String> {
    let label = |s: &str| Some(s.to_owned());
    match field {
        BasicField::Name => text(&reg.name),
        BasicField::Sex => Sex::from_code(reg.sex.trim()).and_then(|s| label(s.label())),
        BasicField::IdNumber => text(&reg.id_number),
        BasicField::BirthDate => text(&reg.birth_date),
        BasicField::Ethnicity => lookup(&reg.ethnicity).ok().and_then(|e| label(e.name)),
        BasicField::HukouPlace => text(&reg.hukou_place),
        BasicField::CurrentSchool => text(&reg.current_school),
        BasicField::Grade => match reg.grade.trim() {
            "8" => label("八年级"),
            "9" => label("九年级"),
            _ => None,
        },
        BasicField::RegistrationPlace => REGISTRATION_PLACES
            .iter()
            .find(|(code, _)| *code == reg.registration_place.trim())
            .and_then(|(_, name)| label(name)),
        BasicField::Mobile => text(&reg.mobile),
    }
}
