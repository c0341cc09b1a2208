//! The `precheck` command line: exit codes, JSON lines, and `fix --out`.

#[path = "support/fixtures.rs"]
mod fixtures;

use precheck::cli::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, run};
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("precheck-cli-{name}-{}", std::process::id()));
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

#[test]
fn checks_files_and_sets_the_exit_code() {
    let dir = temp_dir("check");
    let good = dir.join("good.jpg");
    let (_, bytes) =
        fixtures::fit_quality(30_000, 95, |q| fixtures::jpeg(&fixtures::portrait(450, 600), q, Some(300))).unwrap();
    std::fs::write(&good, bytes).unwrap();
    let bad = dir.join("bad.jpg");
    std::fs::write(&bad, fixtures::jpeg(&fixtures::portrait(600, 800), 90, Some(72))).unwrap();
    let good_s = good.to_str().unwrap();
    let bad_s = bad.to_str().unwrap();

    let (code, out, _) = precheck(&["photo", "--files-only", good_s]);
    assert_eq!(code, EXIT_OK, "{out}");
    assert!(out.contains("全部通过"), "{out}");
    // Every row names its check in Chinese, the file checks as well as the content checks.
    for (id, label) in [("file.format", "文件格式"), ("file.size", "文件大小"), ("image.dpi", "分辨率（dpi）")]
    {
        assert!(out.lines().any(|l| l.contains(id) && l.contains(&format!("（{label}）"))), "{id}: {out}");
    }

    let (code, out, _) = precheck(&["photo", "--files-only", "--json", good_s, bad_s]);
    assert_eq!(code, EXIT_FAIL);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "one JSON object per line");
    assert_eq!(lines[0]["verdict"], "pass");
    assert_eq!(lines[0]["kind"], "photo");
    assert_eq!(lines[0]["profile"], "henan-2024");
    assert_eq!(lines[1]["verdict"], "fail");
    let failed: Vec<&str> = lines[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "fail")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&"image.dimensions") && failed.contains(&"image.dpi"), "{failed:?}");
    assert!(!failed.contains(&"image.color") && !failed.contains(&"file.format"), "{failed:?}");

    // The same good photo fails the Zhengzhou size rule: the profile decides.
    let (code, _, _) = precheck(&["photo", "--files-only", "--profile", "zhengzhou-2023", good_s]);
    assert_eq!(code, EXIT_FAIL);

    let (code, out, _) = precheck(&["document", "--json", good_s]);
    assert_eq!(code, EXIT_FAIL);
    assert!(out.contains("\"file.name\""), "{out}");
    // A portrait photo has no card in it: the document report says so with `"card": null`.
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report.get("card"), Some(&serde_json::Value::Null), "{out}");
}

#[test]
fn usage_errors_and_unreadable_files_exit_2() {
    let missing = temp_dir("missing").join("nope.jpg");
    let (code, _, err) = precheck(&["photo", "--files-only", missing.to_str().unwrap()]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("无法读取"), "{err}");
    assert_eq!(precheck(&["photo"]).0, EXIT_USAGE, "no files");
    assert_eq!(precheck(&["scan", "x.jpg"]).0, EXIT_USAGE, "unknown command");
    let (code, _, err) = precheck(&["photo", "--files-only", "--profile", "mars-2099", "x.jpg"]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("henan-2024"), "lists the known profiles: {err}");
    assert_eq!(precheck(&["fix", "photo", "x.jpg"]).0, EXIT_USAGE, "--out is required");
    let (code, _, err) = precheck(&["photo", "--confirm", "attire.jewelry", "x.jpg"]);
    assert_eq!(code, EXIT_USAGE, "a misspelt check is not silently ignored");
    assert!(err.contains("没有名为“attire.jewelry”的检查项"), "{err}");
}

