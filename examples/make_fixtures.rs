//! Writes the end-to-end test inputs into a directory, plus `manifest.json` describing each file and
//! what the browser tests expect of it.
//!
//!     cargo run --example make_fixtures -- tests/e2e/.fixtures
//!
//! The pictures come from `tests/support/fixtures.rs` (pure Rust, deterministic).

#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/zips.rs"]
mod zips;

use fixtures::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A candidate's ID number with a correct check character (GB 11643-1999).
const ID: &str = "11010519491231002X";
const PHOTO_MAX: usize = 30_000;
const DOC_MAX: usize = 50_000;

struct Entry {
    file: String,
    page: &'static str,
    purpose: String,
    /// JSON object text with the expectations the e2e tests check.
    expect: String,
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Writer {
    dir: PathBuf,
    entries: Vec<Entry>,
}

impl Writer {
    fn put(&mut self, file: &str, page: &'static str, bytes: &[u8], purpose: impl Into<String>, expect: &str) {
        let path = self.dir.join(file);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        let purpose = purpose.into();
        println!("{file:32} {:>9} B  {purpose}", bytes.len());
        self.entries.push(Entry { file: file.to_string(), page, purpose, expect: expect.to_string() });
    }

    fn manifest(&self) -> String {
        let mut s = String::from("{\n  \"id_number\": ");
        s.push_str(&json_str(ID));
        let _ =
            write!(s, ",\n  \"photo_max_bytes\": {PHOTO_MAX},\n  \"document_max_bytes\": {DOC_MAX},\n  \"files\": [\n");
        for (i, e) in self.entries.iter().enumerate() {
            let bytes = std::fs::metadata(self.dir.join(&e.file)).map(|m| m.len()).unwrap_or(0);
            let _ = writeln!(
                s,
                "    {{\"file\": {}, \"bytes\": {bytes}, \"page\": {}, \"purpose\": {}, \"expect\": {}}}{}",
                json_str(&e.file),
                json_str(e.page),
                json_str(&e.purpose),
                e.expect,
                if i + 1 < self.entries.len() { "," } else { "" }
            );
        }
        s.push_str("  ]\n}\n");
        s
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/e2e/.fixtures".to_string());
    let dir = Path::new(&dir).to_path_buf();
    std::fs::create_dir_all(&dir).expect("create fixture directory");
    let started = Instant::now();
    let mut w = Writer { dir: dir.clone(), entries: Vec::new() };

    // ---- registration photos (450×600, ≥ 300 dpi, JPEG ≤ 30,000 bytes) ----
    let photo = portrait(450, 600);
    let (good_q, good) =
        fit_quality(PHOTO_MAX - 500, 95, |q| jpeg(&photo, q, Some(300))).expect("a quality that fits 30,000 bytes");
    assert!(good_q >= 40, "good photo needs quality {good_q}: too much noise in the portrait");
    w.put(
        "photo-good.jpg",
        "photo",
        &good,
        format!("450×600 baseline JPEG, 300 dpi JFIF, quality {good_q}, ≤ 30,000 bytes: every check passes"),
        r#"{"verdict": "pass", "checks": {"file.format": "pass", "file.size": "pass", "image.dimensions": "pass", "image.dpi": "pass", "image.color": "pass"}}"#,
    );
    w.put(
        "photo-72dpi.jpg",
        "photo",
        &jpeg(&photo, good_q, Some(72)),
        "the good photo with 72 dpi in JFIF: image.dpi fails, the fix sets 300 dpi",
        r#"{"verdict": "fail", "checks": {"file.format": "pass", "image.dimensions": "pass", "image.dpi": "fail"}, "fix": true}"#,
    );
    let too_big = [95u8, 98, 100]
        .iter()
        .map(|&q| jpeg(&portrait_with_noise(450, 600, 14.0), q, Some(300)))
        .find(|b| b.len() >= 40_000)
        .expect("a ≥ 40,000-byte 450×600 JPEG");
    w.put(
        "photo-too-big.jpg",
        "photo",
        &too_big,
        "450×600, 300 dpi, high quality and noisy: over 30,000 bytes, file.size fails, the fix recompresses",
        r#"{"verdict": "fail", "checks": {"file.format": "pass", "file.size": "fail", "image.dimensions": "pass", "image.dpi": "pass"}, "fix": true}"#,
    );
    w.put(
        "photo-wrong-size.jpg",
        "photo",
        &jpeg(&portrait(600, 800), 80, Some(300)),
        "600×800 portrait (right aspect, wrong size): image.dimensions fails, the fix resizes to 450×600",
        r#"{"verdict": "fail", "checks": {"file.format": "pass", "image.dimensions": "fail"}, "fix": true}"#,
    );
    w.put(
        "photo-gray.jpg",
        "photo",
        &fit_quality(PHOTO_MAX - 500, 95, |q| jpeg_gray(&photo, q)).expect("gray fits").1,
        "1-component grayscale JPEG, 450×600, 300 dpi: image.color fails (a colour photo is required)",
        r#"{"verdict": "fail", "checks": {"file.format": "pass", "image.color": "fail"}}"#,
    );
    w.put(
        "photo-png-renamed.jpg",
        "photo",
        &png_rgb8(&photo),
        "PNG bytes named .jpg: file.format fails (judged by content, not by name), the fix converts to JPEG",
        r#"{"verdict": "fail", "checks": {"file.format": "fail"}, "fix": true}"#,
    );
    w.put(
        "photo-heic.jpg",
        "photo",
        &heic_stub(),
        "iPhone HEIC (ftyp heic/mif1) named .jpg: cannot be decoded here, the message explains the iPhone setting",
        r#"{"checks": {"file.format": "fail"}, "undecodable": true, "error": "iPhone|苹果", "fix": false}"#,
    );
    w.put(
        "photo-empty.jpg",
        "photo",
        &[],
        "0 bytes: file.format fails, no crash",
        r#"{"checks": {"file.format": "fail"}, "undecodable": true, "fix": false}"#,
    );
    w.put(
        "photo-truncated.jpg",
        "photo",
        &truncated(&good, 0.5),
        "the good photo cut in half (no EOI): file.format fails, page stays usable",
        r#"{"checks": {"file.format": "fail"}, "undecodable": true}"#,
    );
    w.put(
        "photo-corrupt.jpg",
        "photo",
        &corrupt(&good),
        "the good photo with its middle third overwritten by garbage: file.format fails, page stays usable",
        r#"{"checks": {"file.format": "fail"}, "undecodable": true}"#,
    );
    w.put(
        "photo-cmyk.jpg",
        "photo",
        &jpeg_cmyk(&photo, 85),
        "4-component CMYK JPEG (Adobe APP14), 450×600, 300 dpi: reported (image.color should not pass), the fix gives sRGB",
        r#"{"report": true, "fix": true}"#,
    );
    w.put(
        "photo-progressive.jpg",
        "photo",
        &jpeg_progressive(&portrait(600, 800), 85),
        "progressive JPEG (SOF2), 600×800, 300 dpi: must decode; image.dimensions fails, the fix gives a baseline 450×600",
        r#"{"report": true, "checks": {"image.dimensions": "fail"}, "fix": true}"#,
    );
    w.put(
        "photo-16bit.png",
        "photo",
        &png_rgb16(&photo),
        "16-bit-per-channel RGB PNG, 450×600: file.format fails, the fix converts to an 8-bit JPEG",
        r#"{"checks": {"file.format": "fail"}, "fix": true}"#,
    );
    w.put(
        "photo-text.jpg",
        "photo",
        &text_file(),
        "a UTF-8 text file named .jpg: file.format fails",
        r#"{"checks": {"file.format": "fail"}, "undecodable": true, "fix": false}"#,
    );
    w.put(
        "photo-bomb.png",
        "photo",
        &png_bomb(20000, 20000),
        "PNG whose IHDR claims 20000×20000 (1.2 GB of pixels) with a tiny IDAT: refused quickly, no allocation",
        r#"{"refused": true, "fix": false}"#,
    );
    w.put(
        "photo-jpeg-bomb.jpg",
        "photo",
        &jpeg_header_bomb(20000, 20000),
        "JPEG whose SOF claims 20000×20000: refused quickly, no allocation",
        r#"{"refused": true, "fix": false}"#,
    );
    let (orient_q, _) =
        fit_quality(PHOTO_MAX - 1_000, 95, |q| jpeg_with_exif(&photo, q, 6, Some(300), Some("Fixture"))).unwrap();
    for o in 1..=8u16 {
        let stored = stored_for_orientation(&photo, o);
        let big_endian = o % 2 == 0;
        w.put(
            &format!("photo-orient-{o}.jpg"),
            "photo",
            &jpeg_with_exif_endian(&stored, orient_q, o, Some(300), Some("Fixture"), big_endian),
            format!(
                "EXIF orientation {o} ({} TIFF), stored {}×{}, upright 450×600; 300 dpi only in EXIF (JFIF unit 0): image.dimensions judged on the stored pixels (1 pass, 2–4 warn, 5–8 fail), the fix is upright",
                if big_endian { "big-endian" } else { "little-endian" },
                stored.width(),
                stored.height()
            ),
            &format!(r#"{{"orientation": {o}, "report": true}}"#),
        );
    }
    let t = Instant::now();
    let twelve = twelve_mp_photo();
    w.put(
        "photo-12mp.jpg",
        "photo",
        &twelve,
        format!(
            "4000×3000 phone photo (quality 90, EXIF 72 dpi, generated in {} ms): check and fix timings are printed",
            t.elapsed().as_millis()
        ),
        r#"{"verdict": "fail", "checks": {"image.dimensions": "fail"}, "fix": true, "timing": true}"#,
    );

    // ---- ID-card images (800×600, ≥ 300 dpi, ≤ 50,000 bytes, named <ID>.jpg) ----
    let card = good_document();
    let (doc_q, doc) =
        fit_quality(DOC_MAX - 1_000, 95, |q| jpeg(&card, q, Some(300))).expect("document fits 50,000 bytes");
    w.put(
        &format!("{ID}.jpg"),
        "document",
        &doc,
        format!("800×600 image of a fictional card, upright, centred with a 3 % margin on a dark grey ground, 300 dpi, quality {doc_q}, ≤ 50,000 bytes, named <ID>.jpg: every check passes, the card's too (its number is read and matches the name)"),
        r#"{"verdict": "pass", "checks": {"file.format": "pass", "file.size": "pass", "file.name": "pass", "image.dimensions": "pass", "image.dpi": "pass", "card.found": "pass", "card.level": "pass", "card.legible": "pass", "card.number": "pass"}}"#,
    );
    w.put(
        "document-wrong-name.jpg",
        "document",
        &doc,
        "the good document under another name: file.name fails, the fixed download is named <ID>.jpg",
        r#"{"verdict": "fail", "checks": {"file.name": "fail", "image.dimensions": "pass"}, "fix": true}"#,
    );
    // The demo student's own card (示例数据's ID), for the readiness walk-through: the fix names it
    // after the number it reads, which is the ID the form holds.
    let sample_id = precheck::registration::sample_registration(precheck::profile::default_profile()).id_number;
    let sample = document_of(&sample_id);
    let (_, sample_doc) =
        fit_quality(DOC_MAX - 1_000, 95, |q| jpeg(&sample, q, Some(300))).expect("document fits 50,000 bytes");
    w.put(
        "document-sample-student.jpg",
        "confirmation",
        &sample_doc,
        format!("the demo student's card (number {sample_id}) under another name: the fix names it <that ID>.jpg"),
        r#"{"verdict": "fail", "checks": {"file.name": "fail", "card.number": "pass"}, "fix": true}"#,
    );
    let phone = jpeg_with_exif(&card_on_table(), 92, 1, Some(72), Some("PhoneCamera 1.0"));
    assert!(phone.len() > DOC_MAX);
    w.put(
        "document-phone.jpg",
        "document",
        &phone,
        "2000×1500 phone picture of a fictional card on a wooden table, turned 8° and seen slightly from the side, 72 dpi: size, dimensions, dpi and card.level fail; the fix straightens it into <ID>.jpg",
        r#"{"verdict": "fail", "checks": {"file.size": "fail", "image.dimensions": "fail", "card.found": "pass", "card.side": "pass", "card.level": "fail"}, "fix": true}"#,
    );

    face_portraits(&mut w);
    class(&dir);
    camera_videos(&dir);

    std::fs::write(dir.join("manifest.json"), w.manifest()).expect("write manifest");
    println!("{} files + manifest.json in {} ({} ms)", w.entries.len(), dir.display(), started.elapsed().as_millis());
}

/// The fake camera's videos for `#/camera` (camera/*.y4m, 640×480, two frames each, played in a
/// loop by Chromium's `--use-file-for-fake-video-capture`): a real CC0 portrait of an adult
/// (`../shared/real-portraits`, see its README) on a blue wall, framed, far, near, in a dim room,
/// and the empty wall.
fn camera_videos(dir: &Path) {
    use precheck::camera::assess::aspect;
    use precheck::camera::guide::Guide;
    use precheck::camera::staged::{Placement, WALL, dim, portrait, stage, y4m};
    let (w, h) = (640, 480);
    let out = dir.join("camera");
    std::fs::create_dir_all(&out).expect("camera fixture folder");
    let profile = precheck::profile::default_profile();
    let framed = Placement::framed(&Guide::new(w, h, aspect(profile), &profile.photo_content.geometry), w, h);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let face = portrait(root, "portrait_051.jpg").expect("../shared/real-portraits with its truth");
    let good = stage(&face, w, h, framed);
    let videos = [
        ("framed", good.clone()),
        ("far", stage(&face, w, h, Placement { head_share: 0.18, ..framed })),
        ("near", stage(&face, w, h, Placement { head_share: 0.95, top_y: 0.02, ..framed })),
        ("dark", dim(&good, 0.12)),
        ("empty", image::RgbImage::from_pixel(w, h, WALL)),
    ];
    for (name, frame) in videos {
        std::fs::write(out.join(format!("{name}.y4m")), y4m(&[frame.clone(), frame])).expect("write video");
    }
}

/// A small fictional class for `#/class` and `precheck batch` (class/): a GBK roster as WPS saves
/// it and the same as XLSX, loose files and a ZIP made on a Chinese Windows PC (GBK names), built
/// from the pictures above. `class.json` lists the students and what each was given.
fn class(dir: &Path) {
    use precheck::identity::{Date, compose_id};
    let out = dir.join("class");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("files")).expect("create class/files");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let students: Vec<(&str, String)> = ["李明轩", "王雨桐", "赵子涵", "陈思远"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let birth = Date::new(2010, 2 + i as u8, 3 + i as u8).expect("a date");
            (*name, compose_id("410102", birth, &format!("{:03}", 11 + i * 3)).expect("an ID"))
        })
        .collect();
    let mut csv = String::from("郑州市某中学九年级3班花名册,,,\r\n序号,姓名,性别,身份证号\r\n");
    let t = |s: &str| zips::XlsxCell::Text(s.to_owned());
    let mut rows = vec![vec![t("九年级3班")], vec![t("序号"), t("姓名"), t("身份证号")]];
    for (i, (name, id)) in students.iter().enumerate() {
        csv += &format!("{},{name},{},{id}\r\n", i + 1, if i % 2 == 0 { "男" } else { "女" });
        rows.push(vec![zips::XlsxCell::Number(i as f64 + 1.0), t(name), t(id)]);
    }
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("class/{name}: {e}"));
        println!("class/{name:40} {:>9} B", bytes.len());
    };
    write("花名册.csv", &encoding_rs::GBK.encode(&csv).0);
    write("花名册.xlsx", &zips::xlsx_with(&rows, ""));
    let (a, b, c) = (&students[0], &students[1], &students[2]);
    write(&format!("files/{}.jpg", a.0), &read("face-good.jpg"));
    write(&format!("files/{}.jpg", a.1), &read(&format!("{ID}.jpg")));
    write(&format!("files/{}.jpg", c.0), &read("face-white-background.jpg"));
    // A card photographed with the phone held upright: tall like a photo, named like one (the
    // student's name and a number), so only the look for a card (run by the page's analysis
    // workers, by `precheck batch` at once) makes it the ID image.
    write(&format!("files/{}2.jpg", c.0), &jpeg(&upright_card_photo(&c.1), 88, Some(72)));
    write("files/mmexport1712345678901.jpg", &read("face-good.jpg"));
    let (photo, card) = (read("face-phone.jpg"), read("document-phone.jpg"));
    let zipped =
        zips::gbk_zip(&[(&format!("三班/{}/IMG_0001.jpg", b.0), &photo), (&format!("三班/{}身份证.jpg", b.0), &card)]);
    write("files/三班.zip", &zipped);
    let list: Vec<String> = students
        .iter()
        .map(|(name, id)| format!("{{\"name\": {}, \"id\": {}}}", json_str(name), json_str(id)))
        .collect();
    let about = format!(
        "{{\"students\": [{}], \"unmatched\": [\"mmexport1712345678901.jpg\"], \"given\": {{\"photo\": [true, true, true, false], \"document\": [true, true, true, false]}}}}\n",
        list.join(", ")
    );
    write("class.json", about.as_bytes());
}

