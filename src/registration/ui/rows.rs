//! The repeatable parts of the form: guardians and study-history rows, each addable and removable.

use super::Ctx;
use super::field::{FieldNote, SelectField, TextField, row_bind};
use crate::registration::history::UNTIL_NOW;
use crate::registration::model::{GUARDIAN_RELATIONS, Guardian, HistoryRow, guardian_key, history_key};
use leptos::prelude::*;

#[component]
pub fn Guardians(ctx: Ctx) -> impl IntoView {
    let count = Memo::new(move |_| ctx.form.with(|f| f.guardians.len()));
    let add = move || ctx.form.update(|f| f.guardians.push(Guardian::default()));
    row_list(ctx, "监护人", None, "guardians", count, guardian_row, add, "＋ 添加监护人")
}

/// A fieldset of rows with its list-level message and an add button. Rows are rebuilt only when
/// their number changes, so typing keeps the focus.
#[allow(clippy::too_many_arguments)] // a plain helper shared by the two lists, not a public API
fn row_list<V: IntoView + 'static>(
    ctx: Ctx,
    legend: &'static str,
    hint: Option<String>,
    key: &'static str,
    count: Memo<usize>,
    row: fn(Ctx, usize) -> V,
    add: impl Fn() + 'static,
    add_label: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="reg-group">
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="reg-hint">{h}</p> })}
            <FieldNote ctx=ctx name=key />
            {move || (0..count.get()).map(|i| row(ctx, i)).collect_view()}
            <button type="button" class="reg-button" on:click=move |_| add()>
                {add_label}
            </button>
        </fieldset>
    }
}

fn guardian_row(ctx: Ctx, i: usize) -> impl IntoView {
    let (name, set_name) = row_bind!(ctx, guardians, i, name);
    let (relation, set_relation) = row_bind!(ctx, guardians, i, relation);
    let (phone, set_phone) = row_bind!(ctx, guardians, i, phone);
    let relations: Vec<(&'static str, &'static str)> = GUARDIAN_RELATIONS.iter().map(|r| (*r, *r)).collect();
    view! {
        <div class="reg-row">
            <p class="reg-row-title">{format!("监护人 {}", i + 1)}</p>
            <TextField ctx=ctx label="姓名" name=guardian_key(i, "name") value=name on_input=set_name autocomplete="off" />
            <SelectField
                ctx=ctx
                label="与考生关系"
                name=guardian_key(i, "relation")
                value=relation
                on_change=set_relation
                options=relations
            />
            <TextField
                ctx=ctx
                label="手机号"
                name=guardian_key(i, "phone")
                value=phone
                on_input=set_phone
                input_type="tel"
                inputmode="tel"
                placeholder="11 位手机号"
            />
            <button type="button" class="reg-button reg-button-remove" on:click=move |_| remove(ctx, |f| &mut f.guardians, i)>
                "删除这位监护人"
            </button>
        </div>
    }
}

#[component]
pub fn History(ctx: Ctx) -> impl IntoView {
    let count = Memo::new(move |_| ctx.form.with(|f| f.history.len()));
    let add = move || ctx.form.update(|f| f.history.push(HistoryRow::default()));
    let hint = format!(
        "从小学入学写到现在，最新的一段在最上面；年月写成 2015.09，最新一段的结束可写“{UNTIL_NOW}”；下一段从上一段结束的当月或次月开始，中间不留空档、不重叠。"
    );
    row_list(ctx, "学习简历", Some(hint), "history", count, history_row, add, "＋ 添加一段（更早的经历加在下面）")
}

fn history_row(ctx: Ctx, i: usize) -> impl IntoView {
    let (from, set_from) = row_bind!(ctx, history, i, from);
    let (to, set_to) = row_bind!(ctx, history, i, to);
    let (school, set_school) = row_bind!(ctx, history, i, school);
    let (role, set_role) = row_bind!(ctx, history, i, role);
    let (reference, set_reference) = row_bind!(ctx, history, i, reference);
    view! {
        <div class="reg-row">
            <p class="reg-row-title">{format!("第 {} 段", i + 1)}</p>
            <div class="reg-pair">
                <TextField ctx=ctx label="起始年月" name=history_key(i, "from") value=from on_input=set_from placeholder="2015.09" inputmode="decimal" />
                <TextField ctx=ctx label="结束年月" name=history_key(i, "to") value=to on_input=set_to placeholder="2021.07 或 至今" />
            </div>
            <TextField ctx=ctx label="学校全称" name=history_key(i, "school") value=school on_input=set_school />
            <TextField ctx=ctx label="任何职（可不填）" name=history_key(i, "role") value=role on_input=set_role />
            <TextField ctx=ctx label="证明人（一般是班主任）" name=history_key(i, "reference") value=reference on_input=set_reference />
            <button type="button" class="reg-button reg-button-remove" on:click=move |_| remove(ctx, |f| &mut f.history, i)>
                "删除这一段"
            </button>
        </div>
    }
}

/// Removes row `i` if it still exists (a double tap must not remove past the end).
fn remove<T>(ctx: Ctx, list: fn(&mut crate::registration::Registration) -> &mut Vec<T>, i: usize) {
    ctx.form.update(|f| {
        let rows = list(f);
        if i < rows.len() {
            rows.remove(i);
        }
    });
}
