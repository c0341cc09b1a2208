//! One picture's content analysis on the page: decode the analysis picture, ask the worker for the
//! observation, keep it; the checks are re-run from it whenever the profile or the person's
//! confirmations change (cheap, pure code), without asking the models again.

use super::face_client;
use crate::app::browser;
use crate::face::FaceObservation;
use crate::photo::content::picture::{AnalysisPicture, analysis_picture, software_tag};
use crate::photo::content::{ContentInput, ContentResult, check_content};
use crate::profile::Profile;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the models saw on one picture.
#[derive(Debug)]
pub struct Analysed {
    pub picture: AnalysisPicture,
    pub observation: FaceObservation,
    pub software: Option<String>,
    pub load_ms: f64,
    pub run_ms: f64,
}

#[derive(Debug, Clone, Default)]
pub enum ContentState {
    /// No picture, or one whose pixels cannot be read (the file checks already say why).
    #[default]
    Idle,
    /// Working; the text says on what (shown to the person).
    Working(String),
    Ready(Arc<Analysed>),
    Failed(String),
}

impl ContentState {
    pub fn as_str(&self) -> &'static str {
        match self {
            ContentState::Idle => "idle",
            ContentState::Working(_) => "working",
            ContentState::Ready(_) => "ready",
            ContentState::Failed(_) => "failed",
        }
    }
}

/// A picture's analysis state; `Copy` so callbacks can hold it.
#[derive(Clone, Copy)]
pub struct ContentSlot {
    pub state: RwSignal<ContentState, LocalStorage>,
    /// Bumped for every new picture so a late answer for a replaced picture is dropped.
    generation: StoredValue<u32>,
}

impl ContentSlot {
    pub fn new() -> Self {
        ContentSlot { state: RwSignal::new_local(ContentState::Idle), generation: StoredValue::new(0) }
    }

    /// Starts analysing `bytes` (a picked or fixed file).
    pub fn analyse(self, bytes: Arc<Vec<u8>>) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        let current = move || self.generation.try_get_value() == Some(generation);
        self.state.set(ContentState::Working("正在准备人脸分析…".into()));
        leptos::task::spawn_local(async move {
            browser::next_frame().await;
            let Ok(picture) = analysis_picture(&bytes) else {
                if current() {
                    self.state.set(ContentState::Idle);
                }
                return;
            };
            if current() {
                self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
            }
            let on_progress = move |done: u32, total: u32| {
                if current() && done < total {
                    self.state.set(ContentState::Working(format!(
                        "首次使用：正在下载人脸分析模型（{done}/{total}），只需下载一次…"
                    )));
                } else if current() {
                    self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
                }
            };
            let outcome = face_client::observe(&picture.image, on_progress).await;
            if !current() {
                return;
            }
            self.state.set(match outcome {
                Ok(o) => ContentState::Ready(Arc::new(Analysed {
                    picture,
                    observation: o.observation,
                    software: software_tag(&bytes),
                    load_ms: o.load_ms,
                    run_ms: o.run_ms,
                })),
                Err(message) => ContentState::Failed(message),
            });
        });
    }

    pub fn clear(self) {
        self.generation.set_value(self.generation.get_value().wrapping_add(1));
        self.state.set(ContentState::Idle);
    }

    /// The content checks for the current picture (tracks the state; `None` until analysed).
    pub fn result(self, profile: &Profile, confirmed: &BTreeSet<String>) -> Option<(ContentResult, f64)> {
        self.state.with(|s| match s {
            ContentState::Ready(a) => {
                let started = browser::now_ms();
                let input = ContentInput::for_profile(
                    &a.picture.image,
                    &a.observation,
                    profile,
                    a.software.as_deref(),
                    confirmed,
                );
                let result = check_content(&input);
                Some((result, browser::now_ms() - started))
            }
            _ => None,
        })
    }
}
