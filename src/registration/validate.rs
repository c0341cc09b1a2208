//! Runs every rule over the form and returns per-field messages. Pure: `today` is passed in.

use super::birth::{check_birth_and_sex, primary_entry};
use super::ethnicity::lookup;
use super::history::check_history;
use super::key::{BasicField, FieldKey, GuardianField};
use super::message::{FieldMessage, Messages};
use super::mobile::check_mobile;
use super::model::{GUARDIAN_RELATIONS, REGISTRATION_PLACES, Registration};
use super::month::YearMonth;
use super::name::check_name;
use crate::identity::{Date, parse_id};
use crate::profile::Profile;

/// All messages for `form`, in form order. An empty list means ready to copy onto the platform.
pub fn validate(form: &Registration, profile: &Profile, today: Date) -> Vec<FieldMessage> {
    let mut out = Messages::default();
    if let Err(m) = check_name(&form.name, "姓名") {
        out.error(BasicField::Name, m);
    }
    let id = check_id_number(&form.id_number, &mut out);
    check_birth_and_sex(form, id.as_ref(), profile.year, today, &mut out);
    if let Err(m) = lookup(&form.ethnicity) {
        out.error(BasicField::Ethnicity, m);
    }
    require(&form.hukou_place, BasicField::HukouPlace, "请填写户籍所在地，如“河南省洛阳市偃师区”", &mut out);
    require(&form.current_school, BasicField::CurrentSchool, "请填写现就读学校的全称（不要简写）", &mut out);
    let grade = match form.grade.trim() {
        "8" => Some(8),
        "9" => Some(9),
        _ => {
            out.error(BasicField::Grade, "请选择年级：八年级或九年级");
            None
        }
    };
    if !REGISTRATION_PLACES.iter().any(|(code, _)| *code == form.registration_place.trim()) {
        out.error(BasicField::RegistrationPlace, "请选择报考地：在就读学校所在地报考，或回户籍所在地报考");
    }
    mobile(BasicField::Mobile.into(), &form.mobile, "手机号", &mut out);
    check_guardians(form, &mut out);
    let this_month = YearMonth { year: today.year, month: today.month };
    check_history(&form.history, this_month, grade.map(|g| primary_entry(profile.year, g)), &mut out);
    out.0
}

fn check_id_number(text: &str, out: &mut Messages) -> Option<crate::identity::IdInfo> {
    if text.trim().is_empty() {
        out.error(BasicField::IdNumber, "请填写身份证号（18 位，最后一位可能是大写 X）");
        return None;
    }
    match parse_id(text) {
        Ok(info) => {
            for note in info.notes() {
                out.warning(BasicField::IdNumber, note);
            }
            Some(info)
        }
        Err(e) => {
            out.error(BasicField::IdNumber, e.message());
            None
        }
    }
}

fn require(value: &str, field: BasicField, text: &str, out: &mut Messages) {
    if value.trim().chars().count() < 2 {
        out.error(field, text);
    }
}

fn mobile(field: FieldKey, value: &str, what: &str, out: &mut Messages) {
    match check_mobile(value, what) {
        Err(m) => out.error(field, m),
        Ok(Some(w)) => out.warning(field, w),
        Ok(None) => {}
    }
}

fn check_guardians(form: &Registration, out: &mut Messages) {
    if form.guardians.is_empty() {
        out.error(FieldKey::Guardians, "请至少填写一位监护人（报名登记表要由监护人签字）");
    }
    for g in &form.guardians {
        let key = |field| FieldKey::Guardian { row: g.id, field };
        if let Err(m) = check_name(&g.name, "监护人姓名") {
            out.error(key(GuardianField::Name), m);
        }
        if !GUARDIAN_RELATIONS.contains(&g.relation.trim()) {
            out.error(key(GuardianField::Relation), "请选择监护人与考生的关系");
        }
        mobile(key(GuardianField::Phone), &g.phone, "监护人手机号", out);
    }
}
