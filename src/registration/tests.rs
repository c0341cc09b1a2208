//! Whole-form tests: messages land on the right field keys with the right severity.

use super::*;
use crate::identity::{Date, compose_id};
use crate::profile::{Profile, by_id, default_profile};

fn henan() -> &'static Profile {
    by_id("henan-2024").unwrap_or_else(default_profile)
}
fn today() -> Date {
    Date::new(2024, 3, 15).unwrap_or(Date { year: 2024, month: 3, day: 15 })
}
fn good() -> Registration {
    sample_registration(henan())
}
/// The messages' fields as the page names them ("guardians.0.phone"), with their severity.
fn keys(form: &Registration) -> Vec<(String, &'static str)> {
    validate(form, henan(), today()).into_iter().map(|m| (m.field.as_dom_id(form), m.severity.as_str())).collect()
}
fn one(field: &str, severity: &'static str) -> Vec<(String, &'static str)> {
    vec![(field.to_string(), severity)]
}

#[test]
fn empty_form_reports_every_required_field() {
    let got: Vec<String> = keys(&Registration::default()).into_iter().map(|(f, _)| f).collect();
    for field in [
        "name",
        "id_number",
        "birth_date",
        "sex",
        "ethnicity",
        "hukou_place",
        "current_school",
        "grade",
        "registration_place",
        "mobile",
        "guardians",
        "history",
    ] {
        assert!(got.iter().any(|f| f == field), "{field} missing from {got:?}");
    }
}

#[test]
fn id_number_messages() {
    let mut f = good();
    f.id_number = f.id_number.replace('X', "x");
    if f.id_number == good().id_number {
        // The sample has a digit check character: break it instead.
        f.id_number.pop();
        f.id_number.push(if good().id_number.ends_with('1') { '2' } else { '1' });
    }
    assert_eq!(keys(&f), one("id_number", "error"));
    // An unknown county code only warns, but the ID's birth date still drives the comparison.
    let birth = Date::parse_iso(&good().birth_date).unwrap_or(today());
    f.id_number = compose_id("419999", birth, "998").unwrap_or_default();
    assert_eq!(keys(&f), one("id_number", "warning"));
    f.id_number = compose_id("830000", birth, "998").unwrap_or_default();
    assert_eq!(keys(&f), one("id_number", "warning"));
    // Luoyang's retired codes are fine.
    for code in ["410381", "410322", "410306"] {
        f.id_number = compose_id(code, birth, "998").unwrap_or_default();
        assert_eq!(keys(&f), vec![], "{code}");
    }
}

#[test]
fn id_and_typed_data_must_agree() {
    let mut f = good();
    f.sex = "male".into();
    assert_eq!(keys(&f), one("sex", "error"));
    let fixed = fill_from_id(&f).unwrap_or_default();
    assert_eq!(keys(&fixed), vec![]);
    f.birth_date = "2009-05-13".into();
    assert_eq!(fill_from_id(&f).map(|r| r.birth_date), Ok(good().birth_date));
}

#[test]
fn guardian_and_history_keys() {
    let mut f = good();
    f.guardians.push(Guardian {
        name: "林 示".into(),
        relation: "邻居".into(),
        phone: "+86 139-0000-00".into(),
        ..Guardian::default()
    });
    assert_eq!(
        keys(&f),
        vec![
            ("guardians.1.name".into(), "error"),
            ("guardians.1.relation".into(), "error"),
            ("guardians.1.phone".into(), "error")
        ]
    );
    let mut f = good();
    f.guardians[0].phone = "140 0000 0000".into();
    assert_eq!(keys(&f), one("guardians.0.phone", "warning"));
    let mut f = good();
    f.history[1].to = "2021.06".into();
    assert_eq!(keys(&f), one("history.0.from", "error"));
    f.guardians.clear();
    assert!(keys(&f).contains(&("guardians".into(), "error")));
}

