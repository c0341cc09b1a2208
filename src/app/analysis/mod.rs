//! Analysis in the Web Worker, shared by the photo and document pages: the transport
//! (`worker_client`), one picture's state (`slot`) and the marks and status drawn over it (`figure`).

pub mod figure;
pub mod slot;
pub mod worker_client;

pub use figure::AnalysisFigure;
pub use slot::{Analysis, AnalysisSlot, AnalysisState, Answered, Picture};
