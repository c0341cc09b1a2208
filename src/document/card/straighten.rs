//! The straightening fix: the card's four corners become an upright rectangle of the card's own
//! aspect, centred in the target size with an even margin left and right (what lies around the
//! card in the photo fills the rest). Only geometry changes: no sharpening, no colour edits.

use super::geometry::{Pt, warp_quad};
use super::layout::ASPECT;
use crate::fix::Fit;
use crate::profile::ImageSpec;
use image::RgbImage;

/// A `Fit` that straightens the card found at `corners` (TL, TR, BR, BL as read) of a picture
/// of size `frame`; the picture it is given may be any scale of that one.
#[derive(Debug, Clone, PartialEq)]
pub struct Straighten {
    pub corners: [Pt; 4],
    pub frame: (u32, u32),
    /// Share of the output width left as margin on each side of the card.
    pub margin: f64,
}

impl Straighten {
    /// Where the card's corners land in a `w×h` output.
    pub fn target(&self, w: u32, h: u32) -> [Pt; 4] {
        let (w, h) = (f64::from(w), f64::from(h));
        let mut cw = w * (1.0 - 2.0 * self.margin);
        let mut ch = cw / ASPECT;
        // A target taller than the card's shape: fit the height instead.
        if ch > h * (1.0 - 2.0 * self.margin) {
            ch = h * (1.0 - 2.0 * self.margin);
            cw = ch * ASPECT;
        }
        let (x0, y0) = ((w - cw) / 2.0, (h - ch) / 2.0);
        [Pt::new(x0, y0), Pt::new(x0 + cw, y0), Pt::new(x0 + cw, y0 + ch), Pt::new(x0, y0 + ch)]
    }

    /// The card's mean width and height in the frame's pixels.
    fn card_size(&self) -> (f64, f64) {
        let c = &self.corners;
        ((c[0].dist(c[1]) + c[3].dist(c[2])) / 2.0, (c[0].dist(c[3]) + c[1].dist(c[2])) / 2.0)
    }
}

impl Fit for Straighten {
    fn fit(&self, img: &RgbImage, spec: &crate::profile::ImageSpec) -> (RgbImage, Vec<String>) {
        let k = f64::from(img.width()) / f64::from(self.frame.0.max(1));
        let corners = self.corners.map(|p| p.scale(k));
        let out = warp_quad(img, corners, self.target(spec.width, spec.height), spec.width, spec.height)
            .unwrap_or_else(|| crate::imaging::resample::letterbox(img, spec.width, spec.height).0);
        let notes = vec![
            format!(
                "已按证件的四个角把证件摆正、拉平，并裁到证件四周留少量边距，输出 {}×{}。",
                spec.width, spec.height
            ),
            "只做了几何校正（旋转、透视校正、裁剪、缩放），没有锐化、调色或改动证件内容。".into(),
        ];
        (out, notes)
    }

    fn source_extent(&self, full: (u32, u32), spec: &ImageSpec) -> (u32, u32) {
        // The card's size in the full picture, scaled to the share of the output it fills.
        let k = f64::from(full.0) / f64::from(self.frame.0.max(1));
        let (cw, ch) = self.card_size();
        let t = self.target(spec.width, spec.height);
        let (tw, th) = (t[0].dist(t[1]), t[0].dist(t[3]));
        let ew = cw * k * f64::from(spec.width) / tw.max(1.0);
        let eh = ch * k * f64::from(spec.height) / th.max(1.0);
        (ew.round().clamp(1.0, f64::from(u32::MAX)) as u32, eh.round().clamp(1.0, f64::from(u32::MAX)) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::super::find::find;
    use super::super::synthetic::{Scene, photo};
    use super::*;
    use crate::fix::fix_with;
    use crate::imaging::jpeg_write::encode;
    use crate::profile::by_id;
    use std::ops::{Add as _, Sub as _};

    #[test]
    fn a_tilted_card_comes_out_straight_centred_and_within_the_limits() {
        let profile = by_id("henan-2024").unwrap();
        let mut scene = Scene::simple(1200, 900, 21);
        let card = scene.card.as_mut().unwrap();
        (card.rotation, card.fy, card.length) = (-172.0, 0.12, 800.0);
        let (img, truth) = photo(&scene);
        let found = find(&img).expect("found");
        let fit = Straighten { corners: found.corners, frame: found.frame, margin: 0.03 };
        let bytes = encode(&img, 92, 72).unwrap();
        let fixed = fix_with(&bytes, &profile.document, &fit, "x.jpg".into()).expect("fixed");
        assert!(fixed.bytes.len() as u64 <= profile.document.max_bytes);
        let out = crate::imaging::decode::decode(&fixed.bytes, (u32::MAX, u32::MAX)).unwrap().image;
        assert_eq!(out.dimensions(), (800, 600));
        // The card now fills the target rectangle upright: pale inside its corners, and its
        // portrait (dark hair, upper right of the card) is at the upper right.
        let t = fit.target(800, 600);
        let at = |p: Pt| {
            let q = out.get_pixel(p.x as u32, p.y as u32).0;
            q.iter().map(|&v| u32::from(v)).sum::<u32>()
        };
        for c in t {
            let centre = Pt::new(400.0, 300.0);
            assert!(at(c.add(centre.sub(c).scale(0.06))) > 550, "inside near {c:?}");
        }
        let hair = Pt::new(t[0].x + (t[1].x - t[0].x) * 68.5 / 85.6, t[0].y + (t[3].y - t[0].y) * 14.0 / 54.0);
        assert!(at(hair) < 250, "hair at {hair:?}: {}", at(hair));
        assert!(truth.corners.is_some());
    }
}
