//! The two pictures a check-and-fix page analyses, the picked one and the fixed one, as one hook:
//! both judged again when the profile changes, the person's confirmations applied to both, and the
//! callbacks `CheckAndFix` wants for them.

use super::figure::AnalysisFigure;
use super::slot::{Analysis, AnalysisSlot};
use crate::fix::Fixed;
use crate::profile::Profile;
use crate::report::{Check, CheckId, Kind, Report, Role};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The picked and the fixed picture's analyses; `Copy` so callbacks can hold it.
pub struct AnalysedPair<K: Analysis> {
    pub input: AnalysisSlot<K>,
    pub fixed: AnalysisSlot<K>,
    input_result: Memo<Option<Vec<Check>>>,
    fixed_result: Memo<Option<Vec<Check>>>,
    profile: Signal<&'static Profile>,
}

impl<K: Analysis> Clone for AnalysedPair<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Analysis> Copy for AnalysedPair<K> {}

/// Both analyses for a page judged by `profile`, with the person's `confirmed` manual rows.
pub fn use_analysed_pair<K: Analysis>(
    profile: Signal<&'static Profile>,
    confirmed: RwSignal<BTreeSet<CheckId>>,
) -> AnalysedPair<K> {
    let input = AnalysisSlot::<K>::new();
    let fixed = AnalysisSlot::<K>::new();
    let input_result = Memo::new(move |_| confirmed.with(|c| input.result(c)));
    let fixed_result = Memo::new(move |_| confirmed.with(|c| fixed.result(c)));
    // Another profile: the worker judges the same files again (its answer is cheap to redo).
    Effect::new(move |_| {
        let id = &profile.get().id;
        input.reprofile(id);
        fixed.reprofile(id);
    });
    AnalysedPair { input, fixed, input_result, fixed_result, profile }
}

impl<K: Analysis> AnalysedPair<K> {
    /// A new file was picked: forget the fixed one, analyse this one.
    pub fn on_picked(self, bytes: Arc<Vec<u8>>) {
        self.fixed.clear();
        self.input.analyse(bytes, &self.profile.get_untracked().id);
    }

    /// The fix produced a file: analyse it.
    pub fn on_fixed(self, fixed: Fixed) {
        self.fixed.analyse(Arc::new(fixed.bytes), &self.profile.get_untracked().id);
    }

    /// The picked file's report with its analysis rows.
    pub fn add_to_input(self, report: Report) -> Report {
        self.input.add_to(report, self.input_result.get())
    }

    /// The fixed file with its analysis rows.
    pub fn add_to_fixed(self, kind: Kind, mut fixed: Fixed) -> Fixed {
        let report = Report::new(kind, "", std::mem::take(&mut fixed.checks));
        fixed.checks = self.fixed.add_to(report, self.fixed_result.get()).checks;
        fixed
    }

    /// The marks and status line over the picked (`Role::Input`) or the fixed picture.
    pub fn figure(self, role: Role) -> AnyView {
        let slot = match role {
            Role::Input => self.input,
            Role::Fixed => self.fixed,
        };
        view! { <AnalysisFigure role=role analysis=slot /> }.into_any()
    }
}
