//! What to do first about a report: the rows that are not passed, sorted by what the person can do
//! about them. A parent on a phone reads three short lists (the fix solves these, these need a new
//! picture, these need your eyes) instead of two dozen rows with measured and expected values.

use super::{Check, CheckId, Kind, Report, Status};

/// What solves a row that did not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Remedy {
    /// The one-click fix changes this (format, size, pixels, dpi, name; the crop for framing; the
    /// straightening for a card photographed askew). The fix re-checks its output, so a promise
    /// made here is verified, not assumed.
    Fix,
    /// Only a new picture helps (background, light, pose, eyes, clothes, a blurred or cut-off card).
    Retake,
    /// A machine cannot be sure: the person looks and confirms.
    Confirm,
    /// The page's own analysis is still running or failed: nothing to do but wait or look.
    Pending,
}

impl Remedy {
    pub fn as_str(self) -> &'static str {
        match self {
            Remedy::Fix => "fix",
            Remedy::Retake => "retake",
            Remedy::Confirm => "confirm",
            Remedy::Pending => "pending",
        }
    }

    /// The group's heading on the page.
    pub fn heading(self) -> &'static str {
        match self {
            Remedy::Fix => "一键修复可以解决",
            Remedy::Retake => "需要重拍",
            Remedy::Confirm => "请你确认",
            Remedy::Pending => "还在检查",
        }
    }
}

/// The remedy for one row that did not pass, or `None` for a passed row. A confirmed manual row
/// stays with the rows to confirm, so the person can take the confirmation back where they gave it.
pub fn remedy(kind: Kind, check: &Check) -> Option<Remedy> {
    if check.status == Status::Pass {
        return None;
    }
    if CheckId::OWN.contains(&check.id) {
        return Some(Remedy::Pending);
    }
    if check.status == Status::Manual {
        return Some(Remedy::Confirm);
    }
    Some(if fixable(kind, check.id) { Remedy::Fix } else { Remedy::Retake })
}

/// What the fix of `kind` changes. Everything about the file but its colour (a grey picture stays
/// grey); for a photo the crop (where the head sits in the frame, not how big the face was
/// photographed: the fix scales, so head size is a crop question too); for a document the
/// straightening to the card (tilt, perspective, position and size of the card in the frame).
fn fixable(kind: Kind, id: CheckId) -> bool {
    use CheckId::*;
    match id {
        FileFormat | FileSize | FileName | ImageDimensions | ImageDpi => true,
        FaceHeadHeight | FaceTopMargin | FaceCentered | FaceEyeLine => kind == Kind::Photo,
        CardLevel | CardCentered | CardFill | CardPerspective => kind == Kind::Document,
        _ => false,
    }
}

/// The rows that did not pass, grouped by remedy in the order the page shows them (fix first: it
/// is one click; then what needs a new picture; then what to confirm; then what is still running).
/// Rows keep their report order within a group. Empty groups are left out.
pub fn next_steps(report: &Report) -> Vec<(Remedy, Vec<&Check>)> {
    let mut groups: Vec<(Remedy, Vec<&Check>)> = Vec::new();
    for check in &report.checks {
        let Some(r) = remedy(report.kind, check) else { continue };
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, rows)) => rows.push(check),
            None => groups.push((r, vec![check])),
        }
    }
    groups.sort_by_key(|(r, _)| *r);
    groups
}

/// One line for the fix group: that a fix exists matters more than the details.
pub fn fix_summary(rows: &[&Check]) -> String {
    let names: Vec<&str> = rows.iter().map(|c| c.id.label()).collect();
    format!("{}：点下面的“一键修复”，修复后的文件会再检查一遍。", names.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: CheckId, status: Status) -> Check {
        Check::new(id, status, "实测", "要求", format!("{} 的说明", id.label()))
    }

    fn report(kind: Kind, rows: Vec<Check>) -> Report {
        Report::new(kind, "henan-2024", rows)
    }

    fn ids(groups: &[(Remedy, Vec<&Check>)]) -> Vec<(Remedy, Vec<CheckId>)> {
        groups.iter().map(|(r, rows)| (*r, rows.iter().map(|c| c.id).collect())).collect()
    }

    #[test]
    fn a_photo_too_big_and_on_white_needs_the_fix_and_a_retake_in_that_order() {
        let r = report(
            Kind::Photo,
            vec![
                row(CheckId::BackgroundColor, Status::Fail),
                row(CheckId::FileSize, Status::Fail),
                row(CheckId::ImageDpi, Status::Pass),
                row(CheckId::FaceHeadHeight, Status::Warn),
                row(CheckId::AttireJewellery, Status::Manual),
                row(CheckId::FacePose, Status::Warn),
            ],
        );
        assert_eq!(
            ids(&next_steps(&r)),
            vec![
                (Remedy::Fix, vec![CheckId::FileSize, CheckId::FaceHeadHeight]),
                (Remedy::Retake, vec![CheckId::BackgroundColor, CheckId::FacePose]),
                (Remedy::Confirm, vec![CheckId::AttireJewellery]),
            ]
        );
    }

    #[test]
    fn passed_rows_need_nothing_and_confirmed_ones_stay_where_they_were_confirmed() {
        let r = report(Kind::Photo, vec![row(CheckId::FileSize, Status::Pass), row(CheckId::ImageDpi, Status::Pass)]);
        assert!(next_steps(&r).is_empty());
        let r = report(
            Kind::Photo,
            vec![row(CheckId::FileSize, Status::Pass), row(CheckId::ClothingCollar, Status::Manual).confirmed(true)],
        );
        assert_eq!(ids(&next_steps(&r)), vec![(Remedy::Confirm, vec![CheckId::ClothingCollar])]);
    }

    #[test]
    fn framing_is_fixed_by_the_photo_crop_and_the_card_by_straightening_not_the_other_way() {
        let framing = row(CheckId::FaceCentered, Status::Fail);
        assert_eq!(remedy(Kind::Photo, &framing), Some(Remedy::Fix));
        let tilted = row(CheckId::CardLevel, Status::Fail);
        assert_eq!(remedy(Kind::Document, &tilted), Some(Remedy::Fix));
        assert_eq!(remedy(Kind::Photo, &tilted), Some(Remedy::Retake));
        // A card cut off by the frame or blurred cannot be straightened into a good one.
        for id in [CheckId::CardWhole, CheckId::CardLegible, CheckId::CardGlare, CheckId::CardFound] {
            assert_eq!(remedy(Kind::Document, &row(id, Status::Fail)), Some(Remedy::Retake), "{id}");
        }
        // A grey picture stays grey after the fix.
        assert_eq!(remedy(Kind::Photo, &row(CheckId::ImageColor, Status::Fail)), Some(Remedy::Retake));
    }

    #[test]
    fn the_pages_own_analysis_row_is_pending_whatever_its_status() {
        for status in [Status::Warn, Status::Fail, Status::Manual] {
            assert_eq!(remedy(Kind::Photo, &row(CheckId::ContentAnalysis, status)), Some(Remedy::Pending));
        }
    }

    #[test]
    fn the_fix_summary_names_every_row_it_solves() {
        let (a, b) = (row(CheckId::FileSize, Status::Fail), row(CheckId::ImageDpi, Status::Warn));
        let line = fix_summary(&[&a, &b]);
        assert!(line.starts_with("文件大小、分辨率（dpi）："), "{line}");
    }
}
