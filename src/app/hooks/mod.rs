//! Hooks shared by the pages, one concern per file (as leptos-use does). Each pairs the browser
//! resource it makes (an interval, an object URL) with `on_cleanup`, so leaving a page frees it.

mod use_clock;
mod use_object_url;

pub use use_clock::use_clock;
pub use use_object_url::use_object_url;