#[test]
fn fix_writes_compliant_files() {
    let dir = temp_dir("fix");
    let src = dir.join("IMG_0001.jpg");
    std::fs::write(&src, fixtures::jpeg(&fixtures::portrait(900, 1300), 95, Some(72))).unwrap();
    let mut scene = precheck::document::card::synthetic::Scene::simple(1600, 1200, 51);
    scene.background = precheck::document::card::synthetic::Background::Wood;
    scene.card.as_mut().unwrap().rotation = 6.0;
    let (picture, truth) = precheck::document::card::synthetic::photo(&scene);
    let id = truth.number.clone().expect("portrait side");
    let card = dir.join(format!("{id}.png"));
    std::fs::write(&card, fixtures::png_rgb8(&picture)).unwrap();
    let gray = dir.join("gray.jpg");
    std::fs::write(&gray, fixtures::jpeg_gray(&fixtures::portrait(450, 600), 80)).unwrap();
    let out_dir = dir.join("out");
    let out_s = out_dir.to_str().unwrap();

    let (code, out, _) = precheck(&["fix", "photo", src.to_str().unwrap(), "--out", out_s]);
    assert_eq!(code, EXIT_OK, "{out}");
    let fixed = out_dir.join("IMG_0001-合格.jpg");
    let (code, _, _) = precheck(&["photo", "--files-only", fixed.to_str().unwrap()]);
    assert_eq!(code, EXIT_OK, "the fixed file passes the same checks");

    // A tilted card on a table: the original fails card.level, the straightened file passes everything.
    let (code, out, _) = precheck(&["document", "--json", card.to_str().unwrap()]);
    assert_eq!(code, EXIT_FAIL, "{out}");
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let level = report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "card.level").cloned();
    assert_eq!(level.map(|c| c["status"].clone()), Some("fail".into()), "{out}");
    // The card: its corners in the file's pixels, TL, TR, BR, BL as read, and its number, which
    // matches the file's name.
    assert_eq!(report["card"]["number"], id.as_str(), "{out}");
    let corners = report["card"]["corners"].as_array().expect("corners");
    assert_eq!(corners.len(), 4);
    for (c, t) in corners.iter().zip(truth.corners.unwrap()) {
        let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((x - t.x).hypot(y - t.y) < 8.0, "{c:?} vs {t:?}");
    }
    let number = report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "card.number").cloned();
    assert_eq!(number.map(|c| c["status"].clone()), Some("pass".into()), "{out}");
    let (code, out, _) = precheck(&["fix", "document", card.to_str().unwrap(), "--out", out_s]);
    assert_eq!(code, EXIT_OK, "{out}");
    let fixed = out_dir.join(format!("{id}.jpg"));
    let (code, out, _) = precheck(&["document", fixed.to_str().unwrap()]);
    assert_eq!(code, EXIT_OK, "{out}");
    assert!(out.contains("证件水平"), "the card rows are listed by name: {out}");
    let (code, out, _) = precheck(&["document", "--files-only", "--json", card.to_str().unwrap()]);
    assert_eq!(code, EXIT_FAIL, "still the wrong size and dpi");
    assert!(!out.contains("card."), "--files-only skips the card: {out}");
    assert!(!out.contains("\"card\""), "and does not report one: {out}");

    let (code, out, _) = precheck(&["fix", "photo", "--json", gray.to_str().unwrap(), "--out", out_s]);
    assert_eq!(code, EXIT_FAIL, "a grey-scale photo cannot be fixed");
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["fixed"], false);
}

