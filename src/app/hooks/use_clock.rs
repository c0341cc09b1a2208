use crate::app::clock::shanghai_now;
use crate::profile::LocalDateTime;
use leptos::prelude::*;
use std::time::Duration;

/// Shanghai's "now", refreshed every `every` while the calling component lives. The signal
/// changes only when the minute does; the interval is cleared when the component goes.
pub fn use_clock(every: Duration) -> Signal<LocalDateTime> {
    let now = RwSignal::new(shanghai_now());
    let tick = move || {
        let fresh = shanghai_now();
        if now.get_untracked() != fresh {
            now.set(fresh);
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, every) {
        on_cleanup(move || handle.clear());
    }
    now.into()
}
