//! For teachers: the formats the notice bans, with examples and the reason.

use leptos::prelude::*;

use super::super::templates::{NOTICE_QUOTE, TEACHER_EXAMPLES, example_why};

#[component]
pub fn TeacherNotes() -> impl IntoView {
    view! {
        <details class="pw-card pw-teacher">
            <summary class="pw-h3">"给老师：这些统一格式是禁止的"</summary>
            <blockquote class="pw-quote">"通知原文：“" {NOTICE_QUOTE} "。”"</blockquote>
            <p class="pw-note">
                "登录密码和密保是考生报名、填志愿、查成绩和录取结果的凭证，必须由考生本人设置和保管。"
                "请只讲解规则（8–20 位、字母加数字、区分大小写），不要给出任何格式或示例让全班照填。"
            </p>
            <ul class="pw-list">
                {TEACHER_EXAMPLES.iter().map(|e| view! {
                    <li class="pw-item pw-fail">
                        <strong>{e.format} "，例如 " <code>{e.example}</code></strong>
                        <span class="pw-advice">{example_why(e)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}
