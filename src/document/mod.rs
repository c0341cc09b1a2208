//! The document image (证件信息, normally the resident ID card): file checks, the file-name rule
//! and a fix that keeps the whole card.

pub mod card;
mod fit;
mod name;

pub use fit::WholeCard;
pub use name::{name_check, valid_id_stem};

use crate::filecheck::file_checks;
use crate::fix::{FixError, Fixed, fix_with};
use crate::identity::id_number::check_format;
use crate::imaging::facts::analyse;
use crate::profile::Profile;
use crate::report::{Kind, Report};

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Checks a document image. `entered_id` is the candidate's ID number typed on the page, if any.
pub fn check(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Report {
    let facts = analyse(bytes);
    let mut checks = file_checks(&facts, file_name, &profile.document);
    if profile.document.name_by_id_number {
        checks.push(name_check(file_name, entered_id));
    }
    Report::new(Kind::Document, &profile.id, checks)
}

/// Produces a compliant document image named `<ID>.jpg` when the ID is known (typed, or already
/// the file's name).
pub fn fix(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Result<Fixed, FixError> {
    let id = entered_id
        .map(str::trim)
        .filter(|id| check_format(id).is_ok())
        .map(str::to_owned)
        .or_else(|| valid_id_stem(file_name));
    let name = match &id {
        Some(id) => format!("{id}.jpg"),
        None => "证件-请改名为身份证号.jpg".to_owned(),
    };
    let mut fixed = fix_with(bytes, &profile.document, &WholeCard, name)?;
    if profile.document.name_by_id_number {
        if id.is_none() {
            fixed
                .notes
                .push("还不知道身份证号：在上方填写考生身份证号后再修复，文件会自动以“身份证号.jpg”命名。".into());
        }
        replace_name_check(&mut fixed.checks, &fixed.file_name, id.as_deref());
    }
    Ok(fixed)
}

/// Re-checks only the file name when the typed ID changes (no need to decode again).
pub fn with_name_rechecked(mut report: Report, file_name: &str, entered_id: Option<&str>) -> Report {
    replace_name_check(&mut report.checks, file_name, entered_id);
    Report::new(report.kind, &report.profile, report.checks)
}

/// Names an already fixed file after an ID typed later (no need to encode again). An ID that is
/// not well-formed leaves the file as it was.
pub fn renamed(mut fixed: Fixed, entered_id: Option<&str>) -> Fixed {
    if let Some(id) = entered_id.map(str::trim).filter(|id| check_format(id).is_ok()) {
        fixed.file_name = format!("{id}.jpg");
        replace_name_check(&mut fixed.checks, &fixed.file_name, Some(id));
    }
    fixed
}

/// Puts the `file.name` check for `file_name` in place of any earlier one.
fn replace_name_check(checks: &mut Vec<crate::report::Check>, file_name: &str, entered_id: Option<&str>) {
    checks.retain(|c| c.id != "file.name");
    checks.push(name_check(file_name, entered_id));
}
