//! The class table and the unmatched-file list as escaped HTML: the page sets them as inner HTML,
//! which costs its first-load wasm far less than a component per row would. Pure, so the markup
//! (and its test attributes `data-student`, `data-photo-status`, `data-unmatched-file`) is tested
//! natively.

use super::session::{Row, Slot, Unused, visible};
use crate::markup::escape;
use crate::report::Kind;
use std::fmt::Write;

/// The label of a file kind in the table and the picker.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Photo => "照片",
        Kind::Document => "证件",
    }
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
            slot(&mut out, r.slot(kind), kind);
        }
        out.push_str("</div>");
    }
    out
}

fn slot(out: &mut String, s: &Slot, kind: Kind) {
    let _ = write!(out, r#"<div class="class-slot" data-status="{}">"#, s.status_attr());
    if let Some(src) = &s.thumbnail {
        let _ = write!(out, r#"<img src="{}" alt="" loading="lazy" decoding="async">"#, escape(src));
    }
    let _ = write!(
        out,
        r#"<span class="class-kind">{}</span><span class="class-line">{}</span>"#,
        kind_label(kind),
        escape(&s.line(kind))
    );
    if let Some(f) = &s.file {
        let _ = write!(out, r#"<span class="class-file">{}</span>"#, escape(f));
    }
    out.push_str("</div>");
}

/// The files no student was found for, each with why and a picker: a student, photo or ID image,
/// and a button carrying the file's index (`data-choose`).
pub fn unused(files: &[Unused], rows: &[Row]) -> String {
    let mut students = String::from(r#"<option value="">选择学生</option>"#);
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(students, r#"<option value="{i}">{} {}</option>"#, escape(&r.name), escape(&r.id));
    }
    let mut out = String::new();
    for f in files {
        let _ = write!(
            out,
            r#"<li data-unmatched-file="{}"><strong>{}</strong> <span>{}</span> <select aria-label="学生" data-pick="student">{students}</select> <select aria-label="类型" data-pick="kind"><option value="photo">{}</option><option value="document">{}</option></select> <button type="button" data-choose="{}">指定</button></li>"#,
            escape(&f.name),
            escape(&f.name),
            escape(&f.reason),
            kind_label(Kind::Photo),
            kind_label(Kind::Document),
            f.file,
        );
    }
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
        assert!(html.contains(r#"data-student="410102201003040143" data-photo-status="pass""#));
        let problems = table(&rows, true);
        assert!(problems.contains("410102201002030111") && !problems.contains("410102201003040143"), "{problems}");
    }

    #[test]
    fn each_unmatched_file_has_a_picker_of_every_student() {
        let rows = vec![Row { name: "甲".into(), id: "1".into(), ..Row::default() }];
        let files = [Unused { file: 7, name: "mm\"1.jpg".into(), reason: "没有姓名".into() }];
        let html = unused(&files, &rows);
        assert!(html.contains(r#"data-unmatched-file="mm&quot;1.jpg""#), "{html}");
        assert!(html.contains(r#"<option value="0">甲 1</option>"#) && html.contains(r#"data-choose="7""#), "{html}");
    }
}
