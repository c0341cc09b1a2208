//! The photo page: the rules, then pick → check (file rules at once, content from the face models
//! in a worker) → see the reasons drawn on the photo → confirm what a machine cannot judge → fix.

mod face_client;

use crate::app::analysis::{AnalysisFigure, AnalysisSlot};
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
    let input = AnalysisSlot::<PhotoContent>::new();
    let fixed = AnalysisSlot::<PhotoContent>::new();
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
    let adjust = Callback::new(move |r: Report| input.add_to(r, input_result.get()));
    let fix = Callback::new(move |f: PickedFile| {
        let analysed = input.answer();
        super::fix_with_content(&f.bytes, &f.name, profile.get_untracked(), analysed.as_ref().map(|a| &a.observation))
    });
    let on_fixed =
        Callback::new(move |f: Fixed| fixed.analyse(std::sync::Arc::new(f.bytes), &profile.get_untracked().id));
    let adjust_fixed = Callback::new(move |mut f: Fixed| {
        let report = fixed.add_to(Report::new(Kind::Photo, "", std::mem::take(&mut f.checks)), fixed_result.get());
        f.checks = report.checks;
        f
    });
    let figure = Callback::new(move |role: Role| {
        let slot = match role {
            Role::Input => input,
            Role::Fixed => fixed,
        };
        view! { <AnalysisFigure role=role analysis=slot /> }.into_any()
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

/// The picture beside a manual check's confirm box (see `photo::svg::manual_picture`).
fn illustrate(id: CheckId) -> Option<AnyView> {
    manual_picture(id).map(|(svg, caption)| {
        view! { <figure class="manual-picture" inner_html=format!("{svg}<figcaption>{caption}</figcaption>") /> }
            .into_any()
    })
}
