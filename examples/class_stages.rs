//! Dev tool for the class page's speed: where a student's two files spend their time, stage by
//! stage, as the class page's analysis worker runs them (`classroom::inspect_worker`): the check,
//! the row's preview from the checked picture, the fix reusing the check's analysis and the check
//! of the fixed file. Stage 1 (the file rules alone) is part of stage 2, shown for scale. Natively;
//! the page runs the same code in wasm.
//!
//!   cargo run --release --example class_stages -- FILE...
//!
//! A file whose name contains 身份证 is an ID image, any other a photo. Prints one line per stage:
//! total and mean milliseconds over the files of that kind.

use precheck::classroom::inspect::{Inspector, SinglePages, inspect_checked};
use precheck::photo::content::picture::shrink_for_display;
use precheck::photo::content::pipeline::embedded_models;
use precheck::profile::default_profile;
use precheck::report::Kind;
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let profile = default_profile();
    let models = embedded_models().expect("the embedded models load");
    let mut stages: BTreeMap<String, (f64, u32)> = BTreeMap::new();
    let mut time = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        let entry = stages.entry(name.to_owned()).or_default();
        entry.0 += t.elapsed().as_secs_f64() * 1000.0;
        entry.1 += 1;
    };
    let pages = SinglePages { models: Some(&models), profile };
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = std::path::Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
        let kind = if name.contains("身份证") { Kind::Document } else { Kind::Photo };
        let label = |stage: &str| format!("{} {stage}", if kind == Kind::Photo { "photo" } else { "document" });
        time(&label("1 file rules"), &mut || match kind {
            Kind::Photo => drop(precheck::photo::check(&bytes, &name, profile)),
            Kind::Document => drop(precheck::document::check_file(&bytes, &name, None, profile)),
        });
        time(&label("0a sorting's decode"), &mut || {
            std::hint::black_box(precheck::photo::content::picture::decode_within(&bytes, 800).is_ok());
        });
        time(&label("0 sorting: the card search"), &mut || {
            std::hint::black_box(precheck::classroom::content::kind_from_content(&bytes));
        });
        let mut checked = None;
        time(&label("2 check (file rules, decode, content)"), &mut || {
            checked = Some(pages.check_seen(kind, &bytes, &name, None))
        });
        let checked = checked.expect("checked");
        time(&label("3 preview from the checked picture"), &mut || {
            let small = shrink_for_display(checked.picture().expect("a picture"), 640);
            drop(precheck::imaging::jpeg_write::encode(&small, 80, 72))
        });
        let mut fixed = None;
        time(&label("4a the fix alone"), &mut || fixed = pages.fix(kind, &bytes, &name, None, &checked.seen).ok());
        if let Some(fixed) = fixed {
            time(&label("4b the fixed file's check alone"), &mut || {
                drop(pages.check(kind, &fixed.bytes, &fixed.file_name, None))
            });
        }
        let mut checked = Some(checked);
        time(&label("4 fix and check of the fixed file"), &mut || {
            let checked = checked.take().expect("checked once");
            drop(inspect_checked(&pages, kind, &bytes, &name, None, checked))
        });
    }
    for (name, (ms, n)) in &stages {
        println!("{name:<56} {n:>3} × {:>8.1} ms = {ms:>9.0} ms", ms / f64::from(*n));
    }
}
