//! The marks over the photo: an SVG whose viewBox is the analysed picture's own pixel grid,
//! stretched over the `<img>` (same aspect), so marks line up at any display size.

use super::{escape, num, status_colour};
use crate::photo::content::{Mark, Shape};
use std::fmt::Write as _;

/// SVG markup for `marks` over a `width`×`height` picture. Each mark is a `<g data-mark=… data-status=…>`.
pub fn marks_svg(width: u32, height: u32, marks: &[Mark]) -> String {
    let (w, h) = (width as f32, height as f32);
    let font = (h / 28.0).max(8.0);
    let mut s = format!(
        r#"<svg class="marks-overlay" viewBox="0 0 {width} {height}" preserveAspectRatio="none" data-testid="marks-overlay" data-marks="{}" aria-hidden="true">"#,
        marks.len()
    );
    for m in marks {
        let colour = status_colour(m.status);
        let _ = write!(
            s,
            r#"<g class="mark status-{st}" data-mark="{id}" data-status="{st}">"#,
            st = m.status.as_str(),
            id = m.check.as_str()
        );
        let stroke = format!(r#"stroke="{colour}" stroke-width="2.5" vector-effect="non-scaling-stroke""#);
        let anchor = match &m.shape {
            Shape::Rect { rect } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" {stroke} stroke-dasharray="6 3"/>"#,
                    num(rect.x),
                    num(rect.y),
                    num(rect.width),
                    num(rect.height)
                );
                (rect.x + 2.0, rect.y - 3.0)
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
                (from.x.min(to.x) + 2.0, from.y.min(to.y) - 3.0)
            }
            Shape::Band { y0, y1 } => {
                let _ = write!(
                    s,
                    r#"<rect x="0" y="{}" width="{}" height="{}" fill="{colour}" fill-opacity="0.18"/>"#,
                    num(y0.min(*y1)),
                    num(w),
                    num((y1 - y0).abs())
                );
                (w * 0.62, y0.min(*y1) - 3.0)
            }
            Shape::VBand { x0, x1 } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="0" width="{}" height="{}" fill="{colour}" fill-opacity="0.14"/>"#,
                    num(x0.min(*x1)),
                    num((x1 - x0).abs()),
                    num(h)
                );
                (x0.max(*x1) + 2.0, h * 0.97)
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
                points.first().map(|p| (p.x + r * 1.5, p.y - r * 1.5)).unwrap_or((0.0, 0.0))
            }
            Shape::Outline { points } => {
                let list: Vec<String> = points.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect();
                let _ = write!(s, r#"<polygon points="{}" fill="none" {stroke}/>"#, list.join(" "));
                // The label sits above the topmost point.
                let top = points.iter().min_by(|a, b| a.y.total_cmp(&b.y));
                top.map(|p| (p.x + 2.0, p.y - 3.0)).unwrap_or((0.0, 0.0))
            }
        };
        if !m.label.is_empty() {
            let (x, y) = (anchor.0.clamp(0.0, (w - font * 2.0).max(0.0)), anchor.1.clamp(font, (h - 2.0).max(font)));
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
