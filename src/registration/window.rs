//! "Which window is mine": the collection window for a grade and registration place, and whether
//! it is open at a given local time (Asia/Shanghai, passed in: the pure core reads no clock).

use crate::identity::Date;
use crate::identity::date::digits;
use crate::profile::{CollectionWindow, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    /// `minutes_left` until the end.
    Open {
        minutes_left: i64,
    },
    Upcoming {
        minutes_until_start: i64,
    },
    Over,
}

impl WindowState {
    /// For `data-window-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            WindowState::Open { .. } => "open",
            WindowState::Upcoming { .. } => "upcoming",
            WindowState::Over => "over",
        }
    }

    pub fn describe(self) -> String {
        match self {
            WindowState::Open { minutes_left } => {
                format!("正在进行，距截止还有 {}", duration_zh(minutes_left))
            }
            WindowState::Upcoming { minutes_until_start } => {
                format!("尚未开始，还有 {} 开始", duration_zh(minutes_until_start))
            }
            WindowState::Over => "已经结束。如果还没有采集，请尽快联系学校或当地教育局".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MyWindow<'a> {
    pub window: &'a CollectionWindow,
    pub state: WindowState,
}

/// Minutes since 1970-01-01T00:00 of a `YYYY-MM-DDTHH:MM` local time; `None` if malformed.
pub fn local_minutes(s: &str) -> Option<i64> {
    let (date, time) = s.trim().split_once('T')?;
    let (h, m) = time.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (digits(h)?, digits(m)?);
    if h > 23 || m > 59 {
        return None;
    }
    Some(Date::parse_iso(date)?.day_number() * 1440 + i64::from(h * 60 + m))
}

/// The window for `grade` (8 or 9) and `place` ("school" | "hukou") at `now` (`YYYY-MM-DDTHH:MM`).
///
/// An exact grade + place match wins. Otherwise, when the profile has exactly one window for the
/// grade, that one applies: Henan 2024 collects grade 8 once, not split by place. `None` when the
/// profile lists no matching window (e.g. a city that leaves the dates to its districts) or `now`
/// is malformed. A window is open from its start up to, not including, its end minute.
pub fn my_window<'a>(profile: &'a Profile, grade: u8, place: &str, now: &str) -> Option<MyWindow<'a>> {
    let for_grade: Vec<&CollectionWindow> = profile.windows.iter().filter(|w| w.grade == grade).collect();
    let window = match for_grade.iter().find(|w| w.place == place) {
        Some(w) => *w,
        None if for_grade.len() == 1 => *for_grade.first()?,
        None => return None,
    };
    let (now, start, end) = (local_minutes(now)?, local_minutes(&window.start)?, local_minutes(&window.end)?);
    let state = if now < start {
        WindowState::Upcoming { minutes_until_start: start - now }
    } else if now < end {
        WindowState::Open { minutes_left: end - now }
    } else {
        WindowState::Over
    };
    Some(MyWindow { window, state })
}

/// "3 天 5 小时", "2 小时 10 分钟", "8 分钟".
pub fn duration_zh(minutes: i64) -> String {
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{} 分钟", mins.max(1)),
        (0, h) => format!("{h} 小时 {mins} 分钟"),
        (d, h) => format!("{d} 天 {h} 小时"),
    }
}

/// Turns the window's `YYYY-MM-DDTHH:MM` into "2024年3月4日 09:00" for display.
pub fn display_time(s: &str) -> String {
    let parsed = s.split_once('T').and_then(|(d, t)| Some((Date::parse_iso(d)?, t)));
    match parsed {
        Some((d, t)) => format!("{}年{}月{}日 {t}", d.year, d.month, d.day),
        None => s.to_string(),
    }
}

/// What the window panel shows: `state` is open|upcoming|over|none (`data-window-state`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowSummary {
    pub state: &'static str,
    pub title: String,
    pub detail: String,
}

