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
use crate::photo::content::picture::decode_within;
use crate::profile::Profile;
use crate::report::{CheckId, Kind, Report};

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Checks a document image's file and name. `entered_id` is the candidate's ID number typed on the
/// page, if any.
pub fn check_file(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Report {
    let facts = analyse(bytes);
    let mut checks = file_checks(&facts, file_name, &profile.document);
    if profile.document.name_by_id_number {
        checks.push(name_check(file_name, entered_id));
    }
    Report::new(Kind::Document, &profile.id, checks)
}

/// Checks a document image: its file and name, and the card in it when the profile has
/// `[document.card]` and the pixels can be read.
pub fn check(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Report {
    let report = check_file(bytes, file_name, entered_id, profile);
    match analyse_card(bytes, profile) {
        Some(card) => Report::new(report.kind, &report.profile, [report.checks, card.checks].concat()),
        None => report,
    }
}

/// Finds and judges the card in a document file (`None`: the profile has no card rules, or the
/// pixels cannot be read, which the file checks already say).
pub fn analyse_card(bytes: &[u8], profile: &Profile) -> Option<card::CardAnalysis> {
    let spec = profile.document.card.as_ref()?;
    let (picture, (full_width, _)) = decode_within(bytes, card::MAX_SIDE).ok()?;
    Some(card::analyse(&picture, full_width, spec))
}

/// Produces a compliant document image (see [`fix_with_card`]), finding the card itself.
pub fn fix(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Result<Fixed, FixError> {
    let found = analyse_card(bytes, profile).and_then(|a| a.finding);
    let mut fixed = fix_with_card(bytes, file_name, entered_id, profile, found.as_ref())?;
    // The fixed file is judged like any other, so the CLI shows what the page shows.
    if let Some(card) = analyse_card(&fixed.bytes, profile) {
        fixed.checks.extend(card.checks);
    }
    Ok(fixed)
}

/// Produces a compliant document image named `<ID>.jpg` when the ID is known (typed, or already
/// the file's name). With the card `found`, it is straightened and cropped to the card; without,
/// the whole picture is kept.
pub fn fix_with_card(
    bytes: &[u8],
    file_name: &str,
    entered_id: Option<&str>,
    profile: &Profile,
    found: Option<&card::Finding>,
) -> Result<Fixed, FixError> {
    let id = entered_id
        .map(str::trim)
        .filter(|id| check_format(id).is_ok())
        .map(str::to_owned)
        .or_else(|| valid_id_stem(file_name));
    let name = match &id {
        Some(id) => format!("{id}.jpg"),
        None => "证件-请改名为身份证号.jpg".to_owned(),
    };
    let straighten = found.zip(profile.document.card.as_ref()).map(|(f, spec)| card::Straighten {
        corners: f.corners,
        frame: f.frame,
        margin: spec.fix_margin,
    });
    // A straightened crop that cannot pass (the "card" was a grey inner box) falls back to the
    // whole picture: the card checks then say what to retake.
    let straightened = straighten.as_ref().and_then(|fit| fix_with(bytes, &profile.document, fit, name.clone()).ok());
    let mut fixed = match straightened {
        Some(fixed) => fixed,
        None => fix_with(bytes, &profile.document, &WholeCard, name)?,
    };
    if fixed.notes.iter().all(|n| !n.contains("摆正")) && profile.document.card.is_some() {
        fixed.notes.insert(
            0,
            "没有在照片中找到证件的四个角，所以没有摆正、裁切，只把整张照片调整为规定尺寸。请重拍：证件放在深色桌面上、拍全四角。"
                .into(),
        );
    }
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
    checks.retain(|c| c.id != CheckId::FileName);
    checks.push(name_check(file_name, entered_id));
}
