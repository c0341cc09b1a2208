//! Draws the content checks' marks over the photo: an SVG with the analysed picture's own pixel
//! grid as its viewBox, stretched over the `<img>` (same aspect), so marks line up at any size.

use crate::photo::content::{Mark, Shape};
use crate::report::Status;
use leptos::prelude::*;

/// Stroke colour per status; chosen to stay readable on a blue background and on a projector.
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Pass => "#1f9d3a",
        Status::Warn => "#f08c00",
        Status::Fail => "#e0231c",
        Status::Manual => "#a23fd1",
    }
}

/// The marks over a `width`×`height` picture. `data-marks` counts them for the e2e tests.
#[component]
pub fn MarksOverlay(width: u32, height: u32, marks: Vec<Mark>) -> impl IntoView {
    let (w, h) = (width as f32, height as f32);
    let font = (h / 28.0).max(8.0);
    let count = marks.len();
    view! {
        <svg
            class="marks-overlay"
            viewBox=format!("0 0 {width} {height}")
            preserveAspectRatio="none"
            data-testid="marks-overlay"
            data-marks=count
            aria-hidden="true"
        >
            {marks.into_iter().map(|m| mark_view(m, w, h, font)).collect_view()}
        </svg>
    }
}

fn mark_view(mark: Mark, w: f32, h: f32, font: f32) -> impl IntoView {
    let colour = status_colour(mark.status);
    let (shape, anchor) = match mark.shape {
        Shape::Rect { rect } => (
            view! {
                <rect x=rect.x y=rect.y width=rect.width height=rect.height fill="none" stroke=colour
                    stroke-width="2.5" vector-effect="non-scaling-stroke" stroke-dasharray="6 3" />
            }
            .into_any(),
            (rect.x + 2.0, rect.y - 3.0),
        ),
        Shape::Line { from, to } => (
            view! {
                <line x1=from.x y1=from.y x2=to.x y2=to.y stroke=colour stroke-width="2.5" vector-effect="non-scaling-stroke" />
            }
            .into_any(),
            (to.x.min(from.x) + 2.0, from.y.min(to.y) - 3.0),
        ),
        Shape::Band { y0, y1 } => (
            view! { <rect x="0" y=y0.min(y1) width=w height=(y1 - y0).abs() fill=colour fill-opacity="0.18" /> }.into_any(),
            (w * 0.62, y0.min(y1) - 3.0),
        ),
        Shape::VBand { x0, x1 } => (
            view! { <rect x=x0.min(x1) y="0" width=(x1 - x0).abs() height=h fill=colour fill-opacity="0.14" /> }.into_any(),
            (x0.max(x1) + 2.0, h * 0.97),
        ),
        Shape::Dots { points } => {
            let r = (h / 120.0).max(2.0);
            let first = points.first().map(|p| (p.x + r * 1.5, p.y - r * 1.5)).unwrap_or((0.0, 0.0));
            (
                points
                    .into_iter()
                    .map(|p| view! { <circle cx=p.x cy=p.y r=r fill=colour stroke="white" stroke-width="1" vector-effect="non-scaling-stroke" /> })
                    .collect_view()
                    .into_any(),
                first,
            )
        }
    };
    let (x, y) = (anchor.0.clamp(0.0, w - font * 2.0), anchor.1.clamp(font, h - 2.0));
    view! {
        <g class=format!("mark status-{}", mark.status.as_str()) data-mark=mark.check.clone() data-status=mark.status.as_str()>
            {shape}
            {(!mark.label.is_empty()).then(|| view! {
                <text x=x y=y fill=colour font-size=font stroke="white" stroke-width=font / 8.0 paint-order="stroke">{mark.label}</text>
            })}
        </g>
    }
}
