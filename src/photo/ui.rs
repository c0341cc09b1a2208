//! The photo page: what the rules are, then pick → check → fix.

use crate::app::widgets::CheckAndFix;
use crate::filecheck::thousands;
use crate::profile::Profile;
use crate::report::Kind;
use leptos::prelude::*;

#[component]
pub fn PhotoPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let check = Callback::new(move |f: crate::app::browser::PickedFile| super::check(&f.bytes, &f.name, profile.get()));
    let fix =
        Callback::new(move |f: crate::app::browser::PickedFile| super::fix(&f.bytes, &f.name, profile.get_untracked()));
    view! {
        <h1>"考生照片自查"</h1>
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
        <CheckAndFix kind=Kind::Photo check=check fix=fix />
    }
}
