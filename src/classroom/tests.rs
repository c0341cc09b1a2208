//! The class workspace's core on generated inputs: rosters in every encoding and format teachers
//! send, matching, archives (GBK names, zip bombs), the per-file outcome and the export.

use super::archive::{self, Archive, ArchiveError, Limits};
use super::export::{self, StudentResult};
use super::inspect::{FileRules, Redo, SlotResult, SlotStatus, inspect};
use super::matching::{Candidate, Unmatched, assign, kind_from_name};
use super::roster::{self, IdIssue, Roster, RosterError};
use super::text::Encoding;
use crate::identity::{Date, compose_id};
use crate::report::Kind;

#[path = "../../tests/support/zips.rs"]
mod zips;
use zips::{XlsxCell, gbk_zip, xlsx_with, zip_of};

/// Fictional students with valid, computed ID numbers (Zhengzhou Jinshui district, 2010 births).
fn class() -> Vec<(&'static str, String)> {
    ["李明轩", "王雨桐", "赵子涵", "陈思远", "刘欣怡", "周浩然"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let birth = Date::new(2010, 3 + i as u8, 10 + i as u8).unwrap();
            (*name, compose_id("410105", birth, &format!("{:03}", 21 + i * 2)).unwrap())
        })
        .collect()
}

/// A class list as a teacher's spreadsheet has it: a title, extra columns, one line per student.
fn csv_text(sep: &str) -> String {
    let mut text = format!("九年级3班花名册{sep}{sep}{sep}\n序号{sep}姓名{sep}性别{sep}身份证号码{sep}联系电话\n");
    for (i, (name, id)) in class().iter().enumerate() {
        text += &format!("{}{sep}{name}{sep}男{sep}{id}{sep}1380000000{i}\n", i + 1);
    }
    text
}

fn names_and_ids(r: &Roster) -> Vec<(String, String)> {
    r.students.iter().map(|s| (s.name.clone(), s.id.clone())).collect()
}

fn expected() -> Vec<(String, String)> {
    class().into_iter().map(|(n, id)| (n.to_owned(), id)).collect()
}

#[test]
fn gbk_csv_as_excel_saves_it() {
    let gbk = encoding_rs::GBK.encode(&csv_text(",")).0.into_owned();
    let r = roster::parse(&gbk).unwrap();
    assert_eq!(r.encoding, Some(Encoding::Gbk));
    assert_eq!(names_and_ids(&r), expected());
    assert_eq!(r.students[0].row, 3, "the title and the header are rows 1 and 2");
    assert!(r.students.iter().all(|s| s.issues.is_empty() && s.exportable()), "{:?}", r.students);
}

#[test]
fn utf8_csv_with_a_byte_order_mark() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), csv_text(",").as_bytes()].concat();
    let r = roster::parse(&bytes).unwrap();
    assert_eq!(r.encoding, Some(Encoding::Utf8));
    assert_eq!(names_and_ids(&r), expected());
}

#[test]
fn tab_separated_text_pasted_from_a_spreadsheet() {
    // A paste carries no title row when only the table was selected, and may end in blank lines.
    let text = csv_text("\t").lines().skip(1).collect::<Vec<_>>().join("\r\n") + "\r\n\t\t\t\r\n";
    let r = roster::parse_text(&text).unwrap();
    assert_eq!(names_and_ids(&r), expected());
}

/// A minimal OOXML workbook (inline strings, no shared-string table), written with the zip crate.
fn xlsx(rows: &[Vec<XlsxCell>]) -> Vec<u8> {
    xlsx_with(rows, "")
}

