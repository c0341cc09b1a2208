//! Reads the compact model files in `models/`: an NNEF graph (text) plus its weights, the large
//! weight tensors stored as 8-bit integers with one f32 scale per slice along one axis.
//!
//! Why not a plain NNEF tar: its f32 weights (≈ 3.3 MB for the three models) would not fit the
//! download budget. Dequantising here, once at load, gives tract an ordinary f32 graph, so inference
//! runs at full speed and the graph is exactly the one tract-onnx produced.
//!
//! Format (all integers little-endian), written by `tools/models/onnx2nnef` (`pack`):
//!
//! ```text
//! magic  b"PCNNEFQ1"
//! u32    length of graph.nnef, then its UTF-8 text
//! u32    number of tensors, then for each:
//!   u16 name length, name (UTF-8, the NNEF variable label)
//!   u8  rank, then rank × u32 dims
//!   u8  kind: 0 = f32 values; 1 = i8 values with per-slice scales; 2 = f16 values
//!   kind 0: product(dims) × f32
//!   kind 2: product(dims) × f16 (IEEE binary16; MediaPipe's own weights are f16, so this is exact)
//!   kind 1: u8 axis, dims[axis] × f32 scales, product(dims) × i8 (value = q × scale[index on axis])
//! ```
//!
//! This file is also compiled into `tools/models/onnx2nnef` (`#[path]`), so it uses only std and
//! tract-nnef.

use std::collections::HashMap;
use std::sync::Arc;
use tract_nnef::internal::*;

pub const MAGIC: &[u8; 8] = b"PCNNEFQ1";
pub const KIND_F32: u8 = 0;
pub const KIND_Q8: u8 = 1;
pub const KIND_F16: u8 = 2;
/// No tensor in these models has more dimensions, nor more elements (guards against bad files).
const MAX_RANK: usize = 8;
const MAX_ELEMENTS: usize = 1 << 24;

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> TractResult<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { bail!("model file truncated at byte {}", self.at) };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> TractResult<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> TractResult<u16> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into()?))
    }
    fn u32(&mut self) -> TractResult<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }
    fn f32s(&mut self, n: usize) -> TractResult<Vec<f32>> {
        let raw = self.take(n.checked_mul(4).context("size overflow")?)?;
        Ok(raw.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

/// The graph text and the dequantised (f32) weights of one packed model.
pub struct Unpacked {
    pub graph: String,
    pub tensors: Vec<(String, Tensor)>,
}

pub fn unpack(bytes: &[u8]) -> TractResult<Unpacked> {
    let mut c = Cursor { bytes, at: 0 };
    if c.take(8)? != MAGIC {
        bail!("not a packed NNEF model (bad magic)");
    }
    let graph_len = c.u32()? as usize;
    let graph = std::str::from_utf8(c.take(graph_len)?)?.to_string();
    let count = c.u32()? as usize;
    let mut tensors = Vec::new();
    for _ in 0..count {
        let name_len = c.u16()? as usize;
        let name = std::str::from_utf8(c.take(name_len)?)?.to_string();
        let rank = c.u8()? as usize;
        if rank > MAX_RANK {
            bail!("tensor {name}: rank {rank} too large");
        }
        let mut dims = Vec::with_capacity(rank);
        for _ in 0..rank {
            dims.push(c.u32()? as usize);
        }
        let len = dims
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .filter(|&l| l <= MAX_ELEMENTS)
            .with_context(|| format!("tensor {name}: too many elements"))?;
        let values = match c.u8()? {
            KIND_F32 => c.f32s(len)?,
            KIND_F16 => {
                let raw = c.take(len.checked_mul(2).context("size overflow")?)?;
                raw.chunks_exact(2).map(|h| f16::from_bits(u16::from_le_bytes([h[0], h[1]])).to_f32()).collect()
            }
            KIND_Q8 => {
                let axis = c.u8()? as usize;
                if axis >= rank {
                    bail!("tensor {name}: axis {axis} out of range");
                }
                let scales = c.f32s(dims[axis])?;
                let q = c.take(len)?;
                // Stride of the axis in a row-major layout: index on axis = (i / inner) % dims[axis].
                let inner: usize = dims[axis + 1..].iter().product();
                q.iter().enumerate().map(|(i, &v)| v as i8 as f32 * scales[(i / inner) % dims[axis]]).collect()
            }
            k => bail!("tensor {name}: unknown kind {k}"),
        };
        tensors.push((name, Tensor::from_shape(&dims, &values)?));
    }
    if c.at != bytes.len() {
        bail!("{} trailing bytes after the last tensor", bytes.len() - c.at);
    }
    Ok(Unpacked { graph, tensors })
}

/// Parses a packed model into an optimised, runnable tract plan.
pub fn load(bytes: &[u8]) -> TractResult<Arc<TypedRunnableModel>> {
    plan(unpack(bytes)?)
}

/// tract's NNEF framework, built once: building it parses NNEF's standard fragments, ~15–20 ms
/// natively (`cargo run --profile cli --example face_load_stages`), several times that in wasm,
/// and it was built again for each of the three models.
fn framework() -> &'static tract_nnef::framework::Nnef {
    static FRAMEWORK: std::sync::OnceLock<tract_nnef::framework::Nnef> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(tract_nnef::nnef)
}

/// An unpacked model (its graph text possibly rewritten) as an optimised, runnable tract plan.
pub fn plan(unpacked: Unpacked) -> TractResult<Arc<TypedRunnableModel>> {
    let doc = tract_nnef::ast::parse::parse_document(&unpacked.graph)?;
    let tensors: HashMap<Identifier, Arc<Tensor>> =
        unpacked.tensors.into_iter().map(|(n, t)| (Identifier(n), Arc::new(t))).collect();
    let proto = tract_nnef::ProtoModel { doc, tensors, quantization: None, resources: HashMap::new() };
    let model = framework().model_for_proto_model(&proto)?;
    model.into_optimized()?.into_runnable()
}
