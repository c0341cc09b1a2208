//! The class table and the unmatched-file list as escaped HTML: the page sets them as inner HTML,
//! which costs its first-load wasm far less than a component per row would. Pure, so the markup
//! (and its test attributes `data-student`, `data-photo-status`, `data-unmatched-file`) is tested
//! natively.

use super::session::{Downloads, Queue, Row, RunState, Slot, Unused, visible};
use crate::markup::escape;
use crate::report::Kind;
use std::fmt::Write;

/// The page's fixed part: the roster (file or pasted cells), the files, the filter. Its controls
/// carry `data-action`; one listener on the page acts on them.
pub const INPUTS: &str = concat!(
    r#"<section class="class-step"><h2>1. 花名册</h2><p>CSV（Excel、WPS 另存的均可）或 XLSX，需有“姓名”和“身份证号”两列。</p>"#,
    r#"<input type="file" accept=".csv,.xlsx,.txt" aria-label="选择花名册文件" data-testid="class-roster" data-action="roster">"#,
    r#"<details><summary>或从表格中复制粘贴</summary><textarea rows="4" aria-label="粘贴的名单" data-testid="class-roster-text" placeholder="姓名&#9;身份证号"></textarea>"#,
    r#"<button type="button" data-action="paste">使用粘贴的名单</button></details></section>"#,
    r#"<section class="class-step"><h2>2. 照片和证件照片</h2><p>文件名含学生姓名或身份证号即可自动对应（如“张三.jpg”“张三身份证.jpg”），也可放在以姓名命名的文件夹里打包成 ZIP。</p>"#,
    r#"<input type="file" multiple accept="image/*,.heic,.zip" aria-label="选择照片、证件照片或 ZIP 压缩包" data-testid="class-files" data-action="files"></section>"#,
    r#"<label class="class-filter"><input type="checkbox" data-action="problems"> 只看有问题的</label>"#,
);

