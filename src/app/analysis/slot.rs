//! One picture's analysis in the worker, as page state: decode the picture, hand it to the worker,
//! keep its answer, and ask again (with the picture already decoded) when the profile changes.
//! The person's confirmations of `manual` rows are applied here, on the page, so ticking a box
//! never waits for the worker. Generic over what is analysed: the photo's content
//! (`photo::ui::face_client::PhotoContent`) or the document's card
//! (`document::ui::card_client::DocumentCard`).

use crate::app::browser;
use crate::photo::content::picture::{decode_within, software_tag};
use crate::report::{Check, CheckId, Report, Status};
use image::RgbImage;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

/// A decoded picture, kept so another profile can be judged without decoding the file again.
pub struct Picture {
    /// Upright, at most the analysis's `MAX_SIDE`.
    pub image: RgbImage,
    /// The upright size of the file's own picture.
    pub full: (u32, u32),
    /// The file's EXIF Software tag (for the recapture check).
    pub software: Option<String>,
}

/// What one kind of analysis needs: how large to decode, how to ask the worker, what to say.
pub trait Analysis: 'static {
    type Answer: Answered;
    /// Longest side the picture is decoded at for the worker.
    const MAX_SIDE: u32;
    /// The page's own row while working or failed.
    const ROW: CheckId;
    /// Shown while the worker works.
    const WORKING: &'static str;
    /// The row's expected text: what finishing means.
    const DONE: &'static str;
    /// Asks the worker; `on_progress(done, total)` reports model files fetched.
    fn request(
        picture: &Picture,
        profile_id: &str,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> impl Future<Output = Result<Self::Answer, String>>;
}

/// What every answer shows.
pub trait Answered: 'static {
    fn checks(&self) -> &[Check];
    /// SVG markup drawn over the picture.
    fn marks_svg(&self) -> &str;
    /// The profile the worker judged against.
    fn profile(&self) -> &str;
    /// Loading models, running the analysis, running the checks, ms.
    fn timings(&self) -> [f64; 3];
}

pub enum AnalysisState<A> {
    /// No picture, or one whose pixels cannot be read (the file checks already say why).
    Idle,
    /// Working; the text says on what (shown to the person).
    Working(String),
    Ready(Arc<A>),
    Failed(String),
}

// By hand: a derive would ask `A: Clone`, and answers are shared through the `Arc`.
impl<A> Clone for AnalysisState<A> {
    fn clone(&self) -> Self {
        match self {
            AnalysisState::Idle => AnalysisState::Idle,
            AnalysisState::Working(s) => AnalysisState::Working(s.clone()),
            AnalysisState::Ready(a) => AnalysisState::Ready(a.clone()),
            AnalysisState::Failed(s) => AnalysisState::Failed(s.clone()),
        }
    }
}

impl<A> AnalysisState<A> {
    pub fn as_str(&self) -> &'static str {
        match self {
            AnalysisState::Idle => "idle",
            AnalysisState::Working(_) => "working",
            AnalysisState::Ready(_) => "ready",
            AnalysisState::Failed(_) => "failed",
        }
    }

    pub fn ready(&self) -> Option<Arc<A>> {
        match self {
            AnalysisState::Ready(a) => Some(a.clone()),
            _ => None,
        }
    }
}

/// A picture's analysis state; `Copy` so callbacks can hold it.
pub struct AnalysisSlot<K: Analysis> {
    pub state: RwSignal<AnalysisState<K::Answer>, LocalStorage>,
    /// Bumped for every new request so a late answer for a replaced picture is dropped.
    generation: StoredValue<u32>,
    /// The current picture, once decoded.
    picture: StoredValue<Option<Arc<Picture>>, LocalStorage>,
    /// The profile the current picture is (being) judged against.
    profile: StoredValue<String>,
    // `fn() -> K`: the slot names its analysis but holds none, so it is `Send` whatever `K` is.
    kind: PhantomData<fn() -> K>,
}

impl<K: Analysis> Clone for AnalysisSlot<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Analysis> Copy for AnalysisSlot<K> {}

impl<K: Analysis> Default for AnalysisSlot<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Analysis> AnalysisSlot<K> {
    pub fn new() -> Self {
        AnalysisSlot {
            state: RwSignal::new_local(AnalysisState::Idle),
            generation: StoredValue::new(0),
            picture: StoredValue::new_local(None),
            profile: StoredValue::new(String::new()),
            kind: PhantomData,
        }
    }

