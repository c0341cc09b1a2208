//! `precheck batch`: a small generated class through matching, checks, fixes and the export, run
//! in-process like tests/cli.rs.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/zips.rs"]
mod zips;

use precheck::cli::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, run};
use precheck::identity::{Date, compose_id};
use precheck::photo::content::synthetic::draw::{Background, GRACE, Portrait, portrait};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("precheck-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn precheck(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("precheck").chain(args.iter().copied()).map(String::from);
    let code = run(argv, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// Fictional students; valid ID numbers computed, not typed.
fn students() -> Vec<(&'static str, String)> {
    ["李明轩", "王雨桐", "赵子涵", "陈思远", "刘欣怡", "周浩然"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let birth = Date::new(2010, 2 + i as u8, 3 + i as u8).unwrap();
            (*name, compose_id("410102", birth, &format!("{:03}", 11 + i * 3)).unwrap())
        })
        .collect()
}

/// The roster as WPS saves "CSV": GBK, a title row, extra columns.
fn roster_gbk(students: &[(&str, String)]) -> Vec<u8> {
    let mut text = String::from("郑州市某中学九年级3班花名册,,,\r\n序号,姓名,性别,身份证号\r\n");
    for (i, (name, id)) in students.iter().enumerate() {
        text += &format!("{},{name},{},{id}\r\n", i + 1, if i % 2 == 0 { "男" } else { "女" });
    }
    encoding_rs::GBK.encode(&text).0.into_owned()
}

/// A real face (Grace Hopper, public domain) drawn into a `w`×`h` picture, head and top margin
/// scaled from the 450×600 layout that passes.
fn face_image(w: u32, h: u32, background: [u8; 3]) -> image::RgbImage {
    let src = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg")).unwrap();
    let source = precheck::imaging::decode::decode(&src, (u32::MAX, u32::MAX)).unwrap().image;
    let k = h as f32 / 600.0;
    let p = Portrait {
        width: w,
        height: h,
        head: 390.0 * k,
        top: 32.0 * k,
        centre_x: w as f32 / 2.0,
        roll: 0.0,
        background: Background::Solid(background),
        clothing: [28, 36, 52],
        collar: true,
    };
    portrait(&source, &GRACE, &p).0
}

/// A registration photo at the profile's size, 300 dpi, under the byte limit.
fn face(background: [u8; 3]) -> Vec<u8> {
    let img = face_image(450, 600, background);
    fixtures::fit_quality(29_500, 95, |q| fixtures::jpeg(&img, q, Some(300))).unwrap().1
}

/// What a phone sends: larger, 72 dpi, not size-limited.
fn phone_photo() -> Vec<u8> {
    fixtures::jpeg(&face_image(900, 1200, BLUE), 90, Some(72))
}

const BLUE: [u8; 3] = [67, 142, 219];

/// A phone photo of a fictional card carrying `id`, on a wooden table, a little turned: the fix
/// straightens it (and the number read off it is the student's).
fn card_photo(seed: u64, id: &str) -> image::RgbImage {
    use precheck::document::card::synthetic::{Background as Table, Scene, photo};
    let mut scene = Scene::simple(1000, 700, seed);
    scene.background = Table::Wood;
    let card = scene.card.as_mut().unwrap();
    card.rotation = 4.0;
    card.holder.number = id.to_owned();
    photo(&scene).0
}

fn card(id: &str) -> Vec<u8> {
    fixtures::jpeg(&card_photo(61, id), 90, Some(96))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Reads `检查报告.csv`: (name, id, photo, document, problems) per row.
fn report(out: &Path) -> Vec<[String; 5]> {
    let bytes = std::fs::read(out.join("检查报告.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["姓名", "身份证号", "照片", "证件", "问题"]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            std::array::from_fn(|i| r.get(i).unwrap_or_default().trim().to_owned())
        })
        .collect()
}

#[test]
fn a_class_is_matched_checked_fixed_named_and_reported() {
    let dir = temp_dir("class");
    let class = students();
    let roster = dir.join("花名册.csv");
    write(&roster, &roster_gbk(&class));

    // Loose files and a folder, as a teacher saves them from WeChat.
    let inbox = dir.join("收到的文件");
    write(&inbox.join("李明轩.jpg"), &face(BLUE)); // passes as given
    write(&inbox.join(format!("{}.jpg", class[0].1)), &card(&class[0].1)); // named by ID, card by shape
    write(&inbox.join("王雨桐/IMG_0001.jpg"), &phone_photo()); // a phone photo: fixed
    write(&inbox.join("王雨桐/IMG_0002.png"), &fixtures::png_rgb8(&card_photo(62, &class[1].1)));
    write(&inbox.join("赵子涵.jpg"), &face([245, 245, 245])); // white background
    write(&inbox.join("赵子涵身份证.jpg"), &card(&class[2].1));
    write(&inbox.join("陈思远身份证.jpg"), &card(&class[3].1)); // no photo
    write(&inbox.join("mmexport1712345678901.jpg"), &face(BLUE)); // whose?
    // Two students' files in a ZIP made on a Chinese Windows PC (GBK names).
    let grey = fixtures::jpeg_gray(&fixtures::portrait(450, 600), 85);
    let zipped = zips::gbk_zip(&[
        ("三班/刘欣怡.jpg", &face(BLUE)),
        ("三班/刘欣怡身份证.jpg", &card(&class[4].1)),
        ("三班/周浩然.jpg", &grey),
        ("三班/周浩然sfz.jpg", &card(&class[5].1)),
    ]);
    let archive = dir.join("三班.zip");
    write(&archive, &zipped);

    let out = dir.join("导出");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let (code, stdout, stderr) =
        precheck(&["batch", &s(&inbox), &s(&archive), "--roster", &s(&roster), "--out", &s(&out), "--json"]);
    assert_eq!(code, EXIT_FAIL, "three students must redo something\n{stdout}{stderr}");

    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let student = |i: usize| lines.iter().find(|l| l["kind"] == "student" && l["id"] == class[i].1.as_str()).unwrap();
    let status = |i: usize, kind: &str| student(i)[kind]["status"].as_str().unwrap().to_owned();
    assert_eq!(status(0, "photo"), "warn", "manual attire items: {}", student(0)); // as given
    assert_eq!(status(1, "photo"), "fail", "{}", student(1));
    assert_eq!(status(3, "photo"), "missing");
    assert_eq!(status(4, "document"), "fail", "named 刘欣怡身份证.jpg, not by ID");
    let unmatched: Vec<&str> =
        lines.iter().filter(|l| l["kind"] == "unmatched").map(|l| l["file"].as_str().unwrap()).collect();
    assert_eq!(unmatched, ["mmexport1712345678901.jpg"]);

    let rows = report(&out);
    assert_eq!(rows.len(), class.len(), "one row per roster student");
    for (row, (name, id)) in rows.iter().zip(&class) {
        assert_eq!((row[0].as_str(), row[1].as_str()), (*name, id.as_str()));
    }
    let cols = |i: usize| (rows[i][2].as_str(), rows[i][3].as_str());
    assert_eq!(cols(0), ("合格", "已修复"), "{:?}", rows[0]);
    assert_eq!(cols(1), ("已修复", "已修复"), "{:?}", rows[1]);
    assert_eq!(rows[0][4], "");
    assert_eq!(rows[1][4], "");
    assert_eq!(cols(2), ("需重交", "已修复"));
    assert!(rows[2][4].starts_with("照片需重拍：") && rows[2][4].contains("背景颜色"), "{}", rows[2][4]);
    assert_eq!((cols(3), rows[3][4].as_str()), (("缺少", "已修复"), "缺少照片"));
    assert_eq!(cols(4), ("合格", "已修复"), "{:?}", rows[4]);
    assert_eq!(rows[5][2], "需重交");
    assert!(rows[5][4].contains("黑白"), "{}", rows[5][4]);

    // Exactly the passing files, named by ID; each passes the single-file commands again.
    let listed = |folder: &str| {
        let mut names: Vec<String> = std::fs::read_dir(out.join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let named = |students: &[usize]| {
        let mut names: Vec<String> = students.iter().map(|&i| format!("{}.jpg", class[i].1)).collect();
        names.sort();
        names
    };
    assert_eq!(listed("照片"), named(&[0, 1, 4]));
    assert_eq!(listed("证件"), named(&[0, 1, 2, 3, 4, 5]));
    let photos: Vec<String> = named(&[0, 1, 4]).iter().map(|n| s(&out.join("照片").join(n))).collect();
    let documents: Vec<String> = named(&[0, 1, 2, 3, 4, 5]).iter().map(|n| s(&out.join("证件").join(n))).collect();
    let args = |cmd: &'static str, files: &[String]| {
        let mut a = vec![cmd];
        a.extend(files.iter().map(String::as_str));
        precheck(&a)
    };
    let (code, text, _) = args("photo", &photos);
    assert_eq!(code, EXIT_OK, "{text}");
    let (code, text, _) = args("document", &documents);
    assert_eq!(code, EXIT_OK, "{text}");
}

#[test]
fn files_are_sorted_by_what_they_show_and_the_teacher_can_override() {
    let dir = temp_dir("content");
    let class = &students()[..3];
    let roster = dir.join("花名册.csv");
    write(&roster, &roster_gbk(class));
    let files = dir.join("files");
    // A card photographed with the phone held upright, sent as "照片": a card is seen, so the ID image.
    let tall_card = {
        use precheck::document::card::synthetic::{Background as Table, Scene, photo};
        let mut scene = Scene::simple(750, 1000, 63);
        scene.background = Table::Wood;
        scene.card.as_mut().unwrap().holder.number = class[0].1.clone();
        fixtures::jpeg(&photo(&scene).0, 90, Some(96))
    };
    write(&files.join("李明轩照片.jpg"), &tall_card);
    write(&files.join("李明轩/IMG_1.jpg"), &phone_photo());
    // A portrait sent as "身份证": no card, a face, and no other photo: the photo.
    write(&files.join("王雨桐身份证.jpg"), &phone_photo());
    write(&files.join("赵子涵1.jpg"), &phone_photo());
    write(&files.join("赵子涵2.jpg"), &card(&class[2].1));
    let out = dir.join("out");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let run = |extra: &[&str]| {
        let mut args = vec!["batch".to_owned(), s(&files), "--roster".into(), s(&roster), "--out".into(), s(&out)];
        args.push("--json".into());
        args.extend(extra.iter().map(|a| a.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        precheck(&args)
    };
    let file_of = |stdout: &str, i: usize, kind: &str| -> String {
        let line = stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|l| l["kind"] == "student" && l["id"] == class[i].1.as_str())
            .unwrap();
        line[kind]["file"].as_str().unwrap_or("").to_owned()
    };
    let (_, stdout, stderr) = run(&[]);
    assert_eq!(file_of(&stdout, 0, "document"), "李明轩照片.jpg", "{stdout}{stderr}");
    assert_eq!(file_of(&stdout, 0, "photo"), "IMG_1.jpg", "{stdout}");
    assert_eq!(file_of(&stdout, 1, "photo"), "王雨桐身份证.jpg", "{stdout}");
    assert_eq!(file_of(&stdout, 1, "document"), "", "{stdout}");
    assert_eq!(
        (file_of(&stdout, 2, "photo"), file_of(&stdout, 2, "document")),
        ("赵子涵1.jpg".into(), "赵子涵2.jpg".into())
    );

    // The teacher says otherwise: the two files of 赵子涵 trade places.
    let (_, stdout, stderr) = run(&["--kind", "赵子涵1.jpg=证件"]);
    assert_eq!(
        (file_of(&stdout, 2, "photo"), file_of(&stdout, 2, "document")),
        ("赵子涵2.jpg".into(), "赵子涵1.jpg".into()),
        "{stderr}"
    );
    // A file the teacher placed keeps its place: no face moves it out of the ID image's slot.
    let (_, stdout, _) = run(&["--kind", "王雨桐身份证.jpg=证件"]);
    assert_eq!(
        (file_of(&stdout, 1, "photo"), file_of(&stdout, 1, "document")),
        (String::new(), "王雨桐身份证.jpg".into())
    );
    for (bad, says) in [("nope.jpg=照片", "没有文件"), ("赵子涵1.jpg=猫", "应为"), ("赵子涵1.jpg", "应写成")]
    {
        let (code, _, err) = run(&["--kind", bad]);
        assert_eq!(code, EXIT_USAGE, "{bad}");
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn a_class_where_everything_passes_exits_0_and_bad_inputs_exit_2() {
    let dir = temp_dir("small");
    let class = &students()[..2];
    let roster = dir.join("名单.txt");
    // Pasted from a spreadsheet: tab-separated, UTF-8.
    let text: String = std::iter::once("姓名\t身份证号码\n".to_owned())
        .chain(class.iter().map(|(n, id)| format!("{n}\t{id}\n")))
        .collect();
    write(&roster, text.as_bytes());
    let photo = fixtures::jpeg(&fixtures::portrait(900, 1200), 90, Some(72));
    let files = dir.join("files");
    for (name, id) in class {
        write(&files.join(format!("{name}照片.jpg")), &photo);
        write(&files.join(format!("{name}证件.png")), &fixtures::png_rgb8(&card_photo(62, id)));
    }
    let out = dir.join("out");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let (code, stdout, stderr) =
        precheck(&["batch", &s(&files), "--roster", &s(&roster), "--out", &s(&out), "--files-only"]);
    assert_eq!(code, EXIT_OK, "{stdout}{stderr}");
    assert!(stdout.contains("2 位照片和证件照片都合格"), "{stdout}");
    assert!(report(&out).iter().all(|r| r[2] == "已修复" && r[3] == "已修复" && r[4].is_empty()));

    let no_header = dir.join("bad.csv");
    write(&no_header, "名字,号码\n张三,1\n".as_bytes());
    let (code, _, err) = precheck(&["batch", &s(&files), "--roster", &s(&no_header), "--out", &s(&out)]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("表头"), "{err}");
    let missing = dir.join("nope.csv");
    assert_eq!(precheck(&["batch", &s(&files), "--roster", &s(&missing), "--out", &s(&out)]).0, EXIT_USAGE);
    assert_eq!(precheck(&["batch", &s(&files), "--out", &s(&out)]).0, EXIT_USAGE, "--roster is required");

    let bomb = dir.join("bomb.zip");
    write(&bomb, &zips::zip_of(&[("a.jpg", &vec![0u8; 20 << 20])]));
    let (code, _, err) = precheck(&["batch", &s(&bomb), "--roster", &s(&roster), "--out", &s(&out)]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("压缩炸弹"), "{err}");
}

#[test]
fn hostile_class_inputs_get_chinese_answers_not_panics() {
    let dir = temp_dir("hostile");
    let class = students();
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    // A GBK roster where two lines share an ID (a copy-paste slip), one line is 陈思远's twin.
    let mut lines: Vec<(&str, String)> = class[..3].to_vec();
    lines.push(("陈思远", class[1].1.clone()));
    let roster = dir.join("花名册.csv");
    write(&roster, &roster_gbk(&lines));

    let photo = fixtures::jpeg(&fixtures::portrait(900, 1200), 90, Some(72));
    let by_id = format!("三班/{}.jpg", class[1].1); // an ID on two roster lines
    let zipped = zips::gbk_zip(&[
        ("三班/李明轩照片.jpg", photo.as_slice()),
        ("三班/李明轩身份证.jpg", b"".as_slice()), // zero bytes: the family sent nothing
        (by_id.as_str(), photo.as_slice()),
        ("三班/张小凡.jpg", photo.as_slice()), // not in this class
    ]);
    let archive = dir.join("班级文件.zip");
    write(&archive, &zipped);
    let empty = dir.join("赵子涵照片.jpg");
    write(&empty, b"");

    let out = dir.join("out");
    let (code, stdout, stderr) = precheck(&[
        "batch",
        &s(&archive),
        &s(&empty),
        "--roster",
        &s(&roster),
        "--out",
        &s(&out),
        "--files-only",
        "--json",
    ]);
    assert_eq!(code, EXIT_FAIL, "{stdout}{stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let unmatched: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["kind"] == "unmatched")
        .map(|l| (l["file"].as_str().unwrap(), l["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(unmatched.len(), 2, "{unmatched:?}");
    assert!(unmatched[0].1.contains("第 4、6 行重复"), "{unmatched:?}");
    assert_eq!(unmatched[1].0, "三班/张小凡.jpg");
    assert!(unmatched[1].1.contains("没有花名册中的姓名"), "{unmatched:?}");

    let rows = report(&out);
    assert_eq!(rows.len(), 4);
    // The zero-byte card: matched, checked, not fixable, named in Chinese.
    assert_eq!((rows[0][2].as_str(), rows[0][3].as_str()), ("已修复", "需重交"), "{:?}", rows[0]);
    assert!(rows[0][4].starts_with("证件照片需重拍或重新扫描："), "{:?}", rows[0]);
    assert!(rows[2][2] == "需重交" && rows[2][4].contains("照片需重拍："), "{:?}", rows[2]);
    for row in [&rows[1], &rows[3]] {
        assert!(row[4].contains("身份证号与第") && row[4].contains("重复"), "{row:?}");
    }
    // Only 李明轩's photo is exported: the duplicate ID names no file.
    let exported: Vec<String> = std::fs::read_dir(out.join("照片"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(exported, [format!("{}.jpg", class[0].1)]);
    assert!(!out.join("证件").exists());

    // A ZIP whose header declares 2 GB for one picture is refused from the directory alone.
    let mut liar = zips::zip_of(&[("李明轩.jpg", &photo)]);
    let at = liar.windows(4).position(|w| w == b"PK\x01\x02").unwrap() + 24;
    liar[at..at + 4].copy_from_slice(&(2u32 << 30).to_le_bytes());
    let liar_path = dir.join("liar.zip");
    write(&liar_path, &liar);
    let (code, _, err) = precheck(&["batch", &s(&liar_path), "--roster", &s(&roster), "--out", &s(&out)]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("超过单个文件 64 MB 的上限"), "{err}");

    // An empty roster file.
    let blank = dir.join("空.csv");
    write(&blank, b"");
    let (code, _, err) = precheck(&["batch", &s(&archive), "--roster", &s(&blank), "--out", &s(&out)]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("花名册是空的"), "{err}");
}

/// A generated class of 40 (fictional names, computed IDs), a phone photo and a card each, in one
/// GBK-named ZIP, file rules only. Prints the wall time; ignored by default (a measurement, run
/// with `cargo test --release --test batch -- --ignored --nocapture`).
#[test]
#[ignore = "a measurement"]
fn forty_students_timing() {
    const SURNAMES: [&str; 8] = ["李", "王", "张", "刘", "陈", "杨", "赵", "黄"];
    const GIVEN: [&str; 5] = ["明轩", "雨桐", "子涵", "思远", "欣怡"];
    let class: Vec<(String, String)> = (0..40)
        .map(|i| {
            let birth = Date::new(2010, 1 + (i % 12) as u8, 1 + (i % 28) as u8).unwrap();
            let name = format!("{}{}", SURNAMES[i % 8], GIVEN[i / 8]);
            (name, compose_id("410102", birth, &format!("{:03}", 100 + i)).unwrap())
        })
        .collect();
    let dir = temp_dir("forty");
    let roster = dir.join("花名册.csv");
    let refs: Vec<(&str, String)> = class.iter().map(|(n, id)| (n.as_str(), id.clone())).collect();
    write(&roster, &roster_gbk(&refs));
    let photo = fixtures::jpeg(&fixtures::portrait(900, 1200), 90, Some(72));
    let cards: Vec<Vec<u8>> = class.iter().map(|(_, id)| fixtures::png_rgb8(&card_photo(62, id))).collect();
    let names: Vec<(String, &[u8])> = class
        .iter()
        .zip(&cards)
        .flat_map(|((n, _), card)| {
            [(format!("{n}/照片.jpg"), photo.as_slice()), (format!("{n}/身份证.png"), card.as_slice())]
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let archive = dir.join("班级.zip");
    write(&archive, &zips::gbk_zip(&entries));
    let out = dir.join("out");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let started = std::time::Instant::now();
    let (code, stdout, stderr) =
        precheck(&["batch", &s(&archive), "--roster", &s(&roster), "--out", &s(&out), "--files-only"]);
    let elapsed = started.elapsed();
    assert_eq!(code, EXIT_OK, "{stdout}{stderr}");
    assert_eq!(report(&out).len(), 40);
    println!(
        "batch 40 students, 80 files ({} KB zip), files only: {:.2} s",
        std::fs::metadata(&archive).unwrap().len() / 1024,
        elapsed.as_secs_f64()
    );
}
