use super::*;
use crate::face::{Detection, Point};
use crate::photo::content::synthetic::{FaceSpec, observation};
use crate::profile::{PhotoContentSpec, default_profile};
use std::collections::BTreeSet;

fn spec() -> &'static PhotoContentSpec {
    &default_profile().photo_content
}

/// A skin-toned face on a blue background with dark brows, so the pixel checks have something
/// to read.
fn picture(obs: &FaceObservation) -> RgbImage {
    let mut img = RgbImage::from_pixel(obs.width.max(1), obs.height.max(1), image::Rgb([67, 142, 219]));
    for (x, y, p) in img.enumerate_pixels_mut() {
        if obs.mask.at(x, y) >= 128 {
            *p = image::Rgb([224, 172, 140]);
        }
    }
    if let Some(l) = obs.landmarks.as_ref().filter(|l| l.points.len() >= 468) {
        for i in face::idx::RIGHT_BROW_UPPER.iter().chain(&face::idx::LEFT_BROW_UPPER) {
            let [x, y, _] = l.points[*i];
            for dy in 0..8 {
                for dx in -8i32..8 {
                    let (px, py) = ((x as i32 + dx).max(0) as u32, (y as i32 + dy).max(0) as u32);
                    if px < img.width() && py < img.height() {
                        img.put_pixel(px, py, image::Rgb([60, 40, 30]));
                    }
                }
            }
        }
    }
    img
}

fn run_with(obs: &FaceObservation, confirmed: &BTreeSet<CheckId>) -> ContentResult {
    let img = picture(obs);
    let input =
        ContentInput { image: &img, observation: obs, target: (450, 600), spec: spec(), software: None, confirmed };
    checks(&input)
}

fn run(obs: &FaceObservation) -> ContentResult {
    run_with(obs, &BTreeSet::new())
}

fn status(r: &ContentResult, id: CheckId) -> Status {
    r.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} missing: {r:#?}")).status
}

/// A compliant 450×600 face: hair-top at 40, chin at 440 (head 400 = 2/3), centred.
fn good() -> FaceSpec {
    FaceSpec::framed(40.0, 440.0, 225.0)
}

/// The checks that measure the face's place and pose, each drawn on the photo.
const MARKED: [CheckId; 6] = [
    CheckId::FaceCount,
    CheckId::FaceHeadHeight,
    CheckId::FaceTopMargin,
    CheckId::FaceCentered,
    CheckId::FaceEyeLine,
    CheckId::FacePose,
];

#[test]
fn a_compliant_face_passes_every_measured_check() {
    let r = run(&observation(450, 600, &[good()]));
    let eyes_and_ears = [CheckId::FaceEyesOpen, CheckId::FaceEyebrowsVisible, CheckId::FaceEarsVisible];
    for id in MARKED.into_iter().chain(eyes_and_ears) {
        assert_eq!(status(&r, id), Status::Pass, "{id}: {:#?}", r.checks);
    }
    for id in [CheckId::AttireJewellery, CheckId::AttireHeadwear, CheckId::ClothingCollar] {
        assert_eq!(status(&r, id), Status::Manual, "{id}");
    }
    let head = r.checks.iter().find(|c| c.id == CheckId::FaceHeadHeight).unwrap();
    assert!(head.measured.starts_with("400 像素"), "{}", head.measured);
    // Every check that measured something explains itself on the photo.
    for id in MARKED {
        assert!(r.marks.iter().any(|m| m.check == id), "{id} has no mark");
    }
}

#[test]
fn no_face_or_several_faces_fail_the_count() {
    let mut empty = observation(450, 600, &[]);
    let r = run(&empty);
    assert_eq!(status(&r, CheckId::FaceCount), Status::Fail);
    assert_eq!(r.checks.len(), 1, "nothing else is measured without a face");
    // A second face about as large and confident as the first is a second person.
    let two = observation(450, 600, &[good(), FaceSpec::framed(200.0, 480.0, 380.0)]);
    assert_eq!(status(&run(&two), CheckId::FaceCount), Status::Fail);
    // A detection below the score threshold does not count.
    let mut weak = observation(450, 600, &[good(), FaceSpec { score: 0.2, ..FaceSpec::framed(300.0, 420.0, 400.0) }]);
    assert_eq!(status(&run(&weak), CheckId::FaceCount), Status::Pass);
    weak.faces[0].score = 0.1;
    weak.faces[1].score = 0.1;
    assert_eq!(status(&run(&weak), CheckId::FaceCount), Status::Fail);
    empty.width = 0;
    empty.height = 0;
    assert_eq!(status(&run(&empty), CheckId::FaceCount), Status::Fail);
}

