//! Pinyin that reads as a Chinese name: a common surname followed by one or two given-name
//! syllables (zhangwei, wangxiaoming), or two given-name syllables (xiaoming, zihan).
//! zxcvbn prices these as random letters and calls `wangxiaoming` strong; a name list makes
//! them what they are: a few thousand guesses.

use super::super::data::data;
use super::{Input, Match, Pattern, uppercase_variations};

/// Longest surname pinyin (shangguan) and syllable (zhuang).
const MAX_SURNAME: usize = 9;
const MAX_SYLLABLE: usize = 6;

/// Given-name syllables starting at `at`, with their rank and end (exclusive).
fn given_at(lower: &[char], at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = String::new();
    for end in at..lower.len().min(at + MAX_SYLLABLE) {
        let Some(&c) = lower.get(end) else { break };
        s.push(c);
        if let Some(&rank) = data().given.get(s.as_str()) {
            out.push((rank, end + 1));
        }
    }
    out
}

pub fn find(input: &Input, out: &mut Vec<Match>) {
    let lower = input.lower;
    let n = lower.len();
    for start in 0..n {
        // Surname + one or two given syllables.
        let mut s = String::new();
        for end in start..n.min(start + MAX_SURNAME) {
            let Some(&c) = lower.get(end) else { break };
            s.push(c);
            let Some(&srank) = data().surnames.get(s.as_str()) else {
                continue;
            };
            for (g1, e1) in given_at(lower, end + 1) {
                push(input, start, e1 - 1, (srank * g1) as f64, true, out);
                for (g2, e2) in given_at(lower, e1) {
                    push(input, start, e2 - 1, (srank * g1 * g2) as f64, true, out);
                }
            }
        }
        // Two given syllables alone (the name without the surname). Charged a little more than
        // a full name because many two-syllable words are not names.
        for (g1, e1) in given_at(lower, start) {
            for (g2, e2) in given_at(lower, e1) {
                push(input, start, e2 - 1, (g1 * g2 * 4) as f64, false, out);
            }
        }
    }
}

fn push(input: &Input, i: usize, j: usize, base: f64, surname: bool, out: &mut Vec<Match>) {
    // Four letters or fewer (li + na) are better explained by other patterns or brute force.
    if j + 1 - i < 5 {
        return;
    }
    let case = uppercase_variations(input.chars.get(i..=j).unwrap_or_default());
    out.push(Match { i, j, token: input.token(i, j), pattern: Pattern::Name { surname }, guesses: base * case });
}
