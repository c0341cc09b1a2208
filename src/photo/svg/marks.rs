//! The marks over the photo: an SVG whose viewBox is the analysed picture's own pixel grid,
//! stretched over the `<img>` (same aspect), so marks line up at any display size.

use super::{escape, num, status_colour};
use crate::photo::content::{Mark, Shape};
use crate::report::Status;
use std::fmt::Write as _;

/// SVG markup for `marks` over a `width`×`height` picture. Each mark is a `<g data-mark=… data-status=…>`.
pub fn marks_svg(width: u32, height: u32, marks: &[Mark]) -> String {
    let (w, h) = (width as f32, height as f32);
    let font = (h / 28.0).max(8.0);
    let mut s = format!(
        r#"<svg class="marks-overlay" viewBox="0 0 {width} {height}" preserveAspectRatio="none" data-testid="marks-overlay" data-marks="{}" aria-hidden="true">"#,
        marks.len()
    );
    let anchors: Vec<Option<(f32, f32)>> =
        marks.iter().map(|m| (!m.label.is_empty()).then(|| anchor(m, w, h))).collect();
    let labels = place_labels(marks, &anchors, font, w, h);
    for (i, m) in marks.iter().enumerate() {
        let colour = status_colour(m.status);
        let _ = write!(
            s,
            r#"<g class="mark status-{st}" data-mark="{id}" data-status="{st}">"#,
            st = m.status.as_str(),
            id = m.check.as_str()
        );
        let stroke = format!(r#"stroke="{colour}" stroke-width="2.5" vector-effect="non-scaling-stroke""#);
        match &m.shape {
            Shape::Rect { rect } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" {stroke} stroke-dasharray="6 3"/>"#,
                    num(rect.x),
                    num(rect.y),
                    num(rect.width),
                    num(rect.height)
                );
            }
            Shape::Line { from, to } => {
                let _ = write!(
                    s,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {stroke}/>"#,
                    num(from.x),
                    num(from.y),
                    num(to.x),
                    num(to.y)
                );
            }
            Shape::Band { y0, y1 } => {
                let _ = write!(
                    s,
                    r#"<rect x="0" y="{}" width="{}" height="{}" fill="{colour}" fill-opacity="0.18"/>"#,
                    num(y0.min(*y1)),
                    num(w),
                    num((y1 - y0).abs())
                );
            }
            Shape::VBand { x0, x1 } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="0" width="{}" height="{}" fill="{colour}" fill-opacity="0.14"/>"#,
                    num(x0.min(*x1)),
                    num((x1 - x0).abs()),
                    num(h)
                );
            }
            Shape::Dots { points } => {
                let r = (h / 120.0).max(2.0);
                for p in points {
                    let _ = write!(
                        s,
                        r#"<circle cx="{}" cy="{}" r="{}" fill="{colour}" stroke="white" stroke-width="1" vector-effect="non-scaling-stroke"/>"#,
                        num(p.x),
                        num(p.y),
                        num(r)
                    );
                }
            }
            Shape::Outline { points } => {
                let list: Vec<String> = points.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
                let _ = write!(s, r#"<polygon points="{}" fill="none" {stroke}/>"#, list.join(" "));
            }
        }
        if let Some((x, y)) = labels[i] {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" fill="{colour}" font-size="{}" stroke="white" stroke-width="{}" paint-order="stroke">{}</text>"#,
                num(x),
                num(y),
                num(font),
                num(font / 8.0),
                escape(&m.label)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// Where a mark's label would sit, before avoiding the others: beside its shape.
fn anchor(m: &Mark, w: f32, h: f32) -> (f32, f32) {
    match &m.shape {
        Shape::Rect { rect } => (rect.x + 2.0, rect.y - 3.0),
        Shape::Line { from, to } => (from.x.min(to.x) + 2.0, from.y.min(to.y) - 3.0),
        Shape::Band { y0, y1 } => (w * 0.62, y0.min(*y1) - 3.0),
        Shape::VBand { x0, x1 } => (x0.max(*x1) + 2.0, h * 0.97),
        Shape::Dots { points } => {
            let r = (h / 120.0).max(2.0);
            points.first().map(|p| (p.x + r * 1.5, p.y - r * 1.5)).unwrap_or((0.0, 0.0))
        }
        // Above the topmost point.
        Shape::Outline { points } => {
            let top = points.iter().min_by(|a, b| a.y.total_cmp(&b.y));
            top.map(|p| (p.x + 2.0, p.y - 3.0)).unwrap_or((0.0, 0.0))
        }
    }
}

/// A label's box: CJK characters are a font size wide, others about 0.6 of it; `y` is the baseline.
fn label_box(text: &str, (x, y): (f32, f32), font: f32) -> [f32; 4] {
    let width: f32 = text.chars().map(|c| if c.is_ascii() { font * 0.6 } else { font }).sum();
    [x, y - font, x + width, y + font * 0.25]
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Label positions that never overlap: the labels of rows that did not pass are placed first (they
/// explain the verdict), each at its anchor or nudged up or down by a line; a label that finds no
/// free place is left out (its row still says everything). Kept inside the picture.
fn place_labels(marks: &[Mark], anchors: &[Option<(f32, f32)>], font: f32, w: f32, h: f32) -> Vec<Option<(f32, f32)>> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| marks[i].status == Status::Pass);
    let mut placed: Vec<[f32; 4]> = Vec::new();
    let mut out = vec![None; marks.len()];
    for i in order {
        let Some((ax, ay)) = anchors[i] else { continue };
        let spot = [0.0, 1.2, -1.2, 2.4, -2.4].iter().find_map(|step| {
            let x = ax.clamp(0.0, (w - font * 2.0).max(0.0));
            let y = (ay + step * font).clamp(font, (h - 2.0).max(font));
            let b = label_box(&marks[i].label, (x, y), font);
            (!placed.iter().any(|p| overlaps(p, &b))).then_some((x, y, b))
        });
        if let Some((x, y, b)) = spot {
            placed.push(b);
            out[i] = Some((x, y));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::{BoxF, Point};
    use crate::report::{CheckId, Status};

    #[test]
    fn each_mark_is_a_group_with_its_check_status_and_colour() {
        let marks = vec![
            Mark::new(
                CheckId::FaceHeadHeight,
                Status::Fail,
                "头顶",
                Shape::Line { from: Point { x: 0.0, y: 40.0 }, to: Point { x: 450.0, y: 40.0 } },
            ),
            Mark::new(
                CheckId::BackgroundColor,
                Status::Pass,
                "",
                Shape::Rect { rect: BoxF { x: 1.0, y: 2.0, width: 30.0, height: 40.0 } },
            ),
            Mark::new(CheckId::FaceCentered, Status::Warn, "<中>", Shape::VBand { x0: 200.0, x1: 250.0 }),
        ];
        let svg = marks_svg(450, 600, &marks);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"viewBox="0 0 450 600""#) && svg.contains(r#"data-marks="3""#));
        assert_eq!(svg.matches("<g ").count(), 3);
        assert!(svg.contains(r#"data-mark="face.head_height" data-status="fail""#));
        assert!(svg.contains(&format!(r#"stroke="{}""#, status_colour(Status::Fail))));
        assert!(svg.contains("&lt;中&gt;") && !svg.contains("<中>"), "labels are escaped");
        assert_eq!(svg.matches("<text").count(), 2, "no text for an empty label");
    }

    #[test]
    fn labels_never_overlap_and_the_failed_rows_labels_win_the_place() {
        let line = |id, status, label: &str, y: f32| {
            Mark::new(id, status, label, Shape::Line { from: Point { x: 10.0, y }, to: Point { x: 440.0, y } })
        };
        // Six labels at nearly the same place: the anchors are 2 px apart.
        let marks: Vec<Mark> = [
            (CheckId::BackgroundColor, Status::Pass, "上方背景"),
            (CheckId::ImageSharpness, Status::Pass, "清晰度取样"),
            (CheckId::CaptureRecapture, Status::Pass, "频谱取样"),
            (CheckId::FaceTopMargin, Status::Fail, "头顶"),
            (CheckId::LightingEven, Status::Pass, "光线"),
            (CheckId::ClothingDark, Status::Pass, "衣服"),
        ]
        .into_iter()
        .enumerate()
        .map(|(k, (id, st, label))| line(id, st, label, 100.0 + 2.0 * k as f32))
        .collect();
        let font = 600.0 / 28.0;
        let anchors: Vec<_> = marks.iter().map(|m| Some(anchor(m, 450.0, 600.0))).collect();
        let placed = place_labels(&marks, &anchors, font, 450.0, 600.0);
        let boxes: Vec<[f32; 4]> =
            placed.iter().zip(&marks).filter_map(|(p, m)| p.map(|at| label_box(&m.label, at, font))).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(placed[3], Some((12.0, 103.0)), "the failed row's label keeps its own place");
        assert!(placed.iter().filter(|p| p.is_some()).count() >= 3, "{placed:?}");
        assert!(placed.iter().any(|p| p.is_none()), "with six labels in one spot some must give way");
    }

    #[test]
    fn broken_coordinates_do_not_break_the_markup() {
        let m = Mark::new(
            CheckId::FaceEarsVisible,
            Status::Pass,
            "a",
            Shape::Dots { points: vec![Point { x: f32::NAN, y: f32::INFINITY }] },
        );
        let svg = marks_svg(1, 1, &[m]);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        let outline = Mark::new(
            CheckId::CardWhole,
            Status::Fail,
            "证件",
            Shape::Outline {
                points: vec![Point { x: 1.0, y: 9.0 }, Point { x: f32::NAN, y: 2.0 }, Point { x: 5.0, y: 5.0 }],
            },
        );
        let svg = marks_svg(10, 10, &[outline]);
        assert!(svg.contains(r#"<polygon points="1.0,9.0 0,2.0 5.0,5.0""#) && !svg.contains("NaN"), "{svg}");
    }
}
