//! The face models and their runner: MediaPipe's face detector (BlazeFace short range), face mesh
//! (468 points) and selfie segmentation, converted by `tools/models/convert.sh` to packed NNEF files
//! in `models/` and run by tract (pure Rust, so the same code runs natively and in a Web Worker).
//!
//! `observe` fills the `FaceObservation` contract in the picture's own pixel coordinates. No Leptos,
//! no web-sys here: the worker fetches the three files and calls `FaceModels::from_bytes`.

mod anchors;
pub mod detector;
pub mod mesh;
pub mod pack;
pub mod prelu;
pub mod preprocess;
pub mod segmenter;
#[cfg(test)]
mod tests;

use crate::face::{Detection, FaceObservation, Landmarks, PersonMask};
use image::RgbImage;
use std::fmt;
use std::sync::Arc;
use tract_nnef::prelude::{Tensor, TypedRunnableModel, tvec};

pub use detector::Detector;
pub use mesh::Mesh;
pub use preprocess::Frame;
pub use segmenter::Segmenter;

/// An optimised, runnable tract graph.
pub(crate) type Plan = Arc<TypedRunnableModel>;

/// File names in `models/` (written by tools/models/convert.py).
pub const DETECTOR_FILE: &str = "face_detection_short_range.nnefq";
pub const MESH_FILE: &str = "face_landmark.nnefq";
pub const SEGMENTER_FILE: &str = "selfie_segmentation.nnefq";

#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// A model file could not be read or parsed.
    Load { model: &'static str, message: String },
    /// Running a model failed, or it returned tensors of unexpected shapes.
    Run { model: &'static str, message: String },
    /// The picture has no pixels.
    EmptyImage,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Load { model, message } => write!(f, "cannot load the {model} model: {message}"),
            ModelError::Run { model, message } => write!(f, "the {model} model failed: {message}"),
            ModelError::EmptyImage => write!(f, "the picture has no pixels"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Unpacks a model file, rewrites its PReLUs for speed (see `prelu`) and plans it.
fn load(model: &'static str, bytes: &[u8]) -> Result<Plan, ModelError> {
    let err = |e: tract_nnef::prelude::TractError| ModelError::Load { model, message: format!("{e:#}") };
    let mut unpacked = pack::unpack(bytes).map_err(err)?;
    unpacked.graph = prelu::rewrite(&unpacked.graph);
    pack::plan(unpacked).map_err(err)
}

/// An all-zero `side`×`side` input, for the models' `warm_up` (see [`FaceFinder::warm_up`]).
fn blank(model: &'static str, side: usize) -> Result<Tensor, ModelError> {
    Tensor::zero::<f32>(&[1, side, side, 3]).map_err(|e| ModelError::Run { model, message: format!("{e:#}") })
}

/// Runs a one-input plan; every output flattened to f32.
pub(crate) fn run_plan(plan: &Plan, model: &'static str, input: Tensor) -> Result<Vec<Vec<f32>>, ModelError> {
    let err = |e: tract_nnef::prelude::TractError| ModelError::Run { model, message: format!("{e:#}") };
    let outputs = plan.run(tvec!(input.into())).map_err(err)?;
    outputs
        .iter()
        .map(|o| {
            Ok(o.cast_to::<f32>()
                .map_err(err)?
                .try_as_plain_ram()
                .map_err(err)?
                .as_slice::<f32>()
                .map_err(err)?
                .to_vec())
        })
        .collect()
}

/// The three models, ready to run.
#[derive(Clone)]
pub struct FaceModels {
    pub detector: Detector,
    pub mesh: Mesh,
    pub segmenter: Segmenter,
}

impl FaceModels {
    /// Parses the three files of `models/` (as fetched by the browser).
    pub fn from_bytes(detector: &[u8], mesh: &[u8], segmenter: &[u8]) -> Result<FaceModels, ModelError> {
        Ok(FaceFinder::from_bytes(detector, mesh)?.with(&Segmenter::from_bytes(segmenter)?))
    }

    /// Reads the three files from a folder laid out like `models/`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_dir(dir: impl AsRef<std::path::Path>) -> Result<FaceModels, ModelError> {
        let read = |model: &'static str, name: &str| {
            std::fs::read(dir.as_ref().join(name))
                .map_err(|e| ModelError::Load { model, message: format!("{}: {e}", dir.as_ref().join(name).display()) })
        };
        FaceModels::from_bytes(
            &read("detector", DETECTOR_FILE)?,
            &read("mesh", MESH_FILE)?,
            &read("segmenter", SEGMENTER_FILE)?,
        )
    }

    /// The repository's own `models/` folder (native tools and tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_builtin() -> Result<FaceModels, ModelError> {
        FaceModels::load_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models"))
    }

    /// One blank run of each model, as [`FaceFinder::warm_up`].
    pub fn warm_up(&self) -> Result<(), ModelError> {
        self.detector.warm_up()?;
        self.mesh.warm_up()?;
        self.segmenter.warm_up()
    }

    /// Faces, the mesh of the most confident face and the person mask of `img`.
    pub fn observe(&self, img: &RgbImage) -> Result<FaceObservation, ModelError> {
        let (frame, width, height) = frame_of(img)?;
        let (faces, landmarks) = find_faces(&self.detector, &self.mesh, &frame, width, height)?;
        let mask = self.segmenter.mask(&frame, width, height)?;
        Ok(FaceObservation { width, height, faces, landmarks, mask })
    }
}