#[test]
fn head_size_bands() {
    // 400 passes, 365 warns (below 372), 300 fails; 450 fails (above 440).
    for (chin, want) in [(440.0, Status::Pass), (405.0, Status::Warn), (340.0, Status::Fail), (490.0, Status::Fail)] {
        let r = run(&observation(450, 600, &[FaceSpec::framed(40.0, chin, 225.0)]));
        assert_eq!(status(&r, CheckId::FaceHeadHeight), want, "chin {chin}");
    }
}

#[test]
fn top_margin_and_cut_off_heads() {
    let r = run(&observation(450, 600, &[FaceSpec::framed(120.0, 520.0, 225.0)]));
    assert_eq!(status(&r, CheckId::FaceTopMargin), Status::Fail);
    assert_eq!(status(&r, CheckId::FaceEyeLine), Status::Fail);
    // Head above the top edge: the mask touches row 0.
    let r = run(&observation(450, 600, &[FaceSpec::framed(-30.0, 370.0, 225.0)]));
    assert_eq!(status(&r, CheckId::FaceTopMargin), Status::Fail);
    assert!(r.checks.iter().any(|c| c.id == CheckId::FaceTopMargin && c.message.contains("裁掉")));
}

#[test]
fn centring_bands() {
    for (x, want) in [(225.0, Status::Pass), (245.0, Status::Pass), (255.0, Status::Warn), (300.0, Status::Fail)] {
        let r = run(&observation(450, 600, &[FaceSpec::framed(40.0, 440.0, x)]));
        assert_eq!(status(&r, CheckId::FaceCentered), want, "x {x}");
    }
}

#[test]
fn pose_from_the_eye_line_and_the_mesh() {
    let cases = [
        (3.0, 0.0, 0.0, Status::Pass),
        (6.5, 0.0, 0.0, Status::Warn),
        (12.0, 0.0, 0.0, Status::Fail),
        (0.0, 4.0, 0.0, Status::Pass),
        (0.0, -7.0, 0.0, Status::Warn),
        (0.0, 15.0, 0.0, Status::Fail),
        (0.0, 0.0, 7.0, Status::Warn),
        (0.0, 0.0, -14.0, Status::Fail),
        (2.0, 3.0, -3.0, Status::Pass),
    ];
    for (roll, yaw, pitch, want) in cases {
        let f = FaceSpec { roll, yaw, pitch, ..good() };
        let obs = observation(450, 600, &[f]);
        let face = main_face(&obs, 0.5).unwrap();
        let p = pose::estimate(&face, &spec().geometry);
        assert!((p.roll - roll).abs() < 0.2, "roll {roll}: {p:?}");
        assert!((p.yaw.unwrap() - yaw).abs() < 0.6, "yaw {yaw}: {p:?}");
        assert!((p.pitch.unwrap() - pitch).abs() < 0.6, "pitch {pitch}: {p:?}");
        assert_eq!(status(&run(&obs), CheckId::FacePose), want, "{roll} {yaw} {pitch}");
    }
}

#[test]
fn closed_eyes_fail_and_narrow_eyes_warn() {
    for (open, want) in [(0.3, Status::Pass), (0.14, Status::Warn), (0.04, Status::Fail)] {
        let r = run(&observation(450, 600, &[FaceSpec { eye_open: open, ..good() }]));
        assert_eq!(status(&r, CheckId::FaceEyesOpen), want, "{open}");
    }
}

#[test]
fn without_mesh_or_mask_the_undecidable_checks_become_manual() {
    let mut obs = observation(450, 600, &[good()]);
    obs.landmarks = None;
    obs.mask.data.clear();
    obs.mask.width = 0;
    obs.mask.height = 0;
    let r = run(&obs);
    for id in [CheckId::FaceEyesOpen, CheckId::FaceEyebrowsVisible, CheckId::FacePose, CheckId::FaceHeadHeight] {
        assert_eq!(status(&r, id), Status::Manual, "{id}: {:#?}", r.checks);
    }
    assert_eq!(status(&r, CheckId::FaceCentered), Status::Pass);
}

