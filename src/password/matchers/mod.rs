//! Pattern matchers in the manner of zxcvbn: each finds every place a pattern occurs and prices it
//! in guesses; `estimate` then picks the cheapest way to cover the whole password.

mod date;
mod dictionary;
mod keyboard;
mod name;
mod repeat;
mod sequence;

use super::context::{ContextKind, PreparedContext};
use super::data::Dict;

/// The keyboard a walk was typed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyboard {
    Qwerty,
    Keypad,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    Dictionary {
        dict: Dict,
        rank: usize,
        reversed: bool,
        l33t: bool,
    },
    Context {
        kind: ContextKind,
        form: &'static str,
        rank: usize,
    },
    /// Pinyin that reads as a Chinese name (surname + given, or two given syllables).
    Name {
        surname: bool,
    },
    Spatial {
        keyboard: Keyboard,
        turns: usize,
    },
    Sequence,
    Repeat {
        base: String,
        count: usize,
    },
    /// `year` is None for a bare month-day (0315).
    Date {
        year: Option<u32>,
        month: u32,
        day: u32,
    },
    Year(u32),
    /// 11 digits shaped like a mainland mobile number.
    Phone,
    Bruteforce,
}

/// A run of the password (char indices `i..=j`) explained by one pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub i: usize,
    pub j: usize,
    /// The characters as typed.
    pub token: String,
    pub pattern: Pattern,
    pub guesses: f64,
}

impl Match {
    pub fn len(&self) -> usize {
        self.j + 1 - self.i
    }
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The password as characters, original and lowercased, shared by all matchers.
pub struct Input<'a> {
    pub chars: &'a [char],
    pub lower: &'a [char],
}

impl Input<'_> {
    pub fn token(&self, i: usize, j: usize) -> String {
        self.chars.get(i..=j).map(|s| s.iter().collect()).unwrap_or_default()
    }
}

/// Every match of every pattern. `depth` > 0 means we are pricing a repeat's base, where the
/// repeat matcher is skipped (a repeat of a repeat adds nothing and would recurse).
pub fn all(input: &Input, ctx: Option<&PreparedContext>, depth: u8) -> Vec<Match> {
    let mut out = Vec::new();
    dictionary::find(input, ctx, &mut out);
    name::find(input, &mut out);
    keyboard::find(input, &mut out);
    sequence::find(input, &mut out);
    date::find(input, &mut out);
    if depth == 0 {
        repeat::find(input, ctx, &mut out);
    }
    out
}

pub fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    let mut r = 1.0;
    for d in 1..=k {
        r = r * (n - k + d) as f64 / d as f64;
    }
    r
}

/// How many capitalisations a guesser tries before this one: all-lower costs nothing, a capital
/// first or last letter or ALL CAPS doubles, anything else counts the ways to place the capitals.
pub fn uppercase_variations(token: &[char]) -> f64 {
    let upper = token.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = token.iter().filter(|c| c.is_ascii_lowercase()).count();
    if upper == 0 {
        return 1.0;
    }
    let first_upper = token.first().is_some_and(char::is_ascii_uppercase);
    let last_upper = token.last().is_some_and(char::is_ascii_uppercase);
    if lower == 0 || (upper == 1 && (first_upper || last_upper)) {
        return 2.0;
    }
    (1..=upper.min(lower)).map(|k| binomial(upper + lower, k)).sum()
}
