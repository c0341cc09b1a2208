//! The fixed file: its picture, the download link, what the fix did, and its own report.

use super::report_view::ReportView;
use crate::app::ProfileContext;
use crate::fix::Fixed;
use crate::report::{Kind, Report, Role};
use leptos::prelude::*;

#[component]
pub fn FixedView(
    kind: Kind,
    fixed: Fixed,
    /// How long the fix took: `data-fix-ms` of its report.
    ms: f64,
    /// The fixed file's object URL (owned by the caller, which revokes it).
    url: Option<String>,
    /// Drawn over the picture with role `fixed`.
    figure: Option<Callback<Role, AnyView>>,
) -> impl IntoView {
    let profile = use_context::<ProfileContext>().map(|p| p.0.get_untracked().id.clone()).unwrap_or_default();
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
