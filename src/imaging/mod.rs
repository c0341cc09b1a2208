//! Image plumbing shared by the photo and document features: recognising a file by its content,
//! reading JPEG headers and EXIF, decoding safely (size limits, EXIF orientation, reduced scale),
//! measuring colour, and writing a compliant JPEG.

pub mod colour;
pub mod decode;
pub mod facts;
pub mod jpeg_info;
pub mod jpeg_write;
pub mod metadata;
pub mod resample;
pub mod sniff;
