//! The camera stream: open it (front or back camera), and stop every track (the camera light goes
//! off) when the page is left or hidden. Failures become Chinese messages that say what to do.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaDevices, MediaStream, MediaStreamConstraints, MediaStreamTrack};

/// Which camera: usually a parent photographs the child with the back camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    Back,
    Front,
}

impl Facing {
    fn mode(self) -> &'static str {
        match self {
            Facing::Back => "environment",
            Facing::Front => "user",
        }
    }
}

const INSECURE: &str =
    "这个浏览器不允许本页使用摄像头（需要 https 或本机地址打开）。可以改用下面的按钮，直接用手机相机拍一张。";
const DENIED: &str = "没有得到使用摄像头的许可。可以在浏览器地址栏旁的设置里允许摄像头，或改用下面的按钮直接拍照。";
const NO_CAMERA: &str = "没有找到可用的摄像头。可以改用下面的按钮选择或拍摄照片。";
const BUSY: &str = "摄像头正被其他程序使用，请关闭其他使用摄像头的应用后重试，或改用下面的按钮。";
const FAILED: &str = "摄像头没有打开，请重试，或改用下面的按钮选择或拍摄照片。";

/// Asks for the camera (the browser shows its permission prompt the first time).
pub async fn open(facing: Facing) -> Result<MediaStream, &'static str> {
    let navigator = leptos::prelude::window().navigator();
    // Outside a secure context `navigator.mediaDevices` does not exist at all.
    let devices = Reflect::get(&navigator, &"mediaDevices".into())
        .ok()
        .filter(|d| d.is_object())
        .map(|d| d.unchecked_into::<MediaDevices>())
        .ok_or(INSECURE)?;
    let video = Object::new();
    let ideal = |v: JsValue| {
        let o = Object::new();
        Reflect::set(&o, &"ideal".into(), &v).ok();
        o
    };
    // As large as the camera gives: the shutter keeps the full resolution.
    Reflect::set(&video, &"facingMode".into(), &ideal(facing.mode().into())).ok();
    Reflect::set(&video, &"width".into(), &ideal(1920.into())).ok();
    Reflect::set(&video, &"height".into(), &ideal(1080.into())).ok();
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&false.into());
    constraints.set_video(&video);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|_| FAILED)?;
    match JsFuture::from(promise).await {
        Ok(stream) => stream.dyn_into::<MediaStream>().map_err(|_| FAILED),
        Err(e) => {
            let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            Err(match name.as_str() {
                "NotAllowedError" | "SecurityError" => DENIED,
                "NotFoundError" | "OverconstrainedError" => NO_CAMERA,
                "NotReadableError" | "AbortError" => BUSY,
                _ => FAILED,
            })
        }
    }
}

/// Stops every track: the camera is released and its light goes off.
pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// The stream's video track (for `ImageCapture`).
pub fn video_track(stream: &MediaStream) -> Option<MediaStreamTrack> {
    stream.get_video_tracks().get(0).dyn_into::<MediaStreamTrack>().ok()
}
