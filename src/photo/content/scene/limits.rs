//! How a measured value is judged against a profile's `[pass, warn]` limit. The limits are data in
//! `profile::scene`; the judging lives here, with the checks, so the profile schema needs no
//! report types and build.rs can compile it to validate the profiles.

use crate::profile::scene::{AtLeast, AtMost};
use crate::report::Status;

impl AtMost {
    pub fn status(&self, v: f64) -> Status {
        if v <= self.pass {
            Status::Pass
        } else if v <= self.warn {
            Status::Warn
        } else {
            Status::Fail
        }
    }
}

impl AtLeast {
    pub fn status(&self, v: f64) -> Status {
        if v >= self.pass {
            Status::Pass
        } else if v >= self.warn {
            Status::Warn
        } else {
            Status::Fail
        }
    }
}
