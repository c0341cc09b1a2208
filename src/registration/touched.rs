//! Which fields the family has edited. Until "检查全部" only their messages show, so a half-filled
//! form is not covered in red. Keyed by [`FieldKey`], so a row's state stays with that row when a
//! row above it is removed.

use super::key::FieldKey;
use super::message::{FieldMessage, for_field};
use std::collections::HashSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched(HashSet<FieldKey>);

impl Touched {
    /// Marks `key` as edited; false when it already was (callers then skip notifying).
    pub fn touch(&mut self, key: FieldKey) -> bool {
        self.0.insert(key)
    }

    pub fn contains(&self, key: FieldKey) -> bool {
        self.0.contains(&key)
    }

    /// The messages to show beside `key`, errors first: none until it was edited or `show_all`.
    pub fn shown<'a>(&self, messages: &'a [FieldMessage], key: FieldKey, show_all: bool) -> Vec<&'a FieldMessage> {
        if show_all || self.contains(key) { for_field(messages, key) } else { Vec::new() }
    }
}
