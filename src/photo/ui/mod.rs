//! The photo page: the rules, then pick → check (file rules at once, content from the face models
//! in a worker) → see the reasons drawn on the photo → confirm what a machine cannot judge → fix.

mod content_slot;
mod face_client;

use crate::app::browser::PickedFile;
use crate::app::widgets::{CheckAndFix, ManualConfirmations};
use crate::filecheck::thousands;
use crate::fix::Fixed;
use crate::photo::svg::{good_example_svg, manual_picture, status_colour};
use crate::profile::Profile;
use crate::report::{Check, CheckId, Kind, Report, Role, Status};
use content_slot::{ContentSlot, ContentState};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn PhotoPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let confirmed = RwSignal::new(BTreeSet::<CheckId>::new());
    provide_context(ManualConfirmations { confirmed, illustrate });
    let input = ContentSlot::new();
    let fixed = ContentSlot::new();
    let input_result = Memo::new(move |_| confirmed.with(|c| input.result(c)));
    let fixed_result = Memo::new(move |_| confirmed.with(|c| fixed.result(c)));
    // Another profile: the worker judges the same files again (the models' answer is cheap to redo).
    Effect::new(move |_| {
        let id = &profile.get().id;
        input.reprofile(id);
        fixed.reprofile(id);
    });

    let check = Callback::new(move |f: PickedFile| super::check(&f.bytes, &f.name, profile.get()));
    let on_picked = Callback::new(move |f: PickedFile| {
        fixed.clear();
        input.analyse(f.bytes, &profile.get_untracked().id);
    });
    let adjust = Callback::new(move |r: Report| with_content(r, input, input_result));
    let fix = Callback::new(move |f: PickedFile| {
        let analysed = input.state.with_untracked(|s| match s {
            ContentState::Ready(a) => Some(a.clone()),
            _ => None,
        });
        super::fix_with_content(&f.bytes, &f.name, profile.get_untracked(), analysed.as_ref().map(|a| &a.observation))
    });
    let on_fixed =
        Callback::new(move |f: Fixed| fixed.analyse(std::sync::Arc::new(f.bytes), &profile.get_untracked().id));
    let adjust_fixed = Callback::new(move |mut f: Fixed| {
        let report = with_content(Report::new(Kind::Photo, "", std::mem::take(&mut f.checks)), fixed, fixed_result);
        f.checks = report.checks;
        f
    });
    let figure = Callback::new(move |role: Role| {
        let slot = match role {
            Role::Input => input,
            Role::Fixed => fixed,
        };
        view! { <ContentFigure role=role content=slot /> }.into_any()
    });
    view! {
        <h1>"考生照片自查"</h1>
        <div class="rules-and-example">
        {move || {
            let spec = &profile.get().photo;
            view! {
                <ul class="rules">
                    <li>{format!("{}×{} 像素（宽×高），竖版", spec.width, spec.height)}</li>
                    <li>{format!("分辨率 {} dpi 以上", spec.min_dpi)}</li>
                    <li>{format!("JPEG 格式，不超过 {} 字节", thousands(spec.max_bytes))}</li>
                    <li>"正面免冠彩色照片，蓝色背景，头部约占照片高度的 2/3，人像水平居中"</li>
                    <li>"平视正前方，露出双耳和眉毛；穿深色有领衣服；不戴耳环、项链"</li>
                    <li>"不得翻拍、扫描，须数码相机直接拍摄"</li>
                </ul>
            }
        }}
        {move || {
            let (svg, caption) = good_example_svg(profile.get());
            view! { <figure class="good-example" data-testid="good-example" inner_html=format!("{svg}<figcaption>{caption}</figcaption>") /> }
        }}
        </div>
        <ul class="legend" aria-label="照片上标注的颜色">
            <li style=format!("--swatch:{}", status_colour(Status::Pass))>"绿色：符合"</li>
            <li style=format!("--swatch:{}", status_colour(Status::Warn))>"橙色：注意"</li>
            <li style=format!("--swatch:{}", status_colour(Status::Fail))>"红色：不合格"</li>
            <li style=format!("--swatch:{}", status_colour(Status::Manual))>"紫色：请人工确认"</li>
        </ul>
        <CheckAndFix
            kind=Kind::Photo
            check=check
            fix=fix
            adjust=adjust
            adjust_fixed=adjust_fixed
            on_picked=on_picked
            on_fixed=on_fixed
            figure=figure
        />
    }
}

/// Adds the content checks (or a row saying why there are none yet) to a file report.
fn with_content(report: Report, slot: ContentSlot, result: Memo<Option<Vec<Check>>>) -> Report {
    let mut checks = report.checks;
    match slot.state.with(|s| s.clone()) {
        ContentState::Ready(_) => {
            if let Some(content) = result.get() {
                checks.extend(content);
            }
        }
        // A warning, not `manual`: nothing for the person to confirm, it resolves by itself.
        ContentState::Working(what) => checks.push(Check::new(
            CheckId::ContentAnalysis,
            Status::Warn,
            what,
            "人脸、背景、衣着检查完成",
            "内容检查还在进行，完成后这里会列出每一项结果。",
        )),
        ContentState::Failed(why) => checks.push(Check::new(
            CheckId::ContentAnalysis,
            Status::Warn,
            "未能完成",
            "人脸、背景、衣着检查完成",
            format!("{why} 请对照上面的要求自行检查照片内容。"),
        )),
        ContentState::Idle => {}
    }
    Report::new(report.kind, &report.profile, checks)
}

/// The marks over one picture, and where its analysis stands (`data-state`, timings for e2e).
#[component]
fn ContentFigure(role: Role, content: ContentSlot) -> impl IntoView {
    move || {
        let state = content.state.get();
        let status = match &state {
            ContentState::Working(what) => Some(what.clone()),
            ContentState::Failed(why) => Some(why.clone()),
            _ => None,
        };
        let ms = |v: f64| Some(format!("{v:.1}"));
        let (load_ms, run_ms, check_ms, judged) = match &state {
            ContentState::Ready(a) => (ms(a.load_ms), ms(a.run_ms), ms(a.check_ms), Some(a.profile.clone())),
            _ => (None, None, None, None),
        };
        let overlay = match &state {
            ContentState::Ready(a) => Some(view! { <div class="marks" inner_html=a.marks_svg.clone() /> }),
            _ => None,
        };
        view! {
            {overlay}
            <p
                class=format!("content-status content-{}", state.as_str())
                data-testid=format!("content-status-{}", role.as_str())
                data-state=state.as_str()
                data-load-ms=load_ms
                data-run-ms=run_ms
                data-check-ms=check_ms
                data-profile=judged
                role="status"
                aria-live="polite"
            >
                {status}
            </p>
        }
    }
}

/// The picture beside a manual check's confirm box (see `photo::svg::manual_picture`).
fn illustrate(id: CheckId) -> Option<AnyView> {
    manual_picture(id).map(|(svg, caption)| {
        view! { <figure class="manual-picture" inner_html=format!("{svg}<figcaption>{caption}</figcaption>") /> }
            .into_any()
    })
}
