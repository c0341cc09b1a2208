//! The pages few visits need (`#/class`, `#/camera`) from the app's side: they are one wasm of
//! their own (`src/bin/lazy_pages.rs`, no-modules glue), loaded on the first visit of either route
//! by a same-origin script, so none of their code is in the first page load. The app gives the
//! page an element and the profile, and takes the page away when the route is left.

use crate::profile::Profile;
use js_sys::{Function, Object, Promise, Reflect};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const SCRIPT: &str = "./lazy_pages.js";
const WASM: &str = "./lazy_pages_bg.wasm";
const HANDOVER: &str = "./lazy-pages-glue.js";
const GLUE: &str = "lazyPagesGlue";
const FAILED: &str = "页面没有加载成功（可能是网络中断），请刷新页面后重试。";

/// Which page of the lazily loaded wasm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LazyPage {
    Class,
    Camera,
}

impl LazyPage {
    fn name(self) -> &'static str {
        match self {
            LazyPage::Class => "class",
            LazyPage::Camera => "camera",
        }
    }
}

/// A same-origin script, run once it has loaded.
async fn script(src: &str) -> Result<(), JsValue> {
    let script: web_sys::HtmlElement = document().create_element("script")?.unchecked_into();
    script.set_attribute("src", src)?;
    let loaded = Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    document().head().ok_or(FAILED)?.append_child(&script)?;
    JsFuture::from(loaded).await.map(drop)
}

/// The glue's `wasm_bindgen` (its exports are properties of it) once the wasm runs; handed over
/// as `lazyPagesGlue` by public/lazy-pages-glue.js.
async fn load() -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let glue = Reflect::get(&global, &GLUE.into())?;
    if Reflect::get(&glue, &"mount_class".into()).is_ok_and(|f| f.is_function()) {
        return Ok(glue);
    }
    if !glue.is_function() {
        script(SCRIPT).await?;
        script(HANDOVER).await?;
    }
    let init: Function = Reflect::get(&global, &GLUE.into())?.dyn_into()?;
    let options = Object::new();
    Reflect::set(&options, &"module_or_path".into(), &WASM.into())?;
    JsFuture::from(init.call1(&JsValue::NULL, &options)?.dyn_into::<Promise>()?).await?;
    Ok(init.into())
}

fn call(glue: &JsValue, name: &str, args: &[JsValue]) {
    if let Ok(f) = Reflect::get(glue, &name.into()).and_then(|f| f.dyn_into::<Function>()) {
        f.apply(&JsValue::NULL, &args.iter().collect()).ok();
    }
}

#[component]
pub fn LazyPageView(page: LazyPage, #[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let root = NodeRef::<Div>::new();
    let failed = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(el) = root.get() else { return };
        let id = profile.get().id.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match load().await {
                Ok(glue) => call(&glue, &format!("mount_{}", page.name()), &[el.into(), id.into()]),
                Err(_) => failed.set(true),
            }
        });
    });
    on_cleanup(move || {
        if let Ok(glue) = Reflect::get(&js_sys::global(), &GLUE.into()) {
            call(&glue, &format!("unmount_{}", page.name()), &[]);
        }
    });
    view! {
        <div node_ref=root data-testid=format!("{}-root", page.name())></div>
        {move || failed.get().then(|| view! { <p class="field-error" role="alert">{FAILED}</p> })}
    }
}
