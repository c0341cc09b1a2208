//! Turning matches into Chinese explanations: what was found, and how to do better.

use super::context::ContextKind;
use super::data::{Dict, number_meaning};
use super::estimate::Estimate;
use super::matchers::{Keyboard, Match, Pattern};

/// How much a finding matters. `Personal` is the student's own data: the first thing a
/// classmate or anyone holding the registration form would try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Weak,
    Personal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// Stable id for tests and styling, e.g. "personal-birth", "common-password".
    pub id: &'static str,
    /// What was found: "包含你的生日 20100315".
    pub what: String,
    /// How to improve.
    pub advice: String,
}

fn personal_id(kind: ContextKind) -> &'static str {
    match kind {
        ContextKind::Name => "personal-name",
        ContextKind::Birth => "personal-birth",
        ContextKind::IdNumber => "personal-id",
        ContextKind::Phone => "personal-phone",
        ContextKind::School => "personal-school",
        ContextKind::Class => "personal-class",
        ContextKind::Teacher => "personal-teacher",
    }
}

fn explain(m: &Match) -> Option<Finding> {
    let t = &m.token;
    let f = |severity, id, what: String, advice: &str| Some(Finding { severity, id, what, advice: advice.to_string() });
    match &m.pattern {
        Pattern::Context { kind, form, .. } => f(
            Severity::Personal,
            personal_id(*kind),
            format!("包含{} {t}（{form}）", kind.label()),
            "同学、老师和拿到报名表的人都知道这些信息，最先就会拿来试。请去掉与你本人、学校、班级有关的内容。",
        ),
        Pattern::Dictionary { dict: Dict::CommonPassword, rank, .. } => f(
            Severity::Weak,
            "common-password",
            format!("{t} 是最常用的中文密码之一（常见度第 {rank} 位）"),
            "猜密码的程序第一步就试这些，请不要使用，也不要只在它前后加一两个字符。",
        ),
        Pattern::Dictionary { dict: Dict::Number, .. } => {
            let meaning = number_meaning(&t.to_lowercase());
            let (id, kind) = if meaning.is_some_and(|n| n.love) {
                ("love-number", "表白数字")
            } else {
                ("lucky-number", "吉利数字")
            };
            let reading = meaning.map(|n| format!("（{}）", n.meaning)).unwrap_or_default();
            f(
                Severity::Weak,
                id,
                format!("包含{kind} {t}{reading}"),
                "这类数字人人都会用，猜密码时最先试。换成对你有意义但别人不知道的内容。",
            )
        }
        Pattern::Dictionary { dict: Dict::Pinyin, reversed, .. } => f(
            Severity::Weak,
            "pinyin-word",
            format!("包含常见拼音词 {t}{}", if *reversed { "（倒着写也会被试到）" } else { "" }),
            "常用词的拼音在猜测词表里，单独使用很快被猜中。把几个互不相关的词组合起来，并加入数字或符号。",
        ),
        Pattern::Dictionary { dict: Dict::English, l33t, .. } => f(
            Severity::Weak,
            "english-word",
            format!("包含常见英文单词 {t}{}", if *l33t { "（用数字或符号代替字母也会被试到）" } else { "" }),
            "常见单词在猜测词表里；把 a 换成 @、o 换成 0 也没用，程序会自动试这些替换。",
        ),
        Pattern::Name { .. } => f(
            Severity::Weak,
            "pinyin-name",
            format!("{t} 像是中文名字的拼音"),
            "姓名拼音是中文密码里最常见的部分之一，名字词表几千次就能试完。请不要用任何人的名字。",
        ),
        Pattern::Spatial { keyboard, .. } => f(
            Severity::Weak,
            "keyboard",
            format!("包含键盘上连着按的键 {t}{}", if *keyboard == Keyboard::Keypad { "（数字键盘）" } else { "" }),
            "1qaz、qwerty、147258 这类按键路线人人都知道，猜密码时很早就会试。",
        ),
        Pattern::Sequence => {
            f(Severity::Weak, "sequence", format!("包含顺序字符 {t}"), "123、abc 这样按顺序排列的字符几乎不增加难度。")
        }
        Pattern::Repeat { base, count } => f(
            Severity::Weak,
            "repeat",
            format!("包含重复的 {base}（重复 {count} 次）"),
            "重复不会让密码更难猜，程序会自动尝试重复。",
        ),
        Pattern::Date { year, month, day } => f(
            Severity::Weak,
            "date",
            match year {
                Some(y) => format!("包含日期 {t}（{y} 年 {month} 月 {day} 日）"),
                None => format!("包含日期 {t}（{month} 月 {day} 日）"),
            },
            "生日、纪念日等日期一年只有 365 种可能，很快被试完；尤其不要用自己或家人的生日。",
        ),
        Pattern::Year(y) => {
            f(Severity::Weak, "year", format!("包含年份 {y}"), "年份（出生年、入学年、考试年）只有几十种可能。")
        }
        Pattern::Phone => {
            f(Severity::Weak, "phone-shape", format!("{t} 像是一个手机号码"), "手机号码容易被别人知道，不适合做密码。")
        }
        Pattern::Bruteforce => None,
    }
}

/// Findings for an estimate: every piece of the cheapest decomposition, plus any personal data
/// anywhere in the password even when another pattern priced it cheaper.
pub fn findings(e: &Estimate, password_chars: usize) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    fn push(out: &mut Vec<Finding>, f: Finding) {
        if !out.iter().any(|o| o.what == f.what) {
            out.push(f);
        }
    }
    // Personal data first: longest token per kind, reported even when not the cheapest reading.
    let mut personal: Vec<&Match> =
        e.all_matches.iter().filter(|m| matches!(m.pattern, Pattern::Context { .. })).collect();
    personal.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for m in personal {
        if covered.iter().any(|&(i, j)| m.i >= i && m.j <= j) {
            continue;
        }
        covered.push((m.i, m.j));
        if let Some(f) = explain(m) {
            push(&mut out, f);
        }
    }
    for m in &e.sequence {
        if let Some(f) = explain(m) {
            push(&mut out, f);
        }
    }
    if password_chars > 0 && password_chars < 12 && e.score < 4 {
        push(
            &mut out,
            Finding {
                severity: Severity::Info,
                id: "short",
                what: format!("只有 {password_chars} 位"),
                advice: "每多一位都让猜测难很多倍。平台允许最多 20 位，建议 12 位以上。".into(),
            },
        );
    }
    if e.score <= 2 && !out.is_empty() {
        push(&mut out, Finding {
            severity: Severity::Info,
            id: "how-to",
            what: "怎样设置一个好记又难猜的密码".into(),
            advice: "想一句只有你知道的话，取几个字的拼音或首字母，中间夹上数字和大小写字母，例如把不相关的三四个词连起来。不要用名字、生日、学号、手机号、班级。".into(),
        });
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
