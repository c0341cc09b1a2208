//! The registration rehearsal page (wasm only). All rules live in the pure modules next door;
//! this wires signals to inputs. Everything stays in the browser.

pub mod clock;
mod field;
mod files;
mod rows;
mod storage;
mod window_panel;

use crate::profile::Profile;
use crate::registration::ethnicity::ETHNICITIES;
use crate::registration::message::{FieldMessage, Severity};
use crate::registration::model::REGISTRATION_PLACES;
use crate::registration::sample::{SAMPLE_LABEL, sample_registration};
use crate::registration::transfer::{export, file_name};
use crate::registration::{Registration, fill_from_id, validate};
use field::{SelectField, TextField, bind};
use leptos::prelude::*;
use std::collections::HashSet;
use std::time::Duration;

/// The page's shared state, passed to every field (all parts are `Copy` signals).
#[derive(Clone, Copy)]
pub struct Ctx {
    pub form: RwSignal<Registration>,
    pub messages: Memo<Vec<FieldMessage>>,
    /// Fields the family has edited: only their messages show until "检查全部".
    pub touched: RwSignal<HashSet<String>>,
    pub show_all: RwSignal<bool>,
}

impl Ctx {
    pub fn touch(&self, name: &str) {
        if !self.touched.with_untracked(|t| t.contains(name)) {
            self.touched.update(|t| {
                t.insert(name.to_string());
            });
        }
    }
}

/// A message next to a toolbar action: (ok, text).
type Notice = Option<(bool, String)>;

/// The registration data, held by the app (not the page) so that switching to another page and
/// back loses nothing, and so the password coach can use it as context.
#[derive(Clone, Copy)]
pub struct RegistrationStore {
    pub form: RwSignal<Registration>,
    pub sample: RwSignal<bool>,
    pub save_on_device: RwSignal<bool>,
    storage_note: RwSignal<Notice>,
}

impl RegistrationStore {
    /// Restores what the user chose to save on this device, if anything.
    pub fn load() -> Self {
        let (initial, initial_sample, saved, load_note) = match storage::load() {
            Ok(Some(i)) => (i.registration, i.sample, true, None),
            Ok(None) => (Registration::default(), false, false, None),
            Err(m) => (Registration::default(), false, false, Some((false, m))),
        };
        RegistrationStore {
            form: RwSignal::new(initial),
            sample: RwSignal::new(initial_sample),
            save_on_device: RwSignal::new(saved),
            storage_note: RwSignal::new(load_note),
        }
    }
}

/// The app's store, or a fresh one when the page is used on its own.
pub fn use_registration_store() -> RegistrationStore {
    use_context::<RegistrationStore>().unwrap_or_else(|| {
        let store = RegistrationStore::load();
        provide_context(store);
        store
    })
}

