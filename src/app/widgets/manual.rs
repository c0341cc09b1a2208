//! Confirming `manual` checks: a picture of what is meant and a tick box, on pages that provide
//! [`ManualConfirmations`] (the photo).

use crate::report::CheckId;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The ids the person confirmed, and a picture of what is meant for each id.
#[derive(Clone, Copy)]
pub struct ManualConfirmations {
    pub confirmed: RwSignal<BTreeSet<CheckId>>,
    pub illustrate: fn(CheckId) -> Option<AnyView>,
}

/// Nothing on a page without [`ManualConfirmations`].
#[component]
pub fn ManualConfirm(
    /// The check: `data-confirm`.
    id: CheckId,
    /// Whether it is confirmed now.
    confirmed: bool,
) -> impl IntoView {
    use_context::<ManualConfirmations>().map(|m| {
        let on_change = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            m.confirmed.update(|set| {
                if on {
                    set.insert(id);
                } else {
                    set.remove(&id);
                }
            });
        };
        view! {
            <div class="manual-confirm">
                {(m.illustrate)(id)}
                <label class="confirm-toggle">
                    <input type="checkbox" data-testid="confirm-manual" data-confirm=id.as_str()
                        prop:checked=confirmed on:change=on_change />
                    "已对照照片核对，符合要求"
                </label>
            </div>
        }
    })
}
