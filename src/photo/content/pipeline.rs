//! The whole content pipeline in one call: decode the analysis picture, run the face models, then
//! the checks. The browser runs it inside the face-analysis Web Worker (`photo::worker`), next to
//! the models, so the page only shows the answer; the `precheck` CLI and the accuracy command run
//! it natively with the models embedded in the binary.

use super::picture::{
    MAX_SIDE, analysis_picture, decoded_within, shrink_for_analysis, shrunk_for_analysis, software_tag,
};
use super::{ContentInput, ContentResult, check_content};
use crate::face::FaceObservation;
use crate::face::model::FaceModels;
use crate::fix::{FixError, Fixed};
use crate::imaging::decode::Decoded;
use crate::profile::Profile;
use crate::report::{Check, CheckId, Report, Status};
use image::RgbImage;
use std::collections::BTreeSet;

/// The models embedded in the native binary, so the CLI works wherever it is copied.
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_models() -> Result<FaceModels, crate::face::model::ModelError> {
    FaceModels::from_bytes(
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/face_detection_short_range.nnefq")),
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/face_landmark.nnefq")),
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/selfie_segmentation.nnefq")),
    )
}

/// What the models saw on one picture.
pub struct Analysed {
    /// The analysed picture (upright, at most `picture::MAX_SIDE` on its longer side); the
    /// observation's coordinates are its pixels.
    pub picture: RgbImage,
    pub observation: FaceObservation,
    pub software: Option<String>,
}

impl Analysed {
    pub fn checks(&self, profile: &Profile, confirmed: &BTreeSet<CheckId>) -> ContentResult {
        check_content(&ContentInput::for_profile(
            &self.picture,
            &self.observation,
            profile,
            self.software.as_deref(),
            confirmed,
        ))
    }
}

/// Why a file could not be analysed.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalyseError {
    /// The file's pixels cannot be read; the file checks already say why, so the page says nothing more.
    Unreadable(String),
    /// The models failed on a readable picture.
    Model(String),
}

impl AnalyseError {
    pub fn message(&self) -> &str {
        match self {
            AnalyseError::Unreadable(m) | AnalyseError::Model(m) => m,
        }
    }
}

/// Decodes `bytes` and runs the models (native tools and the class page's per-file requests; the
/// single photo page decodes on the page, and its worker shrinks the picture and runs the models,
/// see `photo::worker`).
pub fn analyse(bytes: &[u8], models: &FaceModels) -> Result<Analysed, AnalyseError> {
    let picture = analysis_picture(bytes).map_err(|e| AnalyseError::Unreadable(e.message()))?;
    analyse_picture(picture, software_tag(bytes), models)
}

/// Shrinks a decoded, upright picture for analysis and runs the models on it. `software` is the
/// file's EXIF Software tag, for the recapture check.
pub fn analyse_picture(
    picture: RgbImage,
    software: Option<String>,
    models: &FaceModels,
) -> Result<Analysed, AnalyseError> {
    analyse_shrunk(shrink_for_analysis(picture), software, models)
}

/// [`analyse_picture`] of a picture already shrunk for analysis.
fn analyse_shrunk(picture: RgbImage, software: Option<String>, models: &FaceModels) -> Result<Analysed, AnalyseError> {
    let observation = models.observe(&picture).map_err(|e| AnalyseError::Model(format!("人脸分析失败：{e}")))?;
    Ok(Analysed { picture, observation, software })
}

/// The photo's file rules and, with `models` and readable pixels, its content checks: one report,
/// as `precheck photo` and the class page give it.
pub fn check_photo(
    bytes: &[u8],
    name: &str,
    profile: &Profile,
    models: Option<&FaceModels>,
    confirmed: &BTreeSet<CheckId>,
) -> Report {
    check_photo_seen(bytes, name, profile, models, confirmed).report
}

/// A photo's report with what its check saw, so the fix and a preview after it need not decode
/// and analyse the file again.
pub struct PhotoChecked {
    pub report: Report,
    /// The SVG of the content checks' marks over the analysed picture (`photo::svg::marks_svg`, in
    /// that picture's pixel grid, so it stretches over any display of the file), when the models ran.
    pub marks: Option<String>,
    /// What the models saw (`None`: no models, or the file could not be analysed).
    pub analysed: Option<Analysed>,
    /// The file's decode the analysed picture was shrunk from.
    pub decoded: Option<Decoded>,
}

/// [`check_photo`], with the marks that explain it and what the models saw.
pub fn check_photo_seen(
    bytes: &[u8],
    name: &str,
    profile: &Profile,
    models: Option<&FaceModels>,
    confirmed: &BTreeSet<CheckId>,
) -> PhotoChecked {
    let unanalysed = |report| PhotoChecked { report, marks: None, analysed: None, decoded: None };
    let Some(models) = models else { return unanalysed(crate::photo::check(bytes, name, profile)) };
    // One decode for both: the analysis picture, and the file rules' colour measure. The fix and
    // the preview reuse it too.
    let decode = decoded_within(bytes, MAX_SIDE).map_err(|e| AnalyseError::Unreadable(e.message()));
    let report = crate::photo::check_reusing(bytes, name, profile, decode.as_ref().ok());
    if report.check(CheckId::ImageColor).is_none() {
        // The pixels could not be read; file.format says why.
        return unanalysed(report);
    }
    let mut checks = report.checks;
    let (mut marks, mut analysed, mut decoded) = (None, None, None);
    let seen = decode.and_then(|d| {
        // Shrunk from the kept decode, not from a copy of it.
        let a = analyse_shrunk(shrunk_for_analysis(&d.image), software_tag(bytes), models)?;
        Ok((a, d))
    });
    match seen {
        Ok((a, d)) => {
            decoded = Some(d);
            let content = a.checks(profile, confirmed);
            marks = Some(crate::photo::svg::marks_svg(a.observation.width, a.observation.height, &content.marks));
            checks.extend(content.checks);
            analysed = Some(a);
        }
        Err(why) => checks.push(Check::new(
            CheckId::ContentAnalysis,
            Status::Warn,
            "未能完成",
            "人脸、背景、衣着检查完成",
            why.message(),
        )),
    }
    PhotoChecked { report: Report::new(report.kind, &report.profile, checks), marks, analysed, decoded }
}

