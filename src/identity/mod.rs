//! Identity numbers: the resident ID number (GB 11643-1999) and the documents that share its format.

pub mod id_number;
