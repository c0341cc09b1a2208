//! The readiness list as HTML text: pure (tested natively) and small in the wasm; the page sets it
//! as the inner HTML of one element. Every text is escaped. Contract for tests: the summary has
//! `data-testid="readiness"`, `data-ready`, `data-blocking`; each area is `[data-area][data-done]`;
//! each item is `[data-item][data-level]` with a link to where it is fixed.

use super::{Area, ItemId, Level, Readiness};
use crate::confirmation::sheet::escape;
use std::fmt::Write;

/// `upload_name(area)`: the file to upload for the photo and the document.
pub fn readiness_html(r: &Readiness, upload_name: &dyn Fn(Area) -> Option<String>) -> String {
    let mut h = String::with_capacity(4 * 1024);
    let (class, text) = if r.ready() {
        (
            "rd-summary rd-ready",
            "✔ 已就绪：照片、证件、报名信息和密码练习都没有待处理的问题。打印确认表，与身份证和照片逐项核对、签字。"
                .to_owned(),
        )
    } else {
        ("rd-summary", format!("还没就绪：还有 {} 项需要处理。", r.blocking()))
    };
    let _ = write!(
        h,
        r#"<section class="{class}" data-testid="readiness" data-ready="{}" data-blocking="{}"><p>{text}</p></section>"#,
        r.ready(),
        r.blocking()
    );
    for area in Area::ALL {
        let done = r.area_done(area);
        let _ = write!(
            h,
            r#"<section class="rd-area" data-area="{}" data-done="{done}"><h2><a href="{}">{}</a>{}</h2>"#,
            area.as_str(),
            area.href(),
            area.label(),
            if done { " ✔" } else { "" }
        );
        if done {
            let note = match area {
                Area::Photo | Area::Document => format!("要上传的文件：{}", upload_name(area).unwrap_or_default()),
                Area::Registration => "已填写，没有错误。".to_owned(),
                Area::Password => "已完成记忆练习（本工具没有保存密码）。".to_owned(),
            };
            let _ = write!(h, r#"<p class="rd-done">{}</p>"#, escape(&note));
        }
        h.push_str(r#"<ul class="rd-items">"#);
        for item in r.items.iter().filter(|i| i.area == area) {
            let badge = match item.level {
                Level::Fail => "不合格",
                Level::Todo => "未完成",
                Level::Manual => "请确认",
                Level::Warn => "注意",
            };
            // Items that come from a check name the check ("文件大小：…").
            let prefix = match item.id {
                ItemId::Check(c) => format!("{}：", c.label()),
                _ => String::new(),
            };
            let _ = write!(
                h,
                r#"<li class="rd-item level-{level}" data-item="{}" data-level="{level}"><span class="badge">{badge}</span><a href="{}">{prefix}{}</a></li>"#,
                escape(item.id.as_str()),
                area.href(),
                escape(&item.text),
                level = item.level.as_str(),
            );
        }
        h.push_str("</ul></section>");
    }
    h
}
