//! Registration info rehearsal: the basic-information form rehearsed before the real
//! platform opens. Pure logic here (tested natively); the page is `ui` (wasm only).

pub mod birth;
pub mod ethnicity;
pub mod history;
pub mod key;
pub mod message;
pub mod mobile;
pub mod model;
pub mod month;
pub mod name;
pub mod sample;
pub mod touched;
pub mod transfer;
pub mod validate;
pub mod window;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use birth::fill_from_id;
pub use key::{BasicField, FieldKey, GuardianField, HistoryField, RowId};
pub use message::{FieldMessage, Severity};
pub use model::{Guardian, HistoryRow, Registration};
pub use sample::sample_registration;
pub use touched::Touched;
pub use transfer::{Imported, export, import};
pub use validate::validate;
pub use window::{MyWindow, WindowState, my_window};

#[cfg(test)]
mod tests;
