//! The registration rehearsal page (wasm only). All rules live in the pure modules next door;
//! `state` sets the page up, `actions` are its buttons, the rest are views wiring signals to
//! inputs. Everything stays in the browser.

mod actions;
mod basic;
mod field;
mod files;
mod rows;
mod state;
mod summary;
mod toolbar;
mod window_panel;

use crate::profile::Profile;
use crate::registration::sample::SAMPLE_LABEL;
use leptos::prelude::*;

#[component]
pub fn RegistrationPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let ctx = state::use_registration_page(profile);
    view! {
        <div class="reg-page">
            <header class="reg-header">
                <h1>"报名信息预演"</h1>
                {move || ctx.store.sample.get().then(|| view! { <span class="reg-badge" data-testid="sample-badge">{SAMPLE_LABEL}</span> })}
                <p class="reg-hint">
                    "先在这里把基本信息、监护人和学习简历填一遍、查一遍，正式采集时照着填。所有信息只在这个页面里处理，不会上传。这里没有、也不要填任何密码或密保答案。"
                </p>
            </header>
            <window_panel::WindowPanel ctx=ctx profile=profile />
            <toolbar::Toolbar ctx=ctx profile=profile />
            <basic::BasicInfo ctx=ctx />
            <rows::Guardians ctx=ctx />
            <rows::History ctx=ctx />
            <summary::Summary ctx=ctx />
        </div>
    }
}
