//! Uniform formats a school might hand out ("学校缩写+学号", "zk+生日", "身份证后六位"). The
//! notice forbids them: "严禁学校代替或要求考生填写统一的密码验证信息、密码设置格式". Anyone who
//! knows the format and a student's basic facts can log in as that student.

use super::context::{ContextKind, PreparedContext};

pub const NOTICE_QUOTE: &str = "严禁学校代替或要求考生填写统一的密码验证信息、密码设置格式";

/// Words a class-wide format tends to start with (exam, student, school, province, "password").
const TEMPLATE_WORDS: &[&str] = &[
    "zhongkao",
    "zk",
    "kaoshi",
    "ks",
    "xuesheng",
    "xs",
    "student",
    "stu",
    "henan",
    "hn",
    "mima",
    "mm",
    "class",
    "banji",
    "bj",
    "zhaosheng",
    "zs",
    "school",
    "xuexiao",
    "gzzs",
    "chuzhong",
    "cz",
];
/// Typical school abbreviations used when the school is unknown (一中 yz, 实验 sy, 外国语 wgy…).
const SCHOOL_ABBREVIATIONS: &[&str] =
    &["yz", "ez", "sz", "yzx", "ezx", "szx", "sy", "syzx", "syxx", "wgy", "wgyxx", "zx", "zzyz", "shiyan", "zhongxue"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    /// School abbreviation + student number.
    SchoolPlusNumber,
    /// Fixed prefix + birthday.
    PrefixPlusBirthday,
    /// Same word + class number (or just a number).
    WordPlusNumber,
    /// The ID number's last six.
    IdLastSix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateHit {
    pub kind: TemplateKind,
    pub what: String,
    pub why: String,
}

fn why(kind: TemplateKind) -> String {
    let reason = match kind {
        TemplateKind::SchoolPlusNumber => "学号在班级名单上，知道格式的人能登录全校任何一个考生的账号",
        TemplateKind::PrefixPlusBirthday => "生日写在报名表和身份证上，知道前缀的人就能算出每个人的密码",
        TemplateKind::WordPlusNumber => "全班用同一个词加数字，一个人知道就等于全班都公开了",
        TemplateKind::IdLastSix => "身份证号在报名表、学籍表上，经手的人都能看到",
    };
    format!("{reason}。通知明确规定：“{NOTICE_QUOTE}”。密码必须由考生本人设置和保管。")
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

fn all_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase())
}

/// Checks a password (or an answer) for the shapes a uniform format produces.
pub fn detect(text: &str, ctx: Option<&PreparedContext>) -> Vec<TemplateHit> {
    let t = text.trim().to_lowercase();
    let mut hits = Vec::new();
    let mut hit = |kind, what: String| {
        if !hits.iter().any(|h: &TemplateHit| h.kind == kind) {
            hits.push(TemplateHit { kind, what, why: why(kind) });
        }
    };
    if let Some(c) = ctx {
        for tok in c.of(ContextKind::IdNumber).filter(|tk| tk.form == "后 6 位") {
            if let Some(rest) = t.strip_suffix(tok.token.as_str()).or_else(|| t.strip_prefix(tok.token.as_str()))
                && rest.chars().count() <= 4
            {
                hit(TemplateKind::IdLastSix, format!("用身份证号后六位 {}（加上固定的几个字符）", tok.token));
            }
        }
        for tok in
            c.of(ContextKind::Birth).filter(|tk| tk.token.chars().all(|ch| ch.is_ascii_digit()) && tk.token.len() >= 4)
        {
            if let Some(prefix) = t.strip_suffix(tok.token.as_str())
                && prefix.chars().count() <= 8
                && !prefix.is_empty()
                && !prefix.chars().any(|ch| ch.is_ascii_digit())
                // Name + birthday is the student's own (weak) idea, reported as personal data.
                && c.get(prefix).is_none()
            {
                hit(TemplateKind::PrefixPlusBirthday, format!("固定前缀 {prefix} 加生日 {}", tok.token));
            }
        }
        for tok in c.of(ContextKind::School).filter(|tk| tk.token.is_ascii()) {
            if let Some(rest) = t.strip_prefix(tok.token.as_str())
                && all_digits(rest)
                && rest.len() >= 2
            {
                hit(TemplateKind::SchoolPlusNumber, format!("学校缩写 {} 加数字 {rest}", tok.token));
            }
        }
        for tok in c.of(ContextKind::Class) {
            if let Some(word) = t.strip_suffix(tok.token.as_str())
                && (all_letters(word) || word.is_empty())
                && t.len() > tok.token.len()
            {
                hit(TemplateKind::WordPlusNumber, format!("同一个词 {word} 加班级号 {}", tok.token));
            }
        }
    }
    // Without (or beyond) the form's data, the shapes themselves.
    let letters: String = t.chars().take_while(char::is_ascii_lowercase).collect();
    let rest = t.get(letters.len()..).unwrap_or_default();
    if all_digits(rest) {
        if SCHOOL_ABBREVIATIONS.contains(&letters.as_str()) && rest.len() >= 4 {
            hit(TemplateKind::SchoolPlusNumber, format!("像学校缩写 {letters} 加学号 {rest}"));
        } else if TEMPLATE_WORDS.contains(&letters.as_str()) && rest.len() >= 2 {
            hit(TemplateKind::WordPlusNumber, format!("统一用的词 {letters} 加数字 {rest}"));
        }
        let personal_prefix = ctx.is_some_and(|c| c.get(&letters).is_some());
        if !letters.is_empty() && !personal_prefix && rest.len() == 8 && super::context::parse_birth(rest).is_some() {
            hit(TemplateKind::PrefixPlusBirthday, format!("固定前缀 {letters} 加日期 {rest}"));
        }
    }
    // Five digits and an X: the tail of an ID number.
    let tail: Vec<char> = t.chars().rev().take(6).collect();
    if tail.len() == 6 && tail.first() == Some(&'x') && tail.iter().skip(1).all(char::is_ascii_digit) {
        hit(TemplateKind::IdLastSix, "以 5 位数字加 X 结尾，像身份证号的后六位".to_string());
    }
    hits
}

