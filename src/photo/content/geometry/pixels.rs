//! Reading the picture's pixels in the observation's coordinates (the picture may have another
//! size than the observation: coordinates are scaled). Regions outside the picture read nothing.

use crate::face::BoxF;
use image::RgbImage;

/// Mean BT.601 luma and chroma (Y, Cb, Cr) over the pixels of a region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ycc {
    pub y: f32,
    pub cb: f32,
    pub cr: f32,
}

pub fn ycc(p: &image::Rgb<u8>) -> Ycc {
    let [r, g, b] = p.0.map(f32::from);
    Ycc {
        y: 0.299 * r + 0.587 * g + 0.114 * b,
        cb: 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b,
        cr: 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b,
    }
}

pub struct Pixels<'a> {
    img: &'a RgbImage,
    sx: f32,
    sy: f32,
}

impl<'a> Pixels<'a> {
    /// `obs_size` is the observation's picture size.
    pub fn new(img: &'a RgbImage, obs_size: (u32, u32)) -> Self {
        let sx = img.width() as f32 / obs_size.0.max(1) as f32;
        let sy = img.height() as f32 / obs_size.1.max(1) as f32;
        Pixels { img, sx, sy }
    }

    /// Every pixel of the region that lies inside the picture.
    pub fn region(&self, r: BoxF) -> Vec<Ycc> {
        let (w, h) = (self.img.width() as f32, self.img.height() as f32);
        if !(r.x.is_finite() && r.y.is_finite() && r.width.is_finite() && r.height.is_finite()) {
            return Vec::new();
        }
        let x0 = (r.x * self.sx).floor().clamp(0.0, w) as u32;
        let x1 = ((r.x + r.width) * self.sx).ceil().clamp(0.0, w) as u32;
        let y0 = (r.y * self.sy).floor().clamp(0.0, h) as u32;
        let y1 = ((r.y + r.height) * self.sy).ceil().clamp(0.0, h) as u32;
        (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).map(|(x, y)| ycc(self.img.get_pixel(x, y))).collect()
    }

    /// Mean colour of the region, None when it lies outside the picture.
    pub fn mean(&self, r: BoxF) -> Option<Ycc> {
        let px = self.region(r);
        if px.is_empty() {
            return None;
        }
        let n = px.len() as f32;
        let s = px.iter().fold([0.0f32; 3], |a, p| [a[0] + p.y, a[1] + p.cb, a[2] + p.cr]);
        Some(Ycc { y: s[0] / n, cb: s[1] / n, cr: s[2] / n })
    }
}

/// A box of `w×h` centred on `(x, y)`.
pub fn centred_box(x: f32, y: f32, w: f32, h: f32) -> BoxF {
    BoxF { x: x - w / 2.0, y: y - h / 2.0, width: w, height: h }
}
