//! Ready / not ready transitions and what each item says and where it points.

use super::*;
use crate::identity::Date;
use crate::profile::{by_id, default_profile};
use crate::registration::{
    BasicField, FieldKey, Guardian, GuardianField, HistoryField, RowId, sample_registration, validate,
};
use crate::report::{Check, CheckId};

fn report(kind: Kind, checks: &[(CheckId, Status)]) -> Report {
    let checks = checks.iter().map(|&(id, s)| Check::new(id, s, "m", "e", format!("{id} 的说明"))).collect();
    Report::new(kind, &default_profile().id, checks)
}

/// Every file check passes (a fix re-runs all of them).
fn passing(kind: Kind) -> Report {
    let ids =
        [CheckId::FileFormat, CheckId::FileSize, CheckId::ImageDimensions, CheckId::ImageDpi, CheckId::ImageColor];
    report(kind, &ids.map(|id| (id, Status::Pass)))
}

/// All file checks, one of them with `status`.
fn all_but(kind: Kind, id: CheckId, status: Status) -> Report {
    let mut r = passing(kind);
    r.checks.iter_mut().filter(|c| c.id == id).for_each(|c| c.status = status);
    Report::new(kind, &r.profile, r.checks)
}

fn file(input: Report, name: &str) -> CheckedFile {
    CheckedFile { input, input_name: name.into(), fixed: None }
}

/// Sample student, passing photo and document (named after her ID), rehearsal done.
struct World {
    photo: CheckedFile,
    document: CheckedFile,
    registration: Registration,
    rehearsed: bool,
}

impl World {
    fn all_done() -> World {
        let registration = sample_registration(default_profile());
        let doc_name = format!("{}.jpg", registration.id_number);
        World {
            photo: file(passing(Kind::Photo), "photo.jpg"),
            document: file(passing(Kind::Document), &doc_name),
            registration,
            rehearsed: true,
        }
    }
    fn assess(&self) -> Readiness {
        self.assess_with(default_profile())
    }
    fn assess_with(&self, profile: &Profile) -> Readiness {
        let today = Date { year: profile.year, month: 3, day: 15 };
        let messages = validate(&self.registration, profile, today);
        assess(&Inputs {
            profile,
            photo: Some(&self.photo),
            document: Some(&self.document),
            registration: &self.registration,
            messages: &messages,
            password_rehearsed: self.rehearsed,
        })
    }
}

fn ids(r: &Readiness) -> Vec<(Area, Level, ItemId)> {
    r.items.iter().map(|i| (i.area, i.level, i.id.clone())).collect()
}

fn check(id: CheckId) -> ItemId {
    ItemId::Check(id)
}

fn step(s: Step) -> ItemId {
    ItemId::Step(s)
}

#[test]
fn nothing_done_lists_one_step_per_area_in_order() {
    let reg = Registration::default();
    let r = assess(&Inputs {
        profile: default_profile(),
        photo: None,
        document: None,
        registration: &reg,
        messages: &[],
        password_rehearsed: false,
    });
    assert!(!r.ready());
    assert_eq!(
        ids(&r),
        vec![
            (Area::Photo, Level::Todo, step(Step::Checked)),
            (Area::Document, Level::Todo, step(Step::Checked)),
            (Area::Registration, Level::Todo, step(Step::Entered)),
            (Area::Password, Level::Manual, step(Step::Rehearsal)),
        ]
    );
    assert_eq!(r.blocking(), 4);
    let hrefs: Vec<&str> = r.items.iter().map(|i| i.area.href()).collect();
    assert_eq!(hrefs, ["#/photo", "#/document", "#/info", "#/password"]);
    assert!(r.items.iter().all(|i| !i.text.is_empty()));
}

#[test]
fn everything_done_is_ready() {
    let r = World::all_done().assess();
    assert_eq!(ids(&r), vec![]);
    assert!(r.ready());
    assert!(Area::ALL.iter().all(|a| r.area_done(*a)));
}

