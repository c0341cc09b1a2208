//! Fitting a document image: the whole card must stay visible ("信息清晰可见"), so it is
//! letterboxed to the target aspect with its own border colour, never cropped or stretched.

use crate::fix::Fit;
use crate::imaging::resample::letterbox;
use crate::profile::ImageSpec;
use image::RgbImage;

pub struct WholeCard;

impl Fit for WholeCard {
    fn fit(&self, img: &RgbImage, spec: &ImageSpec) -> (RgbImage, Vec<String>) {
        let (out, pad) = letterbox(img, spec.width, spec.height);
        let mut notes = Vec::new();
        if pad.pad_x > 0 {
            notes.push(format!(
                "为保留完整证件、又不拉伸变形，已在左右两侧补上与边缘相同颜色的空白（各约 {} 像素），再缩放到 {}×{}。",
                pad.pad_x, spec.width, spec.height
            ));
        } else if pad.pad_y > 0 {
            notes.push(format!(
                "为保留完整证件、又不拉伸变形，已在上下两侧补上与边缘相同颜色的空白（各约 {} 像素），再缩放到 {}×{}。",
                pad.pad_y, spec.width, spec.height
            ));
        }
        notes.push(
            "证件图片不得做任何修改：修复只改变尺寸和压缩，不改动证件内容。请确认证件在画面中水平居中、字迹清晰。"
                .into(),
        );
        (out, notes)
    }

    fn source_extent(&self, full: (u32, u32), spec: &ImageSpec) -> (u32, u32) {
        // The padded canvas is what becomes the target: the picture plus its letterbox bars.
        let (w, h) = (u64::from(full.0), u64::from(full.1));
        let (tw, th) = (u64::from(spec.width), u64::from(spec.height));
        let canvas = if w * th >= h * tw { (w, (w * th).div_ceil(tw)) } else { ((h * tw).div_ceil(th), h) };
        (canvas.0 as u32, canvas.1 as u32)
    }
}
