//! Scene checks on drawn pictures: each case asserts the status its rule must give.

mod draw;

use super::checks;
use crate::face::{FaceObservation, PersonMask};
use crate::photo::content::{ContentInput, ContentResult, Shape};
use crate::profile::default_profile;
use crate::report::{Check, CheckId, Status};
use draw::{BLUE, NAVY, Portrait, blur, modulate, noise};
use image::{Rgb, RgbImage};
use std::collections::BTreeSet;

fn run_with(img: &RgbImage, obs: &FaceObservation, software: Option<&str>) -> ContentResult {
    let confirmed = BTreeSet::new();
    let input = ContentInput {
        image: img,
        observation: obs,
        target: (450, 600),
        spec: &default_profile().photo_content,
        software,
        confirmed: &confirmed,
    };
    checks(&input)
}

fn run(p: &Portrait) -> ContentResult {
    let (img, obs) = p.draw();
    run_with(&img, &obs, None)
}

fn check(r: &ContentResult, id: CheckId) -> &Check {
    r.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no {id} in {:#?}", r.checks))
}

#[track_caller]
fn assert_status(r: &ContentResult, id: CheckId, want: Status) {
    let c = check(r, id);
    assert_eq!(c.status, want, "{id}: {} | {}", c.measured, c.message);
}

fn on(background: [u8; 3]) -> Portrait {
    Portrait { background: Box::new(move |_, _| background), ..Portrait::default() }
}

const IDS: [CheckId; 8] = [
    CheckId::BackgroundColor,
    CheckId::BackgroundUniform,
    CheckId::ClothingDark,
    CheckId::ClothingContrast,
    CheckId::LightingExposure,
    CheckId::LightingEven,
    CheckId::ImageSharpness,
    CheckId::CaptureRecapture,
];

#[test]
fn a_good_portrait_passes_every_scene_check_on_each_accepted_blue() {
    for blue in [BLUE, [0x00, 0xbf, 0xf3], [0x62, 0x8b, 0xce], [100, 197, 255]] {
        let r = run(&on(blue));
        for id in IDS {
            assert_status(&r, id, Status::Pass);
        }
        assert_eq!(r.checks.len(), IDS.len());
    }
}

#[test]
fn white_red_and_grey_backgrounds_fail_the_colour() {
    for bg in [[255, 255, 255], [245, 245, 240], [200, 30, 30], [128, 128, 128]] {
        assert_status(&run(&on(bg)), CheckId::BackgroundColor, Status::Fail);
    }
    // A dark blue: right hue, too dark (V 0.31).
    assert_status(&run(&on([30, 50, 80])), CheckId::BackgroundColor, Status::Fail);
    // Cyan-green at 175° is outside even the warning band; 185° only warns.
    assert_status(&run(&on([40, 220, 200])), CheckId::BackgroundColor, Status::Fail);
    assert_status(&run(&on([40, 200, 230])), CheckId::BackgroundColor, Status::Warn);
}

#[test]
fn gradient_and_noisy_backgrounds_are_not_uniform() {
    // Left-to-right gradient from the standard blue to a much darker one: strips differ.
    let gradient = Portrait {
        background: Box::new(|x, _| {
            let t = x as f32 / 449.0;
            [(67.0 - 40.0 * t) as u8, (142.0 - 70.0 * t) as u8, (219.0 - 80.0 * t) as u8]
        }),
        ..Portrait::default()
    };
    let r = run(&gradient);
    assert_status(&r, CheckId::BackgroundUniform, Status::Fail);
    // A top-to-bottom light fall-off: the top strip is lighter than the sides.
    let vertical = Portrait {
        background: Box::new(|_, y| {
            let f = 1.25 - 0.9 * (y as f32 / 400.0).min(1.0);
            BLUE.map(|v| (f32::from(v) * f).min(255.0) as u8)
        }),
        ..Portrait::default()
    };
    assert_ne!(check(&run(&vertical), CheckId::BackgroundUniform).status, Status::Pass);
    // Strong noise (a mottled backdrop or a heavily edited one).
    let noisy = Portrait {
        background: Box::new(|x, y| BLUE.map(|v| (f32::from(v) + 40.0 * noise(x, y, 9)).clamp(0.0, 255.0) as u8)),
        ..Portrait::default()
    };
    let r = run(&noisy);
    assert_status(&r, CheckId::BackgroundUniform, Status::Fail);
    assert_status(&r, CheckId::BackgroundColor, Status::Pass);
    // Noise is not a halftone.
    assert_status(&r, CheckId::CaptureRecapture, Status::Pass);
}

#[test]
fn clothes_must_be_dark_and_differ_from_the_background() {
    let dressed = |clothes| run(&Portrait { clothes, ..Portrait::default() });
    let white = dressed([245, 245, 245]);
    assert_status(&white, CheckId::ClothingDark, Status::Fail);
    assert_status(&white, CheckId::ClothingContrast, Status::Pass);
    assert_status(&dressed([125, 125, 125]), CheckId::ClothingDark, Status::Warn);
    let black = dressed([20, 20, 20]);
    assert_status(&black, CheckId::ClothingDark, Status::Pass);
    assert_status(&black, CheckId::ClothingContrast, Status::Pass);
    // Blue clothes on the same blue: they blend into the background.
    let blend = dressed(BLUE);
    assert_status(&blend, CheckId::ClothingContrast, Status::Fail);
    assert_ne!(check(&blend, CheckId::ClothingDark).status, Status::Pass);
    // A dark navy on light blue is fine.
    assert_status(&dressed(NAVY), CheckId::ClothingContrast, Status::Pass);
}

#[test]
fn over_and_under_exposed_faces_fail_and_dark_skin_does_not() {
    let face = |skin| run(&Portrait { skin, ..Portrait::default() });
    assert_status(&face([255, 253, 250]), CheckId::LightingExposure, Status::Fail);
    assert_status(&face([12, 10, 9]), CheckId::LightingExposure, Status::Fail);
    // Deep brown skin (L* ≈ 30) is correctly exposed: only near-black pixels count.
    let dark = face([95, 62, 45]);
    assert_status(&dark, CheckId::LightingExposure, Status::Pass);
    assert_status(&dark, CheckId::LightingEven, Status::Pass);
    assert_status(&dark, CheckId::ImageSharpness, Status::Pass);
}

#[test]
fn a_face_lit_from_one_side_is_uneven() {
    let r = run(&Portrait { light: (0.45, 1.0), ..Portrait::default() });
    assert_status(&r, CheckId::LightingEven, Status::Fail);
    assert!(check(&r, CheckId::LightingEven).message.contains("画面左侧"));
    assert_status(&run(&Portrait { light: (0.8, 1.0), ..Portrait::default() }), CheckId::LightingEven, Status::Warn);
}

#[test]
fn a_blurred_photo_is_not_sharp() {
    let (img, obs) = Portrait::default().draw();
    assert_status(&run_with(&blur(&img, 3), &obs, None), CheckId::ImageSharpness, Status::Fail);
    assert_status(&run_with(&blur(&img, 2), &obs, None), CheckId::ImageSharpness, Status::Warn);
    // The same blur on a darker face is judged the same (the index ignores contrast).
    let (dark, obs) = Portrait { skin: [95, 62, 45], ..Portrait::default() }.draw();
    assert_status(&run_with(&dark, &obs, None), CheckId::ImageSharpness, Status::Pass);
    assert_status(&run_with(&blur(&dark, 3), &obs, None), CheckId::ImageSharpness, Status::Fail);
    // A featureless face region cannot be judged.
    let flat = RgbImage::from_pixel(450, 600, Rgb(BLUE));
    assert_status(&run_with(&flat, &obs, None), CheckId::ImageSharpness, Status::Manual);
}

#[test]
fn halftone_moire_and_screen_grids_warn_never_fail() {
    let (img, obs) = Portrait::default().draw();
    let tau = std::f32::consts::TAU;
    // A printed photo photographed again: round halftone dots on a 45° screen, 6 px apart.
    let halftone = modulate(&img, |x, y| {
        let (u, v) = ((x + y) as f32 / 2f32.sqrt(), (x as f32 - y as f32) / 2f32.sqrt());
        let (du, dv) = (u.rem_euclid(6.0) - 3.0, v.rem_euclid(6.0) - 3.0);
        if du * du + dv * dv < 3.0 { 0.7 } else { 1.0 }
    });
    // A fine moiré: a faint beat pattern, period ≈ 3.2 px, slightly tilted.
    let moire = modulate(&img, |x, y| 1.0 + 0.05 * (tau * (0.31 * x as f32 + 0.07 * y as f32)).cos());
    // A screen's pixel grid: every third row and column darker.
    let screen = modulate(&img, |x, y| if x % 3 == 0 || y % 3 == 0 { 0.85 } else { 1.0 });
    for (name, pic) in [("halftone", halftone), ("moire", moire), ("screen", screen)] {
        let r = run_with(&pic, &obs, None);
        let c = check(&r, CheckId::CaptureRecapture);
        assert_eq!(c.status, Status::Warn, "{name}: {}", c.measured);
        assert!(r.marks.iter().any(|m| m.check == CheckId::CaptureRecapture && m.status == Status::Warn));
    }
    assert_status(&run_with(&img, &obs, None), CheckId::CaptureRecapture, Status::Pass);
}

#[test]
fn editing_and_scanner_software_warn() {
    let (img, obs) = Portrait::default().draw();
    for sw in ["Adobe Photoshop CC 2019 (Windows)", "美图秀秀", "MTXX (Meitu)", "EPSON Scan", "CamScanner"] {
        let r = run_with(&img, &obs, Some(sw));
        assert_status(&r, CheckId::CaptureRecapture, Status::Warn);
        assert!(check(&r, CheckId::CaptureRecapture).message.contains(sw.trim()));
    }
    for sw in ["17.2", "G9910ZCU2AWL1", "HDR+ 1.0.540104767zd", ""] {
        assert_status(&run_with(&img, &obs, Some(sw)), CheckId::CaptureRecapture, Status::Pass);
    }
}

#[test]
fn a_compressed_jpeg_of_a_good_portrait_still_passes() {
    let (img, obs) = Portrait::default().draw();
    for quality in [50, 75] {
        let bytes = crate::imaging::jpeg_write::encode(&img, quality, 300).expect("encode");
        let back = crate::imaging::decode::decode(&bytes, (450, 600)).expect("decode").image;
        let r = run_with(&back, &obs, None);
        for id in IDS {
            assert_status(&r, id, Status::Pass);
        }
    }
}

#[test]
fn marks_show_the_sampled_regions_in_the_status_colour() {
    let r = run(&on([255, 255, 255]));
    let bg: Vec<_> = r.marks.iter().filter(|m| m.check == CheckId::BackgroundColor).collect();
    assert_eq!(bg.len(), 3, "left, right and top strips");
    assert!(bg.iter().all(|m| m.status == Status::Fail && matches!(m.shape, Shape::Rect { .. })));
    let cl: Vec<_> = r.marks.iter().filter(|m| m.check == CheckId::ClothingDark).collect();
    assert_eq!(cl.len(), 1);
    let Shape::Rect { rect } = cl[0].shape else { panic!() };
    assert!(rect.y >= 400.0 && rect.y + rect.height <= 600.0, "{rect:?}");
    // Every region lies inside the picture.
    for m in &r.marks {
        if let Shape::Rect { rect } = m.shape {
            assert!(rect.x >= 0.0 && rect.y >= 0.0 && rect.x + rect.width <= 450.0 && rect.y + rect.height <= 600.0);
        }
    }
}

#[test]
fn without_a_face_or_a_mask_fixed_regions_are_used_and_said() {
    let (img, obs) = Portrait::default().draw();
    let no_face = FaceObservation { faces: vec![], ..obs.clone() };
    let r = run_with(&img, &no_face, None);
    assert_status(&r, CheckId::BackgroundColor, Status::Pass);
    assert_status(&r, CheckId::ClothingDark, Status::Pass);
    assert!(check(&r, CheckId::BackgroundColor).measured.contains("未检测到人脸"));
    assert!(r.marks.iter().any(|m| m.label == "左上角背景"));

    let empty = PersonMask { width: 450, height: 600, data: vec![0; 450 * 600] };
    let r = run_with(&img, &FaceObservation { mask: empty, ..obs.clone() }, None);
    assert!(check(&r, CheckId::BackgroundColor).measured.contains("人像分割中没有人"));
    assert_status(&r, CheckId::BackgroundColor, Status::Pass);
    assert_status(&r, CheckId::ClothingDark, Status::Pass);

    let wrong = PersonMask { width: 10, height: 10, data: vec![255; 7] };
    let r = run_with(&img, &FaceObservation { mask: wrong, ..obs.clone() }, None);
    assert!(check(&r, CheckId::ClothingContrast).measured.contains("尺寸不符"));
    assert_status(&r, CheckId::ClothingContrast, Status::Pass);

    // A white background still fails on the fixed corners.
    let (white, obs) = on([255, 255, 255]).draw();
    let r = run_with(&white, &FaceObservation { faces: vec![], ..obs }, None);
    assert_status(&r, CheckId::BackgroundColor, Status::Fail);
}

#[test]
fn tiny_empty_and_absurd_inputs_never_panic() {
    let empty_obs = |w, h| FaceObservation {
        width: w,
        height: h,
        faces: vec![],
        landmarks: None,
        mask: PersonMask { width: 0, height: 0, data: vec![] },
    };
    for (w, h) in [(0, 0), (1, 1), (2, 3), (7, 1), (1, 600), (33, 33)] {
        let img = RgbImage::from_pixel(w, h, Rgb(BLUE));
        let r = run_with(&img, &empty_obs(w, h), Some("Photoshop"));
        assert_eq!(r.checks.len(), IDS.len(), "{w}×{h}");
        if w * h < 100 {
            assert_status(&r, CheckId::BackgroundColor, Status::Manual);
            assert_status(&r, CheckId::CaptureRecapture, Status::Warn);
        }
    }
    // Face boxes outside the picture, of zero or non-finite size, an observation of another size.
    let (img, obs) = Portrait::default().draw();
    for (x, y, s) in [(-500.0, -500.0, 10.0), (440.0, 590.0, 500.0), (f32::NAN, 0.0, 100.0), (10.0, 10.0, 0.0)] {
        let mut o = obs.clone();
        o.faces[0].bbox = crate::face::BoxF { x, y, width: s, height: s };
        o.faces[0].nose_tip.x = f32::INFINITY;
        assert_eq!(run_with(&img, &o, None).checks.len(), IDS.len());
    }
    let scaled = FaceObservation { width: 900, height: 1200, ..obs.clone() };
    assert_eq!(run_with(&img, &scaled, None).checks.len(), IDS.len());
    let zero = FaceObservation { width: 0, height: 0, ..obs };
    assert_eq!(run_with(&img, &zero, None).checks.len(), IDS.len());
}

#[test]
fn a_smaller_profile_size_is_judged_alike() {
    // Zhengzhou 2023: 295×413.
    let p = Portrait { width: 295, height: 413, ..Portrait::default() };
    let r = run(&p);
    for id in IDS {
        assert_status(&r, id, Status::Pass);
    }
    let r = run(&Portrait { width: 295, height: 413, clothes: [240, 240, 240], ..on([250, 250, 250]) });
    assert_status(&r, CheckId::BackgroundColor, Status::Fail);
    assert_status(&r, CheckId::ClothingDark, Status::Fail);
}

#[test]
fn the_profiles_carry_the_default_numbers_and_reject_inverted_limits() {
    let henan = crate::profile::by_id("henan-2024").unwrap();
    assert_eq!(henan.photo_content.scene, crate::profile::SceneSpec::default());
    let good = include_str!("../../../../../profiles/henan-2024.toml");
    assert!(crate::profile::parse(good).is_ok());
    assert!(crate::profile::parse(&good.replace("sigma_l = [4.0, 8.0]", "sigma_l = [8.0, 4.0]")).is_err());
    assert!(crate::profile::parse(&good.replace("saturation = [0.35, 0.25]", "saturation = [0.25, 0.35]")).is_err());
    assert!(crate::profile::parse(&good.replace("colour = \"blue\"", "colour = \"white\"")).is_err());
    assert!(crate::profile::parse(&good.replace("peak_ratio = 60.0", "peak_ratio = 60.0\nbogus = 1")).is_err());
}
