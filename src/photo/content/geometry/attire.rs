//! What a model cannot decide with confidence: jewellery, headwear, the collar. Always `manual`:
//! the page shows what is meant and the person confirms; the confirmation is in the report.

use super::Ctx;
use crate::photo::content::ContentResult;
use crate::report::{Check, CheckId, Status};

/// (id, what the rule asks, what the person is asked to check)
const ITEMS: [(CheckId, &str, &str); 3] = [
    (
        CheckId::AttireJewellery,
        "不戴耳环、项链等饰品",
        "请确认没有戴耳环、耳钉、项链等饰品（通知要求“不戴耳环和项链”）。",
    ),
    (
        CheckId::AttireHeadwear,
        "免冠：不戴帽子、头巾、发箍、发卡等头饰",
        "请确认没有戴帽子、头巾、发箍或显眼的发饰（通知要求“正面免冠”）。",
    ),
    (
        CheckId::ClothingCollar,
        "深色有领上衣，照片下边露出锁骨或衣领",
        "请确认穿的是有领子的深色上衣，照片下边能看到衣领（通知要求“着深色有衣领的衣服”）。",
    ),
];

pub fn checks(_ctx: &Ctx, out: &mut ContentResult) {
    for (id, expected, message) in ITEMS {
        out.checks.push(Check::new(id, Status::Manual, "需要本人确认", expected, message));
    }
}