#[test]
fn xlsx_with_a_title_row_and_an_id_typed_as_a_number() {
    use XlsxCell::{Number, Text};
    let t = |s: &str| Text(s.to_owned());
    let mut rows = vec![vec![t("2026届九年级3班学生名单")], vec![t("序号"), t("姓名"), t("性别"), t("身份证号")]];
    for (i, (name, id)) in class().iter().enumerate() {
        rows.push(vec![Number(i as f64 + 1.0), t(name), t("女"), t(id)]);
    }
    // What Excel stores when the ID column was left as "General": a float, last digits lost.
    rows.push(vec![Number(7.0), t("孙若溪"), t("女"), Number(4.101052010031e17)]);
    let r = roster::parse(&xlsx(&rows)).unwrap();
    assert_eq!(r.encoding, None);
    let (good, bad) = r.students.split_at(class().len());
    assert_eq!(names_and_ids(&Roster { students: good.to_vec(), encoding: None }), expected());
    assert_eq!(good[0].row, 3);
    assert_eq!(bad[0].issues, vec![IdIssue::StoredAsNumber]);
    assert!(!bad[0].exportable());
    assert!(bad[0].issues[0].message().contains("文本"));
}

fn xlsx_class_rows() -> Vec<Vec<XlsxCell>> {
    let t = |s: &str| XlsxCell::Text(s.to_owned());
    let mut rows = vec![vec![t("姓名"), t("身份证号")]];
    rows.extend(class().iter().map(|(name, id)| vec![t(name), t(id)]));
    rows
}

