//! `#/class` (班级批量自查): a teacher's roster and the class's files, every file checked with the
//! single pages' checks in a few analysis workers, a row per student, fix all and one ZIP to
//! download. The roster, archives and export run in the class worker (`classroom::worker`); the
//! page's markup is `classroom::html` (strings cost the first page load far less than components),
//! its controls carry `data-action` and one listener per event kind acts on them.

mod client;
mod state;

use crate::classroom::session::RunState;
use crate::classroom::{html, report_view};
use crate::profile::Profile;
use crate::report::Kind;
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use state::{ClassState, use_class};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlInputElement};

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Shows the page in `root` with the rules of profile `profile` (called by the app through
/// `src/bin/lazy_pages.rs`); a page already shown is unmounted first.
pub fn mount(root: web_sys::HtmlElement, profile: &str) {
    unmount();
    let profile = crate::profile::by_id(profile).unwrap_or_else(crate::profile::default_profile);
    let handle = leptos::mount::mount_to(root, move || view! { <ClassPage profile=Signal::stored(profile) /> });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// Removes the page: its cleanups stop the class worker and the extra analysis workers.
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

pub const BROKEN: &str = "班级检查程序没有正常运行（可能是下载中断或浏览器内存不足），请刷新页面后重试。";

#[component]
pub fn ClassPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let class = use_class(profile);
    let problems_only = RwSignal::new(false);
    // The file whose full report is open: its student and kind.
    let open = RwSignal::new(None::<(usize, Kind)>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if target.get_attribute("data-action").as_deref() == Some("kind") {
            return set_kind(class, &target);
        }
        let Ok(input) = target.dyn_into::<HtmlInputElement>() else { return };
        match input.get_attribute("data-action").as_deref() {
            Some("roster") => read_roster(class, &input),
            Some("files") => {
                let files: Vec<web_sys::File> =
                    input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
                input.set_value("");
                if !files.is_empty() {
                    class.add_files(files);
                }
            }
            Some("problems") => problems_only.set(input.checked()),
            _ => {}
        }
    };
    let on_click = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        match target.get_attribute("data-action").as_deref() {
            Some("paste") => class.load_roster(None, value(&target, "details", "textarea")),
            Some("fix") => class.fix_all(),
            Some("cancel") => class.cancel(),
            Some("saved") => class.unsaved.set(false),
            Some("print") => drop(window().print()),
            Some("open") => open.set(opened(&target)),
            Some("close") => open.set(None),
            _ => choose(class, &target),
        }
    };
    // Listeners on the element itself, not Leptos's delegated ones: the app's own wasm delegates
    // events on the same document and would call this module's delegated handlers a second time.
    let page = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(el) = page.get() else { return };
        let change = Closure::<dyn FnMut(leptos::ev::Event)>::new(on_change);
        let click = Closure::<dyn FnMut(leptos::ev::Event)>::new(on_click);
        el.add_event_listener_with_callback("change", change.as_ref().unchecked_ref()).ok();
        el.add_event_listener_with_callback("click", click.as_ref().unchecked_ref()).ok();
        // They live as long as the element: the page is mounted a few times per visit at most.
        change.forget();
        click.forget();
    });
    view! {
        <div class="class-page" node_ref=page>
            // The page's own stylesheet comes with it (index.html copies it, unhashed), not with the
            // first page load of every visitor.
            <link rel="stylesheet" href="./class.css" />
            <h1>"班级批量自查"</h1>
            <p class="lead">"班主任一次检查全班的考生照片和证件照片：选择花名册和家长发来的文件（可多选，也可选 ZIP 压缩包），自动对应到每位学生、逐个检查、一键修复，并按“身份证号.jpg”命名打包下载。所有文件只在本机浏览器里处理。"</p>
            <div inner_html=html::INPUTS></div>
            <div inner_html=move || class.message.with(|m| html::messages(m))></div>
            <div inner_html=move || match class.sorting.get() {
                Some((done, total)) => html::sorting(done, total),
                None => class.queue.with(html::progress),
            }></div>
            <div inner_html=move || class.unused.with(|u| class.rows.with_untracked(|r| html::unused(u, r)))></div>
            <div class="class-table" inner_html=move || class.rows.with(|r| html::table(r, problems_only.get()))></div>
            <div inner_html=move || {
                let panel = |(student, kind)| class.rows.with(|r| r.get(student).map(|row| report_view::panel(row, kind)));
                open.get().and_then(panel).unwrap_or_default()
            }></div>
            <div inner_html=move || {
                let ready = !class.rows.with(Vec::is_empty)
                    && class.sorting.with(Option::is_none)
                    && class.queue.with(|q| q.state() != RunState::Working);
                class.downloads.with(|d| html::export(ready, d.as_ref()))
            }></div>
        </div>
    }
}

fn read_roster(class: ClassState, input: &HtmlInputElement) {
    let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => class.load_roster(Some(Uint8Array::new(&buffer)), None),
            Err(_) => class.message.set(vec!["无法读取花名册文件，请重新选择。".into()]),
        }
    });
}

/// The `value` of the `selector` control inside the clicked element's `container` ancestor.
fn value(target: &Element, container: &str, selector: &str) -> Option<String> {
    let control = target.closest(container).ok()??.query_selector(selector).ok()??;
    Reflect::get(&control, &JsValue::from_str("value")).ok()?.as_string()
}

/// The student and kind a "查看报告" button names.
fn opened(button: &Element) -> Option<(usize, Kind)> {
    let student = button.get_attribute("data-row")?.parse().ok()?;
    let kind = if button.get_attribute("data-kind")? == Kind::Document.as_str() { Kind::Document } else { Kind::Photo };
    Some((student, kind))
}

/// A row's "照片 / 证件" select: the file stays with its student as the chosen kind.
fn set_kind(class: ClassState, select: &Element) {
    let number = |key: &str| select.get_attribute(key).and_then(|v| v.parse().ok());
    let (Some(file), Some(student)) = (number("data-file"), number("data-row")) else { return };
    let value = Reflect::get(select, &JsValue::from_str("value")).ok().and_then(|v| v.as_string());
    class.choose(file, student, if value.as_deref() == Some("document") { Kind::Document } else { Kind::Photo });
}

/// The picker's "指定" beside an unmatched file: its student and kind.
fn choose(class: ClassState, button: &Element) {
    let Some(file) = button.get_attribute("data-choose").and_then(|f| f.parse().ok()) else { return };
    let Some(student) = value(button, "li", "[data-pick=student]").and_then(|s| s.parse().ok()) else { return };
    let document = value(button, "li", "[data-pick=kind]").as_deref() == Some("document");
    class.choose(file, student, if document { Kind::Document } else { Kind::Photo });
}
