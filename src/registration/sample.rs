//! A made-up student for classroom demos (示例数据). Her ID number is valid in form but invented:
//! a real address code (410381, Luoyang's retired 偃师市, to show retired codes are accepted), a
//! birth date derived from the profile year, a sequence number chosen here, and a computed check
//! character. Everything else agrees with it: sex, birth date, grade, history and window.

use super::model::{Guardian, HistoryRow, Registration};
use crate::identity::{Date, compose_id};
use crate::profile::Profile;

/// Shown next to the form whenever the demo student is loaded.
pub const SAMPLE_LABEL: &str = "示例数据";

/// Grade 9, registering where she studies; born in May of `year - 15`, plausibly a grade-9 pupil.
pub fn sample_registration(profile: &Profile) -> Registration {
    let year = profile.year;
    let birth = Date::new(year.saturating_sub(15), 5, 12).unwrap_or(Date { year: 2009, month: 5, day: 12 });
    // Sequence 998: the 17th digit 8 is even, so the holder is female.
    let id_number = compose_id("410381", birth, "998").unwrap_or_default();
    let month = |y: u16, m: u8| format!("{y:04}.{m:02}");
    let junior_entry = year.saturating_sub(3);
    Registration {
        name: "林示例".into(),
        sex: "female".into(),
        id_number,
        birth_date: birth.to_string(),
        ethnicity: "01".into(),
        hukou_place: "河南省洛阳市偃师区（示例）".into(),
        current_school: "洛阳市偃师区示例初级中学".into(),
        grade: "9".into(),
        registration_place: "school".into(),
        mobile: "13800000000".into(),
        guardians: vec![Guardian {
            name: "林示范".into(),
            relation: "母亲".into(),
            phone: "13900000000".into(),
            ..Guardian::default()
        }],
        history: vec![
            HistoryRow {
                from: month(junior_entry, 9),
                to: super::history::UNTIL_NOW.into(),
                school: "洛阳市偃师区示例初级中学".into(),
                role: "学习委员".into(),
                reference: "王示例".into(),
                ..HistoryRow::default()
            },
            HistoryRow {
                from: month(year.saturating_sub(9), 9),
                to: month(junior_entry, 8),
                school: "洛阳市偃师区示例小学".into(),
                reference: "赵示例".into(),
                ..HistoryRow::default()
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{Sex, parse_id};
    use crate::profile::all;
    use crate::registration::{validate, window::my_window};

    #[test]
    fn sample_is_valid_and_consistent_for_every_profile() {
        for profile in all() {
            let form = sample_registration(profile);
            let info = parse_id(&form.id_number).map_err(|e| e.message());
            assert_eq!(info.as_ref().map(|i| (i.sex, i.birth.to_string())), Ok((Sex::Female, form.birth_date.clone())));
            assert_eq!(info.map(|i| i.notes()), Ok(vec![]));
            // Validated in the middle of the exam year's spring: nothing to complain about.
            let today = Date::new(profile.year, 3, 15).unwrap_or(Date { year: 2024, month: 3, day: 15 });
            assert_eq!(validate(&form, profile, today), vec![], "{}", profile.id);
        }
    }

    #[test]
    fn sample_has_a_window_in_henan_2024() {
        let p = crate::profile::by_id("henan-2024");
        let now = crate::profile::LocalDateTime::parse("2024-03-15T10:00");
        let w = p.zip(now).and_then(|(p, now)| {
            my_window(p, 9, crate::profile::Place::from_code(&sample_registration(p).registration_place), now)
        });
        assert_eq!(w.map(|w| (w.window.id.as_str(), w.state.as_str())), Some(("grade9-school", "open")));
    }
}
