//! "Type it again" drill: set a password, the field is cleared, later type it from memory.

use leptos::prelude::*;

use super::super::rehearsal::{Outcome, Rehearsal};
use super::field::SecretInput;
use crate::app::state::RehearsalDone;

#[component]
pub fn RehearsalDrill() -> impl IntoView {
    // The secret lives only in this StoredValue (memory); it is wiped by reset.
    let drill = StoredValue::new(Rehearsal::new());
    let done = use_context::<RehearsalDone>();
    let is_set = RwSignal::new(false);
    let last: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let draft = StoredValue::new(String::new());
    let retyped = StoredValue::new(String::new());
    let set_ref = NodeRef::<leptos::html::Input>::new();
    let again_ref = NodeRef::<leptos::html::Input>::new();
    let clear = |r: NodeRef<leptos::html::Input>| {
        if let Some(el) = r.get() {
            el.set_value("");
        }
    };
    let start = move |_| {
        let pw = draft.with_value(String::clone);
        drill.update_value(|d| d.set(&pw));
        draft.set_value(String::new());
        clear(set_ref);
        is_set.set(drill.with_value(Rehearsal::is_set));
        last.set(None);
    };
    let compare = move |_| {
        let typed = retyped.with_value(String::clone);
        let outcome = drill.try_update_value(|d| d.retype(&typed)).flatten();
        retyped.set_value(String::new());
        clear(again_ref);
        if let (Some(done), Some(true)) = (done, outcome.map(Outcome::is_match)) {
            done.0.set(true);
        }
        last.set(outcome);
    };
    let reset = move |_| {
        drill.update_value(Rehearsal::reset);
        is_set.set(false);
        last.set(None);
    };
    view! {
        <div class="pw-card">
            <h2 class="pw-h3">"记忆练习"</h2>
            <p class="pw-note">"先输入一次，点“记下了”后输入框会清空；过一会儿凭记忆再输一遍，看看是否一致。只在内存里比对，不保存。"</p>
            <Show when=move || !is_set.get()>
                <SecretInput label="第一步：输入要练习的密码" autocomplete="new-password" node_ref=set_ref
                    on_input=move |v: String| draft.set_value(v) />
                <button type="button" class="pw-button" on:click=start>"记下了"</button>
            </Show>
            <Show when=move || is_set.get()>
                <SecretInput label="第二步：凭记忆再输一遍" autocomplete="off" node_ref=again_ref
                    on_input=move |v: String| retyped.set_value(v) />
                <div class="pw-actions">
                    <button type="button" class="pw-button" on:click=compare>"核对"</button>
                    <button type="button" class="pw-button pw-secondary" on:click=reset>"结束练习并清除"</button>
                </div>
            </Show>
            {move || last.get().map(|o| view! {
                <p
                    class=if o.is_match() { "pw-result pw-pass" } else { "pw-result pw-fail" }
                    data-testid="rehearsal-result"
                    data-result=if o.is_match() { "match" } else { "mismatch" }
                >
                    {o.text()}
                </p>
            })}
        </div>
    }
}
