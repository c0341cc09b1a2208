//! The password page (wasm only). Thin: every decision is made by the pure modules above.
//!
//! Privacy: inputs are uncontrolled (no `value` attribute is ever written), what is typed lives
//! only in signals in memory, nothing is logged, stored, put in the URL or sent anywhere.

mod answers;
mod field;
mod rehearsal;
mod strength;
mod teacher;

use leptos::prelude::*;

use super::context::{PersonalContext, PreparedContext};
use crate::profile::Profile;
use answers::AnswerCheck;
use rehearsal::RehearsalDrill;
use strength::PasswordCheck;
use teacher::TeacherNotes;

/// The whole coach: password with rule and strength, verification questions, rehearsal, and
/// the teacher section. `context` is the registration form's data when filled in.
#[component]
pub fn PasswordPage(
    #[prop(into)] profile: Signal<&'static Profile>,
    #[prop(into)] context: Signal<Option<PersonalContext>>,
) -> impl IntoView {
    let prepared: Memo<Option<PreparedContext>> = Memo::new(move |_| context.get().map(|c| c.prepare()));
    let password = RwSignal::new(String::new());
    // Nothing is estimated before the hanzi→pinyin table arrives: the word lists are built once.
    let ready = crate::app::data_files::use_data_files(vec![&super::data::HANZI_PINYIN]);
    view! {
        <section class="pw-page" aria-labelledby="pw-title">
            <h1 id="pw-title" class="pw-title">"登录密码和密保自查"</h1>
            <p class="pw-privacy">
                "你输入的内容只在这台设备的浏览器里检查，不保存、不上传；关闭或刷新页面即清除。"
                "密码和密保必须由你本人设置和保管，不要告诉同学，也不要交给老师统一填写。"
            </p>
            <Show
                when=move || ready.get()
                fallback=|| view! { <p class="busy" role="status">"正在加载密码词典…"</p> }
            >
                {move || {
                    prepared.with(|c| c.as_ref().is_none_or(PreparedContext::is_empty)).then(|| view! {
                        <p class="pw-hint">"先填写报名信息（姓名、出生日期、身份证号等），这里就能检查密码里有没有你的个人信息。"</p>
                    })
                }}
                <PasswordCheck profile=profile prepared=prepared password=password />
                <AnswerCheck prepared=prepared password=password />
                <RehearsalDrill />
                <TeacherNotes />
            </Show>
        </section>
    }
}
