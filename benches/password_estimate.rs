//! Speed of the password estimate: it runs on every keystroke, so it must stay well under a frame.
//! Target: ≤ 5 ms per estimate for passwords up to 20 characters (natively, bench profile).
//!
//!     cargo bench --bench password_estimate

use criterion::{Criterion, criterion_group, criterion_main};
use precheck::password::{PersonalContext, assess, fixtures};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let rule = precheck::profile::default_profile().password.clone();
    let ctx = fixtures::sample_student().prepare();
    let mut g = c.benchmark_group("password_estimate");
    for p in
        ["wangxiaoming20100315", "Tq7#lanmao-qiezi-huo", "11111111111111111111", "1qaz2wsx3edc4rfv5tgb", "woaini1314"]
    {
        g.bench_function(p, |b| b.iter(|| assess(black_box(p), &rule, Some(&ctx))));
    }
    g.bench_function("prepare_context", |b| {
        b.iter(|| PersonalContext { name: Some("王小明".into()), ..Default::default() }.prepare())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
