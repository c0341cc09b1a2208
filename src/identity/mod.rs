//! Identity numbers: the resident ID number (GB 11643-1999) and the documents that share its format.

pub mod area;
pub mod date;
pub mod document;
pub mod id_number;

pub use date::Date;
pub use document::{DocumentType, IdError, IdInfo, Sex, compose_id, parse_id};