#[test]
fn removing_a_row_keeps_every_other_rows_touched_state_and_messages() {
    let mut f = good();
    f.guardians[0].phone = "123".into();
    let (name, relation) = (f.guardians[0].name.clone(), f.guardians[0].relation.clone());
    f.guardians.push(Guardian { name, relation, ..Guardian::default() });
    let (first, second) = (f.guardians[0].id, f.guardians[1].id);
    let phone = |row| FieldKey::Guardian { row, field: GuardianField::Phone };
    // The family edited the second guardian's phone only.
    let mut touched = Touched::default();
    assert!(touched.touch(phone(second)));
    assert!(!touched.touch(phone(second)), "touching twice changes nothing");
    let texts = |form: &Registration, key| -> Vec<String> {
        let all = validate(form, henan(), today());
        touched.shown(&all, key, false).into_iter().map(|m| m.text.clone()).collect()
    };
    let second_before = texts(&f, phone(second));
    assert_eq!(second_before.len(), 1, "{second_before:?}");
    assert!(texts(&f, phone(first)).is_empty(), "the first row was not touched");
    assert_eq!(phone(second).as_dom_id(&f), "guardians.1.phone");

    f.remove_guardian(first);
    // The second guardian is now the first row: same state, same message, new position on the page.
    assert_eq!(texts(&f, phone(second)), second_before);
    assert_eq!(phone(second).as_dom_id(&f), "guardians.0.phone");
    assert_eq!(phone(second).label(&f), "监护人 1 手机号");
    assert_eq!(keys(&f), one("guardians.0.phone", "error"), "the removed row's message went with it");
    // A row added now starts untouched, though it takes the position the second row had.
    f.guardians.push(Guardian::default());
    let added = f.guardians[1].id;
    assert_eq!(phone(added).as_dom_id(&f), "guardians.1.phone");
    assert!(!touched.contains(phone(added)));
    assert!(texts(&f, phone(added)).is_empty());
    assert!(!touched.shown(&validate(&f, henan(), today()), phone(added), true).is_empty(), "检查全部 shows it");
    // Removing a row that is already gone (a double tap) removes nothing else.
    f.remove_guardian(first);
    assert_eq!(f.guardians.len(), 2);
}

#[test]
fn rows_keep_their_ids_through_edits_and_get_new_ones_from_files() {
    let form = good();
    let filled = fill_from_id(&form).unwrap_or_default();
    assert_eq!(filled.guardians[0].id, form.guardians[0].id, "filling from the ID keeps the rows");
    let back = import(&export(&form, false)).map(|i| i.registration).unwrap_or_default();
    assert_eq!(back, form, "equal content");
    assert_ne!(back.history[0].id, form.history[0].id, "a row read from a file is a new row");
    assert_ne!(form.history[0].id, form.history[1].id);
}

#[test]
fn every_field_is_reached_through_its_own_key() {
    let mut f = Registration { guardians: vec![Guardian::default()], history: vec![HistoryRow::default()], ..good() };
    let (guardian, history) = (f.guardians[0].id, f.history[0].id);
    let keys: Vec<FieldKey> = BasicField::ALL
        .map(FieldKey::from)
        .into_iter()
        .chain(GuardianField::ALL.map(|field| FieldKey::Guardian { row: guardian, field }))
        .chain(HistoryField::ALL.map(|field| FieldKey::HistoryRow { row: history, field }))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        if let Some(text) = f.text_mut(*key) {
            *text = format!("v{i}");
        }
    }
    // Each key reads back its own value, so no two keys share a field.
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(f.text(*key), Some(format!("v{i}").as_str()), "{key:?}");
    }
    assert_eq!((f.name.as_str(), f.mobile.as_str()), ("v0", "v9"));
    assert_eq!((f.guardians[0].name.as_str(), f.guardians[0].phone.as_str()), ("v10", "v12"));
    assert_eq!((f.history[0].from.as_str(), f.history[0].reference.as_str()), ("v13", "v17"));
    assert_eq!(f.text(FieldKey::Guardians), None, "a list has no text");
    f.remove_history(history);
    assert_eq!(f.text_mut(FieldKey::HistoryRow { row: history, field: HistoryField::From }), None, "a removed row");
}

/// An edit to the good form, for table-driven tests.
type Change = fn(&mut Registration);

