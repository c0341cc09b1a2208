//! The measured face: eye centres, nose, chin, head top, taken from the detection, the 468-point
//! mesh when there is one, and the person mask. Every number is finite or the face is absent, so
//! the checks never see NaN.

use crate::face::{Detection, FaceObservation, Point};
use crate::profile::GeometrySpec;

/// MediaPipe face-mesh indices used by the checks (the model's documented topology).
pub mod idx {
    /// Chin (lowest point of the face oval).
    pub const CHIN: usize = 152;
    /// Top of the forehead on the face oval (where hair usually starts).
    pub const FOREHEAD: usize = 10;
    pub const NOSE_TIP: usize = 1;
    /// Person's right eye (viewer's left): outer and inner corner.
    pub const RIGHT_EYE_OUTER: usize = 33;
    pub const RIGHT_EYE_INNER: usize = 133;
    /// Person's left eye (viewer's right): inner and outer corner.
    pub const LEFT_EYE_INNER: usize = 362;
    pub const LEFT_EYE_OUTER: usize = 263;
    /// Eye contours, upper/lower lid pairs facing each other (for the eye aspect ratio).
    pub const RIGHT_EYE_LIDS: [(usize, usize); 3] = [(160, 144), (159, 145), (158, 153)];
    pub const LEFT_EYE_LIDS: [(usize, usize); 3] = [(385, 380), (386, 374), (387, 373)];
    /// Eyebrows: upper edge and lower edge, outer to inner.
    pub const RIGHT_BROW_UPPER: [usize; 5] = [70, 63, 105, 66, 107];
    pub const RIGHT_BROW_LOWER: [usize; 5] = [46, 53, 52, 65, 55];
    pub const LEFT_BROW_UPPER: [usize; 5] = [300, 293, 334, 296, 336];
    pub const LEFT_BROW_LOWER: [usize; 5] = [276, 283, 282, 295, 285];
    /// Face oval at cheekbone height: person's right (viewer's left) and left.
    pub const RIGHT_CHEEK_EDGE: usize = 234;
    pub const LEFT_CHEEK_EDGE: usize = 454;
    /// The mesh has this many points.
    pub const COUNT: usize = 468;
}

/// The mesh as `[x, y, z]` points, only when complete and finite.
#[derive(Clone, Copy)]
pub struct Mesh<'a>(pub &'a [[f32; 3]]);

impl Mesh<'_> {
    pub fn p(&self, i: usize) -> Point {
        let [x, y, _] = self.0[i];
        Point { x, y }
    }
    pub fn p3(&self, i: usize) -> [f32; 3] {
        self.0[i]
    }
    fn mid(&self, a: usize, b: usize) -> Point {
        mid(self.p(a), self.p(b))
    }
}

pub fn mid(a: Point, b: Point) -> Point {
    Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 }
}

pub fn dist(a: Point, b: Point) -> f32 {
    (a.x - b.x).hypot(a.y - b.y)
}

fn finite(p: Point) -> bool {
    p.x.is_finite() && p.y.is_finite()
}

/// Where the head top was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TopSource {
    /// Topmost person-mask pixel above the face (hair or head).
    Mask,
    /// Person pixels already in the first row: the head is cut off at the top edge.
    CutOff,
    /// No usable mask: estimated from the face (the eye line sits about half-way down the head).
    Estimated,
}

/// One face, measured in the observation's pixels.
pub struct Face<'a> {
    pub det: &'a Detection,
    pub mesh: Option<Mesh<'a>>,
    /// Eye centres, person's right (viewer's left) and left.
    pub right_eye: Point,
    pub left_eye: Point,
    pub eye_mid: Point,
    pub nose: Point,
    pub chin: Point,
    /// Hair-top y.
    pub top: f32,
    pub top_source: TopSource,
    /// Horizontal span of the face (the detector's box), for the head-top search and the marks.
    pub x_span: (f32, f32),
}

