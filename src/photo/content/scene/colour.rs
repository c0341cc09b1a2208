//! Colour science for the scene checks: sRGB decoding, CIE L*a*b* (D65), HSV, luminance and the
//! CIEDE2000 colour difference. `imaging::colour` only counts coloured pixels; nothing there
//! converts colour spaces, so the conversions live here. CIEDE2000 is the short formula of
//! Sharma, Wu & Dalal (2005), checked against their published test pairs below: a crate
//! (`palette`, `deltae`) would add more than it saves for one function.

use std::sync::OnceLock;

/// A CIE L*a*b* colour (D65 white, 2° observer). L* 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lab {
    pub l: f32,
    pub a: f32,
    pub b: f32,
}

/// sRGB code value (0–255) → linear light (0–1), by a 256-entry table.
pub fn linear(v: u8) -> f32 {
    static TABLE: OnceLock<[f32; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = i as f64 / 255.0;
            (if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }) as f32
        })
    })[usize::from(v)]
}

/// Linear light (0–1) → sRGB code value on a 0–255 scale (not rounded).
pub fn encode(y: f32) -> f32 {
    let y = y.clamp(0.0, 1.0);
    255.0 * if y <= 0.003_130_8 { 12.92 * y } else { 1.055 * y.powf(1.0 / 2.4) - 0.055 }
}

/// Relative luminance Y (0–1): 0.2126 R + 0.7152 G + 0.0722 B on linear sRGB.
pub fn luminance([r, g, b]: [u8; 3]) -> f32 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// JPEG's own luma Y′ (BT.601 weights on the coded values, 0–255). Converting a decoded JPEG back
/// with these weights undoes the colour transform, so chroma blocking does not leak into it.
pub fn luma([r, g, b]: [u8; 3]) -> f32 {
    0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b)
}

fn lab_f(t: f32) -> f32 {
    const E: f32 = 216.0 / 24389.0;
    const K: f32 = 24389.0 / 27.0;
    if t > E { t.cbrt() } else { (K * t + 16.0) / 116.0 }
}

/// L* of a relative luminance Y (0–1).
pub fn lightness(y: f32) -> f32 {
    116.0 * lab_f(y) - 16.0
}

/// sRGB → CIE L*a*b* (D65).
pub fn lab(rgb: [u8; 3]) -> Lab {
    let [r, g, b] = rgb.map(linear);
    // sRGB (IEC 61966-2-1) primaries to XYZ, divided by the D65 white point.
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let (fx, fy, fz) = (lab_f(x), lab_f(y), lab_f(z));
    Lab { l: 116.0 * fy - 16.0, a: 500.0 * (fx - fy), b: 200.0 * (fy - fz) }
}

/// HSV: hue in degrees (0–360), saturation and value 0–1.
pub fn hsv([r, g, b]: [u8; 3]) -> (f32, f32, f32) {
    let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
    let max = r.max(g).max(b);
    let d = max - r.min(g).min(b);
    let hue = if d == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    (hue, if max == 0.0 { 0.0 } else { d / max }, max / 255.0)
}

/// CIEDE2000 colour difference ΔE00 (kL = kC = kH = 1).
pub fn delta_e00(p: Lab, q: Lab) -> f64 {
    let (l1, a1, b1) = (f64::from(p.l), f64::from(p.a), f64::from(p.b));
    let (l2, a2, b2) = (f64::from(q.l), f64::from(q.a), f64::from(q.b));
    let pow7 = |c: f64| c.powi(7);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let chroma_zero = c1p * c2p == 0.0;
    let dh = match h2p - h1p {
        _ if chroma_zero => 0.0,
        d if d > 180.0 => d - 360.0,
        d if d < -180.0 => d + 360.0,
        d => d,
    };
    let d_l = l2 - l1;
    let d_c = c2p - c1p;
    let d_h = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar = if chroma_zero {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
        - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(c_bar_p) / (pow7(c_bar_p) + pow7(25.0))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar_p;
    let s_h = 1.0 + 0.015 * c_bar_p * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    let (tl, tc, th) = (d_l / s_l, d_c / s_c, d_h / s_h);
    (tl * tl + tc * tc + th * th + r_t * tc * th).max(0.0).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab3(l: f32, a: f32, b: f32) -> Lab {
        Lab { l, a, b }
    }

    #[test]
    fn ciede2000_matches_sharma_test_data() {
        // Sharma, Wu & Dalal (2005), Table 1, pairs 1, 7, 17, 25, 34.
        let pairs = [
            (lab3(50.0, 2.6772, -79.7751), lab3(50.0, 0.0, -82.7485), 2.0425),
            (lab3(50.0, 0.0, 0.0), lab3(50.0, -1.0, 2.0), 2.3669),
            (lab3(50.0, 2.5, 0.0), lab3(73.0, 25.0, -18.0), 27.1492),
            (lab3(60.2574, -34.0099, 36.2677), lab3(60.4626, -34.1751, 39.4387), 1.2644),
            (lab3(22.7233, 20.0904, -46.6940), lab3(23.0331, 14.9730, -42.5619), 2.0373),
        ];
        for (p, q, want) in pairs {
            let got = delta_e00(p, q);
            assert!((got - want).abs() < 2e-3, "{p:?} {q:?}: {got} vs {want}");
            assert!((delta_e00(q, p) - want).abs() < 2e-3);
        }
        assert_eq!(delta_e00(lab3(40.0, 0.0, 0.0), lab3(40.0, 0.0, 0.0)), 0.0);
    }

    #[test]
    fn conversions_hit_known_values() {
        let white = lab([255, 255, 255]);
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01, "{white:?}");
        assert_eq!(lab([0, 0, 0]).l, 0.0);
        // #438EDB: L* 57.70, a* 1.68, b* −46.07 (the same formulas in double precision).
        let blue = lab([0x43, 0x8e, 0xdb]);
        assert!(
            (blue.l - 57.70).abs() < 0.05 && (blue.a - 1.68).abs() < 0.05 && (blue.b + 46.07).abs() < 0.05,
            "{blue:?}"
        );
        let (h, s, v) = hsv([0x43, 0x8e, 0xdb]);
        assert!((h - 210.4).abs() < 0.2 && (s - 0.694).abs() < 0.01 && (v - 0.859).abs() < 0.01);
        assert_eq!(hsv([255, 0, 0]).0, 0.0);
        assert!((hsv([255, 0, 1]).0 - 359.8).abs() < 0.1);
        assert!((encode(luminance([128, 128, 128])) - 128.0).abs() < 0.01);
        assert!((lightness(luminance([119, 119, 119])) - 50.0).abs() < 0.3);
    }
}
