use super::*;
use crate::face::Point;
use crate::photo::content::geometry::checks;
use crate::photo::content::synthetic::{FaceSpec, observation};
use crate::photo::content::{ContentInput, ContentResult};
use crate::profile::default_profile;
use crate::report::{CheckId, Status};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn g() -> &'static GeometrySpec {
    &default_profile().photo_content.geometry
}

/// A phone photo of `full` pixels, observed on a copy `down` times smaller, with a face whose
/// hair-top, chin and centre are given as fractions of the full picture.
fn phone(full: (u32, u32), down: u32, top: f32, chin: f32, cx: f32) -> FaceObservation {
    let (w, h) = (full.0 / down, full.1 / down);
    observation(w, h, &[FaceSpec::framed(top * h as f32, chin * h as f32, cx * w as f32)])
}

fn recheck(obs: &FaceObservation, plan: &CropPlan) -> ContentResult {
    let k = obs.width as f32 / plan.full.0 as f32;
    let r = plan.rect;
    let rect = BoxF { x: r.x * k, y: r.y * k, width: r.width * k, height: r.height * k };
    let cropped = transform(obs, rect, (450, 600));
    let img = RgbImage::from_pixel(450, 600, image::Rgb([67, 142, 219]));
    let confirmed = BTreeSet::new();
    let input = ContentInput {
        image: &img,
        observation: &cropped,
        target: (450, 600),
        spec: &default_profile().photo_content,
        software: None,
        confirmed: &confirmed,
    };
    checks(&input)
}

const FRAMING: [CheckId; 5] =
    [CheckId::FaceCount, CheckId::FaceHeadHeight, CheckId::FaceTopMargin, CheckId::FaceCentered, CheckId::FaceEyeLine];

fn assert_framing_passes(r: &ContentResult) {
    for id in FRAMING {
        let c = r.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(c.status, Status::Pass, "{id}: {} ({})", c.measured, c.message);
    }
}

#[test]
fn eyes_low_in_the_head_move_the_crop_so_the_eye_line_passes_too() {
    // Hair piled high (or a cap): the eyes sit 55 % of the way from the head top to the chin, so
    // the middle of the top-margin band would put the eye line at 0.067 + 0.55 × 0.665 ≈ 0.433 of
    // the height: at the pass band's limit, inside the measurement uncertainty.
    let (w, h) = (750u32, 1000u32);
    let (top, chin) = (0.2 * h as f32, 0.5 * h as f32);
    let mut face = FaceSpec::framed(top, chin, 0.5 * w as f32);
    let head = chin - top;
    face.top_above_eyes = 0.55 * head / face.eye_distance;
    face.chin_below_eyes = 0.45 * head / face.eye_distance;
    face.eye_mid.y = top + 0.55 * head;
    let obs = observation(w, h, &[face]);
    let p = plan(&obs, (3000, 4000), (450, 600), g()).expect("plan");
    let u = g().uncertainty;
    assert!(g().eye_line_pass.shrunk(u.eye_line).contains(p.eyes), "{p:?}");
    assert!(g().top_margin_pass.shrunk(u.top_margin).contains(p.top), "{p:?}");
    assert_framing_passes(&recheck(&obs, &p));
}

#[test]
fn a_typical_phone_photo_is_cropped_to_the_middle_of_the_bands() {
    // 3000×4000 portrait, observed at 750×1000; head 30 % of the height, a bit right of centre.
    let obs = phone((3000, 4000), 4, 0.2, 0.5, 0.55);
    let p = plan(&obs, (3000, 4000), (450, 600), g()).expect("plan");
    assert!((p.head - g().head_height_pass.mid()).abs() < 0.002, "{p:?}");
    assert!((p.top - g().top_margin_pass.mid()).abs() < 0.002, "{p:?}");
    assert!((p.centre - g().centre_pass.mid()).abs() < 0.002, "{p:?}");
    assert!((p.rect.width / p.rect.height - 0.75).abs() < 1e-3);
    assert_framing_passes(&recheck(&obs, &p));
    // The fix's fit uses the same rectangle at whatever scale it decoded.
    let fit = FaceAwareCrop { plan: p.clone() };
    let spec = &default_profile().photo;
    let (ew, eh) = fit.source_extent((3000, 4000), spec);
    assert!((ew as f32 - p.rect.width).abs() <= 1.0 && (eh as f32 - p.rect.height).abs() <= 1.0);
    let small = RgbImage::new(750, 1000);
    let (out, notes) = fit.fit(&small, spec);
    assert_eq!(out.dimensions(), (450, 600));
    assert!(notes[0].contains("人脸"));
}

