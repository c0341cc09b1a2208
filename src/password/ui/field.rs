//! A password-type input with a show/hide toggle. Uncontrolled: it reports what is typed and never
//! writes it back into the DOM.

use leptos::prelude::*;

#[component]
pub fn SecretInput(
    /// Visible label.
    label: &'static str,
    /// "off" for checks, "new-password" where the browser may offer to generate one.
    autocomplete: &'static str,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    view! {
        <label class="pw-field">
            <span class="pw-label">{label}</span>
            <span class="pw-input-row">
                <input
                    class="pw-input"
                    node_ref=node_ref
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="off"
                    spellcheck="false"
                    data-testid=testid
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="pw-toggle"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "隐藏" } else { "显示" }}
                </button>
            </span>
        </label>
    }
}