#[test]
fn each_missing_step_alone_makes_it_not_ready() {
    let mut w = World::all_done();
    w.rehearsed = false;
    let r = w.assess();
    assert!(!r.ready());
    assert_eq!(ids(&r), vec![(Area::Password, Level::Manual, step(Step::Rehearsal))]);
    assert!(r.area_done(Area::Photo) && !r.area_done(Area::Password));

    let mut w = World::all_done();
    w.registration.guardians.clear();
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Registration, Level::Fail, ItemId::Field("guardians".into()))]);
    assert!(r.items[0].text.starts_with("监护人："), "{}", r.items[0].text);
}

#[test]
fn a_failed_check_blocks_until_the_fix_passes() {
    let mut w = World::all_done();
    w.photo =
        file(report(Kind::Photo, &[(CheckId::FileFormat, Status::Pass), (CheckId::ImageDpi, Status::Fail)]), "p.jpg");
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Photo, Level::Fail, check(CheckId::ImageDpi))]);
    assert!(r.items[0].text.contains("一键修复"));

    // The fix re-runs the file checks: the fixed file's report decides.
    w.photo.fixed = Some((passing(Kind::Photo), "p-fixed.jpg".into()));
    assert!(w.assess().ready());
    assert_eq!(w.photo.upload_name(), "p-fixed.jpg");

    // A fix that still fails (say, too large) keeps it blocked, without the "fix it" hint.
    w.photo.fixed = Some((all_but(Kind::Photo, CheckId::FileSize, Status::Fail), "p-fixed.jpg".into()));
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Photo, Level::Fail, check(CheckId::FileSize))]);
    assert!(!r.items[0].text.contains("一键修复"));
}

#[test]
fn a_manual_check_blocks_until_confirmed_and_survives_the_fix() {
    let mut w = World::all_done();
    let with_manual = |confirmed: bool| {
        let mut r = passing(Kind::Photo);
        r.checks.push(
            Check::new(CheckId::FaceHeadHeight, Status::Manual, "?", "?", "头部大小无法判断").confirmed(confirmed),
        );
        r
    };
    w.photo = file(with_manual(false), "p.jpg");
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Photo, Level::Manual, check(CheckId::FaceHeadHeight))]);
    assert!(!r.ready());

    // The fix only re-runs the file checks: the content check is carried over, still unconfirmed.
    w.photo.fixed = Some((passing(Kind::Photo), "fixed.jpg".into()));
    assert_eq!(ids(&w.assess()), vec![(Area::Photo, Level::Manual, check(CheckId::FaceHeadHeight))]);

    w.photo.input = with_manual(true);
    assert!(w.assess().ready());
}

#[test]
fn warnings_are_listed_but_do_not_block() {
    let mut w = World::all_done();
    w.document = file(
        report(Kind::Document, &[(CheckId::FileSize, Status::Warn)]),
        &format!("{}.jpg", w.registration.id_number),
    );
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Document, Level::Warn, check(CheckId::FileSize))]);
    assert!(r.ready());
    assert_eq!(r.blocking(), 0);
}

#[test]
fn blocking_items_come_before_warnings_within_an_area() {
    let mut w = World::all_done();
    w.photo =
        file(report(Kind::Photo, &[(CheckId::FileSize, Status::Warn), (CheckId::ImageDpi, Status::Fail)]), "p.jpg");
    w.rehearsed = false;
    assert_eq!(
        ids(&w.assess()),
        vec![
            (Area::Photo, Level::Fail, check(CheckId::ImageDpi)),
            (Area::Photo, Level::Warn, check(CheckId::FileSize)),
            (Area::Password, Level::Manual, step(Step::Rehearsal)),
        ]
    );
}

#[test]
fn a_report_made_under_another_profile_must_be_checked_again() {
    let w = World::all_done();
    let Some(other) = by_id("zhengzhou-2023") else { panic!("zhengzhou-2023 profile") };
    let r = w.assess_with(other);
    let files: Vec<_> = ids(&r).into_iter().filter(|(a, _, _)| matches!(a, Area::Photo | Area::Document)).collect();
    assert_eq!(
        files,
        vec![(Area::Photo, Level::Todo, step(Step::Profile)), (Area::Document, Level::Todo, step(Step::Profile))]
    );
    assert!(!r.ready());
}

