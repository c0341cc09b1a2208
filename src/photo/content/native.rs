//! The whole content pipeline in one call, for native tools (the `precheck` CLI, the accuracy
//! command): decode the analysis picture, run the face models, then the checks. The browser does
//! the same steps with the models in a Web Worker (`photo::ui`).

use super::picture::{AnalysisPicture, analysis_picture, software_tag};
use super::{ContentInput, ContentResult, check_content};
use crate::face::FaceObservation;
use crate::face::model::FaceModels;
use crate::profile::Profile;
use std::collections::BTreeSet;

/// The models embedded in the native binary, so the CLI works wherever it is copied.
pub fn embedded_models() -> Result<FaceModels, crate::face::model::ModelError> {
    FaceModels::from_bytes(
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/face_detection_short_range.nnefq")),
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/face_landmark.nnefq")),
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/selfie_segmentation.nnefq")),
    )
}

/// What the models saw on one file.
pub struct Analysed {
    pub picture: AnalysisPicture,
    pub observation: FaceObservation,
    pub software: Option<String>,
}

impl Analysed {
    pub fn checks(&self, profile: &Profile, confirmed: &BTreeSet<String>) -> ContentResult {
        check_content(&ContentInput::for_profile(
            &self.picture.image,
            &self.observation,
            profile,
            self.software.as_deref(),
            confirmed,
        ))
    }
}

/// Decodes `bytes` and runs the models; `Err` with a Chinese reason when either fails.
pub fn analyse(bytes: &[u8], models: &FaceModels) -> Result<Analysed, String> {
    let picture = analysis_picture(bytes).map_err(|e| e.message())?;
    let observation = models.observe(&picture.image).map_err(|e| format!("人脸分析失败：{e}"))?;
    Ok(Analysed { picture, observation, software: software_tag(bytes) })
}
