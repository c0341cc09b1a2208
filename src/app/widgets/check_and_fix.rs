//! The pick → check → fix workflow as one component: wires `workflow` to the views beside it.

use super::fixed_view::FixedView;
use super::marks_highlight::{MarksControls, provide_marks_highlight};
use super::picker::FilePicker;
use super::report_view::ReportView;
use super::workflow::{Steps, use_workflow};
use crate::app::browser::{self, PickedFile};
use crate::app::hooks::use_object_url;
use crate::fix::{FixError, Fixed};
use crate::report::{Kind, Report, Role};
use leptos::prelude::*;

/// Pick a file, see its report, fix it in one click, download the fixed file and see it checked.
#[component]
pub fn CheckAndFix(
    /// Photo or document: captions, test ids, which result slot to publish to.
    kind: Kind,
    /// The page's rules for a picked file; signals it reads (the profile) re-run it.
    #[prop(into)]
    check: Callback<PickedFile, Report>,
    /// Produces the compliant file.
    #[prop(into)]
    fix: Callback<PickedFile, Result<Fixed, FixError>>,
    /// Cheap changes to a report that depend on other inputs (the typed ID number), run without
    /// decoding again.
    #[prop(optional, into)]
    adjust: Option<Callback<Report, Report>>,
    /// Adjusts the fixed file when other inputs change (the document's name follows the typed ID;
    /// the photo adds its content checks).
    #[prop(optional, into)]
    adjust_fixed: Option<Callback<Fixed, Fixed>>,
    /// Starts slower, asynchronous work on the picked file (the photo's face analysis); its
    /// results come back through `adjust`.
    #[prop(optional, into)]
    on_picked: Option<Callback<PickedFile>>,
    /// The same for the fixed file; results come back through `adjust_fixed`.
    #[prop(optional, into)]
    on_fixed: Option<Callback<Fixed>>,
    /// Drawn over the picture (`Role::Input` or `Role::Fixed`), e.g. the photo's framing marks.
    #[prop(optional, into)]
    figure: Option<Callback<Role, AnyView>>,
    /// A file to check at once, as if picked (the picture the camera page just took).
    #[prop(default = None)]
    initial: Option<PickedFile>,
) -> impl IntoView {
    let marks = provide_marks_highlight();
    let flow = use_workflow(kind, Steps { check, fix, adjust, adjust_fixed, on_picked, on_fixed });
    if let Some(file) = initial {
        flow.picked.set(Some(file));
    }
    let preview = use_object_url(move || flow.picked.with(|p| p.as_ref().map(|f| browser::blob(&f.bytes, "image/*"))));
    let fixed_url = use_object_url(move || {
        flow.shown_fix
            .with(|f| f.as_ref().and_then(|t| t.value.as_ref().ok()).map(|f| browser::blob(&f.bytes, "image/jpeg")))
    });

    view! {
        <div class="check-and-fix" class:show-all-marks=move || marks.show_all.get()>
        <FilePicker kind=kind on_file=move |file| flow.pick(file) />
        {move || flow.busy.get().map(|msg| view! { <p class="busy" role="status" aria-live="polite">{msg}</p> })}
        {move || flow.file_error().map(|msg| view! { <p class="file-error" role="alert" data-testid="file-error">{msg}</p> })}
        {move || {
            flow.report.get().map(|r| {
                let name = flow.picked.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
                view! {
                    <div class="result-grid">
                        {preview.get().map(|src| view! {
                            <figure class="preview">
                                <div class="picture"><img src=src alt="所选图片预览" />{figure.map(|f| f.run(Role::Input))}</div>
                                <figcaption>{name}</figcaption>
                                {figure.is_some().then(|| view! { <MarksControls /> })}
                            </figure>
                        })}
                        <ReportView report=r.value role=Role::Input ms=r.ms />
                    </div>
                }
            })
        }}
        <Show when=move || flow.can_fix()>
            <button class="fix-button" data-testid="fix-button" on:click=move |_| flow.fix() disabled=move || flow.busy.get().is_some()>
                "一键修复：生成合格文件"
            </button>
        </Show>
        {move || flow.shown_fix.get().map(|t| match t.value {
            Ok(f) => view! { <FixedView kind=kind fixed=f ms=t.ms url=fixed_url.get() figure=figure /> }.into_any(),
            Err(e) => view! { <p class="file-error" role="alert" data-testid="fix-error">{e.message()}</p> }.into_any(),
        })}
        </div>
    }
}
