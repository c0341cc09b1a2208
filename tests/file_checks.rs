//! Every file check and every bad input, on real files the fixtures draw and encode.

#[path = "support/fixtures.rs"]
mod fixtures;

use fixtures::*;
use precheck::profile::{by_id, default_profile};
use precheck::report::{CheckId, Report, Status, Verdict};
use precheck::{document, photo};
use std::time::Instant;

fn status(r: &Report, id: CheckId) -> Option<Status> {
    r.check(id).map(|c| c.status)
}

fn good_photo() -> Vec<u8> {
    fit_quality(30_000, 95, |q| jpeg(&portrait(450, 600), q, Some(300))).expect("fits").1
}

#[test]
fn a_compliant_photo_passes_every_check() {
    let r = photo::check(&good_photo(), "photo.jpg", default_profile());
    assert_eq!(r.verdict, Verdict::Pass, "{r:#?}");
    let ids: Vec<_> = r.checks.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [CheckId::FileFormat, CheckId::FileSize, CheckId::ImageDimensions, CheckId::ImageDpi, CheckId::ImageColor]
    );
    for c in &r.checks {
        assert!(!c.measured.is_empty() && !c.expected.is_empty() && !c.message.is_empty(), "{c:?}");
    }
}

#[test]
fn dpi_from_jfif_and_exif() {
    let img = portrait(450, 600);
    let p = default_profile();
    let at = |bytes: Vec<u8>| status(&photo::check(&bytes, "a.jpg", p), CheckId::ImageDpi);
    assert_eq!(at(jpeg(&img, 60, Some(72))), Some(Status::Fail));
    assert_eq!(at(jpeg(&img, 60, None)), Some(Status::Fail), "no density at all");
    assert_eq!(at(jpeg(&img, 60, Some(350))), Some(Status::Pass));
    // EXIF says 72 while JFIF has no unit: what Windows shows is 72.
    assert_eq!(at(jpeg_with_exif(&img, 60, 1, Some(72), None)), Some(Status::Fail));
    assert_eq!(at(jpeg_with_exif(&img, 60, 1, Some(300), None)), Some(Status::Pass));
    assert_eq!(at(jpeg_with_exif_endian(&img, 60, 1, Some(300), None, false)), Some(Status::Pass));
    let r = photo::check(&jpeg(&img, 60, Some(72)), "a.jpg", p);
    assert!(r.check(CheckId::ImageDpi).unwrap().measured.contains("72"));
}

#[test]
fn size_pass_warn_fail_bands() {
    let p = default_profile();
    let big = jpeg(&portrait_with_noise(450, 600, 40.0), 98, Some(300));
    assert!(big.len() > 30_720, "fixture must be big: {}", big.len());
    assert_eq!(status(&photo::check(&big, "a.jpg", p), CheckId::FileSize), Some(Status::Fail));
    let c = precheck::filecheck::size_check(30_500, &p.photo);
    assert_eq!(c.status, Status::Warn);
    assert_eq!(precheck::filecheck::size_check(30_000, &p.photo).status, Status::Pass);
    assert_eq!(precheck::filecheck::size_check(30_721, &p.photo).status, Status::Fail);
    assert_eq!(precheck::filecheck::size_check(0, &p.photo).status, Status::Fail);
    // The Zhengzhou profile allows 50 KB: the same bytes judged by other numbers.
    let zz = by_id("zhengzhou-2023").unwrap();
    assert_eq!(precheck::filecheck::size_check(45_000, &zz.photo).status, Status::Pass);
}

