//! Check and fix of a 12-megapixel (4000×3000) phone JPEG, natively. The browser timings of the
//! same work are printed by the end-to-end run (tests/e2e, `timing photo-12mp …`).
//!
//!     cargo bench --bench file_check_fix

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use criterion::{Criterion, criterion_group, criterion_main};
use precheck::profile::default_profile;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let profile = default_profile();
    let twelve_mp = fixtures::twelve_mp_photo();
    let small = fixtures::jpeg(&fixtures::portrait(450, 600), 90, Some(72));
    let card = fixtures::jpeg(&fixtures::id_card_photo(1600, 1200), 92, Some(72));

    let mut g = c.benchmark_group("photo");
    g.sample_size(20);
    g.bench_function("check 4000x3000 jpeg", |b| {
        b.iter(|| precheck::photo::check(black_box(&twelve_mp), "IMG.jpg", profile))
    });
    g.bench_function("fix 4000x3000 jpeg", |b| {
        b.iter(|| precheck::photo::fix(black_box(&twelve_mp), "IMG.jpg", profile))
    });
    g.bench_function("check 450x600 jpeg", |b| b.iter(|| precheck::photo::check(black_box(&small), "a.jpg", profile)));
    g.bench_function("fix 450x600 jpeg", |b| b.iter(|| precheck::photo::fix(black_box(&small), "a.jpg", profile)));
    g.finish();

    let mut g = c.benchmark_group("document");
    g.sample_size(20);
    g.bench_function("fix 1600x1200 jpeg", |b| {
        b.iter(|| precheck::document::fix(black_box(&card), "a.jpg", Some("11010519491231002X"), profile))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
