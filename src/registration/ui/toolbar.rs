//! The toolbar: sample, export, import, clear, and whether to keep the form on this device.

use super::state::Ctx;
use crate::app::state::Notice;
use crate::profile::Profile;
use leptos::prelude::*;

#[component]
pub fn Toolbar(ctx: Ctx, profile: Signal<&'static Profile>) -> impl IntoView {
    let import_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let file = input.files().and_then(|list| list.get(0));
        // Lets the same file be chosen again after fixing it.
        input.set_value("");
        if let Some(file) = file {
            ctx.import(file);
        }
    };
    view! {
        <section class="reg-toolbar">
            <button type="button" class="reg-button" on:click=move |_| ctx.load_sample(profile.get_untracked())>
                "填入示例数据"
            </button>
            <button type="button" class="reg-button" on:click=move |_| ctx.export()>"导出为文件"</button>
            <label class="reg-button reg-file">
                "从文件导入"
                <input type="file" name="import_file" accept=".json,application/json" on:change=import_file />
            </label>
            <button type="button" class="reg-button reg-button-remove" on:click=move |_| ctx.clear()>"清除"</button>
            <label class="reg-check">
                <input
                    type="checkbox"
                    name="save_on_device"
                    prop:checked=move || ctx.store.save_on_device.get()
                    on:change=move |ev| ctx.set_save_on_device(event_target_checked(&ev))
                />
                "保存在本设备"
            </label>
            <p class="reg-hint">"不勾选时，信息只在本页面内存里，关闭页面就没了；勾选后保存在这台设备的浏览器里，用公共电脑时请不要勾选。"</p>
            <NoticeLine note=ctx.store.storage_note test_id="storage-message" />
            <NoticeLine note=ctx.import_note test_id="import-message" />
        </section>
    }
}

/// A status line; always present (empty when there is nothing to say) so tests can find it.
#[component]
pub fn NoticeLine(
    /// What to say, if anything.
    #[prop(into)]
    note: Signal<Option<Notice>>,
    /// `data-testid` of the line.
    test_id: &'static str,
) -> impl IntoView {
    move || {
        let (class, text) = match note.get() {
            Some(Notice::Done(t)) => ("reg-notice reg-notice-ok", t),
            Some(Notice::Failed(t)) => ("reg-notice reg-notice-error", t),
            None => ("reg-notice", String::new()),
        };
        view! { <p class=class data-testid=test_id role="status">{text}</p> }
    }
}