#[test]
fn dimensions_exact_and_profile_driven() {
    let p = default_profile();
    let r = photo::check(&jpeg(&portrait(600, 800), 60, Some(300)), "a.jpg", p);
    assert_eq!(status(&r, CheckId::ImageDimensions), Some(Status::Fail));
    let r = photo::check(&jpeg(&portrait(600, 450), 60, Some(300)), "a.jpg", p);
    assert!(r.check(CheckId::ImageDimensions).unwrap().message.contains("颠倒"));
    assert!(r.check(CheckId::ImageDimensions).unwrap().message.contains("竖版"));
    let r = photo::check(&jpeg(&portrait(600, 900), 60, Some(300)), "a.jpg", p);
    assert!(r.check(CheckId::ImageDimensions).unwrap().message.contains("居中裁剪"));
    let zz = by_id("zhengzhou-2023").unwrap();
    let small = jpeg(&portrait(295, 413), 80, Some(300));
    assert_eq!(photo::check(&small, "a.jpg", zz).verdict, Verdict::Pass);
    assert_eq!(status(&photo::check(&small, "a.jpg", p), CheckId::ImageDimensions), Some(Status::Fail));
}

#[test]
fn all_eight_exif_orientations_are_judged_upright() {
    let upright = portrait(450, 600);
    let p = default_profile();
    for o in 1..=8u16 {
        let bytes = jpeg_with_exif(&stored_for_orientation(&upright, o), 70, o, Some(300), None);
        let r = photo::check(&bytes, "a.jpg", p);
        let dims = r.check(CheckId::ImageDimensions).unwrap();
        let expected = match o {
            1 => Status::Pass,
            2..=4 => Status::Warn,
            _ => Status::Fail,
        };
        assert_eq!(dims.status, expected, "orientation {o}: {dims:?}");
        assert_eq!(status(&r, CheckId::ImageColor), Some(Status::Pass), "orientation {o}");
        // The fix writes real upright pixels: the badge (image right) must stay on the right.
        let fixed = photo::fix(&bytes, "a.jpg", p).unwrap_or_else(|e| panic!("orientation {o}: {e:?}"));
        let back = precheck::imaging::decode::decode(&fixed.bytes, (u32::MAX, u32::MAX)).unwrap().image;
        assert_eq!(back.dimensions(), (450, 600));
        let (diff_same, diff_mirror) = compare_with_mirror(&upright, &back);
        assert!(
            diff_same < diff_mirror,
            "orientation {o}: fixed picture is mirrored or rotated ({diff_same} vs {diff_mirror})"
        );
    }
}

/// Mean absolute difference to `a` and to `a` mirrored left-right.
fn compare_with_mirror(a: &image::RgbImage, b: &image::RgbImage) -> (f64, f64) {
    let mirrored = image::imageops::flip_horizontal(a);
    let diff = |x: &image::RgbImage| {
        x.pixels()
            .zip(b.pixels())
            .map(|(p, q)| (0..3).map(|i| (i32::from(p[i]) - i32::from(q[i])).unsigned_abs()).sum::<u32>() as f64)
            .sum::<f64>()
            / (x.width() * x.height()) as f64
    };
    (diff(a), diff(&mirrored))
}

#[test]
fn grey_scale_fails_and_cannot_be_fixed() {
    let p = default_profile();
    for bytes in [jpeg_gray(&portrait(450, 600), 80), jpeg(&portrait_gray(450, 600), 80, Some(300))] {
        let r = photo::check(&bytes, "a.jpg", p);
        assert_eq!(status(&r, CheckId::ImageColor), Some(Status::Fail));
        assert!(matches!(photo::fix(&bytes, "a.jpg", p), Err(precheck::fix::FixError::Unfixable(_))));
    }
}

#[test]
fn bad_inputs_get_chinese_messages_and_no_panic() {
    let p = default_profile();
    let good = good_photo();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "空文件"),
        ("truncated", truncated(&good, 0.5), "不完整"),
        ("corrupt", corrupt(&good), "无法读取"),
        ("png renamed", png_rgb8(&portrait(450, 600)), "PNG"),
        ("heic", heic_stub(), "iPhone"),
        ("text", text_file(), "文本"),
        ("png bomb", png_bomb(20_000, 20_000), "太大"),
        ("jpeg bomb", jpeg_header_bomb(20_000, 20_000), "太大"),
    ];
    for (what, bytes, needle) in cases {
        let start = Instant::now();
        let r = photo::check(&bytes, "photo.jpg", p);
        assert!(start.elapsed().as_secs_f64() < 5.0, "{what} took too long: a bomb must be refused from its header");
        let format = r.check(CheckId::FileFormat).unwrap();
        assert_eq!(format.status, Status::Fail, "{what}: {format:?}");
        assert_eq!(r.verdict, Verdict::Fail, "{what}");
        assert!(format.message.contains(needle), "{what}: {}", format.message);
        assert!(
            format.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: message must be Chinese"
        );
    }
}

