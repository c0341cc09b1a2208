//! Address codes: the province table (first two digits) and the historical county-level list.
//!
//! An ID number's address code never changes after issue, so codes are checked against every
//! county-level code that ever existed, not today's list: Luoyang's 2021 changes retired 410381,
//! 410322 and 410306, yet children born there still hold them.

/// Copied unchanged from the crate `id-card` 0.1.4 (Apache-2.0); see data/NOTICE-id-card.
/// Fetched by the registration page in the browser (41 KB that other pages do not need).
pub static HISTORICAL_COUNTY_CODES: crate::lazydata::LazyText =
    crate::data_file!("all-historical-county-level-area-codes.txt");

/// Province-level codes used by resident ID numbers (GB/T 2260). 71 (Taiwan), 81 and 82 are not
/// listed: residents of Taiwan, Hong Kong and Macau hold residence permits, recognised separately.
const PROVINCES: [(&str, &str); 31] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
];

/// The province for the first two digits of `code`, if it is a mainland province.
pub fn province_name(code: &str) -> Option<&'static str> {
    let prefix = code.get(..2)?;
    PROVINCES.iter().find(|(c, _)| *c == prefix).map(|(_, name)| *name)
}

/// Whether `code` (six digits) is on the historical county-level list. A linear scan of ~5,900
/// short lines takes microseconds, cheap enough to run on every keystroke.
///
/// While the list is still loading in the browser every well-formed code counts as known, so no
/// false "unknown code" warning flashes up; the registration page re-validates once it arrives.
pub fn is_historical_county_code(code: &str) -> bool {
    code.len() == 6 && HISTORICAL_COUNTY_CODES.get().is_none_or(|codes| codes.lines().any(|line| line.trim() == code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_is_complete_and_well_formed() {
        let codes: Vec<&str> = HISTORICAL_COUNTY_CODES.get().unwrap_or_default().lines().collect();
        assert_eq!(codes.len(), 5_893);
        assert!(codes.iter().all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit())));
        assert!(codes.iter().all(|c| province_name(c).is_some()), "every listed code is in a known province");
    }

    #[test]
    fn luoyang_retired_codes_are_still_accepted() {
        for code in ["410381", "410322", "410306"] {
            assert!(is_historical_county_code(code), "{code}");
        }
        // Today's codes too, and codes from elsewhere (pupils in Henan may hold IDs from anywhere).
        for code in ["410102", "410307", "110105", "440524"] {
            assert!(is_historical_county_code(code), "{code}");
        }
    }

    #[test]
    fn unknown_codes() {
        for code in ["410000", "419999", "999999", "41038", "4103811", "", "41O381"] {
            assert!(!is_historical_county_code(code), "{code}");
        }
        assert_eq!(province_name("410381"), Some("河南省"));
        assert_eq!(province_name("71"), None);
        assert_eq!(province_name("99"), None);
        assert_eq!(province_name("4"), None);
        assert_eq!(province_name("中国"), None);
    }
}