/// A real face (Grace Hopper, public domain) drawn with known geometry into a 450×600 photo.
fn face_photo(dir: &std::path::Path, name: &str, head: f32, top: f32) -> PathBuf {
    use precheck::photo::content::synthetic::draw::{Background, GRACE, Portrait, portrait};
    let src = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg")).unwrap();
    let source = precheck::imaging::decode::decode(&src, (u32::MAX, u32::MAX)).unwrap().image;
    let p = Portrait {
        width: 450,
        height: 600,
        head,
        top,
        centre_x: 225.0,
        roll: 0.0,
        background: Background::Solid([67, 142, 219]),
        clothing: [28, 36, 52],
        collar: true,
    };
    let (img, _) = portrait(&source, &GRACE, &p);
    let (_, bytes) = fixtures::fit_quality(29_500, 95, |q| fixtures::jpeg(&img, q, Some(300))).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn photo_content_checks_match_the_site_and_confirmations_are_reported() {
    let dir = temp_dir("content");
    let good = face_photo(&dir, "good.jpg", 390.0, 32.0);
    let small = face_photo(&dir, "small.jpg", 250.0, 120.0);
    let (code, out, err) = precheck(&["photo", "--json", good.to_str().unwrap(), small.to_str().unwrap()]);
    assert_eq!(code, EXIT_FAIL, "the small head fails: {out}{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let status = |line: &serde_json::Value, id: &str| {
        line["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_owned())
    };
    for id in
        ["face.count", "face.head_height", "face.top_margin", "face.centered", "face.eye_line", "background.color"]
    {
        assert_eq!(status(&lines[0], id).as_deref(), Some("pass"), "good photo {id}: {}", lines[0]);
    }
    assert_eq!(status(&lines[1], "face.head_height").as_deref(), Some("fail"), "{}", lines[1]);
    assert_eq!(status(&lines[0], "attire.jewellery").as_deref(), Some("manual"));

    // A confirmation given on the command line is part of the report.
    let (_, out, _) = precheck(&["photo", "--json", "--confirm", "attire.jewellery", good.to_str().unwrap()]);
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let jewellery = line["checks"].as_array().unwrap().iter().find(|c| c["id"] == "attire.jewellery").unwrap();
    assert_eq!(jewellery["confirmed"], true, "{jewellery}");
}

#[test]
fn document_id_is_cross_checked_with_the_card_and_names_the_fix() {
    use precheck::document::card::synthetic::{Background, Scene, photo};
    let dir = temp_dir("document-id");
    let mut scene = Scene::simple(1600, 1200, 52);
    scene.background = Background::Wood;
    let (picture, truth) = photo(&scene);
    let id = truth.number.clone().expect("portrait side");
    // Sent over WeChat: the name says nothing, so the typed ID is what the card is compared with.
    let card = dir.join("mmexport1712345678901.png");
    std::fs::write(&card, fixtures::png_rgb8(&picture)).unwrap();
    let card_s = card.to_str().unwrap();
    let number_row = |out: &str| -> serde_json::Value {
        let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "card.number").cloned().unwrap()
    };

    let (_, out, err) = precheck(&["document", "--json", "--id", &id, card_s]);
    let row = number_row(&out);
    assert_eq!(row["status"], "pass", "{out}{err}");
    assert!(row["message"].as_str().unwrap().contains("与填写的身份证号一致"), "{row}");

    let other = "11010519491231002X";
    assert_ne!(other, id);
    let (code, out, _) = precheck(&["document", "--json", "--id", other, card_s]);
    let row = number_row(&out);
    assert_eq!((code, row["status"].as_str()), (EXIT_FAIL, Some("fail")), "{out}");
    assert!(row["message"].as_str().unwrap().contains(&format!("填写的身份证号 {other}")), "{row}");

    // A malformed ID is a usage error naming what is wrong; --id is for ID images only.
    let (code, _, err) = precheck(&["document", "--id", "12345", card_s]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("--id") && err.contains("18 位"), "{err}");
    let (code, _, err) = precheck(&["fix", "photo", "--id", &id, card_s, "--out", dir.join("o").to_str().unwrap()]);
    assert_eq!(code, EXIT_USAGE);
    assert!(err.contains("只用于证件"), "{err}");
    let (_, help, _) = precheck(&["document", "--help"]);
    assert!(help.contains("--id <ID>") && help.contains("身份证号"), "{help}");

    // The fix is named by the number read off the card; the typed ID (any case) agrees.
    let out_dir = dir.join("out");
    let (code, out, err) =
        precheck(&["fix", "document", card_s, "--id", &id.to_lowercase(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, EXIT_OK, "{out}{err}");
    assert!(out_dir.join(format!("{id}.jpg")).exists(), "{out}");
}
