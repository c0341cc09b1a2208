//! The verdict table: passwords and the class each must land in, with and without the form's data.

use super::*;

fn rule() -> PasswordRule {
    crate::profile::default_profile().password.clone()
}

fn student() -> PreparedContext {
    fixtures::sample_student().prepare()
}

fn verdict(p: &str, ctx: Option<&PreparedContext>) -> Verdict {
    assess(p, &rule(), ctx).verdict
}

#[test]
fn verdict_table() {
    let c = student();
    let table: &[(&str, bool, Verdict)] = &[
        // Weak because of the student's own data.
        ("wangxiaoming2010", true, Verdict::WeakPersonal),
        ("wxm20100315", true, Verdict::WeakPersonal),
        ("Xiaoming0315", true, Verdict::WeakPersonal),
        ("lihua13803711234", true, Verdict::WeakPersonal),
        // Weak without any context: common Chinese passwords and patterns that pass the rule.
        ("woaini1314", false, Verdict::WeakCommon),
        ("a123456789", false, Verdict::WeakCommon),
        ("qq5201314", false, Verdict::WeakCommon),
        ("1qaz2wsx", false, Verdict::WeakCommon),
        ("zhangwei2009", false, Verdict::WeakCommon),
        ("wangxiaoming1", false, Verdict::WeakCommon),
        ("password123", false, Verdict::WeakCommon),
        ("p@ssw0rd2010", false, Verdict::WeakCommon),
        ("abcabc123123", false, Verdict::WeakCommon),
        // Rule failures: too short, no letter, no digit, too long.
        ("5201314", false, Verdict::RuleFailed),
        ("88888888", false, Verdict::RuleFailed),
        ("wangxiaoming", false, Verdict::RuleFailed),
        ("Tq7#lanmao-qiezi-huoguo", false, Verdict::RuleFailed),
        // Uniform formats.
        ("zk20100315", true, Verdict::UniformFormat),
        ("zzyz20240315", true, Verdict::UniformFormat),
        // Acceptable and strong.
        ("huo9guo!yu", false, Verdict::Acceptable),
        ("Tq7#lanmao-qiezi", false, Verdict::Strong),
        ("8vR#u2Lq!mZ4", false, Verdict::Strong),
    ];
    let mut wrong = Vec::new();
    for (p, with_ctx, want) in table {
        let got = verdict(p, with_ctx.then_some(&c));
        if got != *want {
            let a = assess(p, &rule(), with_ctx.then_some(&c));
            wrong.push(format!("{p}: got {got:?} (log10 {:.1}, score {}), want {want:?}", a.estimate.log10, a.score));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn named_favourites_are_never_strong() {
    for p in ["wangxiaoming", "zhangwei2009", "woaini1314", "5201314", "WangXiaoming", "Woaini1314!"] {
        let e = estimate(p, None);
        assert!(e.score <= 2, "{p} scored {} (log10 {:.1}) via {:?}", e.score, e.log10, e.sequence);
    }
}

#[test]
fn random_looking_passwords_score_high() {
    for p in ["8vR#u2Lq!mZ4", "Tq7#lanmao-qiezi", "x9$Kd2@pLm7!"] {
        assert!(estimate(p, None).score >= 3, "{p}");
    }
}

#[test]
fn context_raises_no_strength_for_unrelated_passwords() {
    let c = student();
    let p = "8vR#u2Lq!mZ4";
    assert_eq!(estimate(p, Some(&c)).score, estimate(p, None).score);
}

#[test]
fn findings_explain_in_chinese() {
    let c = student();
    let texts = |p: &str, ctx: Option<&PreparedContext>| -> Vec<String> {
        assess(p, &rule(), ctx).findings.into_iter().map(|f| f.what).collect()
    };
    let t = texts("wangxiaoming20100315", Some(&c));
    assert!(t.iter().any(|x| x.contains("包含你的生日 20100315")), "{t:?}");
    assert!(t.iter().any(|x| x.contains("包含你名字的拼音 wangxiaoming")), "{t:?}");
    let t = texts("woaini1314", None);
    assert!(t.iter().any(|x| x.contains("常用的中文密码")), "{t:?}");
    let t = texts("abc15123X", Some(&c));
    assert!(t.iter().any(|x| x.contains("你的身份证号 15123X")), "{t:?}");
    let t = texts("woaini1314lanmao", None);
    assert!(t.iter().any(|x| x.contains("1314（一生一世）") || x.contains("woaini1314")), "{t:?}");
    let t = texts("poiuyt7x", None);
    assert!(t.iter().any(|x| x.contains("键盘")), "{t:?}");
    // Every finding says how to improve.
    for f in assess("zhangwei2009", &rule(), None).findings {
        assert!(!f.advice.is_empty(), "{f:?}");
    }
}

#[test]
fn rule_and_strength_are_separate() {
    // Passes the rule, weak.
    let a = assess("a123456789", &rule(), None);
    assert!(a.rule.pass);
    assert!(a.score <= 1);
    assert_eq!(a.verdict, Verdict::WeakCommon);
    // Fails the rule (no letter), yet the strength is still computed and shown.
    let a = assess("83920174659", &rule(), None);
    assert!(!a.rule.pass);
    assert_eq!(a.verdict, Verdict::RuleFailed);
    assert!(a.estimate.guesses > 1e6);
}

/// What must hold for any assessment, however odd the password: the sequence covers every estimated
/// character in order, the score is the estimate's band of its own guess count, capping only lowers
/// it, and the verdict agrees with rule, templates and score. `Err` names the first broken one.
fn consistent(pw: &str, a: &Assessment) -> Result<(), String> {
    let e = &a.estimate;
    let n = pw.chars().count().min(estimate::MAX_ESTIMATED_CHARS);
    let mut next = 0;
    for m in &e.sequence {
        if m.i != next || m.j < m.i {
            return Err(format!("sequence piece {}..={} does not follow {next}: {:?}", m.i, m.j, e.sequence));
        }
        next = m.j + 1;
    }
    if next != n {
        return Err(format!("sequence covers {next} of {n} characters: {:?}", e.sequence));
    }
    if e.guesses.is_nan() || e.guesses < 1.0 || (e.log10 - e.guesses.log10()).abs() > 1e-9 {
        return Err(format!("guesses {} with log10 {}", e.guesses, e.log10));
    }
    if e.score != estimate::score(e.guesses) {
        return Err(format!("estimate score {} for {} guesses", e.score, e.guesses));
    }
    if a.score > e.score {
        return Err(format!("capped score {} above the estimate's {}", a.score, e.score));
    }
    let expected = match a.verdict {
        Verdict::Empty => n == 0,
        Verdict::RuleFailed => n > 0 && !a.rule.pass,
        Verdict::UniformFormat => a.rule.pass && !a.templates.is_empty(),
        Verdict::WeakPersonal | Verdict::WeakCommon => a.rule.pass && a.templates.is_empty() && a.score <= 2,
        Verdict::Acceptable => a.rule.pass && a.templates.is_empty() && a.score == 3,
        Verdict::Strong => a.rule.pass && a.templates.is_empty() && a.score == 4,
    };
    if !expected {
        return Err(format!(
            "verdict {:?} with score {}, rule {:?}, templates {:?}",
            a.verdict, a.score, a.rule, a.templates
        ));
    }
    if a.crack_time.is_empty() {
        return Err("no crack-time label".into());
    }
    Ok(())
}

#[test]
fn empty_and_odd_input_get_consistent_assessments() {
    let long = "x".repeat(500);
    let odd = ["", " ", "中文密码", "🙂🙂🙂🙂🙂🙂🙂🙂", "a", &long, "\u{0}\u{1}", "1-2-3", "2010-"];
    for p in odd {
        let a = assess(p, &rule(), Some(&student()));
        if let Err(why) = consistent(p, &a) {
            panic!("{p:?}: {why}");
        }
    }
    assert_eq!(verdict("", None), Verdict::Empty);
    // Too short, or no letter and digit: the platform refuses them whatever their strength.
    for p in [" ", "中文密码", "🙂🙂🙂🙂🙂🙂🙂🙂", "a", "\u{0}\u{1}", "1-2-3", "2010-"] {
        assert_eq!(verdict(p, None), Verdict::RuleFailed, "{p:?}");
    }
    // 500 of one letter: estimated on its first 64 characters, a repeat, so weak.
    assert!(assess(&long, &rule(), None).score <= 1);
}

#[test]
fn crack_time_labels() {
    assert_eq!(estimate::crack_time_label(10.0), "不到 1 秒");
    assert_eq!(estimate::crack_time_label(1e4 * 3600.0 * 3.0), "约 3 小时");
    assert_eq!(estimate::crack_time_label(1e30), "超过 100 年");
}

proptest::proptest! {
    // A panic in wasm kills the page: no input, however odd, may panic.
    #[test]
    fn never_panics_on_any_input(
        pw in proptest::collection::vec(proptest::char::any(), 0..30),
        name in proptest::collection::vec(proptest::char::any(), 0..6),
        id in proptest::collection::vec(proptest::char::any(), 0..20),
    ) {
        let pw: String = pw.into_iter().collect();
        let ctx = PersonalContext {
            name: Some(name.into_iter().collect()),
            id_number: Some(id.into_iter().collect()),
            ..fixtures::sample_student()
        }
        .prepare();
        let a = assess(&pw, &rule(), Some(&ctx));
        if let Err(why) = consistent(&pw, &a) {
            return Err(proptest::test_runner::TestCaseError::fail(why));
        }
        let _ = answers::check(&[answers::QaPair { question: pw.clone(), answer: pw.clone() }], Some(&ctx), &pw);
    }

    #[test]
    fn ascii_passwords_never_panic(pw in proptest::collection::vec(proptest::char::range(' ', '~'), 0..40)) {
        let pw: String = pw.into_iter().collect();
        let a = assess(&pw, &rule(), Some(&student()));
        if let Err(why) = consistent(&pw, &a) {
            return Err(proptest::test_runner::TestCaseError::fail(why));
        }
    }
}
