// Loaded right after trunk's lazy_pages.js (the no-modules wasm glue of the pages loaded on demand:
// #/class, #/camera), which declares `let wasm_bindgen`: a global binding scripts see but the app's
// wasm cannot reach as a property (and the Content-Security-Policy allows no eval). This hands it
// over (src/app/lazy_page.rs).
globalThis.lazyPagesGlue = wasm_bindgen;
