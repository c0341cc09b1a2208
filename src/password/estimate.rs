//! The guess estimate: the cheapest way to cover the password with matches (dynamic programming
//! as in zxcvbn's `most_guessable_match_sequence`), then a 0–4 score.

use super::context::PreparedContext;
use super::matchers::{self, Input, Match, Pattern};

/// Each extra piece in a sequence costs at least this many guesses: a guesser does not know how
/// many pieces there are (zxcvbn's MIN_GUESSES_BEFORE_GROWING_SEQUENCE).
const PIECE_PENALTY: f64 = 10_000.0;
/// Floors for a match that is only part of the password (zxcvbn's MIN_SUBMATCH_GUESSES_*).
const MIN_SUBMATCH_SINGLE: f64 = 10.0;
const MIN_SUBMATCH_MULTI: f64 = 50.0;
/// Unknown characters are priced as 10 choices each, as zxcvbn does; this is deliberately mean,
/// since patterns we do not know about are still patterns.
const BRUTEFORCE_CARDINALITY: f64 = 10.0;
/// Passwords longer than this are estimated on their first part only; the platform allows 20.
pub const MAX_ESTIMATED_CHARS: usize = 64;

/// The cheapest decomposition and its guess count.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub guesses: f64,
    /// log10 of guesses, convenient for display and tests.
    pub log10: f64,
    /// 0 (guessed at once) … 4 (strong).
    pub score: u8,
    /// The pieces, in order, covering every character.
    pub sequence: Vec<Match>,
    /// Every match found, including those not in the sequence (used for personal-data findings).
    pub all_matches: Vec<Match>,
}

fn factorial(n: usize) -> f64 {
    (1..=n).map(|k| k as f64).product()
}

fn bruteforce(input: &Input, i: usize, j: usize) -> Match {
    let len = j + 1 - i;
    let mut g = BRUTEFORCE_CARDINALITY.powi(i32::try_from(len).unwrap_or(i32::MAX));
    if !g.is_finite() {
        g = f64::MAX;
    }
    let min = if len == 1 { MIN_SUBMATCH_SINGLE } else { MIN_SUBMATCH_MULTI } + 1.0;
    Match { i, j, token: input.token(i, j), pattern: Pattern::Bruteforce, guesses: g.max(min) }
}

/// A match's guesses with the floor applied when it is only part of the password.
fn floored(m: &Match, n: usize) -> f64 {
    if m.len() < n {
        let min = if m.len() == 1 { MIN_SUBMATCH_SINGLE } else { MIN_SUBMATCH_MULTI };
        m.guesses.max(min)
    } else {
        m.guesses.max(1.0)
    }
}

/// Best (total guesses, product, match, previous length) for sequences of length `l` ending at `k`.
#[derive(Clone)]
struct Cell {
    g: f64,
    pi: f64,
    m: Match,
}

