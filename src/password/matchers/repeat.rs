//! Repeats: aaaaaa, 888888, abcabc, 52015201. Priced as the base's own guesses times the count.

use super::super::context::PreparedContext;
use super::super::estimate::most_guessable;
use super::{Input, Match, Pattern};

pub fn find(input: &Input, ctx: Option<&PreparedContext>, out: &mut Vec<Match>) {
    let lower = input.lower;
    let n = lower.len();
    for i in 0..n {
        for b in 1..=(n - i) / 2 {
            let (Some(base), prev) = (lower.get(i..i + b), i.checked_sub(b).and_then(|p| lower.get(p..i))) else {
                continue;
            };
            // Start only where the repeat starts, not inside it.
            if prev == Some(base) {
                continue;
            }
            let mut count = 1;
            while lower.get(i + count * b..i + (count + 1) * b) == Some(base) {
                count += 1;
            }
            // "aa" is a repeat, but "abab" style needs the base to be a real unit: two copies do.
            if count < 2 || (b == 1 && count < 3) {
                continue;
            }
            let j = i + count * b - 1;
            let base_chars = input.chars.get(i..i + b).unwrap_or_default();
            let base_lower = lower.get(i..i + b).unwrap_or_default();
            let base_guesses = most_guessable(base_chars, base_lower, ctx, 1).guesses;
            out.push(Match {
                i,
                j,
                token: input.token(i, j),
                pattern: Pattern::Repeat { base: base_chars.iter().collect(), count },
                guesses: base_guesses * count as f64,
            });
        }
    }
}
