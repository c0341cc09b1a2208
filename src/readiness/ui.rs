//! The readiness page (`#/ready`, wasm only): the list from `assess`, grouped by where each
//! problem is fixed, with `data-ready` on the summary.

use super::{Area, Inputs, Item, Level, Readiness, assess};
use crate::app::checked_files::CheckedFiles;
use crate::app::widgets::check_label;
use crate::password::ui::RehearsalDone;
use crate::profile::Profile;
use crate::registration::ui::{clock, use_registration_store};
use crate::registration::validate;
use leptos::prelude::*;

#[component]
pub fn ReadinessPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let files = use_context::<CheckedFiles>().unwrap_or_default();
    let store = use_registration_store();
    let rehearsed = use_context::<RehearsalDone>().map(|d| d.0);
    // Retired county codes in ID numbers are checked against this list, as on the info page.
    let codes_ready = crate::app::data_files::use_data_files(vec![&crate::identity::area::HISTORICAL_COUNTY_CODES]);
    let today = clock::shanghai_now().date;
    let readiness = Memo::new(move |_| {
        codes_ready.track();
        let profile = profile.get();
        let photo = files.photo.with(|c| c.as_ref().map(|c| c.file.clone()));
        let document = files.document.with(|c| c.as_ref().map(|c| c.file.clone()));
        store.form.with(|registration| {
            let messages = validate(registration, profile, today);
            assess(&Inputs {
                profile,
                photo: photo.as_ref(),
                document: document.as_ref(),
                registration,
                messages: &messages,
                password_rehearsed: rehearsed.is_some_and(|r| r.get()),
            })
        })
    });
    let upload_name = move |area: Area| {
        let slot = if area == Area::Photo { files.photo } else { files.document };
        slot.with(|c| c.as_ref().map(|c| c.file.upload_name().to_owned()))
    };

    view! {
        <h1>"就绪检查"</h1>
        <p class="lead">"上传照片、正式填报之前，把下面每一项处理好。点任一项可到对应页面修改；本页只读取你在本机填写和检查的结果，不上传。"</p>
        {move || summary(&readiness.get())}
        {Area::ALL
            .into_iter()
            .map(|area| {
                view! {
                    <section class="rd-area" data-area=area.as_str() data-done=move || readiness.with(|r| r.area_done(area)).to_string()>
                        <h2>
                            <a href=area.href()>{area.label()}</a>
                            {move || if readiness.with(|r| r.area_done(area)) { " ✔" } else { "" }}
                        </h2>
                        {move || done_note(area, readiness.with(|r| r.area_done(area)), upload_name)}
                        <ul class="rd-items">
                            {move || readiness.with(|r| r.items.iter().filter(|i| i.area == area).map(item_view).collect_view())}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
        <p class="rd-next">
            <a class="rd-button" href="#/form">"打开报名信息确认表（打印后核对、签字）"</a>
        </p>
    }
}

fn summary(r: &Readiness) -> impl IntoView + use<> {
    let (class, text) = if r.ready() {
        (
            "rd-summary rd-ready",
            "✔ 已就绪：照片、证件、报名信息和密码练习都没有待处理的问题。打印确认表，与身份证和照片逐项核对、签字。"
                .to_owned(),
        )
    } else {
        ("rd-summary", format!("还没就绪：还有 {} 项需要处理。", r.blocking()))
    };
    view! {
        <section class=class data-testid="readiness" data-ready=r.ready().to_string() data-blocking=r.blocking().to_string()>
            <p>{text}</p>
        </section>
    }
}

fn done_note(area: Area, done: bool, upload_name: impl Fn(Area) -> Option<String>) -> Option<impl IntoView> {
    if !done {
        return None;
    }
    let text = match area {
        Area::Photo | Area::Document => format!("要上传的文件：{}", upload_name(area).unwrap_or_default()),
        Area::Registration => "已填写，没有错误。".to_owned(),
        Area::Password => "已完成记忆练习（本工具没有保存密码）。".to_owned(),
    };
    Some(view! { <p class="rd-done">{text}</p> })
}

fn item_view(item: &Item) -> impl IntoView + use<> {
    let badge = match item.level {
        Level::Fail => "不合格",
        Level::Todo => "未完成",
        Level::Manual => "请确认",
        Level::Warn => "注意",
    };
    // Photo and document items that come from a check name the check ("文件大小：…").
    let text = if matches!(item.area, Area::Photo | Area::Document) && item.id.contains('.') {
        format!("{}：{}", check_label(&item.id), item.text)
    } else {
        item.text.clone()
    };
    view! {
        <li class=format!("rd-item level-{}", item.level.as_str()) data-item=item.id.clone() data-level=item.level.as_str()>
            <span class="badge">{badge}</span>
            <a href=item.area.href()>{text}</a>
        </li>
    }
}
