//! Validation output: one message per problem, keyed by the field's [`FieldKey`] so the page can
//! show it right beside the input.

use super::key::FieldKey;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Looks odd; the family should check, but it may be right.
    Warning,
    /// Wrong: the platform would reject it or the signed form would be wrong.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    pub field: FieldKey,
    pub severity: Severity,
    /// Chinese; says what is wrong and how to fix it.
    pub text: String,
}

/// Collects messages while validating.
#[derive(Debug, Default)]
pub struct Messages(pub Vec<FieldMessage>);

impl Messages {
    pub fn error(&mut self, field: impl Into<FieldKey>, text: impl Into<String>) {
        self.push(field, Severity::Error, text);
    }
    pub fn warning(&mut self, field: impl Into<FieldKey>, text: impl Into<String>) {
        self.push(field, Severity::Warning, text);
    }
    fn push(&mut self, field: impl Into<FieldKey>, severity: Severity, text: impl Into<String>) {
        self.0.push(FieldMessage { field: field.into(), severity, text: text.into() });
    }
}

/// The messages for one field, errors first.
pub fn for_field(messages: &[FieldMessage], field: FieldKey) -> Vec<&FieldMessage> {
    let mut found: Vec<&FieldMessage> = messages.iter().filter(|m| m.field == field).collect();
    found.sort_by_key(|m| std::cmp::Reverse(m.severity));
    found
}

/// The worst severity among all messages, `None` when there are none.
pub fn worst(messages: &[FieldMessage]) -> Option<Severity> {
    messages.iter().map(|m| m.severity).max()
}
