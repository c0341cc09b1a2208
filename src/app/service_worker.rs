//! The page's side of the service worker (`public/sw.js`): registers it, follows how much of the
//! site it stored (`crate::offline` says it in words), asks it to store the face files, and
//! notices a new deployment waiting to take over. The few browser APIs used are bound here
//! directly, so no web-sys features are added for them.

use crate::offline::{FaceFiles, OfflineState};
use js_sys::{Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::EventTarget;

/// Next to index.html, so its scope is the folder the site is served from.
const SCRIPT: &str = "./sw.js";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = EventTarget, js_name = ServiceWorkerContainer)]
    #[derive(Clone)]
    type Container;
    #[wasm_bindgen(method)]
    fn register(this: &Container, url: &str) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Container) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, getter)]
    fn ready(this: &Container) -> Promise;

    #[wasm_bindgen(extends = EventTarget, js_name = ServiceWorkerRegistration)]
    #[derive(Clone)]
    type Registration;
    #[wasm_bindgen(method, getter)]
    fn installing(this: &Registration) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, getter)]
    fn waiting(this: &Registration) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, getter)]
    fn active(this: &Registration) -> Option<ServiceWorker>;

    #[wasm_bindgen(extends = EventTarget, js_name = ServiceWorker)]
    #[derive(Clone)]
    type ServiceWorker;
    #[wasm_bindgen(method, getter)]
    fn state(this: &ServiceWorker) -> String;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &ServiceWorker, message: &JsValue);
}

/// An event listener removed when dropped.
struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn FnMut(JsValue)>,
}

impl Listener {
    fn new(target: &EventTarget, name: &'static str, callback: impl FnMut(JsValue) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(JsValue)>::new(callback);
        target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref()).ok();
        Listener { target: target.clone(), name, callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.target.remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref()).ok();
    }
}

/// The service worker as the page sees it.
#[derive(Clone, Copy)]
pub struct ServiceWorkerState {
    pub offline: RwSignal<OfflineState>,
    /// A new version is installed and waiting, or already took over another tab.
    pub update: RwSignal<bool>,
    registration: StoredValue<Option<Registration>, LocalStorage>,
    /// Set when the visitor asked for the new version: its takeover then reloads the page.
    reload_on_takeover: StoredValue<bool>,
}

impl ServiceWorkerState {
    /// "离线也能用": the active worker stores every face file and reports after each one.
    pub fn download_face_files(&self) {
        let Some(active) = self.registration.with_value(|r| r.as_ref().and_then(Registration::active)) else { return };
        self.offline.update(|s| *s = OfflineState::Downloading(current_files(s)));
        active.post_message(&message("cache-face"));
    }

    /// "有新版本，点此刷新": lets the waiting version take over (its takeover reloads the page),
    /// or reloads at once if it already did.
    pub fn apply_update(&self) {
        match self.registration.with_value(|r| r.as_ref().and_then(Registration::waiting)) {
            Some(waiting) => {
                self.reload_on_takeover.set_value(true);
                waiting.post_message(&message("skip-waiting"));
            }
            None => reload(),
        }
    }
}

fn current_files(state: &OfflineState) -> FaceFiles {
    match state {
        OfflineState::Stored(f) | OfflineState::Downloading(f) => *f,
        _ => FaceFiles::default(),
    }
}

fn message(kind: &str) -> JsValue {
    let m = Object::new();
    Reflect::set(&m, &"type".into(), &kind.into()).ok();
    m.into()
}

fn reload() {
    if let Some(w) = web_sys::window() {
        w.location().reload().ok();
    }
}

fn container() -> Option<Container> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let container = Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    container.dyn_into::<Container>().ok()
}

/// Registers the service worker once the app runs and follows it for as long as the app lives.
pub fn use_service_worker() -> ServiceWorkerState {
    let state = ServiceWorkerState {
        offline: RwSignal::new(OfflineState::Preparing),
        update: RwSignal::new(false),
        registration: StoredValue::new_local(None),
        reload_on_takeover: StoredValue::new(false),
    };
    let Some(container) = container() else {
        state.offline.set(OfflineState::Unsupported);
        return state;
    };
    // A page that started without a worker is taken over by the first one: that is not an update.
    let had_controller = container.controller().is_some();
    let listeners = StoredValue::new_local(Vec::<Listener>::new());
    on_cleanup(move || listeners.dispose());
    let keep = move |l: Listener| listeners.update_value(|v| v.push(l));

    keep(Listener::new(&container, "message", move |event| on_message(state, &event)));
    keep(Listener::new(&container, "controllerchange", move |_| {
        if state.reload_on_takeover.get_value() {
            reload();
        } else if had_controller {
            state.update.set(true);
        }
    }));

    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register(SCRIPT)).await else {
            state.offline.set(OfflineState::Unsupported);
            return;
        };
        let registration: Registration = registration.unchecked_into();
        let waiting_update = move |r: &Registration| had_controller && r.waiting().is_some();
        if waiting_update(&registration) {
            state.update.set(true);
        }
        let watched = registration.clone();
        keep(Listener::new(&registration, "updatefound", move |_| {
            let Some(installing) = watched.installing() else { return };
            let this = installing.clone();
            let registration = watched.clone();
            keep(Listener::new(&installing, "statechange", move |_| {
                if this.state() == "installed" && waiting_update(&registration) {
                    state.update.set(true);
                }
            }));
        }));
        state.registration.set_value(Some(registration));
        // Ready = a worker of this site is active, so the pages are stored; ask how far the face files are.
        if let Ok(ready) = JsFuture::from(container.ready()).await
            && let Some(active) = ready.unchecked_into::<Registration>().active()
        {
            active.post_message(&message("status"));
        }
    });
    state
}

/// `{type: "status", face: {done, total, bytes, totalBytes}}` or `{type: "face-error"}` from public/sw.js.
fn on_message(state: ServiceWorkerState, event: &JsValue) {
    let Some(data) = Reflect::get(event, &"data".into()).ok() else { return };
    let kind = Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
    match kind.as_str() {
        "status" => {
            let Some(face) = Reflect::get(&data, &"face".into()).ok().filter(|f| f.is_object()) else { return };
            let number = |key: &str| Reflect::get(&face, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            let files = FaceFiles {
                done: number("done") as u32,
                total: number("total") as u32,
                bytes: number("bytes") as u64,
                total_bytes: number("totalBytes") as u64,
            };
            state.offline.update(|s| *s = s.with_files(files));
        }
        "face-error" => state.offline.set(OfflineState::Failed),
        _ => {}
    }
}
