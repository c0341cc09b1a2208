//! Calibrates and measures the camera guide's face finding on real photographs:
//! `cargo run --release --example camera_calibration`.
//!
//! 1. Head top and chin from the detector's keypoints (`camera::head`): on each real portrait of
//!    `tests/fixtures/real-portraits-truth.toml` (the 29 CC0 portraits of `../shared/real-portraits`
//!    and, since session 12, the two of `tests/fixtures/portraits`; truth checked by eye), the
//!    ratios eye line → hair top and mouth → chin in eye-to-mouth distances, and the head height
//!    the guide then estimates against the truth.
//! 2. The nose's sideways offset by yaw bin (level / slight / strong), for `camera::head`'s yaw.
//! 3. Small faces: each portrait shrunk into a 320×240 frame of blue wall (the frame the camera
//!    page sends the worker) so its true head is 12–50 % of the frame height; how often the whole
//!    frame alone finds the face, and how often the guide's search (whole frame, then tiles) does.
//! 4. The detector's time per run on this machine.

use precheck::camera::detect::find_still;
use precheck::camera::head::estimate;
use precheck::camera::staged::{Placement, Portrait, picture, stage, truth};
use precheck::face::model::preprocess::Frame;
use precheck::photo::content::pipeline::embedded_models;
use std::time::Instant;

fn percentile(v: &mut [f32], p: f32) -> f32 {
    v.sort_by(f32::total_cmp);
    v.get(((v.len().saturating_sub(1)) as f32 * p).round() as usize).copied().unwrap_or(f32::NAN)
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let truth = truth(root).expect("the real portraits' truth");
    let models = embedded_models().expect("models");
    let (mut above, mut below, mut nose) = (vec![], vec![], std::collections::BTreeMap::<String, Vec<f32>>::new());
    let mut pictures = vec![];
    for e in &truth {
        let img = picture(root, &e.file).expect("the portrait decodes");
        let frame = Frame::new(&img);
        let faces = models.detector.detect(&frame, img.width(), img.height()).expect("runs");
        let mid = e.eye_mid();
        let eye_dist = (e.left_eye[0] - e.right_eye[0]).hypot(e.left_eye[1] - e.right_eye[1]);
        // The detection whose eyes are the truth's (not a hand or a phantom).
        let Some(d) = faces.iter().find(|d| {
            let m = ((d.right_eye.x + d.left_eye.x) / 2.0, (d.right_eye.y + d.left_eye.y) / 2.0);
            (m.0 - mid[0]).hypot(m.1 - mid[1]) < eye_dist * 0.5
        }) else {
            println!("{}: no detection on the true eyes", e.file);
            continue;
        };
        let eyes_y = (d.right_eye.y + d.left_eye.y) / 2.0;
        let to_mouth = d.mouth.y - eyes_y;
        if e.head_top > 0.0 {
            above.push((eyes_y - e.head_top) / to_mouth);
        }
        below.push((e.chin - d.mouth.y) / to_mouth);
        let side = (d.nose_tip.x - (d.right_eye.x + d.left_eye.x) / 2.0) / (d.left_eye.x - d.right_eye.x);
        nose.entry(e.yaw.clone()).or_default().push(side.abs());
        if e.faces == 1 && e.head_top > 0.0 {
            pictures.push(Portrait { image: img, head_top: e.head_top, chin: e.chin, eye_mid: mid });
        }
    }
    let n = above.len();
    let (a10, a50, a90) = (percentile(&mut above, 0.1), percentile(&mut above, 0.5), percentile(&mut above, 0.9));
    let (b10, b50, b90) = (percentile(&mut below, 0.1), percentile(&mut below, 0.5), percentile(&mut below, 0.9));
    println!(
        "eye line → hair top, in eye-to-mouth distances: median {a50:.2} (p10 {a10:.2}, p90 {a90:.2}; {n} portraits)"
    );
    println!("mouth → chin: median {b50:.2} (p10 {b10:.2}, p90 {b90:.2}; {} portraits)", below.len());
    for (bin, v) in &mut nose {
        let m = percentile(v, 0.5);
        println!(
            "nose offset / eye distance, yaw {bin}: median {m:.3}, max {:.3} ({} faces)",
            percentile(v, 1.0),
            v.len()
        );
    }

    // The guide's head-height estimate against the truth, with the constants in camera::head.
    let mut errors = vec![];
    for p in &pictures {
        let frame = Frame::new(&p.image);
        let faces = models.detector.detect(&frame, p.image.width(), p.image.height()).expect("runs");
        if let Some(h) = faces.first().and_then(estimate) {
            let truth = p.chin - p.head_top;
            errors.push(((h.chin - h.top) - truth) / truth * 100.0);
        }
    }
    let abs: Vec<f32> = errors.iter().map(|v| v.abs()).collect();
    println!(
        "head height estimated from keypoints vs truth: median |error| {:.1} %, max {:.1} % of the true head height ({} portraits)",
        percentile(&mut abs.clone(), 0.5),
        percentile(&mut abs.clone(), 1.0),
        abs.len()
    );

    // Small faces in a 320×240 frame.
    let (fw, fh) = (320u32, 240u32);
    let mut runs_time = vec![];
    println!("head share of frame height → found by the whole frame / by the guide's search (of {})", pictures.len());
    for share in [0.12f32, 0.15, 0.2, 0.3, 0.5] {
        let (mut by_whole, mut by_search) = (0, 0);
        for p in &pictures {
            // Eye midpoint placed at the frame's centre column and 40 % of its height.
            let top_y = 0.4 - (p.eye_mid[1] - p.head_top) * share / (p.chin - p.head_top);
            let canvas = stage(p, fw, fh, Placement { head_share: share, eye_x: 0.5, top_y });
            let frame = Frame::new(&canvas);
            let started = Instant::now();
            let whole = models.detector.detect(&frame, fw, fh).expect("runs");
            runs_time.push(started.elapsed().as_secs_f64() * 1000.0);
            let true_mid = (fw as f32 / 2.0, fh as f32 * 0.4);
            let on_truth = |faces: &[precheck::face::Detection]| {
                faces.iter().any(|d| {
                    let m = ((d.right_eye.x + d.left_eye.x) / 2.0, (d.right_eye.y + d.left_eye.y) / 2.0);
                    (m.0 - true_mid.0).hypot(m.1 - true_mid.1) < share * fh as f32 * 0.3
                })
            };
            by_whole += usize::from(on_truth(&whole));
            let found = find_still(&models.detector, &frame, fw, fh, 0.5).expect("runs");
            by_search += usize::from(on_truth(&found.faces));
        }
        println!("  {:>3.0} %: whole frame {by_whole}, search {by_search}", share * 100.0);
    }
    let mut t: Vec<f32> = runs_time.iter().map(|&v| v as f32).collect();
    println!(
        "detector, one run on a 320×240 frame: median {:.1} ms ({} runs, this build)",
        percentile(&mut t, 0.5),
        t.len()
    );
}
