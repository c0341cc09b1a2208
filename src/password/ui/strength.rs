//! The password field with the platform rule result and, separately, the strength and findings.

use leptos::prelude::*;

use super::super::context::PreparedContext;
use super::super::findings::Severity;
use super::super::{Assessment, assess, score_label};
use super::field::SecretInput;
use crate::profile::Profile;

#[component]
pub fn PasswordCheck(
    profile: Signal<&'static Profile>,
    prepared: Memo<Option<PreparedContext>>,
    password: RwSignal<String>,
) -> impl IntoView {
    let result: Memo<Assessment> =
        Memo::new(move |_| password.with(|p| prepared.with(|c| assess(p, &profile.get().password, c.as_ref()))));
    let rule_text = move || super::super::rule::summary(&profile.get().password);
    view! {
        <div class="pw-card">
            <h2 class="pw-h3">"登录密码"</h2>
            <p class="pw-note">"平台要求：" {rule_text}</p>
            <SecretInput label="输入你打算用的密码" autocomplete="off" on_input=move |v: String| password.set(v) testid="password-input" />
            <p class="pw-verdict" data-verdict=move || result.with(|r| r.verdict.as_str())>
                {move || result.with(|r| r.verdict.text())}
            </p>
            <RuleView result=result />
            <StrengthView result=result />
        </div>
    }
}

#[component]
fn RuleView(result: Memo<Assessment>) -> impl IntoView {
    let status = move || result.with(|r| if r.rule.pass { "pass" } else { "fail" });
    view! {
        <div class="pw-rule" data-testid="password-rule" data-status=status>
            <h3 class="pw-h4">
                "平台规则：" {move || result.with(|r| if r.rule.pass { "符合" } else { "不符合" })}
            </h3>
            <ul class="pw-list">
                {move || result.with(|r| {
                    r.rule.problems.iter().map(|p| {
                        let cls = if p.blocking { "pw-item pw-fail" } else { "pw-item pw-warn" };
                        view! { <li class=cls data-id=p.id>{p.text.clone()}</li> }
                    }).collect_view()
                })}
            </ul>
        </div>
    }
}

#[component]
fn StrengthView(result: Memo<Assessment>) -> impl IntoView {
    let score = move || result.with(|r| r.score);
    view! {
        <div class="pw-strength" data-testid="password-strength" data-score=move || score().to_string()>
            <h3 class="pw-h4">
                "难猜程度：" {move || score_label(score())}
                <span class="pw-time">{move || result.with(|r| format!("（每秒试 1 万次，{}可猜中）", r.crack_time))}</span>
            </h3>
            <div
                class="pw-meter"
                role="meter"
                aria-label="密码难猜程度"
                aria-valuemin="0"
                aria-valuemax="4"
                aria-valuenow=move || score().to_string()
                aria-valuetext=move || score_label(score())
            >
                {(0u8..4).map(|k| view! {
                    <span class=move || {
                        let s = score();
                        if s > k { format!("pw-seg pw-seg-on pw-seg-{s}") } else { "pw-seg".to_string() }
                    }></span>
                }).collect_view()}
            </div>
            <ul class="pw-list pw-findings" data-testid="password-findings">
                {move || result.with(|r| {
                    let templates = r.templates.iter().map(|t| view! {
                        <li class="pw-item pw-fail" data-id="template">
                            <strong>"像统一格式：" {t.what.clone()}</strong>
                            <span class="pw-advice">{t.why.clone()}</span>
                        </li>
                    }).collect_view();
                    let findings = r.findings.iter().map(|f| {
                        let cls = match f.severity {
                            Severity::Personal => "pw-item pw-fail",
                            Severity::Weak => "pw-item pw-warn",
                            Severity::Info => "pw-item pw-info",
                        };
                        view! {
                            <li class=cls data-id=f.id>
                                <strong>{f.what.clone()}</strong>
                                <span class="pw-advice">{f.advice.clone()}</span>
                            </li>
                        }
                    }).collect_view();
                    (templates, findings)
                })}
            </ul>
        </div>
    }
}
