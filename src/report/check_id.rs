//! Every check the project reports, as one closed set: its id (the string in the JSON report, the
//! page's `data-check` attribute and the worker's answer) and its Chinese name, in one table.

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares [`CheckId`] from one table. Each group becomes a constant listing its checks in
/// table order (for content checks: the order of the report).
macro_rules! check_ids {
    ($($(#[$doc:meta])* $group:ident: [$($variant:ident = $id:literal, $label:literal;)*])*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum CheckId {
            $($($variant,)*)*
        }

        impl CheckId {
            /// Every check, in table order.
            pub const ALL: &'static [CheckId] = &[$($(CheckId::$variant,)*)*];
            $($(#[$doc])* pub const $group: &'static [CheckId] = &[$(CheckId::$variant,)*];)*

            /// The id as it appears in the JSON report, the page and the worker's answer.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($(CheckId::$variant => $id,)*)*
                }
            }

            /// The check's Chinese name, shown beside its result on the page and in the CLI.
            pub fn label(self) -> &'static str {
                match self {
                    $($(CheckId::$variant => $label,)*)*
                }
            }
        }
    };
}

check_ids! {
    /// The file rules (`filecheck`) and the document's name rule.
    FILE: [
        FileFormat = "file.format", "文件格式";
        FileSize = "file.size", "文件大小";
        FileName = "file.name", "文件名";
        ImageDimensions = "image.dimensions", "像素尺寸";
        ImageDpi = "image.dpi", "分辨率（dpi）";
        ImageColor = "image.color", "彩色";
    ]
    /// What is in the photo (`photo::content`), judged by the face-analysis worker or the CLI.
    CONTENT: [
        FaceCount = "face.count", "人脸数量";
        FaceHeadHeight = "face.head_height", "头部大小";
        FaceTopMargin = "face.top_margin", "头顶留白";
        FaceCentered = "face.centered", "人像居中";
        FaceEyeLine = "face.eye_line", "眼睛高度";
        FacePose = "face.pose", "头部端正（平视正前方）";
        FaceEyesOpen = "face.eyes_open", "睁眼";
        FaceEyebrowsVisible = "face.eyebrows_visible", "露出眉毛";
        FaceEarsVisible = "face.ears_visible", "露出双耳";
        AttireJewellery = "attire.jewellery", "耳环、项链";
        AttireHeadwear = "attire.headwear", "免冠（不戴帽子、头饰）";
        ClothingCollar = "clothing.collar", "有领衣服";
        BackgroundColor = "background.color", "背景颜色";
        BackgroundUniform = "background.uniform", "背景均匀";
        ClothingDark = "clothing.dark", "深色衣服";
        ClothingContrast = "clothing.contrast", "衣服与背景区分";
        LightingExposure = "lighting.exposure", "曝光";
        LightingEven = "lighting.even", "光线均匀";
        ImageSharpness = "image.sharpness", "清晰度";
        CaptureRecapture = "capture.recapture", "翻拍、扫描迹象";
    ]
    /// The card in a document photo (`document::card`): where it lies, and whether it can be read.
    CARD: [
        CardFound = "card.found", "找到证件";
        CardSide = "card.side", "人像面";
        CardWhole = "card.whole", "证件完整";
        CardLevel = "card.level", "证件水平";
        CardCentered = "card.centered", "证件居中";
        CardFill = "card.fill", "证件占画面";
        CardPerspective = "card.perspective", "正对拍摄（无透视变形）";
        CardLegible = "card.legible", "信息清晰";
        CardGlare = "card.glare", "无反光";
        CardColour = "card.colour", "彩色原件";
        CardRecapture = "card.recapture", "直接拍摄原件（非翻拍）";
        CardNumber = "card.number", "证件号码";
    ]
    /// Rows the page and the CLI add themselves: the face analysis running or failing.
    OWN: [
        ContentAnalysis = "content.analysis", "人脸分析";
        CardAnalysis = "card.analysis", "证件识别";
    ]
}

impl CheckId {
    /// True for the checks the face-analysis worker may send (see `photo::content::wire`).
    pub fn is_content(self) -> bool {
        CheckId::CONTENT.contains(&self)
    }
}

/// The id, honouring width and alignment (`{:<16}` lines up a column).
impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The JSON report carries the id as its string (`{"id":"file.size",…}`).
impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A text that names no check: a typo on the command line, or a worker from another build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCheckId(pub String);

impl fmt::Display for UnknownCheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "没有名为“{}”的检查项", self.0)
    }
}

impl std::error::Error for UnknownCheckId {}

impl FromStr for CheckId {
    type Err = UnknownCheckId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CheckId::ALL.iter().copied().find(|c| c.as_str() == s).ok_or_else(|| UnknownCheckId(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_id_parses_back_to_its_check() {
        for &c in CheckId::ALL {
            assert_eq!(c.as_str().parse::<CheckId>(), Ok(c), "{c:?}");
        }
        assert_eq!("face.size".parse::<CheckId>(), Err(UnknownCheckId("face.size".into())));
        assert!("".parse::<CheckId>().is_err());
        assert!("FILE.SIZE".parse::<CheckId>().is_err(), "ids are exact, not case-folded");
        assert!(" file.size".parse::<CheckId>().is_err());
    }

    #[test]
    fn ids_and_labels_are_unique_and_every_label_is_chinese() {
        let ids: BTreeSet<&str> = CheckId::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(ids.len(), CheckId::ALL.len(), "an id is listed twice");
        let labels: BTreeSet<&str> = CheckId::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), CheckId::ALL.len(), "two checks share a name");
        for &c in CheckId::ALL {
            let (id, label) = (c.as_str(), c.label());
            assert!(label.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)), "{id}: {label}");
            // `group.name`, lower case: the shape the e2e tests and the readiness list rely on.
            let (group, name) = id.split_once('.').unwrap_or_else(|| panic!("{id} has no dot"));
            assert!(!group.is_empty() && !name.is_empty() && !name.contains('.'), "{id}");
            assert!(id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '.' || ch == '_'), "{id}");
        }
    }

    #[test]
    fn the_groups_partition_all_checks() {
        let mut grouped: Vec<CheckId> = [CheckId::FILE, CheckId::CONTENT, CheckId::CARD, CheckId::OWN].concat();
        assert_eq!(grouped, CheckId::ALL, "groups in table order");
        grouped.sort();
        grouped.dedup();
        assert_eq!(grouped.len(), CheckId::ALL.len());
        assert!(CheckId::FaceCount.is_content() && CheckId::CaptureRecapture.is_content());
        assert!(!CheckId::FileSize.is_content() && !CheckId::ContentAnalysis.is_content());
    }

    #[test]
    fn labels_for_file_and_content_checks_come_from_one_table() {
        assert_eq!(CheckId::FileSize.label(), "文件大小");
        assert_eq!(CheckId::ImageDpi.label(), "分辨率（dpi）");
        assert_eq!(CheckId::FacePose.label(), "头部端正（平视正前方）");
        assert_eq!(CheckId::ContentAnalysis.label(), "人脸分析");
    }

    #[test]
    fn serialises_as_its_string() {
        assert_eq!(serde_json::to_string(&CheckId::FileSize).unwrap(), r#""file.size""#);
        for &c in CheckId::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), serde_json::Value::String(c.as_str().into()));
        }
        assert_eq!(CheckId::BackgroundColor.to_string(), "background.color");
        assert_eq!(format!("[{:<12}]", CheckId::FileSize), "[file.size   ]");
    }
}
