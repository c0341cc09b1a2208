//! A stroke font in the style of OCR-B (ISO 1073-2), the monospaced, uniform-stroke face the
//! second-generation card's number is printed in, for the characters of ID numbers and dates:
//! `0`–`9`, `X`, `.`, `-`. Defined here from scratch as centre lines (polylines and elliptic arcs)
//! drawn with a round pen, so no font file is needed. It draws the fictional test cards
//! (`synthetic`) and the reader's templates (`number`), so both see the same shapes; a real card's
//! glyphs differ in detail, which the reader's correlation margin has to absorb.
//!
//! Units: the glyph's ink box is `WIDTH × 1` (height 1 = the character's height), origin at its
//! top-left, `y` down.

/// Width of a glyph's ink box, share of its height.
pub const WIDTH: f64 = 0.6;
/// The pen's half-width, share of the height (OCR-B's stroke is about 1/8 of its digit height).
pub const PEN: f64 = 0.065;

/// Centre lines in the design box (0–1 both ways), mapped into the ink box inside the pen.
fn design(c: char) -> Option<Vec<Vec<(f64, f64)>>> {
    let line = |p: &[(f64, f64)]| p.to_vec();
    Some(match c {
        '0' => vec![arc((0.5, 0.5), (0.5, 0.5), 0.0, 360.0)],
        '1' => vec![line(&[(0.1, 0.25), (0.62, 0.0), (0.62, 1.0)])],
        '2' => {
            let mut s = arc((0.5, 0.27), (0.5, 0.27), 165.0, 385.0);
            s.extend([(0.0, 1.0), (1.0, 1.0)]);
            vec![s]
        }
        '3' => {
            let mut s = line(&[(0.02, 0.0), (1.0, 0.0), (0.42, 0.4)]);
            s.extend(arc((0.5, 0.7), (0.5, 0.3), 262.0, 505.0));
            vec![s]
        }
        '4' => vec![line(&[(0.72, 1.0), (0.72, 0.0), (0.0, 0.68), (1.0, 0.68)])],
        '5' => {
            let mut s = line(&[(0.95, 0.0), (0.1, 0.0), (0.06, 0.46)]);
            s.extend(arc((0.5, 0.68), (0.5, 0.32), 215.0, 505.0));
            vec![s]
        }
        '6' => vec![line(&[(0.82, 0.0), (0.04, 0.6)]), arc((0.5, 0.7), (0.5, 0.3), 0.0, 360.0)],
        '7' => vec![line(&[(0.0, 0.0), (1.0, 0.0), (0.3, 1.0)])],
        '8' => vec![arc((0.5, 0.23), (0.42, 0.23), 0.0, 360.0), arc((0.5, 0.72), (0.5, 0.28), 0.0, 360.0)],
        '9' => vec![line(&[(0.18, 1.0), (0.96, 0.4)]), arc((0.5, 0.3), (0.5, 0.3), 0.0, 360.0)],
        'X' => vec![line(&[(0.0, 0.0), (1.0, 1.0)]), line(&[(1.0, 0.0), (0.0, 1.0)])],
        '.' => vec![line(&[(0.5, 0.96), (0.5, 0.96)])],
        '-' => vec![line(&[(0.15, 0.55), (0.85, 0.55)])],
        _ => return None,
    })
}

/// Points along an elliptic arc, angles in degrees (0 = right, 90 = down).
fn arc(c: (f64, f64), r: (f64, f64), from: f64, to: f64) -> Vec<(f64, f64)> {
    const STEPS: usize = 32;
    (0..=STEPS)
        .map(|i| {
            let a = (from + (to - from) * i as f64 / STEPS as f64).to_radians();
            (c.0 + r.0 * a.cos(), c.1 + r.1 * a.sin())
        })
        .collect()
}

/// A character's strokes as segments in the ink box's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    segments: Vec<[(f64, f64); 2]>,
}

impl Glyph {
    /// `None` for characters outside the font.
    pub fn of(c: char) -> Option<Glyph> {
        let to_box = |(u, v): (f64, f64)| (PEN + (WIDTH - 2.0 * PEN) * u, PEN + (1.0 - 2.0 * PEN) * v);
        let segments = design(c)?
            .iter()
            .flat_map(|line| {
                let pts: Vec<_> = line.iter().copied().map(to_box).collect();
                let pairs: Vec<[(f64, f64); 2]> = pts.windows(2).map(|w| [w[0], w[1]]).collect();
                if pairs.is_empty() { vec![[pts[0], pts[0]]] } else { pairs }
            })
            .collect();
        Some(Glyph { segments })
    }

    /// Distance from `(x, y)` (ink-box units) to the nearest centre line.
    pub fn distance(&self, x: f64, y: f64) -> f64 {
        self.segments
            .iter()
            .map(|&[(ax, ay), (bx, by)]| {
                let (dx, dy) = (bx - ax, by - ay);
                let len2 = dx * dx + dy * dy;
                let t = if len2 > 0.0 { (((x - ax) * dx + (y - ay) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
                (x - ax - t * dx).hypot(y - ay - t * dy)
            })
            .fold(f64::MAX, f64::min)
    }

    /// Ink coverage 0–1 of a pixel centred at `(x, y)` (ink-box units) for a glyph `height`
    /// pixels tall drawn with `pen` times the font's pen: anti-aliased over one pixel.
    pub fn coverage(&self, x: f64, y: f64, height: f64, pen: f64) -> f64 {
        let d = (self.distance(x, y) - PEN * pen) * height;
        (0.5 - d).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARS: &str = "0123456789X.-";

    #[test]
    fn every_character_stays_in_its_box_and_the_shapes_differ() {
        let glyphs: Vec<Glyph> = CHARS.chars().map(|c| Glyph::of(c).expect("in the font")).collect();
        assert!(Glyph::of('A').is_none());
        // Rendered at 40 px: no ink outside the box, and every pair of digits differs in many pixels.
        let raster = |g: &Glyph| -> Vec<bool> {
            (0..40)
                .flat_map(|y| (0..24).map(move |x| (x, y)))
                .map(|(x, y)| g.coverage((f64::from(x) + 0.5) / 40.0, (f64::from(y) + 0.5) / 40.0, 40.0, 1.0) > 0.5)
                .collect()
        };
        for g in &glyphs {
            for (x, y) in [(-0.02, 0.5), (WIDTH + 0.02, 0.5), (0.3, -0.02), (0.3, 1.02)] {
                assert_eq!(g.coverage(x, y, 40.0, 1.0), 0.0, "{g:?} at {x},{y}");
            }
        }
        let r: Vec<Vec<bool>> = glyphs[..11].iter().map(raster).collect();
        for i in 0..r.len() {
            for j in i + 1..r.len() {
                let differ = r[i].iter().zip(&r[j]).filter(|(a, b)| a != b).count();
                assert!(differ > 60, "{} vs {}: {differ} pixels", &CHARS[i..=i], &CHARS[j..=j]);
            }
        }
    }
}
