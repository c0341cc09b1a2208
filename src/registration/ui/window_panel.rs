//! "Which window is mine": the panel for the chosen grade and place, refreshed as time passes.

use super::Ctx;
use crate::profile::{LocalDateTime, Profile};
use crate::registration::window::summarise;
use leptos::prelude::*;

#[component]
pub fn WindowPanel(ctx: Ctx, profile: Signal<&'static Profile>, now: RwSignal<LocalDateTime>) -> impl IntoView {
    let info =
        Memo::new(move |_| ctx.form.with(|f| summarise(profile.get(), &f.grade, &f.registration_place, now.get())));
    move || {
        let p = info.get();
        view! {
            <section class=format!("reg-window reg-window-{}", p.state_name()) data-window-state=p.state_name() aria-live="polite">
                <h2 class="reg-window-title">{p.title}</h2>
                <p>{p.detail}</p>
            </section>
        }
    }
}