#[test]
fn a_workbook_with_a_cell_at_the_sheets_far_corner_is_read_without_a_dense_range() {
    // A1 and XFD1048576 would make calamine's dense range 17 billion cells (an abort, not an error).
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let started = std::time::Instant::now();
    let r = roster::parse(&xlsx_with(&xlsx_class_rows(), far)).unwrap();
    assert_eq!(names_and_ids(&r), expected());
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn a_workbook_that_is_a_zip_bomb_is_refused_before_its_xml_is_parsed() {
    // 20 MB of spaces inside the sheet XML deflates to about 20 KB.
    let padding = " ".repeat(20 << 20);
    let bomb = xlsx_with(&xlsx_class_rows(), &padding);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let Err(RosterError::Xlsx(why)) = roster::parse(&bomb) else { panic!("the bomb was parsed") };
    assert!(why.contains("压缩炸弹"), "{why}");
    assert!(RosterError::Xlsx(why).message().starts_with("无法读取这个 Excel 文件"));
}

#[test]
fn a_zero_byte_roster_or_archive_entry_is_an_answer_not_a_panic() {
    assert_eq!(roster::parse(b""), Err(RosterError::Empty));
    assert!(RosterError::Empty.message().contains("空"));
    let z = zip_of(&[("李明轩.jpg", b"")]);
    let mut a = Archive::open(&z, &archive::LIMITS).unwrap();
    let entry = a.entries()[0].clone();
    assert_eq!((entry.bytes, a.read(&entry).unwrap()), (0, Vec::new()));
}

#[test]
fn every_id_is_validated_and_duplicates_are_flagged() {
    let (_, good) = &class()[0];
    let mut wrong_check = good.clone();
    let last = if good.ends_with('1') { '2' } else { '1' };
    wrong_check.replace_range(17..18, &last.to_string());
    let feb30 = {
        let first17 = "41010520100230021";
        format!("{first17}{}", crate::identity::id_number::check_char(first17).unwrap())
    };
    let text = format!(
        "姓名,身份证号\n甲同学,{good}\n乙同学,{wrong_check}\n丙同学,{feb30}\n丁同学,{good}\n甲同学,{}\n戊同学,\n制表人：王老师,\n",
        class()[1].1
    );
    let r = roster::parse_text(&text).unwrap();
    let issues: Vec<Vec<IdIssue>> = r.students.iter().map(|s| s.issues.clone()).collect();
    assert_eq!(r.students.len(), 6, "the signature line is not a student: {:?}", r.students);
    assert_eq!(issues[0], vec![IdIssue::DuplicateId { row: 5 }, IdIssue::DuplicateName { row: 6 }]);
    assert!(matches!(issues[1].as_slice(), [IdIssue::Invalid(_)]), "{:?}", issues[1]);
    assert!(issues[1][0].message().contains("校验码"));
    assert!(issues[2][0].message().contains("出生日期"), "{:?}", issues[2]);
    assert_eq!(issues[3], vec![IdIssue::DuplicateId { row: 2 }]);
    assert_eq!(issues[4], vec![IdIssue::DuplicateName { row: 2 }], "same name, valid own ID");
    assert!(r.students[4].exportable(), "a shared name does not stop the export");
    assert_eq!(issues[5], vec![IdIssue::Missing]);
}

#[test]
fn rosters_without_the_columns_say_what_is_needed() {
    assert_eq!(roster::parse_text(""), Err(RosterError::Empty));
    let e = roster::parse_text("姓名,电话\n张三,138\n").unwrap_err();
    assert_eq!(e, RosterError::NoHeader);
    assert!(e.message().contains("身份证号"));
    assert_eq!(roster::parse_text("姓名,证件号码\n"), Err(RosterError::NoStudents));
    assert!(matches!(roster::parse(b"PK\x03\x04 not really a workbook"), Err(RosterError::Xlsx(_))));
}

fn roster_of_class() -> Roster {
    roster::parse_text(&csv_text(",")).unwrap()
}

fn file(name: &str, upright: Option<(u32, u32)>) -> Candidate {
    Candidate { name: name.to_owned(), upright, content: None }
}

#[test]
fn files_match_by_id_then_name_and_sort_into_photo_and_id_image() {
    let r = roster_of_class();
    let id = |i: usize| r.students[i].id.clone();
    let portrait = Some((3024, 4032));
    let landscape = Some((1600, 1000));
    let files = vec![
        file(&format!("{}.jpg", id(0)), portrait),   // 0: by ID, photo by shape
        file("李明轩身份证.jpg", portrait),          // 1: by name, ID card by name (shape disagrees)
        file("王雨桐.png", landscape),               // 2: by name, card by shape
        file("王雨桐/IMG_0001.jpg", portrait),       // 3: by folder, photo by shape
        file("mmexport1712345678901.jpg", portrait), // 4: nobody
        file("赵子涵证件照.jpg", None),              // 5: 证件照 is the photo
        file("赵子涵照片2.jpg", None),               // 6: a second photo
        file("410105201001010000.jpg", portrait),    // 7: an ID that is not on the roster
        file("陈思远和刘欣怡.jpg", portrait),        // 8: two students
        file("周浩然.HEIC", None),                   // 9: unreadable header: fills the photo slot
    ];
    let a = assign(&r, &files);
    assert_eq!(a.file(0, Kind::Photo), Some(0));
    assert_eq!(a.file(0, Kind::Document), Some(1));
    assert_eq!(a.file(1, Kind::Photo), Some(3));
    assert_eq!(a.file(1, Kind::Document), Some(2));
    assert_eq!(a.file(2, Kind::Photo), Some(5));
    assert_eq!(a.file(2, Kind::Document), None);
    assert_eq!(a.file(5, Kind::Photo), Some(9));
    assert_eq!(
        a.unmatched,
        vec![
            (4, Unmatched::NoStudent),
            (6, Unmatched::Extra { student: 2, kind: Kind::Photo, used: 5 }),
            (7, Unmatched::UnknownId("410105201001010000".into())),
            (8, Unmatched::Ambiguous(vec![3, 4])),
        ]
    );
    let why = a.unmatched[1].1.message(&r, &files);
    assert!(why.contains("赵子涵") && why.contains("赵子涵证件照.jpg"), "{why}");
}

#[test]
fn the_teachers_choice_moves_a_file_and_lists_the_one_it_replaces() {
    let r = roster_of_class();
    let files = vec![file("mmexport1.jpg", None), file("李明轩.jpg", Some((450, 600))), file("王雨桐.jpg", None)];
    let mut a = assign(&r, &files);
    assert_eq!(a.unmatched, vec![(0, Unmatched::NoStudent)]);
    a.choose(0, 2, Kind::Document);
    assert_eq!((a.file(2, Kind::Document), a.unmatched.clone()), (Some(0), vec![]));
    // Moved on to another student's photo slot: it leaves the first slot, and the photo it replaces is unused.
    a.choose(0, 0, Kind::Photo);
    assert_eq!((a.file(2, Kind::Document), a.file(0, Kind::Photo)), (None, Some(0)));
    assert_eq!(a.unmatched, vec![(1, Unmatched::Extra { student: 0, kind: Kind::Photo, used: 0 })]);
    a.choose(2, 99, Kind::Photo);
    assert_eq!(a.file(1, Kind::Photo), Some(2), "a student not on the roster changes nothing");
}

#[test]
fn a_card_seen_outranks_the_name_and_shape_and_the_teacher_can_swap_or_set_a_kind() {
    let r = roster_of_class();
    let seen = |name: &str| Candidate { content: Some(Kind::Document), ..file(name, Some((3000, 4000))) };
    // 0: "照片" by name, tall, but a card is seen in it; 1: a portrait by shape.
    let files = vec![seen("李明轩照片.jpg"), file("李明轩2.jpg", Some((3000, 4000))), file("王雨桐.jpg", None)];
    let mut a = assign(&r, &files);
    assert_eq!((a.file(0, Kind::Photo), a.file(0, Kind::Document)), (Some(1), Some(0)));
    assert_eq!(a.student_of_file(0), Some(0));
    // The teacher's "照片" on the card: the two files of the same student trade places, none is lost.
    assert!(a.set_kind(0, Kind::Photo));
    assert_eq!((a.file(0, Kind::Photo), a.file(0, Kind::Document), a.unmatched.clone()), (Some(0), Some(1), vec![]));
    assert!(a.set_kind(2, Kind::Document));
    assert_eq!((a.file(1, Kind::Photo), a.file(1, Kind::Document)), (None, Some(2)));
    let nobody = assign(&r, &[file("mmexport1.jpg", None)]);
    assert_eq!(nobody.student_of_file(0), None);
    assert!(!nobody.clone().set_kind(0, Kind::Photo), "a file without a student needs the picker");
}

#[test]
fn an_intake_sees_the_card_in_a_phone_photo() {
    use super::intake::Intake;
    use crate::document::card::synthetic::{Background, Scene, photo};
    let mut scene = Scene::simple(900, 1200, 44);
    scene.background = Background::Wood;
    let card = crate::imaging::jpeg_write::encode(&photo(&scene).0, 88, 72).unwrap();
    let mut intake: Intake<Vec<u8>> = Intake::default();
    intake.add("李明轩照片.jpg".into(), card, |b| b).unwrap();
    intake.add("李明轩.jpg".into(), jpeg(900, 1200, [67, 142, 219], 72), |b| b).unwrap();
    let c = intake.candidates();
    assert_eq!((c[0].content, c[1].content), (Some(Kind::Document), None));
    let a = assign(&roster_of_class(), &c);
    assert_eq!((a.file(0, Kind::Photo), a.file(0, Kind::Document)), (Some(1), Some(0)));
}

/// The class page defers the looks to its analysis workers: the same files, looked at later, match
/// as an intake that looks at once; files named as the ID image, unreadable ones and zipped ones
/// alike are listed only when a look could tell something.
#[test]
fn a_deferred_look_sorts_the_class_as_the_look_at_intake() {
    use super::content::kind_from_content;
    use super::intake::Intake;
    use crate::document::card::synthetic::{Background, Scene, photo};
    let mut scene = Scene::simple(900, 1200, 44);
    scene.background = Background::Wood;
    let card = crate::imaging::jpeg_write::encode(&photo(&scene).0, 88, 72).unwrap();
    let portrait = jpeg(900, 1200, [67, 142, 219], 72);
    let zipped = gbk_zip(&[("三班/王雨桐.jpg", &portrait), ("三班/王雨桐身份证.jpg", &card)]);
    let given: Vec<(&str, Vec<u8>)> = vec![
        ("李明轩照片.jpg", card.clone()),
        ("李明轩身份证.jpg", card.clone()),
        ("李明轩.jpg", portrait.clone()),
        ("坏文件.jpg", b"not a picture".to_vec()),
        ("三班.zip", zipped),
    ];
    let mut now: Intake<Vec<u8>> = Intake::default();
    let mut later: Intake<Vec<u8>> = Intake::default();
    later.defer_looks = true;
    for (name, bytes) in &given {
        now.add((*name).into(), bytes.clone(), |b| b).unwrap();
        later.add((*name).into(), bytes.clone(), |b| b).unwrap();
    }
    assert!(later.candidates().iter().all(|c| c.content.is_none()));
    let unlooked = later.take_unlooked();
    // Not 1 (named as the ID image), 3 (unreadable) or 5 (zipped, named as the ID image).
    assert_eq!(unlooked, vec![0, 2, 4]);
    assert!(later.take_unlooked().is_empty(), "handed over once");
    for file in unlooked {
        let bytes = later.read(file, |b| Ok(b.clone())).unwrap();
        later.looked(file, kind_from_content(&bytes));
    }
    assert_eq!(later.candidates(), now.candidates());
    assert_eq!(assign(&roster_of_class(), &later.candidates()), assign(&roster_of_class(), &now.candidates()));
    assert_eq!(now.take_unlooked(), Vec::<usize>::new(), "an intake that looks at once defers nothing");
}

#[test]
fn an_intake_lists_loose_pictures_and_a_zips_entries_and_reads_each_back() {
    use super::intake::{Intake, base_name};
    let photo = jpeg(450, 600, [67, 142, 219], 300);
    let zipped = gbk_zip(&[("三班/王雨桐.jpg", &photo), ("三班/王雨桐身份证.jpg", b"not a picture")]);
    let mut intake: Intake<Vec<u8>> = Intake::default();
    intake.add("李明轩.jpg".into(), photo.clone(), |b| b).unwrap();
    intake.add("三班.zip".into(), zipped, |b| b).unwrap();
    let c = intake.candidates();
    let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["李明轩.jpg", "三班/王雨桐.jpg", "三班/王雨桐身份证.jpg"]);
    assert_eq!((c[1].upright, c[2].upright), (Some((450, 600)), None));
    assert_eq!(intake.read(2, |_| unreachable!()).unwrap(), b"not a picture");
    assert_eq!(intake.read(0, |b| Ok(b.clone())).unwrap(), photo);
    assert!(intake.read(9, |b| Ok(b.clone())).is_err());
    assert_eq!(base_name(names[1]), "王雨桐.jpg");
    let bomb = zip_of(&[("a.jpg", &vec![0u8; 3 << 20])]);
    assert!(matches!(intake.add("炸弹.zip".into(), bomb, |b| b), Err(ArchiveError::Ratio { .. })));
    assert_eq!(intake.candidates().len(), 3, "a refused archive adds nothing");
}

