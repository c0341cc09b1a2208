//! Small drawings of what a `manual` check means, shown beside its "I checked" box: people
//! recognise an earring or a collar faster than they read a sentence about it.

use crate::report::CheckId;

/// A head-and-shoulders outline shared by the drawings; each adds its own detail.
const HEAD: &str = r##"<rect width="90" height="120" fill="#4a8fd9"/><path d="M10 120 Q15 92 45 90 Q75 92 80 120 Z" fill="#1d2733"/><ellipse cx="45" cy="55" rx="19" ry="24" fill="#f1c9a5"/><path d="M26 50 Q27 28 45 28 Q63 28 64 50 Q60 38 45 37 Q30 38 26 50 Z" fill="#2b1d14"/>"##;

/// SVG markup and caption for a manual check's picture, when there is one.
pub fn manual_picture(id: CheckId) -> Option<(String, &'static str)> {
    let (label, detail, caption) = match id {
        CheckId::AttireJewellery => (
            "耳环和项链示意",
            r##"<circle cx="25" cy="66" r="3" fill="#ffd43b" stroke="#e0231c" stroke-width="1.5"/><circle cx="65" cy="66" r="3" fill="#ffd43b" stroke="#e0231c" stroke-width="1.5"/><path d="M33 90 Q45 102 57 90" fill="none" stroke="#ffd43b" stroke-width="2"/><circle cx="45" cy="97" r="13" fill="none" stroke="#e0231c" stroke-width="2"/>"##,
            "不戴耳环、耳钉、项链等饰品",
        ),
        CheckId::AttireHeadwear => (
            "帽子示意",
            r##"<path d="M22 42 Q24 18 45 18 Q66 18 68 42 Z" fill="#c92a2a"/><rect x="16" y="40" width="58" height="5" rx="2" fill="#a61e1e"/>"##,
            "不戴帽子、发箍、头巾等",
        ),
        CheckId::ClothingCollar => (
            "衣领示意",
            r##"<path d="M33 90 L45 104 L40 90 Z M57 90 L45 104 L50 90 Z" fill="#f8f9fa" stroke="#1f9d3a" stroke-width="1.5"/>"##,
            "穿有领子的深色上衣",
        ),
        CheckId::FaceEarsVisible => (
            "露出双耳示意",
            r##"<ellipse cx="25" cy="58" rx="4" ry="7" fill="#f1c9a5" stroke="#1f9d3a" stroke-width="2"/><ellipse cx="65" cy="58" rx="4" ry="7" fill="#f1c9a5" stroke="#1f9d3a" stroke-width="2"/>"##,
            "头发不遮住耳朵，双耳露出",
        ),
        CheckId::FaceEyebrowsVisible => (
            "露出眉毛示意",
            r##"<path d="M34 48 Q38 45 42 48 M48 48 Q52 45 56 48" stroke="#2b1d14" stroke-width="2" fill="none"/><rect x="31" y="42" width="28" height="10" fill="none" stroke="#1f9d3a" stroke-width="1.5"/>"##,
            "刘海不遮住眉毛",
        ),
        _ => return None,
    };
    Some((
        format!(
            r#"<svg viewBox="0 0 90 120" width="90" height="120" role="img" aria-label="{label}">{HEAD}{detail}</svg>"#
        ),
        caption,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_things_a_machine_cannot_judge_have_pictures() {
        for id in [
            CheckId::AttireJewellery,
            CheckId::AttireHeadwear,
            CheckId::ClothingCollar,
            CheckId::FaceEarsVisible,
            CheckId::FaceEyebrowsVisible,
        ] {
            let (svg, caption) = manual_picture(id).unwrap_or_else(|| panic!("{id}"));
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("aria-label"));
            assert!(!caption.is_empty());
        }
        assert!(manual_picture(CheckId::FileSize).is_none());
    }
}
