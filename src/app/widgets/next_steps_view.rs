//! The top of a report: what to do first (`report::next_steps`), in three short groups. Rows to
//! confirm carry their confirm box here, where the person looks, rather than deep in the full list.

use super::manual::ManualConfirm;
use super::marks_highlight::LocateButton;
use crate::report::{Check, Remedy, Report, fix_summary, next_steps};
use leptos::prelude::*;

#[component]
pub fn NextStepsView(
    /// The report whose rows that did not pass are grouped.
    report: Report,
) -> impl IntoView {
    let groups = next_steps(&report)
        .into_iter()
        .map(|(remedy, rows)| {
            let items = match remedy {
                // One line: that one click solves them matters more than each row's details.
                Remedy::Fix => view! { <li class="step">{fix_summary(&rows)}</li> }.into_any(),
                _ => rows
                    .into_iter()
                    .map(|c| view! { <StepItem check=c.clone() remedy=remedy /> })
                    .collect_view()
                    .into_any(),
            };
            view! {
                <section class=format!("step-group step-{}", remedy.as_str()) data-group=remedy.as_str()>
                    <h3 class="step-heading">{remedy.heading()}</h3>
                    <ul class="steps">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! { <div class="next-steps" data-testid="next-steps">{groups}</div> }
}

#[component]
fn StepItem(check: Check, remedy: Remedy) -> impl IntoView {
    let confirm =
        (remedy == Remedy::Confirm).then(|| view! { <ManualConfirm id=check.id confirmed=check.confirmed /> });
    view! {
        <li class=format!("step status-{}", if check.confirmed { "confirmed" } else { check.status.as_str() }) data-step=check.id.as_str()>
            <div class="step-head">
                <span class="badge">{if check.confirmed { "已确认" } else { check.status.label() }}</span>
                <strong>{check.id.label()}</strong>
                <LocateButton id=check.id />
            </div>
            <p class="step-message">{check.message}</p>
            {confirm}
        </li>
    }
}
