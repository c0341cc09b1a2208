// The analysis worker's helper (src/photo/worker/helper.rs): the worker's own wasm-bindgen glue and
// the compiled module the worker hands over in its first message, so the helper neither fetches
// nor compiles the engine again, and the code the browser compiles for one serves both.
importScripts('./face_worker.js');
self.onmessage = (event) => {
  self.onmessage = null;
  wasm_bindgen({ module_or_path: event.data });
};
