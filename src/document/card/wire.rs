//! The card finding as packed numbers, for the trip from the Web Worker (which finds the card) to
//! the page (whose fix straightens by it): `frame_w, frame_h, confidence, side_margin, side,
//! 4 × (x, y)`, or nothing when no card was found. Numbers rather than serde, for the same reason
//! as `face::protocol`: the page's first load has a hard size budget.

use super::find::Finding;
use super::geometry::Pt;
use super::layout::Side;

const LEN: usize = 13;

pub fn encode_finding(finding: Option<&Finding>) -> Vec<f64> {
    let Some(f) = finding else { return Vec::new() };
    let side = match f.side {
        Side::Portrait => 0.0,
        Side::Emblem => 1.0,
    };
    let mut v = vec![f64::from(f.frame.0), f64::from(f.frame.1), f.confidence, f.side_margin, side];
    v.extend(f.corners.iter().flat_map(|p| [p.x, p.y]));
    v
}

/// Reads what [`encode_finding`] wrote; anything else is an error, never a panic.
pub fn decode_finding(v: &[f64]) -> Result<Option<Finding>, String> {
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || "证件识别程序的结果无法读取。".to_owned();
    if v.len() != LEN || v.iter().any(|x| !x.is_finite()) {
        return Err(bad());
    }
    let size = |x: f64| if (1.0..=100_000.0).contains(&x) { Ok(x as u32) } else { Err(bad()) };
    let side = match v[4] {
        0.0 => Side::Portrait,
        1.0 => Side::Emblem,
        _ => return Err(bad()),
    };
    Ok(Some(Finding {
        frame: (size(v[0])?, size(v[1])?),
        confidence: v[2],
        side_margin: v[3],
        side,
        corners: std::array::from_fn(|i| Pt::new(v[5 + 2 * i], v[6 + 2 * i])),
    }))
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
        }
    }

    #[test]
    fn a_finding_survives_packing_exactly() {
        let f = sample();
        assert_eq!(decode_finding(&encode_finding(Some(&f))), Ok(Some(f)));
        assert_eq!(decode_finding(&encode_finding(None)), Ok(None));
    }

    #[test]
    fn short_or_garbage_buffers_are_errors() {
        let v = encode_finding(Some(&sample()));
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
