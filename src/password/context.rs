//! What the registration form already knows about the student. Targeted guessing with such data
//! finds most ordinary passwords within 100 guesses (CCS 2016), so each fact becomes a list of
//! tokens the estimate treats as almost free to guess.

use std::collections::HashMap;

use super::pinyin;

/// Facts from the form; every field is optional and free text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalContext {
    /// The student's name, in hanzi (王小明) or pinyin (Wang Xiaoming).
    pub name: Option<String>,
    /// YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日; taken from the ID number if absent.
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub school: Option<String>,
    /// e.g. "九年级3班", "903班".
    pub class_name: Option<String>,
    /// The class teacher's name (hanzi or pinyin).
    pub teacher: Option<String>,
}

/// Which fact a token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContextKind {
    Name,
    Birth,
    IdNumber,
    Phone,
    School,
    Class,
    Teacher,
}

impl ContextKind {
    /// "你的生日", used in "包含你的生日 20100315".
    pub fn label(self) -> &'static str {
        match self {
            ContextKind::Name => "你名字的拼音",
            ContextKind::Birth => "你的生日",
            ContextKind::IdNumber => "你的身份证号",
            ContextKind::Phone => "你的手机号",
            ContextKind::School => "学校名称",
            ContextKind::Class => "班级号",
            ContextKind::Teacher => "班主任名字",
        }
    }
}

/// One guessable string and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextToken {
    /// Lowercase.
    pub token: String,
    pub kind: ContextKind,
    /// Which form, e.g. "拼音首字母", "后 6 位", "YYMMDD".
    pub form: &'static str,
    /// 1 = the form a guesser tries first.
    pub rank: usize,
}

/// The tokens of a context, indexed for matching. Build once per context, reuse per keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreparedContext {
    pub tokens: Vec<ContextToken>,
    pub index: HashMap<String, usize>,
    pub max_chars: usize,
    /// (year, month, day) when known, for the template checks.
    pub birth: Option<(u32, u32, u32)>,
}

impl PreparedContext {
    fn add(&mut self, token: String, kind: ContextKind, form: &'static str) {
        // Shorter tokens match by chance; two digits of a class number are kept (templates need them).
        let min = if kind == ContextKind::Class { 2 } else { 3 };
        let token = token.to_lowercase();
        if token.chars().count() < min || self.index.contains_key(&token) {
            return;
        }
        self.max_chars = self.max_chars.max(token.chars().count());
        let rank = self.tokens.iter().filter(|t| t.kind == kind).count() + 1;
        self.index.insert(token.clone(), self.tokens.len());
        self.tokens.push(ContextToken { token, kind, form, rank });
    }

