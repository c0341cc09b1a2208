//! The card finding as packed numbers, for the trip from the Web Worker (which finds the card and
//! reads its number: it has the picture) to the page (whose fix straightens by the finding and is
//! named by the number): `frame_w, frame_h, confidence, side_margin, side, 4 × (x, y)`, then the
//! 18 characters of the number read (0–9, 10 for X) when one was; nothing when no card was found.
//! Numbers rather than serde, for the same reason as `face::protocol`: the page's first load has
//! a hard size budget.

use super::find::Finding;
use super::geometry::Pt;
use super::layout::{NUMBER_CHARS, Side};
use crate::identity::id_number::check_format;

const LEN: usize = 13;

/// `number` is only sent with a finding (a number is read off a found card).
pub fn encode_finding(finding: Option<&Finding>, number: Option<&str>) -> Vec<f64> {
    let Some(f) = finding else { return Vec::new() };
    let side = match f.side {
        Side::Portrait => 0.0,
        Side::Emblem => 1.0,
    };
    let mut v = vec![f64::from(f.frame.0), f64::from(f.frame.1), f.confidence, f.side_margin, side];
    v.extend(f.corners.iter().flat_map(|p| [p.x, p.y]));
    if let Some(n) = number.filter(|n| check_format(n).is_ok()) {
        v.extend(n.chars().map(|c| c.to_digit(10).map_or(10.0, f64::from)));
    }
    v
}

/// Reads what [`encode_finding`] wrote: the finding and the number; anything else is an error,
/// never a panic.
pub fn decode_finding(v: &[f64]) -> Result<Option<(Finding, Option<String>)>, String> {
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || "证件识别程序的结果无法读取。".to_owned();
    if !(v.len() == LEN || v.len() == LEN + NUMBER_CHARS) || v.iter().any(|x| !x.is_finite()) {
        return Err(bad());
    }
    let number = match v.get(LEN..) {
        Some(digits) if !digits.is_empty() => {
            let n: Option<String> = digits
                .iter()
                .map(|&d| match d {
                    10.0 => Some('X'),
                    d if (0.0..=9.0).contains(&d) && d.fract() == 0.0 => char::from_digit(d as u32, 10),
                    _ => None,
                })
                .collect();
            Some(n.filter(|n| check_format(n).is_ok()).ok_or_else(bad)?)
        }
        _ => None,
    };
    let size = |x: f64| if (1.0..=100_000.0).contains(&x) { Ok(x as u32) } else { Err(bad()) };
    let side = match v[4] {
        0.0 => Side::Portrait,
        1.0 => Side::Emblem,
        _ => return Err(bad()),
    };
    let finding = Finding {
        frame: (size(v[0])?, size(v[1])?),
        confidence: v[2],
        side_margin: v[3],
        side,
        corners: std::array::from_fn(|i| Pt::new(v[5 + 2 * i], v[6 + 2 * i])),
        second: None,
    };
    Ok(Some((finding, number)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Finding {
        Finding {
            corners: [Pt::new(10.5, 20.0), Pt::new(300.0, 25.25), Pt::new(290.0, 200.0), Pt::new(5.0, 190.0)],
            confidence: 0.83,
            side: Side::Emblem,
            side_margin: 0.4,
            frame: (1600, 1200),
            second: None,
        }
    }

    #[test]
    fn a_finding_survives_packing_exactly() {
        let f = sample();
        assert_eq!(decode_finding(&encode_finding(Some(&f), None)), Ok(Some((f.clone(), None))));
        let n = "11010519491231002X";
        assert_eq!(decode_finding(&encode_finding(Some(&f), Some(n))), Ok(Some((f.clone(), Some(n.to_owned())))));
        // A number that is not well-formed is never sent, nor accepted.
        assert_eq!(decode_finding(&encode_finding(Some(&f), Some("110105194912310021"))), Ok(Some((f, None))));
        assert_eq!(decode_finding(&encode_finding(None, Some(n))), Ok(None));
    }

    #[test]
    fn a_damaged_number_is_an_error() {
        let mut v = encode_finding(Some(&sample()), Some("11010519491231002X"));
        v[LEN + 3] = 4.5;
        assert!(decode_finding(&v).is_err());
        v[LEN + 3] = 3.0;
        assert!(decode_finding(&v).is_err(), "check character no longer matches");
        v.pop();
        assert!(decode_finding(&v).is_err());
    }

    #[test]
    fn short_or_garbage_buffers_are_errors() {
        let v = encode_finding(Some(&sample()), None);
        for cut in 1..v.len() {
            assert!(decode_finding(&v[..cut]).is_err(), "cut at {cut}");
        }
        let mut nan = v.clone();
        nan[7] = f64::NAN;
        assert!(decode_finding(&nan).is_err());
        let mut side = v.clone();
        side[4] = 0.5;
        assert!(decode_finding(&side).is_err());
        let mut frame = v;
        frame[0] = 0.0;
        assert!(decode_finding(&frame).is_err());
    }
}