/// A banned format, shown to teachers with an example and why it is banned.
pub struct TemplateExample {
    pub format: &'static str,
    pub example: &'static str,
    pub kind: TemplateKind,
}

/// Examples for the teacher view (made-up data).
pub const TEACHER_EXAMPLES: &[TemplateExample] = &[
    TemplateExample { format: "学校缩写 + 学号", example: "zzyz20240315", kind: TemplateKind::SchoolPlusNumber },
    TemplateExample {
        format: "固定前缀 + 出生日期", example: "zk20100315", kind: TemplateKind::PrefixPlusBirthday
    },
    TemplateExample { format: "同一个词 + 班级号", example: "zhongkao903", kind: TemplateKind::WordPlusNumber },
    TemplateExample {
        format: "身份证号后六位（加固定字母）", example: "a15123X", kind: TemplateKind::IdLastSix
    },
    TemplateExample {
        format: "全班统一的密保答案",
        example: "问题“我的学校”，答案“一中”",
        kind: TemplateKind::WordPlusNumber,
    },
];

/// The reason text for an example, shared with the student-side findings.
pub fn example_why(e: &TemplateExample) -> String {
    why(e.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PreparedContext {
        super::super::fixtures::sample_student().prepare()
    }

    fn kinds(p: &str, c: Option<&PreparedContext>) -> Vec<TemplateKind> {
        detect(p, c).into_iter().map(|h| h.kind).collect()
    }

    #[test]
    fn detects_formats_with_context() {
        let c = ctx();
        assert!(kinds("zzyz2024031", Some(&c)).contains(&TemplateKind::SchoolPlusNumber));
        assert!(kinds("zk20100315", Some(&c)).contains(&TemplateKind::PrefixPlusBirthday));
        assert!(kinds("hn0315", Some(&c)).contains(&TemplateKind::PrefixPlusBirthday));
        assert!(kinds("zhongkao903", Some(&c)).contains(&TemplateKind::WordPlusNumber));
        assert!(kinds("a15123x", Some(&c)).contains(&TemplateKind::IdLastSix));
    }

    #[test]
    fn detects_shapes_without_context() {
        assert!(kinds("yz20240315", None).contains(&TemplateKind::SchoolPlusNumber));
        assert!(kinds("zk12345", None).contains(&TemplateKind::WordPlusNumber));
        assert!(kinds("abc20100315", None).contains(&TemplateKind::PrefixPlusBirthday));
        assert!(kinds("Hn31523X", None).contains(&TemplateKind::IdLastSix));
    }

    #[test]
    fn own_passwords_are_not_templates() {
        assert!(kinds("Tq7#lanmao-qiezi", Some(&ctx())).is_empty());
        assert!(kinds("", Some(&ctx())).is_empty());
    }

    #[test]
    fn teacher_examples_are_all_detected_where_they_are_passwords() {
        let c = ctx();
        for e in TEACHER_EXAMPLES.iter().filter(|e| e.example.is_ascii()) {
            assert!(kinds(e.example, Some(&c)).contains(&e.kind), "{}", e.example);
            assert!(example_why(e).contains(NOTICE_QUOTE));
        }
    }
}