    pub fn get(&self, token: &str) -> Option<&ContextToken> {
        self.index.get(token).and_then(|&i| self.tokens.get(i))
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Tokens of one kind, best first.
    pub fn of(&self, kind: ContextKind) -> impl Iterator<Item = &ContextToken> {
        self.tokens.iter().filter(move |t| t.kind == kind)
    }
}

fn clean(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// (year, month, day) from the date formats people type.
pub fn parse_birth(s: &str) -> Option<(u32, u32, u32)> {
    let digits: Vec<u32> =
        s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
    let (y, m, d) = match digits.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [all] if s.trim().len() == 8 => (all / 10000, all / 100 % 100, all % 100),
        _ => return None,
    };
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The birth date inside an 18-character ID number.
fn birth_from_id(id: &str) -> Option<(u32, u32, u32)> {
    let seg = id.get(6..14)?;
    parse_birth(seg)
}

fn add_name(p: &mut PreparedContext, name: &str, kind: ContextKind) {
    let spelled = match pinyin::pinyin_name(name) {
        Some(n) => vec![n],
        None => pinyin::hanzi_name(name),
    };
    for n in &spelled {
        for (v, form) in pinyin::name_variants(n) {
            p.add(v, kind, form);
        }
    }
    // The hanzi itself, in case the platform accepts it or it is reused as an answer.
    if !name.is_ascii() {
        p.add(name.chars().filter(|c| !c.is_whitespace()).collect(), kind, "汉字");
    }
}

fn add_birth(p: &mut PreparedContext, (y, m, d): (u32, u32, u32)) {
    let yy = y % 100;
    let forms: [(String, &'static str); 14] = [
        (format!("{y}{m:02}{d:02}"), "年月日 YYYYMMDD"),
        (format!("{yy:02}{m:02}{d:02}"), "YYMMDD"),
        (format!("{d:02}{m:02}{y}"), "日月年 DDMMYYYY"),
        (format!("{m:02}{d:02}{y}"), "月日年 MMDDYYYY"),
        (format!("{m:02}{d:02}"), "月日 MMDD"),
        (format!("{d:02}{m:02}"), "日月 DDMM"),
        (format!("{y}{m}{d}"), "不补零的年月日"),
        (format!("{m}{d}"), "不补零的月日"),
        (format!("{y}-{m:02}-{d:02}"), "带分隔符的日期"),
        (format!("{y}.{m:02}.{d:02}"), "带分隔符的日期"),
        (format!("{y}/{m:02}/{d:02}"), "带分隔符的日期"),
        (format!("{y}.{m}.{d}"), "带分隔符的日期"),
        (format!("{y}_{m:02}_{d:02}"), "带分隔符的日期"),
        (format!("{y}"), "出生年份"),
    ];
    for (t, form) in forms {
        p.add(t, ContextKind::Birth, form);
    }
}

/// School name variants: full pinyin, initials, and the usual short forms (郑州市第一中学 → 郑州一中 → zzyz).
fn add_school(p: &mut PreparedContext, school: &str) {
    if school.is_ascii() {
        p.add(school.chars().filter(|c| c.is_ascii_alphanumeric()).collect(), ContextKind::School, "学校名称");
        return;
    }
    p.add(school.to_string(), ContextKind::School, "学校名称");
    let short: String = school
        .replace("中学", "中")
        .replace("小学", "小")
        .replace("学校", "")
        .chars()
        .filter(|c| !matches!(c, '市' | '县' | '区' | '省' | '第'))
        .collect();
    for (text, form) in [(school, "学校名称"), (short.as_str(), "学校简称")] {
        let syl = pinyin::hanzi_text(text);
        p.add(pinyin::initials(&syl), ContextKind::School, "学校名称的拼音首字母");
        p.add(syl.concat(), ContextKind::School, form);
    }
    let digits: String = school.chars().filter(char::is_ascii_digit).collect();
    p.add(digits, ContextKind::School, "学校名称中的数字");
}

fn chinese_digit(c: char) -> Option<u32> {
    "零一二三四五六七八九".chars().position(|d| d == c).and_then(|i| u32::try_from(i).ok())
}

/// Class numbers: "九年级3班" → 93, 903, 0903; "903班" → 903.
fn add_class(p: &mut PreparedContext, class: &str) {
    let nums: Vec<String> = class
        .chars()
        .map(|c| chinese_digit(c).and_then(|d| char::from_digit(d, 10)).unwrap_or(c))
        .collect::<String>()
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    match nums.as_slice() {
        [grade, class] => {
            p.add(format!("{grade}{class}"), ContextKind::Class, "年级加班级");
            p.add(format!("{grade}0{class}"), ContextKind::Class, "年级加班级");
            p.add(format!("{grade}{class:0>2}"), ContextKind::Class, "年级加班级");
            p.add(class.clone(), ContextKind::Class, "班级号");
        }
        [one] => p.add(one.clone(), ContextKind::Class, "班级号"),
        _ => {}
    }
}

impl PersonalContext {
    pub fn prepare(&self) -> PreparedContext {
        let mut p = PreparedContext::default();
        if let Some(n) = clean(&self.name) {
            add_name(&mut p, n, ContextKind::Name);
        }
        let id: Option<String> = clean(&self.id_number).map(|s| s.to_uppercase());
        let birth = clean(&self.birth_date).and_then(parse_birth).or_else(|| id.as_deref().and_then(birth_from_id));
        p.birth = birth;
        if let Some(b) = birth {
            add_birth(&mut p, b);
        }
        if let Some(id) = id.as_deref().filter(|s| s.is_ascii()) {
            let n = id.len();
            p.add(id.to_string(), ContextKind::IdNumber, "整个身份证号");
            for (range, form) in [
                (n.saturating_sub(6)..n, "后 6 位"),
                (n.saturating_sub(4)..n, "后 4 位"),
                (0..6.min(n), "前 6 位（地区码）"),
                (6.min(n)..14.min(n), "出生日期段"),
                (n.saturating_sub(8)..n, "后 8 位"),
            ] {
                if let Some(s) = id.get(range) {
                    p.add(s.to_string(), ContextKind::IdNumber, form);
                }
            }
        }
        if let Some(phone) = clean(&self.phone) {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            let digits = digits
                .strip_prefix("0086")
                .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
                .unwrap_or(&digits)
                .to_string();
            let n = digits.len();
            p.add(digits.clone(), ContextKind::Phone, "整个手机号");
            for (start, form) in [(n.saturating_sub(8), "后 8 位"), (n.saturating_sub(4), "后 4 位")] {
                if let Some(s) = digits.get(start..) {
                    p.add(s.to_string(), ContextKind::Phone, form);
                }
            }
        }
        if let Some(s) = clean(&self.school) {
            add_school(&mut p, s);
        }
        if let Some(c) = clean(&self.class_name) {
            add_class(&mut p, c);
        }
        if let Some(t) = clean(&self.teacher) {
            add_name(&mut p, t, ContextKind::Teacher);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PreparedContext {
        super::super::fixtures::sample_student().prepare()
    }

    #[test]
    fn birth_comes_from_the_id_when_not_given() {
        let c = PersonalContext {
            birth_date: None,
            phone: Some("+86 138-0371-1234".into()),
            ..super::super::fixtures::sample_student()
        }
        .prepare();
        assert_eq!(c.get("13803711234").map(|t| t.kind), Some(ContextKind::Phone));
        assert_eq!(c.birth, Some((2010, 3, 15)));
        for t in ["20100315", "100315", "0315", "15032010", "2010-03-15"] {
            assert_eq!(c.get(t).map(|t| t.kind), Some(ContextKind::Birth), "{t}");
        }
    }

    #[test]
    fn id_phone_school_class_tokens() {
        let c = ctx();
        assert_eq!(c.get("15123x").map(|t| t.form), Some("后 6 位"));
        assert_eq!(c.get("410102").map(|t| t.kind), Some(ContextKind::IdNumber));
        assert_eq!(c.get("13803711234").map(|t| t.kind), Some(ContextKind::Phone));
        assert_eq!(c.get("1234").map(|t| t.kind), Some(ContextKind::Phone));
        assert_eq!(c.get("zzyz").map(|t| t.kind), Some(ContextKind::School));
        assert_eq!(c.get("903").map(|t| t.kind), Some(ContextKind::Class));
        assert_eq!(c.get("wxm").map(|t| t.kind), Some(ContextKind::Name));
    }

    #[test]
    fn birth_formats_parse() {
        assert_eq!(parse_birth("2010年3月15日"), Some((2010, 3, 15)));
        assert_eq!(parse_birth("20100315"), Some((2010, 3, 15)));
        assert_eq!(parse_birth("2010/13/15"), None);
        assert_eq!(parse_birth("abc"), None);
    }
}

/// What the registration form knows about the student, as context for the password coach: the
/// class teacher is the newest study-history row's reference person (证明人).
impl From<&crate::registration::Registration> for PersonalContext {
    fn from(r: &crate::registration::Registration) -> Self {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        PersonalContext {
            name: text(&r.name),
            birth_date: text(&r.birth_date),
            id_number: text(&r.id_number),
            phone: text(&r.mobile),
            school: text(&r.current_school),
            class_name: None,
            teacher: r.history.first().and_then(|h| text(&h.reference)),
        }
    }
}

#[cfg(test)]
mod from_registration_tests {
    use super::PersonalContext;
    use crate::registration::{HistoryRow, Registration};

    #[test]
    fn takes_what_the_form_knows() {
        let r = Registration {
            name: " 王小明 ".into(),
            mobile: "138 0013 8000".into(),
            history: vec![HistoryRow { reference: "李老师".into(), ..HistoryRow::default() }],
            ..Registration::default()
        };
        let c = PersonalContext::from(&r);
        assert_eq!(c.name.as_deref(), Some("王小明"));
        assert_eq!(c.phone.as_deref(), Some("138 0013 8000"));
        assert_eq!(c.teacher.as_deref(), Some("李老师"));
        assert_eq!(c.id_number, None, "empty fields stay absent");
    }
}
