//! One picture's content analysis on the page: decode the picture, hand it to the worker, keep its
//! answer, and ask again (with the picture already decoded) when the profile changes. The person's confirmations of `manual` rows are applied
//! here, on the page, so ticking a box never waits for the worker.

use super::face_client::{self, Answer};
use crate::app::browser;
use crate::photo::content::picture::{decode_for_analysis, software_tag};
use crate::report::{Check, CheckId};
use image::RgbImage;
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

/// A decoded picture, kept so another profile can be judged without decoding the file again.
struct Picture {
    image: RgbImage,
    /// The file's EXIF Software tag (for the recapture check).
    software: Option<String>,
}

/// A picture's analysis state; `Copy` so callbacks can hold it.
#[derive(Clone, Copy)]
pub struct ContentSlot {
    pub state: RwSignal<ContentState, LocalStorage>,
    /// Bumped for every new request so a late answer for a replaced picture is dropped.
    generation: StoredValue<u32>,
    /// The current picture, once decoded.
    picture: StoredValue<Option<Arc<Picture>>>,
    /// The profile the current picture is (being) judged against.
    profile: StoredValue<String>,
}

impl ContentSlot {
    pub fn new() -> Self {
        ContentSlot {
            state: RwSignal::new_local(ContentState::Idle),
            generation: StoredValue::new(0),
            picture: StoredValue::new(None),
            profile: StoredValue::new(String::new()),
        }
    }

    /// A new request: later answers for earlier ones are dropped.
    fn next_generation(self) -> u32 {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
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
            let decoded = decode_for_analysis(&bytes);
            if !self.is_current(generation) {
                return;
            }
            let Ok(image) = decoded else {
                self.state.set(ContentState::Idle);
                return;
            };
            let picture = Arc::new(Picture { image, software: software_tag(&bytes) });
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
                self.state.set(ContentState::Working(format!(
                    "首次使用：正在下载人脸分析模型（{done}/{total}），只需下载一次…"
                )));
            } else if self.is_current(generation) {
                self.state.set(ContentState::Working("正在分析人脸、背景和衣着…".into()));
            }
        };
        let outcome = face_client::analyse(&picture.image, picture.software.clone(), &profile_id, on_progress).await;
        if self.is_current(generation) {
            self.state.set(match outcome {
                Ok(answer) => ContentState::Ready(Arc::new(answer)),
                Err(message) => ContentState::Failed(message),
            });
        }
    }

    pub fn clear(self) {
        self.generation.set_value(self.generation.get_value().wrapping_add(1));
        self.picture.set_value(None);
        self.state.set(ContentState::Idle);
    }

    /// The content checks for the current picture with the person's confirmations (tracks the
    /// state; `None` until analysed).
    pub fn result(self, confirmed: &BTreeSet<CheckId>) -> Option<Vec<Check>> {
        self.state.with(|s| match s {
            ContentState::Ready(a) => {
                Some(a.checks.iter().map(|c| c.clone().confirmed(confirmed.contains(&c.id))).collect())
            }
            _ => None,
        })
    }
}
