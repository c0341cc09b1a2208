//! The printable A4 sheet as HTML text. Pure (tested natively) and small in the wasm: the page sets
//! it as the inner HTML of one element instead of building a large view tree. Every value is
//! escaped; a `None` value is an empty outlined cell (`cf-blank`, `data-blank`) to fill in by hand.

use super::{CHECKLIST, ConfirmationForm, REHEARSAL_MARK, TITLE};
use std::fmt::Write;

/// The rows of the basic-information table: (field key, columns the value spans).
const BASIC_ROWS: [&[(&str, u8)]; 7] = [
    &[("name", 1), ("sex", 1)],
    &[("id_number", 3)],
    &[("birth_date", 1), ("ethnicity", 1)],
    &[("grade", 1), ("mobile", 1)],
    &[("registration_place", 3)],
    &[("hukou_place", 4)],
    &[("current_school", 4)],
];

/// `photo_url`: the picture to print (an object URL made by the page), `None` for an empty box.
pub fn sheet_html(form: &ConfirmationForm, photo_url: Option<&str>, sample: bool) -> String {
    let mut h = String::with_capacity(8 * 1024);
    let _ = write!(
        h,
        r#"<article class="cf-sheet" data-testid="confirmation-form" data-complete="{}"><p class="cf-mark">{REHEARSAL_MARK}{}</p><h1 class="cf-title">{TITLE}</h1>"#,
        form.is_complete(),
        if sample { "（示例数据）" } else { "" }
    );
    h.push_str(r#"<table class="cf-table cf-basic"><colgroup><col class="cf-col-label"><col><col class="cf-col-label"><col><col class="cf-col-photo"></colgroup><tbody>"#);
    for (i, row) in BASIC_ROWS.iter().enumerate() {
        h.push_str("<tr>");
        for &(key, span) in *row {
            let line = form.basic.iter().find(|l| l.key == key);
            let _ = write!(h, r#"<th scope="row">{}</th>"#, line.map_or("", |l| l.label));
            cell(&mut h, line.and_then(|l| l.value.as_deref()), key, span);
        }
        if i == 0 {
            h.push_str(r#"<td class="cf-photo-cell" rowspan="5">"#);
            match photo_url {
                Some(url) => {
                    let _ = write!(h, r#"<img class="cf-photo" src="{}" alt="考生照片" data-testid="form-photo">"#, escape(url));
                }
                None => h.push_str(
                    r#"<div class="cf-photo cf-photo-empty" data-testid="form-photo-empty">无照片<br>（照片未检查或未通过）</div>"#,
                ),
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");

    table_head(&mut h, "监护人", "", &["姓名", "与考生关系", "手机号"]);
    for g in &form.guardians {
        h.push_str(r#"<tr data-row="guardian">"#);
        for v in [&g.name, &g.relation, &g.phone] {
            cell(&mut h, v.as_deref(), "", 1);
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");

    table_head(
        &mut h,
        "学习简历（从小学写起，最新的在上）",
        " cf-history",
        &["起始年月", "结束年月", "学校（全称）", "任何职", "证明人"],
    );
    for r in &form.history {
        h.push_str(r#"<tr data-row="history">"#);
        cell(&mut h, r.from.as_deref(), "", 1);
        cell(&mut h, r.to.as_deref(), "", 1);
        cell(&mut h, r.school.as_deref(), "", 1);
        // 任何职 is optional: an empty one is a plain cell, not a blank to fill.
        let _ = write!(h, "<td>{}</td>", escape(r.role.as_deref().unwrap_or_default()));
        cell(&mut h, r.reference.as_deref(), "", 1);
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");

    h.push_str(r#"<h2 class="cf-h2">核对（对照身份证和照片逐项核对，无误在框内打 ✓）</h2><ul class="cf-checklist">"#);
    for item in CHECKLIST {
        let _ = write!(h, r#"<li><label><input type="checkbox" class="cf-box">{item}</label></li>"#);
    }
    h.push_str("</ul>");
    h.push_str(r#"<p class="cf-statement">以上信息经考生本人和监护人核对无误。正式报名表签字确认后，任何人不得更改。</p><div class="cf-signs">"#);
    for who in ["考生签名", "监护人签名"] {
        let _ = write!(
            h,
            r#"<p>{who}：<span class="cf-line"></span>日期：<span class="cf-line cf-short"></span>年<span class="cf-line cf-tiny"></span>月<span class="cf-line cf-tiny"></span>日</p>"#
        );
    }
    let _ = write!(
        h,
        r#"</div><p class="cf-foot">规则：{}　制表日期：{}<br>由“中招报名自查助手”在本机生成，{REHEARSAL_MARK}，不能代替报名平台打印的正式报名表。</p></article>"#,
        escape(&form.profile),
        escape(&form.made_on)
    );
    h
}

fn table_head(h: &mut String, title: &str, class: &str, columns: &[&str]) {
    let _ = write!(h, r#"<h2 class="cf-h2">{title}</h2><table class="cf-table cf-list{class}"><thead><tr>"#);
    for c in columns {
        let _ = write!(h, "<th>{c}</th>");
    }
    h.push_str("</tr></thead><tbody>");
}

/// A value, or an outlined empty cell; `key` names a basic field (`data-field`) for tests.
fn cell(h: &mut String, value: Option<&str>, key: &str, span: u8) {
    h.push_str("<td");
    if span > 1 {
        let _ = write!(h, r#" colspan="{span}""#);
    }
    if !key.is_empty() {
        let _ = write!(h, r#" data-field="{key}""#);
    }
    match value {
        Some(v) => {
            let _ = write!(h, ">{}</td>", escape(v));
        }
        None => h.push_str(r#" class="cf-blank" data-blank="true"></td>"#),
    }
}

pub use crate::markup::escape;
