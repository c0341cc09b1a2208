//! Typed keys for the form's fields: what validation reports against, what the page remembers as
//! touched, what readiness lists. A guardian or history row is named by its [`RowId`], not by its
//! position, so removing a row leaves every other row's key as it was. Text is made from a key
//! only for the page and captions ([`FieldKey::as_dom_id`], [`FieldKey::label`]), never read back.

use super::model::Registration;
use std::sync::atomic::{AtomicU32, Ordering};

/// The identity of one guardian or history row while the page runs. Not saved or exported: a row
/// read from a file is a new row and gets a new id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowId(u32);

impl RowId {
    /// An id no other row of this run has.
    pub fn fresh() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        RowId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// Every new row (`Guardian::default()`, a row read from a file) is a new identity.
impl Default for RowId {
    fn default() -> Self {
        Self::fresh()
    }
}

/// The single fields of the basic information, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BasicField {
    Name,
    Sex,
    IdNumber,
    BirthDate,
    Ethnicity,
    HukouPlace,
    CurrentSchool,
    Grade,
    RegistrationPlace,
    Mobile,
}

impl BasicField {
    pub const ALL: [BasicField; 10] = [
        BasicField::Name,
        BasicField::Sex,
        BasicField::IdNumber,
        BasicField::BirthDate,
        BasicField::Ethnicity,
        BasicField::HukouPlace,
        BasicField::CurrentSchool,
        BasicField::Grade,
        BasicField::RegistrationPlace,
        BasicField::Mobile,
    ];

    /// The input's `name` (also the `Registration` field's name and the export file's key).
    pub fn as_str(self) -> &'static str {
        match self {
            BasicField::Name => "name",
            BasicField::Sex => "sex",
            BasicField::IdNumber => "id_number",
            BasicField::BirthDate => "birth_date",
            BasicField::Ethnicity => "ethnicity",
            BasicField::HukouPlace => "hukou_place",
            BasicField::CurrentSchool => "current_school",
            BasicField::Grade => "grade",
            BasicField::RegistrationPlace => "registration_place",
            BasicField::Mobile => "mobile",
        }
    }

    /// The caption on the confirmation form and in the readiness list.
    pub fn label(self) -> &'static str {
        match self {
            BasicField::Name => "姓名",
            BasicField::Sex => "性别",
            BasicField::IdNumber => "身份证号",
            BasicField::BirthDate => "出生日期",
            BasicField::Ethnicity => "民族",
            BasicField::HukouPlace => "户籍所在地",
            BasicField::CurrentSchool => "现就读学校",
            BasicField::Grade => "年级",
            BasicField::RegistrationPlace => "报考地",
            BasicField::Mobile => "考生手机号",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuardianField {
    Name,
    Relation,
    Phone,
}

impl GuardianField {
    pub const ALL: [GuardianField; 3] = [GuardianField::Name, GuardianField::Relation, GuardianField::Phone];

    pub fn as_str(self) -> &'static str {
        match self {
            GuardianField::Name => "name",
            GuardianField::Relation => "relation",
            GuardianField::Phone => "phone",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            GuardianField::Name => "姓名",
            GuardianField::Relation => "与考生关系",
            GuardianField::Phone => "手机号",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HistoryField {
    From,
    To,
    School,
    Role,
    Reference,
}

impl HistoryField {
    pub const ALL: [HistoryField; 5] =
        [HistoryField::From, HistoryField::To, HistoryField::School, HistoryField::Role, HistoryField::Reference];

    pub fn as_str(self) -> &'static str {
        match self {
            HistoryField::From => "from",
            HistoryField::To => "to",
            HistoryField::School => "school",
            HistoryField::Role => "role",
            HistoryField::Reference => "reference",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            HistoryField::From => "起始年月",
            HistoryField::To => "结束年月",
            HistoryField::School => "学校",
            HistoryField::Role => "任何职",
            HistoryField::Reference => "证明人",
        }
    }
}

/// One field of the form, or one of its two lists as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKey {
    Basic(BasicField),
    /// The guardian list as a whole (e.g. "at least one guardian").
    Guardians,
    Guardian {
        row: RowId,
        field: GuardianField,
    },
    /// The study history as a whole.
    History,
    HistoryRow {
        row: RowId,
        field: HistoryField,
    },
}

impl From<BasicField> for FieldKey {
    fn from(field: BasicField) -> Self {
        FieldKey::Basic(field)
    }
}

impl FieldKey {
    /// The control's `name` and its message's `data-error-for` on the page, and the readiness
    /// item's `data-item`: "id_number", "guardians", "guardians.0.phone" (a row by its current
    /// position in `form`; a row no longer in `form` gets "-" for its position).
    pub fn as_dom_id(self, form: &Registration) -> String {
        match self {
            FieldKey::Basic(f) => f.as_str().to_owned(),
            FieldKey::Guardians => "guardians".to_owned(),
            FieldKey::History => "history".to_owned(),
            FieldKey::Guardian { row, field } => {
                format!("guardians.{}.{}", position(guardian_ids(form), row, 0), field.as_str())
            }
            FieldKey::HistoryRow { row, field } => {
                format!("history.{}.{}", position(history_ids(form), row, 0), field.as_str())
            }
        }
    }

    /// The caption in the readiness list: "身份证号", "监护人 2 与考生关系", "学习简历第 1 行结束年月".
    pub fn label(self, form: &Registration) -> String {
        match self {
            FieldKey::Basic(f) => f.label().to_owned(),
            FieldKey::Guardians => "监护人".to_owned(),
            FieldKey::History => "学习简历".to_owned(),
            FieldKey::Guardian { row, field } => {
                format!("监护人 {} {}", position(guardian_ids(form), row, 1), field.label())
            }
            FieldKey::HistoryRow { row, field } => {
                format!("学习简历第 {} 行{}", position(history_ids(form), row, 1), field.label())
            }
        }
    }
}

fn guardian_ids(form: &Registration) -> impl Iterator<Item = RowId> + '_ {
    form.guardians.iter().map(|g| g.id)
}

fn history_ids(form: &Registration) -> impl Iterator<Item = RowId> + '_ {
    form.history.iter().map(|h| h.id)
}

/// The row's position counted from `first`, or "-" when the row is not there.
fn position(mut ids: impl Iterator<Item = RowId>, row: RowId, first: usize) -> String {
    ids.position(|id| id == row).map_or_else(|| "-".to_owned(), |i| (i + first).to_string())
}
