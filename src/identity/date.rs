//! Calendar dates without a clock: the pure core never reads "today", callers pass it in.

use std::fmt;

/// A real Gregorian date (constructors reject 2011-02-29, 2024-04-31 and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// 0 for a month outside 1..=12, so callers never index with it.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses a run of ASCII digits; `None` for anything else (including signs and spaces).
pub(crate) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (year >= 1 && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// `YYYYMMDD`, as inside an ID number.
    pub fn parse_compact(s: &str) -> Option<Date> {
        if s.len() != 8 || !s.is_ascii() {
            return None;
        }
        let (y, rest) = s.split_at(4);
        let (m, d) = rest.split_at(2);
        Date::new(digits(y)? as u16, digits(m)? as u8, digits(d)? as u8)
    }

    /// `YYYY-MM-DD`, the value of an HTML date input and of the export file.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(digits(y)? as u16, digits(m)? as u8, digits(d)? as u8)
    }

    /// Days since 1970-01-01 (negative before), so that differences are plain subtraction.
    /// Howard Hinnant's `days_from_civil`, valid for every year this type can hold.
    pub fn day_number(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Test helper: the date `YYYY-MM-DD`, or 0001-01-01 for a typo, so a wrong literal fails the
/// test's comparison instead of panicking inside a helper.
#[cfg(test)]
pub(crate) fn test_date(s: &str) -> Date {
    Date::parse_iso(s).unwrap_or(Date { year: 1, month: 1, day: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_days() {
        assert!(Date::parse_compact("20120229").is_some());
        assert!(Date::parse_compact("20110229").is_none());
        assert!(Date::parse_compact("20000229").is_some(), "2000 is divisible by 400");
        assert!(Date::parse_compact("19000229").is_none(), "1900 is divisible by 100 only");
        assert!(Date::parse_iso("2012-02-29").is_some());
        assert!(Date::parse_iso("2011-02-29").is_none());
    }

    #[test]
    fn rejects_impossible_and_malformed() {
        for bad in ["20090431", "20091301", "20090001", "20090100", "2009010", "2009-1-01", "abcdefgh", "２００９0101"]
        {
            assert!(Date::parse_compact(bad).is_none(), "{bad}");
        }
        for bad in ["2009-04-31", "2009-1-01", "2009-01-1", "2009/01/01", "2009-01-01-01", "", "+009-01-01"] {
            assert!(Date::parse_iso(bad).is_none(), "{bad}");
        }
        assert_eq!(Date::parse_iso("2009-12-31").map(|d| d.to_string()), Some("2009-12-31".into()));
    }

    #[test]
    fn day_numbers() {
        let d = |s| Date::parse_iso(s).map(Date::day_number);
        assert_eq!(d("1970-01-01"), Some(0));
        assert_eq!(d("2000-03-01"), Some(11_017));
        assert_eq!(d("2024-03-01").zip(d("2024-02-28")).map(|(a, b)| a - b), Some(2));
        assert_eq!(d("2023-03-01").zip(d("2023-02-28")).map(|(a, b)| a - b), Some(1));
    }
}
