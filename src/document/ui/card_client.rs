//! The document's requests to the analysis worker: the picture in (at most `card::MAX_SIDE`, with
//! the file's own width), the card's finding, checks and marks out (the answer `card`, see
//! `photo::worker`). No models are needed, so a document check never downloads them.

use crate::app::analysis::worker_client::{BROKEN, field, number, request, text};
use crate::app::analysis::{Analysis, Answered, Picture};
use crate::document::card::{self, Finding};
use crate::photo::content::wire::decode_checks;
use crate::report::{Check, CheckId};
use js_sys::Float64Array;
use wasm_bindgen::JsCast;

/// The worker's judgement of one document picture.
#[derive(Debug, Clone)]
pub struct CardAnswer {
    /// The card, in the analysed picture's pixels (the fix straightens by it).
    pub finding: Option<Finding>,
    /// The number read off the card, when the reader was sure (the fix is named by it).
    pub number: Option<String>,
    pub profile: String,
    pub checks: Vec<Check>,
    pub marks_svg: String,
    /// Finding the card, then judging it and drawing the marks, ms.
    pub run_ms: f64,
    pub check_ms: f64,
}

/// The document's card analysis, for [`AnalysisSlot`](crate::app::analysis::AnalysisSlot).
pub struct DocumentCard;

impl Analysis for DocumentCard {
    type Answer = CardAnswer;
    const MAX_SIDE: u32 = card::MAX_SIDE;
    const ROW: CheckId = CheckId::CardAnalysis;
    const WORKING: &'static str = "正在寻找证件，检查摆放和清晰度…";
    const DONE: &'static str = "证件位置和清晰度检查完成";

    async fn request(
        picture: &Picture,
        profile_id: &str,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> Result<CardAnswer, String> {
        let fields =
            vec![("kind", "card".into()), ("profile", profile_id.into()), ("fullWidth", picture.full.0.into())];
        let data = request(&picture.image, fields, "card", on_progress).await?;
        let numbers = field(&data, "finding").and_then(|d| d.dyn_into::<Float64Array>().ok()).ok_or(BROKEN)?.to_vec();
        let (finding, read) = card::wire::decode_finding(&numbers)?.unzip();
        Ok(CardAnswer {
            finding,
            number: read.flatten(),
            profile: text(&data, "profile").unwrap_or_default(),
            checks: decode_checks(&text(&data, "checks").unwrap_or_default(), CheckId::CARD)?,
            marks_svg: text(&data, "marks").unwrap_or_default(),
            run_ms: number(&data, "runMs").unwrap_or(0.0),
            check_ms: number(&data, "checkMs").unwrap_or(0.0),
        })
    }
}

impl Answered for CardAnswer {
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
        [0.0, self.run_ms, self.check_ms]
    }
}
