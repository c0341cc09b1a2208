//! The photo's pictures as SVG markup: the marks drawn over the photo, the "good photo" drawing and
//! the manual-check pictures. Built as text by pure functions (tested natively) and inserted by the
//! page in one step: a Leptos view per SVG element costs far more wasm than the markup itself, and
//! the first page load has a hard size budget.

mod good_example;
mod manual;
mod marks;

pub use good_example::good_example_svg;
pub use manual::manual_picture;
pub use marks::marks_svg;

use crate::report::Status;

/// Stroke colour per status; chosen to stay readable on a blue background and on a projector.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Pass => "#1f9d3a",
        Status::Warn => "#f08c00",
        Status::Fail => "#e0231c",
        Status::Manual => "#a23fd1",
    }
}

pub use crate::markup::escape;

/// A number for SVG: one decimal, no `NaN`/`inf` (a broken coordinate must not break the picture).
pub fn num(v: f32) -> String {
    if v.is_finite() { format!("{:.1}", v) } else { "0".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_safe() {
        assert_eq!(num(1.25), "1.2");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
    }
}
