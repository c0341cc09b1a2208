//! `#/class` (班级批量自查): a teacher's roster and the class's files, every file checked with the
//! single pages' checks in a few analysis workers, a row per student, fix all and one ZIP to
//! download. The roster, archives and export run in the class worker (`classroom::worker`), so
//! this page's own code is only the view and the queue.

mod client;
mod state;
mod table;

use crate::profile::Profile;
use js_sys::Uint8Array;
use leptos::prelude::*;
use state::{ClassState, use_class};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

pub const BROKEN: &str = "班级检查程序没有正常运行（可能是下载中断或浏览器内存不足），请刷新页面后重试。";

#[component]
pub fn ClassPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let class = use_class(profile);
    view! {
        <h1>"班级批量自查"</h1>
        <p class="lead">"班主任一次检查全班的考生照片和证件照片：选择花名册和家长发来的文件（可多选，也可选 ZIP 压缩包），自动对应到每位学生、逐个检查、一键修复，并按“身份证号.jpg”命名打包下载。所有文件只在本机浏览器里处理。"</p>
        <RosterInput class=class />
        <FilesInput class=class />
        {move || {
            class.message.get().into_iter().map(|m| view! { <p class="field-error" role="alert">{m}</p> }).collect_view()
        }}
        <Progress class=class />
        <table::Unused class=class />
        <table::Students class=class />
        <Export class=class />
    }
}

/// The roster: a CSV/XLSX file or cells pasted from a spreadsheet.
#[component]
fn RosterInput(class: ClassState) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::browser::first_file(&ev) else { return };
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => class.load_roster(Some(Uint8Array::new(&buffer)), None),
                Err(_) => class.message.set(vec!["无法读取花名册文件，请重新选择。".into()]),
            }
        });
    };
    view! {
        <section class="class-step">
            <h2>"1. 花名册"</h2>
            <p>"CSV（Excel、WPS 另存的均可）或 XLSX，需有“姓名”和“身份证号”两列。"</p>
            <input type="file" accept=".csv,.xlsx,.txt" data-testid="class-roster" on:change=on_file />
            <details>
                <summary>"或从表格中复制粘贴"</summary>
                <textarea
                    rows="4"
                    data-testid="class-roster-text"
                    placeholder="姓名\t身份证号"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <button type="button" on:click=move |_| class.load_roster(None, Some(pasted.get_untracked()))>
                    "使用粘贴的名单"
                </button>
            </details>
        </section>
    }
}

/// The class's files: pictures and ZIP archives, many at once.
#[component]
fn FilesInput(class: ClassState) -> impl IntoView {
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if !files.is_empty() {
            class.add_files(files);
        }
    };
    view! {
        <section class="class-step">
            <h2>"2. 照片和证件照片"</h2>
            <p>"文件名含学生姓名或身份证号即可自动对应（如“张三.jpg”“张三身份证.jpg”），也可放在以姓名命名的文件夹里打包成 ZIP。"</p>
            <input
                type="file"
                multiple
                accept="image/*,.heic,.zip"
                data-testid="class-files"
                disabled=move || class.rows.with(Vec::is_empty)
                on:change=on_files
            />
        </section>
    }
}

/// `[data-testid=class-progress]`: files done of the run, and a cancel button while it works.
#[component]
fn Progress(class: ClassState) -> impl IntoView {
    let q = class.queue;
    view! {
        <div
            class="class-progress"
            data-testid="class-progress"
            data-done=move || q.with(|q| q.done())
            data-total=move || q.with(|q| q.total())
            data-state=move || q.with(|q| q.state().as_str())
        >
            <progress max="100" value=move || q.with(|q| q.percent())></progress>
            <span>{move || q.with(|q| format!("{} / {}", q.done(), q.total()))}</span>
            <button
                type="button"
                hidden=move || q.with(|q| q.state() != crate::classroom::session::RunState::Working)
                on:click=move |_| class.cancel()
            >
                "取消"
            </button>
        </div>
    }
}

/// Fix all, then the ZIP, the CSV and the printable redo list.
#[component]
fn Export(class: ClassState) -> impl IntoView {
    let idle = move || class.queue.with(|q| q.state() != crate::classroom::session::RunState::Working);
    let ready = move || !class.rows.with(Vec::is_empty) && idle();
    view! {
        <section class="class-step">
            <h2>"3. 修复并下载"</h2>
            <button type="button" data-testid="class-fix-all" disabled=move || !ready() on:click=move |_| class.fix_all()>
                "全部修复并打包"
            </button>
            {move || {
                class.downloads.get().map(|d| {
                    let saved = move |_| class.unsaved.set(false);
                    view! {
                        <p class="class-downloads">
                            <a href=d.zip download="班级照片.zip" data-testid="class-download-zip" on:click=saved>
                                "下载 ZIP（照片/、证件/、检查报告.csv）"
                            </a>
                            <a href=d.csv download="检查报告.csv" data-testid="class-download-report">"只下载检查报告.csv"</a>
                            <button type="button" on:click=move |_| { window().print().ok(); }>"打印需重交名单"</button>
                        </p>
                        <ol class="class-redo" data-testid="class-redo">
                            {d.redo.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ol>
                    }
                })
            }}
        </section>
    }
}
