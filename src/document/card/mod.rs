//! The resident ID card in a document photo: find it (`find`), judge the picture (`checks`) and
//! straighten it into the required file (`Straighten`). Pure code, no browser APIs.

pub mod analysis;
pub mod checks;
pub mod find;
mod geometry;
pub mod layout;
pub mod number;
pub mod ocrb;
mod straighten;
/// Fictional cards: the test pictures, and the finder's side templates.
pub mod synthetic;
pub mod wire;

pub use analysis::{CardAnalysis, MAX_SIDE, analyse, analyse_found};
pub use find::{Finding, find};
pub use geometry::{Homography, Pt};
pub use layout::Side;
pub use straighten::Straighten;
