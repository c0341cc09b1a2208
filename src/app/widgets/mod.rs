//! Widgets shared by the photo and document pages, one concern per file:
//! - `check_and_fix`: the pick → check → fix workflow as one component, its state in `workflow`;
//! - `picker`: the file input; `report_view`: a report with one row per check;
//! - `next_steps_view`: the top of a report, what to do first; `marks_highlight`: which marks the
//!   picture shows (not-passed ones, all, or one row's);
//! - `manual`: confirming `manual` checks; `fixed_view`: the fixed file with its download.

mod check_and_fix;
mod fixed_view;
mod manual;
mod marks_highlight;
mod next_steps_view;
mod picker;
mod report_view;
mod workflow;

pub use check_and_fix::CheckAndFix;
pub use manual::ManualConfirmations;
pub use marks_highlight::{MarksControls, provide_marks_highlight};
pub use report_view::ReportView;
