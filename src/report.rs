//! The one report every check produces: shown on the page, printed by the CLI, serialised as JSON.
//! `{"kind":"photo"|"document","profile":"…","verdict":"pass"|"warn"|"fail","checks":[…]}`

mod check_id;
mod next_steps;

pub use check_id::{CheckId, UnknownCheckId};
pub use next_steps::{Remedy, fix_summary, next_steps, remedy};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Photo,
    Document,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Photo => "photo",
            Kind::Document => "document",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Kind::Photo => "考生照片",
            Kind::Document => "证件照片",
        }
    }
}

/// `manual` means a machine cannot be sure: the person must look and confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Manual,
    Warn,
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Manual => "manual",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "通过",
            Status::Warn => "注意",
            Status::Fail => "不合格",
            Status::Manual => "请人工确认",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// Which picture a report describes on the page: the file the person picked, or the fixed file
/// the page made from it (`data-report="input"|"fixed"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Input,
    Fixed,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Input => "input",
            Role::Fixed => "fixed",
        }
    }
}

/// One named check: what was measured, what was expected, and a Chinese explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub measured: String,
    pub expected: String,
    pub message: String,
    /// For a `manual` check: the person looked and confirmed it (their answer is part of the report).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

impl Check {
    pub fn new(
        id: CheckId,
        status: Status,
        measured: impl Into<String>,
        expected: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Check {
            id,
            status,
            measured: measured.into(),
            expected: expected.into(),
            message: message.into(),
            confirmed: false,
        }
    }

    /// Marks a `manual` check as confirmed by the person (no effect on other statuses).
    pub fn confirmed(mut self, yes: bool) -> Self {
        self.confirmed = yes && self.status == Status::Manual;
        self
    }
}

/// Where the card lies in a document picture and the number read off it: `"card": {"corners":
/// [[x, y], …], "number": "…" | null}`, corners in the file's pixels after its EXIF orientation,
/// top-left, top-right, bottom-right, bottom-left of the card as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardSummary {
    pub corners: [[f64; 2]; 4],
    pub number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub kind: Kind,
    pub profile: String,
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    /// Documents whose card was looked for: `Some(None)` (`"card": null`) when none was found;
    /// absent from photos and from file-rules-only checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<Option<CardSummary>>,
}

impl Report {
    pub fn new(kind: Kind, profile: &str, checks: Vec<Check>) -> Self {
        Report { kind, profile: profile.to_owned(), verdict: verdict_of(&checks), checks, card: None }
    }

    /// The same report with its card (see [`Report::card`]).
    pub fn with_card(mut self, card: Option<CardSummary>) -> Self {
        self.card = Some(card);
        self
    }

    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// One line of JSON (the CLI's `--json` output).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// Any `fail` fails the report; a `warn` or an unconfirmed `manual` makes it `warn`.
pub fn verdict_of(checks: &[Check]) -> Verdict {
    match checks.iter().filter(|c| !(c.status == Status::Manual && c.confirmed)).map(|c| c.status).max() {
        Some(Status::Fail) => Verdict::Fail,
        Some(Status::Warn | Status::Manual) => Verdict::Warn,
        _ => Verdict::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(status: Status) -> Check {
        Check::new(CheckId::FaceCount, status, "m", "e", "msg")
    }

    #[test]
    fn verdict_is_the_worst_status() {
        assert_eq!(verdict_of(&[]), Verdict::Pass);
        assert_eq!(verdict_of(&[c(Status::Pass)]), Verdict::Pass);
        assert_eq!(verdict_of(&[c(Status::Pass), c(Status::Manual)]), Verdict::Warn);
        assert_eq!(verdict_of(&[c(Status::Warn), c(Status::Pass)]), Verdict::Warn);
        assert_eq!(verdict_of(&[c(Status::Warn), c(Status::Fail), c(Status::Manual)]), Verdict::Fail);
    }

    #[test]
    fn a_confirmed_manual_check_no_longer_holds_the_verdict_back() {
        assert_eq!(verdict_of(&[c(Status::Pass), c(Status::Manual).confirmed(true)]), Verdict::Pass);
        assert_eq!(verdict_of(&[c(Status::Manual).confirmed(false)]), Verdict::Warn);
        // Only manual checks can be confirmed away.
        assert!(!c(Status::Fail).confirmed(true).confirmed);
        assert_eq!(verdict_of(&[c(Status::Warn).confirmed(true)]), Verdict::Warn);
    }

    #[test]
    fn json_shape_matches_the_contract() {
        let r = Report::new(
            Kind::Photo,
            "henan-2024",
            vec![Check::new(CheckId::FileSize, Status::Warn, "30,500 字节", "≤ 30,000 字节", "略大")],
        );
        assert_eq!(
            r.to_json(),
            r#"{"kind":"photo","profile":"henan-2024","verdict":"warn","checks":[{"id":"file.size","status":"warn","measured":"30,500 字节","expected":"≤ 30,000 字节","message":"略大"}]}"#
        );
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(v["kind"], "photo");
        assert_eq!(v["profile"], "henan-2024");
        assert_eq!(v["verdict"], "warn");
        assert_eq!(v["checks"][0]["id"], "file.size");
        assert_eq!(v["checks"][0]["status"], "warn");
        for key in ["measured", "expected", "message"] {
            assert!(v["checks"][0][key].is_string(), "{key}");
        }
        let confirmed = Check::new(CheckId::AttireJewellery, Status::Manual, "", "", "请确认").confirmed(true);
        assert_eq!(
            serde_json::to_string(&confirmed).unwrap(),
            r#"{"id":"attire.jewellery","status":"manual","measured":"","expected":"","message":"请确认","confirmed":true}"#
        );
    }

    #[test]
    fn roles_name_the_picture_a_report_describes() {
        assert_eq!([Role::Input, Role::Fixed].map(Role::as_str), ["input", "fixed"]);
    }
}