#[test]
fn a_file_as_given_has_a_one_line_reason_and_its_outcome_survives_the_trip() {
    use super::inspect::{Outcome, reason};
    let profile = crate::profile::default_profile();
    let rules = FileRules(profile);
    let grey = jpeg(450, 600, [128, 128, 128], 72);
    let report = super::inspect::Inspector::check(&rules, Kind::Photo, &grey, "a.jpg", None);
    let why = reason(&report);
    assert!(why.ends_with("不合格") && why.contains("分辨率"), "{why}");
    let good = jpeg(450, 600, [67, 142, 219], 300);
    assert_eq!(reason(&super::inspect::Inspector::check(&rules, Kind::Photo, &good, "a.jpg", None)), "");
    let result = inspect(&rules, Kind::Photo, &grey, "a.jpg", None);
    let outcome = Outcome::from_json(&Outcome::of(&result).to_json()).unwrap();
    assert_eq!(outcome, Outcome::of(&result));
    let back = outcome.into_result(Kind::Photo, result.export.clone());
    assert_eq!(SlotResult { report: None, marks: None, ..result }, back);
    assert_eq!(SlotStatus::parse("warn"), Some(SlotStatus::Warn));
    assert_eq!(SlotStatus::parse("pending"), None);
}

#[test]
fn a_file_named_by_an_id_on_two_roster_lines_goes_to_neither() {
    let (_, id) = &class()[0];
    let r = roster::parse_text(&format!("姓名,身份证号\n甲同学,{id}\n乙同学,{id}\n")).unwrap();
    let files = [file(&format!("{id}.jpg"), None)];
    let a = assign(&r, &files);
    assert_eq!((a.file(0, Kind::Photo), a.file(1, Kind::Photo)), (None, None));
    assert_eq!(a.unmatched, vec![(0, Unmatched::Ambiguous(vec![0, 1]))]);
    let why = a.unmatched[0].1.message(&r, &files);
    assert!(why.contains("第 2、3 行重复") && why.contains("改正花名册"), "{why}");
}

