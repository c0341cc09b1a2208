//! Where each face model spends its time natively, per kind of tract operation.
//!
//! ```sh
//! cargo run --example model_ops                         # as the site runs them
//! cargo run --example model_ops -- --no-prelu-rewrite    # the graphs as converted
//! ```
//!
//! (The dev profile builds every dependency, tract included, at opt-level 2.)
//!
//! Loads each packed model from `models/` (with or without the load-time PReLU rewrite of
//! `precheck::face::model::prelu`), runs it 15 times on a zero input and prints the median run,
//! then the eight most expensive op kinds over 10 more runs (each op timed through tract's
//! `run_plan_with_eval`).

use precheck::face::model::{DETECTOR_FILE, MESH_FILE, SEGMENTER_FILE, pack, prelu};
use std::collections::HashMap;
use std::time::Instant;
use tract_nnef::internal::*;
use tract_nnef::tract_core::plan::{SimpleState, eval};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rewrite = !std::env::args().any(|a| a == "--no-prelu-rewrite");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    println!("PReLU rewrite: {}", if rewrite { "on" } else { "off" });
    for (name, n) in [(DETECTOR_FILE, 128usize), (MESH_FILE, 192), (SEGMENTER_FILE, 256)] {
        let bytes = std::fs::read(dir.join(name)).expect("models/ (tools/models/convert.sh)");
        let t = Instant::now();
        let mut unpacked = pack::unpack(&bytes).expect("a packed model");
        if rewrite {
            unpacked.graph = prelu::rewrite(&unpacked.graph);
        }
        let plan = pack::plan(unpacked).expect("the model plans");
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        let input = Tensor::zero::<f32>(&[1, n, n, 3]).expect("input tensor");
        let runs: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                plan.run(tvec!(input.clone().into())).expect("the model runs");
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        println!("{name}: load {load_ms:.1} ms, median run {:.1} ms, {} nodes", median(runs), plan.model().nodes.len());
        let mut per_op: HashMap<String, (f64, usize)> = HashMap::new();
        const PROFILED: usize = 10;
        for _ in 0..PROFILED {
            let mut state = SimpleState::new(&plan).expect("a session");
            state
                .run_plan_with_eval(tvec!(input.clone().into()), |ctx, op_state, node, inputs| {
                    let t = Instant::now();
                    let out = eval(ctx, op_state, node, inputs);
                    let e = per_op.entry(node.op().name().to_string()).or_default();
                    e.0 += t.elapsed().as_secs_f64() * 1e3;
                    e.1 += 1;
                    out
                })
                .expect("the model runs");
        }
        let mut rows: Vec<_> = per_op.into_iter().collect();
        rows.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
        for (op, (ms, count)) in rows.iter().take(8) {
            println!("   {op:30} {:6.2} ms/run  ({} nodes)", ms / PROFILED as f64, count / PROFILED);
        }
    }
}
