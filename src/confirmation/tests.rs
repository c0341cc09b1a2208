//! What goes where on the form, and what is left blank to fill in by hand.

use super::*;
use crate::profile::default_profile;
use crate::registration::{Guardian, HistoryRow, sample_registration};

const DAY: Date = Date { year: 2024, month: 3, day: 15 };

fn sample_form(has_photo: bool) -> (Registration, ConfirmationForm) {
    let reg = sample_registration(default_profile());
    let form = build(&reg, default_profile(), DAY, has_photo);
    (reg, form)
}

#[test]
fn every_entered_value_goes_into_its_place() {
    let (reg, form) = sample_form(true);
    assert_eq!(form.value("name"), Some("林示例"));
    assert_eq!(form.value("sex"), Some("女"));
    assert_eq!(form.value("id_number"), Some(reg.id_number.as_str()));
    assert_eq!(form.value("birth_date"), Some(reg.birth_date.as_str()));
    assert_eq!(form.value("ethnicity"), Some("汉族"));
    assert_eq!(form.value("hukou_place"), Some("河南省洛阳市偃师区（示例）"));
    assert_eq!(form.value("current_school"), Some("洛阳市偃师区示例初级中学"));
    assert_eq!(form.value("grade"), Some("九年级"));
    assert_eq!(form.value("registration_place"), Some("在就读学校所在地报考"));
    assert_eq!(form.value("mobile"), Some("13800000000"));
    let keys: Vec<&str> = form.basic.iter().map(|l| l.key).collect();
    assert_eq!(keys, BasicField::ALL.map(BasicField::as_str), "form order");

    assert_eq!(
        form.guardians,
        vec![GuardianLine {
            name: Some("林示范".into()),
            relation: Some("母亲".into()),
            phone: Some("13900000000".into())
        }]
    );
    assert_eq!(form.history.len(), 2);
    assert_eq!(form.history[0].to.as_deref(), Some("至今"));
    assert_eq!(form.history[0].role.as_deref(), Some("学习委员"));
    assert_eq!(form.history[1].school.as_deref(), Some("洛阳市偃师区示例小学"));
    assert_eq!(form.history[1].role, None, "no role entered: an empty cell");
    assert_eq!(form.profile, format!("{}（henan-2024）", default_profile().name));
    assert_eq!(form.made_on, "2024年3月15日");
    assert!(form.is_complete(), "{:?}", form.missing);
}

#[test]
fn the_photo_is_missing_when_there_is_none() {
    let (_, form) = sample_form(false);
    assert_eq!(form.missing, vec!["照片".to_string()]);
    assert!(!form.is_complete());
}

#[test]
fn an_empty_registration_is_all_blanks_with_room_to_write() {
    let form = build(&Registration::default(), default_profile(), DAY, false);
    assert!(form.basic.iter().all(|l| l.value.is_none()), "{:?}", form.basic);
    assert_eq!(form.guardians, vec![GuardianLine::default()], "one blank guardian line");
    assert_eq!(form.history, vec![HistoryLine::default(); BLANK_HISTORY_ROWS]);
    let mut expected = vec!["照片".to_string()];
    expected.extend(BasicField::ALL.map(|f| f.label().to_string()));
    expected.extend(["监护人".to_string(), "学习简历".to_string()]);
    assert_eq!(form.missing, expected);
}

#[test]
fn blank_and_unknown_values_are_blank_never_placeholder_text() {
    let reg = Registration {
        name: "   ".into(),
        sex: "x".into(),
        ethnicity: "火星族".into(),
        grade: "7".into(),
        registration_place: "elsewhere".into(),
        id_number: " 41038120090512998X ".into(),
        ..Registration::default()
    };
    let form = build(&reg, default_profile(), DAY, true);
    for key in ["name", "sex", "ethnicity", "grade", "registration_place", "hukou_place"] {
        assert_eq!(form.value(key), None, "{key}");
    }
    assert_eq!(form.value("id_number"), Some("41038120090512998X"), "trimmed, kept as typed");
    let everything = format!("{form:?}");
    for bad in ["undefined", "null", "Some(\"\")", "请填写", "例如"] {
        assert!(!everything.contains(bad), "{bad} in {everything}");
    }
}

#[test]
fn missing_parts_of_guardians_and_history_are_named() {
    let reg = Registration {
        guardians: vec![Guardian { name: "张三".into(), relation: "父亲".into(), ..Guardian::default() }],
        history: vec![
            HistoryRow {
                from: "2021.09".into(),
                to: "至今".into(),
                school: "某中学".into(),
                reference: "李老师".into(),
                ..HistoryRow::default()
            },
            HistoryRow { from: "2015.09".into(), to: "2021.08".into(), ..HistoryRow::default() },
        ],
        ..sample_registration(default_profile())
    };
    let form = build(&reg, default_profile(), DAY, true);
    assert_eq!(form.missing, vec!["监护人 1 手机号", "学习简历第 2 行学校", "学习简历第 2 行证明人"]);
    assert_eq!(form.guardians[0].phone, None);
    assert_eq!(form.history.len(), 2, "entered rows only, no padding");
}

#[test]
fn a_long_history_keeps_every_row() {
    let row = |i: u16| HistoryRow {
        from: format!("{}.09", 2010 + i),
        to: format!("{}.08", 2011 + i),
        school: format!("学校{i}"),
        reference: format!("老师{i}"),
        ..HistoryRow::default()
    };
    let reg = Registration { history: (0..12).map(row).collect(), ..sample_registration(default_profile()) };
    let form = build(&reg, default_profile(), DAY, true);
    assert_eq!(form.history.len(), 12);
    assert_eq!(form.history[11].school.as_deref(), Some("学校11"));
    assert!(form.is_complete());
}

#[test]
fn the_sheet_puts_each_value_in_its_cell_and_escapes_it() {
    let (reg, form) = sample_form(true);
    let html = super::sheet::sheet_html(&form, Some("blob:http://x/1"), true);
    assert!(html.contains(&format!(r#"<td colspan="3" data-field="id_number">{}</td>"#, reg.id_number)), "{html}");
    assert!(html.contains(r#"<td data-field="sex">女</td>"#));
    assert!(html.contains(r#"<img class="cf-photo" src="blob:http://x/1""#));
    assert!(html.contains("演练用，非正式报名表（示例数据）"));
    assert_eq!(html.matches(r#"<tr data-row="history">"#).count(), 2);
    assert_eq!(html.matches("data-blank").count(), 0);
    assert_eq!(html.matches(r#"type="checkbox""#).count(), CHECKLIST.len());

    let evil = Registration { name: r#"<img src=x onerror="alert(1)">&"#.into(), ..reg };
    let html = super::sheet::sheet_html(&build(&evil, default_profile(), DAY, true), None, false);
    assert!(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;"), "{html}");
    assert!(!html.contains("<img src=x"));
}

#[test]
fn the_sheet_of_an_empty_registration_is_outlined_blanks_and_an_empty_photo_box() {
    let form = build(&Registration::default(), default_profile(), DAY, false);
    let html = super::sheet::sheet_html(&form, None, false);
    // 10 basic fields, 3 guardian cells, 3 blank history rows × 4 required cells.
    assert_eq!(html.matches(r#"data-blank="true""#).count(), 10 + 3 + 3 * 4, "{html}");
    assert!(html.contains(r#"data-testid="form-photo-empty""#));
    assert!(!html.contains("<img"));
    assert!(!html.contains("（示例数据）"));
    for bad in ["undefined", "None", "null"] {
        assert!(!html.contains(bad), "{bad}");
    }
}
