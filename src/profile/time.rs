//! A minute of local time in Asia/Shanghai: the collection windows' start and end, and "now" as
//! the page's clock passes it in. China has no daylight saving, so a local time needs no zone.
//!
//! Windows are written `YYYY-MM-DDTHH:MM` in the profiles and parsed (and range-checked) when the
//! profile is read, so `2025-13-45T99:99` is an error in build.rs, not a window that never opens.

use crate::identity::Date;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Ordered as time is: `derive(Ord)` compares date, then hour, then minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub date: Date,
    hour: u8,
    minute: u8,
}

impl LocalDateTime {
    /// `None` for an hour above 23 or a minute above 59.
    pub fn new(date: Date, hour: u8, minute: u8) -> Option<LocalDateTime> {
        (hour < 24 && minute < 60).then_some(LocalDateTime { date, hour, minute })
    }

    /// 00:00 of `date`.
    pub fn midnight(date: Date) -> LocalDateTime {
        LocalDateTime { date, hour: 0, minute: 0 }
    }

    /// `YYYY-MM-DDTHH:MM` with a real date and time; `None` for anything else.
    pub fn parse(s: &str) -> Option<LocalDateTime> {
        let (date, time) = s.split_once('T')?;
        let (h, m) = time.split_once(':')?;
        if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        LocalDateTime::new(Date::parse_iso(date)?, h.parse().ok()?, m.parse().ok()?)
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Minutes since 1970-01-01T00:00, so that durations are plain subtraction.
    pub fn minutes(self) -> i64 {
        self.date.day_number() * 1440 + i64::from(self.hour) * 60 + i64::from(self.minute)
    }

    /// "2024年3月4日 09:00", as the page shows a window's start and end.
    pub fn display_zh(self) -> String {
        let d = self.date;
        format!("{}年{}月{}日 {:02}:{:02}", d.year, d.month, d.day, self.hour, self.minute)
    }
}

impl fmt::Display for LocalDateTime {
    /// `YYYY-MM-DDTHH:MM`, the profiles' notation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}", self.date, self.hour, self.minute)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LocalDateTime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "“{text}” 不是有效的北京时间：应写作 YYYY-MM-DDTHH:MM（如 2024-03-04T09:00），月 1–12、日不超过当月天数、时 00–23、分 00–59"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_range_checks() {
        let t = LocalDateTime::parse("2024-03-04T09:05");
        assert_eq!(t.map(|t| (t.date.to_string(), t.hour(), t.minute())), Some(("2024-03-04".into(), 9, 5)));
        assert_eq!(t.map(|t| t.to_string()), Some("2024-03-04T09:05".into()));
        assert_eq!(t.map(LocalDateTime::display_zh), Some("2024年3月4日 09:05".into()));
        for bad in [
            "2025-13-45T99:99",
            "2024-02-30T09:00",
            "2024-03-01T24:00",
            "2024-03-01T23:60",
            "2024-03-01T9:00",
            "2024-03-01T+9:00",
            "2024-03-01 09:00",
            "2024-03-01",
            "",
        ] {
            assert_eq!(LocalDateTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn minutes_and_order_follow_time() {
        let m = |s| LocalDateTime::parse(s).map(LocalDateTime::minutes);
        assert_eq!(m("1970-01-01T00:01"), Some(1));
        assert_eq!(m("2024-03-01T00:00").zip(m("2024-02-28T00:00")).map(|(a, b)| a - b), Some(2 * 1440));
        let (a, b) = (LocalDateTime::parse("2024-03-31T17:00"), LocalDateTime::parse("2024-04-01T09:00"));
        assert!(a.is_some() && a < b);
    }

    #[test]
    fn a_bad_time_in_json_names_itself() {
        let err = serde_json::from_str::<LocalDateTime>("\"2025-13-45T99:99\"").unwrap_err().to_string();
        assert!(err.contains("2025-13-45T99:99") && err.contains("YYYY-MM-DDTHH:MM"), "{err}");
        assert_eq!(
            serde_json::from_str::<LocalDateTime>("\"2024-03-04T09:00\"").ok(),
            LocalDateTime::parse("2024-03-04T09:00")
        );
    }
}