#[test]
fn the_document_must_be_named_after_the_entered_id() {
    let mut w = World::all_done();
    w.document.input_name = "card.jpg".into();
    let r = w.assess();
    assert_eq!(ids(&r), vec![(Area::Document, Level::Fail, step(Step::IdMatch))]);
    assert!(r.items[0].text.contains(&w.registration.id_number));

    // The fixed download named after the ID is what gets uploaded.
    w.document.fixed = Some((passing(Kind::Document), format!("{}.jpg", w.registration.id_number.to_lowercase())));
    assert!(w.assess().ready(), "case-insensitive x");

    // No ID entered yet: the registration list reports that, the document is not blamed.
    w.registration.id_number.clear();
    assert!(ids(&w.assess()).iter().all(|(a, _, _)| *a != Area::Document));
}

#[test]
fn registration_messages_become_items_with_their_field_caption() {
    let mut w = World::all_done();
    w.registration.guardians[0].phone = "123".into();
    w.registration.name.clear();
    let r = w.assess();
    let reg: Vec<_> = r.items.iter().filter(|i| i.area == Area::Registration).collect();
    assert!(
        reg.iter()
            .any(|i| i.id == ItemId::Field("name".into()) && i.level == Level::Fail && i.text.starts_with("姓名："))
    );
    assert!(
        reg.iter()
            .any(|i| i.id == ItemId::Field("guardians.0.phone".into()) && i.text.starts_with("监护人 1 手机号："))
    );
    assert!(!r.ready());
}

#[test]
fn field_captions() {
    let reg = World::all_done().registration;
    let label = |key: FieldKey| key.label(&reg);
    assert_eq!(label(BasicField::IdNumber.into()), "身份证号");
    assert_eq!(label(FieldKey::Guardians), "监护人");
    let second = Guardian::default();
    let reg = Registration { guardians: vec![Guardian::default(), second.clone()], ..reg };
    let relation = FieldKey::Guardian { row: second.id, field: GuardianField::Relation };
    assert_eq!(relation.label(&reg), "监护人 2 与考生关系");
    assert_eq!(relation.as_dom_id(&reg), "guardians.1.relation");
    let to = FieldKey::HistoryRow { row: reg.history[0].id, field: HistoryField::To };
    assert_eq!(to.label(&reg), "学习简历第 1 行结束年月");
    assert_eq!(FieldKey::History.label(&reg), "学习简历");
    // A row that is gone (a stale key) is named without a position rather than as another row.
    let gone = FieldKey::Guardian { row: RowId::fresh(), field: GuardianField::Phone };
    assert_eq!(gone.label(&reg), "监护人 - 手机号");
    assert_eq!(gone.as_dom_id(&reg), "guardians.-.phone");
}

#[test]
fn the_html_carries_the_status_the_items_and_their_links_escaped() {
    let mut w = World::all_done();
    w.photo = file(report(Kind::Photo, &[(CheckId::ImageDpi, Status::Fail)]), "p.jpg");
    w.photo.input.checks[0].message = "<b>72</b> dpi".into();
    w.rehearsed = false;
    let r = w.assess();
    let none = |_: Area| None;
    let html = html::readiness_html(&r, &none);
    assert!(html.contains(r#"data-testid="readiness" data-ready="false" data-blocking="2""#), "{html}");
    assert!(html.contains(r#"data-item="image.dpi" data-level="fail""#));
    assert!(html.contains(r##"<a href="#/photo">分辨率（dpi）：&lt;b&gt;72&lt;/b&gt; dpi"##), "{html}");
    assert!(html.contains(
        r##"data-item="rehearsal" data-level="manual"><span class="badge">请确认</span><a href="#/password">"##
    ));
    assert!(html.contains(r#"data-area="document" data-done="true""#));

    // A field key has dots too, but only a check's item is captioned with the check's name.
    let mut w = World::all_done();
    w.registration.guardians[0].phone = "123".into();
    let html = html::readiness_html(&w.assess(), &none);
    assert!(html.contains(r##"data-item="guardians.0.phone" data-level="fail"><span class="badge">不合格</span><a href="#/info">监护人 1 手机号："##), "{html}");

    let done = World::all_done().assess();
    let name = |a: Area| (a == Area::Photo).then(|| "photo.jpg".to_owned());
    let html = html::readiness_html(&done, &name);
    assert!(html.contains(r#"data-ready="true" data-blocking="0""#));
    assert!(html.contains("要上传的文件：photo.jpg"));
    assert_eq!(html.matches("data-item=").count(), 0);
}
