//! Personal names as printed on the ID card: Chinese characters, with the middle dot `·` between
//! the parts of many minority names (e.g. 买买提·艾力).

/// The separator the ID card and the platform use (U+00B7 MIDDLE DOT).
pub const NAME_DOT: char = '·';

/// Look-alikes people type instead of U+00B7 from phone keyboards and IMEs.
const DOT_LOOKALIKES: [char; 5] = ['•', '・', '．', '.', '∙'];

/// CJK ideographs, including the extension blocks where rare name characters live.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

/// `Err` holds a Chinese message saying what is wrong and how to fix it. `what` names the person
/// ("姓名", "监护人姓名").
pub fn check_name(name: &str, what: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("请填写{what}，与身份证上的一致"));
    }
    if name.chars().any(char::is_whitespace) {
        return Err(format!("{what}中间不要有空格，请删除空格"));
    }
    if let Some(c) = name.chars().find(|c| DOT_LOOKALIKES.contains(c)) {
        return Err(format!("{what}中的“{c}”请改为居中的间隔号“·”（少数民族姓名的分隔符）"));
    }
    if let Some(c) = name.chars().find(|c| !is_han(*c) && *c != NAME_DOT) {
        return Err(format!("{what}只能是汉字（少数民族姓名可用“·”分隔），“{c}”不行；请照身份证上的中文姓名填写"));
    }
    if name.starts_with(NAME_DOT) || name.ends_with(NAME_DOT) || name.contains("··") {
        return Err(format!("“·”只能夹在{what}的两部分之间，不能在开头、结尾或连用"));
    }
    if name.chars().filter(|c| is_han(*c)).count() < 2 {
        return Err(format!("{what}至少两个汉字，请照身份证填写完整"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_han_and_minority_names() {
        for ok in ["张三", "欧阳娜娜", "买买提·艾力", "阿卜杜拉·买买提·艾力", "王𠀾", " 李四 ", "龘龘"]
        {
            assert_eq!(check_name(ok, "姓名"), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        let cases = [
            ("", "请填写"),
            ("张 三", "空格"),
            ("买买提•艾力", "间隔号"),
            ("买买提.艾力", "间隔号"),
            ("Zhang San", "空格"),
            ("ZhangSan", "只能是汉字"),
            ("张3", "只能是汉字"),
            ("·张三", "开头"),
            ("张三·", "开头"),
            ("张··三", "连用"),
            ("张", "至少两个"),
        ];
        for (bad, why) in cases {
            let r = check_name(bad, "姓名");
            assert!(r.as_ref().is_err_and(|m| m.contains(why)), "{bad}: {r:?}");
        }
    }
}
