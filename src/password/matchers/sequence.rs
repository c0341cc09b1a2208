//! Runs with a constant step: abcdef, 123456, 97531, zyx.

use super::{Input, Match, Pattern};

/// Steps larger than this are not what people type as "a sequence".
const MAX_STEP: i64 = 5;

pub fn find(input: &Input, out: &mut Vec<Match>) {
    let lower = input.lower;
    let n = lower.len();
    if n < 3 {
        return;
    }
    let step = |k: usize| -> Option<i64> {
        let a = *lower.get(k)?;
        let b = *lower.get(k + 1)?;
        // Only within one class: letters with letters, digits with digits.
        let same_class =
            (a.is_ascii_lowercase() && b.is_ascii_lowercase()) || (a.is_ascii_digit() && b.is_ascii_digit());
        same_class.then(|| b as i64 - a as i64)
    };
    let mut i = 0;
    while i + 2 < n {
        let Some(d) = step(i).filter(|d| *d != 0 && d.abs() <= MAX_STEP) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j + 1 < n && step(j) == Some(d) {
            j += 1;
        }
        if j - i >= 2 {
            out.push(Match {
                i,
                j,
                token: input.token(i, j),
                pattern: Pattern::Sequence,
                guesses: guesses(input, i, j, d),
            });
            i = j;
        } else {
            i += 1;
        }
    }
}

/// zxcvbn's pricing: an obvious start (a, z, 0, 1, 9) is one of few; otherwise any digit or letter.
fn guesses(input: &Input, i: usize, j: usize, step: i64) -> f64 {
    let first = input.lower.get(i).copied().unwrap_or('a');
    let mut base: f64 = if matches!(first, 'a' | 'z' | '0' | '1' | '9') {
        4.0
    } else if first.is_ascii_digit() {
        10.0
    } else {
        26.0
    };
    if step < 0 {
        base *= 2.0;
    }
    if step.abs() != 1 {
        base *= 2.0;
    }
    base * (j + 1 - i) as f64
}
