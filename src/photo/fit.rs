//! Fitting a photo to the target: centre crop to the aspect ratio (a face-aware crop replaces this
//! once face detection lands), then resample to the exact size.

use crate::fix::Fit;
use crate::imaging::resample::{centre_crop_rect, crop_and_resize};
use crate::profile::ImageSpec;
use image::RgbImage;

pub struct CentreCrop;

impl Fit for CentreCrop {
    fn fit(&self, img: &RgbImage, spec: &ImageSpec) -> (RgbImage, Vec<String>) {
        let (w, h) = img.dimensions();
        let rect = centre_crop_rect(w, h, spec.width, spec.height);
        let mut notes = Vec::new();
        if rect.width < w {
            notes.push(format!(
                "为得到 {}:{} 的比例，已从左右两侧各裁去约 {:.0}% 的画面（居中裁剪，不拉伸）。",
                spec.width,
                spec.height,
                f64::from(w - rect.width) * 50.0 / f64::from(w)
            ));
        } else if rect.height < h {
            notes.push(format!(
                "为得到 {}:{} 的比例，已从上下两侧各裁去约 {:.0}% 的画面（居中裁剪，不拉伸）。请确认头顶没有被裁掉。",
                spec.width,
                spec.height,
                f64::from(h - rect.height) * 50.0 / f64::from(h)
            ));
        }
        (crop_and_resize(img, rect, spec.width, spec.height), notes)
    }

    fn source_extent(&self, full: (u32, u32), spec: &ImageSpec) -> (u32, u32) {
        let r = centre_crop_rect(full.0, full.1, spec.width, spec.height);
        (r.width, r.height)
    }
}
