//! Synthetic faces with exactly known geometry, for tests and the accuracy command.
//!
//! `observation` builds by hand what the face models would report for a face of given size,
//! position and pose: detection box and keypoints, the mesh points the checks read (placed on a
//! simple 3-D face and rotated by yaw, pitch and roll), and a person mask (head ellipse + body).
//! `portrait` (in `synthetic::draw`) draws real pixels around a real face for the models.

use crate::face::{BoxF, Detection, FaceObservation, Landmarks, PersonMask, Point};
use crate::photo::content::geometry::face::idx;
use crate::profile::PITCH_NEUTRAL_DEG;

pub mod draw;

/// One synthetic face. Lengths in pixels of the picture, angles in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceSpec {
    /// Midpoint between the eye centres.
    pub eye_mid: Point,
    /// Distance between the eye centres.
    pub eye_distance: f32,
    /// Eyes → chin, in eye distances (upright face).
    pub chin_below_eyes: f32,
    /// Hair-top → eyes, in eye distances (upright face).
    pub top_above_eyes: f32,
    /// Positive: person's left eye (viewer's right) lower.
    pub roll: f32,
    /// Positive: face turned towards the viewer's right.
    pub yaw: f32,
    /// Positive: nodding down.
    pub pitch: f32,
    /// Eye aspect ratio (lid gap / eye width): ~0.3 open, ~0.05 closed.
    pub eye_open: f32,
    pub score: f32,
}

impl FaceSpec {
    /// An upright frontal face whose hair-top → chin is `head` pixels, eyes at `eye_mid`.
    pub fn upright(eye_mid: Point, head: f32) -> Self {
        // Proportions: eyes → chin 1.7 eye distances, hair-top → eyes 1.8 (eyes slightly below
        // the middle of the head with hair): head = 3.5 eye distances.
        let (chin_below_eyes, top_above_eyes) = (1.7, 1.8);
        FaceSpec {
            eye_mid,
            eye_distance: head / (chin_below_eyes + top_above_eyes),
            chin_below_eyes,
            top_above_eyes,
            roll: 0.0,
            yaw: 0.0,
            pitch: 0.0,
            eye_open: 0.3,
            score: 0.95,
        }
    }

    /// A face placed so that its hair-top, chin and eye midpoint x are where asked.
    pub fn framed(top: f32, chin: f32, centre_x: f32) -> Self {
        let probe = FaceSpec::upright(Point::default(), chin - top);
        let eye_y = top + probe.top_above_eyes * probe.eye_distance;
        FaceSpec { eye_mid: Point { x: centre_x, y: eye_y }, ..probe }
    }

    pub fn head_top(&self) -> f32 {
        self.eye_mid.y - self.top_above_eyes * self.eye_distance
    }

    /// Chin y after the rotations (the mesh's chin point).
    pub fn chin(&self) -> f32 {
        self.project([0.0, self.chin_below_eyes, 0.05]).y
    }

    /// Face-local point (eye distances; x right, y down, z away from the camera; origin the eye
    /// midpoint) → picture pixels, z in pixels.
    fn rotate(&self, [x, y, z]: [f32; 3]) -> [f32; 3] {
        let (sp, cp) = self.pitch.to_radians().sin_cos();
        let (y, z) = (y * cp - z * sp, y * sp + z * cp);
        let (sy, cy) = self.yaw.to_radians().sin_cos();
        let (x, z) = (x * cy - z * sy, x * sy + z * cy);
        let (sr, cr) = self.roll.to_radians().sin_cos();
        let (x, y) = (x * cr - y * sr, x * sr + y * cr);
        let d = self.eye_distance;
        [self.eye_mid.x + x * d, self.eye_mid.y + y * d, z * d]
    }

    fn project(&self, p: [f32; 3]) -> Point {
        let [x, y, _] = self.rotate(p);
        Point { x, y }
    }