#[test]
fn cmyk_progressive_and_16_bit_are_read_and_fixed() {
    let p = default_profile();
    let img = portrait(450, 600);
    let cmyk = jpeg_cmyk(&img, 85);
    let r = photo::check(&cmyk, "a.jpg", p);
    assert_eq!(status(&r, CheckId::FileFormat), Some(Status::Fail));
    assert_eq!(status(&r, CheckId::ImageColor), Some(Status::Pass), "CMYK colours must survive conversion");
    let progressive = jpeg_progressive(&img, 70);
    assert_eq!(status(&photo::check(&progressive, "a.jpg", p), CheckId::FileFormat), Some(Status::Warn));
    let png16 = png_rgb16(&portrait(900, 1200));
    for (what, bytes) in [
        ("cmyk", cmyk),
        ("progressive", progressive),
        ("png16", png16),
        ("transparent", png_rgba_transparent(450, 600)),
    ] {
        let fixed = photo::fix(&bytes, "x.jpg", p).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(photo::check(&fixed.bytes, &fixed.file_name, p).verdict, Verdict::Pass, "{what}");
    }
    // The CMYK photo's blue background stays blue after conversion.
    let fixed = photo::fix(&jpeg_cmyk(&img, 85), "a.jpg", p).unwrap();
    let px = precheck::imaging::decode::decode(&fixed.bytes, (u32::MAX, u32::MAX)).unwrap().image.get_pixel(5, 5).0;
    assert!(px[2] > px[0] + 60 && px[2] > 150, "background should be blue, got {px:?}");
}

#[test]
fn webp_is_named_and_refused_with_how_to_convert() {
    let p = default_profile();
    let bytes = webp_lossless(&portrait(450, 600));
    let r = photo::check(&bytes, "photo.webp", p);
    let format = r.check(CheckId::FileFormat).expect("file.format row");
    assert_eq!(format.status, Status::Fail);
    assert!(format.message.contains("WebP") && format.message.contains("JPEG"), "{}", format.message);
    let err = photo::fix(&bytes, "photo.webp", p).expect_err("WebP is not decoded, so it cannot be fixed");
    assert!(err.message().contains("WebP"), "{}", err.message());
}

#[test]
fn extension_that_lies_is_flagged() {
    let r = photo::check(&good_photo(), "photo.png", default_profile());
    assert_eq!(status(&r, CheckId::FileFormat), Some(Status::Warn));
}

#[test]
fn twelve_megapixel_photo_checks_and_fixes() {
    let p = default_profile();
    let bytes = twelve_mp_photo();
    let r = photo::check(&bytes, "IMG_0001.jpg", p);
    assert_eq!(r.check(CheckId::ImageDimensions).unwrap().measured, "4000×3000 像素");
    let fixed = photo::fix(&bytes, "IMG_0001.jpg", p).unwrap();
    assert_eq!(fixed.file_name, "IMG_0001-合格.jpg");
    assert!(fixed.bytes.len() <= 30_000);
    assert!(fixed.quality >= 50, "a 12 MP portrait should fit at decent quality, got {}", fixed.quality);
    assert_eq!(photo::check(&fixed.bytes, &fixed.file_name, p).verdict, Verdict::Pass);
}

