//! The scene around the face: `background.color`, `background.uniform`, `clothing.dark`,
//! `clothing.contrast`, `lighting.exposure`, `lighting.even`, `image.sharpness` and
//! `capture.recapture`. Each check draws the regions it sampled, in the colour of its status.
//! Thresholds come from `[photo_content.scene]` in the profile (`profile::scene`).
//!
//! Files: `regions` (where to look, with the fall-backs), `colour` (Lab, ΔE00, HSV, luminance),
//! `stats`, one file per concern (`background`, `clothing`, `lighting`, `sharpness`,
//! `recapture` with its `fft`).

pub mod background;
pub mod clothing;
pub mod colour;
mod fft;
pub mod lighting;
mod limits;
pub mod recapture;
pub mod regions;
pub mod sharpness;
mod stats;

#[cfg(test)]
mod tests;

use super::{ContentInput, ContentResult, Mark, Shape};
use crate::report::{Check, CheckId, Status};
use regions::{Layout, Region};

/// Fewer sampled pixels than this and a region is "not enough to judge" (the check is `manual`).
pub(crate) const MIN_SAMPLES: usize = 40;

/// Every scene check for one picture. Never panics: a picture too small to sample, a missing face
/// or a mask of the wrong size gives fixed regions or a `manual` check that says why.
pub fn checks(input: &ContentInput) -> ContentResult {
    let spec = &input.spec.scene;
    let layout = Layout::new(input.image, input.observation);
    let bg = background::measure(&layout, &spec.background);
    let mut out = background::checks(bg.as_ref(), &layout, &spec.background);
    out.extend(clothing::checks(&layout, bg.as_ref(), &spec.clothing, &spec.background.label));
    out.extend(lighting::checks(&layout, &spec.lighting));
    out.extend(sharpness::checks(&layout, &spec.sharpness));
    out.extend(recapture::checks(&layout, input.software, &spec.recapture));
    out
}

fn worst<const N: usize>(statuses: [Status; N]) -> Status {
    statuses.into_iter().max().unwrap_or(Status::Pass)
}

/// Adds a judged check and the regions it sampled, drawn in the colour of its status.
fn push(out: &mut ContentResult, check: Check, regions: &[(String, Region)]) {
    let status = check.status;
    out.marks.extend(
        regions.iter().map(|(label, r)| Mark::new(check.id, status, label.clone(), Shape::Rect { rect: r.to_box() })),
    );
    out.checks.push(check);
}

/// A check that could not be measured (`why`, plus the layout's fall-back note): the person looks.
fn unmeasured(id: CheckId, why: &str, layout: &Layout, expected: &str, message: &str) -> Check {
    Check::new(id, Status::Manual, format!("{why}{}", layout.note), expected, message)
}
