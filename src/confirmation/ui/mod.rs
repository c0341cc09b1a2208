//! The confirmation-form page (`#/form`, wasm only): a toolbar for the screen and the A4 sheet
//! (`super::sheet`, set as inner HTML) that prints. Print layout is `style/confirmation.css`.

use super::sheet::sheet_html;
use super::{REHEARSAL_MARK, build};
use crate::app::browser;
use crate::app::checked_files::CheckedFiles;
use crate::app::clock;
use crate::app::hooks::use_object_url;
use crate::app::state::use_registration_store;
use crate::profile::Profile;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let files = use_context::<CheckedFiles>().unwrap_or_default();
    let store = use_registration_store();
    let today = clock::shanghai_now().date;

    // The photo to print: the file to upload (fixed if a fix was made), unless it still fails.
    let photo_url = use_object_url(move || {
        files.photo.with(|c| c.as_ref().filter(|c| c.printable()).and_then(|c| browser::blob(&c.bytes, "image/jpeg")))
    });
    let form = Memo::new(move |_| {
        let has_photo = photo_url.with(Option::is_some);
        store.form.with(|r| build(r, profile.get(), today, has_photo))
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            w.print().ok();
        }
    };

    view! {
        <section class="cf-toolbar no-print">
            <h1>"报名信息确认表"</h1>
            <p>
                "下面的表按你在本工具里填写和检查的内容自动生成，"<strong>{REHEARSAL_MARK}</strong>
                "。打印（或另存为 PDF）后，考生和监护人对照身份证和照片逐项核对，无误打 ✓ 并签字。正式报名表以报名平台打印的为准，签字确认后任何人不得更改。"
            </p>
            <div class="cf-actions">
                <button type="button" class="cf-button" data-testid="print" on:click=print>"打印 / 另存为 PDF"</button>
                <a class="cf-button cf-secondary" href="#/ready">"返回就绪检查"</a>
            </div>
            {move || {
                form.with(|f| {
                    (!f.missing.is_empty()).then(|| {
                        view! {
                            <p class="cf-missing" data-testid="form-missing">
                                {format!("还没有的内容在表上留空（{}），可以回去补上：", f.missing.join("、"))}
                                <a href="#/info">"报名信息"</a>" · "<a href="#/photo">"考生照片"</a>
                            </p>
                        }
                    })
                })
            }}
        </section>
        <div
            class="cf-sheet-host"
            inner_html=move || form.with(|f| sheet_html(f, photo_url.get().as_deref(), store.sample.get()))
        ></div>
    }
}
