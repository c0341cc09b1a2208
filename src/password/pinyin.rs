//! Turning Chinese names (hanzi or pinyin) into the pinyin forms people put in passwords:
//! full (wangxiaoming), given + surname (xiaomingwang), initials (wxm), given only (xiaoming),
//! surname + given initials (wangxm). Capitalised forms need no entry: matching ignores case and
//! the estimate charges only a little for capitals.

use super::data::data;

/// Compound surnames come first so 欧阳 is not read as 欧 + 阳….
fn split_surname(chars: &[char]) -> usize {
    let d = data();
    if chars.len() >= 3 {
        let two: String = chars.iter().take(2).collect();
        if d.surname_hanzi.contains_key(two.as_str()) {
            return 2;
        }
    }
    usize::from(!chars.is_empty())
}

/// Readings of one hanzi: the surname reading when it is the surname, else usual reading first.
fn readings(ch: char, as_surname: bool) -> Vec<&'static str> {
    let d = data();
    let mut out = Vec::new();
    if as_surname {
        let mut buf = [0u8; 4];
        if let Some(py) = d.surname_hanzi.get(&*ch.encode_utf8(&mut buf)) {
            out.push(*py);
        }
    }
    for r in d.hanzi.get(&ch).into_iter().flatten() {
        if !out.contains(r) {
            out.push(r);
        }
    }
    out
}

/// A name split into syllables: surname syllables, then given-name syllables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSyllables {
    pub surname: Vec<String>,
    pub given: Vec<String>,
}

/// Pinyin readings of a hanzi name. Polyphonic characters give more than one reading; at most
/// four combinations are kept (the usual readings first) so the context list stays small.
pub fn hanzi_name(name: &str) -> Vec<NameSyllables> {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace() && *c != '·').collect();
    let cut = split_surname(&chars);
    let mut combos: Vec<Vec<String>> = vec![Vec::new()];
    for (i, &ch) in chars.iter().enumerate() {
        let in_surname = i < cut;
        // A compound surname's own pinyin is stored as one entry (ouyang): use it whole.
        if in_surname && cut == 2 {
            if i == 0 {
                let two: String = chars.iter().take(2).collect();
                if let Some(py) = data().surname_hanzi.get(two.as_str()) {
                    for c in &mut combos {
                        c.push((*py).to_string());
                    }
                }
            }
            continue;
        }
        let rs = readings(ch, in_surname);
        if rs.is_empty() {
            // Not a common character: we cannot spell it, so skip the whole name rather than guess.
            return Vec::new();
        }
        let mut next = Vec::new();
        for c in &combos {
            for r in rs.iter().take(2) {
                let mut c2 = c.clone();
                c2.push((*r).to_string());
                next.push(c2);
            }
        }
        next.truncate(4);
        combos = next;
    }
    let surname_len = usize::from(cut > 0);
    combos
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| NameSyllables {
            surname: c.iter().take(surname_len).cloned().collect(),
            given: c.iter().skip(surname_len).cloned().collect(),
        })
        .collect()
}

/// Splits pinyin typed without spaces ("xiaoming") into syllables, preferring fewer, longer ones.
pub fn segment(word: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    // best[i] = fewest syllables covering chars[..i], with the split point.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((count, _)) = best.get(i).copied().flatten() else {
            continue;
        };
        for len in 1..=6.min(n - i) {
            let piece: String = chars.iter().skip(i).take(len).collect();
            if data().syllables.contains_key(piece.as_str()) {
                let better = match best.get(i + len).copied().flatten() {
                    Some((c, _)) => count + 1 < c,
                    None => true,
                };
                if better && let Some(slot) = best.get_mut(i + len) {
                    *slot = Some((count + 1, i));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best.get(end).copied().flatten()?;
        out.push(chars.iter().skip(start).take(end - start).collect());
        end = start;
    }
    out.reverse();
    Some(out)
}

/// A name typed in pinyin: "Wang Xiaoming", "wang xiao ming" or "wangxiaoming".
pub fn pinyin_name(name: &str) -> Option<NameSyllables> {
    let lower = name.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == '-' || c == '·').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || !words.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())) {
        return None;
    }
    let mut all = Vec::new();
    for w in &words {
        all.extend(segment(w)?);
    }
    let first = words.first()?;
    // With spaces the first word is the surname; without, the first syllable is (or a compound).
    let surname_syllables = if words.len() > 1 {
        segment(first)?.len()
    } else if all.len() > 2 && data().surnames.contains_key(format!("{}{}", all[0], all[1]).as_str()) {
        2
    } else {
        1
    };
    let surname: Vec<String> = all.iter().take(surname_syllables).cloned().collect();
    let given: Vec<String> = all.iter().skip(surname_syllables).cloned().collect();
    Some(NameSyllables { surname: vec![surname.concat()], given })
}

