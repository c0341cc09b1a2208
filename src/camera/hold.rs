//! Auto-capture: the shutter fires by itself once the framing has held good for a while, so the
//! person holding the phone need not reach for the button (and shake it) at the right moment.

/// How long the hint must stay "ok" before the picture is taken (issue: one second).
pub const HOLD_MS: f64 = 1000.0;

/// Feed it every analysed frame; it says when to take the picture, once per good spell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hold {
    since: Option<f64>,
    fired: bool,
}

impl Hold {
    /// `ok` for this frame at `now_ms`; `true` exactly once when it has held for [`HOLD_MS`].
    pub fn feed(&mut self, now_ms: f64, ok: bool) -> bool {
        if !ok {
            *self = Hold::default();
            return false;
        }
        let since = *self.since.get_or_insert(now_ms);
        if !self.fired && now_ms - since >= HOLD_MS {
            self.fired = true;
            return true;
        }
        false
    }

    /// 0–1: how much of the hold has passed (drawn as a ring around the shutter).
    pub fn progress(&self, now_ms: f64) -> f64 {
        self.since.map_or(0.0, |s| ((now_ms - s) / HOLD_MS).clamp(0.0, 1.0))
    }
}

/// Analysed frames per second over the last second (what `data-fps` shows).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rate {
    times: std::collections::VecDeque<f64>,
}

impl Rate {
    pub fn tick(&mut self, now_ms: f64) {
        self.times.push_back(now_ms);
        while self.times.front().is_some_and(|&t| now_ms - t > 1000.0) {
            self.times.pop_front();
        }
    }

    /// Frames in the last second, as of the latest tick.
    pub fn per_second(&self) -> usize {
        self.times.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_once_after_a_second_of_good_frames_and_rearms_after_a_bad_one() {
        let mut h = Hold::default();
        let fired: Vec<f64> = (0..=30).map(|i| i as f64 * 100.0).filter(|&t| h.feed(t, true)).collect();
        assert_eq!(fired, vec![1000.0]);
        assert!((h.progress(500.0) - 0.5).abs() < 1e-9);
        assert!(!h.feed(3100.0, false));
        assert_eq!(h.progress(3100.0), 0.0);
        assert!(!h.feed(3200.0, true));
        assert!(h.feed(4200.0, true));
    }

    #[test]
    fn a_bad_frame_inside_the_second_restarts_the_hold() {
        let mut h = Hold::default();
        assert!(!h.feed(0.0, true));
        assert!(!h.feed(900.0, false));
        assert!(!h.feed(1000.0, true));
        assert!(!h.feed(1900.0, true));
        assert!(h.feed(2000.0, true));
    }

    #[test]
    fn the_rate_counts_the_last_second_only() {
        let mut r = Rate::default();
        for i in 0..25 {
            r.tick(i as f64 * 80.0);
        }
        // Ticks at 960 … 1920 ms: 13 of them within the last second.
        assert_eq!(r.per_second(), 13);
    }
}
