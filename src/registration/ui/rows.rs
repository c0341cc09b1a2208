//! The repeatable parts of the form: guardians and study-history rows, each addable and removable.
//! A row's fields are keyed by its `RowId`, so removing a row leaves the others' state alone.

use super::field::{FieldNote, SelectField, TextField};
use super::state::Ctx;
use crate::registration::history::UNTIL_NOW;
use crate::registration::model::{GUARDIAN_RELATIONS, Guardian, HistoryRow};
use crate::registration::{FieldKey, GuardianField, HistoryField, RowId};
use leptos::prelude::*;

#[component]
pub fn Guardians(ctx: Ctx) -> impl IntoView {
    let rows = Memo::new(move |_| ctx.store.form.with(|f| f.guardians.iter().map(|g| g.id).collect::<Vec<_>>()));
    let add = move || ctx.store.form.update(|f| f.guardians.push(Guardian::default()));
    let list = RowList { legend: "监护人", hint: None, key: FieldKey::Guardians, add_label: "＋ 添加监护人" };
    list.view(ctx, rows, guardian_row, add)
}

#[component]
pub fn History(ctx: Ctx) -> impl IntoView {
    let rows = Memo::new(move |_| ctx.store.form.with(|f| f.history.iter().map(|h| h.id).collect::<Vec<_>>()));
    let add = move || ctx.store.form.update(|f| f.history.push(HistoryRow::default()));
    let hint = format!(
        "从小学入学写到现在，最新的一段在最上面；年月写成 2015.09，最新一段的结束可写“{UNTIL_NOW}”；下一段从上一段结束的当月或次月开始，中间不留空档、不重叠。"
    );
    let list = RowList {
        legend: "学习简历",
        hint: Some(hint),
        key: FieldKey::History,
        add_label: "＋ 添加一段（更早的经历加在下面）",
    };
    list.view(ctx, rows, history_row, add)
}

/// A fieldset of rows with its list-level message and an add button.
struct RowList {
    legend: &'static str,
    hint: Option<String>,
    /// The list as a whole, for its own message.
    key: FieldKey,
    add_label: &'static str,
}

impl RowList {
    /// Rows are built again only when the list of row ids changes (a row added, removed, or a
    /// form loaded), so typing keeps the focus. `row(ctx, position, id)` builds one row.
    fn view<V: IntoView + 'static>(
        self,
        ctx: Ctx,
        rows: Memo<Vec<RowId>>,
        row: fn(Ctx, usize, RowId) -> V,
        add: impl Fn() + 'static,
    ) -> impl IntoView {
        let RowList { legend, hint, key, add_label } = self;
        view! {
            <fieldset class="reg-group">
                <legend>{legend}</legend>
                {hint.map(|h| view! { <p class="reg-hint">{h}</p> })}
                <FieldNote ctx=ctx key=key />
                {move || rows.get().into_iter().enumerate().map(|(i, id)| row(ctx, i, id)).collect_view()}
                <button type="button" class="reg-button" on:click=move |_| add()>
                    {add_label}
                </button>
            </fieldset>
        }
    }
}

fn guardian_row(ctx: Ctx, i: usize, row: RowId) -> impl IntoView {
    let key = move |field| FieldKey::Guardian { row, field };
    let relations: Vec<(&'static str, &'static str)> = GUARDIAN_RELATIONS.iter().map(|r| (*r, *r)).collect();
    view! {
        <div class="reg-row">
            <p class="reg-row-title">{format!("监护人 {}", i + 1)}</p>
            <TextField ctx=ctx label="姓名" key=key(GuardianField::Name) autocomplete="off" />
            <SelectField ctx=ctx label="与考生关系" key=key(GuardianField::Relation) options=relations />
            <TextField
                ctx=ctx
                label="手机号"
                key=key(GuardianField::Phone)
                input_type="tel"
                inputmode="tel"
                placeholder="11 位手机号"
            />
            <button type="button" class="reg-button reg-button-remove" on:click=move |_| ctx.store.form.update(|f| f.remove_guardian(row))>
                "删除这位监护人"
            </button>
        </div>
    }
}

fn history_row(ctx: Ctx, i: usize, row: RowId) -> impl IntoView {
    let key = move |field| FieldKey::HistoryRow { row, field };
    view! {
        <div class="reg-row">
            <p class="reg-row-title">{format!("第 {} 段", i + 1)}</p>
            <div class="reg-pair">
                <TextField ctx=ctx label="起始年月" key=key(HistoryField::From) placeholder="2015.09" inputmode="decimal" />
                <TextField ctx=ctx label="结束年月" key=key(HistoryField::To) placeholder="2021.07 或 至今" />
            </div>
            <TextField ctx=ctx label="学校全称" key=key(HistoryField::School) />
            <TextField ctx=ctx label="任何职（可不填）" key=key(HistoryField::Role) />
            <TextField ctx=ctx label="证明人（一般是班主任）" key=key(HistoryField::Reference) />
            <button type="button" class="reg-button reg-button-remove" on:click=move |_| ctx.store.form.update(|f| f.remove_history(row))>
                "删除这一段"
            </button>
        </div>
    }
}
