//! The web app shell: header, rule-profile picker, navigation by URL hash; and what the feature
//! pages share: state that outlives a page (`state`, `checked_files`), hooks, widgets and browser
//! glue. Feature pages live beside their pure core (`photo::ui`, `document::ui`) and use only
//! these shared parts, never each other, so imports run one way: shell → pages → shared → core.

pub mod analysis;
pub mod browser;
pub mod checked_files;
pub mod clock;
pub mod data_files;
mod device_storage;
mod home;
pub mod hooks;
mod lazy_page;
mod offline;
pub mod panic_overlay;
mod route;
mod service_worker;
pub mod state;
pub mod widgets;

use crate::profile::{self, Profile};
use lazy_page::{LazyPage, LazyPageView};
use leptos::prelude::*;
use route::{Route, use_hash_route};

/// The rule profile in use, shared by every page.
#[derive(Clone, Copy)]
pub struct ProfileContext(pub RwSignal<&'static Profile>);

#[component]
pub fn App() -> impl IntoView {
    let profile = RwSignal::new(profile::default_profile());
    provide_context(ProfileContext(profile));
    let route = use_hash_route();
    let profile_signal = Signal::from(profile);
    // Registration data lives as long as the app, so changing pages loses nothing.
    let registration = state::RegistrationStore::load();
    provide_context(registration);
    // The photo and document results and the password-rehearsal flag, for readiness and the form.
    provide_context(checked_files::CheckedFiles::new());
    provide_context(state::RehearsalDone(RwSignal::new(false)));
    let password_context =
        Signal::derive(move || registration.form.with(|r| Some(crate::password::PersonalContext::from(r))));
    let sw = service_worker::use_service_worker();

    view! {
        <offline::UpdateBanner sw=sw />
        <header class="app-header">
            <a class="app-title" href="#/">"中招报名自查助手"</a>
            <ProfilePicker profile=profile />
        </header>
        <nav class="app-nav" aria-label="功能">
            {Route::ALL
                .iter()
                .filter(|r| r.in_nav())
                .map(|r| {
                    let r = *r;
                    view! {
                        <a href=r.href() class:active=move || route.get() == r aria-current=move || (route.get() == r).then_some("page")>
                            {r.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <main class="app-main">
            {move || match route.get() {
                Route::Home => view! { <home::HomePage profile=profile_signal /> }.into_any(),
                Route::Photo => view! { <crate::photo::ui::PhotoPage profile=profile_signal /> }.into_any(),
                Route::Document => view! { <crate::document::ui::DocumentPage profile=profile_signal /> }.into_any(),
                Route::Registration => {
                    view! { <crate::registration::ui::RegistrationPage profile=profile_signal /> }.into_any()
                }
                Route::Password => {
                    view! { <crate::password::ui::PasswordPage profile=profile_signal context=password_context /> }
                        .into_any()
                }
                Route::Ready => view! { <crate::readiness::ui::ReadinessPage profile=profile_signal /> }.into_any(),
                Route::Form => {
                    view! { <crate::confirmation::ui::ConfirmationPage profile=profile_signal /> }.into_any()
                }
                Route::Class => view! { <LazyPageView page=LazyPage::Class profile=profile_signal /> }.into_any(),
                Route::Camera => view! { <LazyPageView page=LazyPage::Camera profile=profile_signal /> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            <offline::OfflinePanel sw=sw />
            "本工具完全在浏览器中运行，不上传、不联网、不收集任何信息。结果仅供自查，以当地教育部门和报名平台的要求为准。"
        </footer>
    }
}

/// Picks the rule profile (year and place). `select[name=profile]`.
#[component]
fn ProfilePicker(profile: RwSignal<&'static Profile>) -> impl IntoView {
    view! {
        <label class="profile-picker">
            <span>"规则："</span>
            <select
                name="profile"
                on:change=move |ev| {
                    if let Some(p) = profile::by_id(&event_target_value(&ev)) {
                        profile.set(p);
                    }
                }
            >
                {profile::all()
                    .iter()
                    .map(|p| {
                        let id = p.id.clone();
                        let selected = move || profile.get().id == id;
                        view! { <option value=p.id.clone() selected=selected>{p.name.clone()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
