//! What a model cannot decide with confidence: jewellery, headwear, the collar. `manual`: the page
//! shows what is meant and the person confirms; the confirmation is in the report.
//!
//! Headwear is also looked for: between the top of the person mask and the mesh's forehead top
//! (where the hairline is) there is hair — or a hat. Hair is dark, or a muted warm colour (brown,
//! blond, auburn); a region above the hairline that is mostly neither (a blue cap, a white hat, a
//! red beanie, a pink scarf) `warn`s with a box around it. A black or brown hat looks like hair, so
//! anything else stays `manual`: the person still confirms.

use super::Ctx;
use super::face::{Face, idx};
use super::pixels::{Pixels, Ycc};
use crate::face::BoxF;
use crate::photo::content::{ContentResult, Mark, Shape};
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

const HEADWEAR: CheckId = CheckId::AttireHeadwear;

/// Hair: dark whatever its hue, or a muted warm colour (brown, blond, auburn). Not hair: cool or
/// pink hues, strong colours (a red or orange beanie) and white.
fn hair_like(p: &Ycc) -> bool {
    let chroma = (p.cb - 128.0).hypot(p.cr - 128.0);
    p.y < 80.0 || (p.cb <= 128.0 && p.cr >= 128.0 && chroma <= 55.0 && p.y < 215.0)
}

/// The region above the hairline and the share of its person pixels that do not look like hair.
fn above_hairline(ctx: &Ctx, face: &Face) -> Option<(BoxF, f32)> {
    let m = face.mesh?;
    let forehead = m.p(idx::FOREHEAD).y;
    let (x0, x1) = (m.p(idx::RIGHT_EYE_OUTER).x, m.p(idx::LEFT_EYE_OUTER).x);
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    // Only a head top found in the mask says where the hair ends; at least a fifth of an eye
    // distance of it, or there is nothing to look at (a bald head, hair cut short).
    let height = forehead - face.top;
    if face.top_source != super::TopSource::Mask || height < 0.2 * face.eye_distance() || x1 - x0 < 2.0 {
        return None;
    }
    let region = BoxF { x: x0, y: face.top, width: x1 - x0, height };
    let px = Pixels::new(ctx.image, (ctx.obs.width, ctx.obs.height));
    let mask = &ctx.obs.mask;
    let (mx, my) = (mask.width as f32 / ctx.width, mask.height as f32 / ctx.height);
    // Sample a grid of at most 40×40 points of the region that the mask calls person.
    let (mut person, mut other) = (0u32, 0u32);
    for j in 0..40 {
        for i in 0..40 {
            let (x, y) = (x0 + (i as f32 + 0.5) * region.width / 40.0, face.top + (j as f32 + 0.5) * height / 40.0);
            if mask.at((x * mx) as u32, (y * my) as u32) < 128 {
                continue;
            }
            let Some(p) = px.mean(BoxF { x, y, width: 1.0, height: 1.0 }) else { continue };
            person += 1;
            other += u32::from(!hair_like(&p));
        }
    }
    (person >= 40).then(|| (region, other as f32 / person as f32))
}

pub fn checks(ctx: &Ctx, face: Option<&Face>, out: &mut ContentResult) {
    let found = face.and_then(|f| above_hairline(ctx, f));
    for (id, expected, message) in ITEMS {
        match found.filter(|(_, share)| id == HEADWEAR && *share >= ctx.spec.headwear_share) {
            Some((region, share)) => {
                out.marks.push(Mark::new(id, Status::Warn, "帽子或头饰？", Shape::Rect { rect: region }));
                out.checks.push(Check::new(
                    id,
                    Status::Warn,
                    format!("发际线以上 {:.0}% 不像头发", share * 100.0),
                    expected,
                    "头顶上方框出的部分不像头发，可能戴着帽子、头巾或发饰。通知要求“正面免冠”：请摘下后重拍；若框里确实只是头发，可以忽略这条提示。",
                ));
            }
            None => {
                let measured = match found {
                    Some((_, share)) if id == HEADWEAR => {
                        format!("需要本人确认（发际线以上 {:.0}% 不像头发）", share * 100.0)
                    }
                    _ => "需要本人确认".to_owned(),
                };
                out.checks.push(Check::new(id, Status::Manual, measured, expected, message));
            }
        }
    }
}
