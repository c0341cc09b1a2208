//! The only place that reads the clock. Windows are in Asia/Shanghai time, so "now" is computed
//! as UTC + 8 h (China has no daylight saving) instead of trusting the device's time zone.
//! Pages that follow the time as it passes use [`super::hooks::use_clock`].

use crate::identity::Date;
use crate::profile::LocalDateTime;

pub fn shanghai_now() -> LocalDateTime {
    const EIGHT_HOURS_MS: f64 = 8.0 * 3600.0 * 1000.0;
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(js_sys::Date::now() + EIGHT_HOURS_MS));
    let date = Date::new(d.get_utc_full_year() as u16, (d.get_utc_month() + 1) as u8, d.get_utc_date() as u8)
        .unwrap_or(Date { year: 2024, month: 1, day: 1 });
    LocalDateTime::new(date, d.get_utc_hours() as u8, d.get_utc_minutes() as u8)
        .unwrap_or_else(|| LocalDateTime::midnight(date))
}
