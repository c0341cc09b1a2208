//! One labelled input or select with its message beside it. Messages are keyed by the input's
//! `name`, shown in `[data-error-for=name][data-severity=error|warning]`.

use super::Ctx;
use crate::registration::message::{Severity, for_field};
use leptos::prelude::*;

/// `(value, setter)` for a top-level text field of the form: `bind!(ctx, name)`.
macro_rules! bind {
    ($ctx:expr, $field:ident) => {{
        let ctx = $ctx;
        (
            Signal::derive(move || ctx.form.with(|f| f.$field.clone())),
            Callback::new(move |v: String| ctx.form.update(|f| f.$field = v)),
        )
    }};
}

/// `(value, setter)` for a field of row `i` of a list: `row_bind!(ctx, guardians, i, phone)`.
/// A row that has gone (removed meanwhile) reads as empty and ignores writes.
macro_rules! row_bind {
    ($ctx:expr, $list:ident, $i:expr, $field:ident) => {{
        let (ctx, i) = ($ctx, $i);
        (
            Signal::derive(move || ctx.form.with(|f| f.$list.get(i).map(|r| r.$field.clone()).unwrap_or_default())),
            Callback::new(move |v: String| {
                ctx.form.update(|f| {
                    if let Some(r) = f.$list.get_mut(i) {
                        r.$field = v;
                    }
                })
            }),
        )
    }};
}

pub(crate) use {bind, row_bind};

fn element_id(name: &str) -> String {
    format!("reg-{}", name.replace('.', "-"))
}

/// The messages for `name`, once the field was touched or "检查全部" was pressed.
#[component]
pub fn FieldNote(ctx: Ctx, #[prop(into)] name: String) -> impl IntoView {
    let key = name.clone();
    let note = Memo::new(move |_| {
        if !(ctx.show_all.get() || ctx.touched.with(|t| t.contains(&key))) {
            return None;
        }
        ctx.messages.with(|all| {
            let found = for_field(all, &key);
            let severity = found.first()?.severity;
            Some((severity, found.iter().map(|m| m.text.clone()).collect::<Vec<_>>()))
        })
    });
    move || {
        note.get().map(|(severity, texts)| {
            let (class, icon) = match severity {
                Severity::Error => ("reg-note reg-note-error", "✗ "),
                Severity::Warning => ("reg-note reg-note-warning", "! "),
            };
            view! {
                <div class=class data-error-for=name.clone() data-severity=severity.as_str() role="status">
                    {texts.into_iter().map(|t| view! { <p>{icon}{t}</p> }).collect_view()}
                </div>
            }
        })
    }
}

/// Label, control and message: the frame every field shares.
#[component]
fn FieldShell(ctx: Ctx, label: &'static str, name: String, children: Children) -> impl IntoView {
    view! {
        <div class="reg-field">
            <label class="reg-label" for=element_id(&name)>{label}</label>
            {children()}
            <FieldNote ctx=ctx name=name />
        </div>
    }
}

#[component]
pub fn TextField(
    ctx: Ctx,
    label: &'static str,
    #[prop(into)] name: String,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let (id, touched_name) = (element_id(&name), name.clone());
    view! {
        <FieldShell ctx=ctx label=label name=name.clone()>
            <input
                class="reg-input"
                id=id.clone()
                name=name.clone()
                type=input_type
                placeholder=placeholder
                inputmode=inputmode
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| {
                    on_input.run(event_target_value(&ev));
                    ctx.touch(&touched_name);
                }
            />
        </FieldShell>
    }
}

#[component]
pub fn SelectField(
    ctx: Ctx,
    label: &'static str,
    #[prop(into)] name: String,
    value: Signal<String>,
    on_change: Callback<String>,
    /// (value, text)
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let (id, touched_name) = (element_id(&name), name.clone());
    view! {
        <FieldShell ctx=ctx label=label name=name.clone()>
            <select
                class="reg-input"
                id=id.clone()
                name=name.clone()
                on:change=move |ev| {
                    on_change.run(event_target_value(&ev));
                    ctx.touch(&touched_name);
                }
            >
                <option value="" prop:selected=move || value.get().is_empty()>"请选择"</option>
                {options
                    .iter()
                    .map(|(code, text)| {
                        let code = *code;
                        view! {
                            <option value=code prop:selected=move || value.get() == code>
                                {*text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </FieldShell>
    }
}
