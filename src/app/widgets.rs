//! Widgets shared by the photo and document pages: the pick → check → fix workflow and the report.

use super::browser::{self, PickedFile};
use super::hooks::use_object_url;
use crate::fix::{FixError, Fixed};
use crate::report::{Check, CheckId, Kind, Report, Role, Status, Verdict};
use leptos::prelude::*;

/// A result with how long it took in the page (milliseconds), shown in `data-ms` for the e2e run.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed<T> {
    pub value: T,
    pub ms: f64,
}

fn timed<T>(f: impl FnOnce() -> T) -> Timed<T> {
    let start = browser::now_ms();
    let value = f();
    Timed { value, ms: browser::now_ms() - start }
}

/// Pick a file, see its report, fix it in one click, download the fixed file and see it checked.
///
/// - `check`: the page's rules for a picked file; signals it reads (the profile) re-run it.
/// - `adjust`: cheap changes to a report that depend on other inputs (the typed ID number), run
///   without decoding again.
/// - `fix`: produces the compliant file; `adjust_fixed` adjusts the fixed file when other inputs
///   change (the document's name follows the typed ID; the photo adds its content checks).
/// - `on_picked` / `on_fixed`: start slower, asynchronous work on the picked or fixed file (the
///   photo's face analysis); its results come back through `adjust` / `adjust_fixed`.
/// - `figure`: drawn over the picture (`Role::Input` or `Role::Fixed`), e.g. the photo's framing marks.
#[component]
pub fn CheckAndFix(
    kind: Kind,
    #[prop(into)] check: Callback<PickedFile, Report>,
    #[prop(into)] fix: Callback<PickedFile, Result<Fixed, FixError>>,
    #[prop(optional, into)] adjust: Option<Callback<Report, Report>>,
    #[prop(optional, into)] adjust_fixed: Option<Callback<Fixed, Fixed>>,
    #[prop(optional, into)] on_picked: Option<Callback<PickedFile>>,
    #[prop(optional, into)] on_fixed: Option<Callback<Fixed>>,
    #[prop(optional, into)] figure: Option<Callback<Role, AnyView>>,
) -> impl IntoView {
    let picked = RwSignal::new(None::<PickedFile>);
    let read_error = RwSignal::new(None::<String>);
    let base_report = RwSignal::new(None::<Timed<Report>>);
    let fixed = RwSignal::new(None::<Timed<Result<Fixed, FixError>>>);
    let busy = RwSignal::new(None::<&'static str>);
    let preview = use_object_url(move || picked.with(|p| p.as_ref().and_then(|f| browser::blob(&f.bytes, "image/*"))));

    // Re-check whenever the file or anything the rules read (the profile) changes.
    Effect::new(move |_| {
        let Some(file) = picked.get() else { return };
        fixed.set(None);
        base_report.set(Some(timed(|| check.run(file.clone()))));
        if let Some(hook) = on_picked {
            hook.run(file);
        }
    });
    let report = Memo::new(move |_| {
        base_report.get().map(|t| Timed { value: adjust.map_or(t.value.clone(), |a| a.run(t.value)), ms: t.ms })
    });
    let shown_fix = Memo::new(move |_| {
        fixed.get().map(|t| Timed {
            value: t.value.map(|f| match adjust_fixed {
                Some(a) => a.run(f),
                None => f,
            }),
            ms: t.ms,
        })
    });
    // Publishes the latest result for the readiness list and the confirmation form (see checked_files).
    if let Some(store) = use_context::<super::checked_files::CheckedFiles>() {
        Effect::new(move |_| {
            let (Some(r), Some(file)) = (report.get(), picked.get()) else { return };
            let fix = shown_fix.with(|f| f.as_ref().and_then(|t| t.value.as_ref().ok().cloned()));
            store.publish(kind, r.value, &file, fix);
        });
    }
    let fixed_url = use_object_url(move || {
        shown_fix.with(|f| {
            f.as_ref().and_then(|t| t.value.as_ref().ok()).and_then(|f| browser::blob(&f.bytes, "image/jpeg"))
        })
    });

    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = browser::first_file(&ev) else { return };
        busy.set(Some("正在读取文件…"));
        leptos::task::spawn_local(async move {
            match browser::read_file(&file).await {
                Ok(f) => {
                    read_error.set(None);
                    busy.set(Some("正在检查…"));
                    browser::next_frame().await;
                    picked.set(Some(f));
                }
                Err(e) => read_error.set(Some(e)),
            }
            busy.set(None);
        });
    };
    let on_fix = move |_| {
        let Some(file) = picked.get_untracked() else { return };
        busy.set(Some("正在生成合格文件…"));
        leptos::task::spawn_local(async move {
            browser::next_frame().await;
            let result = timed(|| fix.run(file));
            if let (Some(hook), Ok(f)) = (on_fixed, &result.value) {
                hook.run(f.clone());
            }
            fixed.set(Some(result));
            busy.set(None);
        });
    };
    let can_fix =
        move || report.with(|r| r.as_ref().is_some_and(|r| r.value.verdict != Verdict::Pass && !unfixable(&r.value)));
    let input_id = format!("{}-input", kind.as_str());
    let file_error = move || {
        read_error.get().or_else(|| {
            report.with(|r| {
                r.as_ref().and_then(|r| {
                    r.value
                        .check(CheckId::FileFormat)
                        .filter(|_| pixels_unreadable(&r.value))
                        .map(|c| c.message.clone())
                })
            })
        })
    };

    view! {
        <section class="picker">
            <label class="picker-button" for=input_id.clone()>
                {format!("选择{}文件", kind.label())}
                <small>"（手机可直接拍照或从相册选择）"</small>
            </label>
            <input
                id=input_id
                type="file"
                accept="image/*,.jpg,.jpeg,.png,.heic"
                data-testid=format!("{}-input", kind.as_str())
                on:change=on_change
            />
            <p class="privacy-note">"文件只在你的浏览器里读取，不会上传。"</p>
        </section>
        {move || busy.get().map(|msg| view! { <p class="busy" role="status" aria-live="polite">{msg}</p> })}
        {move || file_error().map(|msg| view! { <p class="file-error" role="alert" data-testid="file-error">{msg}</p> })}
        {move || {
            report.get().map(|r| {
                let name = picked.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
                view! {
                    <div class="result-grid">
                        {preview.get().map(|src| view! {
                            <figure class="preview">
                                <div class="picture"><img src=src alt="所选图片预览" />{figure.map(|f| f.run(Role::Input))}</div>
                                <figcaption>{name}</figcaption>
                            </figure>
                        })}
                        <ReportView report=r.value role=Role::Input ms=r.ms />
                    </div>
                }
            })
        }}
        <Show when=can_fix>
            <button class="fix-button" data-testid="fix-button" on:click=on_fix disabled=move || busy.get().is_some()>
                "一键修复：生成合格文件"
            </button>
        </Show>
        {move || shown_fix.get().map(|t| match t.value {
            Ok(f) => view! { <FixedView kind=kind fixed=f ms=t.ms url=fixed_url.get() figure=figure /> }.into_any(),
            Err(e) => view! { <p class="file-error" role="alert" data-testid="fix-error">{e.message()}</p> }.into_any(),
        })}
    }
}