#[component]
pub fn RegistrationPage(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    let RegistrationStore { form, sample, save_on_device, storage_note } = use_registration_store();
    let import_note: RwSignal<Notice> = RwSignal::new(None);
    let fill_note: RwSignal<Notice> = RwSignal::new(None);
    let now = RwSignal::new(clock::shanghai_now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let fresh = clock::shanghai_now();
            if now.get_untracked() != fresh {
                now.set(fresh);
            }
        },
        Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    // The historical county codes arrive after the page opens; re-validate when they do.
    let codes_ready = crate::app::data_files::use_data_files(vec![&crate::identity::area::HISTORICAL_COUNTY_CODES]);
    let messages = Memo::new(move |_| {
        codes_ready.track();
        let today = now.get().date;
        form.with(|f| validate(f, profile.get(), today))
    });
    let ctx = Ctx {
        form,
        messages,
        touched: RwSignal::new(HashSet::new()),
        show_all: RwSignal::new(save_on_device.get_untracked()),
    };

    // Ticked: every change is written to this device. Unticked: memory only (see the checkbox).
    Effect::new(move |_| {
        if save_on_device.get() {
            let result = form.with(|f| storage::save(f, sample.get()));
            storage_note.set(result.err().map(|m| (false, m)));
        }
    });

    let fill = move |_| match fill_from_id(&form.get_untracked()) {
        Ok(filled) => {
            form.set(filled);
            ctx.touch("birth_date");
            ctx.touch("sex");
            fill_note.set(Some((true, "已按身份证号填写出生日期和性别，请与身份证再核对一遍".into())));
        }
        Err(m) => {
            ctx.touch("id_number");
            fill_note.set(Some((false, m)));
        }
    };
    let load_sample = move |_| {
        form.set(sample_registration(profile.get_untracked()));
        sample.set(true);
        ctx.show_all.set(true);
        import_note.set(None);
    };
    let clear = move |_| {
        storage::clear();
        save_on_device.set(false);
        form.set(Registration::default());
        sample.set(false);
        ctx.touched.set(HashSet::new());
        ctx.show_all.set(false);
        for note in [storage_note, import_note, fill_note] {
            note.set(None);
        }
    };
    let export_file = move |_| {
        let (text, name) = form.with(|f| (export(f, sample.get_untracked()), file_name(f)));
        import_note.set(Some(match files::download(&name, &text) {
            Ok(()) => (true, format!("已导出为“{name}”，文件只保存在你的设备上；文件里没有任何密码")),
            Err(m) => (false, m),
        }));
    };
    let import_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let file = input.files().and_then(|list| list.get(0));
        // Lets the same file be chosen again after fixing it.
        input.set_value("");
        let Some(file) = file else { return };
        leptos::task::spawn_local(async move {
            match files::read_import(file).await {
                Ok(imported) => {
                    form.set(imported.registration);
                    sample.set(imported.sample);
                    ctx.show_all.set(true);
                    import_note.set(Some((true, "已导入，下面已按规则重新检查".into())));
                }
                Err(m) => import_note.set(Some((false, format!("没有导入，表单保持原样：{m}")))),
            }
        });
    };
    let on_save_toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        save_on_device.set(on);
        if !on {
            storage::clear();
            storage_note.set(None);
        }
    };

    let (name, set_name) = bind!(ctx, name);
    let (sex, set_sex) = bind!(ctx, sex);
    let (id_number, set_id_number) = bind!(ctx, id_number);
    let (birth_date, set_birth_date) = bind!(ctx, birth_date);
    let (ethnicity, set_ethnicity) = bind!(ctx, ethnicity);
    let (hukou_place, set_hukou_place) = bind!(ctx, hukou_place);
    let (current_school, set_current_school) = bind!(ctx, current_school);
    let (grade, set_grade) = bind!(ctx, grade);
    let (place, set_place) = bind!(ctx, registration_place);
    let (mobile, set_mobile) = bind!(ctx, mobile);
    let ethnicities: Vec<(&'static str, &'static str)> = ETHNICITIES.iter().map(|e| (e.code, e.name)).collect();

    view! {
        <div class="reg-page">
            <header class="reg-header">
                <h1>"报名信息预演"</h1>
                {move || sample.get().then(|| view! { <span class="reg-badge" data-testid="sample-badge">{SAMPLE_LABEL}</span> })}
                <p class="reg-hint">
                    "先在这里把基本信息、监护人和学习简历填一遍、查一遍，正式采集时照着填。所有信息只在这个页面里处理，不会上传。这里没有、也不要填任何密码或密保答案。"
                </p>
            </header>
            <window_panel::WindowPanel ctx=ctx profile=profile now=now />
            <section class="reg-toolbar">
                <button type="button" class="reg-button" on:click=load_sample>"填入示例数据"</button>
                <button type="button" class="reg-button" on:click=export_file>"导出为文件"</button>
                <label class="reg-button reg-file">
                    "从文件导入"
                    <input type="file" name="import_file" accept=".json,application/json" on:change=import_file />
                </label>
                <button type="button" class="reg-button reg-button-remove" on:click=clear>"清除"</button>
                <label class="reg-check">
                    <input type="checkbox" name="save_on_device" prop:checked=move || save_on_device.get() on:change=on_save_toggle />
                    "保存在本设备"
                </label>
                <p class="reg-hint">"不勾选时，信息只在本页面内存里，关闭页面就没了；勾选后保存在这台设备的浏览器里，用公共电脑时请不要勾选。"</p>
                {notice(storage_note, "storage-message")}
                {notice(import_note, "import-message")}
            </section>

            <fieldset class="reg-group">
                <legend>"基本信息（须与身份证一致）"</legend>
                <TextField ctx=ctx label="姓名" name="name" value=name on_input=set_name autocomplete="name" />
                <TextField
                    ctx=ctx
                    label="身份证号"
                    name="id_number"
                    value=id_number
                    on_input=set_id_number
                    placeholder="18 位，最后一位可能是大写 X"
                    autocomplete="off"
                />
                <button type="button" class="reg-button" on:click=fill>"按身份证号填写出生日期和性别"</button>
                {notice(fill_note, "fill-message")}
                <TextField
                    ctx=ctx
                    label="出生日期"
                    name="birth_date"
                    value=birth_date
                    on_input=set_birth_date
                    placeholder="2009-05-12"
                    inputmode="numeric"
                />
                <SelectField ctx=ctx label="性别" name="sex" value=sex on_change=set_sex options=vec![("male", "男"), ("female", "女")] />
                <SelectField ctx=ctx label="民族" name="ethnicity" value=ethnicity on_change=set_ethnicity options=ethnicities />
                <TextField ctx=ctx label="户籍所在地" name="hukou_place" value=hukou_place on_input=set_hukou_place placeholder="如：河南省洛阳市偃师区" />
                <TextField ctx=ctx label="现就读学校（全称）" name="current_school" value=current_school on_input=set_current_school />
                <SelectField ctx=ctx label="年级" name="grade" value=grade on_change=set_grade options=vec![("9", "九年级"), ("8", "八年级")] />
                <SelectField ctx=ctx label="报考地" name="registration_place" value=place on_change=set_place options=REGISTRATION_PLACES.to_vec() />
                <TextField
                    ctx=ctx
                    label="考生手机号（要能接通）"
                    name="mobile"
                    value=mobile
                    on_input=set_mobile
                    input_type="tel"
                    inputmode="tel"
                    autocomplete="tel"
                />
            </fieldset>
            <rows::Guardians ctx=ctx />
            <rows::History ctx=ctx />
            <Summary ctx=ctx />
        </div>
    }
}

