//! Password-verification questions and answers (密保). The platform uses them to reset the
//! password, so an answer a classmate can guess is a second, weaker password. The notice and
//! the platform forbid the student's name and any answer shared across a class.

use super::context::{ContextKind, PreparedContext};
use super::templates;

/// Henan's cities (the city is the first thing anyone guesses for "where…").
const CITIES: &[&str] = &[
    "郑州",
    "开封",
    "洛阳",
    "平顶山",
    "安阳",
    "鹤壁",
    "新乡",
    "焦作",
    "濮阳",
    "许昌",
    "漯河",
    "三门峡",
    "南阳",
    "商丘",
    "信阳",
    "周口",
    "驻马店",
    "济源",
    "河南",
    "zhengzhou",
    "kaifeng",
    "luoyang",
    "pingdingshan",
    "anyang",
    "hebi",
    "xinxiang",
    "jiaozuo",
    "puyang",
    "xuchang",
    "luohe",
    "sanmenxia",
    "nanyang",
    "shangqiu",
    "xinyang",
    "zhoukou",
    "zhumadian",
    "jiyuan",
    "henan",
];
/// Answers so common that a few tries find them.
const COMMON_ANSWERS: &[&str] = &[
    "妈妈",
    "爸爸",
    "爷爷",
    "奶奶",
    "姥姥",
    "姥爷",
    "外婆",
    "外公",
    "老师",
    "红色",
    "蓝色",
    "黑色",
    "白色",
    "绿色",
    "黄色",
    "粉色",
    "紫色",
    "狗",
    "猫",
    "小狗",
    "小猫",
    "苹果",
    "西瓜",
    "香蕉",
    "足球",
    "篮球",
    "乒乓球",
    "羽毛球",
    "语文",
    "数学",
    "英语",
    "物理",
    "不知道",
    "没有",
    "无",
    "是",
    "否",
    "对",
    "好",
    "一中",
    "二中",
    "实验中学",
    "123456",
    "111111",
    "000000",
    "abc",
    "mama",
    "baba",
    "1",
    "a",
];
/// Questions whose answer is public to classmates.
const PUBLIC_QUESTIONS: &[(&str, &str)] = &[
    ("学校", "学校"),
    ("班主任", "班主任"),
    ("老师", "老师"),
    ("班级", "班级"),
    ("学号", "学号"),
    ("生日", "生日"),
    ("出生", "生日"),
    ("名字", "名字"),
    ("姓名", "名字"),
    ("城市", "城市"),
    ("家乡", "家乡"),
    ("出生地", "出生地"),
    ("手机", "手机号"),
    ("身份证", "身份证号"),
];

