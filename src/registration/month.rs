//! `YYYY.MM` months, as written in a 学习简历.

use crate::identity::date::digits;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

impl YearMonth {
    pub fn new(year: u16, month: u8) -> Option<YearMonth> {
        (year >= 1 && (1..=12).contains(&month)).then_some(YearMonth { year, month })
    }

    /// Exactly `YYYY.MM` (two-digit month), the form the platform prints.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.trim().split_once('.')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        YearMonth::new(digits(y)? as u16, digits(m)? as u8)
    }

    /// Months since year 0, so that "the month after" is `+ 1`.
    pub fn index(self) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month) - 1
    }

    pub fn next(self) -> YearMonth {
        if self.month >= 12 {
            YearMonth { year: self.year.saturating_add(1), month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}.{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_order() {
        assert_eq!(YearMonth::parse("2015.09"), YearMonth::new(2015, 9));
        assert_eq!(YearMonth::parse(" 2021.12 ").map(|m| m.next().to_string()), Some("2022.01".into()));
        for bad in ["2015.9", "2015-09", "15.09", "2015.13", "2015.00", "2015.", ".09", "二〇一五.09", ""] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let (a, b) = (YearMonth::parse("2021.08"), YearMonth::parse("2021.09"));
        assert!(a < b);
        assert_eq!(a.zip(b).map(|(a, b)| b.index() - a.index()), Some(1));
    }
}