#[test]
fn the_longest_name_wins_and_name_hints_read_both_ways() {
    let r = roster::parse_text("姓名,身份证号\n张三,11010519491231002X\n张三丰,440524188001010014\n").unwrap();
    let a = assign(&r, &[file("张三丰.jpg", None), file("张三.jpg", None)]);
    assert_eq!((a.file(1, Kind::Photo), a.file(0, Kind::Photo)), (Some(0), Some(1)));
    assert_eq!(kind_from_name("身份证照片.jpg"), Some(Kind::Document));
    assert_eq!(kind_from_name("证件照.jpg"), Some(Kind::Photo));
    assert_eq!(kind_from_name("SFZ.jpg"), Some(Kind::Document));
    assert_eq!(kind_from_name("证件.jpg"), Some(Kind::Document));
    assert_eq!(kind_from_name("IMG_1.jpg"), None);
}

#[test]
fn zip_names_in_gbk_and_in_utf8_both_read_as_chinese() {
    let gbk = gbk_zip(&[("三班/王雨桐身份证.jpg", b"card"), ("三班/王雨桐.jpg", b"photo")]);
    let mut a = Archive::open(&gbk, &archive::LIMITS).unwrap();
    let names: Vec<String> = a.entries().iter().map(|e| e.name.clone()).collect();
    assert_eq!(names, ["三班/王雨桐身份证.jpg", "三班/王雨桐.jpg"]);
    let first = a.entries()[0].clone();
    assert_eq!(a.read(&first).unwrap(), b"card");

    let utf8 = zip_of(&[("李明轩.jpg", b"x"), ("__MACOSX/._李明轩.jpg", b"fork"), ("照片/.DS_Store", b"")]);
    let a = Archive::open(&utf8, &archive::LIMITS).unwrap();
    let names: Vec<&str> = a.entries().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["李明轩.jpg"], "resource forks and folder files are dropped");
    assert!(archive::is_zip(&utf8) && !archive::is_zip(b"\xFF\xD8\xFF"));
}

