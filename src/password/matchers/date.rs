//! Dates in every common form (20100315, 100315, 15032010, 2010-3-15, 0315, 3.15), years
//! (1998, 2010) and 11-digit mobile numbers.

use super::{Input, Match, Pattern};

/// The year a guesser centres on. Fixed, not read from a clock, so results are reproducible;
/// it only has to be near the students' birth years and the present.
const REFERENCE_YEAR: i64 = 2025;
/// zxcvbn's floor: even a year next to the reference is one of about twenty likely ones.
const MIN_YEAR_SPACE: f64 = 20.0;
const SEPARATORS: &[char] = &['-', '/', '.', '_', ' ', '\\'];

fn valid(y: Option<u32>, m: u32, d: u32) -> bool {
    let year_ok = y.is_none_or(|y| (1900..=2050).contains(&y));
    year_ok && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// 2-digit years: 50–99 are 19xx, 00–49 are 20xx.
fn full_year(y: u32, digits: usize) -> u32 {
    match (digits, y) {
        (2, 50..) => 1900 + y,
        (2, _) => 2000 + y,
        _ => y,
    }
}

fn num(s: &[char]) -> Option<u32> {
    s.iter().collect::<String>().parse().ok()
}

fn year_space(y: u32) -> f64 {
    ((i64::from(y) - REFERENCE_YEAR).abs() as f64).max(MIN_YEAR_SPACE)
}

fn date_guesses(y: Option<u32>, separated: bool) -> f64 {
    // A date is (number of plausible years) × 365 days; a bare month-day is one of 366.
    let g = y.map_or(366.0, |y| year_space(y) * 365.0);
    if separated { g * 4.0 } else { g }
}

/// Candidate (year, month, day) readings of an unseparated digit run; each split is
/// (year digits, month digits, day digits) in order of appearance: Y M D, D M Y, M D Y.
fn readings(d: &[char]) -> Vec<(Option<u32>, u32, u32)> {
    let n = d.len();
    let mut out = Vec::new();
    let part = |a: usize, b: usize| d.get(a..b).and_then(num);
    let mut push = |y: Option<(u32, usize)>, m: Option<u32>, dd: Option<u32>| {
        if let (Some(m), Some(dd)) = (m, dd) {
            let y = y.map(|(y, k)| full_year(y, k));
            if valid(y, m, dd) {
                out.push((y, m, dd));
            }
        }
    };
    match n {
        4 => {
            push(None, part(0, 2), part(2, 4)); // MMDD
            push(None, part(2, 4), part(0, 2)); // DDMM
        }
        6 => {
            push(part(0, 2).map(|y| (y, 2)), part(2, 4), part(4, 6)); // YYMMDD
            push(part(4, 6).map(|y| (y, 2)), part(2, 4), part(0, 2)); // DDMMYY
            push(part(0, 4).map(|y| (y, 4)), part(4, 5), part(5, 6)); // YYYYMD
        }
        7 => {
            push(part(0, 4).map(|y| (y, 4)), part(4, 5), part(5, 7)); // YYYYMDD
            push(part(0, 4).map(|y| (y, 4)), part(4, 6), part(6, 7)); // YYYYMMD
        }
        8 => {
            push(part(0, 4).map(|y| (y, 4)), part(4, 6), part(6, 8)); // YYYYMMDD
            push(part(4, 8).map(|y| (y, 4)), part(2, 4), part(0, 2)); // DDMMYYYY
            push(part(4, 8).map(|y| (y, 4)), part(0, 2), part(2, 4)); // MMDDYYYY
        }
        _ => {}
    }
    out
}

/// Readings of digit groups split by one kind of separator: 2010-3-15, 15.03.2010, 3.15.
fn separated_readings(groups: &[&[char]]) -> Vec<(Option<u32>, u32, u32)> {
    let val = |k: usize| groups.get(k).and_then(|g| num(g).map(|v| (v, g.len())));
    let mut out = Vec::new();
    let mut push = |y: Option<(u32, usize)>, m: Option<(u32, usize)>, d: Option<(u32, usize)>| {
        if let (Some((m, ml)), Some((d, dl))) = (m, d) {
            let y = match y {
                Some((y, yl @ (2 | 4))) => Some(full_year(y, yl)),
                Some(_) => return,
                None => None,
            };
            if ml <= 2 && dl <= 2 && valid(y, m, d) {
                out.push((y, m, d));
            }
        }
    };
    match groups.len() {
        3 => {
            push(val(0), val(1), val(2));
            push(val(2), val(1), val(0));
            push(val(2), val(0), val(1));
        }
        2 => push(None, val(0), val(1)),
        _ => {}
    }
    out
}

pub fn find(input: &Input, out: &mut Vec<Match>) {
    let c = input.lower;
    let n = c.len();
    for i in 0..n {
        for j in (i + 3)..n.min(i + 10) {
            let Some(s) = c.get(i..=j) else { break };
            let seps: Vec<char> = s.iter().copied().filter(|ch| !ch.is_ascii_digit()).collect();
            let first_sep = seps.first().copied();
            let cands = match first_sep {
                None => readings(s),
                Some(sep) if SEPARATORS.contains(&sep) && seps.iter().all(|x| *x == sep) => {
                    let groups: Vec<&[char]> = s.split(|ch| *ch == sep).collect();
                    if groups.iter().any(|g| g.is_empty()) { Vec::new() } else { separated_readings(&groups) }
                }
                Some(_) => Vec::new(),
            };
            // The likeliest reading (the year nearest the reference) sets the price.
            let best = cands.into_iter().min_by(|a, b| {
                let ga = date_guesses(a.0, false);
                let gb = date_guesses(b.0, false);
                ga.total_cmp(&gb)
            });
            if let Some((year, month, day)) = best {
                let guesses = date_guesses(year, first_sep.is_some());
                out.push(Match {
                    i,
                    j,
                    token: input.token(i, j),
                    pattern: Pattern::Date { year, month, day },
                    guesses,
                });
            }
        }
        year_and_phone(input, i, out);
    }
}

fn year_and_phone(input: &Input, i: usize, out: &mut Vec<Match>) {
    let c = input.lower;
    if let Some(s) = c.get(i..i + 4)
        && s.iter().all(char::is_ascii_digit)
        && let Some(y) = num(s)
        && (1900..=2049).contains(&y)
    {
        out.push(Match {
            i,
            j: i + 3,
            token: input.token(i, i + 3),
            pattern: Pattern::Year(y),
            guesses: year_space(y),
        });
    }
    if let Some(s) = c.get(i..i + 11)
        && s.iter().all(char::is_ascii_digit)
        && s.first() == Some(&'1')
        && s.get(1).is_some_and(|d| ('3'..='9').contains(d))
    {
        // Anyone who knows roughly where someone lives can enumerate the numbers of a prefix
        // block, but it is still ~10^8 per prefix: priced as 7 prefixes × 10^8.
        out.push(Match { i, j: i + 10, token: input.token(i, i + 10), pattern: Pattern::Phone, guesses: 7e8 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(p: &str) -> Vec<(String, Option<u32>, u32, u32)> {
        let chars: Vec<char> = p.chars().collect();
        let mut out = Vec::new();
        find(&Input { chars: &chars, lower: &chars }, &mut out);
        out.into_iter()
            .filter_map(|m| match m.pattern {
                Pattern::Date { year, month, day } => Some((m.token, year, month, day)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn finds_common_date_forms() {
        for (p, y, m, d) in [
            ("20100315", Some(2010), 3, 15),
            ("15032010", Some(2010), 3, 15),
            ("2010-03-15", Some(2010), 3, 15),
            ("2010.3.15", Some(2010), 3, 15),
            ("100315", Some(2010), 3, 15),
            ("0315", None, 3, 15),
        ] {
            assert!(dates(p).iter().any(|x| x.0 == p && x.1 == y && x.2 == m && x.3 == d), "{p}: {:?}", dates(p));
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(dates("1314").iter().all(|x| x.0 != "1314"));
        assert!(dates("20101340").iter().all(|x| x.0 != "20101340"));
    }
}
