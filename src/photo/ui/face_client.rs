//! The photo's requests to the analysis worker: the picture (and its EXIF Software tag) in, the
//! face observation, content checks and marks out (the answer `observed`, see `photo::worker`).

use crate::app::analysis::worker_client::{BROKEN, field, number, request, text};
use crate::app::analysis::{Analysis, Answered, Picture};
use crate::face::FaceObservation;
use crate::face::protocol::decode_observation;
use crate::photo::content::wire::decode_checks;
use crate::report::{Check, CheckId};
use image::RgbImage;
use js_sys::{Float32Array, Uint8Array};
use wasm_bindgen::JsCast;

/// The worker's analysis of one photo, and how long it took.
#[derive(Debug, Clone)]
pub struct Answer {
    pub observation: FaceObservation,
    /// The profile the worker judged against.
    pub profile: String,
    /// The content checks for that profile (no confirmations applied).
    pub checks: Vec<Check>,
    /// SVG markup of the marks, drawn over the photo.
    pub marks_svg: String,
    /// Fetching and loading the engine's models (0 once loaded), ms.
    pub load_ms: f64,
    /// Decoding the file and running the models on it, ms.
    pub run_ms: f64,
    /// Running the checks and drawing the marks, ms.
    pub check_ms: f64,
}

/// Analyses `image` (decoded, upright; `software` is its file's EXIF Software tag) against the
/// profile `profile_id`. `on_progress(done, total)` reports model files fetched.
pub async fn analyse(
    image: &RgbImage,
    software: Option<String>,
    profile_id: &str,
    on_progress: impl Fn(u32, u32) + 'static,
) -> Result<Answer, String> {
    let mut fields = vec![("profile", profile_id.into())];
    if let Some(software) = software {
        fields.push(("software", software.into()));
    }
    let data = request(image, fields, "observed", on_progress).await?;
    let numbers = field(&data, "data").and_then(|d| d.dyn_into::<Float32Array>().ok()).ok_or(BROKEN)?.to_vec();
    let mask =
        field(&data, "mask").and_then(|m| m.dyn_into::<Uint8Array>().ok()).map(|m| m.to_vec()).unwrap_or_default();
    Ok(Answer {
        observation: decode_observation(&numbers, mask)?,
        profile: text(&data, "profile").unwrap_or_default(),
        checks: decode_checks(&text(&data, "checks").unwrap_or_default(), CheckId::CONTENT)?,
        marks_svg: text(&data, "marks").unwrap_or_default(),
        load_ms: number(&data, "loadMs").unwrap_or(0.0),
        run_ms: number(&data, "runMs").unwrap_or(0.0),
        check_ms: number(&data, "checkMs").unwrap_or(0.0),
    })
}

/// The photo's content analysis, for [`AnalysisSlot`](crate::app::analysis::AnalysisSlot).
pub struct PhotoContent;

impl Analysis for PhotoContent {
    type Answer = Answer;
    const MAX_SIDE: u32 = crate::photo::content::picture::MAX_SIDE;
    const ROW: CheckId = CheckId::ContentAnalysis;
    const WORKING: &'static str = "正在分析人脸、背景和衣着…";
    const DONE: &'static str = "人脸、背景、衣着检查完成";

    async fn request(
        picture: &Picture,
        profile_id: &str,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> Result<Answer, String> {
        analyse(&picture.image, picture.software.clone(), profile_id, on_progress).await
    }
}

impl Answered for Answer {
    fn checks(&self) -> &[Check] {
        &self.checks
    }
    fn marks_svg(&self) -> &str {
        &self.marks_svg
    }
    fn profile(&self) -> &str {
        &self.profile
    }
    fn timings(&self) -> [f64; 3] {
        [self.load_ms, self.run_ms, self.check_ms]
    }
}
