//! 学习简历: rows newest first, continuous from primary-school entry to the current month.
//!
//! Continuity rule (decided here, shown to families in the messages): a row may start in the
//! month the next-older row ended ("2021.07–2021.07" handover, as many school templates write it)
//! or in the month after it. A later start is a gap (error), except the summer holiday: ending in
//! July or August and starting in September of the same year is only a warning, because many
//! templates write "2021.07" then "2021.09"; the family is told how to make it continuous.
//! An earlier start is an overlap (error). The newest row ends in the current month or says 至今.

use super::key::{FieldKey, HistoryField};
use super::message::Messages;
use super::model::HistoryRow;
use super::month::YearMonth;

/// What the newest row may write instead of the current month.
pub const UNTIL_NOW: &str = "至今";

/// Checks the rows. `today` is the current month (passed in: the pure core reads no clock);
/// `entry` is when the pupil should have entered primary school (September of profile year − grade),
/// `None` when the grade is not known yet.
pub fn check_history(rows: &[HistoryRow], today: YearMonth, entry: Option<YearMonth>, out: &mut Messages) {
    if rows.is_empty() {
        out.error(FieldKey::History, "请填写学习简历：从小学入学一直写到现在，最新的一段在最上面");
        return;
    }
    // Parsed (from, to) per row; None where a month has an error (already reported), so that
    // one typo does not hide the order, overlap and gap checks that do not depend on it.
    let spans: Vec<Span> = rows.iter().enumerate().map(|(i, row)| check_row(i, row, today, out)).collect();

    for (pair, newer_row) in spans.windows(2).zip(rows) {
        if let [newer, older] = pair {
            check_pair(key(newer_row, HistoryField::From), newer, older, out);
        }
    }
    if let (Some(Span { to: Some(newest_to), .. }), Some(newest)) = (spans.first(), rows.first())
        && *newest_to < today
    {
        out.error(
            key(newest, HistoryField::To),
            format!("最上面一段应写到本月 {today}（或写“{UNTIL_NOW}”），中间不能留空档"),
        );
    }
    if let (Some(Span { from: Some(oldest_from), .. }), Some(oldest), Some(entry)) = (spans.last(), rows.last(), entry)
        && *oldest_from > entry
    {
        out.warning(
            key(oldest, HistoryField::From),
            format!("最下面一段从 {oldest_from} 开始，但学习简历要从小学入学写起（按年级推算约为 {entry}），请补上更早的学校"),
        );
    }
}

fn key(row: &HistoryRow, field: HistoryField) -> FieldKey {
    FieldKey::HistoryRow { row: row.id, field }
}

/// One row's months, each `None` when it could not be read.
struct Span {
    from: Option<YearMonth>,
    to: Option<YearMonth>,
}

/// Row `i` (0 is the newest) on its own.
fn check_row(i: usize, row: &HistoryRow, today: YearMonth, out: &mut Messages) -> Span {
    if row.school.trim().chars().count() < 2 {
        out.error(key(row, HistoryField::School), "请填写学校全称（不要简写）");
    }
    if row.reference.trim().is_empty() {
        out.error(key(row, HistoryField::Reference), "请填写证明人（一般是当时的班主任）");
    }
    let from = parse_month(key(row, HistoryField::From), &row.from, today, out);
    let to = if i == 0 && row.to.trim() == UNTIL_NOW {
        Some(today)
    } else if row.to.trim() == UNTIL_NOW {
        out.error(
            key(row, HistoryField::To),
            format!("只有最上面（最新）一段可以写“{UNTIL_NOW}”，这里请写结束年月，如 2021.07"),
        );
        None
    } else {
        parse_month(key(row, HistoryField::To), &row.to, today, out)
    };
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        out.error(key(row, HistoryField::To), format!("结束年月 {to} 早于开始年月 {from}，请对调或改正"));
        return Span { from: None, to: None };
    }
    Span { from, to }
}

fn parse_month(key: FieldKey, text: &str, today: YearMonth, out: &mut Messages) -> Option<YearMonth> {
    if text.trim().is_empty() {
        out.error(key, "请填写年月，格式如 2015.09");
        return None;
    }
    let Some(month) = YearMonth::parse(text) else {
        out.error(key, format!("“{}”不是有效的年月，请按 2015.09 的格式填写（月份两位）", text.trim()));
        return None;
    };
    if month > today {
        out.error(key, format!("{month} 还没到（本月是 {today}），请核对年份和月份"));
        return None;
    }
    Some(month)
}

/// A newer row against the next older one; `key` is the newer row's start, where a problem is shown.
fn check_pair(key: FieldKey, newer: &Span, older: &Span, out: &mut Messages) {
    let Some(newer_from) = newer.from else { return };
    if older.from.is_some_and(|older_from| newer_from < older_from) {
        out.error(key, "顺序不对：最新的一段要放在最上面，请按时间从近到远排列");
        return;
    }
    let Some(older_to) = older.to else { return };
    if newer_from < older_to {
        out.error(key, format!("与下面一段重叠：下面一段到 {older_to} 才结束，这一段应从 {older_to} 或之后开始"));
    } else if newer_from.index() > older_to.index() + 1 {
        let summer = newer_from.year == older_to.year && newer_from.month == 9 && matches!(older_to.month, 7 | 8);
        let text = format!(
            "与下面一段之间有空档（{older_to} 到 {newer_from}），请把下面一段的结束年月改为 {}，或把这一段的开始年月改为 {}",
            prev(newer_from),
            older_to.next()
        );
        if summer { out.warning(key, format!("{text}（暑假也要连上）")) } else { out.error(key, text) }
    }
}