#[test]
fn zip_bombs_are_refused_before_unpacking() {
    // 20 MB of zeros deflates to about 20 KB: a ratio of about 1,000.
    let bomb = zip_of(&[("a.jpg", b"tiny"), ("b.jpg", &vec![0u8; 20 << 20])]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let Err(e) = Archive::open(&bomb, &archive::LIMITS) else { panic!("a zip bomb was opened") };
    assert!(matches!(&e, ArchiveError::Ratio { name, ratio } if name == "b.jpg" && *ratio > 100), "{e:?}");
    assert!(e.message().contains("压缩炸弹"));

    // Declared sizes alone: one entry too large, or all together.
    let pictures: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let two = zip_of(&[("1.jpg", &pictures), ("2.jpg", &pictures)]);
    let small = Limits { max_entry_bytes: 200_000, ..archive::LIMITS };
    assert!(matches!(
        Archive::open(&two, &small),
        Err(ArchiveError::EntryTooLarge { bytes: 300_000, limit: 200_000, .. })
    ));
    let total = Limits { max_total_bytes: 500_000, ..archive::LIMITS };
    assert!(matches!(
        Archive::open(&two, &total),
        Err(ArchiveError::TooLargeInTotal { bytes: 600_000, limit: 500_000 })
    ));
    let few = Limits { max_entries: 1, ..archive::LIMITS };
    assert!(matches!(Archive::open(&two, &few), Err(ArchiveError::TooManyEntries { count: 2, limit: 1 })));
    assert!(matches!(Archive::open(b"PK\x03\x04garbage", &archive::LIMITS), Err(ArchiveError::Unreadable(_))));
}

#[test]
fn an_entry_that_unpacks_to_more_than_it_declared_is_refused() {
    let mut lying = zip_of(&[("a.jpg", &[7u8; 5_000])]);
    // Declare 10 bytes in the local header (size at +22) and the central directory (+24).
    for (signature, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let start = lying.windows(4).position(|w| w == signature).unwrap();
        lying[start + at..start + at + 4].copy_from_slice(&10u32.to_le_bytes());
    }
    let mut a = Archive::open(&lying, &archive::LIMITS).unwrap();
    let entry = a.entries()[0].clone();
    assert_eq!(entry.bytes, 10);
    assert!(matches!(a.read(&entry), Err(ArchiveError::Lied { .. }) | Err(ArchiveError::Unreadable(_))));
}

fn jpeg(w: u32, h: u32, rgb: [u8; 3], dpi: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let n = ((x * 7 + y * 13) % 11) as u8;
        image::Rgb([rgb[0].saturating_add(n), rgb[1].saturating_add(n), rgb[2].saturating_add(n)])
    });
    crate::imaging::jpeg_write::encode(&img, 85, dpi).unwrap()
}