/// The format check failed and no colour row exists: the pixels could not be read
/// (see `filecheck::file_checks`), so the format check's message says why.
fn pixels_unreadable(r: &Report) -> bool {
    r.check(CheckId::FileFormat).is_some_and(|c| c.status == Status::Fail) && r.check(CheckId::ImageColor).is_none()
}

/// Nothing to fix automatically: the pixels cannot be read, or the picture is grey-scale.
fn unfixable(r: &Report) -> bool {
    let failed = |id| r.check(id).is_some_and(|c: &Check| c.status == Status::Fail);
    pixels_unreadable(r) || failed(CheckId::ImageColor)
}

/// The report: a summary with `data-verdict` and one row per check with `data-check`/`data-status`.
#[component]
pub fn ReportView(report: Report, role: Role, ms: f64) -> impl IntoView {
    let (icon, summary) = match report.verdict {
        Verdict::Pass => ("✔", "全部通过"),
        Verdict::Warn => ("!", "基本合格，但有需要注意的地方"),
        Verdict::Fail => ("✘", "有不合格项，需要修改"),
    };
    let fix_ms = (role == Role::Fixed).then(|| format!("{ms:.1}"));
    view! {
        <section
            class="report"
            data-report=role.as_str()
            data-kind=report.kind.as_str()
            data-profile=report.profile.clone()
            data-verdict=report.verdict.as_str()
            data-ms=format!("{ms:.1}")
            data-fix-ms=fix_ms
        >
            <h3 class=format!("summary verdict-{}", report.verdict.as_str())>
                <span class="icon" aria-hidden="true">{icon}</span>
                {if role == Role::Fixed { format!("修复后的文件：{summary}") } else { summary.to_owned() }}
            </h3>
            <ul class="checks">
                {report.checks.into_iter().map(|c| view! { <CheckRow check=c /> }).collect_view()}
            </ul>
        </section>
    }
}