#[test]
fn covered_brows_and_ears_ask_the_person() {
    let obs = observation(450, 600, &[good()]);
    let mut img = picture(&obs);
    // Dark hair over the whole upper face and the ears.
    let eye_y = good().eye_mid.y as u32;
    for (x, y, p) in img.enumerate_pixels_mut() {
        if y < eye_y - 10 || (obs.mask.at(x, y) >= 128 && !(130..320).contains(&x)) {
            *p = image::Rgb([40, 30, 25]);
        }
    }
    let confirmed: BTreeSet<CheckId> = [CheckId::FaceEarsVisible].into();
    let input = ContentInput {
        image: &img,
        observation: &obs,
        target: (450, 600),
        spec: spec(),
        software: None,
        confirmed: &confirmed,
    };
    let r = checks(&input);
    assert_eq!(status(&r, CheckId::FaceEyebrowsVisible), Status::Manual);
    let ears = r.checks.iter().find(|c| c.id == CheckId::FaceEarsVisible).unwrap();
    assert_eq!(ears.status, Status::Manual);
    assert!(ears.confirmed, "the person's confirmation is carried into the report");
    assert!(!r.checks.iter().find(|c| c.id == CheckId::FaceEyebrowsVisible).unwrap().confirmed);
}

#[test]
fn an_ear_outside_the_picture_fails() {
    let r = run(&observation(450, 600, &[FaceSpec::framed(40.0, 440.0, 60.0)]));
    assert_eq!(status(&r, CheckId::FaceEarsVisible), Status::Fail);
    assert_eq!(status(&r, CheckId::FaceCentered), Status::Fail);
}

#[test]
fn manual_items_carry_the_confirmation() {
    let confirmed: BTreeSet<CheckId> = [CheckId::AttireHeadwear, CheckId::FaceCount].into();
    let r = run_with(&observation(450, 600, &[good()]), &confirmed);
    let c = |id: CheckId| r.checks.iter().find(|c| c.id == id).unwrap().clone();
    assert!(c(CheckId::AttireHeadwear).confirmed);
    assert!(!c(CheckId::AttireJewellery).confirmed);
    assert!(!c(CheckId::FaceCount).confirmed, "only manual checks can be confirmed");
}

#[test]
fn larger_pictures_are_judged_as_they_are() {
    // A 3000×4000 phone photo with the same framing passes; the bands are fractions.
    let f = FaceSpec::framed(40.0 * 20.0 / 3.0, 440.0 * 20.0 / 3.0, 1500.0);
    let r = run(&observation(3000, 4000, &[f]));
    assert_eq!(status(&r, CheckId::FaceHeadHeight), Status::Pass);
    assert_eq!(status(&r, CheckId::FaceCentered), Status::Pass);
}

#[test]
fn garbage_never_panics() {
    // Whatever the models return, the face count and the manual rows are reported, every row is one
    // a good face gets too, in the same order, and says something.
    let ids = |r: &ContentResult| r.checks.iter().map(|c| c.id).collect::<Vec<_>>();
    let all = ids(&run(&observation(450, 600, &[good()])));
    let run = |obs: &FaceObservation| {
        let r = run(obs);
        let got = ids(&r);
        let mut rest = all.iter();
        assert!(got.iter().all(|id| rest.any(|a| a == id)), "{got:?} is not an ordered part of {all:?}");
        for id in [CheckId::FaceCount, CheckId::AttireJewellery, CheckId::AttireHeadwear, CheckId::ClothingCollar] {
            assert!(got.contains(&id), "{id} missing: {got:?}");
        }
        assert!(r.checks.iter().all(|c| !c.message.is_empty()), "{r:#?}");
        r
    };
    let nan = f32::NAN;
    let mut obs = observation(450, 600, &[good()]);
    obs.faces.push(Detection {
        score: 0.9,
        bbox: crate::face::BoxF { x: nan, y: -1e9, width: 1e12, height: -5.0 },
        right_eye: Point { x: nan, y: 0.0 },
        left_eye: Point { x: 1e30, y: 0.0 },
        nose_tip: Point::default(),
        mouth: Point::default(),
        right_ear: Point { x: -1e9, y: nan },
        left_ear: Point::default(),
    });
    obs.faces.swap(0, 1);
    let r = run(&obs);
    assert_eq!(status(&r, CheckId::FaceCount), Status::Fail, "two faces");
    obs.landmarks.as_mut().unwrap().points.truncate(10);
    run(&obs);
    obs.faces.swap(0, 1);
    obs.mask.width = 7;
    obs.mask.height = 3;
    run(&obs);
    obs.landmarks.as_mut().unwrap().points = vec![[nan; 3]; 468];
    run(&obs);
    // A face at the very edge of the picture.
    run(&observation(450, 600, &[FaceSpec::framed(-300.0, 10.0, 0.0)]));
    run(&observation(1, 1, &[good()]));
}