/// Chinese messages (a roster that cannot be read, a refused archive), one paragraph each.
pub fn messages(lines: &[String]) -> String {
    lines.iter().map(|m| format!(r#"<p class="field-error" role="alert">{}</p>"#, escape(m))).collect()
}

/// `[data-testid=class-progress]` with `data-done`, `data-total`, `data-state`, a bar and, while
/// working, the cancel button.
pub fn progress(q: &Queue) -> String {
    let state = q.state();
    format!(
        r#"<div class="class-progress" data-testid="class-progress" data-done="{}" data-total="{}" data-state="{}"><progress max="100" value="{}"></progress><span>{} / {}</span>{}</div>"#,
        q.done(),
        q.total(),
        state.as_str(),
        q.percent(),
        q.done(),
        q.total(),
        if state == RunState::Working { r#"<button type="button" data-action="cancel">取消</button>"# } else { "" },
    )
}

/// The same bar while the analysis workers look for cards to sort new files, before the checks.
pub fn sorting(done: usize, total: usize) -> String {
    format!(
        r#"<div class="class-progress" data-testid="class-progress" data-done="{done}" data-total="{total}" data-state="working" data-stage="sorting"><progress max="100" value="{}"></progress><span>正在识别文件内容 {done} / {total}</span></div>"#,
        (done * 100).checked_div(total).unwrap_or(100)
    )
}

/// Fix all (enabled when there is a class and nothing runs), then the downloads and the redo list.
pub fn export(ready: bool, downloads: Option<&Downloads>) -> String {
    let mut out = format!(
        r#"<section class="class-step"><h2>3. 修复并下载</h2><button type="button" data-testid="class-fix-all" data-action="fix"{}>全部修复并打包</button>"#,
        if ready { "" } else { " disabled" }
    );
    if let Some(d) = downloads {
        let _ = write!(
            out,
            r#"<p class="class-downloads"><a href="{}" download="班级照片.zip" data-testid="class-download-zip" data-action="saved">下载 ZIP（照片/、证件/、检查报告.csv）</a> <a href="{}" download="检查报告.csv" data-testid="class-download-report">只下载检查报告.csv</a> <button type="button" data-action="print">打印需重交名单</button></p><ol class="class-redo" data-testid="class-redo">"#,
            escape(&d.zip),
            escape(&d.csv)
        );
        for line in &d.redo {
            let _ = write!(out, "<li>{}</li>", escape(line));
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");
    out
}

/// The label of a file kind in the table and the picker.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Photo => "照片",
        Kind::Document => "证件",
    }
}

/// `<option>`s of photo and ID image, `chosen` selected.
fn kind_options(chosen: Kind) -> String {
    [Kind::Photo, Kind::Document]
        .map(|k| {
            let selected = if k == chosen { " selected" } else { "" };
            let value = if k == Kind::Photo { "photo" } else { "document" };
            format!(r#"<option value="{value}"{selected}>{}</option>"#, kind_label(k))
        })
        .concat()
}

/// One element per shown student (`[data-student]`), with each file's status, line and thumbnail.
pub fn table(rows: &[Row], problems_only: bool) -> String {
    let mut out = String::new();
    for i in visible(rows, problems_only) {
        let r = &rows[i];
        let _ = write!(
            out,
            r#"<div class="class-row{}" data-student="{}" data-photo-status="{}" data-document-status="{}"><div class="class-who"><strong>{}</strong> <span class="class-id">{}</span>"#,
            if r.has_problem() { " problem" } else { "" },
            escape(&r.id),
            r.photo.status_attr(),
            r.document.status_attr(),
            escape(&r.name),
            escape(&r.id),
        );
        if !r.roster_problem.is_empty() {
            let _ = write!(out, r#" <span class="field-error">{}</span>"#, escape(&r.roster_problem));
        }
        out.push_str("</div>");
        for kind in [Kind::Photo, Kind::Document] {
            slot(&mut out, r.slot(kind), kind, i);
        }
        out.push_str("</div>");
    }
    out
}

fn slot(out: &mut String, s: &Slot, kind: Kind, student: usize) {
    let _ = write!(out, r#"<div class="class-slot" data-status="{}">"#, s.status_attr());
    if let Some(src) = &s.thumbnail {
        let _ = write!(out, r#"<img src="{}" alt="" loading="lazy" decoding="async">"#, escape(src));
    }
    // The row's controls name it by `data-row` (its index): `data-student` is the row's ID alone.
    match s.index {
        // The teacher's override when the file was sorted wrong: the same select as the picker's.
        Some(file) => {
            let _ = write!(
                out,
                r#"<select class="class-kind" aria-label="文件类型" data-action="kind" data-file="{file}" data-row="{student}">{}</select>"#,
                kind_options(kind)
            );
        }
        None => {
            let _ = write!(out, r#"<span class="class-kind">{}</span>"#, kind_label(kind));
        }
    }
    let _ = write!(out, r#"<span class="class-line">{}</span>"#, escape(&s.line(kind)));
    if s.report.is_some() {
        let _ = write!(
            out,
            r#"<button type="button" class="class-open" data-action="open" data-row="{student}" data-kind="{}">查看报告</button>"#,
            kind.as_str()
        );
    }
    if let Some(f) = &s.file {
        let _ = write!(out, r#"<span class="class-file">{}</span>"#, escape(f));
    }
    out.push_str("</div>");
}

/// The files no student was found for, each with why and a picker: a student, photo or ID image,
/// and a button carrying the file's index (`data-choose`).
pub fn unused(files: &[Unused], rows: &[Row]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let mut students = String::from(r#"<option value="">选择学生</option>"#);
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(students, r#"<option value="{i}">{} {}</option>"#, escape(&r.name), escape(&r.id));
    }
    let mut out = String::from(r#"<section class="class-step"><h2>未对应的文件</h2><ul class="class-unused">"#);
    for f in files {
        let _ = write!(
            out,
            r#"<li data-unmatched-file="{}"><strong>{}</strong> <span>{}</span> <select aria-label="学生" data-pick="student">{students}</select> <select aria-label="类型" data-pick="kind">{}</select> <button type="button" data-choose="{}">指定</button></li>"#,
            escape(&f.name),
            escape(&f.name),
            escape(&f.reason),
            kind_options(Kind::Photo),
            f.file,
        );
    }
    out.push_str("</ul></section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classroom::inspect::SlotStatus;

    #[test]
    fn rows_carry_the_test_attributes_and_escape_what_the_roster_says() {
        let mut rows = vec![
            Row { name: "李<明>".into(), id: "410102201002030111".into(), ..Row::default() },
            Row { name: "王雨桐".into(), id: "410102201003040143".into(), ..Row::default() },
        ];
        rows[0].photo = Slot {
            file: Some("a&b.jpg".into()),
            index: Some(0),
            status: Some(SlotStatus::Fail),
            reason: "背景颜色不合格".into(),
            thumbnail: Some("blob:x".into()),
            ..Slot::default()
        };
        for kind in [Kind::Photo, Kind::Document] {
            *rows[1].slot_mut(kind) =
                Slot { file: Some("f.jpg".into()), status: Some(SlotStatus::Pass), ..Slot::default() };
        }
        let html = table(&rows, false);
        assert_eq!(html.matches("data-student=").count(), 2, "one per row, nothing else: {html}");
        assert!(
            html.contains(
                r#"data-student="410102201002030111" data-photo-status="fail" data-document-status="missing""#
            ),
            "{html}"
        );
        assert!(
            html.contains("李&lt;明&gt;") && html.contains("a&amp;b.jpg") && html.contains("背景颜色不合格"),
            "{html}"
        );
        assert!(html.contains(r#"<img src="blob:x""#));
        assert!(
            html.contains(r#"data-action="kind" data-file="0" data-row="0"><option value="photo" selected>照片</option><option value="document">证件</option></select>"#),
            "a file's kind can be changed where it is shown: {html}"
        );
        assert!(html.contains(r#"data-student="410102201003040143" data-photo-status="pass""#));
        let problems = table(&rows, true);
        assert!(problems.contains("410102201002030111") && !problems.contains("410102201003040143"), "{problems}");
    }

    #[test]
    fn progress_and_export_say_what_runs_and_what_can_be_downloaded() {
        use crate::classroom::session::{Pass, jobs};
        let mut q = Queue::default();
        assert!(progress(&q).contains(r#"data-state="idle""#));
        let run = q.start(Pass::Check, jobs(&[Some(0), Some(1)], &[]));
        q.take(run);
        q.finish(run);
        let html = progress(&q);
        assert!(
            html.contains(r#"data-done="1" data-total="2" data-state="working""#) && html.contains("取消"),
            "{html}"
        );
        q.finish(run);
        assert!(!progress(&q).contains("取消"));
        assert!(export(false, None).contains(r#"data-action="fix" disabled"#));
        let d = Downloads {
            zip: "blob:z".into(), csv: "blob:c".into(), redo: vec!["赵子涵：缺少证件照片".into()]
        };
        let html = export(true, Some(&d));
        assert!(
            !html.contains("disabled")
                && html.contains(r#"href="blob:z""#)
                && html.contains("<li>赵子涵：缺少证件照片</li>"),
            "{html}"
        );
        assert_eq!(messages(&["a<b".into()]), r#"<p class="field-error" role="alert">a&lt;b</p>"#);
    }

    #[test]
    fn each_unmatched_file_has_a_picker_of_every_student() {
        assert_eq!(unused(&[], &[]), "");
        let rows = vec![Row { name: "甲".into(), id: "1".into(), ..Row::default() }];
        let files = [Unused { file: 7, name: "mm\"1.jpg".into(), reason: "没有姓名".into() }];
        let html = unused(&files, &rows);
        assert!(html.contains(r#"data-unmatched-file="mm&quot;1.jpg""#), "{html}");
        assert!(html.contains(r#"<option value="0">甲 1</option>"#) && html.contains(r#"data-choose="7""#), "{html}");
    }
}