impl<'a> Face<'a> {
    /// Measures `det` (with `mesh` when it belongs to it). None when the numbers are unusable.
    pub fn measure(obs: &FaceObservation, det: &'a Detection, mesh: Option<&'a [[f32; 3]]>) -> Option<Face<'a>> {
        let mesh =
            mesh.filter(|m| m.len() >= idx::COUNT && m.iter().all(|p| p.iter().all(|v| v.is_finite()))).map(Mesh);
        let (right_eye, left_eye, nose, chin) = match mesh {
            Some(m) => (
                m.mid(idx::RIGHT_EYE_OUTER, idx::RIGHT_EYE_INNER),
                m.mid(idx::LEFT_EYE_INNER, idx::LEFT_EYE_OUTER),
                m.p(idx::NOSE_TIP),
                m.p(idx::CHIN),
            ),
            None => {
                let b = det.bbox;
                (det.right_eye, det.left_eye, det.nose_tip, Point { x: b.x + b.width / 2.0, y: b.y + b.height })
            }
        };
        let b = det.bbox;
        let usable = [right_eye, left_eye, nose, chin].into_iter().all(finite)
            && [b.x, b.y, b.width, b.height].iter().all(|v| v.is_finite())
            && chin.y > right_eye.y.max(left_eye.y);
        if !usable {
            return None;
        }
        let eye_mid = mid(right_eye, left_eye);
        let x_span = (b.x, b.x + b.width.max(1.0));
        // The hair-top must lie above the highest face point we know of.
        let face_top = match mesh {
            Some(m) => m.0.iter().map(|p| p[1]).fold(f32::INFINITY, f32::min),
            None => b.y,
        }
        .min(eye_mid.y);
        let (top, top_source) = match mask_top(obs, x_span, face_top) {
            Some(MaskTop::Row(y)) => (y.min(face_top), TopSource::Mask),
            Some(MaskTop::Cut) => (0.0, TopSource::CutOff),
            // Skull + hair above the eyes ≈ eyes → chin (head proportions; only a fallback).
            None => (eye_mid.y - (chin.y - eye_mid.y), TopSource::Estimated),
        };
        Some(Face { det, mesh, right_eye, left_eye, eye_mid, nose, chin, top, top_source, x_span })
    }

    /// Distance between the eye centres.
    pub fn eye_distance(&self) -> f32 {
        dist(self.right_eye, self.left_eye).max(1.0)
    }

    pub fn head_height(&self) -> f32 {
        self.chin.y - self.top
    }
}

enum MaskTop {
    Row(f32),
    Cut,
}

/// Topmost row above `face_top` where the person mask covers enough of the face's columns.
/// The mask may have another size than the observation (scaled); an empty mask gives None.
fn mask_top(obs: &FaceObservation, x_span: (f32, f32), face_top: f32) -> Option<MaskTop> {
    let m = &obs.mask;
    if m.width == 0 || m.height == 0 || obs.width == 0 || obs.height == 0 {
        return None;
    }
    if m.data.len() < (m.width as usize) * (m.height as usize) {
        return None;
    }
    let sx = m.width as f32 / obs.width as f32;
    let sy = m.height as f32 / obs.height as f32;
    let x0 = ((x_span.0 * sx).floor().max(0.0) as u32).min(m.width - 1);
    let x1 = ((x_span.1 * sx).ceil().max(0.0) as u32).clamp(x0 + 1, m.width);
    let y_end = ((face_top.max(0.0) * sy).ceil() as u32).min(m.height);
    // A row belongs to the head when at least 4 % of the face's columns (and 2 pixels) are person:
    // stray mask specks in the background do not count.
    let need = (((x1 - x0) as f32) * 0.04).ceil().max(2.0) as u32;
    let mut seen_any = false;
    for y in 0..y_end {
        let n = (x0..x1).filter(|&x| m.at(x, y) >= 128).count() as u32;
        if n >= need {
            return Some(if y == 0 { MaskTop::Cut } else { MaskTop::Row(y as f32 / sy) });
        }
        seen_any |= n > 0;
    }
    // Nothing above the face: the mask found no hair (bald head, or the mask missed it), so the
    // face top is the head top — unless the mask is empty everywhere near the face (no mask).
    let face_rows = ((face_top.max(0.0) * sy) as u32).min(m.height.saturating_sub(1));
    let face_has_mask = (x0..x1).any(|x| m.at(x, face_rows) >= 128);
    (face_has_mask || seen_any).then_some(MaskTop::Row(face_top.max(0.0)))
}

/// The detections above the score threshold, split into the people in the photo and doubtful
/// faces. The most confident detection is the person; another counts as a second person only when
/// it is confident (`second_face_score`) and not much smaller than the first (`second_face_size`,
/// box heights): the detector also fires on patterns in foliage or a face on a poster far behind,
/// which must not block a real photo.
pub struct FaceCount<'a> {
    pub people: Vec<&'a Detection>,
    pub doubtful: Vec<&'a Detection>,
}

pub fn count_faces<'a>(obs: &'a FaceObservation, g: &GeometrySpec) -> FaceCount<'a> {
    let mut found = obs.faces.iter().filter(|d| d.score >= g.min_face_score && d.score.is_finite());
    let Some(main) = found.next() else {
        return FaceCount { people: vec![], doubtful: vec![] };
    };
    let (people, doubtful): (Vec<_>, Vec<_>) =
        found.partition(|d| d.score >= g.second_face_score && d.bbox.height >= g.second_face_size * main.bbox.height);
    FaceCount { people: std::iter::once(main).chain(people).collect(), doubtful }
}

/// Picks the face the checks measure: the most confident detection above the score threshold.
/// The mesh belongs to `faces[0]`, so it is used only when that is the face picked.
pub fn main_face<'a>(obs: &'a FaceObservation, min_score: f32) -> Option<Face<'a>> {
    let (i, det) = obs.faces.iter().enumerate().find(|(_, d)| d.score >= min_score)?;
    let mesh = (i == 0).then_some(()).and(obs.landmarks.as_ref()).map(|l| l.points.as_slice());
    Face::measure(obs, det, mesh)
}