    /// The 468 mesh points: the ones the checks read are placed on a simple face, all others sit
    /// on the nose.
    pub fn mesh(&self) -> Vec<[f32; 3]> {
        let nose = [0.0, 0.55, -0.45];
        let mut local = vec![nose; idx::COUNT];
        let e = self.chin_below_eyes;
        // Forehead top sits 0.9 eye distances above the eyes, tilted forward by the pitch the real
        // mesh reads for a level head (pose.rs), so a level synthetic face reads pitch 0.
        let forehead_y = -0.9;
        let chin_z = 0.05;
        local[idx::CHIN] = [0.0, e, chin_z];
        local[idx::FOREHEAD] = [0.0, forehead_y, chin_z - (e - forehead_y) * PITCH_NEUTRAL_DEG.to_radians().tan()];
        local[idx::NOSE_TIP] = nose;
        for side in [-1.0f32, 1.0] {
            let (outer, inner, lids, brow_up, brow_lo, cheek) = if side < 0.0 {
                (
                    idx::RIGHT_EYE_OUTER,
                    idx::RIGHT_EYE_INNER,
                    idx::RIGHT_EYE_LIDS,
                    idx::RIGHT_BROW_UPPER,
                    idx::RIGHT_BROW_LOWER,
                    idx::RIGHT_CHEEK_EDGE,
                )
            } else {
                (
                    idx::LEFT_EYE_OUTER,
                    idx::LEFT_EYE_INNER,
                    idx::LEFT_EYE_LIDS,
                    idx::LEFT_BROW_UPPER,
                    idx::LEFT_BROW_LOWER,
                    idx::LEFT_CHEEK_EDGE,
                )
            };
            local[outer] = [side * 0.78, 0.0, 0.2];
            local[inner] = [side * 0.22, 0.0, 0.05];
            let gap = self.eye_open * 0.56;
            for (k, (u, l)) in lids.into_iter().enumerate() {
                let x = side * (0.36 + 0.14 * k as f32);
                local[u] = [x, -gap / 2.0, 0.0];
                local[l] = [x, gap / 2.0, 0.0];
            }
            for k in 0..5 {
                // Outer → inner along the brow.
                let x = side * (0.85 - 0.15 * k as f32);
                local[brow_up[k]] = [x, -0.42, 0.05];
                local[brow_lo[k]] = [x, -0.32, 0.05];
            }
            local[cheek] = [side * 1.05, 0.35, 0.6];
        }
        local.into_iter().map(|p| self.rotate(p)).collect()
    }

    pub fn detection(&self) -> Detection {
        let d = self.eye_distance;
        let top = self.project([0.0, -0.75, 0.0]).y;
        let chin = self.chin();
        let bbox = BoxF { x: self.eye_mid.x - 1.1 * d, y: top, width: 2.2 * d, height: chin - top };
        Detection {
            score: self.score,
            bbox,
            right_eye: self.project([-0.5, 0.0, 0.0]),
            left_eye: self.project([0.5, 0.0, 0.0]),
            nose_tip: self.project([0.0, 0.55, -0.45]),
            mouth: self.project([0.0, 1.05, -0.2]),
            right_ear: self.project([-1.2, 0.35, 0.9]),
            left_ear: self.project([1.2, 0.35, 0.9]),
        }
    }

    /// Whether (x, y) is on the person: head ellipse from the hair-top to the chin, neck, and the
    /// shoulders from just below the chin to the bottom edge.
    pub fn person_at(&self, x: f32, y: f32) -> bool {
        let d = self.eye_distance;
        let top = self.head_top();
        let chin = self.eye_mid.y + self.chin_below_eyes * d;
        let (cy, ry, rx) = ((top + chin) / 2.0, (chin - top) / 2.0, 1.3 * d);
        let cx = self.eye_mid.x;
        let head = ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) <= 1.0;
        let neck = y >= cy && (x - cx).abs() <= 0.7 * d;
        let shoulders = y >= chin + 0.4 * d && (x - cx).abs() <= 2.6 * d + (y - chin) * 0.5;
        // Ears: just outside the tragion keypoints.
        let ears = [-1.0f32, 1.0].into_iter().any(|s| {
            let e = self.project([s * 1.35, 0.35, 0.9]);
            ((x - e.x) / (0.2 * d)).powi(2) + ((y - e.y) / (0.32 * d)).powi(2) <= 1.0
        });
        head || neck || shoulders || ears
    }
}

/// What the models would report for a `width × height` picture with these faces (the first is
/// the most confident, and gets the mesh).
pub fn observation(width: u32, height: u32, faces: &[FaceSpec]) -> FaceObservation {
    let mut data = vec![0u8; (width as usize) * (height as usize)];
    for (i, v) in data.iter_mut().enumerate() {
        let (x, y) = ((i % width.max(1) as usize) as f32 + 0.5, (i / width.max(1) as usize) as f32 + 0.5);
        if faces.iter().any(|f| f.person_at(x, y)) {
            *v = 255;
        }
    }
    FaceObservation {
        width,
        height,
        faces: faces.iter().map(FaceSpec::detection).collect(),
        landmarks: faces.first().map(|f| Landmarks { presence: 0.99, points: f.mesh() }),
        mask: PersonMask { width, height, data },
    }
}
