//! The photo page: the rules, then pick → check (file rules at once, content from the face models
//! in a worker) → see the reasons drawn on the photo → confirm what a machine cannot judge → fix.

mod face_client;

use crate::app::analysis::use_analysed_pair;
use crate::app::browser::PickedFile;
use crate::app::widgets::{CheckAndFix, ManualConfirmations};
use crate::filecheck::thousands;
use crate::fix::Fixed;
use crate::photo::svg::{good_example_svg, manual_picture, status_colour};
use crate::profile::Profile;
use crate::report::{CheckId, Kind, Report, Role, Status};
use face_client::PhotoContent;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn PhotoPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let confirmed = RwSignal::new(BTreeSet::<CheckId>::new());
    provide_context(ManualConfirmations { confirmed, illustrate });
    let analysed = use_analysed_pair::<PhotoContent>(profile, confirmed);

    let check = Callback::new(move |f: PickedFile| super::check(&f.bytes, &f.name, profile.get()));
    let on_picked = Callback::new(move |f: PickedFile| analysed.on_picked(f.bytes));
    let adjust = Callback::new(move |r: Report| analysed.add_to_input(r));
    let fix = Callback::new(move |f: PickedFile| {
        let answer = analysed.input.answer();
        super::fix_with_content(&f.bytes, &f.name, profile.get_untracked(), answer.as_ref().map(|a| &a.observation))
    });
    let on_fixed = Callback::new(move |f: Fixed| analysed.on_fixed(f));
    let adjust_fixed = Callback::new(move |f: Fixed| analysed.add_to_fixed(Kind::Photo, f));
    let figure = Callback::new(move |role: Role| analysed.figure(role));
    view! {
        <h1>"考生照片自查"</h1>
        // Folded on a phone, where the report below is what matters once a photo is chosen.
        <details class="rules-box" open=crate::app::browser::wide_screen()>
        <summary>"照片要求和合格示例"</summary>
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
        </details>
        <p class="camera-entry">
            <a class="camera-link" href="#/camera" data-testid="open-camera">"用相机拍摄"</a>
            " 手机或电脑摄像头取景，框线对齐了再拍，拍完直接检查。"
        </p>
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
            initial=crate::app::browser::take_capture()
        />
    }
}

/// The picture beside a manual check's confirm box (see `photo::svg::manual_picture`).
fn illustrate(id: CheckId) -> Option<AnyView> {
    manual_picture(id).map(|(svg, caption)| {
        view! { <figure class="manual-picture" inner_html=format!("{svg}<figcaption>{caption}</figcaption>") /> }
            .into_any()
    })
}