#[test]
fn a_file_passes_as_given_or_after_the_fix_or_names_what_to_redo() {
    let profile = crate::profile::default_profile();
    let rules = FileRules(profile);
    let id = class()[0].1.clone();
    let (w, h) = (profile.photo.width, profile.photo.height);

    let good = crate::fix::fix_with(
        &jpeg(w, h, [67, 142, 219], 300),
        &profile.photo,
        &crate::photo::CentreCrop,
        "x.jpg".into(),
    )
    .unwrap()
    .bytes;
    let r = inspect(&rules, Kind::Photo, &good, "李明轩.jpg", Some(&id));
    assert_eq!((r.as_given, r.fixed, r.redo.clone(), r.label()), (SlotStatus::Pass, false, None, "合格"));
    assert_eq!(r.export.as_deref(), Some(good.as_slice()), "a passing file is exported unchanged");

    let phone = jpeg(1200, 1600, [67, 142, 219], 72);
    let r = inspect(&rules, Kind::Photo, &phone, "IMG_1.jpg", Some(&id));
    assert_eq!((r.as_given, r.fixed, r.redo.clone(), r.label()), (SlotStatus::Fail, true, None, "已修复"));
    assert_eq!(rules_check(&rules, Kind::Photo, r.export.as_deref().unwrap()), crate::report::Verdict::Pass);

    let grey = jpeg(w, h, [128, 128, 128], 300);
    let r = inspect(&rules, Kind::Photo, &grey, "a.jpg", Some(&id));
    let Some(Redo::Unfixable(why)) = &r.redo else { panic!("{:?}", r.redo) };
    assert!(why.contains("黑白"), "{why}");
    assert!(r.export.is_none() && r.label() == "需重交");
    assert!(r.redo.as_ref().unwrap().message(Kind::Photo).starts_with("照片需重拍："));

    // A phone photo of a (fictional) card named after the student is straightened to the card and
    // named by the roster's ID. A plain rectangle would not do: the card checks look for a card.
    let card = {
        use crate::document::card::synthetic::{Background, Scene, photo};
        let mut scene = Scene::simple(1000, 700, 61);
        scene.background = Background::Wood;
        let card = scene.card.as_mut().expect("a scene with a card");
        card.rotation = 4.0;
        card.holder.number = id.clone();
        crate::imaging::jpeg_write::encode(&photo(&scene).0, 90, 96).unwrap()
    };
    let r = inspect(&rules, Kind::Document, &card, "李明轩身份证.jpg", Some(&id));
    assert_eq!((r.as_given, r.fixed, r.redo.clone()), (SlotStatus::Fail, true, None));
    assert_eq!(SlotResult::missing(Kind::Document).redo.unwrap().message(Kind::Document), "缺少证件照片");
}

fn rules_check(rules: &FileRules, kind: Kind, bytes: &[u8]) -> crate::report::Verdict {
    use super::inspect::Inspector;
    rules.check(kind, bytes, "x.jpg", None).verdict
}

