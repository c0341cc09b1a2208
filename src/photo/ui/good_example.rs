//! "What a good photo looks like": a drawing at the profile's own size and bands, with the head
//! top, chin and centre placed in the middle of their pass bands, shown beside the person's photo
//! with the same colours the marks use.

use super::overlay::status_colour;
use crate::profile::Profile;
use crate::report::Status;
use leptos::prelude::*;

#[component]
pub fn GoodExample(#[prop(into)] profile: Signal<&'static Profile>) -> impl IntoView {
    move || {
        let p = profile.get();
        let (w, h) = (p.photo.width as f32, p.photo.height as f32);
        let g = &p.photo_content.geometry;
        let top = g.top_margin_pass.mid() * h;
        let head = g.head_height_pass.mid() * h;
        let chin = top + head;
        let cx = g.centre_pass.mid() * w;
        let eyes = g.eye_line_pass.mid() * h;
        // Proportions of an average head: face width ≈ 0.72 × hair-top-to-chin height.
        let (rx, ry) = (head * 0.36, head / 2.0);
        let band = |b: crate::profile::Band, len: f32| (b.min * len, b.max * len);
        let (t0, t1) = band(g.top_margin_pass, h);
        let (c0, c1) = (t0 + g.head_height_pass.min * h, t1 + g.head_height_pass.max * h);
        let (x0, x1) = band(g.centre_pass, w);
        let green = status_colour(Status::Pass);
        let shoulders = format!(
            "M0 {h} L0 {y1} Q{qx} {y0} {cx} {y0} Q{qx2} {y0} {w} {y1} L{w} {h} Z",
            y0 = chin + head * 0.08,
            y1 = chin + head * 0.30,
            qx = cx - rx * 1.4,
            qx2 = cx + rx * 1.4,
        );
        let collar = format!(
            "M{l} {y} L{cx} {yb} L{r} {y} Z",
            l = cx - rx * 0.45,
            r = cx + rx * 0.45,
            y = chin + head * 0.06,
            yb = chin + head * 0.22,
        );
        view! {
            <figure class="good-example" data-testid="good-example">
                <svg viewBox=format!("0 0 {w} {h}") width=w height=h role="img" aria-label="合格照片示意">
                    <rect x="0" y="0" width=w height=h fill="#438edb" />
                    <path d=shoulders fill="#1b2430" />
                    <path d=collar fill="#f1f3f5" />
                    <rect x=cx - rx * 0.35 y=chin - head * 0.1 width=rx * 0.7 height=head * 0.2 fill="#e9bd96" />
                    <ellipse cx=cx cy=top + ry rx=rx ry=ry fill="#f1c9a5" />
                    <path d=format!("M{} {} Q{cx} {} {} {} Q{cx} {} {} {} Z",
                        cx - rx, top + ry * 0.9, top - ry * 0.05, cx + rx, top + ry * 0.9, top + ry * 0.35, cx - rx, top + ry * 0.9)
                        fill="#2b1d14" />
                    <ellipse cx=cx - rx * 1.0 cy=eyes + head * 0.05 rx=rx * 0.12 ry=ry * 0.16 fill="#e9bd96" />
                    <ellipse cx=cx + rx * 1.0 cy=eyes + head * 0.05 rx=rx * 0.12 ry=ry * 0.16 fill="#e9bd96" />
                    <circle cx=cx - rx * 0.4 cy=eyes r=head * 0.025 fill="#222" />
                    <circle cx=cx + rx * 0.4 cy=eyes r=head * 0.025 fill="#222" />
                    <rect x="0" y=t0 width=w height=t1 - t0 fill=green fill-opacity="0.22" />
                    <rect x="0" y=c0 width=w height=c1 - c0 fill=green fill-opacity="0.22" />
                    <rect x=x0 y="0" width=x1 - x0 height=h fill=green fill-opacity="0.16" />
                    <line x1="0" y1=top x2=w y2=top stroke=green stroke-width="2" />
                    <line x1="0" y1=chin x2=w y2=chin stroke=green stroke-width="2" />
                    <line x1=cx y1="0" x2=cx y2=h stroke=green stroke-width="2" stroke-dasharray="8 5" />
                </svg>
                <figcaption>{format!(
                    "合格示例（{}×{}）：头顶落在上方绿带、下巴落在下方绿带，头部约占高度的 {:.0}%，脸在中间竖带内。",
                    p.photo.width, p.photo.height, g.head_height_pass.mid() * 100.0
                )}</figcaption>
            </figure>
        }
    }
}
