//! The whole guide on real faces: a real portrait staged on a blue wall (`staged`), searched by the
//! real detector (`detect`), judged as the page judges it (`assess`). Needs `../shared`.

use super::assess::assess;
use super::detect::find_still;
use super::guide::Guide;
use super::hint::Hint;
use super::staged::{Placement, WALL, dim, portrait, stage};
use crate::face::model::FaceModels;
use crate::face::model::preprocess::Frame;
use crate::photo::content::pipeline::embedded_models;
use crate::profile::default_profile;
use image::RgbImage;
use std::sync::OnceLock;

const W: u32 = 320;
const H: u32 = 240;
/// Frontal, level, no glasses or headwear (truth file); any such portrait should do.
const FACE: &str = "portrait_051.jpg";

fn models() -> &'static FaceModels {
    static M: OnceLock<FaceModels> = OnceLock::new();
    M.get_or_init(|| embedded_models().expect("models"))
}

fn hint(frame: &RgbImage) -> Hint {
    let found = find_still(&models().detector, &Frame::new(frame), W, H, 0.5).expect("detector runs");
    let a = assess(frame.as_raw(), W, H, &found.faces, default_profile());
    eprintln!("{:?}: {:?}, {:?}", a.hint, a.head.map(|h| a.guide.framing(&h)), a.light);
    a.hint
}

fn framed() -> Placement {
    let p = default_profile();
    Placement::framed(&Guide::new(W, H, super::assess::aspect(p), &p.photo_content.geometry), W, H)
}

fn staged(at: Placement) -> RgbImage {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    stage(&portrait(root, FACE).expect("../shared/real-portraits and its truth"), W, H, at)
}

#[test]
fn a_real_face_in_the_frame_is_ok() {
    assert_eq!(hint(&staged(framed())), Hint::Ok);
}

#[test]
fn a_far_away_face_is_seen_and_asked_to_come_closer() {
    // A head 18 % of the frame's height: the whole-frame detector misses most such faces.
    assert_eq!(hint(&staged(Placement { head_share: 0.18, ..framed() })), Hint::TooFar);
}

#[test]
fn a_face_too_near_is_asked_to_go_back() {
    assert_eq!(hint(&staged(Placement { head_share: 0.95, top_y: 0.02, ..framed() })), Hint::TooClose);
}

#[test]
fn a_face_right_of_the_centre_line_is_asked_to_move_left_and_vice_versa() {
    assert_eq!(hint(&staged(Placement { eye_x: framed().eye_x + 0.12, ..framed() })), Hint::MoveLeft);
    assert_eq!(hint(&staged(Placement { eye_x: framed().eye_x - 0.12, ..framed() })), Hint::MoveRight);
}

#[test]
fn an_empty_wall_has_no_face_and_a_dim_room_is_dark_even_with_a_face() {
    assert_eq!(hint(&RgbImage::from_pixel(W, H, WALL)), Hint::NoFace);
    assert_eq!(hint(&dim(&staged(framed()), 0.12)), Hint::Dark);
}
