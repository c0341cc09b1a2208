//! The document page: the ID number (for the file name), then pick → check (file rules at once,
//! the card in the worker) → see the card's outline, level line and number line drawn on the
//! picture → fix (straightened to the card when it was found).

mod card_client;

use crate::app::analysis::use_analysed_pair;
use crate::app::browser::PickedFile;
use crate::app::widgets::{CheckAndFix, ManualConfirmations};
use crate::filecheck::thousands;
use crate::fix::Fixed;
use crate::identity::id_number::check_format;
use crate::profile::Profile;
use crate::report::{CheckId, Kind, Report, Role};
use card_client::DocumentCard;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn DocumentPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    // The ID from the registration rehearsal (#/info), when it has a well-formed one: it
    // fills the field, and a card that disagrees with it says so by that name.
    let registered =
        crate::app::state::use_registration_store().form.with_untracked(|f| f.id_number.trim().to_uppercase());
    let registered = Some(registered).filter(|id| check_format(id).is_ok());
    let id_number = RwSignal::new(registered.clone().unwrap_or_default());
    let typed_id = move || Some(id_number.get().trim().to_owned()).filter(|s| !s.is_empty());
    let from_registration = Memo::new(move |_| registered.is_some() && typed_id() == registered);
    let source = move || if from_registration.get() { super::IdSource::Registration } else { super::IdSource::Typed };
    let id_error = move || typed_id().and_then(|id| check_format(&id).err()).map(|e| e.message());

    // The card's side may be `manual` (hard to tell): the person confirms it here.
    let confirmed = RwSignal::new(BTreeSet::<CheckId>::new());
    provide_context(ManualConfirmations { confirmed, illustrate: |_| None });
    let analysed = use_analysed_pair::<DocumentCard>(profile, confirmed);

    let check = Callback::new(move |f: PickedFile| super::check_file(&f.bytes, &f.name, None, profile.get()));
    let on_picked = Callback::new(move |f: PickedFile| analysed.on_picked(f.bytes));
    // The number the worker read off the picked file's card.
    let read = move || analysed.input.answer().and_then(|a| a.number.clone());
    let adjust = Callback::new(move |r: Report| {
        let name = r.check(CheckId::FileName).map(|c| c.measured.clone()).unwrap_or_default();
        let r = if profile.get_untracked().document.name_by_id_number {
            super::with_name_rechecked(r, &name, typed_id().as_deref())
        } else {
            r
        };
        // The card's number row, cross-checked against the name and the typed ID.
        let source = source();
        super::with_number_rechecked(analysed.add_to_input(r), read().as_deref(), &name, typed_id().as_deref(), source)
    });
    let fix = Callback::new(move |f: PickedFile| {
        let found = analysed.input.answer().and_then(|a| a.finding.clone());
        super::fix_with_card(&f.bytes, &f.name, None, profile.get_untracked(), found.as_ref(), read().as_deref(), None)
    });
    let on_fixed = Callback::new(move |f: Fixed| analysed.on_fixed(f));
    // Typing the ID after fixing renames the fixed file (unless the card's number named it); no
    // need to encode again.
    let adjust_fixed = Callback::new(move |f: Fixed| {
        let f = analysed.add_to_fixed(Kind::Document, super::renamed(f, typed_id().as_deref(), read().as_deref()));
        let fixed_read = analysed.fixed.answer().and_then(|a| a.number.clone());
        super::number_rechecked_in(f, fixed_read.as_deref(), typed_id().as_deref(), source())
    });
    let figure = Callback::new(move |role: Role| analysed.figure(role));

    view! {
        <h1>"证件照片自查"</h1>
        {move || {
            let spec = &profile.get().document;
            view! {
                <ul class="rules">
                    <li>"证件正面彩色照片，原则上使用身份证，证件水平居中，信息清晰可见"</li>
                    <li>{format!("{}×{} 像素，分辨率 {} dpi 以上", spec.width, spec.height, spec.min_dpi)}</li>
                    <li>{format!("JPEG 格式，不超过 {} 字节", thousands(spec.max_bytes))}</li>
                    {spec.name_by_id_number.then(|| view! { <li>"导入时文件名为“考生身份证号.jpg”"</li> })}
                    <li>"图像内容真实有效，不得做任何修改"</li>
                </ul>
            }
        }}
        <label class="field">
            <span>"考生身份证号（用于核对和命名文件，只保存在本页面）"</span>
            <input
                name="id_number"
                inputmode="text"
                autocomplete="off"
                maxlength="18"
                placeholder="18 位，最后一位可能是 X"
                prop:value=move || id_number.get()
                on:input=move |ev| id_number.set(event_target_value(&ev))
            />
            {move || id_error().map(|e| view! { <span class="field-error" data-error-for="id_number">{e}</span> })}
            {move || from_registration.get().then(|| view! { <span class="field-note" data-note-for="id_number">"已填入报名信息里的身份证号"</span> })}
        </label>
        <CheckAndFix
            kind=Kind::Document
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
