//! The registration form as the family typed it. Every field is kept as text (or a code as text)
//! so that whatever is on screen survives export, import and local saving exactly, even when it
//! is still wrong; `validate` interprets it.

use super::key::{BasicField, FieldKey, GuardianField, HistoryField, RowId};
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

#[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Guardian {
    /// Which row this is while the page runs: its messages and touched state follow it when a row
    /// above it is removed. Not part of its content: not saved, not compared.
    #[serde(skip)]
    pub id: RowId,
    pub name: String,
    /// One of `GUARDIAN_RELATIONS`.
    pub relation: String,
    pub phone: String,
}

#[derive(Debug, Clone, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryRow {
    /// See `Guardian::id`.
    #[serde(skip)]
    pub id: RowId,
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

// Rows are equal when their content is: the id is who the row is, not what it says (an imported
// form equals the exported one). Destructured so that a new field cannot be forgotten here.
impl PartialEq for Guardian {
    fn eq(&self, other: &Self) -> bool {
        let Guardian { id: _, name, relation, phone } = self;
        (name, relation, phone) == (&other.name, &other.relation, &other.phone)
    }
}

impl PartialEq for HistoryRow {
    fn eq(&self, other: &Self) -> bool {
        let HistoryRow { id: _, from, to, school, role, reference } = self;
        (from, to, school, role, reference) == (&other.from, &other.to, &other.school, &other.role, &other.reference)
    }
}

impl Registration {
    /// The text of a single field; `None` for a list as a whole or a row that is gone.
    pub fn text(&self, key: FieldKey) -> Option<&str> {
        let text = match key {
            FieldKey::Basic(field) => self.basic(field),
            FieldKey::Guardian { row, field } => self.guardians.iter().find(|g| g.id == row).map(|g| g.field(field))?,
            FieldKey::HistoryRow { row, field } => self.history.iter().find(|h| h.id == row).map(|h| h.field(field))?,
            FieldKey::Guardians | FieldKey::History => return None,
        };
        Some(text)
    }

    /// The text of a single field, to change it; `None` for a list as a whole or a row that is gone.
    pub fn text_mut(&mut self, key: FieldKey) -> Option<&mut String> {
        match key {
            FieldKey::Basic(field) => Some(self.basic_mut(field)),
            FieldKey::Guardian { row, field } => {
                self.guardians.iter_mut().find(|g| g.id == row).map(|g| g.field_mut(field))
            }
            FieldKey::HistoryRow { row, field } => {
                self.history.iter_mut().find(|h| h.id == row).map(|h| h.field_mut(field))
            }
            FieldKey::Guardians | FieldKey::History => None,
        }
    }

    fn basic(&self, field: BasicField) -> &str {
        match field {
            BasicField::Name => &self.name,
            BasicField::Sex => &self.sex,
            BasicField::IdNumber => &self.id_number,
            BasicField::BirthDate => &self.birth_date,
            BasicField::Ethnicity => &self.ethnicity,
            BasicField::HukouPlace => &self.hukou_place,
            BasicField::CurrentSchool => &self.current_school,
            BasicField::Grade => &self.grade,
            BasicField::RegistrationPlace => &self.registration_place,
            BasicField::Mobile => &self.mobile,
        }
    }

    fn basic_mut(&mut self, field: BasicField) -> &mut String {
        match field {
            BasicField::Name => &mut self.name,
            BasicField::Sex => &mut self.sex,
            BasicField::IdNumber => &mut self.id_number,
            BasicField::BirthDate => &mut self.birth_date,
            BasicField::Ethnicity => &mut self.ethnicity,
            BasicField::HukouPlace => &mut self.hukou_place,
            BasicField::CurrentSchool => &mut self.current_school,
            BasicField::Grade => &mut self.grade,
            BasicField::RegistrationPlace => &mut self.registration_place,
            BasicField::Mobile => &mut self.mobile,
        }
    }

    /// Removes the guardian row `row`; nothing when it is already gone (a double tap).
    pub fn remove_guardian(&mut self, row: RowId) {
        self.guardians.retain(|g| g.id != row);
    }

    /// Removes the history row `row`; nothing when it is already gone.
    pub fn remove_history(&mut self, row: RowId) {
        self.history.retain(|h| h.id != row);
    }
}

impl Guardian {
    fn field(&self, field: GuardianField) -> &str {
        match field {
            GuardianField::Name => &self.name,
            GuardianField::Relation => &self.relation,
            GuardianField::Phone => &self.phone,
        }
    }
    fn field_mut(&mut self, field: GuardianField) -> &mut String {
        match field {
            GuardianField::Name => &mut self.name,
            GuardianField::Relation => &mut self.relation,
            GuardianField::Phone => &mut self.phone,
        }
    }
}

impl HistoryRow {
    fn field(&self, field: HistoryField) -> &str {
        match field {
            HistoryField::From => &self.from,
            HistoryField::To => &self.to,
            HistoryField::School => &self.school,
            HistoryField::Role => &self.role,
            HistoryField::Reference => &self.reference,
        }
    }
    fn field_mut(&mut self, field: HistoryField) -> &mut String {
        match field {
            HistoryField::From => &mut self.from,
            HistoryField::To => &mut self.to,
            HistoryField::School => &mut self.school,
            HistoryField::Role => &mut self.role,
            HistoryField::Reference => &mut self.reference,
        }
    }
}
