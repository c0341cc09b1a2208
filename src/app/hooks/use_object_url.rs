use leptos::prelude::*;
use web_sys::{Blob, Url};

/// An object URL (`blob:…`) for the Blob that `blob` returns, made again whenever the signals
/// `blob` reads change; `None` while it returns `None`. A URL keeps its bytes in the browser's
/// memory until revoked, so the previous one is revoked when it is replaced and the last one when
/// the calling component goes (leaving the page).
pub fn use_object_url(blob: impl Fn() -> Option<Blob> + 'static) -> Signal<Option<String>> {
    let url = RwSignal::new(None::<String>);
    let revoke = move || {
        if let Some(old) = url.try_get_untracked().flatten() {
            Url::revoke_object_url(&old).ok();
        }
    };
    Effect::new(move |_| {
        let fresh = blob().and_then(|b| Url::create_object_url_with_blob(&b).ok());
        revoke();
        url.set(fresh);
    });
    on_cleanup(revoke);
    url.into()
}
