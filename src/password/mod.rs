//! Password and verification-answer coach (issue 5): each student's own, never a uniform format.
//!
//! Pure logic, no Leptos: `assess` rates a password against the platform rule (pass/fail) and,
//! separately, by how many guesses it would take (zxcvbn-style, with Chinese word lists, pinyin
//! names and the student's own data from the form). `answers` checks 密保 questions,
//! `templates` spots class-wide formats the notice bans, `rehearsal` is the "type it again" drill.

pub mod answers;
pub mod context;
mod data;
pub mod estimate;
pub mod findings;
#[doc(hidden)]
pub mod fixtures;
pub mod matchers;
pub mod pinyin;
pub mod rehearsal;
pub mod rule;
pub mod templates;
#[cfg(test)]
mod tests;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use context::{ContextKind, PersonalContext, PreparedContext};
pub use estimate::{Estimate, estimate};
pub use findings::{Finding, Severity};
pub use rule::RuleResult;
pub use templates::TemplateHit;

use crate::profile::PasswordRule;
use matchers::Pattern;

/// The overall class of a password, rule and strength together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Empty,
    /// Does not meet the platform's rule: the platform will refuse it.
    RuleFailed,
    /// Meets the rule but has the shape of a class-wide format (banned by the notice).
    UniformFormat,
    /// Meets the rule but is weak mainly because it uses the student's own data.
    WeakPersonal,
    /// Meets the rule but is weak (common password, words, dates, patterns).
    WeakCommon,
    Acceptable,
    Strong,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Empty => "empty",
            Verdict::RuleFailed => "rule-failed",
            Verdict::UniformFormat => "uniform-format",
            Verdict::WeakPersonal => "weak-personal",
            Verdict::WeakCommon => "weak-common",
            Verdict::Acceptable => "acceptable",
            Verdict::Strong => "strong",
        }
    }

    /// One sentence for the top of the result.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Empty => "请输入你打算使用的密码。这里只在你的浏览器里检查，不会保存或发送。",
            Verdict::RuleFailed => "不符合平台要求：平台不会接受这个密码，请先按下面的提示修改。",
            Verdict::UniformFormat => {
                "符合平台要求，但像是统一格式：知道格式的人能算出你的密码。请换成你自己想的密码。"
            }
            Verdict::WeakPersonal => "符合平台要求，但很容易被猜到：里面有你的个人信息。",
            Verdict::WeakCommon => "符合平台要求，但很容易被猜到：见下面的原因。",
            Verdict::Acceptable => "符合平台要求，强度尚可。再加几位不相关的内容会更安全。",
            Verdict::Strong => "符合平台要求，强度高。请记牢，不要告诉任何人（包括同学和老师）。",
        }
    }
}

/// Chinese label of a 0–4 score.
pub fn score_label(score: u8) -> &'static str {
    match score {
        0 => "极弱",
        1 => "很弱",
        2 => "偏弱",
        3 => "较强",
        _ => "强",
    }
}

/// Everything the page shows for one password.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub rule: RuleResult,
    pub estimate: Estimate,
    /// The estimate's score, capped when the password is built on personal data or a template.
    pub score: u8,
    pub findings: Vec<Finding>,
    pub templates: Vec<TemplateHit>,
    pub verdict: Verdict,
    /// "约 3 小时" at 10,000 guesses per second.
    pub crack_time: String,
}

/// Share of characters that are the student's own data above which the password counts as
/// personal whatever else it contains: targeted guessers try these first (CCS 2016).
const PERSONAL_SHARE: f64 = 0.4;

pub fn assess(password: &str, rule: &PasswordRule, ctx: Option<&PreparedContext>) -> Assessment {
    let rule_result = rule::check(password, rule);
    let est = estimate(password, ctx);
    let n = password.chars().count();
    let findings = findings::findings(&est, n);
    let templates = templates::detect(password, ctx);

    let mut personal_chars = vec![false; n];
    for m in est.all_matches.iter().filter(|m| matches!(m.pattern, Pattern::Context { .. })) {
        for flag in personal_chars.iter_mut().take(m.j + 1).skip(m.i) {
            *flag = true;
        }
    }
    let personal_share = if n == 0 { 0.0 } else { personal_chars.iter().filter(|f| **f).count() as f64 / n as f64 };
    let mut score = est.score;
    if personal_share >= PERSONAL_SHARE {
        score = score.min(2);
    }
    if !templates.is_empty() {
        score = score.min(1);
    }
    let has_personal = findings.iter().any(|f| f.severity == Severity::Personal);
    let verdict = if n == 0 {
        Verdict::Empty
    } else if !rule_result.pass {
        Verdict::RuleFailed
    } else if !templates.is_empty() {
        Verdict::UniformFormat
    } else if score <= 2 && has_personal {
        Verdict::WeakPersonal
    } else if score <= 2 {
        Verdict::WeakCommon
    } else if score == 3 {
        Verdict::Acceptable
    } else {
        Verdict::Strong
    };
    let crack_time = estimate::crack_time_label(est.guesses);
    Assessment { rule: rule_result, estimate: est, score, findings, templates, verdict, crack_time }
}
