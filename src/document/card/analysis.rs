//! One call from a decoded picture to everything shown about its card: the finding (the fix
//! straightens by it), the checks and the marks drawn over the picture. The Web Worker runs it for
//! the page, and `document::check` for the CLI, so both give the same verdicts.

use super::checks::checks;
use super::find::{Finding, find};
use super::geometry::{Homography, Pt, rect_corners};
use super::layout::{CARD_H, CARD_W, NUMBER, Side};
use super::number::read;
use crate::face::Point;
use crate::photo::content::{Mark, Shape};
use crate::profile::CardSpec;
use crate::report::{CardSummary, Check, CheckId, Status};
use image::RgbImage;

/// Longest side of the picture the card is judged on. The finder works at 800 px; the legibility
/// and glare checks read the card flattened at 5 px/mm (428 px wide), which this size still
/// covers when the card spans a quarter of the photo's width.
pub const MAX_SIDE: u32 = 1600;

#[derive(Debug, Clone, PartialEq)]
pub struct CardAnalysis {
    /// The card, when one was found with enough confidence to be judged and straightened.
    pub finding: Option<Finding>,
    pub checks: Vec<Check>,
    /// In the analysed picture's pixels.
    pub marks: Vec<Mark>,
    /// The number read off the portrait side, when the reader was sure of it (see `number`).
    pub number: Option<String>,
}

impl CardAnalysis {
    /// The report's `"card"`: the corners in the pixels of the file's own picture (`full`, of
    /// which the analysed picture is a copy), and the number; `None` without a card.
    pub fn summary(&self, full: (u32, u32)) -> Option<CardSummary> {
        let f = self.finding.as_ref()?;
        let k = f64::from(full.0) / f64::from(f.frame.0.max(1));
        let round = |v: f64| (v * k * 10.0).round() / 10.0;
        Some(CardSummary { corners: f.corners.map(|p| [round(p.x), round(p.y)]), number: self.number.clone() })
    }
}

/// Finds and judges the card in `img`, a copy (at most [`MAX_SIDE`]) of a picture `full_width`
/// pixels wide.
pub fn analyse(img: &RgbImage, full_width: u32, spec: &CardSpec) -> CardAnalysis {
    analyse_found(img, find(img), full_width, spec)
}

/// [`analyse`] after the finder has run (the worker times the two apart).
pub fn analyse_found(img: &RgbImage, found: Option<Finding>, full_width: u32, spec: &CardSpec) -> CardAnalysis {
    let finding = found.filter(|f| f.confidence >= spec.min_confidence);
    let mut checks = checks(img, finding.as_ref(), full_width, spec);
    // Only the portrait side carries the number; the emblem side's row is `card.side`'s failure.
    let reading = finding.as_ref().filter(|f| f.side == Side::Portrait).map(|f| read(img, f, spec));
    let number = reading.and_then(|r| r.number);
    if finding.as_ref().is_some_and(|f| f.side == Side::Portrait) {
        // Cross-checked against the file name and the typed ID by `document`, which knows them.
        checks.push(super::checks::number(number.as_deref(), None, None));
    }
    let marks = finding.as_ref().map(|f| marks(f, img.dimensions(), &checks)).unwrap_or_default();
    CardAnalysis { finding, checks, marks, number }
}

fn point(p: Pt) -> Point {
    Point { x: p.x as f32, y: p.y as f32 }
}

