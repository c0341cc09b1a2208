//! The platform's own rule (length, letters, digits), checked and shown apart from strength:
//! a password can pass the rule and still be easy to guess (a123456789 does).

use crate::profile::PasswordRule;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    /// "too-short", "too-long", "no-letter", "no-digit", "non-ascii", "space".
    pub id: &'static str,
    pub text: String,
    /// Warnings (characters the platform may refuse) do not fail the rule.
    pub blocking: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    pub pass: bool,
    pub length: usize,
    pub problems: Vec<RuleProblem>,
    /// "8–20 位，必须同时包含字母和数字，区分大小写"
    pub summary: String,
}

pub fn summary(rule: &PasswordRule) -> String {
    let mut s = format!("{}–{} 位", rule.min_length, rule.max_length);
    match (rule.require_letter, rule.require_digit) {
        (true, true) => s.push_str("，必须同时包含字母和数字"),
        (true, false) => s.push_str("，必须包含字母"),
        (false, true) => s.push_str("，必须包含数字"),
        (false, false) => {}
    }
    s.push_str("，区分大小写");
    s
}

pub fn check(password: &str, rule: &PasswordRule) -> RuleResult {
    let length = password.chars().count();
    let mut problems = Vec::new();
    let mut add = |id, text: String, blocking| problems.push(RuleProblem { id, text, blocking });
    if length < rule.min_length {
        add(
            "too-short",
            format!("现在 {length} 位，至少要 {} 位：再加 {} 位。", rule.min_length, rule.min_length - length),
            true,
        );
    }
    if length > rule.max_length {
        add(
            "too-long",
            format!("现在 {length} 位，最多 {} 位：请删掉 {} 位。", rule.max_length, length - rule.max_length),
            true,
        );
    }
    if rule.require_letter && !password.chars().any(|c| c.is_ascii_alphabetic()) {
        add("no-letter", "没有英文字母：平台要求至少有一个字母（a–z 或 A–Z）。".into(), true);
    }
    if rule.require_digit && !password.chars().any(|c| c.is_ascii_digit()) {
        add("no-digit", "没有数字：平台要求至少有一个数字（0–9）。".into(), true);
    }
    if !password.is_ascii() {
        add("non-ascii", "含有汉字或全角字符：平台可能不接受，请切换到英文输入法再输入。".into(), false);
    }
    if password.chars().any(char::is_whitespace) {
        add("space", "含有空格：容易在登录时漏输，建议去掉。".into(), false);
    }
    let pass = length > 0 && !problems.iter().any(|p| p.blocking);
    RuleResult { pass, length, problems, summary: summary(rule) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> PasswordRule {
        crate::profile::default_profile().password.clone()
    }

    #[test]
    fn henan_rule() {
        assert!(check("abc12345", &rule()).pass);
        let r = check("abc1234", &rule());
        assert!(!r.pass);
        assert_eq!(r.problems.first().map(|p| p.id), Some("too-short"));
        assert!(!check("12345678", &rule()).pass);
        assert!(!check("abcdefgh", &rule()).pass);
        assert!(!check("a1234567890123456789x", &rule()).pass);
        assert!(!check("", &rule()).pass);
    }

    #[test]
    fn full_width_warns_but_does_not_fail() {
        let r = check("abc12345中", &rule());
        assert!(r.pass);
        assert!(r.problems.iter().any(|p| p.id == "non-ascii" && !p.blocking));
    }
}
