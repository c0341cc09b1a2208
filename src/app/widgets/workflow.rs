//! The state of the pick → check → fix workflow and its two actions, apart from any view.

use crate::app::browser::{self, PickedFile};
use crate::app::checked_files::CheckedFiles;
use crate::fix::{FixError, Fixed};
use crate::report::{Check, CheckId, Kind, Report, Status, Verdict};
use leptos::prelude::*;

/// A result with how long it took in the page (milliseconds), shown in `data-ms` for the e2e run.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed<T> {
    pub value: T,
    pub ms: f64,
}

fn timed<T>(f: impl FnOnce() -> T) -> Timed<T> {
    let start = browser::now_ms();
    let value = f();
    Timed { value, ms: browser::now_ms() - start }
}

/// What a page plugs into the workflow (see `CheckAndFix` for each).
#[derive(Clone, Copy)]
pub struct Steps {
    pub check: Callback<PickedFile, Report>,
    pub fix: Callback<PickedFile, Result<Fixed, FixError>>,
    pub adjust: Option<Callback<Report, Report>>,
    pub adjust_fixed: Option<Callback<Fixed, Fixed>>,
    pub on_picked: Option<Callback<PickedFile>>,
    pub on_fixed: Option<Callback<Fixed>>,
}

/// The workflow's state (all `Copy` signals).
#[derive(Clone, Copy)]
pub struct Workflow {
    steps: Steps,
    pub picked: RwSignal<Option<PickedFile>>,
    read_error: RwSignal<Option<String>>,
    fixed: RwSignal<Option<Timed<Result<Fixed, FixError>>>>,
    /// What is being done now ("正在检查…"), if anything.
    pub busy: RwSignal<Option<&'static str>>,
    /// The picked file's report, adjusted to the other inputs.
    pub report: Memo<Option<Timed<Report>>>,
    /// The fix, adjusted to the other inputs.
    pub shown_fix: Memo<Option<Timed<Result<Fixed, FixError>>>>,
}

/// Checks a picked file again whenever it or anything the rules read (the profile) changes, and
/// publishes the latest result for the readiness list and the confirmation form.
pub fn use_workflow(kind: Kind, steps: Steps) -> Workflow {
    let picked = RwSignal::new(None::<PickedFile>);
    let base_report = RwSignal::new(None::<Timed<Report>>);
    let fixed = RwSignal::new(None::<Timed<Result<Fixed, FixError>>>);
    Effect::new(move |_| {
        let Some(file) = picked.get() else { return };
        fixed.set(None);
        base_report.set(Some(timed(|| steps.check.run(file.clone()))));
        if let Some(hook) = steps.on_picked {
            hook.run(file);
        }
    });
    let report = Memo::new(move |_| {
        base_report.get().map(|t| Timed { value: steps.adjust.map_or(t.value.clone(), |a| a.run(t.value)), ms: t.ms })
    });
    let shown_fix = Memo::new(move |_| {
        fixed.get().map(|t| Timed {
            value: t.value.map(|f| match steps.adjust_fixed {
                Some(a) => a.run(f),
                None => f,
            }),
            ms: t.ms,
        })
    });
    if let Some(store) = use_context::<CheckedFiles>() {
        Effect::new(move |_| {
            let (Some(r), Some(file)) = (report.get(), picked.get()) else { return };
            let fix = shown_fix.with(|f| f.as_ref().and_then(|t| t.value.as_ref().ok().cloned()));
            store.publish(kind, r.value, &file, fix);
        });
    }
    Workflow { steps, picked, read_error: RwSignal::new(None), fixed, busy: RwSignal::new(None), report, shown_fix }
}

impl Workflow {
    /// Reads `file` and checks it; a file that cannot be read leaves the previous one in place.
    pub fn pick(self, file: web_sys::File) {
        self.busy.set(Some("正在读取文件…"));
        leptos::task::spawn_local(async move {
            match browser::read_file(&file).await {
                Ok(f) => {
                    self.read_error.set(None);
                    self.busy.set(Some("正在检查…"));
                    browser::next_frame().await;
                    self.picked.set(Some(f));
                }
                Err(e) => self.read_error.set(Some(e)),
            }
            self.busy.set(None);
        });
    }

    /// Makes the compliant file from the picked one.
    pub fn fix(self) {
        let Some(file) = self.picked.get_untracked() else { return };
        self.busy.set(Some("正在生成合格文件…"));
        leptos::task::spawn_local(async move {
            browser::next_frame().await;
            let result = timed(|| self.steps.fix.run(file));
            if let (Some(hook), Ok(f)) = (self.steps.on_fixed, &result.value) {
                hook.run(f.clone());
            }
            self.fixed.set(Some(result));
            self.busy.set(None);
        });
    }

    /// The report asks for changes a fix can make.
    pub fn can_fix(self) -> bool {
        self.report.with(|r| r.as_ref().is_some_and(|r| r.value.verdict != Verdict::Pass && !unfixable(&r.value)))
    }

    /// Why the file could not be read or decoded, if so.
    pub fn file_error(self) -> Option<String> {
        self.read_error.get().or_else(|| {
            self.report.with(|r| {
                r.as_ref().and_then(|r| {
                    r.value
                        .check(CheckId::FileFormat)
                        .filter(|_| pixels_unreadable(&r.value))
                        .map(|c| c.message.clone())
                })
            })
        })
    }
}

/// The format check failed and no colour row exists: the pixels could not be read
/// (see `filecheck::file_checks`), so the format check's message says why.
fn pixels_unreadable(r: &Report) -> bool {
    r.check(CheckId::FileFormat).is_some_and(|c| c.status == Status::Fail) && r.check(CheckId::ImageColor).is_none()
}

/// Nothing to fix automatically: the pixels cannot be read, or the picture is grey-scale.
fn unfixable(r: &Report) -> bool {
    let failed = |id| r.check(id).is_some_and(|c: &Check| c.status == Status::Fail);
    pixels_unreadable(r) || failed(CheckId::ImageColor)
}
