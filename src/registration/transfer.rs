//! The export file: `{"format":"zhongzhao-precheck/registration","version":1,"sample":false,"registration":{…}}`.
//! The same text is what "保存在本设备" keeps in localStorage, so one parser guards both.
//!
//! The model has no password or verification-answer field, and `deny_unknown_fields` keeps
//! anything else from riding along on import: the file can never carry a password.

use super::model::Registration;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "zhongzhao-precheck/registration";
pub const VERSION: u32 = 1;
/// Far above any real form; stops a wrong file (a photo, a backup) from being parsed at all.
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    format: String,
    version: u32,
    /// True for the demo student (示例数据), so an imported demo is labelled as such.
    #[serde(default)]
    sample: bool,
    registration: Registration,
}

/// What an import yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub registration: Registration,
    pub sample: bool,
}

/// Pretty-printed so a teacher can read the file.
pub fn export(registration: &Registration, sample: bool) -> String {
    let file = ExportFile { format: FORMAT.into(), version: VERSION, sample, registration: registration.clone() };
    // Serialising plain strings and vectors cannot fail; an empty string would import as an error.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The file name offered for download, e.g. `报名信息-张三.json`.
pub fn file_name(registration: &Registration) -> String {
    let name: String = registration.name.chars().filter(|c| !"/\\:*?\"<>|".contains(*c)).take(20).collect();
    if name.trim().is_empty() { "报名信息.json".into() } else { format!("报名信息-{}.json", name.trim()) }
}

/// Reads an export. `Err` is a Chinese message for the family; nothing is changed by a failed import
/// because this returns a new value and the caller replaces the form only on `Ok`.
pub fn import(text: &str) -> Result<Imported, String> {
    const FOREIGN: &str = "这不是本工具导出的报名信息文件，请选择以前用“导出”保存的 .json 文件";
    if text.len() > MAX_BYTES {
        return Err(format!("文件太大（{} KB），不是本工具导出的报名信息文件", text.len() / 1024));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err("文件是空的，请重新导出后再导入".into());
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!("文件已损坏或不完整（第 {} 行第 {} 列附近出错），请重新导出后再导入", e.line(), e.column())
    })?;
    let object = value.as_object().ok_or(FOREIGN)?;
    if object.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(FOREIGN.into());
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(format!("这个文件是较新版本（第 {v} 版）导出的，请刷新页面使用最新版本后再导入"));
        }
        _ => return Err("文件的版本号缺失或不正确，文件可能被改动过，请重新导出后再导入".into()),
    }
    let file: ExportFile = serde_json::from_value(value)
        .map_err(|e| format!("文件内容不完整或被改动过（{}），请重新导出后再导入", field_hint(&e.to_string())))?;
    Ok(Imported { registration: file.registration, sample: file.sample })
}

/// serde's message names the field in backticks; keep only that part for a short Chinese message.
fn field_hint(serde_message: &str) -> String {
    let mut parts = serde_message.split('`');
    match (parts.next(), parts.next()) {
        (Some(_), Some(field)) => format!("问题出在“{field}”"),
        _ => "内容格式不对".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::model::{Guardian, HistoryRow};

    fn sample_form() -> Registration {
        Registration {
            name: "买买提·艾力".into(),
            sex: "male".into(),
            id_number: "11010519491231002X".into(),
            birth_date: "2011-02-29".into(), // wrong on purpose: invalid data must survive too
            ethnicity: "05".into(),
            hukou_place: "河南省洛阳市偃师市".into(),
            current_school: "洛阳市第二中学".into(),
            grade: "9".into(),
            registration_place: "hukou".into(),
            mobile: " +86 138-0013-8000 ".into(),
            guardians: vec![Guardian {
                name: "艾力".into(),
                relation: "父亲".into(),
                phone: "\"引号\"\n换行".into(),
                ..Guardian::default()
            }],
            history: vec![
                HistoryRow {
                    from: "2021.09".into(),
                    to: "至今".into(),
                    school: "洛阳市第二中学".into(),
                    role: "班长".into(),
                    reference: "王老师".into(),
                    ..HistoryRow::default()
                },
                HistoryRow::default(),
            ],
        }
    }

    #[test]
    fn exact_round_trip() {
        for (form, sample) in [(sample_form(), false), (sample_form(), true), (Registration::default(), false)] {
            let text = export(&form, sample);
            assert!(text.contains("\"format\": \"zhongzhao-precheck/registration\""));
            assert!(text.contains("\"version\": 1"));
            assert_eq!(import(&text), Ok(Imported { registration: form.clone(), sample }));
            // Exporting the import gives the same bytes.
            let again = import(&text).map(|i| export(&i.registration, i.sample));
            assert_eq!(again.as_deref(), Ok(text.as_str()));
        }
        let with_bom = format!("\u{feff}{}", export(&sample_form(), false));
        assert!(import(&with_bom).is_ok());
    }

    #[test]
    fn damaged_and_foreign_files_are_rejected() {
        let good = export(&sample_form(), false);
        let truncated = good.get(..good.len() / 2).unwrap_or_default().to_string();
        let cases: Vec<(String, &str)> = vec![
            (truncated, "损坏"),
            (String::new(), "空"),
            ("[1,2,3]".into(), "不是本工具"),
            ("{\"name\":\"张三\"}".into(), "不是本工具"),
            (good.replace(FORMAT, "other-tool/registration"), "不是本工具"),
            (good.replace("\"version\": 1", "\"version\": 2"), "较新版本"),
            (good.replace("\"version\": 1", "\"version\": \"1\""), "版本号"),
            (good.replace("\"version\": 1,", ""), "版本号"),
            (good.replace("\"mobile\"", "\"password\""), "password"),
            (good.replace("\"grade\": \"9\"", "\"grade\": 9"), "内容"),
            (good.replace("\"registration\"", "\"data\""), "内容"),
            ("x".repeat(MAX_BYTES + 1), "太大"),
            ("\u{89}PNG\r\n".into(), "损坏"),
        ];
        for (text, why) in cases {
            let r = import(&text);
            assert!(r.as_ref().is_err_and(|m| m.contains(why)), "{why}: {r:?}");
        }
    }

    #[test]
    fn never_carries_secrets() {
        let text = export(&sample_form(), false);
        for word in ["password", "密码", "answer", "密保", "verification"] {
            assert!(!text.to_lowercase().contains(word), "{word}");
        }
        assert_eq!(file_name(&sample_form()), "报名信息-买买提·艾力.json");
        assert_eq!(file_name(&Registration { name: "a/b".into(), ..Registration::default() }), "报名信息-ab.json");
        assert_eq!(file_name(&Registration::default()), "报名信息.json");
    }
}