#[test]
fn the_report_has_one_row_per_student_and_the_zip_holds_the_layout() {
    let mut r = roster_of_class();
    r.students.truncate(3);
    r.students[2].issues.push(IdIssue::DuplicateId { row: 9 });
    let passed = |kind| SlotResult {
        kind,
        file: Some("x.jpg".into()),
        as_given: SlotStatus::Pass,
        report: None,
        marks: None,
        export: Some(vec![1, 2, 3]),
        fixed: false,
        redo: None,
    };
    let failing = SlotResult {
        redo: Some(Redo::Failing(vec!["背景颜色".into()])),
        export: None,
        as_given: SlotStatus::Fail,
        ..passed(Kind::Photo)
    };
    let results = vec![
        StudentResult { photo: passed(Kind::Photo), document: passed(Kind::Document) },
        StudentResult { photo: failing, document: SlotResult::missing(Kind::Document) },
        StudentResult { photo: passed(Kind::Photo), document: passed(Kind::Document) },
    ];
    let csv = export::report_csv(&r, &results);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "Excel needs the byte-order mark");
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|rec| rec.unwrap().iter().map(|c| c.trim().to_owned()).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], [r.students[0].name.as_str(), r.students[0].id.as_str(), "合格", "合格", ""]);
    assert_eq!(rows[1][2..4], ["需重交", "缺少"]);
    assert_eq!(rows[1][4], "照片需重拍：背景颜色不合格；缺少证件照片");
    assert!(rows[2][4].contains("重复") && rows[2][4].contains("改正花名册"), "{}", rows[2][4]);
    assert!(text.starts_with("姓名,身份证号,照片,证件,问题\r\n"), "{text}");

    let files = export::layout(&r, &results);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let id = &r.students[0].id;
    assert_eq!(names, [format!("照片/{id}.jpg"), format!("证件/{id}.jpg")], "student 3's ID is a duplicate");
    assert_eq!(export::redo_list(&r, &results).len(), 2);

    let zipped = export::zip(&files, &csv).unwrap();
    let mut a = Archive::open(&zipped, &archive::LIMITS).unwrap();
    let entries = a.entries().to_vec();
    let listed: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(listed, [names[0], names[1], export::REPORT_NAME]);
    assert_eq!(a.read(&entries[2]).unwrap(), csv);
}

/// The class page and `precheck batch` fix a file with what its check saw; that must be the very
/// file the fix makes when it looks for itself (the single pages' fix), photo and ID image alike.
#[test]
fn the_fix_from_the_checks_analysis_is_the_fix_that_looks_for_itself() {
    use super::inspect::{Inspector, Seen, SinglePages};
    let profile = crate::profile::default_profile();
    let models = crate::photo::content::pipeline::embedded_models().unwrap();
    let pages = SinglePages { models: Some(&models), profile };
    let id = class()[0].1.clone();
    let portrait =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg")).unwrap();
    let card = {
        use crate::document::card::synthetic::{Background, Scene, photo};
        let mut scene = Scene::simple(1600, 1200, 7);
        scene.background = Background::Desk;
        let card = scene.card.as_mut().expect("a scene with a card");
        card.rotation = -6.0;
        card.holder.number = id.clone();
        crate::imaging::jpeg_write::encode(&photo(&scene).0, 90, 72).unwrap()
    };
    for (kind, bytes, name) in [(Kind::Photo, &portrait, "IMG_1.jpg"), (Kind::Document, &card, "李明轩身份证.jpg")]
    {
        let checked = pages.check_seen(kind, bytes, name, Some(&id));
        match (kind, &checked.seen) {
            (Kind::Photo, Seen::Face(Some(o), Some(_))) => assert_eq!(o.faces.len(), 1),
            (Kind::Document, Seen::Card(Some(c), Some(_))) => assert_eq!(c.number.as_deref(), Some(id.as_str())),
            (_, seen) => panic!("{kind:?}: the check kept {seen:?}"),
        }
        // Both files are small enough to be analysed at their own size.
        let picture = checked.picture().expect("the checked picture is kept for the preview");
        assert_eq!(picture.dimensions(), crate::imaging::decode::probe(bytes).unwrap().upright);
        let reused = pages.fix(kind, bytes, name, Some(&id), &checked.seen).unwrap();
        let afresh = pages.fix(kind, bytes, name, Some(&id), &Seen::Nothing).unwrap();
        assert_eq!((reused.bytes == afresh.bytes, &reused.file_name), (true, &afresh.file_name), "{kind:?}");
    }
}
