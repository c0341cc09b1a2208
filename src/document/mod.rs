//! The document image (证件信息, normally the resident ID card): file checks, the file-name rule
//! and a fix that keeps the whole card.

pub mod card;
mod fit;
mod name;

pub use fit::WholeCard;
pub use name::{name_check, valid_id_stem};

use crate::filecheck::file_checks;
use crate::fix::{FixError, Fixed, fix_reusing};
use crate::identity::id_number::check_format;
use crate::imaging::decode::Decoded;
use crate::imaging::facts::analyse_reusing;
use crate::photo::content::picture::decoded_within;
use crate::profile::Profile;
use crate::report::{CheckId, Kind, Report};
pub use card::checks::IdSource;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Checks a document image's file and name. `entered_id` is the candidate's ID number typed on the
/// page, if any.
pub fn check_file(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Report {
    check_file_reusing(bytes, file_name, entered_id, profile, None)
}

/// [`check_file`], with a decode of `bytes` the caller made anyway (see [`analyse_reusing`]).
fn check_file_reusing(
    bytes: &[u8],
    file_name: &str,
    entered_id: Option<&str>,
    profile: &Profile,
    decoded: Option<&Decoded>,
) -> Report {
    let facts = analyse_reusing(bytes, decoded);
    let mut checks = file_checks(&facts, file_name, &profile.document);
    if profile.document.name_by_id_number {
        checks.push(name_check(file_name, entered_id));
    }
    Report::new(Kind::Document, &profile.id, checks)
}

/// Checks a document image: its file and name, and the card in it when the profile has
/// `[document.card]` and the pixels can be read. The number read off the card is checked against
/// the file's name and `entered_id`.
pub fn check(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Report {
    check_seen(bytes, file_name, entered_id, profile).report
}

/// A document's report with what its check looked at, so a fix or a preview after it need not
/// decode and search the picture again.
pub struct Checked {
    pub report: Report,
    /// The card's analysis (`None`: the profile has no card rules, or the pixels cannot be read).
    pub card: Option<card::CardAnalysis>,
    /// The upright picture the card was searched in: the file decoded at the scale that covers
    /// [`card::MAX_SIDE`] (the fix reuses it when it needs that very picture).
    pub decoded: Option<Decoded>,
}

/// [`check`], keeping the card's analysis and the picture it was found in.
pub fn check_seen(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Checked {
    // The picture the card is searched in also gives the file rules their colour measure.
    let decoded = profile.document.card.as_ref().and_then(|_| decoded_within(bytes, card::MAX_SIDE).ok());
    let report = check_file_reusing(bytes, file_name, entered_id, profile, decoded.as_ref());
    match decoded.and_then(|d| card_in(d, profile)) {
        Some((card, decoded)) => {
            let summary = card.summary((decoded.full_width, decoded.full_height));
            let report = Report::new(report.kind, &report.profile, [report.checks, card.checks.clone()].concat());
            let report = with_number_rechecked(report, card.number.as_deref(), file_name, entered_id, IdSource::Typed)
                .with_card(summary);
            Checked { report, card: Some(card), decoded: Some(decoded) }
        }
        None => Checked { report, card: None, decoded: None },
    }
}

/// Finds and judges the card in a document file, with the file's own size (`None`: the profile
/// has no card rules, or the pixels cannot be read, which the file checks already say).
pub fn analyse_card(bytes: &[u8], profile: &Profile) -> Option<(card::CardAnalysis, (u32, u32))> {
    card_seen(bytes, profile).map(|(card, d)| (card, (d.full_width, d.full_height)))
}

/// The card's analysis and the picture it was searched in (see [`Checked::decoded`]).
fn card_seen(bytes: &[u8], profile: &Profile) -> Option<(card::CardAnalysis, Decoded)> {
    profile.document.card.as_ref()?;
    card_in(decoded_within(bytes, card::MAX_SIDE).ok()?, profile)
}

/// The card's analysis of `decoded` (`None`: the profile has no card rules).
fn card_in(decoded: Decoded, profile: &Profile) -> Option<(card::CardAnalysis, Decoded)> {
    let spec = profile.document.card.as_ref()?;
    Some((card::analyse(&decoded.image, decoded.full_width, spec), decoded))
}

/// The well-formed ID typed on the page, if any.
fn typed_id(entered_id: Option<&str>) -> Option<&str> {
    entered_id.map(str::trim).filter(|id| check_format(id).is_ok())
}

/// Puts the `card.number` check for the number `read` off the card, against the file's name and
/// the entered ID (from `source`), in place of the analysis's own (which knew neither). No row, no
/// change: the card was not found or shows its emblem side.
pub fn with_number_rechecked(
    mut report: Report,
    read: Option<&str>,
    file_name: &str,
    entered_id: Option<&str>,
    source: IdSource,
) -> Report {
    if let Some(row) = report.checks.iter_mut().find(|c| c.id == CheckId::CardNumber) {
        let entered = typed_id(entered_id).map(|id| (id, source));
        *row = card::checks::number(read, valid_id_stem(file_name).as_deref(), entered);
    }
    let card = report.card.take();
    Report { card, ..Report::new(report.kind, &report.profile, report.checks) }
}

/// The fixed file's `card.number` row (from its own analysis, `read`) cross-checked against its
/// name and the entered ID.
pub fn number_rechecked_in(mut fixed: Fixed, read: Option<&str>, entered_id: Option<&str>, source: IdSource) -> Fixed {
    let report = Report::new(Kind::Document, "", std::mem::take(&mut fixed.checks));
    fixed.checks = with_number_rechecked(report, read, &fixed.file_name, entered_id, source).checks;
    fixed
}

/// Produces a compliant document image (see [`fix_with_card`]), finding and reading the card
/// itself.
pub fn fix(bytes: &[u8], file_name: &str, entered_id: Option<&str>, profile: &Profile) -> Result<Fixed, FixError> {
    let seen = card_seen(bytes, profile);
    let (card, decoded) = (seen.as_ref().map(|s| &s.0), seen.as_ref().map(|s| &s.1));
    let mut fixed = fix_analysed(bytes, file_name, entered_id, profile, card, decoded)?;
    // The fixed file is judged like any other, so the CLI shows what the page shows.
    if let Some((card, _)) = analyse_card(&fixed.bytes, profile) {
        fixed.checks.extend(card.checks);
        fixed = number_rechecked_in(fixed, card.number.as_deref(), entered_id, IdSource::Typed);
    }
    Ok(fixed)
}

/// The fix from what [`check_seen`] found and decoded; the fixed file's `checks` are its file
/// rules only (no card analysis of the output).
pub fn fix_analysed(
    bytes: &[u8],
    file_name: &str,
    entered_id: Option<&str>,
    profile: &Profile,
    card: Option<&card::CardAnalysis>,
    decoded: Option<&Decoded>,
) -> Result<Fixed, FixError> {
    let found = card.and_then(|a| a.finding.as_ref());
    let read = card.and_then(|a| a.number.as_deref());
    fix_with_card(bytes, file_name, entered_id, profile, found, read, decoded)
}

/// Where the fixed file's name comes from, in the order tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// The number read off the card.
    Card,
    /// The ID typed on the page (or given to the CLI).
    Typed,
    /// The file's own name, already a valid ID.
    FileName,
}

impl NameSource {
    pub fn note(self, id: &str) -> String {
        let from = match self {
            NameSource::Card => "证件上读出的号码",
            NameSource::Typed => "填写的身份证号",
            NameSource::FileName => "原文件名里的身份证号",
        };
        format!("文件已按{from}命名为 {id}.jpg。")
    }
}

/// The ID the fixed file is named after: the number read off the card, else the typed ID, else a
/// valid ID in the file's name.
pub fn name_id(read: Option<&str>, entered_id: Option<&str>, file_name: &str) -> Option<(String, NameSource)> {
    read.filter(|id| check_format(id).is_ok())
        .map(|id| (id.to_owned(), NameSource::Card))
        .or_else(|| typed_id(entered_id).map(|id| (id.to_owned(), NameSource::Typed)))
        .or_else(|| valid_id_stem(file_name).map(|id| (id, NameSource::FileName)))
}

/// Produces a compliant document image named `<ID>.jpg` when the ID is known (see [`name_id`]).
/// With the card `found`, it is straightened and cropped to the card; without, the whole picture
/// is kept. `read` is the number read off the card; `decoded`, an earlier decode of `bytes` to
/// reuse (see [`crate::fix::fix_reusing`]).
pub fn fix_with_card(
    bytes: &[u8],
    file_name: &str,
    entered_id: Option<&str>,
    profile: &Profile,
    found: Option<&card::Finding>,
    read: Option<&str>,
    decoded: Option<&Decoded>,
) -> Result<Fixed, FixError> {
    let named = name_id(read, entered_id, file_name);
    let name = match &named {
        Some((id, _)) => format!("{id}.jpg"),
        None => "证件-请改名为身份证号.jpg".to_owned(),
    };
    let straighten = found.zip(profile.document.card.as_ref()).map(|(f, spec)| card::Straighten {
        corners: f.corners,
        frame: f.frame,
        margin: spec.fix_margin,
    });
    // A straightened crop that cannot pass (the "card" was a grey inner box) falls back to the
    // whole picture: the card checks then say what to retake.
    let straightened =
        straighten.as_ref().and_then(|fit| fix_reusing(bytes, &profile.document, fit, name.clone(), decoded).ok());
    let mut fixed = match straightened {
        Some(fixed) => fixed,
        None => fix_reusing(bytes, &profile.document, &WholeCard, name, decoded)?,
    };
    if fixed.notes.iter().all(|n| !n.contains("摆正")) && profile.document.card.is_some() {
        fixed.notes.insert(
            0,
            "没有在照片中找到证件的四个角，所以没有摆正、裁切，只把整张照片调整为规定尺寸。请重拍：证件放在深色桌面上、拍全四角。"
                .into(),
        );
    }
    if profile.document.name_by_id_number {
        match &named {
            Some((id, source)) => fixed.notes.push(source.note(id)),
            None => fixed
                .notes
                .push("还不知道身份证号：在上方填写考生身份证号后再修复，文件会自动以“身份证号.jpg”命名。".into()),
        }
        replace_name_check(&mut fixed.checks, &fixed.file_name, typed_id(entered_id));
    }
    Ok(fixed)
}

/// Re-checks only the file name when the typed ID changes (no need to decode again).
pub fn with_name_rechecked(mut report: Report, file_name: &str, entered_id: Option<&str>) -> Report {
    replace_name_check(&mut report.checks, file_name, entered_id);
    let card = report.card.take();
    Report { card, ..Report::new(report.kind, &report.profile, report.checks) }
}

/// Names an already fixed file after an ID typed later (no need to encode again), unless the
/// number read off the card (`read`) named it: that comes first. An ID that is not well-formed
/// leaves the file as it was.
pub fn renamed(mut fixed: Fixed, entered_id: Option<&str>, read: Option<&str>) -> Fixed {
    if let Some((id, source)) = name_id(read, entered_id, "")
        && fixed.file_name != format!("{id}.jpg")
    {
        fixed.file_name = format!("{id}.jpg");
        fixed.notes.retain(|n| !n.starts_with("文件已按") && !n.starts_with("还不知道身份证号"));
        fixed.notes.push(source.note(&id));
    }
    if let Some(id) = typed_id(entered_id) {
        replace_name_check(&mut fixed.checks, &fixed.file_name, Some(id));
    }
    fixed
}

/// Puts the `file.name` check for `file_name` in place of any earlier one.
fn replace_name_check(checks: &mut Vec<crate::report::Check>, file_name: &str, entered_id: Option<&str>) {
    checks.retain(|c| c.id != CheckId::FileName);
    checks.push(name_check(file_name, entered_id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::id_number::check_char;

    const CARD: &str = "11010519491231002X";
    const TYPED: &str = "440524188001010014";

    fn third() -> String {
        let first17 = "41010220080101001";
        format!("{first17}{}", check_char(first17).unwrap())
    }

    /// The check's file rules measure the colour on the card search's decode (1/2 scale here), not
    /// on their own 1/8-scale copy: every file rule must judge alike, colour or grey.
    #[test]
    fn the_file_rules_judge_alike_on_the_card_searchs_decode() {
        use card::synthetic::{Scene, photo};
        let p = crate::profile::by_id("henan-2024").unwrap();
        let colour = photo(&Scene::simple(3200, 2400, 7)).0;
        let grey = image::DynamicImage::ImageRgb8(colour.clone()).grayscale().to_rgb8();
        for (what, picture) in [("colour", colour), ("grey", grey)] {
            let bytes = crate::imaging::jpeg_write::encode(&picture, 88, 72).unwrap();
            let alone = check_file(&bytes, "IMG_1.jpg", None, p);
            let seen = check_seen(&bytes, "IMG_1.jpg", None, p);
            assert_eq!(seen.decoded.as_ref().map(|d| d.image.width()), Some(1600), "{what}");
            for rule in &alone.checks {
                let shared = seen.report.check(rule.id).unwrap_or_else(|| panic!("{what}: {} missing", rule.id));
                assert_eq!(shared.status, rule.status, "{what}: {}", rule.id);
            }
            let status = alone.check(CheckId::ImageColor).unwrap().status;
            assert_eq!(status == crate::report::Status::Pass, what == "colour", "{what}");
        }
    }

    #[test]
    fn the_name_comes_from_the_card_then_the_typed_id_then_the_file_name() {
        let file = format!("{}.jpg", third());
        assert_eq!(name_id(Some(CARD), Some(TYPED), &file), Some((CARD.to_owned(), NameSource::Card)));
        assert_eq!(name_id(None, Some(TYPED), &file), Some((TYPED.to_owned(), NameSource::Typed)));
        assert_eq!(name_id(None, Some(" 12345 "), &file), Some((third(), NameSource::FileName)));
        assert_eq!(name_id(Some("110105194912310021"), None, "IMG_1.jpg"), None, "a bad reading names nothing");
        assert_eq!(name_id(None, None, "IMG_1.jpg"), None);
    }

    #[test]
    fn the_fix_is_named_by_the_card_and_says_so_and_a_later_typed_id_does_not_rename_it() {
        let p = crate::profile::by_id("henan-2024").unwrap();
        let img = image::RgbImage::from_pixel(1000, 750, image::Rgb([90, 120, 160]));
        let bytes = crate::imaging::jpeg_write::encode(&img, 90, 72).unwrap();
        let fixed = fix_with_card(&bytes, "IMG_1.jpg", Some(TYPED), p, None, Some(CARD), None).unwrap();
        assert_eq!(fixed.file_name, format!("{CARD}.jpg"));
        assert!(fixed.notes.iter().any(|n| n == &NameSource::Card.note(CARD)), "{:?}", fixed.notes);
        let again = renamed(fixed, Some(TYPED), Some(CARD));
        assert_eq!(again.file_name, format!("{CARD}.jpg"));
        // Without a reading the typed ID names it, and the note says so instead.
        let fixed = fix_with_card(&bytes, "IMG_1.jpg", None, p, None, None, None).unwrap();
        assert!(fixed.notes.iter().any(|n| n.starts_with("还不知道身份证号")), "{:?}", fixed.notes);
        let typed = renamed(fixed, Some(TYPED), None);
        assert_eq!(typed.file_name, format!("{TYPED}.jpg"));
        assert!(typed.notes.contains(&NameSource::Typed.note(TYPED)), "{:?}", typed.notes);
        assert!(!typed.notes.iter().any(|n| n.starts_with("还不知道身份证号")));
    }
}