#[test]
fn document_file_checks_name_and_the_whole_picture_fix() {
    // The file rules only (`check_file`); the card in the picture has its own tests below.
    let p = default_profile();
    let card = fit_quality(50_000, 95, |q| jpeg(&id_card(800, 600), q, Some(300))).unwrap().1;
    assert_eq!(document::check_file(&card, "11010519491231002X.jpg", None, p).verdict, Verdict::Pass);
    let r = document::check_file(&card, "scan.jpg", None, p);
    assert_eq!(status(&r, CheckId::FileName), Some(Status::Fail));
    let r = document::check_file(&card, "11010519491231002X.jpg", Some("440524188001010014"), p);
    assert_eq!(status(&r, CheckId::FileName), Some(Status::Fail), "name differs from the typed ID");
    // The size message tells what this page's fix does: straighten to the card, not a centre crop.
    let big = jpeg(&id_card(1000, 700), 80, Some(300));
    let dims = document::check_file(&big, "a.jpg", None, p).check(CheckId::ImageDimensions).cloned().unwrap();
    assert!(dims.message.contains("摆正") && !dims.message.contains("居中裁剪"), "{}", dims.message);
    let turned = jpeg(&id_card(600, 800), 80, Some(300));
    let dims = document::check_file(&turned, "a.jpg", None, p).check(CheckId::ImageDimensions).cloned().unwrap();
    assert!(dims.message.contains("横版"), "{}", dims.message);

    let phone = jpeg(&id_card_photo(1600, 1200), 92, Some(72));
    let fixed = document::fix_with_card(&phone, "IMG_2.jpg", Some("11010519491231002X"), p, None, None, None).unwrap();
    assert_eq!(fixed.file_name, "11010519491231002X.jpg");
    assert!(fixed.checks.iter().all(|c| c.status == Status::Pass), "{:?}", fixed.checks);
    assert_eq!(document::check_file(&fixed.bytes, &fixed.file_name, None, p).verdict, Verdict::Pass);
    // A square picture is letterboxed, not cropped: the note says so.
    let square = jpeg(&id_card(1000, 1000), 90, Some(300));
    let fixed = document::fix_with_card(&square, "11010519491231002X.jpg", None, p, None, None, None).unwrap();
    assert!(fixed.notes.iter().any(|n| n.contains("补上")), "{:?}", fixed.notes);
    assert_eq!(fixed.file_name, "11010519491231002X.jpg", "ID taken from the original name");
    let unnamed = document::fix_with_card(&square, "card.jpg", None, p, None, None, None).unwrap();
    assert_eq!(unnamed.checks.iter().find(|c| c.id == CheckId::FileName).unwrap().status, Status::Fail);
    // Typing the ID afterwards renames the fixed file without encoding again; a bad ID changes nothing.
    let kept = document::renamed(unnamed.clone(), Some("1101051949123100"), None);
    assert_eq!(kept.file_name, unnamed.file_name);
    let named = document::renamed(unnamed, Some(" 11010519491231002X "), None);
    assert_eq!(named.file_name, "11010519491231002X.jpg");
    assert_eq!(named.checks.iter().filter(|c| c.id == CheckId::FileName).count(), 1);
    assert!(named.checks.iter().all(|c| c.status == Status::Pass), "{:?}", named.checks);
}

