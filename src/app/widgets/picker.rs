//! The file input, styled as a big button (phones offer the camera or the album). Opening it
//! starts the analysis worker that checks every file picked here, and for a photo the face
//! models, while the parent is still choosing (`photo::worker::warm`).

use crate::app::browser;
use crate::report::Kind;
use leptos::prelude::*;

#[component]
pub fn FilePicker(
    /// Photo or document: the caption and `data-testid="{kind}-input"`.
    kind: Kind,
    /// Called with the picked file.
    #[prop(into)]
    on_file: Callback<web_sys::File>,
) -> impl IntoView {
    let input_id = format!("{}-input", kind.as_str());
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = browser::first_file(&ev) {
            on_file.run(file);
        }
    };
    view! {
        <section class="picker">
            <label class="picker-button" for=input_id.clone()>
                {format!("选择{}文件", kind.label())}
                <small>"（手机可直接拍照或从相册选择）"</small>
            </label>
            <input
                id=input_id.clone()
                type="file"
                accept="image/*,.jpg,.jpeg,.png,.heic"
                data-testid=input_id
                // A click on the input or its label opens the chooser.
                on:click=move |_| crate::app::analysis::worker_client::warm(kind == Kind::Photo)
                on:change=on_change
            />
            <p class="privacy-note">"文件只在你的浏览器里读取，不会上传。"</p>
        </section>
    }
}
