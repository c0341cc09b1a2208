//! The class table and the unmatched files, as `classroom::html` renders them; the picker's
//! buttons are handled by one listener on the list.

use super::state::ClassState;
use crate::classroom::html;
use crate::report::Kind;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

#[component]
pub fn Students(class: ClassState) -> impl IntoView {
    let problems_only = RwSignal::new(false);
    view! {
        <label class="class-filter" hidden=move || class.rows.with(Vec::is_empty)>
            <input type="checkbox" on:change=move |ev| problems_only.set(event_target_checked(&ev)) />
            "只看有问题的"
        </label>
        <div class="class-table" inner_html=move || class.rows.with(|r| html::table(r, problems_only.get()))></div>
    }
}

/// The value of the picker `<select data-pick=…>` beside the clicked button.
fn picked(button: &Element, which: &str) -> Option<String> {
    let select = button.closest("li").ok()??.query_selector(&format!("[data-pick={which}]")).ok()??;
    js_sys::Reflect::get(&select, &JsValue::from_str("value")).ok()?.as_string()
}

#[component]
pub fn Unused(class: ClassState) -> impl IntoView {
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(file) = button.get_attribute("data-choose").and_then(|f| f.parse().ok()) else { return };
        let Some(student) = picked(&button, "student").and_then(|s| s.parse().ok()) else { return };
        let kind = if picked(&button, "kind").as_deref() == Some("document") { Kind::Document } else { Kind::Photo };
        class.choose(file, student, kind);
    };
    view! {
        <section class="class-step" hidden=move || class.unused.with(Vec::is_empty)>
            <h2>"未对应的文件"</h2>
            <ul
                class="class-unused"
                on:click=on_click
                inner_html=move || class.unused.with(|u| class.rows.with_untracked(|r| html::unused(u, r)))
            ></ul>
        </section>
    }
}
