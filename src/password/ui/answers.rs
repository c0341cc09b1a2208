//! Verification questions and answers (密保): two pairs, each checked as it is typed.

use leptos::prelude::*;

use super::super::answers::{AnswerLevel, QUESTION_TIPS, QaPair, check};
use super::super::context::PreparedContext;

const PAIRS: usize = 2;

#[component]
pub fn AnswerCheck(prepared: Memo<Option<PreparedContext>>, password: RwSignal<String>) -> impl IntoView {
    let pairs = RwSignal::new(vec![QaPair::default(); PAIRS]);
    let results = Memo::new(move |_| pairs.with(|p| password.with(|pw| prepared.with(|c| check(p, c.as_ref(), pw)))));
    let set = move |k: usize, question: bool, v: String| {
        pairs.update(|ps| {
            if let Some(p) = ps.get_mut(k) {
                if question { p.question = v } else { p.answer = v }
            }
        });
    };
    view! {
        <div class="pw-card">
            <h2 class="pw-h3">"密码验证问题（密保）"</h2>
            <ul class="pw-list pw-tips">
                {QUESTION_TIPS.iter().map(|t| view! { <li class="pw-item pw-info">{*t}</li> }).collect_view()}
            </ul>
            {(0..PAIRS).map(|k| view! {
                <fieldset class="pw-qa">
                    <legend class="pw-label">{format!("问题 {}", k + 1)}</legend>
                    <label class="pw-field">
                        <span class="pw-label">"问题"</span>
                        <input class="pw-input" type="text" autocomplete="off" spellcheck="false"
                            on:input=move |ev| set(k, true, event_target_value(&ev)) />
                    </label>
                    <label class="pw-field">
                        <span class="pw-label">"答案"</span>
                        <input class="pw-input" type="text" autocomplete="off" spellcheck="false"
                            on:input=move |ev| set(k, false, event_target_value(&ev)) />
                    </label>
                    <ul class="pw-list" data-testid=format!("answer-findings-{}", k + 1)>
                        {move || results.with(|r| {
                            let list = r.get(k).cloned().unwrap_or_default();
                            if list.is_empty() {
                                return view! { <li class="pw-item pw-pass">"没有发现问题。"</li> }.into_any();
                            }
                            list.into_iter().map(|f| {
                                let cls = match f.level {
                                    AnswerLevel::Reject => "pw-item pw-fail",
                                    AnswerLevel::Warn => "pw-item pw-warn",
                                    AnswerLevel::Ok => "pw-item pw-pass",
                                };
                                view! { <li class=cls data-id=f.id>{f.text}</li> }
                            }).collect_view().into_any()
                        })}
                    </ul>
                </fieldset>
            }).collect_view()}
        </div>
    }
}
