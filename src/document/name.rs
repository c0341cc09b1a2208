//! `file.name`: imported document images must be named `<ID number>.jpg`.

use crate::filecheck::extension;
use crate::identity::id_number::check_format;
use crate::report::{Check, CheckId, Status};

const ID: CheckId = CheckId::FileName;

/// The file's stem when it is a well-formed ID number.
pub fn valid_id_stem(file_name: &str) -> Option<String> {
    let (stem, _) = file_name.rsplit_once('.')?;
    check_format(stem).ok().map(|_| stem.to_owned())
}

pub fn name_check(file_name: &str, entered_id: Option<&str>) -> Check {
    let entered = entered_id.map(str::trim).filter(|s| !s.is_empty());
    let entered_valid = entered.filter(|id| check_format(id).is_ok());
    let expected = match entered_valid {
        Some(id) => format!("{id}.jpg"),
        None => "<18 位身份证号>.jpg".to_owned(),
    };
    let fail = |message: String| Check::new(ID, Status::Fail, file_name, expected.clone(), message);
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => (stem, extension(file_name)),
        _ => (file_name, String::new()),
    };
    if let Err(e) = check_format(stem) {
        let hint = match entered_valid {
            Some(id) => format!("请改名为 {id}.jpg（一键修复下载的文件已按此命名）。"),
            None => "请改名为“身份证号.jpg”，或在上方填写身份证号后用一键修复下载。".to_owned(),
        };
        return fail(format!("文件名应为考生身份证号：{}。{hint}", e.message()));
    }
    if let Some(id) = entered_valid
        && id != stem
    {
        return fail(format!("文件名里的身份证号 {stem} 与填写的 {id} 不一致，请核对是哪一个写错了。"));
    }
    if ext != "jpg" {
        return Check::new(
            ID,
            Status::Warn,
            file_name,
            expected,
            "扩展名应为 .jpg（平台要求“jpg 图像格式”），请改名。",
        );
    }
    if let Some(raw) = entered
        && entered_valid.is_none()
    {
        return Check::new(
            ID,
            Status::Warn,
            file_name,
            expected,
            format!("文件名是有效的身份证号，但上方填写的“{raw}”格式不对，无法比对。"),
        );
    }
    Check::new(ID, Status::Pass, file_name, expected, "文件名是有效的身份证号。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_id_number() {
        assert_eq!(name_check("11010519491231002X.jpg", None).status, Status::Pass);
        assert_eq!(name_check("11010519491231002X.jpg", Some("11010519491231002X")).status, Status::Pass);
        assert_eq!(name_check("11010519491231002X.JPG", None).status, Status::Pass);
        assert_eq!(name_check("11010519491231002X.jpeg", None).status, Status::Warn);
        assert_eq!(name_check("11010519491231002X.jpg", Some("12345")).status, Status::Warn);
        assert_eq!(name_check("11010519491231002x.jpg", None).status, Status::Fail, "lower-case x");
        assert_eq!(name_check("110105194912310021.jpg", None).status, Status::Fail, "bad check char");
        assert_eq!(name_check("IMG_2024.jpg", None).status, Status::Fail);
        assert_eq!(name_check("11010519491231002X.jpg", Some("440524188001010014")).status, Status::Fail);
        let c = name_check("身份证.jpg", Some("440524188001010014"));
        assert_eq!(c.expected, "440524188001010014.jpg");
        assert!(c.message.contains("440524188001010014.jpg"));
        assert_eq!(valid_id_stem("440524188001010014.jpg").as_deref(), Some("440524188001010014"));
        assert_eq!(valid_id_stem("abc.jpg"), None);
    }
}