/// Advice on choosing questions, shown beside the fields.
pub const QUESTION_TIPS: &[&str] = &[
    "选答案只有你和家人知道、不会改变、几年后你还记得的问题（中招后查成绩、录取还要用）。",
    "不要选同学能查到或猜到的：学校、班级、班主任、生日、家乡、手机号。",
    "答案可以故意“答非所问”，例如问题“我最喜欢的颜色”，答案写一个只有你知道的短句。",
    "每个问题的答案都要不同，也不要和密码相同；不要和同学商量或照抄老师给的答案。",
    "把问题和答案抄在只有你和家长知道的地方，不要拍照发到群里。",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnswerLevel {
    Ok,
    /// Guessable: allowed but should be changed.
    Warn,
    /// Must be changed.
    Reject,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFinding {
    pub level: AnswerLevel,
    /// e.g. "same-as-name", "same-as-password", "duplicate-answer", "public-question".
    pub id: &'static str,
    pub text: String,
}

/// One question with its answer, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QaPair {
    pub question: String,
    pub answer: String,
}

/// Lowercase, no spaces or punctuation: "Wang Xiaoming" and "wangxiaoming" compare equal.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Findings for each pair, in the same order. `password` is the login password being set.
pub fn check(pairs: &[QaPair], ctx: Option<&PreparedContext>, password: &str) -> Vec<Vec<AnswerFinding>> {
    let norm_pw = norm(password);
    pairs
        .iter()
        .enumerate()
        .map(|(k, pair)| {
            let mut out = Vec::new();
            let mut add = |level, id, text: String| out.push(AnswerFinding { level, id, text });
            let q = pair.question.trim();
            let a = norm(&pair.answer);
            if q.is_empty() {
                add(AnswerLevel::Reject, "no-question", "还没有填写问题。".into());
            }
            if let Some((_, what)) = PUBLIC_QUESTIONS.iter().find(|(key, _)| q.contains(key)) {
                add(
                    AnswerLevel::Warn,
                    "public-question",
                    format!("这个问题问的是{what}，同学和老师都知道答案。换一个只有你和家人知道答案的问题。"),
                );
            }
            if a.is_empty() {
                add(AnswerLevel::Reject, "no-answer", "还没有填写答案。".into());
                return out;
            }
            if a == norm(q) {
                add(AnswerLevel::Reject, "same-as-question", "答案和问题一样，谁都能照着填。".into());
            }
            if !norm_pw.is_empty() && a == norm_pw {
                add(
                    AnswerLevel::Reject,
                    "same-as-password",
                    "答案和登录密码相同：密保是用来找回密码的，两者必须不同。".into(),
                );
            }
            let dup = pairs.iter().enumerate().any(|(o, p)| o != k && norm(&p.answer) == a);
            if dup {
                add(AnswerLevel::Reject, "duplicate-answer", "和另一个问题的答案相同：每个答案都要不同。".into());
            }
            let dup_q = !q.is_empty() && pairs.iter().enumerate().any(|(o, p)| o != k && p.question.trim() == q);
            if dup_q {
                add(AnswerLevel::Reject, "duplicate-question", "和另一个问题重复：请选不同的问题。".into());
            }
            if let Some(c) = ctx {
                check_context(&a, c, &mut add);
            }
            if let Some(city) = CITIES.iter().find(|city| a.contains(&norm(city))) {
                add(AnswerLevel::Warn, "city", format!("答案含有地名“{city}”，很容易被猜到。"));
            }
            if COMMON_ANSWERS.iter().any(|c| norm(c) == a) {
                add(
                    AnswerLevel::Warn,
                    "common-answer",
                    format!("“{}”是很多人都会填的答案，几次就能猜中。", pair.answer.trim()),
                );
            } else if a.chars().count() < 2 || (a.is_ascii() && a.len() < 4) {
                add(AnswerLevel::Warn, "short-answer", "答案太短，几次就能猜中。用一个只有你知道的词或短句。".into());
            }
            for hit in templates::detect(&pair.answer, ctx) {
                add(AnswerLevel::Warn, "template", format!("答案像统一格式：{}。{}", hit.what, hit.why));
            }
            out.sort_by_key(|f| std::cmp::Reverse(f.level));
            out
        })
        .collect()
}

/// Rejects answers that are the student's own or the school's facts.
fn check_context(a: &str, c: &PreparedContext, add: &mut impl FnMut(AnswerLevel, &'static str, String)) {
    let equal = |kind: ContextKind| c.of(kind).any(|t| norm(&t.token) == a);
    let contains =
        |kind: ContextKind| c.of(kind).filter(|t| t.token.chars().count() >= 2).any(|t| a.contains(&norm(&t.token)));
    // (fact, id and text when the answer is the fact, id and text when it only contains it)
    let facts: [(ContextKind, &'static str, &str, &'static str, &str); 3] = [
        (
            ContextKind::Name,
            "same-as-name",
            "答案就是你的名字：平台规定密保信息不能是考生姓名。",
            "contains-name",
            "答案里有你的名字，别人很容易猜到。",
        ),
        (
            ContextKind::School,
            "same-as-school",
            "答案就是学校名称，全校同学都知道。",
            "contains-school",
            "答案里有学校名称，同学都能猜到。",
        ),
        (
            ContextKind::Teacher,
            "same-as-teacher",
            "答案是班主任的名字，全班同学都知道。",
            "contains-teacher",
            "答案里有老师的名字，同学都能猜到。",
        ),
    ];
    for (kind, same_id, same_text, contains_id, contains_text) in facts {
        if equal(kind) {
            add(AnswerLevel::Reject, same_id, same_text.into());
        } else if contains(kind) {
            add(AnswerLevel::Warn, contains_id, contains_text.into());
        }
    }
    if equal(ContextKind::Class) {
        add(AnswerLevel::Warn, "class", "答案是班级号，全班同学都知道。".into());
    }
    for (kind, label) in
        [(ContextKind::Birth, "生日"), (ContextKind::IdNumber, "身份证号"), (ContextKind::Phone, "手机号")]
    {
        if equal(kind) {
            add(AnswerLevel::Warn, "personal-number", format!("答案是你的{label}，写在报名表上，经手的人都能看到。"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> PreparedContext {
        super::super::fixtures::sample_student().prepare()
    }

    fn pair(q: &str, a: &str) -> QaPair {
        QaPair { question: q.into(), answer: a.into() }
    }

    fn ids(f: &[AnswerFinding]) -> Vec<&'static str> {
        f.iter().map(|x| x.id).collect()
    }

    #[test]
    fn rejects_name_school_teacher_password_and_duplicates() {
        let c = ctx();
        let r = check(
            &[
                pair("我最好的朋友", "王小明"),
                pair("我最喜欢的地方", "郑州市第一中学"),
                pair("我的偶像", "Li Hua"),
                pair("小时候的外号", "Secret99x"),
                pair("第一次旅行去哪", "西瓜皮大冒险"),
                pair("第一本书", "西瓜皮大冒险"),
            ],
            Some(&c),
            "secret99x",
        );
        assert!(ids(&r[0]).contains(&"same-as-name"));
        assert!(ids(&r[1]).contains(&"same-as-school"));
        assert!(ids(&r[2]).contains(&"same-as-teacher"));
        assert!(ids(&r[3]).contains(&"same-as-password"));
        assert!(ids(&r[4]).contains(&"duplicate-answer"));
        assert_eq!(r[0].first().map(|f| f.level), Some(AnswerLevel::Reject));
    }

    #[test]
    fn flags_guessable_answers_and_public_questions() {
        let c = ctx();
        let r = check(
            &[pair("我的班主任是谁", "不知道"), pair("我住在哪里", "郑州金水区"), pair("生日", "20100315")],
            Some(&c),
            "",
        );
        assert!(ids(&r[0]).contains(&"public-question"));
        assert!(ids(&r[0]).contains(&"common-answer"));
        assert!(ids(&r[1]).contains(&"city"));
        assert!(ids(&r[2]).contains(&"personal-number"));
    }

    #[test]
    fn a_good_pair_has_no_findings() {
        let r = check(
            &[pair("我养的第一条金鱼叫什么", "泡泡糖先生"), pair("外婆家门口的树", "歪脖子枣树")],
            Some(&ctx()),
            "x",
        );
        assert!(r.iter().all(Vec::is_empty), "{r:?}");
    }

    #[test]
    fn empty_fields_are_reported() {
        let r = check(&[QaPair::default()], None, "");
        assert!(ids(&r[0]).contains(&"no-question"));
        assert!(ids(&r[0]).contains(&"no-answer"));
    }
}
