//! The content checks' ids and their Chinese names, shown in the report and the CLI.

/// Every check `check_content` can report, in report order, with its Chinese name. The worker
/// sends checks to the page as text and the page maps ids back onto this list (`wire`).
pub const CONTENT_CHECKS: &[(&str, &str)] = &[
    ("face.count", "人脸数量"),
    ("face.head_height", "头部大小"),
    ("face.top_margin", "头顶留白"),
    ("face.centered", "人像居中"),
    ("face.eye_line", "眼睛高度"),
    ("face.pose", "头部端正（平视正前方）"),
    ("face.eyes_open", "睁眼"),
    ("face.eyebrows_visible", "露出眉毛"),
    ("face.ears_visible", "露出双耳"),
    ("attire.jewellery", "耳环、项链"),
    ("attire.headwear", "免冠（不戴帽子、头饰）"),
    ("clothing.collar", "有领衣服"),
    ("background.color", "背景颜色"),
    ("background.uniform", "背景均匀"),
    ("clothing.dark", "深色衣服"),
    ("clothing.contrast", "衣服与背景区分"),
    ("lighting.exposure", "曝光"),
    ("lighting.even", "光线均匀"),
    ("image.sharpness", "清晰度"),
    ("capture.recapture", "翻拍、扫描迹象"),
];

/// The page's own row while the analysis runs or when it failed (not a check of the worker).
const ANALYSIS: (&str, &str) = ("content.analysis", "人脸分析");

/// The name of a content check; "检查项" for an id this module does not know.
pub fn check_label(id: &str) -> &'static str {
    CONTENT_CHECKS.iter().chain([&ANALYSIS]).find(|(k, _)| *k == id).map_or("检查项", |(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_content_check_has_one_entry_and_a_chinese_label() {
        let ids: BTreeSet<&str> = CONTENT_CHECKS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), CONTENT_CHECKS.len(), "an id is listed twice");
        for (id, label) in CONTENT_CHECKS {
            assert_eq!(check_label(id), *label, "{id}");
            assert!(label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id}: {label}");
        }
        assert_eq!(check_label("content.analysis"), "人脸分析");
        assert_eq!(check_label("nope"), "检查项");
    }
}
