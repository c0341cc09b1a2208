//! Photo-content checks on the drawn portrait of the scene tests, natively (no model runs here:
//! the face observation is drawn with the picture).
//!
//!     cargo bench --bench photo_content

// The scene tests' drawn portrait (it names `crate::face`, which this crate re-exports).
#[path = "../src/photo/content/scene/tests/draw.rs"]
#[allow(dead_code)]
mod draw;
mod face {
    pub use precheck::face::*;
}

use criterion::{Criterion, criterion_group, criterion_main};
use draw::Portrait;
use precheck::photo::content::{ContentInput, scene};
use precheck::profile::default_profile;
use std::collections::BTreeSet;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let profile = default_profile();
    let confirmed = BTreeSet::new();
    let mut g = c.benchmark_group("photo_content");
    g.sample_size(30);
    for (w, h) in [(450, 600), (3000, 4000)] {
        let (img, obs) = Portrait { width: w, height: h, ..Portrait::default() }.draw();
        let input = ContentInput {
            image: &img,
            observation: &obs,
            target: (450, 600),
            spec: &profile.photo_content,
            software: None,
            confirmed: &confirmed,
        };
        g.bench_function(format!("scene {w}x{h}"), |b| b.iter(|| scene::checks(black_box(&input))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
