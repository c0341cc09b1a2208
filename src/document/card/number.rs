//! Reading the 18-character number off a found card: the number line is flattened through the
//! card's homography, binarised against its own neighbourhood, cut into 18 cells of one pitch
//! (the number is monospaced), and each cell is matched against templates of `0`–`9` and `X`
//! rendered from the `ocrb` stroke font at the cell's own size, over a small search of shift,
//! scale and pen width. A reading is accepted only when every character wins clearly (the
//! profile's `number_score` and `number_margin`), the check character is right and the number
//! is plausible (a resident ID with a known province, a real birth date and a county code on
//! the historical list): a number the reader is unsure of is never shown as read.

use super::find::Finding;
use super::geometry::{Homography, Pt, rect_corners, warp};
use super::layout::{CARD_H, CARD_W, NUMBER, NUMBER_CHARS, NUMBER_HEIGHT_SHARE};
use super::ocrb::{self, Glyph};
use crate::identity::document::{DocumentType, parse_id};
use crate::photo::content::scene::colour::luma;
use crate::profile::CardSpec;
use image::RgbImage;

/// Resolution of the flattened number line, pixels per millimetre (a character is about 43 px
/// tall): fine enough for the templates, small enough to read in a few milliseconds.
const PPM: f64 = 12.0;
/// Room around the number zone for the finder's corner error, millimetres.
const MARGIN_MM: [f64; 2] = [1.5, 1.0];
/// Template grid of a cell, and the share of the character's height it spans.
const GRID: (usize, usize) = (16, 24);
const GRID_SPAN: f64 = 1.15;
/// The pen widths templates are drawn with: the font's own, and bolder for blurred prints.
const PENS: [f64; 2] = [1.0, 1.6];
const CLASSES: [char; 11] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];

/// One character's match: the best class, its correlation, and its lead over the runner-up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharRead {
    pub ch: char,
    pub score: f64,
    pub margin: f64,
}

/// What the reader saw on the number line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// The 18 best matches, when the line was cut into 18 cells.
    pub chars: Vec<CharRead>,
    /// The accepted number: every character confident, check character and plausibility right.
    pub number: Option<String>,
}

impl Reading {
    /// The best match of every cell as one string (accepted or not), for measurements.
    pub fn guess(&self) -> String {
        self.chars.iter().map(|c| c.ch).collect()
    }
    /// The least confident character (`None` without cells).
    pub fn weakest(&self) -> Option<CharRead> {
        self.chars.iter().copied().min_by(|a, b| a.margin.total_cmp(&b.margin))
    }
}

/// Darkness (255 − luma) of a `w×h` picture. Luma, not a colour channel: a JPEG keeps it at full
/// resolution while it halves and coarsely quantises colour.
struct Plane {
    w: usize,
    h: usize,
    v: Vec<f32>,
}

