//! 民族 with GB/T 3304-1991 codes, in the standard's order, plus 97 其他 and 98 外国血统中国籍人士.

pub struct Ethnicity {
    pub code: &'static str,
    pub name: &'static str,
}

const fn e(code: &'static str, name: &'static str) -> Ethnicity {
    Ethnicity { code, name }
}

pub const ETHNICITIES: [Ethnicity; 58] = [
    e("01", "汉族"),
    e("02", "蒙古族"),
    e("03", "回族"),
    e("04", "藏族"),
    e("05", "维吾尔族"),
    e("06", "苗族"),
    e("07", "彝族"),
    e("08", "壮族"),
    e("09", "布依族"),
    e("10", "朝鲜族"),
    e("11", "满族"),
    e("12", "侗族"),
    e("13", "瑶族"),
    e("14", "白族"),
    e("15", "土家族"),
    e("16", "哈尼族"),
    e("17", "哈萨克族"),
    e("18", "傣族"),
    e("19", "黎族"),
    e("20", "傈僳族"),
    e("21", "佤族"),
    e("22", "畲族"),
    e("23", "高山族"),
    e("24", "拉祜族"),
    e("25", "水族"),
    e("26", "东乡族"),
    e("27", "纳西族"),
    e("28", "景颇族"),
    e("29", "柯尔克孜族"),
    e("30", "土族"),
    e("31", "达斡尔族"),
    e("32", "仫佬族"),
    e("33", "羌族"),
    e("34", "布朗族"),
    e("35", "撒拉族"),
    e("36", "毛南族"),
    e("37", "仡佬族"),
    e("38", "锡伯族"),
    e("39", "阿昌族"),
    e("40", "普米族"),
    e("41", "塔吉克族"),
    e("42", "怒族"),
    e("43", "乌孜别克族"),
    e("44", "俄罗斯族"),
    e("45", "鄂温克族"),
    e("46", "德昂族"),
    e("47", "保安族"),
    e("48", "裕固族"),
    e("49", "京族"),
    e("50", "塔塔尔族"),
    e("51", "独龙族"),
    e("52", "鄂伦春族"),
    e("53", "赫哲族"),
    e("54", "门巴族"),
    e("55", "珞巴族"),
    e("56", "基诺族"),
    e("97", "其他"),
    e("98", "外国血统中国籍人士"),
];

/// Names that were changed officially: (old, current). They still turn up on old paperwork.
const OLD_NAMES: [(&str, &str); 2] = [("毛难族", "毛南族"), ("崩龙族", "德昂族")];

/// Finds an ethnicity by code ("01"), full name ("汉族") or short name ("汉"). `Err` says how to
/// fix the input, naming the current name when an old one was used.
pub fn lookup(input: &str) -> Result<&'static Ethnicity, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("请选择民族，与身份证上的一致".into());
    }
    let old = |s: &str| OLD_NAMES.iter().find(|(o, _)| *o == s || o.trim_end_matches('族') == s);
    if let Some((old, current)) = old(input) {
        return Err(format!("“{old}”是旧称，现在的名称是“{current}”，请选择{current}"));
    }
    ETHNICITIES
        .iter()
        .find(|e| {
            e.code == input || e.name == input || (e.name.ends_with('族') && e.name.trim_end_matches('族') == input)
        })
        .ok_or_else(|| format!("“{input}”不是 GB/T 3304 中的民族名称，请从列表中选择"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_ordered() {
        assert_eq!(ETHNICITIES.len(), 58);
        for (i, e) in ETHNICITIES.iter().take(56).enumerate() {
            assert_eq!(e.code, format!("{:02}", i + 1), "{}", e.name);
            assert!(e.name.ends_with('族'), "{}", e.name);
        }
        let names: std::collections::HashSet<&str> = ETHNICITIES.iter().map(|e| e.name).collect();
        assert_eq!(names.len(), 58, "no duplicate names");
        assert!(!names.contains("毛难族") && !names.contains("崩龙族"));
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("01").map(|e| e.name), Ok("汉族"));
        assert_eq!(lookup("汉").map(|e| e.code), Ok("01"));
        assert_eq!(lookup(" 维吾尔族 ").map(|e| e.code), Ok("05"));
        assert_eq!(lookup("46").map(|e| e.name), Ok("德昂族"));
        assert_eq!(lookup("56").map(|e| e.name), Ok("基诺族"));
        assert_eq!(lookup("97").map(|e| e.name), Ok("其他"));
        assert_eq!(lookup("98").map(|e| e.name), Ok("外国血统中国籍人士"));
        for bad in ["", "57", "00", "火星族", "1"] {
            assert!(lookup(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn old_names_suggest_current_ones() {
        assert!(lookup("毛难族").is_err_and(|m| m.contains("毛南族")));
        assert!(lookup("毛难").is_err_and(|m| m.contains("毛南族")));
        assert!(lookup("崩龙族").is_err_and(|m| m.contains("德昂族")));
    }
}
