//! The target frame on the camera preview: the photo's crop (the profile's aspect, as large as
//! the preview allows with a margin), and inside it where the hair top, the chin, the eye line and
//! the face's centre belong — the profile's own pass bands, so the guide asks for exactly what the
//! photo check will accept.

use super::head::Head;
use crate::profile::{Band, GeometrySpec};

/// Share of the preview's height (or width, whichever binds) the crop takes: its lines stay
/// visible inside the preview, and a little room around it lets the fix crop precisely later.
const FILL: f32 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Where a head is relative to the crop, in the photo's own units (fractions of its height, the
/// centre as a fraction of its width), comparable with `[photo_content.geometry]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Framing {
    pub head_height: f32,
    pub top_margin: f32,
    pub eye_line: f32,
    pub centre: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub crop: Rect,
    pub geometry: GeometrySpec,
}

impl Guide {
    /// The guide for a `width`×`height` preview and a photo of `aspect` = width ÷ height.
    pub fn new(width: u32, height: u32, aspect: f32, geometry: &GeometrySpec) -> Guide {
        let (w, h) = (width as f32, height as f32);
        let aspect = if aspect.is_finite() && aspect > 0.0 { aspect } else { 0.75 };
        let crop_h = (h * FILL).min(w * FILL / aspect);
        let crop_w = crop_h * aspect;
        let crop = Rect { x: (w - crop_w) / 2.0, y: (h - crop_h) / 2.0, width: crop_w, height: crop_h };
        Guide { crop, geometry: geometry.clone() }
    }

    /// A band of the photo's height as preview rows.
    fn rows(&self, b: Band) -> Band {
        Band::new(self.crop.y + b.min * self.crop.height, self.crop.y + b.max * self.crop.height)
    }

    /// Rows where the hair top belongs.
    pub fn top_band(&self) -> Band {
        self.rows(self.geometry.top_margin_pass)
    }

    /// Rows where the chin belongs, for a hair top in the middle of its band.
    pub fn chin_band(&self) -> Band {
        let top = self.geometry.top_margin_pass.mid();
        let h = self.geometry.head_height_pass;
        self.rows(Band::new(top + h.min, top + h.max))
    }

    /// Rows where the eyes belong.
    pub fn eye_band(&self) -> Band {
        self.rows(self.geometry.eye_line_pass)
    }

    /// Columns where the eyes' midpoint belongs.
    pub fn centre_band(&self) -> Band {
        let c = self.geometry.centre_pass;
        Band::new(self.crop.x + c.min * self.crop.width, self.crop.x + c.max * self.crop.width)
    }

    pub fn centre_x(&self) -> f32 {
        self.crop.x + self.crop.width / 2.0
    }

    /// The head measured the way the photo check measures it, in the crop's units.
    pub fn framing(&self, head: &Head) -> Framing {
        let Rect { x, y, width, height } = self.crop;
        Framing {
            head_height: (head.chin - head.top) / height,
            top_margin: (head.top - y) / height,
            eye_line: (head.eye_mid.y - y) / height,
            centre: (head.eye_mid.x - x) / width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::Point;
    use crate::profile::default_profile;

    fn guide(w: u32, h: u32) -> Guide {
        Guide::new(w, h, 450.0 / 600.0, &default_profile().photo_content.geometry)
    }

    #[test]
    fn the_crop_has_the_photos_aspect_and_is_centred_in_any_preview() {
        for (w, h) in [(640, 480), (480, 640), (1280, 720), (300, 300)] {
            let c = guide(w, h).crop;
            assert!((c.width / c.height - 0.75).abs() < 1e-4, "{w}×{h}");
            assert!(c.x >= 0.0 && c.y >= 0.0 && c.x + c.width <= w as f32 + 1e-3 && c.y + c.height <= h as f32 + 1e-3);
            assert!((c.x * 2.0 + c.width - w as f32).abs() < 1e-3 && (c.y * 2.0 + c.height - h as f32).abs() < 1e-3);
            assert!(c.width >= FILL * w as f32 - 1e-3 || c.height >= FILL * h as f32 - 1e-3);
        }
    }

    #[test]
    fn bands_follow_the_profile_and_a_head_in_them_measures_inside_the_pass_bands() {
        let g = guide(640, 480);
        let geo = &default_profile().photo_content.geometry;
        let (top, chin, eyes) = (g.top_band().mid(), g.chin_band().mid(), g.eye_band().mid());
        assert!(top < eyes && eyes < chin);
        let head = Head { top, chin, eye_mid: Point { x: g.centre_x(), y: eyes }, roll_deg: 0.0, yaw_deg: 0.0 };
        let f = g.framing(&head);
        assert!(geo.head_height_pass.contains(f.head_height), "{f:?}");
        assert!(geo.top_margin_pass.contains(f.top_margin), "{f:?}");
        assert!(geo.eye_line_pass.contains(f.eye_line), "{f:?}");
        assert!((f.centre - 0.5).abs() < 1e-5, "{f:?}");
    }
}
