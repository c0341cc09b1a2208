//! `#/camera` (相机拍照): the live camera guide. The preview shows the photo's target frame; every
//! frame the worker can take (one in flight, so slow phones skip frames by themselves) is searched
//! for the face, and the page shows the one hint that matters now, in large text. The shutter (or
//! the framing holding good for a second, if chosen) takes the full picture and opens the photo
//! page with it, where it is checked and fixed like a picked file. Frames never leave the page.

mod grab;
mod stream;

use super::assess::{Assessment, assess};
use super::hint::Hint;
use super::hold::{Hold, Rate};
use super::overlay::overlay_svg;
use crate::app::analysis::worker_client::{self, WorkerId, field};
use crate::app::browser::{hand_over_capture, next_frame, now_ms, read_file};
use crate::face::BoxF;
use crate::face::protocol::decode_observation;
use crate::profile::Profile;
use grab::{FrameGrabber, analysis_size, shoot};
use js_sys::{Array, Float32Array, Uint8Array};
use leptos::html::Video;
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use stream::Facing;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, MediaStream};

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Shows the page in `root` (called by the app through `src/bin/lazy_pages.rs`).
pub fn mount(root: web_sys::HtmlElement, profile: &str) {
    unmount();
    let profile = crate::profile::by_id(profile).unwrap_or_else(crate::profile::default_profile);
    let handle = leptos::mount::mount_to(root, move || view! { <CameraPage profile=profile /> });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// Removes the page: its cleanup stops the camera and the page's analysis worker.
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Starting,
    Live,
    /// The camera cannot be used: why, and the file input with `capture` instead.
    Unavailable(&'static str),
    Shooting,
}

const ANALYSIS_FAILED: &str = "取景提示暂时不可用（人脸模型没有加载成功），仍然可以直接拍照，拍完会完整检查。";

#[component]
fn CameraPage(profile: &'static Profile) -> impl IntoView {
    let video = NodeRef::<Video>::new();
    let facing = RwSignal::new(Facing::Back);
    let phase = RwSignal::new(Phase::Starting);
    let seen = RwSignal::new(None::<Assessment>);
    let fps = RwSignal::new(0usize);
    // Frames analysed since the page opened (`data-frames`: tests wait for the rate to settle).
    let frames = RwSignal::new(0u32);
    let auto = RwSignal::new(false);
    let analysis_error = RwSignal::new(false);
    // Bumped to reopen the camera (tab shown again).
    let restart = RwSignal::new(0u32);
    let stream = StoredValue::new_local(None::<MediaStream>);
    // The page's lifetime: loops and late answers stop touching the page once it is gone.
    let alive = Arc::new(AtomicBool::new(true));

    let stop_camera = move || {
        if let Some(s) = stream.try_update_value(Option::take).flatten() {
            stream::stop(&s);
        }
    };

    // Open (or reopen) the camera whenever the chosen camera changes or the tab is shown again.
    Effect::new(move |_| {
        let facing = facing.get();
        restart.track();
        stop_camera();
        phase.set(Phase::Starting);
        leptos::task::spawn_local(async move {
            match stream::open(facing).await {
                Ok(s) => {
                    let Some(v) = video.get_untracked() else {
                        stream::stop(&s);
                        return;
                    };
                    v.set_src_object(Some(&s));
                    if let Ok(p) = v.play() {
                        wasm_bindgen_futures::JsFuture::from(p).await.ok();
                    }
                    // `Clone::clone`, not `s.clone()`: web-sys binds MediaStream's own `clone()`,
                    // which makes a second stream on new tracks (stopping that one would leave the
                    // camera on).
                    if stream.try_set_value(Some(Clone::clone(&s))).is_some() {
                        // The page went away while the camera was opening.
                        stream::stop(&s);
                        return;
                    }
                    phase.set(Phase::Live);
                }
                Err(message) => phase.set(Phase::Unavailable(message)),
            }
        });
    });

    // A hidden tab releases the camera; shown again, it reopens.
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            stop_camera();
            phase.set(Phase::Starting);
        } else {
            restart.update(|n| *n += 1);
        }
    });

    let shutter = move || {
        if phase.get_untracked() != Phase::Live {
            return;
        }
        let Some(v) = video.get_untracked() else { return };
        phase.set(Phase::Shooting);
        let track = stream.with_value(|s| s.as_ref().and_then(stream::video_track));
        leptos::task::spawn_local(async move {
            match shoot(&v, track).await {
                Some(bytes) => {
                    stop_camera();
                    hand_over_capture(&bytes, &capture_name());
                    window().location().set_hash("#/photo").ok();
                }
                None => phase.set(Phase::Live),
            }
        });
    };

    // The analysis loop: one frame in flight; the next is grabbed when the answer is in.
    {
        let alive = alive.clone();
        leptos::task::spawn_local(async move {
            let Some(grabber) = FrameGrabber::new() else { return };
            let mut previous: Option<BoxF> = None;
            let (mut hold, mut rate) = (Hold::default(), Rate::default());
            while alive.load(Ordering::Relaxed) {
                next_frame().await;
                let ready = phase.try_get_untracked() == Some(Phase::Live);
                let Some(v) = video
                    .try_get_untracked()
                    .flatten()
                    .filter(|v| ready && v.ready_state() >= 2 && v.video_width() > 0)
                else {
                    continue;
                };
                let (width, height) = analysis_size(v.video_width(), v.video_height());
                let Some(rgb) = grabber.grab(&v, width, height) else { continue };
                let round = frames.try_get_untracked().unwrap_or(0);
                let faces = match analyse(&rgb, width, height, previous, round, &profile.id).await {
                    Ok(faces) => faces,
                    Err(()) => {
                        // No retry: each would start a worker and fetch the models again. The
                        // shutter still works, and the photo page checks the picture in full.
                        analysis_error.try_set(true);
                        break;
                    }
                };
                if !alive.load(Ordering::Relaxed) {
                    break;
                }
                previous = faces.first().map(|f| f.bbox);
                let a = assess(&rgb, width, height, &faces, profile);
                let now = now_ms();
                rate.tick(now);
                fps.try_set(rate.per_second());
                frames.try_update(|n| *n += 1);
                let ok = a.hint == Hint::Ok;
                seen.try_set(Some(a));
                if hold.feed(now, ok) && auto.try_get_untracked() == Some(true) {
                    shutter();
                }
            }
        });
    }

    on_cleanup(move || {
        alive.store(false, Ordering::Relaxed);
        visibility.remove();
        stop_camera();
        worker_client::stop(WorkerId::Analysis(0));
    });

    let on_fallback = move |ev: leptos::ev::Event| {
        let Some(file) =
            ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).and_then(|i| i.files()?.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(f) = read_file(&file).await {
                hand_over_capture(&f.bytes, &f.name);
                window().location().set_hash("#/photo").ok();
            }
        });
    };

    let hint = move || seen.with(|s| s.as_ref().map(|s| s.hint));
    let overlay = move || {
        seen.with(|s| s.as_ref().map(|s| overlay_svg(s.width, s.height, &s.guide, s.head.as_ref(), s.hint == Hint::Ok)))
    };
    let background_off =
        move || seen.with(|s| s.as_ref().is_some_and(|s| s.head.is_some() && s.light.background_ok == Some(false)));

    view! {
        <link rel="stylesheet" href="./camera.css" />
        <h1>"相机拍照"</h1>
        <p class="camera-intro">"把考生放进框里：头顶碰到上面的横线，下巴落在下面的横线，鼻子对准中线。提示变绿就可以拍了。画面只在这台设备上分析，不会上传。"</p>
        <div
            class="camera-guide"
            data-testid="camera-guide"
            data-hint=move || hint().map_or("", Hint::code)
            data-fps=move || fps.get().to_string()
            data-frames=move || frames.get().to_string()
            data-phase=move || match phase.get() {
                Phase::Starting => "starting",
                Phase::Live => "live",
                Phase::Unavailable(_) => "unavailable",
                Phase::Shooting => "shooting",
            }
        >
            <div class="camera-view" class:ok=move || hint() == Some(Hint::Ok)>
                <video node_ref=video autoplay=true playsinline=true muted=true aria-label="相机预览"></video>
                <div class="camera-overlay-box" inner_html=move || overlay().unwrap_or_default()></div>
                <div class="camera-hint" role="status" aria-live="polite">
                    {move || match (phase.get(), hint()) {
                        (Phase::Starting, _) => view! { <strong>"正在打开摄像头…"</strong> }.into_any(),
                        (Phase::Shooting, _) => view! { <strong>"正在拍摄…"</strong> }.into_any(),
                        (_, Some(h)) => view! { <strong>{h.text()}</strong><span>{h.detail()}</span> }.into_any(),
                        _ => view! { <strong>"正在分析画面…"</strong> }.into_any(),
                    }}
                    <Show when=background_off>
                        <span class="camera-background" data-testid="camera-background">"背景不是蓝色：请站到蓝色背景布或蓝墙前。"</span>
                    </Show>
                </div>
            </div>
            {move || match phase.get() {
                Phase::Unavailable(message) => view! {
                    <div class="camera-unavailable" role="alert">
                        <p>{message}</p>
                        <label class="file-picker">
                            "拍摄或选择照片"
                            <input type="file" accept="image/*" capture="environment" data-testid="camera-fallback" on:change=on_fallback />
                        </label>
                    </div>
                }.into_any(),
                _ => ().into_any(),
            }}
            <Show when=move || analysis_error.get()>
                <p class="field-error" role="status">{ANALYSIS_FAILED}</p>
            </Show>
            <div class="camera-controls">
                <button
                    class="camera-shutter"
                    data-testid="camera-shutter"
                    aria-label="拍照"
                    disabled=move || phase.get() != Phase::Live
                    on:click=move |_| shutter()
                >
                    "拍照"
                </button>
                <label class="camera-option">
                    <input type="checkbox" on:change=move |ev| auto.set(event_target_checked(&ev)) />
                    "对齐后保持 1 秒自动拍"
                </label>
                <label class="camera-option">
                    "摄像头："
                    <select on:change=move |ev| facing.set(if event_target_value(&ev) == "front" { Facing::Front } else { Facing::Back })>
                        <option value="back" selected=true>"后置（家长拍考生）"</option>
                        <option value="front">"前置（自拍）"</option>
                    </select>
                </label>
                <span class="camera-fps" aria-label="每秒分析帧数">{move || format!("{} 帧/秒", fps.get())}</span>
            </div>
            <p><a href="#/photo">"不用相机，选择已有照片"</a></p>
        </div>
    }
}

