//! The face models natively: loading the three files from bytes, and `observe` (detector, mesh,
//! segmentation) on a 450×600 portrait (grace_hopper cropped to the registration photo's size).
//!
//!     cargo bench --bench face_models

use criterion::{Criterion, criterion_group, criterion_main};
use precheck::face::model::{DETECTOR_FILE, FaceModels, MESH_FILE, SEGMENTER_FILE};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let read = |name: &str| std::fs::read(dir.join(name)).expect("models/ (tools/models/convert.sh)");
    let (det, mesh, seg) = (read(DETECTOR_FILE), read(MESH_FILE), read(SEGMENTER_FILE));
    let portrait = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portraits/grace_hopper.jpg");
    let img = precheck::imaging::decode::decode(&std::fs::read(portrait).unwrap(), (u32::MAX, u32::MAX)).unwrap().image;
    // 512×600 → 450×600: the registration photo's size.
    let img = image::imageops::crop_imm(&img, 31, 0, 450, 600).to_image();
    let models = FaceModels::from_bytes(&det, &mesh, &seg).unwrap();

    let mut g = c.benchmark_group("face");
    g.sample_size(10);
    g.bench_function("load models from bytes", |b| {
        b.iter(|| FaceModels::from_bytes(black_box(&det), black_box(&mesh), black_box(&seg)).unwrap())
    });
    g.bench_function("observe 450x600", |b| b.iter(|| models.observe(black_box(&img)).unwrap()));
    g.bench_function("detector only 450x600", |b| {
        b.iter(|| {
            let frame = precheck::face::model::Frame::new(black_box(&img));
            models.detector.detect(&frame, 450, 600).unwrap()
        })
    });
    g.bench_function("segmenter only 450x600", |b| {
        b.iter(|| {
            let frame = precheck::face::model::Frame::new(black_box(&img));
            models.segmenter.mask(&frame, 450, 600).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
