//! Agreement of the photo-content checks with hand-checked truth on real photographs.
//!
//! ```sh
//! cargo run --release --example real_accuracy                    # the report
//! cargo run --release --example real_accuracy -- --draw /tmp/rp   # also draw model (green) and truth (red)
//! cargo run --release --example real_accuracy -- --draft          # print model readings as a truth draft
//! cargo run --release --example real_accuracy -- --measured       # also the eyes' and headwear's readings
//! ```
//!
//! The set is the 29 CC0 portraits of adults in `../shared/real-portraits` (sources in its README),
//! used in place, and the two public-domain portraits in `tests/fixtures/portraits` (Grace Hopper
//! and Eileen Collins; sources in its README); the truth is
//! `tests/fixtures/real-portraits-truth.toml` (eye centres, head top, chin, yaw/pitch bins,
//! glasses, headwear, number of faces; checked by eye on drawn copies). For
//! each check with a truth the command prints agreement, false passes (truth not `pass`, check
//! `pass`) and false fails (truth `pass`, check `fail`), and the pose confusion matrix.

use precheck::photo::content::geometry::{self, band_status, main_face};
use precheck::photo::content::pipeline::{analyse, embedded_models};
use precheck::profile::{GeometrySpec, default_profile};
use precheck::report::Status;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Turn {
    /// Within the pass limit.
    Level,
    /// Between the pass and the fail limit.
    Slight,
    /// Beyond the fail limit.
    Strong,
}

