//! The runner on real portraits (tests/fixtures/portraits, see its README) and against numbers
//! recorded from MediaPipe's TFLite interpreter by tools/models/convert.py
//! (tests/fixtures/portraits/model_reference.json).

use super::*;
use crate::face::{Detection, FaceObservation};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

fn models() -> &'static FaceModels {
    static MODELS: OnceLock<FaceModels> = OnceLock::new();
    MODELS.get_or_init(|| FaceModels::load_builtin().expect("models/ loads"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portraits").join(name)
}

fn portrait(name: &str) -> RgbImage {
    crate::imaging::decode::decode(&std::fs::read(fixture(name)).unwrap(), (u32::MAX, u32::MAX)).unwrap().image
}

fn reference() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("model_reference.json")).unwrap()).unwrap()
}

fn input_tensor(png: &str, range: (f32, f32)) -> Tensor {
    let img = portrait(png);
    let n = img.width() as usize;
    let data: Vec<f32> = img.as_raw().iter().map(|&v| v as f32 / 255.0 * (range.1 - range.0) + range.0).collect();
    Tensor::from_shape(&[1, n, n, 3], &data).unwrap()
}

fn num(v: &Value) -> f32 {
    v.as_f64().unwrap() as f32
}

#[test]
fn face_models_match_tflite_reference_outputs() {
    let r = reference();
    let m = models();

    let d = &r["detector"];
    let (reg, cls) = m.detector.raw(input_tensor(d["input_png"].as_str().unwrap(), detector::RANGE)).unwrap();
    let best = d["best_anchor"].as_u64().unwrap() as usize;
    let score = preprocess::sigmoid(cls[best]);
    assert!((score - num(&d["score"])).abs() < 0.02, "score {score} vs {}", d["score"]);
    for (i, want) in d["regressors"].as_array().unwrap().iter().enumerate() {
        let got = reg[best * 16 + i];
        // Regressors are in 128-px input pixels: within half a pixel of TFLite.
        assert!((got - num(want)).abs() < 0.5, "regressor {i}: {got} vs {want}");
    }
    let over = cls.iter().filter(|&&c| preprocess::sigmoid(c) > 0.5).count();
    assert!((over as i64 - d["faces_over_0_5"].as_i64().unwrap()).abs() <= 2, "{over} anchors over 0.5");

    let me = &r["mesh"];
    let (points, presence) = m.mesh.raw(input_tensor(me["input_png"].as_str().unwrap(), mesh::RANGE)).unwrap();
    assert!((presence - num(&me["presence"])).abs() < 0.02, "presence {presence}");
    for (idx, want) in me["points"].as_object().unwrap() {
        let i: usize = idx.parse().unwrap();
        for c in 0..3 {
            let (got, want) = (points[i * 3 + c], num(&want[c]));
            // 192-px input pixels: within 1.5 px of TFLite.
            assert!((got - want).abs() < 1.5, "point {i}[{c}]: {got} vs {want}");
        }
    }

    let s = &r["segmenter"];
    let mask = m.segmenter.raw(input_tensor(s["input_png"].as_str().unwrap(), segmenter::RANGE)).unwrap();
    let mean = mask.iter().sum::<f32>() / mask.len() as f32;
    assert!((mean - num(&s["mean"])).abs() < 0.01, "mask mean {mean}");
    for (gy, row) in s["grid"].as_array().unwrap().iter().enumerate() {
        for (gx, want) in row.as_array().unwrap().iter().enumerate() {
            let got = mask[(16 + 32 * gy) * 256 + 16 + 32 * gx];
            assert!((got - num(want)).abs() < 0.06, "mask at grid ({gx},{gy}): {got} vs {want}");
        }
    }
}

fn inside(p: Point, b: &crate::face::BoxF, margin: f32) -> bool {
    let (mx, my) = (b.width * margin, b.height * margin);
    p.x >= b.x - mx && p.x <= b.x + b.width + mx && p.y >= b.y - my && p.y <= b.y + b.height + my
}

use crate::face::Point;

