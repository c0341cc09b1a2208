//! Property: from any decodable input (sizes, aspect ratios, orientations, formats, noise levels),
//! the fix writes a file that passes every file check of its profile.

#[path = "support/fixtures.rs"]
mod fixtures;

use precheck::profile::all;
use precheck::report::Verdict;
use proptest::prelude::*;

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
        prop_assert!(fixed.bytes.len() as u64 <= profile.photo.max_bytes);
    }

    #[test]
    fn every_fixed_document_passes(w in 200u32..1700, h in 150u32..1300, format in 0u8..3) {
        let profile = &all()[0];
        let img = fixtures::id_card(w, h);
        let bytes = match format { 0 => fixtures::jpeg(&img, 92, None), 1 => fixtures::png_rgb8(&img), _ => fixtures::jpeg_progressive(&img, 85) };
        let fixed = precheck::document::fix(&bytes, "x.jpg", Some("11010519491231002X"), profile).expect("fixable");
        let report = precheck::document::check(&fixed.bytes, &fixed.file_name, Some("11010519491231002X"), profile);
        prop_assert_eq!(report.verdict, Verdict::Pass, "{:?}", report.checks);
    }
}