/// The detector and the mesh without the segmenter: what the photo page's worker runs while a
/// second worker computes the person mask (`photo::worker::helper`), which needs no faces.
#[derive(Clone)]
pub struct FaceFinder {
    pub detector: Detector,
    pub mesh: Mesh,
}

impl FaceFinder {
    pub fn from_bytes(detector: &[u8], mesh: &[u8]) -> Result<FaceFinder, ModelError> {
        Ok(FaceFinder { detector: Detector::from_bytes(detector)?, mesh: Mesh::from_bytes(mesh)? })
    }

    /// The faces of `img` (most confident first) and the mesh of the first: `observe` without the
    /// mask, computed the same way.
    pub fn find(&self, img: &RgbImage) -> Result<(Vec<Detection>, Option<Landmarks>), ModelError> {
        let (frame, width, height) = frame_of(img)?;
        find_faces(&self.detector, &self.mesh, &frame, width, height)
    }

    /// Runs the detector and the mesh once on a blank input. A browser compiles wasm function by
    /// function on first use and optimises hot loops after a while, so the first photo through the
    /// models takes about three times as long as the next; run while the parent is still choosing
    /// a file (`photo::worker::warm`), that first pass costs the parent nothing. The plans keep no
    /// state between runs: the answers after it are the same.
    pub fn warm_up(&self) -> Result<(), ModelError> {
        self.detector.warm_up()?;
        self.mesh.warm_up()
    }

    /// The three models again, with a segmenter loaded elsewhere (the plans are shared, not copied).
    pub fn with(&self, segmenter: &Segmenter) -> FaceModels {
        FaceModels { detector: self.detector.clone(), mesh: self.mesh.clone(), segmenter: segmenter.clone() }
    }
}

impl Detector {
    pub fn from_bytes(bytes: &[u8]) -> Result<Detector, ModelError> {
        Ok(Detector::new(load("detector", bytes)?))
    }
}

impl Mesh {
    pub fn from_bytes(bytes: &[u8]) -> Result<Mesh, ModelError> {
        Ok(Mesh::new(load("mesh", bytes)?))
    }
}

impl Segmenter {
    pub fn from_bytes(bytes: &[u8]) -> Result<Segmenter, ModelError> {
        Ok(Segmenter::new(load("segmenter", bytes)?))
    }

    /// The person mask of `img` on its own (the photo page's helper worker).
    pub fn mask_of(&self, img: &RgbImage) -> Result<PersonMask, ModelError> {
        let (frame, width, height) = frame_of(img)?;
        self.mask(&frame, width, height)
    }
}

/// The models' working picture of `img` and its size; a picture without pixels is an error.
fn frame_of(img: &RgbImage) -> Result<(Frame<'_>, u32, u32), ModelError> {
    let (width, height) = img.dimensions();
    if width == 0 || height == 0 {
        return Err(ModelError::EmptyImage);
    }
    Ok((Frame::new(img), width, height))
}

fn find_faces(
    detector: &Detector,
    mesh: &Mesh,
    frame: &Frame,
    width: u32,
    height: u32,
) -> Result<(Vec<Detection>, Option<Landmarks>), ModelError> {
    let faces = detector.detect(frame, width, height)?;
    let landmarks = match faces.first() {
        Some(face) => mesh.landmarks(frame, face)?,
        None => None,
    };
    Ok((faces, landmarks))
}