/// Portraits around a real face (Grace Hopper's public-domain portrait, composited with exactly known
/// geometry by `precheck::photo::content::synthetic::draw`) for the photo-content tests: the face
/// models must see a real face. `truth` in the manifest is the exact geometry in output pixels.
fn face_portraits(w: &mut Writer) {
    use precheck::photo::content::synthetic::draw::{Background, GRACE, Portrait, portrait};
    let source_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg");
    let source_bytes = std::fs::read(source_path).expect("tests/fixtures/portraits/grace_hopper.jpg");
    let source =
        precheck::imaging::decode::decode(&source_bytes, (u32::MAX, u32::MAX)).expect("decode Grace Hopper").image;
    const BLUE: [u8; 3] = [67, 142, 219];
    const NAVY: [u8; 3] = [28, 36, 52];
    let framed = |width: u32, height: u32, head: f32, top: f32, centre_x: f32| Portrait {
        width,
        height,
        head,
        top,
        centre_x,
        roll: 0.0,
        background: Background::Solid(BLUE),
        clothing: NAVY,
        collar: true,
    };
    let mut put = |file: &str, p: Portrait, quality_fit: bool, purpose: &str, expect: &str| {
        let (img, truth) = portrait(&source, &GRACE, &p);
        let bytes = if quality_fit {
            fit_quality(PHOTO_MAX - 500, 95, |q| jpeg(&img, q, Some(300))).expect("fits 30,000 bytes").1
        } else {
            jpeg(&img, 88, Some(72))
        };
        let expect = format!(
            r#"{{{expect}, "truth": {{"head_top": {:.1}, "chin": {:.1}, "eye_mid_x": {:.1}, "eye_mid_y": {:.1}}}}}"#,
            truth.head_top, truth.chin, truth.eye_mid.x, truth.eye_mid.y
        );
        w.put(file, "photo-content", &bytes, purpose, &expect);
    };
    put(
        "face-good.jpg",
        // Head 65 % and top margin 5.3 %: well inside the bands by more than the measurement
        // uncertainty (the composited face's eyes sit low in its head, under a cap).
        framed(450, 600, 390.0, 32.0, 225.0),
        true,
        "450×600 real face, head 65 % of the height, centred, blue background, navy clothes with collar: framing passes",
        r#""checks": {"face.count": "pass", "face.head_height": "pass", "face.top_margin": "pass", "face.centered": "pass", "face.eye_line": "pass", "background.color": "pass", "clothing.dark": "pass"}"#,
    );
    put(
        "face-small-head.jpg",
        framed(450, 600, 250.0, 120.0, 225.0),
        true,
        "450×600 real face, head only 42 % of the height: face.head_height fails",
        r#""checks": {"face.count": "pass", "face.head_height": "fail"}"#,
    );
    put(
        "face-off-centre.jpg",
        framed(450, 600, 399.0, 39.0, 150.0),
        true,
        "450×600 real face, eyes 75 px left of centre: face.centered fails",
        r#""checks": {"face.count": "pass", "face.centered": "fail"}"#,
    );
    put(
        "face-white-background.jpg",
        Portrait { background: Background::Solid([246, 246, 244]), ..framed(450, 600, 399.0, 39.0, 225.0) },
        true,
        "450×600 real face on a white background: background.color fails",
        r#""checks": {"face.count": "pass", "background.color": "fail"}"#,
    );
    put(
        "face-phone.jpg",
        framed(1200, 1600, 560.0, 420.0, 640.0),
        false,
        "1200×1600 phone photo, 72 dpi, head 35 % of the height, a little right of centre: the face-aware fix frames it",
        r#""fix": true"#,
    );
    put(
        "face-edge.jpg",
        framed(1200, 1600, 560.0, 420.0, 170.0),
        false,
        "1200×1600 phone photo with the face near the left edge: the fix refuses and says how to retake",
        r#""fix": false, "error": "边缘""#,
    );
}

