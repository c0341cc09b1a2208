//! "Which window is mine": the panel for the chosen grade and place, refreshed as time passes.

use super::state::Ctx;
use crate::profile::Profile;
use crate::registration::window::summarise;
use leptos::prelude::*;

#[component]
pub fn WindowPanel(ctx: Ctx, profile: Signal<&'static Profile>) -> impl IntoView {
    let info = Memo::new(move |_| {
        ctx.store.form.with(|f| summarise(profile.get(), &f.grade, &f.registration_place, ctx.now.get()))
    });
    move || {
        let p = info.get();
        let state = p.state_name();
        view! {
            <section class=format!("reg-window reg-window-{state}") data-window-state=state aria-live="polite">
                <h2 class="reg-window-title">{p.title}</h2>
                <p>{p.detail}</p>
            </section>
        }
    }
}
