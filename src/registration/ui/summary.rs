//! "检查全部" and the count of what is left.

use super::state::Ctx;
use crate::registration::Severity;
use leptos::prelude::*;

#[component]
pub fn Summary(ctx: Ctx) -> impl IntoView {
    let counts = Memo::new(move |_| {
        ctx.messages.with(|all| {
            let errors = all.iter().filter(|m| m.severity == Severity::Error).count();
            (errors, all.len() - errors)
        })
    });
    view! {
        <section class="reg-summary">
            <button type="button" class="reg-button reg-button-primary" on:click=move |_| ctx.show_all.set(true)>
                "检查全部"
            </button>
            {move || {
                ctx.show_all.get().then(|| {
                    let (errors, warnings) = counts.get();
                    let text = match (errors, warnings) {
                        (0, 0) => "全部通过检查。正式采集时请照此填写，并与身份证再核对一遍。".to_string(),
                        (0, w) => format!("没有错误，还有 {w} 处提醒请看一下。"),
                        (e, w) => format!("还有 {e} 处错误、{w} 处提醒，请按各项旁边的说明修改。"),
                    };
                    view! { <p data-testid="summary">{text}</p> }
                })
            }}
        </section>
    }
}