/// The DP over end positions: `best[k]` maps sequence length → best cell ending at char `k`.
pub fn most_guessable(chars: &[char], lower: &[char], ctx: Option<&PreparedContext>, depth: u8) -> Estimate {
    let n = chars.len().min(MAX_ESTIMATED_CHARS);
    let chars = chars.get(..n).unwrap_or(chars);
    let lower = lower.get(..n).unwrap_or(lower);
    let input = Input { chars, lower };
    let matches = matchers::all(&input, ctx, depth);
    if n == 0 {
        return Estimate { guesses: 1.0, log10: 0.0, score: 0, sequence: Vec::new(), all_matches: matches };
    }
    let mut by_end: Vec<Vec<&Match>> = vec![Vec::new(); n];
    for m in &matches {
        if let Some(v) = by_end.get_mut(m.j) {
            v.push(m);
        }
    }
    let mut best: Vec<Vec<Option<Cell>>> = vec![vec![None; n + 1]; n];

    let update = |best: &mut Vec<Vec<Option<Cell>>>, m: Match, l: usize| {
        let mut pi = floored(&m, n);
        if m.i > 0 {
            match best.get(m.i - 1).and_then(|row| row.get(l - 1)).and_then(Option::as_ref) {
                Some(prev) => pi *= prev.pi,
                None => return,
            }
        }
        let g = factorial(l) * pi + PIECE_PENALTY.powi(i32::try_from(l - 1).unwrap_or(i32::MAX));
        let Some(row) = best.get_mut(m.j) else { return };
        // A shorter sequence that is at least as cheap makes this one pointless.
        if row.iter().take(l + 1).flatten().any(|c| c.g <= g) {
            return;
        }
        if let Some(slot) = row.get_mut(l) {
            *slot = Some(Cell { g, pi, m });
        }
    };

    for k in 0..n {
        for m in by_end.get(k).into_iter().flatten() {
            if m.i == 0 {
                update(&mut best, (*m).clone(), 1);
            } else {
                for l in 1..=n {
                    if best.get(m.i - 1).and_then(|r| r.get(l)).is_some_and(Option::is_some) {
                        update(&mut best, (*m).clone(), l + 1);
                    }
                }
            }
        }
        // Brute force from any start to k; two brute-force pieces in a row are never better than one.
        update(&mut best, bruteforce(&input, 0, k), 1);
        for i in 1..=k {
            for l in 1..=n {
                let prev_is_bf = match best.get(i - 1).and_then(|r| r.get(l)).and_then(Option::as_ref) {
                    Some(c) => c.m.pattern == Pattern::Bruteforce,
                    None => continue,
                };
                if !prev_is_bf {
                    update(&mut best, bruteforce(&input, i, k), l + 1);
                }
            }
        }
    }

    // Unwind from the end along the cheapest length.
    let last = best.get(n - 1).cloned().unwrap_or_default();
    let Some((mut l, total)) =
        last.iter().enumerate().filter_map(|(l, c)| c.as_ref().map(|c| (l, c.g))).min_by(|a, b| a.1.total_cmp(&b.1))
    else {
        return Estimate {
            guesses: f64::MAX,
            log10: f64::MAX.log10(),
            score: 4,
            sequence: Vec::new(),
            all_matches: matches,
        };
    };
    let mut sequence = Vec::new();
    let mut k = n;
    while k > 0 && l > 0 {
        let Some(cell) = best.get(k - 1).and_then(|r| r.get(l)).and_then(Option::as_ref) else {
            break;
        };
        sequence.push(cell.m.clone());
        k = cell.m.i;
        l -= 1;
    }
    sequence.reverse();
    let guesses = total.max(1.0);
    Estimate { guesses, log10: guesses.log10(), score: score(guesses), sequence, all_matches: matches }
}

/// zxcvbn's bands: below 10^3 guesses is instant, 10^6 falls to online guessing, 10^8 and 10^10
/// to offline guessing with a slow hash; above that is strong.
pub fn score(guesses: f64) -> u8 {
    const DELTA: f64 = 5.0;
    match guesses {
        g if g < 1e3 + DELTA => 0,
        g if g < 1e6 + DELTA => 1,
        g if g < 1e8 + DELTA => 2,
        g if g < 1e10 + DELTA => 3,
        _ => 4,
    }
}

/// Estimates a password, optionally against the student's own data.
pub fn estimate(password: &str, ctx: Option<&PreparedContext>) -> Estimate {
    let chars: Vec<char> = password.chars().collect();
    let lower: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    most_guessable(&chars, &lower, ctx, 0)
}

/// "约 3 小时" at 10,000 guesses per second (an attacker with a stolen, slowly hashed list).
pub fn crack_time_label(guesses: f64) -> String {
    let secs = guesses / 1e4;
    let units: [(f64, &str); 6] =
        [(1.0, "秒"), (60.0, "分钟"), (3600.0, "小时"), (86_400.0, "天"), (2_592_000.0, "个月"), (31_536_000.0, "年")];
    if secs < 1.0 {
        return "不到 1 秒".into();
    }
    if secs >= 100.0 * 31_536_000.0 {
        return "超过 100 年".into();
    }
    let (size, name) = units.iter().rev().find(|(size, _)| secs >= *size).copied().unwrap_or((1.0, "秒"));
    format!("约 {} {name}", (secs / size).round())
}
