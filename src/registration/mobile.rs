//! Mainland mobile numbers: normalise what people paste, then check the shape. Written without a
//! regex crate to keep the wasm small; the patterns are from the domain notes.

/// Removes spaces, hyphens and a +86 / 0086 prefix; turns full-width digits into ASCII ones.
pub fn normalise(input: &str) -> String {
    let mut s: String = input
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '－' | '—' | '–' | '(' | ')' | '（' | '）')))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＋' => '+',
            other => other,
        })
        .collect();
    for prefix in ["+86", "0086"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    s
}

/// `^1[3-9]\d{9}$`
pub fn is_mobile_shape(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b.first() == Some(&b'1')
        && b.get(1).is_some_and(|c| (b'3'..=b'9').contains(c))
}

/// `^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$`: the prefixes allocated so far.
pub fn is_allocated_prefix(n: &str) -> bool {
    let b = n.as_bytes();
    if !is_mobile_shape(n) {
        return false;
    }
    let third = b.get(2).copied().unwrap_or(b'x');
    match b.get(1).copied().unwrap_or(b'x') {
        b'3' | b'8' => true,
        b'4' => (b'5'..=b'9').contains(&third),
        b'5' | b'9' => third != b'4',
        b'6' => matches!(third, b'2' | b'5' | b'6' | b'7'),
        b'7' => (b'0'..=b'8').contains(&third),
        _ => false,
    }
}

/// `Err` is a message for a wrong number; `Ok(Some(_))` a warning; `Ok(None)` fine.
pub fn check_mobile(input: &str, what: &str) -> Result<Option<String>, String> {
    let n = normalise(input);
    if n.is_empty() {
        return Err(format!("请填写{what}（11 位手机号，报名和录取期间要能接通）"));
    }
    if !is_mobile_shape(&n) {
        let digits = n.chars().filter(char::is_ascii_digit).count();
        return Err(if n.chars().any(|c| !c.is_ascii_digit()) {
            format!("{what}只能包含数字，请去掉其他字符后重新填写")
        } else if digits != 11 {
            format!("{what}应为 11 位，这里是 {digits} 位，请核对")
        } else {
            format!("{what}应以 13–19 开头，请核对是否输错")
        });
    }
    if !is_allocated_prefix(&n) {
        return Ok(Some(format!("{what}的号段 {} 很少见，请再核对一遍是否输错", n.get(..3).unwrap_or_default())));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        for (input, want) in [
            ("138 0013 8000", "13800138000"),
            ("138-0013-8000", "13800138000"),
            ("+86 138 0013 8000", "13800138000"),
            ("+8613800138000", "13800138000"),
            ("0086-138-0013-8000", "13800138000"),
            ("（+86）13800138000", "13800138000"),
            ("１３８００１３８０００", "13800138000"),
            ("＋86 13800138000", "13800138000"),
            ("\t13800138000\n", "13800138000"),
            ("8613800138000", "8613800138000"),
        ] {
            assert_eq!(normalise(input), want, "{input:?}");
        }
    }

    #[test]
    fn shape_is_an_error() {
        for bad in [
            "",
            "1380013800",
            "138001380001",
            "12800138000",
            "10800138000",
            "23800138000",
            "1380013800a",
            "8613800138000",
        ] {
            assert!(check_mobile(bad, "手机号").is_err(), "{bad}");
        }
        assert!(check_mobile("1380013800", "手机号").is_err_and(|m| m.contains("10 位")));
        assert!(check_mobile("1380013800a", "手机号").is_err_and(|m| m.contains("只能包含数字")));
    }

    #[test]
    fn allocated_prefixes() {
        for ok in [
            "13012345678",
            "14512345678",
            "15012345678",
            "16212345678",
            "17012345678",
            "17812345678",
            "18912345678",
            "19912345678",
            "19012345678",
        ] {
            assert_eq!(check_mobile(ok, "手机号"), Ok(None), "{ok}");
        }
        // Right shape, but not allocated: a warning, not an error.
        for odd in ["14012345678", "15412345678", "16012345678", "16812345678", "17912345678", "19412345678"] {
            assert!(matches!(check_mobile(odd, "手机号"), Ok(Some(_))), "{odd}");
        }
    }
}