#[test]
fn impossible_crops_say_how_to_retake() {
    let cases = [
        // Head 80 % of the picture: too close.
        (phone((3000, 4000), 4, 0.1, 0.9, 0.5), CropError::TooClose),
        // Hair-top touching the top edge.
        (phone((3000, 4000), 4, -0.05, 0.3, 0.5), CropError::NoRoomAbove),
        (phone((3000, 4000), 4, 0.005, 0.3, 0.5), CropError::NoRoomAbove),
        // Chin near the bottom.
        (phone((3000, 4000), 4, 0.5, 0.95, 0.5), CropError::NoRoomBelow),
        // At the left edge.
        (phone((4000, 3000), 4, 0.2, 0.5, 0.08), CropError::OffCentre { right: false }),
        (phone((4000, 3000), 4, 0.2, 0.5, 0.93), CropError::OffCentre { right: true }),
        (observation(800, 600, &[]), CropError::NoFace),
    ];
    for (obs, want) in cases {
        let full = (obs.width * 4, obs.height * 4);
        let got = plan(&obs, full, (450, 600), g());
        assert_eq!(got.as_ref().err(), Some(&want), "{got:?}");
        assert!(!want.message().is_empty());
    }
    // A tiny head in a small picture: upscaling would blur.
    let obs = phone((600, 800), 1, 0.4, 0.6, 0.5);
    assert!(matches!(plan(&obs, (600, 800), (450, 600), g()), Err(CropError::TooSmall { .. })));
    let two = observation(800, 600, &[FaceSpec::framed(100.0, 300.0, 200.0), FaceSpec::framed(100.0, 300.0, 600.0)]);
    assert_eq!(plan(&two, (800, 600), (450, 600), g()), Err(CropError::SeveralFaces(2)));
}

#[test]
fn a_photo_cut_short_below_the_chin_is_rescued_by_a_crop_off_the_band_middles() {
    // Head 50 % of a 3000×4000 picture starting at 31.75 %: the crop at the middle of the
    // head-height band (66.5 %) would need picture below the bottom edge; a crop with the head
    // near the top of its band fits, and the fixed photo passes.
    let obs = phone((3000, 4000), 4, 0.3175, 0.8175, 0.5);
    let p = plan(&obs, (3000, 4000), (450, 600), g()).expect("a compliant crop exists");
    assert!(p.head > g().head_height_pass.mid() + 0.01, "{p:?}");
    assert!(p.rect.y + p.rect.height <= 4000.5, "{p:?}");
    assert_framing_passes(&recheck(&obs, &p));
    // A doubtful second detection (weak, small: a pattern in the background) does not stop it.
    let mut with_phantom = obs.clone();
    let mut phantom = with_phantom.faces[0].clone();
    phantom.score = 0.6;
    phantom.bbox.width *= 0.3;
    phantom.bbox.height *= 0.3;
    with_phantom.faces.push(phantom);
    assert!(plan(&with_phantom, (3000, 4000), (450, 600), g()).is_ok());
}

#[test]
fn transform_moves_every_point() {
    let obs = observation(800, 1000, &[FaceSpec::framed(100.0, 500.0, 400.0)]);
    let t = transform(&obs, BoxF { x: 100.0, y: 50.0, width: 600.0, height: 800.0 }, (450, 600));
    let d = &t.faces[0];
    assert!((d.right_eye.x - (obs.faces[0].right_eye.x - 100.0) * 0.75).abs() < 1e-3);
    assert_eq!(t.mask.data.len(), 450 * 600);
    let _ = Point::default();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    /// Whenever a plan is made, the cropped photo passes every framing check; a face with room
    /// around it always gets a plan.
    #[test]
    fn planned_crops_pass_the_geometry_checks(
        landscape in any::<bool>(),
        head in 0.15f32..0.6,
        top in 0.0f32..0.4,
        cx in 0.1f32..0.9,
        roll in -3.0f32..3.0,
    ) {
        let full = if landscape { (4000, 3000) } else { (3000, 4000) };
        let (w, h) = (full.0 / 8, full.1 / 8);
        let f = FaceSpec { roll, ..FaceSpec::framed(top * h as f32, (top + head) * h as f32, cx * w as f32) };
        let obs = observation(w, h, &[f]);
        match plan(&obs, full, (450, 600), g()) {
            Ok(p) => assert_framing_passes(&recheck(&obs, &p)),
            Err(e) => {
                // Room: 1.5 head heights to each side and the frame's margins above and below.
                let frame = head / g().head_height_pass.mid();
                let fw = frame * h as f32 * 0.75 / w as f32;
                let roomy = top > 0.12 * frame && top + head + 0.3 * frame < 1.0 && cx > 0.5 * fw + 0.02 && cx < 1.0 - 0.5 * fw - 0.02 && frame < 0.95;
                prop_assert!(!roomy, "{e:?} for a roomy face: head {head} top {top} cx {cx}");
            }
        }
    }
}
