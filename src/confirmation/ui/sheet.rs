//! The printable A4 sheet. Every value comes from `ConfirmationForm`; a `None` is an empty,
//! outlined cell (`cf-blank`) to fill in by hand.

use crate::confirmation::{CHECKLIST, ConfirmationForm, REHEARSAL_MARK, TITLE};
use leptos::prelude::*;

#[component]
pub fn Sheet(form: ConfirmationForm, photo: Option<String>, sample: bool) -> impl IntoView {
    let cell = |key: &'static str, colspan: &'static str| {
        let value = form.value(key).map(str::to_owned);
        let label = form.basic.iter().find(|l| l.key == key).map_or("", |l| l.label);
        view! {
            <th scope="row">{label}</th>
            {value_cell(value, key, colspan)}
        }
    };
    let complete = form.is_complete().to_string();
    let foot = format!("规则：{}　制表日期：{}", form.profile, form.made_on);
    let photo_cell = match photo {
        Some(src) => view! { <img class="cf-photo" src=src alt="考生照片" data-testid="form-photo" /> }.into_any(),
        None => view! { <div class="cf-photo cf-photo-empty" data-testid="form-photo-empty">"无照片"<br />"（照片未检查或未通过）"</div> }.into_any(),
    };
    view! {
        <article class="cf-sheet" data-testid="confirmation-form" data-complete=complete>
            <p class="cf-mark">{REHEARSAL_MARK}{sample.then_some("（示例数据）")}</p>
            <h1 class="cf-title">{TITLE}</h1>
            <table class="cf-table cf-basic">
                <colgroup>
                    <col class="cf-col-label" /><col /><col class="cf-col-label" /><col /><col class="cf-col-photo" />
                </colgroup>
                <tbody>
                    <tr>{cell("name", "1")}{cell("sex", "1")}<td class="cf-photo-cell" rowspan="5">{photo_cell}</td></tr>
                    <tr>{cell("id_number", "3")}</tr>
                    <tr>{cell("birth_date", "1")}{cell("ethnicity", "1")}</tr>
                    <tr>{cell("grade", "1")}{cell("mobile", "1")}</tr>
                    <tr>{cell("registration_place", "3")}</tr>
                    <tr>{cell("hukou_place", "4")}</tr>
                    <tr>{cell("current_school", "4")}</tr>
                </tbody>
            </table>

            <h2 class="cf-h2">"监护人"</h2>
            <table class="cf-table cf-list">
                <thead><tr><th>"姓名"</th><th>"与考生关系"</th><th>"手机号"</th></tr></thead>
                <tbody>
                    {form
                        .guardians
                        .into_iter()
                        .map(|g| view! { <tr data-row="guardian">{value_cell(g.name, "", "1")}{value_cell(g.relation, "", "1")}{value_cell(g.phone, "", "1")}</tr> })
                        .collect_view()}
                </tbody>
            </table>

            <h2 class="cf-h2">"学习简历（从小学写起，最新的在上）"</h2>
            <table class="cf-table cf-list cf-history">
                <thead><tr><th>"起始年月"</th><th>"结束年月"</th><th>"学校（全称）"</th><th>"任何职"</th><th>"证明人"</th></tr></thead>
                <tbody>
                    {form
                        .history
                        .into_iter()
                        .map(|h| {
                            // 任何职 is optional: an empty one is a plain cell, not a blank to fill.
                            let role = h.role.unwrap_or_default();
                            view! {
                                <tr data-row="history">
                                    {value_cell(h.from, "", "1")}{value_cell(h.to, "", "1")}{value_cell(h.school, "", "1")}
                                    <td>{role}</td>
                                    {value_cell(h.reference, "", "1")}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>

            <h2 class="cf-h2">"核对（对照身份证和照片逐项核对，无误在框内打 ✓）"</h2>
            <ul class="cf-checklist">
                {CHECKLIST
                    .iter()
                    .map(|text| view! { <li><label><input type="checkbox" class="cf-box" />{*text}</label></li> })
                    .collect_view()}
            </ul>
            <p class="cf-statement">"以上信息经考生本人和监护人核对无误。正式报名表签字确认后，任何人不得更改。"</p>
            <div class="cf-signs">
                <p>"考生签名："<span class="cf-line"></span>"日期："<span class="cf-line cf-short"></span>"年"<span class="cf-line cf-tiny"></span>"月"<span class="cf-line cf-tiny"></span>"日"</p>
                <p>"监护人签名："<span class="cf-line"></span>"日期："<span class="cf-line cf-short"></span>"年"<span class="cf-line cf-tiny"></span>"月"<span class="cf-line cf-tiny"></span>"日"</p>
            </div>
            <p class="cf-foot">
                {foot}<br />
                {format!("由“中招报名自查助手”在本机生成，{REHEARSAL_MARK}，不能代替报名平台打印的正式报名表。")}
            </p>
        </article>
    }
}

/// A value, or an outlined empty cell to fill in by hand. `key` names a basic field for tests.
fn value_cell(value: Option<String>, key: &'static str, colspan: &'static str) -> impl IntoView {
    let field = (!key.is_empty()).then_some(key);
    let blank = value.is_none();
    view! {
        <td colspan=colspan data-field=field class:cf-blank=blank data-blank=blank.then_some("true")>
            {value}
        </td>
    }
}
