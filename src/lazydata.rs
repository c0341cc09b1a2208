//! Data files that only one page needs (the historical county-code list, the hanzi→pinyin table)
//! stay out of the first page load: in the browser they are fetched from the site's own origin
//! (`data/<name>`) when that page opens and installed here; natively (tests, CLI) they are
//! compiled in. Code that reads them gets `None` until they are installed.

use std::sync::OnceLock;

pub struct LazyText {
    /// File name under `data/` (the same path in the repository and in `dist/`).
    pub name: &'static str,
    embedded: Option<&'static str>,
    installed: OnceLock<String>,
}

impl LazyText {
    pub const fn embedded(name: &'static str, text: &'static str) -> Self {
        LazyText { name, embedded: Some(text), installed: OnceLock::new() }
    }

    pub const fn fetched(name: &'static str) -> Self {
        LazyText { name, embedded: None, installed: OnceLock::new() }
    }

    pub fn get(&self) -> Option<&str> {
        self.embedded.or_else(|| self.installed.get().map(String::as_str))
    }

    pub fn is_loaded(&self) -> bool {
        self.get().is_some()
    }

    /// Installs the fetched text (the first install wins; later ones are ignored).
    pub fn install(&self, text: String) {
        let _ = self.installed.set(text);
    }
}

/// `data_file!("x.txt")`: compiled in natively, fetched in the browser.
#[macro_export]
#[cfg(not(target_arch = "wasm32"))]
macro_rules! data_file {
    ($name:literal) => {
        $crate::lazydata::LazyText::embedded($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name)))
    };
}

#[macro_export]
#[cfg(target_arch = "wasm32")]
macro_rules! data_file {
    ($name:literal) => {
        $crate::lazydata::LazyText::fetched($name)
    };
}

#[cfg(test)]
mod tests {
    use super::LazyText;

    #[test]
    fn fetched_text_is_absent_until_installed() {
        let t = LazyText::fetched("x.txt");
        assert!(!t.is_loaded());
        t.install("abc".into());
        t.install("ignored".into());
        assert_eq!(t.get(), Some("abc"));
        let e = LazyText::embedded("y.txt", "embedded");
        assert_eq!(e.get(), Some("embedded"));
        let native: LazyText = crate::data_file!("surnames.txt");
        assert!(native.get().is_some_and(|s| !s.is_empty()), "native builds compile the file in");
    }
}
