//! The readiness page (`#/ready`, wasm only): `assess` over the app's state, shown as the HTML
//! of `html::readiness_html` (data attributes there).

use super::html::readiness_html;
use super::{Area, Inputs, assess};
use crate::app::checked_files::CheckedFiles;
use crate::app::clock;
use crate::app::state::{RehearsalDone, use_registration_store};
use crate::profile::Profile;
use crate::registration::validate;
use leptos::prelude::*;

#[component]
pub fn ReadinessPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let files = use_context::<CheckedFiles>().unwrap_or_default();
    let store = use_registration_store();
    let rehearsed = use_context::<RehearsalDone>().map(|d| d.0);
    // Retired county codes in ID numbers are checked against this list, as on the info page.
    let codes_ready = crate::app::data_files::use_data_files(vec![&crate::identity::area::HISTORICAL_COUNTY_CODES]);
    let today = clock::shanghai_now().date;
    let html = move || {
        codes_ready.track();
        let profile = profile.get();
        let photo = files.photo.with(|c| c.as_ref().map(|c| c.file.clone()));
        let document = files.document.with(|c| c.as_ref().map(|c| c.file.clone()));
        let readiness = store.form.with(|registration| {
            let messages = validate(registration, profile, today);
            assess(&Inputs {
                profile,
                photo: photo.as_ref(),
                document: document.as_ref(),
                registration,
                messages: &messages,
                password_rehearsed: rehearsed.is_some_and(|r| r.get()),
            })
        });
        let upload_name = |area: Area| {
            let file = if area == Area::Photo { &photo } else { &document };
            file.as_ref().map(|f| f.upload_name().to_owned())
        };
        readiness_html(&readiness, &upload_name)
    };

    view! {
        <h1>"就绪检查"</h1>
        <p class="lead">"上传照片、正式填报之前，把下面每一项处理好。点任一项可到对应页面修改；本页只读取你在本机填写和检查的结果，不上传。"</p>
        <div class="rd-list" inner_html=html></div>
        <p class="rd-next">
            <a class="rd-button" href="#/form">"打开报名信息确认表（打印后核对、签字）"</a>
        </p>
    }
}
