//! Names of written files that every file system accepts: at most 255 bytes (ext4, APFS; NTFS
//! counts 255 UTF-16 units, which a UTF-8 name within 255 bytes never exceeds). A long Chinese
//! name is cut at a character boundary; the ending that says what the file is stays whole.

/// Longest file name, in bytes, that common file systems accept.
pub const MAX_NAME_BYTES: usize = 255;

/// Bytes a name from [`with_tail`] leaves free for the `-2` … `-9999999` of [`unique`], so a
/// renamed copy keeps its whole tail too.
const NUMBER_ROOM: usize = 8;

/// `stem` followed by `tail` (e.g. `-合格.jpg`), with `stem` shortened at a character boundary so
/// the whole name fits in [`MAX_NAME_BYTES`] with room to spare for [`unique`].
pub fn with_tail(stem: &str, tail: &str) -> String {
    cut_to(stem, tail, MAX_NAME_BYTES - NUMBER_ROOM)
}

fn cut_to(stem: &str, tail: &str, max: usize) -> String {
    let room = max.saturating_sub(tail.len());
    let cut = (0..=room.min(stem.len())).rev().find(|&i| stem.is_char_boundary(i)).unwrap_or(0);
    format!("{}{tail}", &stem[..cut])
}

/// `name`, or when `taken(name)` the first of `name-2.ext`, `name-3.ext` … that is free, each
/// still within [`MAX_NAME_BYTES`].
pub fn unique(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    (2u32..)
        .map(|n| cut_to(stem, &format!("-{n}{ext}"), MAX_NAME_BYTES))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_chinese_names_are_cut_at_a_character() {
        let stem = "照".repeat(83); // 249 bytes
        let name = with_tail(&stem, "-合格.jpg");
        assert!(name.ends_with("-合格.jpg") && name.starts_with("照照"));
        assert_eq!(name.len(), 78 * 3 + "-合格.jpg".len(), "as many whole characters as fit in 247 bytes");
        assert_eq!(with_tail("IMG_1", "-合格.jpg"), "IMG_1-合格.jpg");
    }

    #[test]
    fn collisions_get_a_number() {
        let taken = ["a.jpg", "a-2.jpg"];
        assert_eq!(unique("b.jpg", |n| taken.contains(&n)), "b.jpg");
        assert_eq!(unique("a.jpg", |n| taken.contains(&n)), "a-3.jpg");
        let fixed = with_tail(&"照".repeat(83), "-合格.jpg");
        let other = unique(&fixed, |n| n == fixed);
        assert_eq!(other, fixed.replace(".jpg", "-2.jpg"), "the whole tail is kept");
        assert!(other.len() <= MAX_NAME_BYTES);
        let full = format!("{}.jpg", "照".repeat(83));
        let cut = unique(&full, |n| n == full);
        assert!(cut.len() <= MAX_NAME_BYTES && cut.ends_with("照-2.jpg"), "{cut}");
        assert_eq!(unique(".jpg", |n| n == ".jpg"), ".jpg-2");
    }
}
