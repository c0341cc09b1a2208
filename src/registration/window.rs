//! "Which window is mine": the collection window for a grade and registration place, and whether
//! it is open at a given local time (Asia/Shanghai, passed in: the pure core reads no clock).
//! The windows' times were parsed and range-checked when the profile loaded.

use crate::profile::{CollectionWindow, LocalDateTime, Place, Profile};

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

/// The window for `grade` (8 or 9) and `place` at `now`.
///
/// An exact grade + place match wins. Otherwise, when the profile has exactly one window for the
/// grade, that one applies: Henan 2024 collects grade 8 once, not split by place. `None` when the
/// profile lists no matching window (e.g. a city that leaves the dates to its districts). A window
/// is open from its start up to, not including, its end minute.
pub fn my_window(profile: &Profile, grade: u8, place: Option<Place>, now: LocalDateTime) -> Option<MyWindow<'_>> {
    let for_grade: Vec<&CollectionWindow> = profile.windows.iter().filter(|w| w.grade == grade).collect();
    let window = match for_grade.iter().find(|w| Some(w.place) == place) {
        Some(w) => *w,
        None if for_grade.len() == 1 => *for_grade.first()?,
        None => return None,
    };
    let (now, start, end) = (now.minutes(), window.start.minutes(), window.end.minutes());
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

/// What the window panel shows. `state` is `None` when no window applies (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowSummary {
    pub state: Option<WindowState>,
    pub title: String,
    pub detail: String,
}

impl WindowSummary {
    /// For `data-window-state` and the panel's class: open | upcoming | over | none.
    pub fn state_name(&self) -> &'static str {
        self.state.map_or("none", WindowState::as_str)
    }
}

/// The panel text for the form's grade and place (as typed) at `now`.
pub fn summarise(profile: &Profile, grade: &str, place: &str, now: LocalDateTime) -> WindowSummary {
    let none = |detail: String| WindowSummary { state: None, title: "你的信息采集时间".into(), detail };
    let Some(grade) = grade.trim().parse::<u8>().ok().filter(|g| matches!(g, 8 | 9)) else {
        return none("先在下面选择年级和报考地，这里就会显示你该在哪段时间采集信息".into());
    };
    let place_chosen = Place::from_code(place.trim());
    match my_window(profile, grade, place_chosen, now) {
        Some(w) => WindowSummary {
            state: Some(w.state),
            title: w.window.label.clone(),
            detail: format!(
                "{} 至 {}（北京时间）：{}",
                w.window.start.display_zh(),
                w.window.end.display_zh(),
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
    /// `now` in the profiles' notation; a typo gives 1970, which no test expects.
    fn at(now: &str) -> LocalDateTime {
        LocalDateTime::parse(now).unwrap_or_else(|| LocalDateTime::parse("1970-01-01T00:00").unwrap())
    }
    fn state(grade: u8, place: Option<Place>, now: &str) -> Option<(String, WindowState)> {
        my_window(henan(), grade, place, at(now)).map(|w| (w.window.id.clone(), w.state))
    }
    const SCHOOL: Option<Place> = Some(Place::School);
    const HUKOU: Option<Place> = Some(Place::Hukou);

    #[test]
    fn grade9_school_window() {
        assert_eq!(
            state(9, SCHOOL, "2024-03-04T08:59"),
            Some(("grade9-school".into(), WindowState::Upcoming { minutes_until_start: 1 }))
        );
        assert_eq!(
            state(9, SCHOOL, "2024-03-04T09:00").map(|s| s.1),
            Some(WindowState::Open { minutes_left: 27 * 1440 + 8 * 60 })
        );
        assert_eq!(
            state(9, SCHOOL, "2024-03-31T16:59"),
            Some(("grade9-school".into(), WindowState::Open { minutes_left: 1 }))
        );
        assert_eq!(state(9, SCHOOL, "2024-03-31T17:00").map(|s| s.1), Some(WindowState::Over));
        assert_eq!(
            state(9, SCHOOL, "2024-03-01T09:00").map(|s| s.1),
            Some(WindowState::Upcoming { minutes_until_start: 3 * 1440 })
        );
    }

    #[test]
    fn place_and_grade_pick_the_window() {
        assert_eq!(state(9, HUKOU, "2024-03-10T10:00").map(|s| s.0), Some("grade9-hukou".into()));
        assert_eq!(state(9, HUKOU, "2024-04-03T10:00").map(|s| s.1.as_str()), Some("open"));
        assert_eq!(state(9, None, "2024-04-03T10:00"), None, "grade 9 has two windows: the place decides");
        // Grade 8 has one window for everyone.
        assert_eq!(state(8, SCHOOL, "2024-04-08T09:00").map(|s| s.0), Some("grade8".into()));
        assert_eq!(state(8, HUKOU, "2024-04-08T09:00").map(|s| s.0), Some("grade8".into()));
        assert_eq!(state(8, None, "2024-04-08T09:00").map(|s| s.0), Some("grade8".into()));
        assert_eq!(state(7, SCHOOL, "2024-04-08T09:00"), None);
        assert_eq!(by_id("zhengzhou-2023").and_then(|p| my_window(p, 9, HUKOU, at("2023-03-01T09:00"))), None);
    }

    #[test]
    fn durations_and_places() {
        assert_eq!(duration_zh(3 * 1440 + 5 * 60 + 7), "3 天 5 小时");
        assert_eq!(duration_zh(130), "2 小时 10 分钟");
        assert_eq!(duration_zh(0), "1 分钟");
        assert_eq!(Place::from_code("hukou"), HUKOU);
        assert_eq!(Place::from_code("school").map(Place::as_str), Some("school"));
        assert_eq!(Place::from_code(""), None);
    }

    #[test]
    fn panel_summaries() {
        let p = henan();
        let s = summarise(p, "9", "school", at("2024-03-10T10:00"));
        assert_eq!((s.state_name(), s.title.as_str()), ("open", "九年级在就读学校所在地报考"));
        assert!(s.detail.contains("2024年3月4日 09:00 至 2024年3月31日 17:00"), "{}", s.detail);
        assert_eq!(
            summarise(p, "9", "hukou", at("2024-03-10T10:00")).state,
            Some(WindowState::Upcoming { minutes_until_start: 22 * 1440 - 60 })
        );
        assert_eq!(summarise(p, "8", "", at("2024-05-01T00:00")).state, Some(WindowState::Over));
        let none = summarise(p, "", "school", at("2024-03-10T10:00"));
        assert_eq!((none.state, none.state_name()), (None, "none"));
        assert!(summarise(p, "9", "", at("2024-03-10T10:00")).detail.contains("请选择报考地"));
        let zz = by_id("zhengzhou-2023").unwrap_or(p);
        assert!(summarise(zz, "9", "hukou", at("2023-03-10T10:00")).detail.contains("以学校和当地教育局的通知为准"));
    }
}
