//! Offline use and updates: the "有新版本，点此刷新" banner, the "离线也能用" panel and the install
//! button where the browser offers one. The state comes from `service_worker`, the words from
//! `crate::offline`.

use super::service_worker::ServiceWorkerState;
use crate::offline::OfflineState;
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Shown when a new deployment is installed and waiting; a click lets it take over and reloads.
#[component]
pub fn UpdateBanner(sw: ServiceWorkerState) -> impl IntoView {
    view! {
        <Show when=move || sw.update.get()>
            <button type="button" class="update-banner" data-testid="update-banner" on:click=move |_| sw.apply_update()>
                "有新版本，点此刷新"
            </button>
        </Show>
    }
}

/// Whether the site works offline (`data-state`, see `OfflineState::as_str`), the "离线也能用"
/// button that stores the face files at once with progress, and "安装到桌面".
#[component]
pub fn OfflinePanel(sw: ServiceWorkerState) -> impl IntoView {
    let install = use_install_prompt();
    view! {
        <section class="offline-panel" data-testid="offline-panel" data-state=move || sw.offline.with(OfflineState::as_str)>
            <span data-testid="offline-status">{move || sw.offline.with(OfflineState::message)}</span>
            {move || sw.offline.with(OfflineState::progress).map(|p| view! { <progress max="1000" value=p.to_string()></progress> })}
            <Show when=move || sw.offline.with(OfflineState::can_download)>
                <button type="button" data-testid="offline-button" on:click=move |_| sw.download_face_files()>
                    "离线也能用"
                </button>
            </Show>
            <Show when=move || install.available.get()>
                <button type="button" data-testid="install-button" on:click=move |_| install.prompt()>
                    "安装到桌面"
                </button>
            </Show>
        </section>
    }
}

/// The browser's install offer (`beforeinstallprompt`, Chromium-based browsers), kept until the
/// visitor taps the button rather than shown by the browser on its own.
#[derive(Clone, Copy)]
struct InstallPrompt {
    available: RwSignal<bool>,
    event: StoredValue<Option<JsValue>, LocalStorage>,
}

impl InstallPrompt {
    fn prompt(&self) {
        // An offer can be shown once; the browser makes a new one if the visitor declines.
        if let Some(event) = self.event.get_value()
            && let Some(show) = Reflect::get(&event, &"prompt".into()).ok().and_then(|f| f.dyn_into::<Function>().ok())
        {
            show.call0(&event).ok();
        }
        self.event.set_value(None);
        self.available.set(false);
    }
}

fn use_install_prompt() -> InstallPrompt {
    let install = InstallPrompt { available: RwSignal::new(false), event: StoredValue::new_local(None) };
    let offered = window_event_listener_untyped("beforeinstallprompt", move |event| {
        event.prevent_default();
        install.event.set_value(Some(event.into()));
        install.available.set(true);
    });
    let installed = window_event_listener_untyped("appinstalled", move |_| {
        install.event.set_value(None);
        install.available.set(false);
    });
    on_cleanup(move || {
        offered.remove();
        installed.remove();
    });
    install
}
