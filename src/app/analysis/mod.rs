//! Analysis in the Web Worker, shared by the photo and document pages: the transport
//! (`worker_client`), one picture's state (`slot`), the marks and status drawn over it (`figure`), and the picked and
//! fixed pictures of a page as one hook (`pair`).

pub mod figure;
pub mod pair;
pub mod slot;
pub mod worker_client;

pub use figure::AnalysisFigure;
pub use pair::{AnalysedPair, use_analysed_pair};
pub use slot::{Analysis, AnalysisSlot, AnalysisState, Answered, Picture};
