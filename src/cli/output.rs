//! How the CLI prints a report: readable Chinese text, or one JSON object per line.

use crate::report::{Report, Status, Verdict};
use std::io::Write;
use std::path::Path;

/// The report's JSON with the file it belongs to added as `"file"`.
pub fn json_line(report: &Report, path: &Path) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("file".into(), serde_json::Value::String(path.display().to_string()));
    }
    value.to_string()
}

pub fn human(out: &mut dyn Write, report: &Report, path: &Path) {
    let verdict = match report.verdict {
        Verdict::Pass => "✔ 全部通过",
        Verdict::Warn => "! 基本合格，有注意事项",
        Verdict::Fail => "✘ 不合格",
    };
    let _ = writeln!(out, "{}  {}  [{}，规则 {}]", path.display(), verdict, report.kind.label(), report.profile);
    for c in &report.checks {
        let mark = match c.status {
            Status::Pass => "✔",
            Status::Warn => "!",
            Status::Fail => "✘",
            Status::Manual => "?",
        };
        let status = if c.confirmed { "已人工确认" } else { c.status.label() };
        let _ = writeln!(
            out,
            "  {mark} {:<16}（{}） {status}：实测 {}；要求 {}",
            c.id.as_str(),
            c.id.label(),
            c.measured,
            c.expected
        );
        if c.status != Status::Pass && !c.confirmed {
            let _ = writeln!(out, "      {}", c.message);
        }
    }
}