/// One upright face: keypoints in the box, the person's right eye on the viewer's left, mesh in a
/// plausible order, mask high on the face.
fn assert_one_upright_face(obs: &FaceObservation, name: &str) -> Detection {
    assert_eq!(obs.faces.len(), 1, "{name}: {:?}", obs.faces);
    let f = obs.faces[0].clone();
    assert!(f.score > 0.7, "{name}: score {}", f.score);
    for (what, p) in [("right eye", f.right_eye), ("left eye", f.left_eye), ("nose", f.nose_tip), ("mouth", f.mouth)] {
        assert!(inside(p, &f.bbox, 0.0), "{name}: {what} {p:?} outside {:?}", f.bbox);
    }
    assert!(f.right_eye.x < f.nose_tip.x && f.nose_tip.x < f.left_eye.x, "{name}: {f:?}");
    assert!(f.right_eye.y < f.nose_tip.y && f.nose_tip.y < f.mouth.y, "{name}: {f:?}");

    let lm = obs.landmarks.as_ref().unwrap_or_else(|| panic!("{name}: no mesh"));
    assert_eq!(lm.points.len(), 468);
    assert!(lm.presence > 0.5);
    let p = |i: usize| Point { x: lm.points[i][0], y: lm.points[i][1] };
    // 105 / 334: eyebrows; 33, 133 / 263, 362: right / left eye corners; 1: nose tip;
    // 13 / 14: lips; 61 / 291: mouth corners; 152: chin.
    for i in [105, 334, 33, 133, 263, 362, 1, 13, 14, 61, 291, 152] {
        assert!(inside(p(i), &f.bbox, 0.25), "{name}: point {i} {:?} far from {:?}", p(i), f.bbox);
    }
    let eyes_y = (p(33).y + p(133).y + p(263).y + p(362).y) / 4.0;
    let brows_y = (p(105).y + p(334).y) / 2.0;
    assert!(
        brows_y < eyes_y && eyes_y < p(1).y && p(1).y < p(13).y && p(13).y < p(14).y && p(14).y < p(152).y,
        "{name}: brows {brows_y} eyes {eyes_y} nose {} lips {} {} chin {}",
        p(1).y,
        p(13).y,
        p(14).y,
        p(152).y
    );
    assert!(p(33).x < p(133).x && p(133).x < p(362).x && p(362).x < p(263).x, "{name}: eye corners");
    assert!(p(61).x < p(291).x && p(105).x < p(334).x, "{name}: mouth corners / eyebrows");
    // Mesh eyes agree with the detector's eyes within a fifth of the box.
    let tol = f.bbox.width / 5.0;
    let mesh_right_eye = ((p(33).x + p(133).x) / 2.0, (p(33).y + p(133).y) / 2.0);
    assert!((mesh_right_eye.0 - f.right_eye.x).abs() < tol && (mesh_right_eye.1 - f.right_eye.y).abs() < tol);

    let c = f.nose_tip;
    assert!(
        obs.mask.at(c.x as u32, c.y as u32) > 200,
        "{name}: mask on the nose {}",
        obs.mask.at(c.x as u32, c.y as u32)
    );
    f
}

#[test]
fn face_grace_hopper_one_face_matches_tflite_box() {
    let img = portrait("grace_hopper.jpg");
    let obs = models().observe(&img).unwrap();
    assert_eq!((obs.width, obs.height), img.dimensions());
    let f = assert_one_upright_face(&obs, "grace_hopper");

    let r = reference();
    let b = &r["detector"]["best_box_in_image"];
    // TFLite's best anchor vs our weighted NMS on our own resampling: within 6 % of the face width.
    let tol = 0.06 * f.bbox.width;
    for (got, want) in
        [(f.bbox.x, &b["x"]), (f.bbox.y, &b["y"]), (f.bbox.width, &b["width"]), (f.bbox.height, &b["height"])]
    {
        assert!((got - num(want)).abs() < tol, "box {:?} vs {b}", f.bbox);
    }
    let kps = r["detector"]["best_keypoints_in_image"].as_array().unwrap();
    for (got, want) in [f.right_eye, f.left_eye, f.nose_tip, f.mouth].iter().zip(kps) {
        assert!((got.x - num(&want[0])).abs() < tol && (got.y - num(&want[1])).abs() < tol, "{got:?} vs {want}");
    }

    // Background corners: low; mask size = picture size.
    let m = &obs.mask;
    assert_eq!((m.width, m.height, m.data.len()), (img.width(), img.height(), (img.width() * img.height()) as usize));
    for (x, y) in [(5, 5), (img.width() - 6, 5)] {
        assert!(m.at(x, y) < 50, "corner ({x},{y}) = {}", m.at(x, y));
    }
}

