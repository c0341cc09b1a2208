//! What a picture shows, for the files whose name and shape leave the kind open or say otherwise:
//! a resident ID card found in it makes it the ID image ([`kind_from_content`], when the files are
//! sorted), and a face where no card is makes it the photo ([`shows_face`], once the face models
//! are loaded for the checks; see `inspect::photo_after_all`). Both run on small copies (a JPEG is
//! decoded at 1/4 or 1/8 scale), so sorting costs a fraction of checking.

use crate::document::card;
use crate::photo::content::picture::decode_within;
use crate::report::Kind;

/// Longest side of the copy the card is looked for in: the finder's own working size.
pub const LOOK_SIDE: u32 = card::find::REFINE_SIZE;
/// The finder's confidence a card must reach to decide the kind: the profiles' threshold for
/// judging a card at all.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// `Some(Kind::Document)` when a card is found in the picture; `None` when none is (the file may
/// be a photo, or a card the finder cannot see: its name and shape then decide) or it cannot be
/// read.
pub fn kind_from_content(bytes: &[u8]) -> Option<Kind> {
    let (picture, _) = decode_within(bytes, LOOK_SIDE).ok()?;
    let found = card::find(&picture)?;
    (found.confidence >= MIN_CONFIDENCE).then_some(Kind::Document)
}

/// Longest side of the copy faces are looked for in: the detector's input is 128 px, a child's face
/// in a phone photo is a fifth of the picture or more.
pub const FACE_SIDE: u32 = 640;

/// Whether the face detector finds a face in the picture.
#[cfg(any(not(target_arch = "wasm32"), feature = "face-models"))]
pub fn shows_face(bytes: &[u8], models: &crate::face::model::FaceModels) -> bool {
    let Ok((picture, _)) = decode_within(bytes, FACE_SIDE) else { return false };
    let (w, h) = picture.dimensions();
    let frame = crate::face::model::Frame::new(&picture);
    models.detector.detect(&frame, w, h).is_ok_and(|faces| !faces.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::card::synthetic::{Background, Scene, photo};
    use crate::imaging::jpeg_write::encode;

    fn card_photo(width: u32, height: u32, seed: u64) -> Vec<u8> {
        let mut scene = Scene::simple(width, height, seed);
        scene.background = Background::Wood;
        encode(&photo(&scene).0, 88, 72).unwrap()
    }

    #[test]
    fn a_card_on_a_table_is_the_id_image_whatever_the_pictures_shape() {
        // Portrait-held phones make tall pictures of a card: the shape alone would say "photo".
        for (w, h, seed) in [(3000, 4000, 3), (4000, 3000, 5), (1200, 1600, 8)] {
            assert_eq!(kind_from_content(&card_photo(w, h, seed)), Some(Kind::Document), "{w}×{h} seed {seed}");
        }
    }

    /// A generated registration portrait around a real face (public domain), phone-sized.
    fn portrait(width: u32, height: u32) -> Vec<u8> {
        use crate::photo::content::synthetic::draw::{Background as Fill, GRACE, Portrait, portrait};
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg");
        let source = crate::imaging::decode::decode(&std::fs::read(path).unwrap(), (u32::MAX, u32::MAX)).unwrap().image;
        let k = height as f32 / 600.0;
        let p = Portrait {
            width,
            height,
            head: 390.0 * k,
            top: 32.0 * k,
            centre_x: width as f32 / 2.0,
            roll: 0.0,
            background: Fill::Solid([67, 142, 219]),
            clothing: [28, 36, 52],
            collar: true,
        };
        encode(&portrait(&source, &GRACE, &p).0, 90, 72).unwrap()
    }

    #[test]
    fn a_portrait_or_a_plain_picture_is_no_card() {
        assert_eq!(kind_from_content(&portrait(900, 1200)), None);
        assert_eq!(kind_from_content(&portrait(1600, 1200)), None, "a landscape portrait");
        let plain = image::RgbImage::from_pixel(800, 600, image::Rgb([67, 142, 219]));
        assert_eq!(kind_from_content(&encode(&plain, 90, 72).unwrap()), None);
        assert_eq!(kind_from_content(b"not a picture"), None);
    }

    /// Real adult portraits (CC0, outside the repository; skipped when absent): none is taken for a card.
    #[test]
    fn no_real_portrait_is_taken_for_a_card() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/real-portraits"));
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut seen = 0;
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|e| e == "jpg") {
                seen += 1;
                let bytes = std::fs::read(&path).unwrap();
                assert_eq!(kind_from_content(&bytes), None, "{}", path.display());
            }
        }
        assert!(seen > 0, "the folder holds portraits");
    }
}