fn prev(m: YearMonth) -> YearMonth {
    if m.month <= 1 {
        YearMonth { year: m.year.saturating_sub(1), month: 12 }
    } else {
        YearMonth { year: m.year, month: m.month - 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::Registration;
    use crate::registration::message::{FieldMessage, Severity};

    fn row(from: &str, to: &str) -> HistoryRow {
        HistoryRow {
            from: from.into(),
            to: to.into(),
            school: "郑州市第一中学".into(),
            reference: "王老师".into(),
            ..HistoryRow::default()
        }
    }
    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap_or(YearMonth { year: 1, month: 1 })
    }
    /// The messages with their fields as the page names them ("history.0.from").
    fn run(rows: &[HistoryRow], today: &str) -> Vec<(String, FieldMessage)> {
        let mut out = Messages::default();
        check_history(rows, ym(today), Some(ym("2015.09")), &mut out);
        let form = Registration { history: rows.to_vec(), ..Registration::default() };
        out.0.into_iter().map(|m| (m.field.as_dom_id(&form), m)).collect()
    }
    fn has(msgs: &[(String, FieldMessage)], field: &str, severity: Severity, text: &str) -> bool {
        msgs.iter().any(|(f, m)| f == field && m.severity == severity && m.text.contains(text))
    }

    #[test]
    fn continuous_histories_pass() {
        // Same-month handover, month-after handover, 至今 and an explicit current month.
        for rows in [
            vec![row("2021.07", "至今"), row("2015.09", "2021.07")],
            vec![row("2021.08", "2024.03"), row("2015.09", "2021.07")],
            vec![row("2023.02", "至今"), row("2021.09", "2023.01"), row("2015.09", "2021.08")],
        ] {
            assert_eq!(run(&rows, "2024.03"), vec![], "{rows:?}");
        }
    }

    #[test]
    fn empty_history_is_an_error() {
        assert!(has(&run(&[], "2024.03"), "history", Severity::Error, "请填写学习简历"));
    }

    #[test]
    fn gaps() {
        let m = run(&[row("2022.03", "至今"), row("2015.09", "2021.12")], "2024.03");
        assert!(has(&m, "history.0.from", Severity::Error, "空档"), "{m:?}");
        assert!(has(&m, "history.0.from", Severity::Error, "2022.02"), "suggests the month before: {m:?}");
        // The summer holiday gap is only a warning.
        let m = run(&[row("2021.09", "至今"), row("2015.09", "2021.07")], "2024.03");
        assert!(has(&m, "history.0.from", Severity::Warning, "暑假"), "{m:?}");
        assert_eq!(m.len(), 1);
        // A stale newest row leaves a gap up to today.
        let m = run(&[row("2021.09", "2023.06"), row("2015.09", "2021.08")], "2024.03");
        assert!(has(&m, "history.0.to", Severity::Error, "2024.03"), "{m:?}");
    }

    #[test]
    fn overlaps_and_order() {
        let m = run(&[row("2021.05", "至今"), row("2015.09", "2021.07")], "2024.03");
        assert!(has(&m, "history.0.from", Severity::Error, "重叠"), "{m:?}");
        let m = run(&[row("2015.09", "2021.07"), row("2021.08", "至今")], "2024.03");
        assert!(has(&m, "history.0.from", Severity::Error, "顺序"), "{m:?}");
        assert!(has(&m, "history.1.to", Severity::Error, "至今"), "至今 only on the newest row: {m:?}");
    }

    #[test]
    fn row_level_problems() {
        let mut bad = row("2015.9", "2021.07");
        bad.school = "一".into();
        bad.reference = " ".into();
        let m = run(&[row("2021.08", "至今"), bad], "2024.03");
        assert!(has(&m, "history.1.from", Severity::Error, "2015.09 的格式"), "{m:?}");
        assert!(has(&m, "history.1.school", Severity::Error, "全称"));
        assert!(has(&m, "history.1.reference", Severity::Error, "证明人"));
        let m = run(&[row("2021.08", "2021.07")], "2024.03");
        assert!(has(&m, "history.0.to", Severity::Error, "早于"), "{m:?}");
        let m = run(&[row("2021.08", "2024.05")], "2024.03");
        assert!(has(&m, "history.0.to", Severity::Error, "还没到"), "{m:?}");
        let m = run(&[row("2021.08", "")], "2024.03");
        assert!(has(&m, "history.0.to", Severity::Error, "请填写年月"), "{m:?}");
    }

    #[test]
    fn must_start_at_primary_school() {
        let m = run(&[row("2021.09", "至今")], "2024.03");
        assert!(has(&m, "history.0.from", Severity::Warning, "小学入学"), "{m:?}");
        assert_eq!(ym("2015.09").next(), ym("2015.10"));
    }
}