/// A status line; always present (empty when there is nothing to say) so it can be found.
fn notice(note: RwSignal<Notice>, test_id: &'static str) -> impl IntoView {
    move || {
        let (class, text) = match note.get() {
            Some((true, t)) => ("reg-notice reg-notice-ok", t),
            Some((false, t)) => ("reg-notice reg-notice-error", t),
            None => ("reg-notice", String::new()),
        };
        view! { <p class=class data-testid=test_id role="status">{text}</p> }
    }
}

#[component]
fn Summary(ctx: Ctx) -> impl IntoView {
    let counts = Memo::new(move |_| {
        ctx.messages.with(|all| {
            let errors = all.iter().filter(|m| m.severity == Severity::Error).count();
            (errors, all.len() - errors)
        })
    });
    view! {
        <section class="reg-summary">
            <button type="button" class="reg-button reg-button-primary" on:click=move |_| ctx.show_all.set(true)>
                "检查全部"
            </button>
            {move || {
                ctx.show_all.get().then(|| {
                    let (errors, warnings) = counts.get();
                    let text = match (errors, warnings) {
                        (0, 0) => "全部通过检查。正式采集时请照此填写，并与身份证再核对一遍。".to_string(),
                        (0, w) => format!("没有错误，还有 {w} 处提醒请看一下。"),
                        (e, w) => format!("还有 {e} 处错误、{w} 处提醒，请按各项旁边的说明修改。"),
                    };
                    view! { <p data-testid="summary">{text}</p> }
                })
            }}
        </section>
    }
}
