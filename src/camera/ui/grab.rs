//! Pictures from the video: a small RGB frame for the guide's analysis (every frame), and the full
//! picture when the shutter is pressed — by `ImageCapture.takePhoto()` where the browser has it
//! (the camera's full still resolution), else the video frame at its own size as a JPEG.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStreamTrack};

/// The guide analyses frames at most this long on their long side: the detector reads 128 px and
/// the tiles magnify ~2×, so more pixels would only cost time to copy.
pub const ANALYSIS_SIDE: u32 = 320;

fn canvas(width: u32, height: u32) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = leptos::prelude::document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let options = js_sys::Object::new();
    // Read back every frame: tell the browser so it keeps the pixels on the CPU side.
    Reflect::set(&options, &"willReadFrequently".into(), &true.into()).ok();
    let context = canvas.get_context_with_context_options("2d", &options).ok()??.dyn_into().ok()?;
    Some((canvas, context))
}

/// The size a `width`×`height` video is analysed at.
pub fn analysis_size(width: u32, height: u32) -> (u32, u32) {
    let k = (ANALYSIS_SIDE as f32 / width.max(height).max(1) as f32).min(1.0);
    (((width as f32 * k).round() as u32).max(1), ((height as f32 * k).round() as u32).max(1))
}

/// Draws the current video frame at `width`×`height` and returns its pixels as RGB.
pub struct FrameGrabber {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl FrameGrabber {
    pub fn new() -> Option<FrameGrabber> {
        let (canvas, context) = canvas(1, 1)?;
        Some(FrameGrabber { canvas, context })
    }

    pub fn grab(&self, video: &HtmlVideoElement, width: u32, height: u32) -> Option<Vec<u8>> {
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        let (w, h) = (f64::from(width), f64::from(height));
        self.context.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h).ok()?;
        let rgba = self.context.get_image_data(0.0, 0.0, w, h).ok()?.data().0;
        Some(rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect())
    }
}

async fn blob_bytes(blob: JsValue) -> Option<Vec<u8>> {
    let blob: web_sys::Blob = blob.dyn_into().ok()?;
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// `new ImageCapture(track).takePhoto()`, where the browser has it.
async fn take_photo(track: &MediaStreamTrack) -> Option<Vec<u8>> {
    let global = js_sys::global();
    let class: Function = Reflect::get(&global, &"ImageCapture".into()).ok()?.dyn_into().ok()?;
    let capture = Reflect::construct(&class, &Array::of1(track)).ok()?;
    let take: Function = Reflect::get(&capture, &"takePhoto".into()).ok()?.dyn_into().ok()?;
    let promise: Promise = take.call0(&capture).ok()?.dyn_into().ok()?;
    blob_bytes(JsFuture::from(promise).await.ok()?).await
}

/// The video frame at the video's own size, as a JPEG of high quality (the fix re-encodes it).
async fn video_still(video: &HtmlVideoElement) -> Option<Vec<u8>> {
    let (width, height) = (video.video_width(), video.video_height());
    let (canvas, context) = canvas(width, height)?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    let promise = Promise::new(&mut |resolve, _| {
        canvas.to_blob_with_type_and_encoder_options(&resolve, "image/jpeg", &0.95.into()).ok();
    });
    blob_bytes(JsFuture::from(promise).await.ok()?).await
}

/// The picture to check: the camera's still photo where possible, else the video frame.
pub async fn shoot(video: &HtmlVideoElement, track: Option<MediaStreamTrack>) -> Option<Vec<u8>> {
    if let Some(track) = track
        && let Some(bytes) = take_photo(&track).await
    {
        return Some(bytes);
    }
    video_still(video).await
}
