//! Which marks the picture shows. By default only the marks of rows that did not pass (style/main.css
//! hides `g.status-pass`), so the few that explain the verdict are not lost among twenty; "显示全部标注"
//! brings the rest back, and a row's "在图上标出" shows that row's marks alone.
//!
//! The marks are SVG made by the worker (`photo::svg::marks_svg`, one `<g data-mark=id>` per mark),
//! so the highlight is a stylesheet rule on that attribute rather than a re-render of the SVG.

use crate::report::CheckId;
use leptos::prelude::*;

/// Shared by a page's rows and its pictures (provided by `CheckAndFix`).
#[derive(Clone, Copy)]
pub struct MarksHighlight {
    /// The row whose marks are shown alone, if any.
    pub focus: RwSignal<Option<CheckId>>,
    /// Show the marks of passed rows too.
    pub show_all: RwSignal<bool>,
}

pub fn provide_marks_highlight() -> MarksHighlight {
    let h = MarksHighlight { focus: RwSignal::new(None), show_all: RwSignal::new(false) };
    provide_context(h);
    h
}

/// Only content and card checks draw marks; file rules have nothing to point at.
fn has_marks(id: CheckId) -> bool {
    id.is_content() || CheckId::CARD.contains(&id)
}

/// "在图上标出": shows this row's marks alone (again: all of them). Nothing for a row without marks
/// or on a page without pictures.
#[component]
pub fn LocateButton(id: CheckId) -> impl IntoView {
    let h = use_context::<MarksHighlight>().filter(|_| has_marks(id))?;
    let on = move || h.focus.get() == Some(id);
    Some(view! {
        <button
            type="button"
            class="locate"
            data-for=id.as_str()
            aria-pressed=move || on().to_string()
            on:click=move |_| h.focus.update(|f| *f = if *f == Some(id) { None } else { Some(id) })
        >
            {move || if on() { "取消标出" } else { "在图上标出" }}
        </button>
    })
}

/// The toggle under a picture, and the stylesheet rules: a row's button shows only when the
/// picture has marks of that row (the analysis decides which checks draw), and the focused row's
/// marks are shown alone.
#[component]
pub fn MarksControls() -> impl IntoView {
    let h = use_context::<MarksHighlight>()?;
    let rule = move || {
        let mut css: String = CheckId::ALL
            .iter()
            .filter(|id| has_marks(**id))
            .map(|id| {
                let id = id.as_str();
                format!(
                    ".check-and-fix:not(:has(g[data-mark=\"{id}\"])) .locate[data-for=\"{id}\"] {{ display: none; }}"
                )
            })
            .collect();
        if let Some(id) = h.focus.get() {
            let id = id.as_str();
            css.push_str(&format!(
                ".marks-overlay g.mark {{ display: none !important; }} .marks-overlay g.mark[data-mark=\"{id}\"] {{ display: inline !important; }}"
            ));
        }
        css
    };
    Some(view! {
        <style>{rule}</style>
        <label class="marks-toggle">
            <input type="checkbox" prop:checked=move || h.show_all.get()
                on:change=move |ev| h.show_all.set(event_target_checked(&ev)) />
            "显示全部标注（含已通过的）"
        </label>
    })
}
