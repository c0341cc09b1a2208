//! Native helper of `tools/models/convert.py` (not part of the site):
//!
//!     onnx2nnef convert IN.onnx H W OUT_DIR      ONNX (NHWC f32 input 1×H×W×3) -> NNEF folder
//!     onnx2nnef pack NNEF_DIR BITS MIN OUT [KEEP…] NNEF folder -> packed file (src/face/model/pack.rs)
//!     onnx2nnef run MODEL INPUT.f32 H W OUT      runs a packed file (or .onnx) on a raw f32 input,
//!                                                writes each output as OUT.<i>.f32
//!
//! `pack` stores every weight tensor with at least MIN elements as BITS-bit codes (in i8) with one
//! scale per slice, choosing the axis whose per-slice scales give the smallest squared error;
//! smaller tensors (biases, PReLU slopes, small kernels) are stored as f16, which is exact for
//! MediaPipe's f16 weights. BITS 16 stores everything as f16. Each KEEP argument is a tensor
//! name or shape (`1404x32x3x3`; tf2onnx's constant names are not stable from run to run), which
//! then stays f16 (the few layers whose quantisation moves the outputs most), or
//! `name=BITS` to give one tensor its own bit count. To find them, set PACK_ONLY=name:
//! only that tensor is quantised, so each tensor's own effect can be measured.

#[path = "../../../../src/face/model/pack.rs"]
mod pack;

use std::io::Write;
use std::path::Path;
use tract_nnef::internal::*;

fn main() -> TractResult<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("convert") => convert(&args[2], args[3].parse()?, args[4].parse()?, &args[5]),
        Some("pack") => pack_dir(&args[2], args[3].parse()?, args[4].parse()?, &args[5], &args[6..]),
        Some("run") => run(&args[2], &args[3], args[4].parse()?, args[5].parse()?, &args[6]),
        _ => bail!("usage: onnx2nnef convert|pack|run … (see src/main.rs)"),
    }
}

fn onnx_model(path: &str, h: usize, w: usize) -> TractResult<TypedModel> {
    use tract_onnx::prelude::*;
    tract_onnx::onnx()
        .model_for_path(path)?
        .with_input_fact(0, f32::fact([1, h, w, 3]).into())?
        .into_typed()?
        .into_decluttered()
}

fn convert(input: &str, h: usize, w: usize, out: &str) -> TractResult<()> {
    let model = onnx_model(input, h, w)?;
    if Path::new(out).exists() {
        std::fs::remove_dir_all(out)?;
    }
    tract_nnef::nnef().write_to_dir(&model, out)?;
    Ok(())
}

/// Symmetric per-slice quantisation along `axis`: returns (scales, codes, squared error). Each
/// slice's scale is the one of max|w| × {1, 0.98, …, 0.6} that gives the least squared error
/// (clipping a few outliers buys finer steps for all other weights).
fn quantise(t: &[f32], dims: &[usize], axis: usize, bits: u32) -> (Vec<f32>, Vec<i8>, f64) {
    let qmax = ((1i32 << (bits - 1)) - 1) as f32;
    let inner: usize = dims[axis + 1..].iter().product();
    let n = dims[axis];
    let mut slices = vec![vec![]; n];
    for (i, v) in t.iter().enumerate() {
        slices[(i / inner) % n].push(*v);
    }
    let sq_err = |vals: &[f32], s: f32| -> f64 {
        vals.iter().map(|v| (((v / s).round().clamp(-qmax, qmax) * s - v) as f64).powi(2)).sum()
    };
    let scales: Vec<f32> = slices
        .iter()
        .map(|vals| {
            let m = vals.iter().fold(0f32, |a, v| a.max(v.abs()));
            if m == 0.0 {
                return 1.0;
            }
            (0..=20)
                .map(|k| m * (1.0 - 0.02 * k as f32) / qmax)
                .min_by(|a, b| sq_err(vals, *a).total_cmp(&sq_err(vals, *b)))
                .unwrap()
        })
        .collect();
    let mut err = 0f64;
    let codes = t
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let s = scales[(i / inner) % n];
            let q = (v / s).round().clamp(-qmax, qmax);
            err += ((q * s - v) as f64).powi(2);
            q as i8
        })
        .collect();
    (scales, codes, err)
}