/// Lets the person confirm `manual` checks (provided by a page that has them, e.g. the photo):
/// the ids they confirmed, and a picture of what is meant for each id.
#[derive(Clone, Copy)]
pub struct ManualConfirmations {
    pub confirmed: RwSignal<std::collections::BTreeSet<CheckId>>,
    pub illustrate: fn(CheckId) -> Option<AnyView>,
}

#[component]
fn CheckRow(check: Check) -> impl IntoView {
    let confirm = (check.status == Status::Manual).then(use_context::<ManualConfirmations>).flatten().map(|m| {
        let id = check.id;
        let on_change = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            m.confirmed.update(|set| {
                if on {
                    set.insert(id);
                } else {
                    set.remove(&id);
                }
            });
        };
        view! {
            <div class="manual-confirm">
                {(m.illustrate)(id)}
                <label class="confirm-toggle">
                    <input type="checkbox" data-testid="confirm-manual" data-confirm=id.as_str()
                        prop:checked=check.confirmed on:change=on_change />
                    "我已对照照片检查，确认符合要求"
                </label>
            </div>
        }
    });
    let status = if check.confirmed { "confirmed".to_owned() } else { check.status.as_str().to_owned() };
    let badge = if check.confirmed { "已确认" } else { check.status.label() };
    view! {
        <li class=format!("check status-{status}") data-check=check.id.as_str() data-status=check.status.as_str()
            data-confirmed=check.confirmed.to_string()>
            <div class="check-head">
                <span class="badge">{badge}</span>
                <span class="check-name">{check.id.label()}</span>
            </div>
            <dl>
                <dt>"实测"</dt><dd>{check.measured}</dd>
                <dt>"要求"</dt><dd>{check.expected}</dd>
            </dl>
            <p class="check-message">{check.message}</p>
            {confirm}
        </li>
    }
}

#[component]
fn FixedView(
    kind: Kind,
    fixed: Fixed,
    ms: f64,
    url: Option<String>,
    figure: Option<Callback<Role, AnyView>>,
) -> impl IntoView {
    let profile = use_context::<super::ProfileContext>().map(|p| p.0.get_untracked().id.clone()).unwrap_or_default();
    let report = Report::new(kind, &profile, fixed.checks.clone());
    view! {
        <section class="fixed">
            <h2>"已生成合格文件"</h2>
            <div class="result-grid">
                {url.clone().map(|src| view! {
                    <figure class="preview">
                        <div class="picture"><img src=src alt="修复后的图片" />{figure.map(|f| f.run(Role::Fixed))}</div>
                        <figcaption>{fixed.file_name.clone()}</figcaption>
                    </figure>
                })}
                <div>
                    {url.map(|href| view! {
                        <a class="download" href=href download=fixed.file_name.clone() data-testid="download-fixed">
                            {format!("下载 {}", fixed.file_name)}
                        </a>
                    })}
                    <ul class="fix-notes">{fixed.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <ReportView report=report role=Role::Fixed ms=ms />
                </div>
            </div>
        </section>
    }
}
