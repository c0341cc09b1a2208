//! Birth date and sex: plausible for the grade, and in agreement with the ID number (the notice
//! requires name, sex, ID number, birth date and ethnicity to match the ID card).

use super::key::BasicField;
use super::message::Messages;
use super::model::Registration;
use crate::identity::{Date, IdInfo, Sex, parse_id};
use std::ops::RangeInclusive;

/// Birth years that are plausible for a pupil in `grade` in the spring of `exam_year`.
///
/// The pupil entered primary school in autumn of `exam_year - grade` (grade 9 in spring 2024 →
/// autumn 2015), normally aged 6, i.e. born between September of `entry - 7` and August of
/// `entry - 6`. The range allows late entry or a repeated year on the old side no further than
/// that first cohort year, and early entry or skipped grades up to three years on the young side,
/// which gives the domain notes' 2008–2012 for grade 9 in 2024. Outside it is a warning only.
pub fn plausible_birth_years(exam_year: u16, grade: u8) -> RangeInclusive<u16> {
    let entry = exam_year.saturating_sub(u16::from(grade));
    entry.saturating_sub(7)..=entry.saturating_sub(3)
}

/// The primary-school entry month implied by the grade: September of `exam_year - grade`.
pub fn primary_entry(exam_year: u16, grade: u8) -> super::month::YearMonth {
    super::month::YearMonth { year: exam_year.saturating_sub(u16::from(grade)), month: 9 }
}

/// Validates `birth_date` and `sex`. `id` is the parsed ID number when it is valid.
pub fn check_birth_and_sex(form: &Registration, id: Option<&IdInfo>, exam_year: u16, today: Date, out: &mut Messages) {
    let grade = form.grade.trim().parse::<u8>().ok().filter(|g| matches!(g, 8 | 9));
    match form.birth_date.trim() {
        "" => out.error(BasicField::BirthDate, fill_hint("请填写出生日期", id)),
        text => match Date::parse_iso(text) {
            None => out.error(BasicField::BirthDate, format!("“{text}”不是真实存在的日期，请按 2009-05-12 的格式填写")),
            Some(birth) => {
                if let Some(info) = id
                    && info.birth != birth
                {
                    out.error(
                        BasicField::BirthDate,
                        format!(
                            "出生日期与身份证号不一致：身份证号上是 {}，请核对，或点“按身份证号填写出生日期和性别”",
                            info.birth
                        ),
                    );
                } else if birth >= today {
                    out.error(BasicField::BirthDate, format!("出生日期 {birth} 不早于今天，请核对年份"));
                } else if let Some(grade) = grade {
                    let years = plausible_birth_years(exam_year, grade);
                    if !years.contains(&birth.year) {
                        out.warning(
                            BasicField::BirthDate,
                            format!(
                                "{exam_year} 年{grade}年级学生一般出生在 {}–{} 年，这里是 {} 年，请核对是否输错年份",
                                years.start(),
                                years.end(),
                                birth.year
                            ),
                        );
                    }
                }
            }
        },
    }
    match (Sex::from_code(form.sex.trim()), id) {
        (None, _) => out.error(BasicField::Sex, fill_hint("请选择性别", id)),
        (Some(sex), Some(info)) if sex != info.sex => out.error(
            BasicField::Sex,
            format!("性别与身份证号不一致：身份证号第 17 位表示“{}”，请核对", info.sex.label()),
        ),
        _ => {}
    }
}

fn fill_hint(what: &str, id: Option<&IdInfo>) -> String {
    if id.is_some() {
        format!("{what}，可点“按身份证号填写出生日期和性别”")
    } else {
        format!("{what}，与身份证上的一致")
    }
}

/// The "fill from ID" button: birth date and sex taken from the ID number. `Err` says why not.
pub fn fill_from_id(form: &Registration) -> Result<Registration, String> {
    let info = parse_id(&form.id_number).map_err(|e| format!("请先把身份证号填对：{}", e.message()))?;
    Ok(Registration { birth_date: info.birth.to_string(), sex: info.sex.as_str().to_string(), ..form.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::compose_id;
    use crate::registration::message::Severity;

    use crate::identity::date::test_date as date;
    fn form(id_birth: &str, seq: &str, birth: &str, sex: &str, grade: &str) -> Registration {
        Registration {
            id_number: compose_id("410381", date(id_birth), seq).unwrap_or_default(),
            birth_date: birth.into(),
            sex: sex.into(),
            grade: grade.into(),
            ..Registration::default()
        }
    }
    fn run(f: &Registration) -> Vec<(String, Severity)> {
        let mut out = Messages::default();
        let id = parse_id(&f.id_number).ok();
        check_birth_and_sex(f, id.as_ref(), 2024, date("2024-03-10"), &mut out);
        out.0.into_iter().map(|m| (m.field.as_dom_id(f), m.severity)).collect()
    }

    #[test]
    fn plausible_years_follow_year_and_grade() {
        assert_eq!(plausible_birth_years(2024, 9), 2008..=2012);
        assert_eq!(plausible_birth_years(2024, 8), 2009..=2013);
        assert_eq!(plausible_birth_years(2026, 9), 2010..=2014);
        assert_eq!(primary_entry(2024, 9).to_string(), "2015.09");
    }

    #[test]
    fn agreement_with_the_id() {
        assert_eq!(run(&form("2009-05-12", "021", "2009-05-12", "male", "9")), vec![]);
        assert_eq!(
            run(&form("2009-05-12", "021", "2009-05-13", "male", "9")),
            vec![("birth_date".into(), Severity::Error)]
        );
        assert_eq!(run(&form("2009-05-12", "021", "2009-05-12", "female", "9")), vec![("sex".into(), Severity::Error)]);
        assert_eq!(run(&form("2009-05-12", "020", "2009-05-12", "female", "9")), vec![]);
    }

    #[test]
    fn leap_days_and_plausibility() {
        assert_eq!(run(&form("2012-02-29", "021", "2012-02-29", "male", "8")), vec![]);
        assert_eq!(
            run(&form("2012-02-29", "021", "2011-02-29", "male", "8")),
            vec![("birth_date".into(), Severity::Error)]
        );
        // An old pupil: warned, not blocked.
        assert_eq!(
            run(&form("2006-01-01", "021", "2006-01-01", "male", "9")),
            vec![("birth_date".into(), Severity::Warning)]
        );
        // Plausible for grade 8, not for grade 9.
        assert_eq!(run(&form("2013-01-01", "021", "2013-01-01", "male", "8")), vec![]);
        assert_eq!(
            run(&form("2013-01-01", "021", "2013-01-01", "male", "9")),
            vec![("birth_date".into(), Severity::Warning)]
        );
        assert_eq!(run(&form("2009-05-12", "021", "", "", "9")).len(), 2);
        let mut future = form("2009-05-12", "021", "2025-01-01", "male", "9");
        future.id_number.clear();
        assert_eq!(run(&future), vec![("birth_date".into(), Severity::Error)]);
    }

    #[test]
    fn fill_from_the_id() {
        let f = form("2012-02-29", "020", "", "", "8");
        let filled = fill_from_id(&f).map(|r| (r.birth_date, r.sex, r.id_number == f.id_number));
        assert_eq!(filled, Ok(("2012-02-29".into(), "female".into(), true)));
        let mut broken = f.clone();
        broken.id_number.push('1');
        assert!(fill_from_id(&broken).is_err_and(|m| m.contains("19 位")));
    }
}