/// The card's outline and corners, its reading line, its centre against the picture's, and the
/// number line, each in the colour of the check it explains.
fn marks(f: &Finding, (w, h): (u32, u32), checks: &[Check]) -> Vec<Mark> {
    let status = |id: CheckId| checks.iter().find(|c| c.id == id).map_or(Status::Pass, |c| c.status);
    let k = f64::from(w) / f64::from(f.frame.0.max(1));
    let c = f.corners.map(|p| p.scale(k));
    let Some(card_to_picture) = Homography::from_points(rect_corners(CARD_W, CARD_H), c) else {
        return Vec::new();
    };
    let on_card = |x: f64, y: f64| point(card_to_picture.apply(Pt::new(x, y)));
    let outline_status = status(CheckId::CardWhole).max(status(CheckId::CardFound));
    let number = [(NUMBER.x0, NUMBER.y0), (NUMBER.x1, NUMBER.y0), (NUMBER.x1, NUMBER.y1), (NUMBER.x0, NUMBER.y1)];
    let mut marks = vec![
        Mark::new(CheckId::CardWhole, outline_status, "证件", Shape::Outline { points: c.map(point).to_vec() }),
        Mark::new(
            CheckId::CardPerspective,
            status(CheckId::CardPerspective),
            "",
            Shape::Dots { points: c.map(point).to_vec() },
        ),
        // The card's own horizontal through its middle: level when it runs parallel to the frame.
        Mark::new(
            CheckId::CardLevel,
            status(CheckId::CardLevel),
            "水平线",
            Shape::Line { from: on_card(0.0, CARD_H / 2.0), to: on_card(CARD_W, CARD_H / 2.0) },
        ),
        Mark::new(
            CheckId::CardCentered,
            status(CheckId::CardCentered),
            "中心",
            Shape::Dots {
                points: vec![on_card(CARD_W / 2.0, CARD_H / 2.0), Point { x: w as f32 / 2.0, y: h as f32 / 2.0 }],
            },
        ),
    ];
    // Two cards: the other one's outline, in the colour of `card.found`'s failure.
    if status(CheckId::CardFound) == Status::Fail
        && let Some((other, _)) = f.second
    {
        let points = other.map(|p| point(p.scale(k))).to_vec();
        marks.push(Mark::new(CheckId::CardFound, Status::Fail, "另一张证件", Shape::Outline { points }));
    }
    if f.side == Side::Portrait {
        let legible = status(CheckId::CardLegible).max(status(CheckId::CardGlare)).max(status(CheckId::CardNumber));
        marks.push(Mark::new(
            CheckId::CardLegible,
            legible,
            "号码",
            Shape::Outline { points: number.iter().map(|&(x, y)| on_card(x, y)).collect() },
        ));
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::super::synthetic::{Background, Scene, photo};
    use super::*;
    use crate::profile::by_id;

    fn spec() -> CardSpec {
        by_id("henan-2024").and_then(|p| p.document.card.clone()).expect("henan has [document.card]")
    }

    #[test]
    fn a_found_card_gets_every_check_and_marks_where_it_lies() {
        let mut scene = Scene::simple(1200, 900, 31);
        scene.background = Background::Wood;
        scene.card.as_mut().unwrap().rotation = 7.0;
        let (img, truth) = photo(&scene);
        let a = analyse(&img, 4000, &spec());
        let f = a.finding.as_ref().expect("found");
        assert_eq!(a.checks.iter().map(|c| c.id).collect::<Vec<_>>(), CheckId::CARD);
        let level = a.checks.iter().find(|c| c.id == CheckId::CardLevel).unwrap();
        assert_ne!(level.status, Status::Pass, "7° is not level: {level:?}");
        // The outline runs through the found corners, which are near the true ones.
        let outline = a.marks.iter().find(|m| m.check == CheckId::CardWhole).expect("outline");
        let Shape::Outline { points } = &outline.shape else { panic!("{outline:?}") };
        for (p, t) in points.iter().zip(truth.corners.unwrap()) {
            assert!((f64::from(p.x) - t.x).hypot(f64::from(p.y) - t.y) < 12.0, "{p:?} vs {t:?}");
        }
        // The level line's colour is the level check's.
        let line = a.marks.iter().find(|m| m.check == CheckId::CardLevel).unwrap();
        assert_eq!(line.status, level.status);
        // Measured in the file's pixels: 4000 px wide, not the copy's 1200.
        let legible = a.checks.iter().find(|c| c.id == CheckId::CardLegible).unwrap();
        let reported: f64 = legible
            .measured
            .split("证件宽 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no width in {:?}", legible.measured));
        let in_copy = (f.corners[0].dist(f.corners[1]) + f.corners[3].dist(f.corners[2])) / 2.0;
        assert!((reported - in_copy * 4000.0 / 1200.0).abs() <= 1.0, "{reported} vs {in_copy} in the copy");
    }

    #[test]
    fn the_portrait_side_is_read_and_the_emblem_side_has_no_number_row() {
        let (img, truth) = photo(&Scene::simple(1200, 900, 33));
        let a = analyse(&img, 1200, &spec());
        assert_eq!(a.number, truth.number);
        let row = a.checks.iter().find(|c| c.id == CheckId::CardNumber).expect("number row");
        assert_eq!((row.status, Some(&row.measured)), (Status::Pass, truth.number.as_ref()));
        let summary = a.summary((2400, 1800)).expect("card");
        assert_eq!(summary.number, truth.number);
        let f = a.finding.as_ref().unwrap();
        assert!((summary.corners[2][0] - f.corners[2].x * 2.0).abs() < 0.06, "in the file's pixels: {summary:?}");
        let mut emblem = Scene::simple(1200, 900, 34);
        emblem.card.as_mut().unwrap().side = Side::Emblem;
        let (img, _) = photo(&emblem);
        let a = analyse(&img, 1200, &spec());
        assert_eq!(a.finding.as_ref().map(|f| f.side), Some(Side::Emblem));
        assert!(a.number.is_none() && a.checks.iter().all(|c| c.id != CheckId::CardNumber), "{:?}", a.checks);
    }

    #[test]
    fn no_card_means_one_failed_row_and_no_marks() {
        let scene = Scene { card: None, ..Scene::simple(640, 480, 32) };
        let (img, _) = photo(&scene);
        let a = analyse(&img, 640, &spec());
        assert!(a.finding.is_none() && a.marks.is_empty());
        assert_eq!(a.checks.len(), 1);
        assert_eq!((a.checks[0].id, a.checks[0].status), (CheckId::CardFound, Status::Fail));
    }
}
