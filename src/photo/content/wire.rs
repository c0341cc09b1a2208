//! Checks as text, for the trip from the analysis worker (which runs the content checks next to
//! the models, and the card checks) back to the page (which only shows them).
//!
//! One check per line: `id TAB status TAB measured TAB expected TAB message`, with `\`, TAB and
//! newline escaped. Text rather than serde: deriving `Deserialize` for `Check` and pulling its
//! visitor into the page costs more wasm than this whole file, and the page's first load has a
//! hard size budget. Ids are parsed back into [`CheckId`] and must be content checks
//! ([`CheckId::CONTENT`]), so an unknown id (a page and worker from different builds) is an
//! error, not a guess.

use crate::report::{Check, CheckId, Status};

/// The checks as lines of escaped, tab-separated fields (`confirmed` is the page's business and
/// is not sent).
pub fn encode_checks(checks: &[Check]) -> String {
    let mut out = String::new();
    for c in checks {
        let fields = [c.id.as_str(), c.status.as_str(), &c.measured, &c.expected, &c.message];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            escape_into(f, &mut out);
        }
        out.push('\n');
    }
    out
}

/// Reads what [`encode_checks`] wrote, accepting only the ids in `allowed` (the worker's answer
/// for a photo carries content checks, for a document card checks). Any malformed line makes the
/// whole answer unreadable.
pub fn decode_checks(text: &str, allowed: &[CheckId]) -> Result<Vec<Check>, String> {
    let bad = |why: &str| format!("分析程序的结果无法读取（{why}）。请刷新页面后重试。");
    text.lines()
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(unescape).collect();
            let [id, status, measured, expected, message] =
                <[String; 5]>::try_from(fields).map_err(|_| bad("字段数"))?;
            let id = id.parse::<CheckId>().ok().filter(|c| allowed.contains(c)).ok_or_else(|| bad(&id))?;
            let status = parse_status(&status).ok_or_else(|| bad(&status))?;
            Ok(Check::new(id, status, measured, expected, message))
        })
        .collect()
}

fn parse_status(s: &str) -> Option<Status> {
    [Status::Pass, Status::Manual, Status::Warn, Status::Fail].into_iter().find(|st| st.as_str() == s)
}

fn escape_into(s: &str, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_survive_the_trip_including_awkward_text() {
        let checks = vec![
            Check::new(CheckId::FacePose, Status::Warn, "滚转 6.2°\t偏航 —", "≤ 5°", "第一行\n第二行 \\ 反斜杠"),
            Check::new(CheckId::AttireJewellery, Status::Manual, "", "", "请确认"),
            Check::new(CheckId::BackgroundColor, Status::Pass, "蓝色", "蓝色", "背景为蓝色。"),
        ];
        let text = encode_checks(&checks);
        assert_eq!(text.lines().count(), 3, "one line per check: {text:?}");
        assert_eq!(decode_checks(&text, CheckId::CONTENT).unwrap(), checks);
        assert_eq!(decode_checks("", CheckId::CONTENT).unwrap(), vec![]);
    }

    #[test]
    fn every_content_check_round_trips() {
        let checks: Vec<Check> =
            CheckId::CONTENT.iter().map(|&id| Check::new(id, Status::Manual, id.label(), "", id.as_str())).collect();
        assert_eq!(decode_checks(&encode_checks(&checks), CheckId::CONTENT).unwrap(), checks);
    }

    #[test]
    fn every_status_round_trips() {
        for status in [Status::Pass, Status::Manual, Status::Warn, Status::Fail] {
            let c = vec![Check::new(CheckId::FaceCount, status, "1", "1", "ok")];
            assert_eq!(decode_checks(&encode_checks(&c), CheckId::CONTENT).unwrap()[0].status, status);
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_guess() {
        assert!(decode_checks("face.count\tpass\t1\t1", CheckId::CONTENT).is_err(), "too few fields");
        assert!(decode_checks("face.count\tmaybe\t1\t1\tx", CheckId::CONTENT).is_err(), "unknown status");
        assert!(decode_checks("file.size\tpass\t1\t1\tx", CheckId::CONTENT).is_err(), "not a content check");
        assert!(decode_checks("\u{0}\t\t\t\t\t\t", CheckId::CONTENT).is_err());
        let unknown =
            decode_checks("face.count\tpass\t1\t1\tx\nface.size\tpass\t1\t1\tx", CheckId::CONTENT).unwrap_err();
        assert!(unknown.contains("face.size"), "the error names the unknown id: {unknown}");
        assert!(decode_checks("content.analysis\tpass\t1\t1\tx", CheckId::CONTENT).is_err(), "the page's own row");
        let card = "card.level\twarn\t倾斜 3.0°\t水平\tx";
        assert!(decode_checks(card, CheckId::CONTENT).is_err(), "a card check in a photo answer");
        assert_eq!(decode_checks(card, CheckId::CARD).unwrap()[0].id, CheckId::CardLevel);
    }
}
