//! "What a good photo looks like": a drawing at the profile's own size, with the head top, chin and
//! centre in the middle of their pass bands and the bands shown in the "pass" colour the marks use.

use super::{escape, num, status_colour};
use crate::profile::Profile;
use crate::report::Status;

/// SVG markup of a compliant photo for `profile`, and its caption.
pub fn good_example_svg(profile: &Profile) -> (String, String) {
    let (w, h) = (profile.photo.width as f32, profile.photo.height as f32);
    let g = &profile.photo_content.geometry;
    let top = g.top_margin_pass.mid() * h;
    let head = g.head_height_pass.mid() * h;
    let chin = top + head;
    let cx = g.centre_pass.mid() * w;
    let eyes = g.eye_line_pass.mid() * h;
    // Proportions of an average head: face width ≈ 0.72 × hair-top-to-chin height.
    let (rx, ry) = (head * 0.36, head / 2.0);
    let (t0, t1) = (g.top_margin_pass.min * h, g.top_margin_pass.max * h);
    let (c0, c1) = (t0 + g.head_height_pass.min * h, t1 + g.head_height_pass.max * h);
    let (x0, x1) = (g.centre_pass.min * w, g.centre_pass.max * w);
    let green = status_colour(Status::Pass);
    let n = num;
    let svg = format!(
        concat!(
            r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="合格照片示意">"#,
            r##"<rect width="{w}" height="{h}" fill="#438edb"/>"##,
            r##"<path d="M0 {h} L0 {sy1} Q{qx} {sy0} {cx} {sy0} Q{qx2} {sy0} {w} {sy1} L{w} {h} Z" fill="#1b2430"/>"##,
            r##"<path d="M{cl} {cy0} L{cx} {cyb} L{cr} {cy0} Z" fill="#f1f3f5"/>"##,
            r##"<rect x="{nx}" y="{ny}" width="{nw}" height="{nh}" fill="#e9bd96"/>"##,
            r##"<ellipse cx="{cx}" cy="{hcy}" rx="{rx}" ry="{ry}" fill="#f1c9a5"/>"##,
            r##"<path d="M{hl} {hy} Q{cx} {htop} {hr} {hy} Q{cx} {hin} {hl} {hy} Z" fill="#2b1d14"/>"##,
            r##"<ellipse cx="{el}" cy="{ey}" rx="{erx}" ry="{ery}" fill="#e9bd96"/><ellipse cx="{er}" cy="{ey}" rx="{erx}" ry="{ery}" fill="#e9bd96"/>"##,
            r##"<circle cx="{pl}" cy="{eyes}" r="{pr}" fill="#222"/><circle cx="{pr_}" cy="{eyes}" r="{pr}" fill="#222"/>"##,
            r#"<rect y="{t0}" width="{w}" height="{tb}" fill="{green}" fill-opacity="0.22"/>"#,
            r#"<rect y="{c0}" width="{w}" height="{cb}" fill="{green}" fill-opacity="0.22"/>"#,
            r#"<rect x="{x0}" width="{xb}" height="{h}" fill="{green}" fill-opacity="0.16"/>"#,
            r#"<line x1="0" y1="{top}" x2="{w}" y2="{top}" stroke="{green}" stroke-width="2"/>"#,
            r#"<line x1="0" y1="{chin}" x2="{w}" y2="{chin}" stroke="{green}" stroke-width="2"/>"#,
            r#"<line x1="{cx}" y1="0" x2="{cx}" y2="{h}" stroke="{green}" stroke-width="2" stroke-dasharray="8 5"/>"#,
            "</svg>"
        ),
        w = n(w),
        h = n(h),
        sy0 = n(chin + head * 0.08),
        sy1 = n(chin + head * 0.30),
        qx = n(cx - rx * 1.4),
        qx2 = n(cx + rx * 1.4),
        cx = n(cx),
        cl = n(cx - rx * 0.45),
        cr = n(cx + rx * 0.45),
        cy0 = n(chin + head * 0.06),
        cyb = n(chin + head * 0.22),
        nx = n(cx - rx * 0.35),
        ny = n(chin - head * 0.1),
        nw = n(rx * 0.7),
        nh = n(head * 0.2),
        hcy = n(top + ry),
        rx = n(rx),
        ry = n(ry),
        hl = n(cx - rx),
        hr = n(cx + rx),
        hy = n(top + ry * 0.9),
        htop = n(top - ry * 0.05),
        hin = n(top + ry * 0.35),
        el = n(cx - rx),
        er = n(cx + rx),
        ey = n(eyes + head * 0.05),
        erx = n(rx * 0.12),
        ery = n(ry * 0.16),
        pl = n(cx - rx * 0.4),
        pr_ = n(cx + rx * 0.4),
        pr = n(head * 0.025),
        eyes = n(eyes),
        t0 = n(t0),
        tb = n(t1 - t0),
        c0 = n(c0),
        cb = n(c1 - c0),
        x0 = n(x0),
        xb = n(x1 - x0),
        top = n(top),
        chin = n(chin),
        green = green,
    );
    let caption = format!(
        "合格示例（{}×{}）：头顶落在上方绿带、下巴落在下方绿带，头部约占高度的 {:.0}%，脸在中间竖带内。",
        profile.photo.width,
        profile.photo.height,
        g.head_height_pass.mid() * 100.0
    );
    (svg, escape(&caption))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawing_follows_the_profile_bands() {
        let henan = crate::profile::by_id("henan-2024").unwrap();
        let (svg, caption) = good_example_svg(henan);
        assert!(svg.contains(r#"viewBox="0 0 450.0 600.0""#), "{svg}");
        let g = &henan.photo_content.geometry;
        let chin = (g.top_margin_pass.mid() + g.head_height_pass.mid()) * 600.0;
        assert!(svg.contains(&format!(r#"y1="{}""#, num(chin))), "chin line at the middle of the bands");
        assert!(caption.contains("450×600"));
        let zz = crate::profile::by_id("zhengzhou-2023").unwrap();
        let (svg, caption) = good_example_svg(zz);
        assert!(svg.contains(&format!(
            r#"viewBox="0 0 {} {}""#,
            num(zz.photo.width as f32),
            num(zz.photo.height as f32)
        )));
        assert!(caption.contains(&format!("{}×{}", zz.photo.width, zz.photo.height)));
    }
}