/// A fictional card's portrait side as the platform wants it: upright, 752 px wide (3 % margins)
/// in the middle of an 800×600 dark grey ground. Drawn directly, not by the project's fix.
fn good_document() -> image::RgbImage {
    // The card carries the fixtures' ID (GB 11643's own example number), so its number matches
    // the file's name and the ID the tests type.
    document_of(ID)
}

/// The same card printed with `number`.
fn document_of(number: &str) -> image::RgbImage {
    use precheck::document::card::synthetic::{Holder, Rng, card_face};
    use precheck::document::card::{Side, layout::CARD_W};
    let holder = Holder { number: number.to_owned(), ..Holder::fictional(&mut Rng::new(7)) };
    let face = card_face(Side::Portrait, &holder, 752.0 / CARD_W);
    let mut out = image::RgbImage::from_pixel(800, 600, image::Rgb([58, 60, 64]));
    let (x0, y0) = ((800 - face.width()) / 2, (600 - face.height()) / 2);
    image::imageops::overlay(&mut out, &face, i64::from(x0), i64::from(y0));
    out
}

/// A portrait-held phone's 1200×1600 photo of a fictional card bearing `number`, on a wooden table.
fn upright_card_photo(number: &str) -> image::RgbImage {
    use precheck::document::card::synthetic::{Background, Scene, photo};
    let mut scene = Scene::simple(1200, 1600, 8);
    scene.background = Background::Wood;
    scene.card.as_mut().expect("a card").holder.number = number.to_owned();
    photo(&scene).0
}

/// A phone photo of a fictional card on a wooden table: turned 8°, its top edge 10 % shorter; its
/// number is the fixtures' ID.
fn card_on_table() -> image::RgbImage {
    use precheck::document::card::synthetic::{Background, Scene, photo};
    let mut scene = Scene::simple(2000, 1500, 8);
    scene.background = Background::Wood;
    let card = scene.card.as_mut().unwrap();
    (card.rotation, card.fy, card.length) = (8.0, 0.1, 1250.0);
    card.holder.number = ID.to_owned();
    photo(&scene).0
}
