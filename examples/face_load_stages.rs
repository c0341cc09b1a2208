//! Dev tool: where loading the face models goes, natively: building tract's NNEF framework, then
//! per model and per stage (unpack and dequantise, PReLU rewrite, NNEF parse and typing, tract's
//! optimisation, the runnable plan).
//!
//!     cargo run --profile cli --example face_load_stages

use precheck::face::model::{DETECTOR_FILE, MESH_FILE, SEGMENTER_FILE, pack, prelu};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tract_nnef::internal::*;

fn main() -> TractResult<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    for _ in 0..3 {
        let t = Instant::now();
        let framework = tract_nnef::nnef();
        println!("tract_nnef::nnef() = {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        drop(framework);
    }
    let nnef = tract_nnef::nnef();
    for _round in 0..3 {
        for name in [DETECTOR_FILE, MESH_FILE, SEGMENTER_FILE] {
            let bytes = std::fs::read(dir.join(name))?;
            let mut t = Instant::now();
            let mut lap = || {
                let ms = t.elapsed().as_secs_f64() * 1e3;
                t = Instant::now();
                ms
            };
            let mut unpacked = pack::unpack(&bytes)?;
            let unpack_ms = lap();
            unpacked.graph = prelu::rewrite(&unpacked.graph);
            let rewrite_ms = lap();
            let doc = tract_nnef::ast::parse::parse_document(&unpacked.graph)?;
            let tensors: HashMap<Identifier, Arc<Tensor>> =
                unpacked.tensors.into_iter().map(|(n, t)| (Identifier(n), Arc::new(t))).collect();
            let proto = tract_nnef::ProtoModel { doc, tensors, quantization: None, resources: HashMap::new() };
            let parse_ms = lap();
            let model = nnef.model_for_proto_model(&proto)?;
            let typed_ms = lap();
            let nodes = model.nodes.len();
            let decluttered = model.into_decluttered()?;
            let declutter_ms = lap();
            let optimized = decluttered.into_optimized()?;
            let optimize_ms = lap();
            let _plan = optimized.into_runnable()?;
            let runnable_ms = lap();
            println!(
                "{name}: nodes={nodes} unpack={unpack_ms:.1} rewrite={rewrite_ms:.1} parse={parse_ms:.1} typed={typed_ms:.1} declutter={declutter_ms:.1} optimize={optimize_ms:.1} runnable={runnable_ms:.1}"
            );
        }
    }
    Ok(())
}