    /// A new request: later answers for earlier ones are dropped.
    fn next_generation(self) -> u32 {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        self.state.set(AnalysisState::Working(K::WORKING.into()));
        generation
    }

    fn is_current(self, generation: u32) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Starts analysing `bytes` (a picked or fixed file) against the profile `profile_id`.
    pub fn analyse(self, bytes: Arc<Vec<u8>>, profile_id: &str) {
        let generation = self.next_generation();
        self.picture.set_value(None);
        self.profile.set_value(profile_id.to_owned());
        leptos::task::spawn_local(async move {
            // Let the "working" state paint before decoding on this thread.
            browser::next_frame().await;
            let decoded = decode_within(&bytes, K::MAX_SIDE);
            if !self.is_current(generation) {
                return;
            }
            let Ok((image, full)) = decoded else {
                self.state.set(AnalysisState::Idle);
                return;
            };
            let picture = Arc::new(Picture { image, full, software: software_tag(&bytes) });
            self.picture.set_value(Some(picture.clone()));
            // The profile may have changed while decoding: judge against the latest.
            self.request(picture, self.profile.get_value(), generation).await;
        });
    }

    /// Judges the current picture again if it was judged against another profile.
    pub fn reprofile(self, profile_id: &str) {
        if self.profile.with_value(|p| p == profile_id) {
            return;
        }
        self.profile.set_value(profile_id.to_owned());
        // Still decoding: `analyse` reads the new profile when it is done.
        if let Some(picture) = self.picture.get_value() {
            let generation = self.next_generation();
            let profile_id = profile_id.to_owned();
            leptos::task::spawn_local(async move { self.request(picture, profile_id, generation).await });
        }
    }

    /// Asks the worker about `picture` and keeps its answer if the request is still the current one.
    async fn request(self, picture: Arc<Picture>, profile_id: String, generation: u32) {
        let on_progress = move |done: u32, total: u32| {
            if self.is_current(generation) && done < total {
                self.state.set(AnalysisState::Working(format!(
                    "首次使用：正在下载人脸分析模型（{done}/{total}），只需下载一次…"
                )));
            } else if self.is_current(generation) {
                self.state.set(AnalysisState::Working(K::WORKING.into()));
            }
        };
        let outcome = K::request(&picture, &profile_id, on_progress).await;
        if self.is_current(generation) {
            self.state.set(match outcome {
                Ok(answer) => AnalysisState::Ready(Arc::new(answer)),
                Err(message) => AnalysisState::Failed(message),
            });
        }
    }

    pub fn clear(self) {
        self.generation.set_value(self.generation.get_value().wrapping_add(1));
        self.picture.set_value(None);
        self.state.set(AnalysisState::Idle);
    }

    /// The answer, when there is one (does not track).
    pub fn answer(self) -> Option<Arc<K::Answer>> {
        self.state.with_untracked(|s| s.ready())
    }

    /// The checks for the current picture with the person's confirmations (tracks the state;
    /// `None` until analysed).
    pub fn result(self, confirmed: &BTreeSet<CheckId>) -> Option<Vec<Check>> {
        self.state.with(|s| {
            s.ready().map(|a| a.checks().iter().map(|c| c.clone().confirmed(confirmed.contains(&c.id))).collect())
        })
    }

    /// Adds the analysis's checks (`result`), or a row saying why there are none yet, to a file
    /// report.
    pub fn add_to(self, report: Report, result: Option<Vec<Check>>) -> Report {
        let mut checks = report.checks;
        match self.state.with(|s| s.clone()) {
            AnalysisState::Ready(_) => checks.extend(result.unwrap_or_default()),
            // A warning, not `manual`: nothing for the person to confirm, it resolves by itself.
            AnalysisState::Working(what) => checks.push(Check::new(
                K::ROW,
                Status::Warn,
                what,
                K::DONE,
                "内容检查还在进行，完成后这里会列出每一项结果。",
            )),
            AnalysisState::Failed(why) => checks.push(Check::new(
                K::ROW,
                Status::Warn,
                "未能完成",
                K::DONE,
                format!("{why} 请对照上面的要求自行检查图片内容。"),
            )),
            AnalysisState::Idle => {}
        }
        Report::new(report.kind, &report.profile, checks)
    }
}