fn pack_dir(dir: &str, bits: u32, min_quant: usize, out: &str, keep: &[String]) -> TractResult<()> {
    let graph = std::fs::read_to_string(Path::new(dir).join("graph.nnef"))?;
    let mut names = vec![];
    for entry in walk(Path::new(dir))? {
        if entry.extension().is_some_and(|e| e == "dat") {
            let rel = entry.strip_prefix(dir)?.with_extension("");
            names.push((rel.to_string_lossy().to_string(), entry));
        }
    }
    names.sort();
    let mut buf = Vec::new();
    buf.extend_from_slice(pack::MAGIC);
    buf.extend_from_slice(&(graph.len() as u32).to_le_bytes());
    buf.extend_from_slice(graph.as_bytes());
    buf.extend_from_slice(&(names.len() as u32).to_le_bytes());
    let (mut quantised, mut kept) = (0usize, 0usize);
    for (name, path) in &names {
        let t = tract_nnef::tensors::read_tensor(std::fs::File::open(path)?)?;
        let t = t.cast_to::<f32>()?.into_owned();
        let dims = t.shape().to_vec();
        let values = t.try_as_plain_ram()?.as_slice::<f32>()?;
        buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
        buf.extend_from_slice(name.as_bytes());
        buf.push(dims.len() as u8);
        for d in &dims {
            buf.extend_from_slice(&(*d as u32).to_le_bytes());
        }
        let only = std::env::var("PACK_ONLY").ok();
        let shape = dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("x");
        if values.len() >= min_quant
            && bits <= 8
            && !keep.contains(name)
            && !keep.contains(&shape)
            && only.as_ref().is_none_or(|o| o == name)
        {
            let (by_name, by_shape) = (format!("{name}="), format!("{shape}="));
            let own = keep.iter().find_map(|k| k.strip_prefix(&by_name).or(k.strip_prefix(&by_shape)));
            let bits = match own {
                Some(b) => b.parse()?,
                None => bits,
            };
            let best = (0..dims.len())
                .map(|axis| (axis, quantise(values, &dims, axis, bits)))
                .min_by(|a, b| a.1.2.total_cmp(&b.1.2))
                .unwrap();
            let (axis, (scales, codes, _)) = best;
            buf.push(pack::KIND_Q8);
            buf.push(axis as u8);
            for s in scales {
                buf.extend_from_slice(&s.to_le_bytes());
            }
            buf.extend(codes.iter().map(|&q| q as u8));
            quantised += values.len();
        } else {
            buf.push(pack::KIND_F16);
            for v in values {
                buf.extend_from_slice(&f16::from_f32(*v).to_bits().to_le_bytes());
            }
            kept += values.len();
        }
    }
    std::fs::File::create(out)?.write_all(&buf)?;
    eprintln!("{out}: {} bytes, {quantised} weights as {bits}-bit codes, {kept} as f16", buf.len());
    Ok(())
}

fn walk(dir: &Path) -> TractResult<Vec<std::path::PathBuf>> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() { out.extend(walk(&p)?) } else { out.push(p) }
    }
    Ok(out)
}

fn run(model: &str, input: &str, h: usize, w: usize, out: &str) -> TractResult<()> {
    let plan = if model.ends_with(".onnx") {
        onnx_model(model, h, w)?.into_optimized()?.into_runnable()?
    } else {
        pack::load(&std::fs::read(model)?)?
    };
    let raw = std::fs::read(input)?;
    let values: Vec<f32> = raw.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect();
    let x = Tensor::from_shape(&[1, h, w, 3], &values)?;
    let outputs = plan.run(tvec!(x.into_tvalue()))?;
    for (i, o) in outputs.iter().enumerate() {
        let o = o.cast_to::<f32>()?;
        let bytes: Vec<u8> = o.try_as_plain_ram()?.as_slice::<f32>()?.iter().flat_map(|v| v.to_le_bytes()).collect();
        std::fs::write(format!("{out}.{i}.f32"), bytes)?;
        eprintln!("output {i}: shape {:?}", o.shape());
    }
    Ok(())
}
