//! What the face models saw in one picture, in that picture's own pixel coordinates.
//!
//! This is the contract between the model runner (`face::model`, tract, runs in a Web Worker in the
//! browser) and the photo-content checks (`photo::content`), which never touch a model. It is plain
//! data (the worker packs it into numbers, see `protocol`), and tests build it by hand.

/// A point in image pixels: x to the right, y down, origin at the top-left corner of the picture.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned box in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BoxF {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// One face found by the detector (MediaPipe BlazeFace short range). "Right"/"left" are the
/// person's own, as MediaPipe names them: the person's right eye is on the viewer's left.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// Detector confidence, 0–1.
    pub score: f32,
    pub bbox: BoxF,
    pub right_eye: Point,
    pub left_eye: Point,
    pub nose_tip: Point,
    pub mouth: Point,
    pub right_ear: Point,
    pub left_ear: Point,
}

/// The 468-point face mesh (MediaPipe face_landmark) of the most confident face.
#[derive(Debug, Clone, PartialEq)]
pub struct Landmarks {
    /// Model's face-presence score, 0–1.
    pub presence: f32,
    /// 468 points: x, y in image pixels; z in the same scale as x, relative depth (smaller = nearer).
    pub points: Vec<[f32; 3]>,
}

/// Person/background mask (MediaPipe selfie segmentation), resampled to the picture's size.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMask {
    pub width: u32,
    pub height: u32,
    /// Row-major, one byte per pixel: 0 = surely background … 255 = surely person.
    pub data: Vec<u8>,
}

impl PersonMask {
    pub fn at(&self, x: u32, y: u32) -> u8 {
        self.data.get((y * self.width + x) as usize).copied().unwrap_or(0)
    }
}

/// Everything the models report about one picture of `width`×`height` pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceObservation {
    pub width: u32,
    pub height: u32,
    /// Every face above the detector's threshold, most confident first.
    pub faces: Vec<Detection>,
    /// Mesh of `faces[0]`, when there is a face and the mesh model found it.
    pub landmarks: Option<Landmarks>,
    pub mask: PersonMask,
}