/// The pinyin syllables of any hanzi text (school names); characters we cannot spell are skipped.
pub fn hanzi_text(text: &str) -> Vec<&'static str> {
    text.chars().filter_map(|c| data().hanzi.get(&c).and_then(|r| r.first().copied())).collect()
}

/// First letters of syllables: wang xiao ming → wxm.
pub fn initials<S: AsRef<str>>(syllables: &[S]) -> String {
    syllables.iter().filter_map(|s| s.as_ref().chars().next()).collect()
}

/// The forms of a name worth looking for, each with a short Chinese description.
pub fn name_variants(n: &NameSyllables) -> Vec<(String, &'static str)> {
    let surname = n.surname.concat();
    let given = n.given.concat();
    let mut out = vec![(format!("{surname}{given}"), "全拼")];
    if !given.is_empty() {
        out.push((format!("{given}{surname}"), "名在前、姓在后"));
        out.push((given.clone(), "名字的全拼"));
        out.push((format!("{surname}{}", initials(&n.given)), "姓的全拼加名字首字母"));
        let all: Vec<&String> = n.surname.iter().chain(n.given.iter()).collect();
        out.push((initials(&all), "拼音首字母"));
        out.push((format!("{}{given}", initials(&n.surname)), "姓的首字母加名字全拼"));
    }
    // Two letters (zw) match far too much by chance to be called "your name".
    out.retain(|(v, _)| v.chars().count() >= 3);
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_name_reads_surname_and_given() {
        let v = hanzi_name("王小明");
        let first = v.first().expect("王小明 is spelled");
        assert_eq!(first.surname, vec!["wang"]);
        assert_eq!(first.given, vec!["xiao", "ming"]);
    }

    #[test]
    fn surname_reading_wins_for_polyphonic_surnames() {
        let v = hanzi_name("曾小凡");
        assert_eq!(v.first().map(|n| n.surname.clone()), Some(vec!["zeng".to_string()]));
        let v = hanzi_name("单田芳");
        assert_eq!(v.first().map(|n| n.surname.clone()), Some(vec!["shan".to_string()]));
    }

    #[test]
    fn compound_surname_is_one_unit() {
        let v = hanzi_name("欧阳娜娜");
        assert_eq!(v.first().map(|n| n.surname.clone()), Some(vec!["ouyang".to_string()]));
    }

    #[test]
    fn pinyin_input_is_segmented() {
        let n = pinyin_name("wangxiaoming").expect("segmentable");
        assert_eq!(n.surname, vec!["wang"]);
        assert_eq!(n.given, vec!["xiao", "ming"]);
        let n = pinyin_name("Zhang Wei").expect("segmentable");
        assert_eq!(initials(&n.given), "w");
    }

    #[test]
    fn variants_include_full_initials_and_given() {
        let n = hanzi_name("王小明").into_iter().next().expect("spelled");
        let v: Vec<String> = name_variants(&n).into_iter().map(|(s, _)| s).collect();
        for want in ["wangxiaoming", "xiaomingwang", "xiaoming", "wxm", "wangxm"] {
            assert!(v.iter().any(|x| x == want), "{want} missing from {v:?}");
        }
    }
}