#[test]
fn a_value_just_inside_a_limit_warns_by_the_measurement_uncertainty() {
    // Head 0.63 of the height: inside the pass band 0.62–0.71, but closer to its lower limit than
    // the head-height uncertainty (0.025): "near the limit", not a pass nobody can vouch for.
    let near = run(&observation(450, 600, &[FaceSpec::framed(40.0, 40.0 + 0.63 * 600.0, 225.0)]));
    let head = near.checks.iter().find(|c| c.id == CheckId::FaceHeadHeight).unwrap();
    assert_eq!(head.status, Status::Warn, "{head:?}");
    assert!(head.message.contains("测量误差"), "{}", head.message);
    // The same face in the middle of the band passes, and a roll of 4° (inside 5°, within the 2°
    // guard) warns while 1° passes.
    assert_eq!(status(&run(&observation(450, 600, &[good()])), CheckId::FaceHeadHeight), Status::Pass);
    let tilted = |roll: f32| {
        let mut f = good();
        f.roll = roll;
        status(&run(&observation(450, 600, &[f])), CheckId::FacePose)
    };
    assert_eq!(tilted(1.0), Status::Pass);
    assert_eq!(tilted(4.0), Status::Warn);
    assert_eq!(tilted(9.0), Status::Fail);
}

#[test]
fn an_uncertainty_wider_than_half_a_pass_band_is_refused() {
    let mut g = crate::profile::GeometrySpec::default();
    assert!(g.validate().is_ok());
    g.uncertainty.centre = 0.06; // the centre pass band is 0.449–0.551: nothing could pass
    assert!(g.validate().is_err());
    g.uncertainty.centre = -0.01;
    assert!(g.validate().is_err());
}

#[test]
fn a_weak_or_small_second_face_only_warns() {
    let g = &spec().geometry;
    // A phantom in the foliage: a confident main face and a weaker, smaller detection (as
    // portrait_037: 0.94 and 0.64).
    let phantom = FaceSpec { score: 0.64, ..FaceSpec::framed(300.0, 420.0, 400.0) };
    // A tiny face far behind, confidently detected.
    let tiny = FaceSpec { score: 0.95, ..FaceSpec::framed(20.0, 80.0, 400.0) };
    for second in [phantom, tiny] {
        let obs = observation(450, 600, &[good(), second]);
        let found = count_faces(&obs, g);
        assert_eq!((found.people.len(), found.doubtful.len()), (1, 1));
        let r = run(&obs);
        let c = r.checks.iter().find(|c| c.id == CheckId::FaceCount).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(c.message.contains("背景里可能有人脸"), "{}", c.message);
        assert!(r.marks.iter().any(|m| m.check == CheckId::FaceCount && m.label == "可能的人脸"));
        // The main face is still measured.
        assert_eq!(status(&r, CheckId::FaceHeadHeight), Status::Pass);
    }
    // Just as confident and nearly as large: a second person, whatever the order of the boxes.
    let person = FaceSpec { score: 0.8, ..FaceSpec::framed(200.0, 480.0, 380.0) };
    assert_eq!(count_faces(&observation(450, 600, &[good(), person]), g).people.len(), 2);
}

#[test]
fn pose_is_measured_from_the_profiles_neutral() {
    let obs = observation(450, 600, &[good()]);
    let face = main_face(&obs, 0.5).unwrap();
    let mut g = spec().geometry.clone();
    let level = pose::estimate(&face, &g);
    g.pitch_neutral_deg += 6.0;
    g.yaw_neutral_deg -= 7.0;
    let shifted = pose::estimate(&face, &g);
    assert!((shifted.pitch.unwrap() - (level.pitch.unwrap() - 6.0)).abs() < 1e-3, "{shifted:?}");
    assert!((shifted.yaw.unwrap() - (level.yaw.unwrap() + 7.0)).abs() < 1e-3, "{shifted:?}");
}

/// Paints a `w × h` eye-distance box of `colour` over each eye of the picture.
fn over_eyes(img: &mut RgbImage, obs: &FaceObservation, w: f32, h: f32, colour: [u8; 3]) {
    let face = main_face(obs, 0.5).unwrap();
    let d = face.eye_distance();
    for e in [face.right_eye, face.left_eye] {
        for y in (e.y - h * d / 2.0) as u32..(e.y + h * d / 2.0) as u32 {
            for x in (e.x - w * d / 2.0) as u32..(e.x + w * d / 2.0) as u32 {
                img.put_pixel(x, y, image::Rgb(colour));
            }
        }
    }
}

fn run_on(img: &RgbImage, obs: &FaceObservation) -> ContentResult {
    let confirmed = BTreeSet::new();
    checks(&ContentInput {
        image: img,
        observation: obs,
        target: (450, 600),
        spec: spec(),
        software: None,
        confirmed: &confirmed,
    })
}

