//! A file's full report on the class page: every check row (`data-check`, as `#/photo` and
//! `#/document` mark theirs) with what was measured and expected, and the picture with the card's
//! outline drawn where the finder saw it, or a photo's marks (face box, head-top and chin lines,
//! eye line …) as the analysis worker drew them for `#/photo`. The single pages' report widgets are Leptos components
//! of the first-load wasm; the class page is its own lazily loaded wasm and draws this from strings.

use super::html::kind_label;
use super::session::Row;
use crate::markup::escape;
use crate::report::{Check, CheckId, Kind, Status};
use serde::Deserialize;
use std::fmt::Write;
use std::str::FromStr;

/// What the panel shows of a report (read back from the analysis worker's JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    pub checks: Vec<Check>,
    /// The card's corners in the file's upright pixels (documents whose card was found).
    pub card: Option<[[f64; 2]; 4]>,
    /// The file's upright size: the drawing's coordinate space.
    pub size: Option<(u32, u32)>,
    /// A photo's marks: SVG made by the analysis worker (`photo::svg::marks_svg`), whose viewBox is
    /// the analysed picture's grid (same aspect as the file), so it stretches over the picture.
    pub marks: Option<String>,
}

#[derive(Deserialize)]
struct Wire {
    checks: Vec<WireCheck>,
    #[serde(default)]
    card: Option<WireCard>,
}

#[derive(Deserialize)]
struct WireCheck {
    id: String,
    status: String,
    #[serde(default)]
    measured: String,
    #[serde(default)]
    expected: String,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct WireCard {
    corners: [[f64; 2]; 4],
}

fn status(s: &str) -> Option<Status> {
    [Status::Pass, Status::Manual, Status::Warn, Status::Fail].into_iter().find(|v| v.as_str() == s)
}

impl ReportView {
    /// The report a worker sent (`Report::to_json`); rows of checks this build does not know are
    /// left out rather than shown under a wrong name.
    pub fn from_json(json: &str, size: Option<(u32, u32)>) -> Option<ReportView> {
        let wire: Wire = serde_json::from_str(json).ok()?;
        let checks = wire
            .checks
            .into_iter()
            .filter_map(|c| {
                let id = CheckId::from_str(&c.id).ok()?;
                Some(Check::new(id, status(&c.status)?, c.measured, c.expected, c.message))
            })
            .collect();
        Some(ReportView { checks, card: wire.card.map(|c| c.corners), size, marks: None })
    }

