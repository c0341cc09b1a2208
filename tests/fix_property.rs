//! Property: from any decodable input (sizes, aspect ratios, orientations, formats, noise levels),
//! the fix writes a file that passes every file check of its profile, and that a judge sharing no
//! code with the site's checker accepts too.

#[path = "support/fixtures.rs"]
mod fixtures;

use image::{GenericImageView, ImageFormat};
use precheck::profile::{ImageSpec, all};
use precheck::report::Verdict;
use proptest::prelude::*;

/// The file rules of `spec`, judged without the project's code: the header by the fixtures' own
/// segment walker, the pixels by the `image` crate's JPEG decoder (zune-jpeg; the site decodes
/// with jpeg-decoder).
fn independent_judgement(bytes: &[u8], spec: &ImageSpec) -> Result<(), String> {
    if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err("not a whole JPEG (SOI … EOI)".into());
    }
    let len = bytes.len() as u64;
    if len > spec.max_bytes || spec.min_bytes.is_some_and(|min| len < min) {
        return Err(format!("{len} bytes"));
    }
    let (w, h, components, sof) = fixtures::jpeg_frame(bytes).ok_or("no frame header")?;
    if sof != 0xC0 || components != 3 {
        return Err(format!("frame SOF{:X} with {components} components, want baseline colour", sof - 0xC0));
    }
    if (u32::from(w), u32::from(h)) != (spec.width, spec.height) {
        return Err(format!("{w}×{h}, want {}×{}", spec.width, spec.height));
    }
    let dpi = match fixtures::jfif_density(bytes) {
        Some((1, x, y)) => f64::from(x.min(y)),
        Some((2, x, y)) => f64::from(x.min(y)) * 2.54,
        other => return Err(format!("JFIF density {other:?} gives no dpi")),
    };
    if dpi < f64::from(spec.min_dpi) {
        return Err(format!("{dpi} dpi, want ≥ {}", spec.min_dpi));
    }
    // A viewer would turn the picture by an EXIF orientation; the fix writes upright pixels instead.
    if fixtures::jpeg_segments(bytes).iter().any(|s| s.marker == 0xE1 && s.payload.starts_with(b"Exif\0\0")) {
        return Err("EXIF segment left in".into());
    }
    let img = image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).map_err(|e| format!("image crate: {e}"))?;
    if img.dimensions() != (spec.width, spec.height) {
        return Err(format!("decoded {:?}", img.dimensions()));
    }
    let rgb = img.to_rgb8();
    let coloured =
        rgb.pixels().filter(|p| p.0.iter().max().unwrap_or(&0) - p.0.iter().min().unwrap_or(&0) > 40).count();
    let share = coloured as f64 / f64::from(spec.width * spec.height);
    if share < spec.min_colour_share {
        return Err(format!("{:.1}% clearly coloured pixels", share * 100.0));
    }
    Ok(())
}

fn input(w: u32, h: u32, noise: f32, orientation: u16, format: u8) -> Vec<u8> {
    let img = fixtures::portrait_with_noise(w, h, noise);
    match format {
        0 => fixtures::jpeg(&img, 90, Some(72)),
        1 => {
            fixtures::jpeg_with_exif(&fixtures::stored_for_orientation(&img, orientation), 85, orientation, None, None)
        }
        2 => fixtures::png_rgb8(&img),
        3 => fixtures::jpeg_progressive(&img, 80),
        _ => fixtures::jpeg_cmyk(&img, 80),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_fixed_photo_passes(w in 120u32..1400, h in 120u32..1400, noise in 0f32..60.0, o in 1u16..=8, format in 0u8..5, which in 0usize..2) {
        let profile = &all()[which % all().len()];
        let bytes = input(w, h, noise, o, format);
        let fixed = precheck::photo::fix(&bytes, "in.jpg", profile).expect("decodable colour input must be fixable");
        let report = precheck::photo::check(&fixed.bytes, &fixed.file_name, profile);
        prop_assert_eq!(report.verdict, Verdict::Pass, "{:?}", report.checks);
        if let Err(why) = independent_judgement(&fixed.bytes, &profile.photo) {
            return Err(TestCaseError::fail(format!("{}: {why}", profile.id)));
        }
    }

    #[test]
    fn every_fixed_document_passes(w in 200u32..1700, h in 150u32..1300, format in 0u8..3) {
        let profile = &all()[0];
        let img = fixtures::id_card(w, h);
        let bytes = match format { 0 => fixtures::jpeg(&img, 92, None), 1 => fixtures::png_rgb8(&img), _ => fixtures::jpeg_progressive(&img, 85) };
        let fixed = precheck::document::fix(&bytes, "x.jpg", Some("11010519491231002X"), profile).expect("fixable");
        // The file rules: these pictures are not cards, so the card's own checks are another test's.
        let report = precheck::document::check_file(&fixed.bytes, &fixed.file_name, Some("11010519491231002X"), profile);
        prop_assert_eq!(report.verdict, Verdict::Pass, "{:?}", report.checks);
        prop_assert_eq!(fixed.file_name.as_str(), "11010519491231002X.jpg");
        if let Err(why) = independent_judgement(&fixed.bytes, &profile.document) {
            return Err(TestCaseError::fail(why));
        }
    }
}
