//! Dictionary words (common passwords, pinyin, English, love/lucky numbers) and the student's own
//! data, found forwards, reversed and with look-alike substitutions (p@ssw0rd).

use super::super::context::PreparedContext;
use super::super::data::data;
use super::{Input, Match, Pattern, uppercase_variations};

/// Look-alike characters and the letters they stand for.
const L33T: &[(char, char)] = &[
    ('4', 'a'),
    ('@', 'a'),
    ('8', 'b'),
    ('3', 'e'),
    ('6', 'g'),
    ('9', 'g'),
    ('1', 'i'),
    ('1', 'l'),
    ('!', 'i'),
    ('0', 'o'),
    ('$', 's'),
    ('5', 's'),
    ('7', 't'),
    ('+', 't'),
    ('2', 'z'),
];

/// Cap on substitution tables tried per password: each one is a full dictionary pass.
const MAX_L33T_TABLES: usize = 8;

pub fn find(input: &Input, ctx: Option<&PreparedContext>, out: &mut Vec<Match>) {
    scan(input, input.lower, ctx, false, None, out);
    let reversed: Vec<char> = input.lower.iter().rev().copied().collect();
    scan(input, &reversed, ctx, true, None, out);
    for table in l33t_tables(input.lower) {
        let subbed: Vec<char> =
            input.lower.iter().map(|c| table.iter().find(|(k, _)| k == c).map_or(*c, |(_, v)| *v)).collect();
        scan(input, &subbed, ctx, false, Some(&table), out);
    }
}

/// Every way to read the look-alike characters present (1 may be i or l), capped.
fn l33t_tables(lower: &[char]) -> Vec<Vec<(char, char)>> {
    let mut tables: Vec<Vec<(char, char)>> = vec![Vec::new()];
    let mut present: Vec<char> = lower.iter().copied().filter(|c| L33T.iter().any(|(k, _)| k == c)).collect();
    present.sort_unstable();
    present.dedup();
    for k in present {
        let mut next = Vec::new();
        for t in &tables {
            for (_, v) in L33T.iter().filter(|(kk, _)| *kk == k) {
                let mut t2 = t.clone();
                t2.push((k, *v));
                next.push(t2);
            }
        }
        next.truncate(MAX_L33T_TABLES);
        tables = next;
    }
    tables.retain(|t| !t.is_empty());
    tables
}

/// Looks up every substring of `text` (the lowercased password, possibly reversed or substituted).
fn scan(
    input: &Input,
    text: &[char],
    ctx: Option<&PreparedContext>,
    reversed: bool,
    l33t: Option<&[(char, char)]>,
    out: &mut Vec<Match>,
) {
    let d = data();
    let n = text.len();
    let max = d.max_word_chars.max(ctx.map_or(0, |c| c.max_chars));
    for start in 0..n {
        let mut word = String::new();
        for end in start..n.min(start + max) {
            let Some(&c) = text.get(end) else { break };
            word.push(c);
            // Map back to positions in the password as typed.
            let (i, j) = if reversed { (n - 1 - end, n - 1 - start) } else { (start, end) };
            let len = end - start + 1;
            if let Some(table) = l33t {
                // Only substrings that actually used a substitution are new.
                let used = input.lower.get(i..=j).is_some_and(|s| s.iter().any(|c| table.iter().any(|(k, _)| k == c)));
                if !used || len < 4 {
                    continue;
                }
            }
            if reversed && len < 4 {
                continue;
            }
            let typed = input.chars.get(i..=j).unwrap_or_default();
            let case = uppercase_variations(typed);
            let extra = if reversed { 2.0 } else { 1.0 } * if l33t.is_some() { 2.0 } else { 1.0 };
            if let Some(t) = ctx.and_then(|c| c.get(&word)) {
                out.push(Match {
                    i,
                    j,
                    token: input.token(i, j),
                    pattern: Pattern::Context { kind: t.kind, form: t.form, rank: t.rank },
                    guesses: t.rank as f64 * case * extra,
                });
            }
            for (dict, map) in &d.dicts {
                if let Some(&rank) = map.get(word.as_str()) {
                    out.push(Match {
                        i,
                        j,
                        token: input.token(i, j),
                        pattern: Pattern::Dictionary { dict: *dict, rank, reversed, l33t: l33t.is_some() },
                        guesses: rank as f64 * case * extra,
                    });
                }
            }
        }
    }
}
