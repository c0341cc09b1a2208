use gloo_file::{Blob, ObjectUrl};
use leptos::prelude::*;

/// An object URL (`blob:…`) for the Blob that `blob` returns, made again whenever the signals
/// `blob` reads change; `None` while it returns `None`. A URL keeps its bytes in the browser's
/// memory until revoked: gloo's `ObjectUrl` revokes it when dropped, so holding it in a value
/// owned by the calling component revokes the previous URL when it is replaced and the last one
/// when the component goes (leaving the page disposes the value).
pub fn use_object_url(blob: impl Fn() -> Option<Blob> + 'static) -> Signal<Option<String>> {
    let url = RwSignal::new(None::<String>);
    let held = StoredValue::new_local(None::<ObjectUrl>);
    Effect::new(move |_| {
        let fresh = blob().map(ObjectUrl::from);
        url.set(fresh.as_deref().map(str::to_owned));
        held.set_value(fresh);
    });
    url.into()
}
