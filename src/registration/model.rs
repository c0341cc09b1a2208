//! The registration form as the family typed it. Every field is kept as text (or a code as text)
//! so that whatever is on screen survives export, import and local saving exactly, even when it
//! is still wrong; `validate` interprets it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Registration {
    /// 姓名, as on the ID card.
    pub name: String,
    /// "male" | "female" | "" (see `identity::Sex::from_code`).
    pub sex: String,
    pub id_number: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// GB/T 3304 code, e.g. "01" for 汉族 (see `ethnicity`).
    pub ethnicity: String,
    /// 户籍所在地.
    pub hukou_place: String,
    /// 现就读学校 (full name).
    pub current_school: String,
    /// "8" | "9" | "".
    pub grade: String,
    /// 报考地: "school" (where the pupil studies) | "hukou" (back at the household registration).
    pub registration_place: String,
    pub mobile: String,
    pub guardians: Vec<Guardian>,
    /// 学习简历, newest first.
    pub history: Vec<HistoryRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Guardian {
    pub name: String,
    /// One of `GUARDIAN_RELATIONS`.
    pub relation: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryRow {
    /// `YYYY.MM`
    pub from: String,
    /// `YYYY.MM`, or `至今` on the newest row.
    pub to: String,
    pub school: String,
    /// 任何职 (optional).
    pub role: String,
    /// 证明人, usually the class teacher.
    pub reference: String,
}

/// Choices offered for a guardian's relation to the pupil.
pub const GUARDIAN_RELATIONS: [&str; 7] = ["父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "其他监护人"];

/// Choices for `Registration::registration_place`: (code, label).
pub const REGISTRATION_PLACES: [(&str, &str); 2] = [("school", "在就读学校所在地报考"), ("hukou", "回户籍所在地报考")];

/// The field keys used for messages and as the `name` attribute of the inputs: "guardians.0.phone".
pub fn guardian_key(index: usize, field: &str) -> String {
    format!("guardians.{index}.{field}")
}

/// "history.1.to"
pub fn history_key(index: usize, field: &str) -> String {
    format!("history.{index}.{field}")
}