    /// The same view with the marks the worker drew for it.
    pub fn with_marks(self, marks: Option<String>) -> ReportView {
        ReportView { marks, ..self }
    }
}

/// The panel for `row`'s file of `kind` (`[data-testid=class-report]`), or nothing when that file
/// has no report yet. `picture` is the file's object URL.
pub fn panel(row: &Row, kind: Kind) -> String {
    let slot = row.slot(kind);
    let Some(view) = &slot.report else { return String::new() };
    let mut out = format!(
        r#"<div class="class-report" data-testid="class-report" data-kind="{}" role="dialog" aria-label="检查报告"><div class="class-report-head"><strong>{} 的{}</strong> <span class="class-file">{}</span><button type="button" data-action="close">关闭</button></div>"#,
        kind.as_str(),
        escape(&row.name),
        kind_label(kind),
        escape(slot.file.as_deref().unwrap_or("")),
    );
    if let Some(src) = &slot.thumbnail {
        out.push_str(r#"<div class="class-report-picture">"#);
        let _ = write!(out, r#"<img src="{}" alt="{}">"#, escape(src), kind_label(kind));
        if let (Some(corners), Some((w, h))) = (view.card, view.size) {
            let points: Vec<String> = corners.iter().map(|[x, y]| format!("{x:.0},{y:.0}")).collect();
            let outline = view.checks.iter().find(|c| c.id == CheckId::CardWhole).map_or(Status::Pass, |c| c.status);
            let _ = write!(
                out,
                r#"<svg viewBox="0 0 {w} {h}" preserveAspectRatio="none" data-mark="card"><polygon points="{}" class="mark-{}" vector-effect="non-scaling-stroke"/></svg>"#,
                points.join(" "),
                outline.as_str()
            );
        }
        // The worker's own markup (numbers and escaped labels only), as #/photo shows it.
        if let Some(marks) = &view.marks {
            out.push_str(marks);
        }
        out.push_str("</div>");
    }
    out.push_str(r#"<ul class="class-report-checks">"#);
    for c in &view.checks {
        let _ = write!(
            out,
            r#"<li data-check="{}" data-status="{}"><strong>{}</strong> <span class="status">{}</span> <span>{}</span>"#,
            c.id.as_str(),
            c.status.as_str(),
            c.id.label(),
            c.status.label(),
            escape(&c.message)
        );
        if !c.measured.is_empty() || !c.expected.is_empty() {
            let _ = write!(
                out,
                r#" <span class="class-measured">实测：{}；要求：{}</span>"#,
                escape(&c.measured),
                escape(&c.expected)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classroom::session::Slot;
    use crate::report::Report;

    #[test]
    fn a_documents_report_comes_back_with_its_rows_and_the_cards_outline() {
        let checks = vec![
            Check::new(CheckId::FileName, Status::Fail, "IMG_1.jpg", "<身份证号>.jpg", "请改名"),
            Check::new(CheckId::CardWhole, Status::Warn, "", "", "一角贴近边缘"),
        ];
        let report = Report::new(Kind::Document, "henan-2024", checks).with_card(Some(crate::report::CardSummary {
            corners: [[10.0, 20.0], [410.0, 22.0], [408.0, 270.0], [12.0, 268.0]],
            number: None,
        }));
        let view = ReportView::from_json(&report.to_json(), Some((800, 600))).unwrap();
        assert_eq!(view.checks, report.checks);
        assert_eq!(view.card.map(|c| c[1]), Some([410.0, 22.0]));
        let mut row = Row { name: "王<雨>桐".into(), ..Row::default() };
        assert_eq!(panel(&row, Kind::Document), "", "no report yet, no panel");
        row.document = Slot {
            file: Some("a.jpg".into()),
            thumbnail: Some("blob:x".into()),
            report: Some(view),
            ..Slot::default()
        };
        let html = panel(&row, Kind::Document);
        assert!(html.contains(r#"data-testid="class-report" data-kind="document""#), "{html}");
        assert!(html.contains("王&lt;雨&gt;桐"), "{html}");
        assert!(html.contains(r#"<li data-check="file.name" data-status="fail"><strong>文件名</strong>"#), "{html}");
        assert!(html.contains("实测：IMG_1.jpg；要求：&lt;身份证号&gt;.jpg"), "{html}");
        assert!(
            html.contains(r#"viewBox="0 0 800 600""#)
                && html.contains(r#"points="10,20 410,22 408,270 12,268" class="mark-warn""#),
            "{html}"
        );
    }

    #[test]
    fn a_photos_marks_are_drawn_over_its_picture() {
        let json = r#"{"kind":"photo","profile":"p","verdict":"fail","checks":[{"id":"face.head_height","status":"fail","measured":"40%","expected":"66%","message":"头太小"}]}"#;
        let marks = crate::photo::svg::marks_svg(
            450,
            600,
            &[crate::photo::content::Mark::new(
                CheckId::FaceHeadHeight,
                Status::Fail,
                "头顶",
                crate::photo::content::Shape::Line {
                    from: crate::face::Point { x: 0.0, y: 100.0 },
                    to: crate::face::Point { x: 450.0, y: 100.0 },
                },
            )],
        );
        let view = ReportView::from_json(json, Some((900, 1200))).unwrap().with_marks(Some(marks));
        let row = Row {
            name: "李四".into(),
            photo: Slot {
                file: Some("p.jpg".into()),
                thumbnail: Some("blob:p".into()),
                report: Some(view),
                ..Slot::default()
            },
            ..Row::default()
        };
        let html = panel(&row, Kind::Photo);
        let picture = &html[html.find("class-report-picture").unwrap()..html.find("class-report-checks").unwrap()];
        assert!(picture.contains(r#"data-testid="marks-overlay""#), "{html}");
        assert!(picture.contains(r#"data-mark="face.head_height" data-status="fail""#), "{html}");
        assert!(!picture.contains("<polygon"), "a photo has no card outline: {html}");
    }

    #[test]
    fn a_photos_report_has_no_outline_and_unknown_rows_are_left_out() {
        let json = r#"{"kind":"photo","profile":"p","verdict":"fail","checks":[{"id":"face.count","status":"fail","measured":"0","expected":"1","message":"没有找到人脸"},{"id":"no.such","status":"pass","measured":"","expected":"","message":""}]}"#;
        let view = ReportView::from_json(json, Some((450, 600))).unwrap();
        assert_eq!(view.checks.len(), 1);
        assert_eq!((view.checks[0].id, view.checks[0].status, view.card), (CheckId::FaceCount, Status::Fail, None));
        assert!(ReportView::from_json("not json", None).is_none());
    }
}