#[test]
fn face_astronaut_one_face() {
    let obs = models().observe(&portrait("astronaut.jpg")).unwrap();
    assert_one_upright_face(&obs, "astronaut");
}

#[test]
fn face_none_on_plain_blue_or_noise() {
    let blue = RgbImage::from_pixel(450, 600, image::Rgb([30, 90, 200]));
    let obs = models().observe(&blue).unwrap();
    assert!(obs.faces.is_empty() && obs.landmarks.is_none(), "{:?}", obs.faces);
    let mut seed = 0x2545_f491_u32;
    let noise = RgbImage::from_fn(450, 600, |_, _| {
        let mut c = [0u8; 3];
        for v in &mut c {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            *v = (seed >> 24) as u8;
        }
        image::Rgb(c)
    });
    let obs = models().observe(&noise).unwrap();
    assert!(obs.faces.is_empty(), "{:?}", obs.faces);
}

#[test]
fn face_odd_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (5000, 10), (10, 5000), (2, 3)] {
        let img = RgbImage::from_pixel(w, h, image::Rgb([200, 180, 160]));
        let obs = models().observe(&img).unwrap();
        assert_eq!((obs.width, obs.height, obs.mask.data.len()), (w, h, (w * h) as usize));
    }
    assert_eq!(models().observe(&RgbImage::new(0, 5)).unwrap_err(), ModelError::EmptyImage);
    // A 12 MP picture goes through the reduced working copy and keeps its own coordinates.
    let big = image::imageops::resize(&portrait("grace_hopper.jpg"), 2560, 3000, image::imageops::FilterType::Nearest);
    let obs = models().observe(&big).unwrap();
    assert_eq!(obs.faces.len(), 1);
    assert!(obs.faces[0].bbox.width > 500.0, "{:?}", obs.faces[0].bbox);
}

#[test]
fn face_bad_model_files_are_errors() {
    let good = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models").join(DETECTOR_FILE)).unwrap();
    for bad in [&b""[..], b"PCNNEFQ1", b"not a model at all", &good[..good.len() / 2], &good[..good.len() - 1]] {
        let e = FaceModels::from_bytes(bad, &good, &good).err().expect("error");
        assert!(matches!(e, ModelError::Load { model: "detector", .. }), "{e}");
    }
}

#[test]
fn face_finder_and_segmenter_apart_observe_exactly_what_the_three_models_do() {
    // The photo page runs the finder and the segmenter in two workers; the parts must add up to
    // `observe` bit for bit, on a portrait, a large picture (the reduced working copy) and a blank.
    let finder = FaceFinder { detector: models().detector.clone(), mesh: models().mesh.clone() };
    let big = image::imageops::resize(&portrait("grace_hopper.jpg"), 1600, 1875, image::imageops::FilterType::Nearest);
    let blank = RgbImage::from_pixel(450, 600, image::Rgb([30, 90, 200]));
    for (name, img) in [("astronaut", portrait("astronaut.jpg")), ("large", big), ("blank", blank)] {
        let whole = models().observe(&img).unwrap();
        let (faces, landmarks) = finder.find(&img).unwrap();
        let mask = models().segmenter.mask_of(&img).unwrap();
        let apart = FaceObservation { width: img.width(), height: img.height(), faces, landmarks, mask };
        assert_eq!(apart, whole, "{name}");
    }
    assert_eq!(finder.find(&RgbImage::new(0, 5)).unwrap_err(), ModelError::EmptyImage);
    assert_eq!(models().segmenter.mask_of(&RgbImage::new(5, 0)).unwrap_err(), ModelError::EmptyImage);
}

#[test]
fn face_warm_up_runs_every_model_and_changes_no_answer() {
    // Fresh models, so the warm-up is their first run (as in the worker).
    let fresh = FaceModels::load_builtin().unwrap();
    fresh.warm_up().unwrap();
    let finder = FaceFinder { detector: fresh.detector.clone(), mesh: fresh.mesh.clone() };
    finder.warm_up().unwrap();
    fresh.segmenter.warm_up().unwrap();
    let img = portrait("astronaut.jpg");
    assert_eq!(fresh.observe(&img).unwrap(), models().observe(&img).unwrap());
}
