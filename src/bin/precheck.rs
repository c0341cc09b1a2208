//! `precheck photo|document FILE… [--profile P] [--json]`, `precheck fix photo|document FILE… --out DIR`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = precheck::cli::run(std::env::args(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
