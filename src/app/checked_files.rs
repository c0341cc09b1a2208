//! The latest result of the photo and document pages, held by the app (not the page) so that the
//! readiness list and the confirmation form can read it after the page is left. `CheckAndFix`
//! publishes into it; nothing here leaves the browser's memory.

use super::browser::PickedFile;
use crate::fix::Fixed;
use crate::readiness::CheckedFile;
use crate::report::{Kind, Report, Verdict};
use leptos::prelude::*;
use std::sync::Arc;

/// One page's latest result.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// Both reports and file names (the fixed file is the one to upload).
    pub file: CheckedFile,
    /// The bytes of the file to upload: the fixed file when a fix was made, else the picked file.
    pub bytes: Arc<Vec<u8>>,
}

impl Checked {
    /// A picture that may go on the confirmation form: the file to upload, unless it still fails.
    pub fn printable(&self) -> bool {
        self.file.effective().verdict != Verdict::Fail
    }
}

#[derive(Clone, Copy)]
pub struct CheckedFiles {
    pub photo: RwSignal<Option<Checked>>,
    pub document: RwSignal<Option<Checked>>,
}

impl CheckedFiles {
    pub fn new() -> Self {
        CheckedFiles { photo: RwSignal::new(None), document: RwSignal::new(None) }
    }

    pub fn slot(self, kind: Kind) -> RwSignal<Option<Checked>> {
        match kind {
            Kind::Photo => self.photo,
            Kind::Document => self.document,
        }
    }

    /// Records what a page shows now: the picked file's report and, if made, the fix.
    pub fn publish(self, kind: Kind, input: Report, picked: &PickedFile, fixed: Option<Fixed>) {
        let (fixed, bytes) = match fixed {
            Some(f) => {
                let report = Report::new(kind, &input.profile, f.checks);
                (Some((report, f.file_name)), Arc::new(f.bytes))
            }
            None => (None, picked.bytes.clone()),
        };
        let checked = Checked { file: CheckedFile { input, input_name: picked.name.clone(), fixed }, bytes };
        let slot = self.slot(kind);
        if slot.with_untracked(|old| old.as_ref() != Some(&checked)) {
            slot.set(Some(checked));
        }
    }
}

impl Default for CheckedFiles {
    fn default() -> Self {
        Self::new()
    }
}
