//! The marks over one picture, and where its analysis stands (`data-state`, timings for e2e).

use super::slot::{Analysis, AnalysisSlot, AnalysisState, Answered};
use crate::report::Role;
use leptos::prelude::*;

/// The worker's marks over the picture and a status line (`content-status-input|fixed`).
#[component]
pub fn AnalysisFigure<K: Analysis>(role: Role, analysis: AnalysisSlot<K>) -> impl IntoView {
    move || {
        let state = analysis.state.get();
        let status = match &state {
            AnalysisState::Working(what) => Some(what.clone()),
            AnalysisState::Failed(why) => Some(why.clone()),
            _ => None,
        };
        let answer = state.ready();
        let [load_ms, run_ms, check_ms] =
            answer.as_ref().map(|a| a.timings().map(|v| Some(format!("{v:.1}")))).unwrap_or_default();
        let judged = answer.as_ref().map(|a| a.profile().to_owned());
        let overlay = answer.map(|a| view! { <div class="marks" inner_html=a.marks_svg().to_owned() /> });
        view! {
            {overlay}
            <p
                class=format!("content-status content-{}", state.as_str())
                data-testid=format!("content-status-{}", role.as_str())
                data-state=state.as_str()
                data-load-ms=load_ms
                data-run-ms=run_ms
                data-check-ms=check_ms
                data-profile=judged
                role="status"
                aria-live="polite"
            >
                {status}
            </p>
        }
    }
}
