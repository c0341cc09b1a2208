//! Keyboard walks: qwerty, asdfgh, 1qaz, 2wsx, zxcvbn on the letter keys and 147, 258, 7896 on
//! the number pad, priced as zxcvbn does (starting keys × neighbours ^ turns).

use super::{Input, Keyboard, Match, Pattern, binomial};

/// Letter-keyboard rows, unshifted and shifted. Each row sits half a key right of the one above,
/// and the letter rows start 1.5 keys in, so `1qaz` runs diagonally down to the right.
const ROWS: [(&str, &str); 4] = [
    ("`1234567890-=", "~!@#$%^&*()_+"),
    ("qwertyuiop[]\\", "QWERTYUIOP{}|"),
    ("asdfghjkl;'", "ASDFGHJKL:\""),
    ("zxcvbnm,./", "ZXCVBNM<>?"),
];
/// Twice the x offset of each row's first key (integers keep the geometry exact).
const ROW_X2: [i32; 4] = [0, 3, 4, 5];
/// Number pad rows; every key touches its 8 surrounding keys.
const KEYPAD: [&str; 4] = ["/*-", "789+", "456", "123"];

fn qwerty_pos(c: char) -> Option<(i32, i32)> {
    for (r, (plain, shifted)) in ROWS.iter().enumerate() {
        let col = plain.chars().position(|k| k == c).or_else(|| shifted.chars().position(|k| k == c));
        if let (Some(col), Ok(r), Some(off)) = (col, i32::try_from(r), ROW_X2.get(r)) {
            return Some((r, 2 * i32::try_from(col).ok()? + off));
        }
    }
    None
}

fn keypad_pos(c: char) -> Option<(i32, i32)> {
    if c == '0' {
        return Some((4, 0));
    }
    for (r, row) in KEYPAD.iter().enumerate() {
        if let Some(col) = row.chars().position(|k| k == c) {
            return Some((i32::try_from(r).ok()?, i32::try_from(col).ok()?));
        }
    }
    None
}

/// Direction from a to b if they are neighbours (used to count turns), else None.
fn step(kb: Keyboard, a: char, b: char) -> Option<(i32, i32)> {
    match kb {
        Keyboard::Qwerty => {
            let (ra, xa) = qwerty_pos(a)?;
            let (rb, xb) = qwerty_pos(b)?;
            let (dr, dx) = (rb - ra, xb - xa);
            let near = (dr == 0 && dx.abs() == 2) || (dr.abs() == 1 && dx.abs() == 1);
            near.then_some((dr, dx))
        }
        Keyboard::Keypad => {
            let (ra, ca) = keypad_pos(a)?;
            let (rb, cb) = keypad_pos(b)?;
            let (dr, dc) = (rb - ra, cb - ca);
            let near = (dr, dc) != (0, 0) && dr.abs() <= 1 && dc.abs() <= 1;
            near.then_some((dr, dc))
        }
    }
}

/// (starting keys, average neighbours): the shape of each keyboard, for pricing.
fn shape(kb: Keyboard) -> (f64, f64) {
    match kb {
        Keyboard::Qwerty => (94.0, 4.6),
        Keyboard::Keypad => (15.0, 5.1),
    }
}

pub fn find(input: &Input, out: &mut Vec<Match>) {
    for kb in [Keyboard::Qwerty, Keyboard::Keypad] {
        let chars = if kb == Keyboard::Qwerty { input.chars } else { input.lower };
        let n = chars.len();
        let mut i = 0;
        while i < n {
            let mut j = i;
            let mut turns = 0;
            let mut last_dir = None;
            while let (Some(&a), Some(&b)) = (chars.get(j), chars.get(j + 1)) {
                let Some(dir) = step(kb, a, b) else { break };
                if last_dir != Some(dir) {
                    turns += 1;
                    last_dir = Some(dir);
                }
                j += 1;
            }
            // Three keys make a walk; two adjacent keys happen by chance all the time.
            if j - i >= 2 {
                let shifted = chars.get(i..=j).map_or(0, |s| s.iter().filter(|c| is_shifted(**c)).count());
                let guesses = price(kb, j - i + 1, turns, shifted);
                out.push(Match {
                    i,
                    j,
                    token: input.token(i, j),
                    pattern: Pattern::Spatial { keyboard: kb, turns },
                    guesses,
                });
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

fn is_shifted(c: char) -> bool {
    ROWS.iter().any(|(_, s)| s.contains(c))
}

fn price(kb: Keyboard, len: usize, turns: usize, shifted: usize) -> f64 {
    let (s, d) = shape(kb);
    let mut g = 0.0;
    for i in 2..=len {
        for j in 1..=turns.min(i - 1) {
            g += binomial(i - 1, j - 1) * s * d.powi(i32::try_from(j).unwrap_or(i32::MAX));
        }
    }
    if shifted > 0 {
        let unshifted = len - shifted;
        g *= if unshifted == 0 { 2.0 } else { (1..=shifted.min(unshifted)).map(|k| binomial(len, k)).sum() };
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walks(p: &str) -> Vec<String> {
        let chars: Vec<char> = p.chars().collect();
        let lower: Vec<char> = p.to_lowercase().chars().collect();
        let mut out = Vec::new();
        find(&Input { chars: &chars, lower: &lower }, &mut out);
        out.into_iter().map(|m| m.token).collect()
    }

    #[test]
    fn column_walks_and_rows() {
        assert_eq!(walks("1qaz2wsx"), vec!["1qaz", "2wsx"]);
        assert!(walks("qwerty").contains(&"qwerty".to_string()));
        assert!(walks("xx147yy").contains(&"147".to_string()));
        assert!(walks("q9m").is_empty());
    }
}
