//! The file rules shared by the candidate photo and the document image: format, byte size, pixel
//! size, density and colour. Each returns a named check with what was measured and expected.

mod rules;

pub use rules::{color_check, dimensions_check, dpi_check, extension, format_check, size_check};

use crate::imaging::facts::FileFacts;
use crate::profile::ImageSpec;
use crate::report::Check;

/// The five file checks, in the order the page shows them. When the pixels cannot be read only
/// the format and size are judged (the rest would be guesses).
pub fn file_checks(facts: &FileFacts, file_name: &str, spec: &ImageSpec) -> Vec<Check> {
    let mut checks = vec![format_check(facts, file_name), size_check(facts.byte_len, spec)];
    if facts.stored_size.is_some() {
        checks.push(dimensions_check(facts, spec));
        checks.push(dpi_check(facts, spec));
    }
    if facts.is_decodable() {
        checks.push(color_check(facts, spec));
    }
    checks
}

/// `1234567` → `1,234,567` (byte counts are easier to compare with thousands separators).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(30_000), "30,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
