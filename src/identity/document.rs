//! Full parse of an 18-character ID number: which document it is, where and when the holder was
//! born, and the holder's sex. Residence permits and the foreigners' permanent-residence ID share
//! the resident ID's layout and check character, so one parser serves them all.

use super::area::{is_historical_county_code, province_name};
use super::date::Date;
use super::id_number::{IdFormatError, check_format};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
    pub fn from_code(s: &str) -> Option<Sex> {
        match s {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentType {
    /// 居民身份证
    ResidentId,
    /// 港澳居民居住证 (address code 810000 or 820000)
    HongKongMacaoResidencePermit,
    /// 台湾居民居住证 (address code 830000)
    TaiwanResidencePermit,
    /// 外国人永久居留身份证 (2023 version: 18 digits starting with 9)
    ForeignPermanentResidence,
}

impl DocumentType {
    pub fn label(self) -> &'static str {
        match self {
            DocumentType::ResidentId => "居民身份证",
            DocumentType::HongKongMacaoResidencePermit => "港澳居民居住证",
            DocumentType::TaiwanResidencePermit => "台湾居民居住证",
            DocumentType::ForeignPermanentResidence => "外国人永久居留身份证",
        }
    }
}

/// A well-formed ID number, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    pub document: DocumentType,
    /// The first six digits.
    pub address_code: String,
    /// For a resident ID: the province of the address code; for the foreigners' ID: the province
    /// where it was applied for; `None` for residence permits.
    pub province: Option<&'static str>,
    /// Whether the address code is on the historical county-level list (resident IDs only).
    pub county_code_known: bool,
    pub birth: Date,
    /// From the 17th character: odd = male, even = female.
    pub sex: Sex,
}

impl IdInfo {
    /// Things that do not make the number wrong but that the family should look at.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.document == DocumentType::ResidentId && !self.county_code_known {
            notes.push(format!(
                "前 6 位地址码 {} 不在历史县级行政区划代码表中，请对照身份证核对；如确实无误可继续",
                self.address_code
            ));
        }
        if self.document != DocumentType::ResidentId {
            notes.push(format!(
                "这是{}号码。持此证件能否在本地报名中招，请向学校或当地教育局确认报考资格",
                self.document.label()
            ));
        }
        notes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Format(IdFormatError),
    UnknownProvince(String),
    BirthDate(String),
}

impl IdError {
    pub fn message(&self) -> String {
        match self {
            IdError::Format(e) => e.message(),
            IdError::UnknownProvince(code) => {
                format!("前两位 {code} 不是任何省份的代码，请对照身份证核对号码开头")
            }
            IdError::BirthDate(s) => {
                format!("第 7–14 位 {s} 不是真实的出生日期，请对照身份证核对这 8 位")
            }
        }
    }
}

/// Parses an ID number as typed. Spaces are the only thing tolerated around it; a lower-case x
/// stays an error (the platform wants upper case), with its own message.
pub fn parse_id(id: &str) -> Result<IdInfo, IdError> {
    let id = id.trim();
    check_format(id).map_err(IdError::Format)?;
    // check_format guarantees 18 ASCII characters, so these slices cannot fail; `get` keeps it so.
    let part = |from: usize, to: usize| id.get(from..to).unwrap_or_default();
    let address_code = part(0, 6).to_string();
    let birth_text = part(6, 14);
    let (document, province) = match address_code.as_str() {
        "810000" | "820000" => (DocumentType::HongKongMacaoResidencePermit, None),
        "830000" => (DocumentType::TaiwanResidencePermit, None),
        code if code.starts_with('9') => {
            let applied_in = part(1, 3);
            let province = province_name(applied_in).ok_or_else(|| IdError::UnknownProvince(applied_in.into()))?;
            (DocumentType::ForeignPermanentResidence, Some(province))
        }
        code => {
            let province = province_name(code).ok_or_else(|| IdError::UnknownProvince(part(0, 2).into()))?;
            (DocumentType::ResidentId, Some(province))
        }
    };
    let birth = Date::parse_compact(birth_text).ok_or_else(|| IdError::BirthDate(birth_text.into()))?;
    // ASCII '0' is even, so the byte has the digit's parity.
    let sex_digit = part(16, 17).bytes().next().unwrap_or(b'0');
    let sex = if sex_digit % 2 == 1 { Sex::Male } else { Sex::Female };
    let county_code_known = document == DocumentType::ResidentId && is_historical_county_code(&address_code);
    Ok(IdInfo { document, address_code, province, county_code_known, birth, sex })
}

