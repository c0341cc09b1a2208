//! Resident ID number (GB 11643-1999): 6-digit address code + YYYYMMDD + 3-digit sequence + check character.

/// Weights of the first 17 digits (GB 11643-1999).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// `S mod 11` → check character.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character for the first 17 digits, or `None` if they are not 17 ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// Why a string is not a well-formed 18-character ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdFormatError {
    Length(usize),
    Characters,
    LowercaseX,
    CheckChar { expected: char, found: char },
}

impl IdFormatError {
    pub fn message(&self) -> String {
        match self {
            IdFormatError::Length(n) => format!("身份证号应为 18 位，这里是 {n} 位"),
            IdFormatError::Characters => "身份证号前 17 位只能是数字，最后一位是数字或大写 X".into(),
            IdFormatError::LowercaseX => "最后一位校验码应为大写 X，不是小写 x".into(),
            IdFormatError::CheckChar { expected, found } => {
                format!("校验码不对：按前 17 位算出的最后一位应是 {expected}，这里是 {found}，请核对是否输错了某一位")
            }
        }
    }
}

/// Checks length, characters and the check character (upper-case X only).
pub fn check_format(id: &str) -> Result<(), IdFormatError> {
    let n = id.chars().count();
    if n != 18 {
        return Err(IdFormatError::Length(n));
    }
    let (first17, last) = id.split_at(17);
    let last = last.chars().next().unwrap_or(' ');
    if !first17.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdFormatError::Characters);
    }
    if last == 'x' {
        return Err(IdFormatError::LowercaseX);
    }
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(IdFormatError::Characters);
    }
    let expected = check_char(first17).ok_or(IdFormatError::Characters)?;
    if expected != last {
        return Err(IdFormatError::CheckChar { expected, found: last });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(check_format("11010519491231002X"), Ok(()));
        assert_eq!(check_format("440524188001010014"), Ok(()));
        assert_eq!(check_format("11010519491231002x"), Err(IdFormatError::LowercaseX));
        assert_eq!(check_format("110105194912310021"), Err(IdFormatError::CheckChar { expected: 'X', found: '1' }));
        assert_eq!(check_format("1101051949123100"), Err(IdFormatError::Length(16)));
        assert_eq!(check_format("11010519491231A02X"), Err(IdFormatError::Characters));
    }
}