/// `相机拍摄-20240305-101010.jpg`: local time, so a parent can tell the shots apart.
fn capture_name() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "相机拍摄-{:04}{:02}{:02}-{:02}{:02}{:02}.jpg",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// One frame to the analysis worker; its faces (most confident first), or `Err` when the worker
/// failed (models not loaded).
async fn analyse(
    rgb: &[u8],
    width: u32,
    height: u32,
    previous: Option<BoxF>,
    round: u32,
    profile: &str,
) -> Result<Vec<crate::face::Detection>, ()> {
    let pixels = Uint8Array::from(rgb);
    let transfer = Array::of1(&pixels.buffer());
    let mut fields: Vec<(&'static str, wasm_bindgen::JsValue)> = vec![
        ("kind", "frame".into()),
        ("width", width.into()),
        ("height", height.into()),
        ("rgb", pixels.into()),
        ("round", round.into()),
        ("profile", profile.into()),
    ];
    if let Some(b) = previous {
        fields.push(("previous", Float32Array::from([b.x, b.y, b.width, b.height].as_slice()).into()));
    }
    let answer =
        worker_client::send(WorkerId::Analysis(0), fields, transfer, "frame", |_, _| {}).await.map_err(drop)?;
    let data = field(&answer, "data").and_then(|d| d.dyn_into::<Float32Array>().ok()).ok_or(())?.to_vec();
    decode_observation(&data, vec![]).map(|o| o.faces).map_err(drop)
}