impl Plane {
    fn at(&self, x: usize, y: usize) -> f32 {
        self.v[y * self.w + x]
    }
    /// Bilinear, edges clamped; `(x, y)` in pixel-centre coordinates (centre of pixel 0 at 0.5).
    fn sample(&self, x: f64, y: f64) -> f32 {
        let x = (x - 0.5).clamp(0.0, (self.w - 1) as f64);
        let y = (y - 0.5).clamp(0.0, (self.h - 1) as f64);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = ((x - x0 as f64) as f32, (y - y0 as f64) as f32);
        let top = self.at(x0, y0) * (1.0 - fx) + self.at(x1, y0) * fx;
        let bottom = self.at(x0, y1) * (1.0 - fx) + self.at(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
    /// The same plane with row `y` at column `x` taken from `y + slope·(x − w/2)`: undoes a
    /// line that runs at `slope`.
    fn sheared(&self, slope: f64) -> Plane {
        let mid = self.w as f64 / 2.0;
        let mut v = Vec::with_capacity(self.v.len());
        for y in 0..self.h {
            for x in 0..self.w {
                v.push(self.sample(x as f64 + 0.5, y as f64 + 0.5 + slope * (x as f64 - mid)));
            }
        }
        Plane { w: self.w, h: self.h, v }
    }
}

/// The number line of the card `f` in `img`, flattened at [`PPM`].
fn number_line(img: &RgbImage, f: &Finding) -> Option<Plane> {
    let k = f64::from(img.width()) / f64::from(f.frame.0.max(1));
    let card_to_picture = Homography::from_points(rect_corners(CARD_W, CARD_H), f.corners.map(|p| p.scale(k)))?;
    let (x0, x1) = (NUMBER.x0 - MARGIN_MM[0], NUMBER.x1 + MARGIN_MM[0]);
    let (y0, y1) = (NUMBER.y0 - MARGIN_MM[1], NUMBER.y1 + MARGIN_MM[1]);
    let (w, h) = (((x1 - x0) * PPM).round() as u32, ((y1 - y0) * PPM).round() as u32);
    let region = [Pt::new(x0, y0), Pt::new(x1, y0), Pt::new(x1, y1), Pt::new(x0, y1)].map(|p| card_to_picture.apply(p));
    let to_src = Homography::from_points(rect_corners(f64::from(w), f64::from(h)), region)?;
    let flat = warp(img, &to_src, w, h);
    let v = flat.pixels().map(|p| 255.0 - luma(p.0)).collect();
    Some(Plane { w: w as usize, h: h as usize, v })
}

/// The flattened number line as the reader sees it (dark = ink), for looking at a failed reading.
pub fn line_picture(img: &RgbImage, f: &Finding) -> Option<image::GrayImage> {
    let p = number_line(img, f)?;
    image::GrayImage::from_raw(
        p.w as u32,
        p.h as u32,
        p.v.iter().map(|v| 255 - v.round().clamp(0.0, 255.0) as u8).collect(),
    )
}

/// Ink: darker than the local mean by half a local standard deviation and by a few levels
/// (an adaptive threshold, so glare or shade across the line moves it with the light).
fn binarise(p: &Plane) -> Vec<bool> {
    let (w, h) = (p.w, p.h);
    // Integral images of darkness and its square.
    let mut s = vec![0f64; (w + 1) * (h + 1)];
    let mut q = vec![0f64; (w + 1) * (h + 1)];
    for y in 0..h {
        let (mut rs, mut rq) = (0f64, 0f64);
        for x in 0..w {
            let v = f64::from(p.at(x, y));
            rs += v;
            rq += v * v;
            s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + rs;
            q[(y + 1) * (w + 1) + x + 1] = q[y * (w + 1) + x + 1] + rq;
        }
    }
    // A window about two characters wide and the line's height.
    let r = (3.0 * PPM) as usize;
    let mut out = vec![false; w * h];
    for y in 0..h {
        let (ya, yb) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (xa, xb) = (x.saturating_sub(r), (x + r + 1).min(w));
            let n = ((yb - ya) * (xb - xa)) as f64;
            let sum =
                |t: &[f64]| t[yb * (w + 1) + xb] - t[ya * (w + 1) + xb] - t[yb * (w + 1) + xa] + t[ya * (w + 1) + xa];
            let mean = sum(&s) / n;
            let sd = (sum(&q) / n - mean * mean).max(0.0).sqrt();
            let v = f64::from(p.at(x, y));
            out[y * w + x] = v > mean + 0.5 * sd && v > mean + 12.0;
        }
    }
    out
}

/// The text band (first and last row) in columns `xs`: the run of rows with the most ink.
fn band(ink: &[bool], w: usize, h: usize, xs: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let rows: Vec<usize> = (0..h).map(|y| xs.clone().filter(|&x| ink[y * w + x]).count()).collect();
    let max = *rows.iter().max()?;
    if max == 0 {
        return None;
    }
    let on = |y: usize| rows[y] * 5 >= max;
    let mut best: Option<(usize, usize, usize)> = None;
    let mut y = 0;
    while y < h {
        if !on(y) {
            y += 1;
            continue;
        }
        let start = y;
        while y < h && on(y) {
            y += 1;
        }
        let mass: usize = rows[start..y].iter().sum();
        if best.is_none_or(|(_, _, m)| mass > m) {
            best = Some((start, y - 1, mass));
        }
    }
    best.map(|(a, b, _)| (a, b))
}

/// Where the 18 cells are: the left edge and the pitch whose 19 boundaries cross the least ink.
fn cells(ink: &[bool], w: usize, (top, bottom): (usize, usize)) -> Option<(f64, f64)> {
    let col: Vec<f64> = (0..w).map(|x| (top..=bottom).filter(|&y| ink[y * w + x]).count() as f64).collect();
    // Ink columns, ignoring specks of one pixel.
    let left = col.iter().position(|&c| c >= 2.0)? as f64;
    let right = col.iter().rposition(|&c| c >= 2.0)? as f64 + 1.0;
    let at = |x: f64| -> f64 {
        // Ink within ±2 px of a boundary: a boundary must sit in a gap, not just touch one.
        (-2..=2).map(|d| col.get((x + f64::from(d)).floor().max(0.0) as usize).copied().unwrap_or(0.0)).sum()
    };
    let expected = (NUMBER.x1 - NUMBER.x0) / NUMBER_CHARS as f64 * PPM;
    let n = NUMBER_CHARS as f64;
    let mut best: Vec<(f64, f64, f64)> = Vec::new();
    let mut p = expected * 0.88;
    while p <= expected * 1.12 {
        let mut x0 = left - p;
        while x0 <= left {
            if x0 + n * p >= right {
                let cost: f64 = (0..=NUMBER_CHARS).map(|i| at(x0 + i as f64 * p)).sum();
                best.push((cost, x0, p));
            }
            x0 += 0.5;
        }
        p += 0.1;
    }
    let min = best.iter().map(|b| b.0).fold(f64::MAX, f64::min);
    // The middle of the equally good placements: boundaries centred in the gaps.
    let ties: Vec<_> = best.iter().filter(|b| b.0 <= min + 0.5).collect();
    let k = ties.len() as f64;
    (k > 0.0).then(|| (ties.iter().map(|b| b.1).sum::<f64>() / k, ties.iter().map(|b| b.2).sum::<f64>() / k))
}

/// A template or a sample on the cell grid, mean-centred and unit length (`None`: flat).
fn normalised(mut v: Vec<f32>) -> Option<Vec<f32>> {
    let mean = v.iter().sum::<f32>() / v.len() as f32;
    v.iter_mut().for_each(|x| *x -= mean);
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    (norm > 1e-3).then(|| v.into_iter().map(|x| x / norm).collect())
}

/// Grid position `(gx, gy)` relative to the cell centre, in character heights.
fn grid_offset(gx: usize, gy: usize, aspect: f64) -> (f64, f64) {
    let u = ((gx as f64 + 0.5) / GRID.0 as f64 - 0.5) * aspect;
    let v = ((gy as f64 + 0.5) / GRID.1 as f64 - 0.5) * GRID_SPAN;
    (u, v)
}

/// Templates of every class at every pen, for cells `aspect` (pitch ÷ height) wide and `height` px tall.
fn templates(aspect: f64, height: f64) -> Vec<(usize, Vec<f32>)> {
    let mut out = Vec::new();
    for (class, &c) in CLASSES.iter().enumerate() {
        let Some(glyph) = Glyph::of(c) else { continue };
        for pen in PENS {
            let v = (0..GRID.1)
                .flat_map(|gy| (0..GRID.0).map(move |gx| (gx, gy)))
                .map(|(gx, gy)| {
                    let (u, v) = grid_offset(gx, gy, aspect);
                    glyph.coverage(u + ocrb::WIDTH / 2.0, v + 0.5, height, pen) as f32
                })
                .collect();
            if let Some(t) = normalised(v) {
                out.push((class, t));
            }
        }
    }
    out
}

/// Reads the number on the card `f` in `img` (see the module's header).
pub fn read(img: &RgbImage, f: &Finding, spec: &CardSpec) -> Reading {
    let Some(line) = number_line(img, f) else { return Reading::default() };
    let (w, h) = (line.w, line.h);
    let expected_height = (NUMBER.y1 - NUMBER.y0) * NUMBER_HEIGHT_SHARE * PPM;
    // A line that runs a little askew (the corners' error): level it by the band's height at
    // the left and the right quarter.
    let ink = binarise(&line);
    let (Some(l), Some(r)) = (band(&ink, w, h, w / 8..w * 3 / 8), band(&ink, w, h, w * 5 / 8..w * 7 / 8)) else {
        return Reading::default();
    };
    let slope = ((r.0 + r.1) as f64 - (l.0 + l.1) as f64) / 2.0 / (w as f64 / 2.0);
    let line = if slope.abs() * w as f64 > 1.0 { line.sheared(slope) } else { line };
    let ink = binarise(&line);
    let Some((top, bottom)) = band(&ink, w, h, 0..w) else { return Reading::default() };
    let height = (bottom - top + 1) as f64;
    if !(0.6..=1.4).contains(&(height / expected_height)) {
        return Reading::default();
    }
    let Some((x0, pitch)) = cells(&ink, w, (top, bottom)) else { return Reading::default() };
    let aspect = pitch / height;
    let templates = templates(aspect, height);
    let cy = (top + bottom + 1) as f64 / 2.0;
    let chars: Vec<CharRead> = (0..NUMBER_CHARS)
        .map(|i| {
            let cx = x0 + (i as f64 + 0.5) * pitch;
            let allowed = if i + 1 == NUMBER_CHARS { CLASSES.len() } else { 10 };
            classify(&line, Pt::new(cx, cy), height, aspect, &templates, allowed)
        })
        .collect();
    let confident = chars.iter().all(|c| c.score >= spec.number_score && c.margin >= spec.number_margin);
    let guess: String = chars.iter().map(|c| c.ch).collect();
    let number = (confident && plausible(&guess)).then_some(guess);
    Reading { chars, number }
}

/// The best class of the cell centred at `c` among the first `allowed` classes.
fn classify(
    line: &Plane,
    c: Pt,
    height: f64,
    aspect: f64,
    templates: &[(usize, Vec<f32>)],
    allowed: usize,
) -> CharRead {
    let mut best = [f32::MIN; CLASSES.len()];
    let step = height / GRID.1 as f64 * GRID_SPAN;
    for scale in [0.92, 1.0, 1.08] {
        for dy in [-1.0, 0.0, 1.0] {
            for dx in [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0] {
                let sample: Vec<f32> = (0..GRID.1)
                    .flat_map(|gy| (0..GRID.0).map(move |gx| (gx, gy)))
                    .map(|(gx, gy)| {
                        let (u, v) = grid_offset(gx, gy, aspect);
                        line.sample(c.x + u * height * scale + dx * step, c.y + v * height * scale + dy * step)
                    })
                    .collect();
                let Some(sample) = normalised(sample) else { continue };
                for (class, t) in templates.iter().filter(|(class, _)| *class < allowed) {
                    let ncc: f32 = sample.iter().zip(t).map(|(a, b)| a * b).sum();
                    best[*class] = best[*class].max(ncc);
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..allowed).collect();
    order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
    let (first, second) = (best[order[0]], order.get(1).map_or(f32::MIN, |&k| best[k]));
    let score = f64::from(first.max(-1.0));
    CharRead { ch: CLASSES[order[0]], score, margin: score - f64::from(second.max(-1.0)) }
}

/// A number a card can carry: check character right, a resident ID (the card reads only those)
/// with a real province, birth date and a county code on the historical list.
fn plausible(number: &str) -> bool {
    parse_id(number).is_ok_and(|info| info.document == DocumentType::ResidentId && info.county_code_known)
}

#[cfg(test)]
mod tests {
    use super::super::find::find;
    use super::super::synthetic::{Scene, photo};
    use super::*;
    use crate::profile::by_id;

    fn spec() -> CardSpec {
        by_id("henan-2024").and_then(|p| p.document.card.clone()).expect("henan has [document.card]")
    }

    fn read_scene(scene: &Scene) -> (Reading, String) {
        let (img, truth) = photo(scene);
        let f = find(&img).expect("card found");
        (read(&img, &f, &spec()), truth.number.expect("portrait side"))
    }

    #[test]
    fn a_clean_card_is_read_exactly() {
        let (r, truth) = read_scene(&Scene::simple(1200, 900, 41));
        assert_eq!(r.number.as_deref(), Some(truth.as_str()), "{r:?}");
    }

    #[test]
    fn a_blurred_or_upside_down_card_is_read_exactly() {
        let mut blurred = Scene::simple(1200, 900, 42);
        blurred.blur = 1.2;
        let (r, truth) = read_scene(&blurred);
        assert_eq!(r.number.as_deref(), Some(truth.as_str()), "{r:?}");
        let mut turned = Scene::simple(1200, 900, 43);
        turned.card.as_mut().unwrap().rotation = 180.0;
        let (r, truth) = read_scene(&turned);
        assert_eq!(r.number.as_deref(), Some(truth.as_str()), "{r:?}");
    }

    #[test]
    fn glare_over_a_digit_gives_no_reading() {
        let mut scene = Scene::simple(1200, 900, 44);
        // A blown-out spot over the 9th and 10th characters.
        let x = NUMBER.x0 + 9.0 * (NUMBER.x1 - NUMBER.x0) / 18.0;
        scene.card.as_mut().unwrap().glare = Some((Pt::new(x, (NUMBER.y0 + NUMBER.y1) / 2.0), 3.5));
        let (r, truth) = read_scene(&scene);
        assert_eq!(r.number, None, "{r:?}");
        // The rest of the line still reads: the refusal is the glare's.
        assert_eq!(r.chars.len(), 18);
        assert_eq!(r.guess()[..6], truth[..6]);
    }

    #[test]
    fn a_wrong_check_character_gives_no_reading() {
        let mut scene = Scene::simple(1200, 900, 45);
        let holder = &mut scene.card.as_mut().unwrap().holder;
        let last = holder.number.pop().unwrap();
        holder.number.push(if last == '0' { '1' } else { '0' });
        let (r, printed) = read_scene(&scene);
        // Every character is read as printed, and still the number is refused.
        assert_eq!(r.guess(), printed, "{r:?}");
        assert_eq!(r.number, None);
    }
}