/// The panel text for the form's grade and place (as typed) at `now` (`YYYY-MM-DDTHH:MM`).
pub fn summarise(profile: &Profile, grade: &str, place: &str, now: &str) -> WindowSummary {
    let none = |detail: String| WindowSummary { state: "none", title: "你的信息采集时间".into(), detail };
    let Some(grade) = grade.trim().parse::<u8>().ok().filter(|g| matches!(g, 8 | 9)) else {
        return none("先在下面选择年级和报考地，这里就会显示你该在哪段时间采集信息".into());
    };
    match my_window(profile, grade, place.trim(), now) {
        Some(w) => WindowSummary {
            state: w.state.as_str(),
            title: w.window.label.clone(),
            detail: format!(
                "{} 至 {}（北京时间）：{}",
                display_time(&w.window.start),
                display_time(&w.window.end),
                w.state.describe()
            ),
        },
        None if place.trim().is_empty() => {
            none("请选择报考地（在就读学校所在地，或回户籍所在地），才能确定你的采集时间".into())
        }
        None => none(format!("“{}”没有列出这类考生的采集时间，请以学校和当地教育局的通知为准", profile.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::by_id;

    fn henan() -> &'static Profile {
        by_id("henan-2024").unwrap_or_else(|| crate::profile::default_profile())
    }
    fn state(grade: u8, place: &str, now: &str) -> Option<(String, WindowState)> {
        my_window(henan(), grade, place, now).map(|w| (w.window.id.clone(), w.state))
    }

    #[test]
    fn grade9_school_window() {
        assert_eq!(
            state(9, "school", "2024-03-04T08:59"),
            Some(("grade9-school".into(), WindowState::Upcoming { minutes_until_start: 1 }))
        );
        assert_eq!(state(9, "school", "2024-03-04T09:00").map(|s| s.1.as_str()), Some("open"));
        assert_eq!(
            state(9, "school", "2024-03-31T16:59"),
            Some(("grade9-school".into(), WindowState::Open { minutes_left: 1 }))
        );
        assert_eq!(state(9, "school", "2024-03-31T17:00").map(|s| s.1), Some(WindowState::Over));
        assert_eq!(
            state(9, "school", "2024-03-01T09:00").map(|s| s.1),
            Some(WindowState::Upcoming { minutes_until_start: 3 * 1440 })
        );
    }

    #[test]
    fn place_and_grade_pick_the_window() {
        assert_eq!(state(9, "hukou", "2024-03-10T10:00").map(|s| s.0), Some("grade9-hukou".into()));
        assert_eq!(state(9, "hukou", "2024-04-03T10:00").map(|s| s.1.as_str()), Some("open"));
        // Grade 8 has one window for everyone.
        assert_eq!(state(8, "school", "2024-04-08T09:00").map(|s| s.0), Some("grade8".into()));
        assert_eq!(state(8, "hukou", "2024-04-08T09:00").map(|s| s.0), Some("grade8".into()));
        assert_eq!(state(7, "school", "2024-04-08T09:00"), None);
        assert_eq!(state(9, "school", "2024-04-08 09:00"), None, "malformed now");
        assert_eq!(by_id("zhengzhou-2023").and_then(|p| my_window(p, 9, "hukou", "2023-03-01T09:00")), None);
    }

    #[test]
    fn local_time_arithmetic() {
        assert_eq!(local_minutes("1970-01-01T00:01"), Some(1));
        assert_eq!(
            local_minutes("2024-03-01T00:00").zip(local_minutes("2024-02-28T00:00")).map(|(a, b)| a - b),
            Some(2 * 1440)
        );
        for bad in ["2024-02-30T09:00", "2024-03-01T24:00", "2024-03-01T9:00", "2024-03-01", ""] {
            assert_eq!(local_minutes(bad), None, "{bad}");
        }
        assert_eq!(duration_zh(3 * 1440 + 5 * 60 + 7), "3 天 5 小时");
        assert_eq!(duration_zh(130), "2 小时 10 分钟");
        assert_eq!(duration_zh(0), "1 分钟");
        assert_eq!(display_time("2024-03-04T09:00"), "2024年3月4日 09:00");
    }

    #[test]
    fn panel_summaries() {
        let p = henan();
        let s = summarise(p, "9", "school", "2024-03-10T10:00");
        assert_eq!((s.state, s.title.as_str()), ("open", "九年级在就读学校所在地报考"));
        assert!(s.detail.contains("2024年3月4日 09:00 至 2024年3月31日 17:00"), "{}", s.detail);
        assert_eq!(summarise(p, "9", "hukou", "2024-03-10T10:00").state, "upcoming");
        assert_eq!(summarise(p, "8", "", "2024-05-01T00:00").state, "over");
        assert_eq!(summarise(p, "", "school", "2024-03-10T10:00").state, "none");
        assert!(summarise(p, "9", "", "2024-03-10T10:00").detail.contains("请选择报考地"));
        let zz = by_id("zhengzhou-2023").unwrap_or(p);
        assert!(summarise(zz, "9", "hukou", "2023-03-10T10:00").detail.contains("以学校和当地教育局的通知为准"));
    }
}