/// The photo fix, cropping by what the models saw when `models` are given.
pub fn fix_photo(bytes: &[u8], name: &str, profile: &Profile, models: Option<&FaceModels>) -> Result<Fixed, FixError> {
    match models {
        Some(m) => {
            let observation = analyse(bytes, m).ok().map(|a| a.observation);
            crate::photo::fix_with_content(bytes, name, profile, observation.as_ref())
        }
        None => crate::photo::fix(bytes, name, profile),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::profile::default_profile;

    #[test]
    fn a_real_portrait_gets_every_content_check_once_in_report_order() {
        let models = embedded_models().unwrap();
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg")).unwrap();
        let analysed = analyse(&bytes, &models).unwrap();
        assert_eq!(analysed.observation.faces.len(), 1);
        let ids: Vec<CheckId> =
            analysed.checks(default_profile(), &BTreeSet::new()).checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, CheckId::CONTENT);
    }

    /// A real portrait of ../shared/real-portraits (CC0, see its README), analysed.
    fn real(name: &str, models: &FaceModels) -> ContentResult {
        let path = format!("{}/../shared/real-portraits/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        analyse(&bytes, models).unwrap().checks(default_profile(), &BTreeSet::new())
    }

    fn status(r: &ContentResult, id: crate::report::CheckId) -> crate::report::Status {
        r.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} missing")).status
    }

    #[test]
    fn real_portraits_frontal_passes_pose_sunglasses_fail_and_a_doubtful_face_does_not_block() {
        use crate::report::Status;
        let models = embedded_models().unwrap();
        // A man looking straight into the camera.
        assert_eq!(status(&real("portrait_051.jpg", &models), crate::report::CheckId::FacePose), Status::Pass);
        // Dark round sunglasses: the mesh draws open eyes behind them.
        let r = real("portrait_038.jpg", &models);
        let eyes = r.checks.iter().find(|c| c.id == crate::report::CheckId::FaceEyesOpen).unwrap();
        assert_eq!(eyes.status, Status::Fail, "{eyes:?}");
        // One man in front of autumn foliage: one face, and the fix can crop to it.
        let path = format!("{}/../shared/real-portraits/portrait_037.jpg", env!("CARGO_MANIFEST_DIR"));
        let a = analyse(&std::fs::read(path).unwrap(), &models).unwrap();
        assert_ne!(
            status(&a.checks(default_profile(), &BTreeSet::new()), crate::report::CheckId::FaceCount),
            Status::Fail
        );
        let g = &default_profile().photo_content.geometry;
        let size = (a.observation.width, a.observation.height);
        let plan = crate::photo::content::crop::plan(&a.observation, size, (450, 600), g);
        assert!(!matches!(plan, Err(crate::photo::content::crop::CropError::SeveralFaces(_))), "{plan:?}");
        // A woman behind a camera: the detector also fires, weaker, on her hand; it warns, not fails.
        assert_eq!(status(&real("portrait_003.jpg", &models), crate::report::CheckId::FaceCount), Status::Warn);
    }

    /// The check's file rules measure the colour on the analysis decode (a 1/4-scale 12 MP photo)
    /// rather than on their own 1/8-scale copy: every file rule must judge alike, colour or grey.
    #[test]
    fn the_file_rules_judge_alike_on_the_analysis_decode() {
        use crate::imaging::jpeg_write::encode;
        let models = embedded_models().unwrap();
        let profile = default_profile();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portraits/grace_hopper.jpg");
        let source = crate::imaging::decode::decode(&std::fs::read(path).unwrap(), (u32::MAX, u32::MAX)).unwrap().image;
        let phone = image::imageops::resize(&source, 1536, 2048, image::imageops::FilterType::Triangle);
        let grey = image::DynamicImage::ImageRgb8(phone.clone()).grayscale().to_rgb8();
        for (what, picture) in [("colour", phone), ("grey", grey)] {
            let bytes = encode(&picture, 90, 72).unwrap();
            let alone = crate::photo::check(&bytes, "a.jpg", profile);
            let seen = check_photo_seen(&bytes, "a.jpg", profile, Some(&models), &BTreeSet::new());
            // The file rules alone decode 384×512; the analysis 768×1024.
            assert_eq!(seen.decoded.as_ref().map(|d| d.image.width()), Some(768), "{what}");
            for rule in &alone.checks {
                let shared = seen.report.check(rule.id).unwrap_or_else(|| panic!("{what}: {} missing", rule.id));
                assert_eq!(shared.status, rule.status, "{what}: {}", rule.id);
            }
            let colour = alone.check(crate::report::CheckId::ImageColor).unwrap().status;
            assert_eq!(colour == Status::Pass, what == "colour", "{what}");
        }
    }

    #[test]
    fn unreadable_files_are_told_apart_from_model_failures() {
        let models = embedded_models().unwrap();
        assert!(matches!(analyse(b"", &models), Err(AnalyseError::Unreadable(_))));
        assert!(matches!(analyse(b"\xFF\xD8\xFF\xE0junk", &models), Err(AnalyseError::Unreadable(_))));
    }
}
