//! A report: a summary with `data-verdict` and one row per check with `data-check`/`data-status`.

use super::marks_highlight::LocateButton;
use super::next_steps_view::NextStepsView;
use crate::app::browser::wide_screen;
use crate::report::{Check, Report, Role, Status, Verdict};
use leptos::prelude::*;

#[component]
pub fn ReportView(
    report: Report,
    /// The picked file or the fixed file: `data-report`, and the caption.
    role: Role,
    /// How long the check (or the fix) took in the page: `data-ms`.
    ms: f64,
) -> impl IntoView {
    let (icon, summary) = match report.verdict {
        Verdict::Pass => ("✔", "全部通过"),
        Verdict::Warn => ("!", "基本合格，但有需要注意的地方"),
        Verdict::Fail => ("✘", "有不合格项，需要修改"),
    };
    let fix_ms = (role == Role::Fixed).then(|| format!("{ms:.1}"));
    let passed = report.checks.iter().filter(|c| c.status == Status::Pass).count();
    view! {
        <section
            class="report"
            data-report=role.as_str()
            data-kind=report.kind.as_str()
            data-profile=report.profile.clone()
            data-verdict=report.verdict.as_str()
            data-ms=format!("{ms:.1}")
            data-fix-ms=fix_ms
        >
            <h2 class=format!("summary verdict-{}", report.verdict.as_str())>
                <span class="icon" aria-hidden="true">{icon}</span>
                {if role == Role::Fixed { format!("修复后的文件：{summary}") } else { summary.to_owned() }}
            </h2>
            <NextStepsView report=report.clone() />
            // Every row with measured and expected values, for whoever wants the details: folded
            // on a phone (the groups above say what to do), open on a wide screen or projector.
            <details class="all-checks" data-testid="all-checks" open=wide_screen()>
                <summary>{format!("全部检查项（{} 项，{} 项通过）", report.checks.len(), passed)}</summary>
                <ul class="checks">
                    {report.checks.into_iter().map(|c| view! { <CheckRow check=c /> }).collect_view()}
                </ul>
            </details>
        </section>
    }
}

#[component]
fn CheckRow(check: Check) -> impl IntoView {
    let status = if check.confirmed { "confirmed".to_owned() } else { check.status.as_str().to_owned() };
    let badge = if check.confirmed { "已确认" } else { check.status.label() };
    view! {
        <li class=format!("check status-{status}") data-check=check.id.as_str() data-status=check.status.as_str()
            data-confirmed=check.confirmed.to_string()>
            <div class="check-head">
                <span class="badge">{badge}</span>
                <span class="check-name">{check.id.label()}</span>
                <LocateButton id=check.id />
            </div>
            <dl>
                <dt>"实测"</dt><dd>{check.measured}</dd>
                <dt>"要求"</dt><dd>{check.expected}</dd>
            </dl>
            <p class="check-message">{check.message}</p>
        </li>
    }
}