#[test]
fn tinted_lenses_fail_and_glare_warns() {
    let obs = observation(450, 600, &[good()]);
    let mut img = picture(&obs);
    assert_eq!(status(&run_on(&img, &obs), CheckId::FaceEyesOpen), Status::Pass);
    // Sunglasses: dark lenses from brow to cheekbone; the mesh still reports open eyes.
    over_eyes(&mut img, &obs, 0.8, 0.7, [35, 30, 32]);
    let r = run_on(&img, &obs);
    let c = r.checks.iter().find(|c| c.id == CheckId::FaceEyesOpen).unwrap();
    assert_eq!(c.status, Status::Fail, "{c:?}");
    assert!(c.message.contains("墨镜"), "{}", c.message);
    // Dark skin is not a tinted lens: the same dark tone over the whole face passes.
    let mut dark = picture(&obs);
    for (x, y, p) in dark.enumerate_pixels_mut() {
        if obs.mask.at(x, y) >= 128 {
            *p = image::Rgb([92, 60, 45]);
        }
    }
    assert_eq!(status(&run_on(&dark, &obs), CheckId::FaceEyesOpen), Status::Pass);
    // Clear lenses with a white reflection over each eye warn.
    let mut glare = picture(&obs);
    over_eyes(&mut glare, &obs, 0.3, 0.12, [252, 252, 252]);
    let c = run_on(&glare, &obs).checks.into_iter().find(|c| c.id == CheckId::FaceEyesOpen).unwrap();
    assert_eq!(c.status, Status::Warn, "{c:?}");
    assert!(c.message.contains("反光"), "{}", c.message);
}

#[test]
fn mirrored_lenses_as_bright_as_skin_fail_but_one_coloured_cheek_does_not() {
    let obs = observation(450, 600, &[good()]);
    let skin = picture(&obs).get_pixel(225, 300).0;
    // A green mirror as bright as the skin: the shade passes, the colour under the eyes does not.
    let luma = |c: [u8; 3]| 0.299 * c[0] as f32 + 0.587 * c[1] as f32 + 0.114 * c[2] as f32;
    let green = [60, (luma(skin) / 0.7) as u8, 90];
    let mut img = picture(&obs);
    over_eyes(&mut img, &obs, 0.8, 0.7, green);
    let c = run_on(&img, &obs).checks.into_iter().find(|c| c.id == CheckId::FaceEyesOpen).unwrap();
    assert_eq!(c.status, Status::Fail, "{c:?}");
    assert!(c.message.contains("反光镜片"), "{}", c.message);
    // Colour under one eye only (a shadow, make-up, a coloured light on one side) is not a lens.
    let mut one = picture(&obs);
    let face = main_face(&obs, 0.5).unwrap();
    let (e, d) = (face.right_eye, face.eye_distance());
    for y in (e.y + 0.1 * d) as u32..(e.y + 0.35 * d) as u32 {
        for x in (e.x - 0.25 * d) as u32..(e.x + 0.25 * d) as u32 {
            one.put_pixel(x, y, image::Rgb(green));
        }
    }
    assert_eq!(status(&run_on(&one, &obs), CheckId::FaceEyesOpen), Status::Pass);
}

#[test]
fn something_above_the_hairline_that_is_not_hair_warns_headwear() {
    let obs = observation(450, 600, &[good()]);
    let face = main_face(&obs, 0.5).unwrap();
    let forehead = face.mesh.unwrap().p(face::idx::FOREHEAD).y as u32;
    let paint = |colour: [u8; 3]| {
        let mut img = picture(&obs);
        for (x, y, p) in img.enumerate_pixels_mut() {
            if y < forehead && obs.mask.at(x, y) >= 128 {
                *p = image::Rgb(colour);
            }
        }
        run_on(&img, &obs)
    };
    // A blue cap and a white hat warn, with a box around what was seen.
    for hat in [[40, 90, 200], [235, 235, 238]] {
        let r = paint(hat);
        assert_eq!(status(&r, CheckId::AttireHeadwear), Status::Warn, "{hat:?}");
        assert!(r.marks.iter().any(|m| m.check == CheckId::AttireHeadwear && matches!(m.shape, Shape::Rect { .. })));
    }
    // Black, brown and blond hair stay a question for the person.
    for hair in [[20, 18, 18], [90, 60, 40], [200, 170, 110]] {
        assert_eq!(status(&paint(hair), CheckId::AttireHeadwear), Status::Manual, "{hair:?}");
    }
}

#[test]
fn the_default_geometry_is_the_default_profiles() {
    // The synthetic faces read their pose neutral from the constants behind `Default`.
    assert_eq!(spec().geometry, crate::profile::GeometrySpec::default());
}
