//! One picture's content analysis on the page: decode the picture, hand it to the worker, keep its
//! answer, and ask again when the profile changes. The person's confirmations of `manual` rows are applied
//! here, on the page, so ticking a box never waits for the worker.

use super::face_client::{self, Answer};
use crate::app::browser;
use crate::photo::content::picture::{decode_for_analysis, software_tag};
use crate::report::Check;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub enum ContentState {
    /// No picture, or one whose pixels cannot be read (the file checks already say why).
    #[default]
    Idle,
    /// Working; the text says on what (shown to the person).
    Working(String),
    Ready(Arc<Answer>),
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
    /// Bumped for every new request so a late answer for a replaced picture is dropped.
    generation: StoredValue<u32>,
    /// The file last analysed and the profile it was judged against.
    file: StoredValue<Option<(Arc<Vec<u8>>, String)>>,
}

impl ContentSlot {
    pub fn new() -> Self {
        ContentSlot {
            state: RwSignal::new_local(ContentState::Idle),
            generation: StoredValue::new(0),
            file: StoredValue::new(None),
        }
    }

    /// Starts analysing `bytes` (a picked or fixed file) against the profile `profile_id`.
    pub fn analyse(self, bytes: Arc<Vec<u8>>, profile_id: &str) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        self.file.set_value(Some((bytes.clone(), profile_id.to_owned())));
        let current = move || self.generation.try_get_value() == Some(generation);
        self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
        let profile_id = profile_id.to_owned();
        leptos::task::spawn_local(async move {
            // Let the "working" state paint before decoding on this thread.
            browser::next_frame().await;
            let Ok(picture) = decode_for_analysis(&bytes) else {
                if current() {
                    self.state.set(ContentState::Idle);
                }
                return;
            };
            let on_progress = move |done: u32, total: u32| {
                if current() && done < total {
                    self.state.set(ContentState::Working(format!(
                        "首次使用：正在下载人脸分析模型（{done}/{total}），只需下载一次…"
                    )));
                } else if current() {
                    self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
                }
            };
            let outcome = face_client::analyse(&picture, software_tag(&bytes), &profile_id, on_progress).await;
            if !current() {
                return;
            }
            self.state.set(match outcome {
                Ok(answer) => ContentState::Ready(Arc::new(answer)),
                Err(message) => ContentState::Failed(message),
            });
        });
    }

    /// Judges the current file again if it was judged against another profile.
    pub fn reprofile(self, profile_id: &str) {
        let stale = self.file.with_value(|f| f.as_ref().filter(|(_, p)| p != profile_id).map(|(b, _)| b.clone()));
        if let Some(bytes) = stale {
            self.analyse(bytes, profile_id);
        }
    }

    pub fn clear(self) {
        self.generation.set_value(self.generation.get_value().wrapping_add(1));
        self.file.set_value(None);
        self.state.set(ContentState::Idle);
    }

    /// The content checks for the current picture with the person's confirmations (tracks the
    /// state; `None` until analysed).
    pub fn result(self, confirmed: &BTreeSet<String>) -> Option<Vec<Check>> {
        self.state.with(|s| match s {
            ContentState::Ready(a) => {
                Some(a.checks.iter().map(|c| c.clone().confirmed(confirmed.contains(c.id))).collect())
            }
            _ => None,
        })
    }
}
