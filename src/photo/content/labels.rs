//! The content checks' ids and their Chinese names, shown in the report and the CLI.

/// Every check `check_content` can report, in report order. The worker sends checks to the page
/// as text and the page maps ids back onto this list (`wire`); the tests check each is named.
pub const CONTENT_CHECK_IDS: &[&str] = &[
    "face.count",
    "face.head_height",
    "face.top_margin",
    "face.centered",
    "face.eye_line",
    "face.pose",
    "face.eyes_open",
    "face.eyebrows_visible",
    "face.ears_visible",
    "attire.jewellery",
    "attire.headwear",
    "clothing.collar",
    "background.color",
    "background.uniform",
    "clothing.dark",
    "clothing.contrast",
    "lighting.exposure",
    "lighting.even",
    "image.sharpness",
    "capture.recapture",
];

/// The name of a content check; "检查项" for an id this module does not know.
pub fn check_label(id: &str) -> &'static str {
    match id {
        "face.count" => "人脸数量",
        "face.head_height" => "头部大小",
        "face.top_margin" => "头顶留白",
        "face.centered" => "人像居中",
        "face.eye_line" => "眼睛高度",
        "face.pose" => "头部端正（平视正前方）",
        "face.eyes_open" => "睁眼",
        "face.eyebrows_visible" => "露出眉毛",
        "face.ears_visible" => "露出双耳",
        "background.color" => "背景颜色",
        "background.uniform" => "背景均匀",
        "clothing.dark" => "深色衣服",
        "clothing.contrast" => "衣服与背景区分",
        "clothing.collar" => "有领衣服",
        "attire.jewellery" => "耳环、项链",
        "attire.headwear" => "免冠（不戴帽子、头饰）",
        "lighting.exposure" => "曝光",
        "lighting.even" => "光线均匀",
        "image.sharpness" => "清晰度",
        "capture.recapture" => "翻拍、扫描迹象",
        "content.analysis" => "人脸分析",
        _ => "检查项",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_content_check_has_a_chinese_label() {
        for id in CONTENT_CHECK_IDS {
            assert_ne!(check_label(id), "检查项", "{id}");
        }
        assert_eq!(check_label("nope"), "检查项");
    }
}