#[test]
fn field_rules_in_the_whole_form() {
    let cases: Vec<(Change, &str, &'static str)> = vec![
        (|f| f.name = "Lin".into(), "name", "error"),
        (|f| f.ethnicity = "毛难族".into(), "ethnicity", "error"),
        (|f| f.grade = "7".into(), "grade", "error"),
        (|f| f.registration_place = "elsewhere".into(), "registration_place", "error"),
        (|f| f.mobile = "0086 138 0000 000".into(), "mobile", "error"),
        (|f| f.mobile = "17900000000".into(), "mobile", "warning"),
        (|f| f.current_school = " ".into(), "current_school", "error"),
    ];
    for (change, field, severity) in cases {
        let mut f = good();
        change(&mut f);
        assert_eq!(keys(&f), one(field, severity), "{field}");
    }
    // Phone normalisation keeps good numbers good.
    let mut f = good();
    f.mobile = "+86 138-0000-0000".into();
    assert_eq!(keys(&f), vec![]);
    f.ethnicity = "德昂族".into();
    assert_eq!(keys(&f), vec![]);
}

#[test]
fn messages_helpers() {
    let mut f = good();
    f.mobile = "17900000000".into();
    f.name = String::new();
    let all = validate(&f, henan(), today());
    assert_eq!(message::worst(&all), Some(Severity::Error));
    assert_eq!(message::for_field(&all, BasicField::Mobile.into()).len(), 1);
    assert_eq!(message::worst(&validate(&good(), henan(), today())), None);
}

mod properties {
    use super::*;
    use crate::identity::{Sex, parse_id};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Any Unicode, including quotes, backslashes, newlines and the BOM.
        proptest::collection::vec(any::<char>(), 0..12).prop_map(|c| c.into_iter().collect())
    }

    proptest! {
        #[test]
        fn export_import_round_trips_any_text(name in text(), mobile in text(), school in text(), sample in any::<bool>()) {
            let mut form = good();
            form.name = name;
            form.mobile = mobile;
            form.history[0].school = school;
            let back = import(&export(&form, sample));
            prop_assert_eq!(back, Ok(Imported { registration: form, sample }));
        }

        #[test]
        fn composed_ids_parse_back(day in 0u32..(366 * 6), seq in 0u32..1000) {
            let start = Date::new(2008, 1, 1).map(Date::day_number).unwrap_or(0);
            // Walk forward `day` days from 2008-01-01, through the 2008 and 2012 leap days.
            let mut birth = Date::new(2008, 1, 1).unwrap_or(today());
            for _ in 0..day {
                birth = next_day(birth);
            }
            prop_assert_eq!(birth.day_number() - start, i64::from(day));
            let id = compose_id("410381", birth, &format!("{seq:03}")).unwrap_or_default();
            let info = parse_id(&id).map(|i| (i.birth, i.sex)).map_err(|e| e.message());
            prop_assert_eq!(info, Ok((birth, if seq % 2 == 1 { Sex::Male } else { Sex::Female })));
        }

        #[test]
        fn validation_never_panics(name in text(), id in text(), birth in text(), month in text()) {
            let mut form = good();
            form.name = name;
            form.id_number = id;
            form.birth_date = birth;
            form.history[1].to = month.clone();
            form.history[0].from = month;
            // Whatever the input, every message says in Chinese what is wrong.
            let messages = validate(&form, henan(), today());
            for m in &messages {
                prop_assert!(m.text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{:?}", m);
            }
            // Filling from the ID works exactly when the ID parses, and touches only birth date and sex.
            match fill_from_id(&form) {
                Ok(filled) => {
                    prop_assert!(parse_id(&form.id_number).is_ok());
                    prop_assert_eq!(Registration { birth_date: form.birth_date.clone(), sex: form.sex.clone(), ..filled }, form);
                }
                Err(why) => {
                    prop_assert!(parse_id(&form.id_number).is_err());
                    prop_assert!(why.starts_with("请先把身份证号填对"), "{}", why);
                }
            }
        }
    }

    fn next_day(d: Date) -> Date {
        Date::new(d.year, d.month, d.day + 1)
            .or_else(|| Date::new(d.year, d.month + 1, 1))
            .or_else(|| Date::new(d.year + 1, 1, 1))
            .unwrap_or(d)
    }
}
