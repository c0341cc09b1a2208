// Loaded right after trunk's class_page.js (the class page's no-modules wasm glue), which declares
// `let wasm_bindgen`: a global binding scripts see but the app's wasm cannot reach as a property
// (and the Content-Security-Policy allows no eval). This hands it over (src/app/class_loader.rs).
globalThis.classPageGlue = wasm_bindgen;