impl Turn {
    fn status(self) -> Status {
        match self {
            Turn::Level => Status::Pass,
            Turn::Slight => Status::Warn,
            Turn::Strong => Status::Fail,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Glasses {
    None,
    Clear,
    Tinted,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    /// The file's folder, relative to the repository root, if not `DIR`.
    #[serde(default)]
    folder: Option<String>,
    /// Person's right eye (viewer's left) and left eye centres, pixels of the original file.
    right_eye: [f32; 2],
    left_eye: [f32; 2],
    head_top: f32,
    chin: f32,
    yaw: Turn,
    pitch: Turn,
    glasses: Glasses,
    /// Clear lenses with reflections over the eyes.
    #[serde(default)]
    glare: bool,
    headwear: bool,
    faces: usize,
}

#[derive(Debug, Deserialize)]
struct TruthFile {
    portrait: Vec<Entry>,
}

const DIR: &str = "../shared/real-portraits";
const TRUTH: &str = "tests/fixtures/real-portraits-truth.toml";
const CHECKS: [&str; 9] = [
    "face.count",
    "face.pose",
    "face.eyes_open",
    "attire.headwear",
    "face.head_height",
    "face.top_margin",
    "face.eye_line",
    "face.centered",
    "face.eyebrows_visible",
];

/// What each check should say for this portrait (None: no truth for it).
fn expected(e: &Entry, g: &GeometrySpec, w: f32, h: f32) -> BTreeMap<&'static str, Status> {
    let (r, l) = (e.right_eye, e.left_eye);
    let roll = (l[1] - r[1]).atan2(l[0] - r[0]).to_degrees();
    let pose = geometry::pose::grade(roll, g.roll_pass_deg, g.roll_fail_deg).max(e.yaw.status()).max(e.pitch.status());
    let eyes = match (e.glasses, e.glare) {
        (Glasses::Tinted, _) => Status::Fail,
        (Glasses::Clear, true) => Status::Warn,
        _ => Status::Pass,
    };
    let mid = [(r[0] + l[0]) / 2.0, (r[1] + l[1]) / 2.0];
    let top = if e.head_top <= 0.0 {
        Status::Fail
    } else {
        band_status(e.head_top / h, g.top_margin_pass, g.top_margin_warn, 0.0)
    };
    BTreeMap::from([
        ("face.count", if e.faces == 1 { Status::Pass } else { Status::Fail }),
        ("face.pose", pose),
        ("face.eyes_open", eyes),
        ("attire.headwear", if e.headwear { Status::Warn } else { Status::Manual }),
        ("face.head_height", band_status((e.chin - e.head_top) / h, g.head_height_pass, g.head_height_warn, 0.0)),
        ("face.top_margin", top),
        ("face.eye_line", band_status(mid[1] / h, g.eye_line_pass, g.eye_line_warn, 0.0)),
        ("face.centered", band_status(mid[0] / w, g.centre_pass, g.centre_warn, 0.0)),
    ])
}

#[derive(Default)]
struct Tally {
    confusion: BTreeMap<&'static str, BTreeMap<(Status, Status), usize>>,
    /// Signed errors, % of the height: eye centres (x and y), head top, chin.
    eye_err: Vec<f32>,
    top_err: Vec<f32>,
    chin_err: Vec<f32>,
    roll_err: Vec<f32>,
    /// Measured yaw and pitch of the faces whose truth bin is level.
    level_yaw: Vec<f32>,
    level_pitch: Vec<f32>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let draw = args.iter().position(|a| a == "--draw").and_then(|i| args.get(i + 1)).cloned();
    let draft = args.iter().any(|a| a == "--draft");
    // Dev: `--dump-mesh FILE` appends each portrait's 468 mesh points as a JSON line (pose studies).
    let dump = args.iter().position(|a| a == "--dump-mesh").and_then(|i| args.get(i + 1)).cloned();
    let root = env!("CARGO_MANIFEST_DIR");
    let truth: Vec<Entry> = match std::fs::read_to_string(format!("{root}/{TRUTH}")) {
        Ok(t) => toml::from_str::<TruthFile>(&t).expect("truth file parses").portrait,
        Err(_) if draft => vec![],
        Err(e) => panic!("{TRUTH}: {e}"),
    };
    let models = embedded_models().expect("the embedded face models load");
    let profile = default_profile();
    let g = &profile.photo_content.geometry;
    let mut files: Vec<(String, String)> = std::fs::read_dir(format!("{root}/{DIR}"))
        .expect("../shared/real-portraits")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".jpg"))
        .map(|n| (DIR.to_owned(), n))
        .collect();
    files.sort();
    // The public-domain portraits the repository carries for the model tests, named in the truth.
    files.extend(truth.iter().filter_map(|e| Some((e.folder.clone()?, e.file.clone()))));
    let mut t = Tally::default();
    let mut judged = 0;
    for (folder, file) in &files {
        let bytes = std::fs::read(format!("{root}/{folder}/{file}")).expect("readable");
        let full = precheck::imaging::decode::probe(&bytes).expect("a picture").upright;
        let a = analyse(&bytes, &models).expect("analysed");
        let k = a.observation.width as f32 / full.0 as f32;
        let result = a.checks(profile, &BTreeSet::new());
        let status = |id: &str| result.checks.iter().find(|c| c.id.as_str() == id).map(|c| c.status);
        let face = main_face(&a.observation, g.min_face_score);
        let pose = face.as_ref().map(|f| geometry::pose::estimate(f, g));
        let scores: Vec<String> = a.observation.faces.iter().map(|d| format!("{:.2}", d.score)).collect();
        let line: Vec<String> = CHECKS
            .iter()
            .map(|id| format!("{}={}", id.rsplit('.').next().unwrap_or(id), status(id).map_or("-", |s| s.as_str())))
            .collect();
        println!(
            "{file}: faces [{}] yaw {} pitch {} roll {} | {}",
            scores.join(" "),
            pose.and_then(|p| p.yaw).map_or("—".into(), |v| format!("{v:+.1}")),
            pose.and_then(|p| p.pitch).map_or("—".into(), |v| format!("{v:+.1}")),
            pose.map_or("—".into(), |p| format!("{:+.1}", p.roll)),
            line.join(" ")
        );
        if let (Some(path), Some(l)) = (&dump, &a.observation.landmarks) {
            use std::io::Write;
            let pts: Vec<String> = l.points.iter().map(|[x, y, z]| format!("[{x:.2},{y:.2},{z:.2}]")).collect();
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("dump file");
            writeln!(f, "{{\"file\":\"{file}\",\"width\":{},\"points\":[{}]}}", a.observation.width, pts.join(","))
                .expect("dump written");
        }
        if args.iter().any(|a| a == "--measured") {
            for c in result.checks.iter().filter(|c| ["face.eyes_open", "attire.headwear"].contains(&c.id.as_str())) {
                println!("    {}: {}", c.id, c.measured);
            }
        }
        let entry = truth.iter().find(|e| &e.file == file);
        if draft && let Some(f) = &face {
            let s = |v: f32| (v / k).round();
            println!(
                "[[portrait]]\nfile = \"{file}\"\nright_eye = [{}, {}]\nleft_eye = [{}, {}]\nhead_top = {}\nchin = {}\n",
                s(f.right_eye.x),
                s(f.right_eye.y),
                s(f.left_eye.x),
                s(f.left_eye.y),
                s(f.top),
                s(f.chin.y)
            );
        }
        if let Some(dir) = &draw {
            drawing::save(dir, file, &a.picture, &a.observation, face.as_ref(), entry, k);
        }
        let Some(e) = entry else { continue };
        judged += 1;
        let (w, h) = (full.0 as f32, full.1 as f32);
        for (id, want) in expected(e, g, w, h) {
            let got = status(id).unwrap_or(Status::Fail);
            *t.confusion.entry(id).or_default().entry((want, got)).or_default() += 1;
        }
        let (Some(f), Some(p)) = (&face, pose) else { continue };
        let pct = |measured: f32, truth: f32| (measured / k - truth) / h * 100.0;
        for (m, tr) in [(f.right_eye, e.right_eye), (f.left_eye, e.left_eye)] {
            t.eye_err.push(pct(m.x, tr[0]).hypot(pct(m.y, tr[1])));
        }
        t.top_err.push(pct(f.top, e.head_top));
        t.chin_err.push(pct(f.chin.y, e.chin));
        let roll = (e.left_eye[1] - e.right_eye[1]).atan2(e.left_eye[0] - e.right_eye[0]).to_degrees();
        t.roll_err.push((p.roll - roll).abs());
        if e.yaw == Turn::Level && e.pitch == Turn::Level {
            t.level_yaw.extend(p.yaw);
            t.level_pitch.extend(p.pitch);
        }
    }
    report(&t, judged, files.len());
}

