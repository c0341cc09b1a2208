// Starts the app's wasm. Trunk would inject this as an inline <script>; as a file the
// Content-Security-Policy needs no 'unsafe-inline' for scripts. Trunk writes the hashed file names
// into the tag that loads this file (Trunk.toml `pattern_script`).
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
