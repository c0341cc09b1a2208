//! The class table (one row per roster student, `[data-student]`) with its filter, and the files
//! no student was found for, each with a picker.

use super::kind_label;
use super::state::ClassState;
use crate::classroom::session::{Row, Slot, visible};
use crate::report::Kind;
use leptos::prelude::*;

#[component]
pub fn Students(class: ClassState) -> impl IntoView {
    let problems_only = RwSignal::new(false);
    view! {
        <Show when=move || !class.rows.with(Vec::is_empty)>
            <label class="class-filter">
                <input
                    type="checkbox"
                    data-testid="class-problems-only"
                    prop:checked=move || problems_only.get()
                    on:change=move |ev| problems_only.set(event_target_checked(&ev))
                />
                "只看有问题的"
            </label>
        </Show>
        <div class="class-table">
            {move || {
                class.rows.with(|rows| {
                    visible(rows, problems_only.get())
                        .into_iter()
                        .map(|i| view! { <StudentRow row=rows[i].clone() /> })
                        .collect_view()
                })
            }}
        </div>
    }
}

#[component]
fn StudentRow(row: Row) -> impl IntoView {
    view! {
        <div
            class="class-row"
            class:problem=row.has_problem()
            data-student=row.id.clone()
            data-photo-status=row.photo.status_attr()
            data-document-status=row.document.status_attr()
        >
            <div class="class-who">
                <strong>{row.name.clone()}</strong>
                <span class="class-id">{row.id.clone()}</span>
                {(!row.roster_problem.is_empty())
                    .then(|| view! { <span class="field-error">{row.roster_problem.clone()}</span> })}
            </div>
            <SlotCell cell=row.photo.clone() kind=Kind::Photo />
            <SlotCell cell=row.document.clone() kind=Kind::Document />
        </div>
    }
}

#[component]
fn SlotCell(cell: Slot, kind: Kind) -> impl IntoView {
    let slot = cell;
    let status = slot.status_attr();
    view! {
        <div class="class-slot" data-status=status>
            {slot.thumbnail.clone().map(|src| view! { <img src=src alt="" loading="lazy" decoding="async" /> })}
            <span class="class-kind">{kind_label(kind)}</span>
            <span class="class-line">{slot.line(kind)}</span>
            {slot.file.clone().map(|f| view! { <span class="class-file">{f}</span> })}
        </div>
    }
}

/// Files no student was found for: why, and a picker to give each to a student.
#[component]
pub fn Unused(class: ClassState) -> impl IntoView {
    view! {
        <Show when=move || !class.unused.with(Vec::is_empty)>
            <section class="class-step">
                <h2>"未对应的文件"</h2>
                <ul class="class-unused">
                    {move || {
                        class.unused.get().into_iter().map(|u| view! { <UnusedFile class=class file=u /> }).collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn UnusedFile(class: ClassState, file: super::client::Unused) -> impl IntoView {
    let student = RwSignal::new(String::new());
    let document = RwSignal::new(false);
    let index = file.file;
    let choose = move |_| {
        if let Ok(s) = student.get_untracked().parse::<usize>() {
            class.choose(index, s, if document.get_untracked() { Kind::Document } else { Kind::Photo });
        }
    };
    view! {
        <li data-unmatched-file=file.name.clone()>
            <strong>{file.name.clone()}</strong>
            <span>{file.reason.clone()}</span>
            <select aria-label="学生" on:change=move |ev| student.set(event_target_value(&ev))>
                <option value="">"选择学生"</option>
                {class
                    .rows
                    .get_untracked()
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| view! { <option value=i.to_string()>{format!("{} {}", r.name, r.id)}</option> })
                    .collect_view()}
            </select>
            <select aria-label="类型" on:change=move |ev| document.set(event_target_value(&ev) == "document")>
                <option value="photo">{kind_label(Kind::Photo)}</option>
                <option value="document">{kind_label(Kind::Document)}</option>
            </select>
            <button type="button" on:click=choose>"指定"</button>
        </li>
    }
}