fn report(t: &Tally, judged: usize, files: usize) {
    println!("\n{judged} of {files} real portraits have truth ({TRUTH})");
    let spread = |v: &[f32]| {
        let n = v.len().max(1) as f32;
        let mean = v.iter().sum::<f32>() / n;
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n).sqrt();
        let lo = v.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        format!("mean {mean:+.2}, sd {sd:.2}, range {lo:+.2} … {hi:+.2} (n={})", v.len())
    };
    println!("eye centre distance to truth, % of height: {}", spread(&t.eye_err));
    println!("head-top line, measured − truth, % of height: {}", spread(&t.top_err));
    println!("chin line,     measured − truth, % of height: {}", spread(&t.chin_err));
    println!("roll error, degrees: {}", spread(&t.roll_err));
    println!("yaw on level faces, degrees:   {}", spread(&t.level_yaw));
    println!("pitch on level faces, degrees: {}", spread(&t.level_pitch));
    let statuses = [Status::Pass, Status::Warn, Status::Fail, Status::Manual];
    for id in CHECKS {
        let Some(m) = t.confusion.get(id) else { continue };
        let total: usize = m.values().sum();
        let right: usize = m.iter().filter(|((a, b), _)| a == b).map(|(_, n)| n).sum();
        let false_pass: usize =
            m.iter().filter(|((a, b), _)| *a != Status::Pass && *b == Status::Pass).map(|(_, n)| n).sum();
        let false_fail: usize =
            m.iter().filter(|((a, b), _)| *a == Status::Pass && *b == Status::Fail).map(|(_, n)| n).sum();
        println!(
            "{id:18} agreement {:5.1}% ({right}/{total}), false passes {false_pass}, false fails {false_fail}",
            right as f32 * 100.0 / total.max(1) as f32
        );
        for want in statuses {
            if !m.keys().any(|(a, _)| *a == want) {
                continue;
            }
            let row: Vec<String> = statuses
                .iter()
                .map(|got| format!("{}={:2}", got.as_str(), m.get(&(want, *got)).unwrap_or(&0)))
                .collect();
            println!("    truth {:6} → {}", want.as_str(), row.join("  "));
        }
    }
}

/// Model readings (green) and truth (red) drawn on a copy, to check the truth by eye.
mod drawing {
    use super::Entry;
    use image::{Rgb, RgbImage};
    use precheck::face::FaceObservation;
    use precheck::photo::content::geometry::Face;

    fn dot(img: &mut RgbImage, x: f32, y: f32, r: i32, c: Rgb<u8>) {
        for dy in -r..=r {
            for dx in -r..=r {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                    img.put_pixel(px as u32, py as u32, c);
                }
            }
        }
    }

    fn hline(img: &mut RgbImage, y: f32, x0: f32, x1: f32, c: Rgb<u8>) {
        let mut x = x0;
        while x < x1 {
            dot(img, x, y, 1, c);
            x += 1.0;
        }
    }

    fn rect(img: &mut RgbImage, b: precheck::face::BoxF, c: Rgb<u8>) {
        hline(img, b.y, b.x, b.x + b.width, c);
        hline(img, b.y + b.height, b.x, b.x + b.width, c);
        let mut y = b.y;
        while y < b.y + b.height {
            dot(img, b.x, y, 1, c);
            dot(img, b.x + b.width, y, 1, c);
            y += 1.0;
        }
    }

    pub fn save(
        dir: &str,
        file: &str,
        picture: &RgbImage,
        obs: &FaceObservation,
        face: Option<&Face>,
        truth: Option<&Entry>,
        k: f32,
    ) {
        let mut img = picture.clone();
        let (green, red, yellow) = (Rgb([0, 255, 0]), Rgb([255, 0, 0]), Rgb([255, 255, 0]));
        for d in &obs.faces {
            rect(&mut img, d.bbox, yellow);
        }
        if let Some(l) = &obs.landmarks {
            for p in &l.points {
                dot(&mut img, p[0], p[1], 0, Rgb([0, 160, 255]));
            }
        }
        if let Some(f) = face {
            for p in [f.right_eye, f.left_eye, f.chin] {
                dot(&mut img, p.x, p.y, 3, green);
            }
            hline(&mut img, f.top, f.x_span.0, f.x_span.1, green);
        }
        if let Some(e) = truth {
            for p in [e.right_eye, e.left_eye] {
                dot(&mut img, p[0] * k, p[1] * k, 3, red);
            }
            let cx = (e.right_eye[0] + e.left_eye[0]) / 2.0 * k;
            hline(&mut img, e.head_top * k, cx - 80.0, cx + 80.0, red);
            hline(&mut img, e.chin * k, cx - 80.0, cx + 80.0, red);
        }
        let _ = std::fs::create_dir_all(dir);
        let _ = img.save(format!("{dir}/{}.png", file.trim_end_matches(".jpg")));
    }
}
