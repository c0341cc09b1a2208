//! The only place that reads the clock. Windows are in Asia/Shanghai time, so "now" is computed
//! as UTC + 8 h (China has no daylight saving) instead of trusting the device's time zone.
//! Pages that follow the time as it passes use [`super::hooks::use_clock`].

use crate::identity::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
}

impl Now {
    /// `YYYY-MM-DDTHH:MM`, the profile windows' format.
    pub fn stamp(self) -> String {
        format!("{}T{:02}:{:02}", self.date, self.hour, self.minute)
    }
}

pub fn shanghai_now() -> Now {
    const EIGHT_HOURS_MS: f64 = 8.0 * 3600.0 * 1000.0;
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(js_sys::Date::now() + EIGHT_HOURS_MS));
    let date = Date::new(d.get_utc_full_year() as u16, (d.get_utc_month() + 1) as u8, d.get_utc_date() as u8)
        .unwrap_or(Date { year: 2024, month: 1, day: 1 });
    Now { date, hour: d.get_utc_hours(), minute: d.get_utc_minutes() }
}