#[test]
fn a_phone_photo_of_a_card_is_judged_and_straightened_into_a_passing_file() {
    use precheck::document::card::synthetic::{Background, Scene, photo as card_photo};
    let p = default_profile();
    let mut scene = Scene::simple(2000, 1500, 41);
    scene.background = Background::Wood;
    let card = scene.card.as_mut().unwrap();
    (card.rotation, card.fy, card.length) = (-9.0, 0.1, 1100.0);
    let (img, truth) = card_photo(&scene);
    let id = truth.number.expect("portrait side");
    let bytes = jpeg(&img, 90, Some(72));
    let r = document::check(&bytes, "IMG_3.jpg", None, p);
    assert_eq!(status(&r, CheckId::CardFound), Some(Status::Pass), "{:?}", r.checks);
    assert_eq!(status(&r, CheckId::CardLevel), Some(Status::Fail), "9° tilt: {:?}", r.check(CheckId::CardLevel));
    assert_eq!(status(&r, CheckId::CardPerspective).map(|s| s != Status::Pass), Some(true), "seen from the side");
    assert_eq!(r.card.as_ref().and_then(|c| c.as_ref()).and_then(|c| c.number.as_deref()), Some(id.as_str()));
    // Named by the number read off the card, which agrees with the typed one.
    let fixed = document::fix(&bytes, "IMG_3.jpg", Some(&id), p).unwrap();
    assert_eq!(fixed.file_name, format!("{id}.jpg"));
    assert!(fixed.notes.iter().any(|n| n.contains("证件上读出的号码")), "{:?}", fixed.notes);
    assert!(fixed.notes.iter().any(|n| n.contains("摆正")), "{:?}", fixed.notes);
    for id in CheckId::CARD {
        assert_eq!(
            fixed.checks.iter().find(|c| c.id == *id).map(|c| c.status),
            Some(Status::Pass),
            "{id} after the fix: {:?}",
            fixed.checks.iter().find(|c| c.id == *id)
        );
    }
    let again = document::check(&fixed.bytes, &fixed.file_name, Some(&id), p);
    assert_eq!(again.verdict, Verdict::Pass, "{:?}", again.checks);
    // A typed ID that is not the card's fails the number row, saying which one differs; the
    // file is still named by the card.
    let other = document::check(&bytes, &format!("{id}.jpg"), Some("11010519491231002X"), p);
    let row = other.check(CheckId::CardNumber).expect("number row");
    assert_eq!(row.status, Status::Fail);
    assert!(row.message.contains("填写的身份证号 11010519491231002X") && !row.message.contains("文件名"), "{row:?}");
    let fixed = document::fix(&bytes, "IMG_3.jpg", Some("11010519491231002X"), p).unwrap();
    assert_eq!(fixed.file_name, format!("{id}.jpg"));
}

#[test]
fn without_a_card_the_document_fails_card_found_and_the_fix_says_why() {
    let p = default_profile();
    let bytes = jpeg(&portrait(900, 1200), 90, Some(300));
    let r = document::check(&bytes, "11010519491231002X.jpg", None, p);
    assert_eq!(status(&r, CheckId::CardFound), Some(Status::Fail), "{:?}", r.checks);
    assert_eq!(r.verdict, Verdict::Fail);
    let fixed = document::fix(&bytes, "11010519491231002X.jpg", None, p).unwrap();
    assert!(fixed.notes[0].contains("没有在照片中找到证件"), "{:?}", fixed.notes);
}

#[test]
fn fixed_files_have_no_metadata_and_300_dpi() {
    let p = default_profile();
    let bytes = jpeg_with_exif(&portrait(900, 1200), 90, 6, Some(72), Some("Adobe Photoshop"));
    let fixed = photo::fix(&bytes, "a.jpg", p).unwrap();
    let info = precheck::imaging::jpeg_info::read(&fixed.bytes).unwrap();
    assert!(info.exif.is_none() && !info.has_icc);
    assert_eq!(info.jfif.and_then(|j| j.dpi()), Some((300.0, 300.0)));
    assert_eq!(info.coding, precheck::imaging::jpeg_info::Coding::Baseline);
}

/// The fix reuses an earlier decode only when it is the picture it would decode itself: the size
/// `Probed::decoded_size` predicts must be the size `Probed::decode` gives, at every JPEG scale
/// and in every EXIF orientation (5–8 turn the stored axes).
#[test]
fn the_predicted_decode_size_is_the_decoded_size_at_every_scale_and_orientation() {
    use precheck::imaging::decode::probe;
    let upright = portrait(301, 403);
    for o in [1u16, 3, 6, 8] {
        let bytes = jpeg_with_exif(&stored_for_orientation(&upright, o), 70, o, None, None);
        let probed = probe(&bytes).unwrap();
        assert_eq!(probed.upright, (301, 403), "orientation {o}");
        for at_least in [(0, 0), (30, 60), (60, 30), (76, 101), (150, 51), (151, 202), (301, 403), (9999, 1)] {
            let decoded = probed.decode(&bytes, at_least).unwrap();
            assert_eq!(probed.decoded_size(at_least), decoded.image.dimensions(), "orientation {o}, {at_least:?}");
        }
    }
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        upright.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let probed = probe(&png).unwrap();
    assert_eq!(probed.decoded_size((10, 10)), probed.decode(&png, (10, 10)).unwrap().image.dimensions());
}
