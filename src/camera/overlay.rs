//! The target frame drawn over the live preview, as SVG markup in the frame's own pixels (the page
//! lays it over the video with the same aspect): the crop of the photo, the bands where the hair
//! top and the chin belong, the eye line band and the centre line; and the head the detector sees,
//! green when the hint is "ok", orange otherwise. Lines only, no text: the hint above says it.

use super::guide::Guide;
use super::head::Head;
use crate::photo::svg::status_colour;
use crate::report::Status;
use std::fmt::Write;

pub fn overlay_svg(width: u32, height: u32, guide: &Guide, head: Option<&Head>, ok: bool) -> String {
    let c = guide.crop;
    let stroke = (width.max(height) as f32 / 320.0).max(1.0);
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="camera-overlay" aria-hidden="true">"##
    );
    // Darken outside the crop so the photo's own frame stands out.
    let _ = write!(
        s,
        r##"<path fill="rgba(0,0,0,0.35)" fill-rule="evenodd" d="M0 0H{width}V{height}H0Z M{x} {y}h{w}v{h}h-{w}Z"/>"##,
        x = c.x,
        y = c.y,
        w = c.width,
        h = c.height
    );
    let _ = write!(
        s,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#fff" stroke-width="{stroke}"/>"##,
        c.x, c.y, c.width, c.height
    );
    let band = |s: &mut String, b: crate::profile::Band, colour: &str| {
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-width="{stroke}" stroke-dasharray="{d} {d}"/>"##,
            c.x,
            b.min,
            c.width,
            (b.max - b.min).max(stroke),
            d = stroke * 4.0
        );
    };
    band(&mut s, guide.top_band(), "#ffffff");
    band(&mut s, guide.chin_band(), "#ffffff");
    band(&mut s, guide.eye_band(), "#8ecbff");
    let _ = write!(
        s,
        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#fff" stroke-width="{stroke}" stroke-dasharray="{d} {d}"/>"##,
        c.y,
        c.y + c.height,
        x = guide.centre_x(),
        d = stroke * 3.0
    );
    if let Some(h) = head {
        let colour = status_colour(if ok { Status::Pass } else { Status::Warn });
        let half = (h.chin - h.top) * 0.38;
        let _ = write!(
            s,
            r##"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="none" stroke="{colour}" stroke-width="{}" data-mark="head"/>"##,
            h.eye_mid.x,
            (h.top + h.chin) / 2.0,
            half,
            (h.chin - h.top) / 2.0,
            stroke * 2.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::Point;
    use crate::profile::default_profile;

    #[test]
    fn draws_the_frame_always_and_the_head_only_when_seen_in_the_hint_colour() {
        let g = Guide::new(320, 240, 0.75, &default_profile().photo_content.geometry);
        let empty = overlay_svg(320, 240, &g, None, false);
        assert!(empty.starts_with("<svg") && empty.ends_with("</svg>"));
        assert!(empty.contains(r##"viewBox="0 0 320 240""##));
        assert!(!empty.contains("data-mark=\"head\""));
        let head = Head { top: 30.0, chin: 170.0, eye_mid: Point { x: 160.0, y: 90.0 }, roll_deg: 0.0, yaw_deg: 0.0 };
        let ok = overlay_svg(320, 240, &g, Some(&head), true);
        assert!(ok.contains("data-mark=\"head\"") && ok.contains(status_colour(Status::Pass)));
        let off = overlay_svg(320, 240, &g, Some(&head), false);
        assert!(off.contains(status_colour(Status::Warn)) && !off.contains(status_colour(Status::Pass)));
    }
}