/// Builds a valid number from its parts (for the demo student and for tests): the check
/// character is computed, never hard-coded. `None` unless the parts are digits of the right length.
pub fn compose_id(address_code: &str, birth: Date, sequence: &str) -> Option<String> {
    if address_code.len() != 6 || sequence.len() != 3 {
        return None;
    }
    let first17 = format!("{address_code}{:04}{:02}{:02}{sequence}", birth.year, birth.month, birth.day);
    let check = super::id_number::check_char(&first17)?;
    Some(format!("{first17}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::identity::date::test_date as date;
    fn id(code: &str, birth: &str, seq: &str) -> String {
        compose_id(code, date(birth), seq).unwrap_or_default()
    }

    #[test]
    fn standard_vectors() {
        let info = parse_id("11010519491231002X").map_err(|e| e.message());
        let info = info.as_ref().map(|i| (i.document, i.province, i.birth, i.sex, i.county_code_known));
        assert_eq!(info, Ok((DocumentType::ResidentId, Some("北京市"), date("1949-12-31"), Sex::Female, true)));
        assert_eq!(parse_id("440524188001010014").map(|i| i.sex), Ok(Sex::Male));
        assert_eq!(parse_id(" 440524188001010014 ").map(|i| i.address_code), Ok("440524".into()));
    }

    #[test]
    fn luoyang_retired_codes_parse_without_notes() {
        for code in ["410381", "410322", "410306"] {
            let n = id(code, "2009-06-01", "021");
            let info = parse_id(&n);
            assert_eq!(info.as_ref().map(|i| i.notes()), Ok(vec![]), "{n}");
            assert_eq!(info.map(|i| i.province), Ok(Some("河南省")));
        }
    }

    #[test]
    fn sex_from_the_17th_digit() {
        for (seq, sex) in [("001", Sex::Male), ("010", Sex::Female), ("123", Sex::Male), ("998", Sex::Female)] {
            assert_eq!(parse_id(&id("410102", "2009-03-15", seq)).map(|i| i.sex), Ok(sex), "{seq}");
        }
    }

    #[test]
    fn x_check_character_and_lowercase() {
        // Search for a number whose check character is X rather than hard-coding one.
        let with_x = (0..1000)
            .map(|s| id("410381", "2009-01-01", &format!("{s:03}")))
            .find(|n| n.ends_with('X'))
            .unwrap_or_default();
        assert!(parse_id(&with_x).is_ok(), "{with_x}");
        let lower = with_x.replace('X', "x");
        assert_eq!(parse_id(&lower), Err(IdError::Format(IdFormatError::LowercaseX)));
        assert!(parse_id(&lower).map_err(|e| e.message()).unwrap_err().contains("大写 X"));
    }

    #[test]
    fn leap_day_births() {
        assert_eq!(parse_id(&id("410102", "2012-02-29", "015")).map(|i| i.birth), Ok(date("2012-02-29")));
        // 2011-02-29 does not exist: build the number by hand with a correct check character.
        let first17 = "41010220110229015";
        let n = format!("{first17}{}", crate::identity::id_number::check_char(first17).unwrap_or('0'));
        assert_eq!(parse_id(&n), Err(IdError::BirthDate("20110229".into())));
    }

    #[test]
    fn unknown_province_fails_unknown_county_warns() {
        for code in ["000000", "990000", "710101", "280101"] {
            let first17 = format!("{code}20090101001");
            let n = format!("{first17}{}", crate::identity::id_number::check_char(&first17).unwrap_or('0'));
            let r = parse_id(&n);
            if code.starts_with('9') {
                assert_eq!(r, Err(IdError::UnknownProvince("90".into())), "{code}");
            } else {
                assert!(matches!(r, Err(IdError::UnknownProvince(_))), "{code}");
            }
        }
        let info = parse_id(&id("419999", "2009-01-01", "001"));
        assert_eq!(info.as_ref().map(|i| i.county_code_known), Ok(false));
        assert_eq!(info.map(|i| i.notes().len()), Ok(1));
    }

    #[test]
    fn permits_are_their_own_document_types() {
        for (code, doc) in [
            ("810000", DocumentType::HongKongMacaoResidencePermit),
            ("820000", DocumentType::HongKongMacaoResidencePermit),
            ("830000", DocumentType::TaiwanResidencePermit),
            ("941156", DocumentType::ForeignPermanentResidence),
        ] {
            let info = parse_id(&id(code, "2009-07-07", "003"));
            assert_eq!(info.as_ref().map(|i| i.document), Ok(doc), "{code}");
            let notes = info.map(|i| i.notes()).unwrap_or_default();
            assert!(notes.len() == 1 && notes[0].contains("报考资格"), "{code}: {notes:?}");
        }
        assert_eq!(parse_id(&id("941156", "2009-07-07", "003")).map(|i| i.province), Ok(Some("河南省")));
        // 810000 is a permit; 810001 is nothing.
        assert!(matches!(parse_id(&id("810001", "2009-07-07", "003")), Err(IdError::UnknownProvince(_))));
    }

    #[test]
    fn format_errors_pass_through() {
        assert_eq!(parse_id("4101022009"), Err(IdError::Format(IdFormatError::Length(10))));
        assert!(matches!(parse_id("41010220090101001１"), Err(IdError::Format(_))));
        assert!(compose_id("4101", date("2009-01-01"), "001").is_none());
    }
}
