//! `precheck photo|document FILE… [--profile P] [--json]`, `precheck fix photo|document FILE… --out DIR`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // args_os: a file name that is not UTF-8 (GBK names from a Windows ZIP) must not panic here.
    let code = precheck::cli::run(std::env::args_os(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
