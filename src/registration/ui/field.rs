//! One labelled input or select, bound to the form by its [`FieldKey`], with its messages beside
//! it in `[data-error-for=name][data-severity=error|warning]` (`name` is the key's DOM id).

use super::state::Ctx;
use crate::registration::FieldKey;
use crate::registration::message::Severity;
use leptos::prelude::*;

/// The key's DOM id ("guardians.0.phone"). Read once: a row's position changes only when the row
/// list does, and then the rows are built again.
fn dom_name(ctx: Ctx, key: FieldKey) -> String {
    ctx.store.form.with_untracked(|f| key.as_dom_id(f))
}

/// The field's text, and a callback that writes it and marks the field as touched. A row that
/// has gone (removed meanwhile) reads as empty and ignores writes.
fn bind(ctx: Ctx, key: FieldKey) -> (Signal<String>, impl Fn(String) + Copy + 'static) {
    let value = Signal::derive(move || ctx.store.form.with(|f| f.text(key).unwrap_or_default().to_owned()));
    let write = move |v: String| {
        ctx.store.form.update(|f| {
            if let Some(text) = f.text_mut(key) {
                *text = v;
            }
        });
        ctx.touch(key);
    };
    (value, write)
}

/// The messages for `key`, once it was touched or "检查全部" was pressed.
#[component]
pub fn FieldNote(
    ctx: Ctx,
    /// The field, or a list as a whole (e.g. "at least one guardian").
    #[prop(into)]
    key: FieldKey,
) -> impl IntoView {
    let note = Memo::new(move |_| {
        let show_all = ctx.show_all.get();
        ctx.touched.with(|touched| {
            ctx.messages.with(|all| {
                let found = touched.shown(all, key, show_all);
                let severity = found.first()?.severity;
                Some((severity, found.iter().map(|m| m.text.clone()).collect::<Vec<_>>()))
            })
        })
    });
    let name = dom_name(ctx, key);
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
fn FieldShell(ctx: Ctx, label: &'static str, key: FieldKey, id: String, children: Children) -> impl IntoView {
    view! {
        <div class="reg-field">
            <label class="reg-label" for=id>{label}</label>
            {children()}
            <FieldNote ctx=ctx key=key />
        </div>
    }
}

/// The element id for the label's `for`: "reg-guardians-0-phone".
fn element_id(name: &str) -> String {
    format!("reg-{}", name.replace('.', "-"))
}

/// A text input.
#[component]
pub fn TextField(
    ctx: Ctx,
    label: &'static str,
    /// The field it edits.
    #[prop(into)]
    key: FieldKey,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// The input's `type`: "text" or "tel".
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let (value, write) = bind(ctx, key);
    let name = dom_name(ctx, key);
    let id = element_id(&name);
    view! {
        <FieldShell ctx=ctx label=label key=key id=id.clone()>
            <input
                class="reg-input"
                id=id
                name=name
                type=input_type
                placeholder=placeholder
                inputmode=inputmode
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| write(event_target_value(&ev))
            />
        </FieldShell>
    }
}

/// A select with a "请选择" first option.
#[component]
pub fn SelectField(
    ctx: Ctx,
    label: &'static str,
    /// The field it edits (its text is the chosen option's value).
    #[prop(into)]
    key: FieldKey,
    /// (value, text)
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let (value, write) = bind(ctx, key);
    let name = dom_name(ctx, key);
    let id = element_id(&name);
    view! {
        <FieldShell ctx=ctx label=label key=key id=id.clone()>
            <select class="reg-input" id=id name=name on:change=move |ev| write(event_target_value(&ev))>
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
