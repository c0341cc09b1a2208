//! Finding the card in a photo by classic geometry: edges → straight lines (a Hough transform
//! voting only along each edge's own gradient direction) → quadrilaterals of two near-parallel
//! pairs, scored by how much of their outline is a real edge of one polarity and how close
//! their shape is to the card's 85.6 : 54 → sub-pixel refinement of each side on a larger copy
//! → which side of the card and which way up, from where its printed zones are.
//!
//! Everything runs on reduced copies (long side ≤ `REFINE_SIZE` for refining, half that for the
//! search), so a 12 MP photo costs about as much as a small one.

use super::geometry::{Homography, Pt, rect_corners};
use super::layout::{ASPECT, CARD_H, CARD_W, Side};
use super::synthetic::{Holder, plain_face};
use image::RgbImage;
use std::ops::{Add as _, Sub as _}; // `Pt` sums and differences as methods: `a.sub(b).add(c)`
use std::sync::OnceLock;

/// Long side of the grey copy the sides are refined on.
pub const REFINE_SIZE: u32 = 800;
/// Long side of the copy the lines are searched on.
const SEARCH_SIZE: u32 = 400;
/// Weights of the colour planes edges are looked for in: luma, and blue minus red. A card on a
/// white or pale grey desk can match the desk's luma almost exactly, but not its tint: the
/// portrait side is bluish, the emblem side warm, a desk or a sheet of paper near neutral.
const PLANES: [[f32; 3]; 2] = [[0.299, 0.587, 0.114], [-1.0, 0.0, 1.0]];
/// Lowest gradient (grey levels per pixel of the search copy, about 0.37 of a sharp step)
/// counted as an edge: a card's 8-level step on a desk of nearly its colour still counts, while
/// sensor noise, averaged over the 4×4 and more pixels of each search pixel, stays well under.
const MIN_EDGE: f32 = 2.5;
/// Lines kept from the Hough transform.
const MAX_LINES: usize = 28;
/// Quads whose shorter side pair is less than this share of the search copy's short side are
/// too small to be the card (or to be read): below a fifth, a card in a 4:3 photo covers under
/// 5 % of it, far under `card.fill`'s limits, and small inner rectangles would pass for a card.
const MIN_SIDE_SHARE: f64 = 0.2;

/// A card found in a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// TL, TR, BR, BL of the card as read, in the input picture's pixels (may lie outside the
    /// picture when the card is cut off).
    pub corners: [Pt; 4],
    /// 0–1: share of the outline that is a clean edge, times the fit of the shape to the card's.
    pub confidence: f64,
    pub side: Side,
    /// Correlation margin of the chosen side (and orientation) over the other side, 0–2.
    pub side_margin: f64,
    /// Size of the picture the corners refer to.
    pub frame: (u32, u32),
    /// Another outline with printing inside, of about the card's size and apart from it (two
    /// cards in one photo), with its confidence; corners as `corners`. Judged in the worker, not
    /// sent to the page.
    pub second: Option<([Pt; 4], f64)>,
}

/// A grey copy of a picture, f32 luma.
pub(crate) struct Grey {
    pub w: usize,
    pub h: usize,
    pub v: Vec<f32>,
}

impl Grey {
    /// Luma box-averaged by an integer factor.
    pub fn from_rgb(img: &RgbImage, factor: u32) -> Grey {
        Grey::plane(img, factor, PLANES[0])
    }

    /// A weighted sum of the channels, box-averaged by an integer factor.
    fn plane(img: &RgbImage, factor: u32, [wr, wg, wb]: [f32; 3]) -> Grey {
        let f = factor.max(1) as usize;
        let (w, h) = ((img.width() as usize / f).max(1), (img.height() as usize / f).max(1));
        let mut v = vec![0f32; w * h];
        let raw = img.as_raw();
        let iw = img.width() as usize;
        for y in 0..(h * f).min(img.height() as usize) {
            let row = &mut v[(y / f) * w..(y / f + 1) * w];
            for (x, out) in row.iter_mut().enumerate() {
                let base = (y * iw + x * f) * 3;
                for k in 0..f.min(iw - x * f) {
                    let p = &raw[base + k * 3..base + k * 3 + 3];
                    *out += wr * f32::from(p[0]) + wg * f32::from(p[1]) + wb * f32::from(p[2]);
                }
            }
        }
        let n = (f * f) as f32;
        v.iter_mut().for_each(|p| *p /= n);
        Grey { w, h, v }
    }

    fn half(&self) -> Grey {
        let (w, h) = ((self.w / 2).max(1), (self.h / 2).max(1));
        let at = |x: usize, y: usize| self.v[y.min(self.h - 1) * self.w + x.min(self.w - 1)];
        let v = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w * 2, i / w * 2);
                (at(x, y) + at(x + 1, y) + at(x, y + 1) + at(x + 1, y + 1)) / 4.0
            })
            .collect();
        Grey { w, h, v }
    }

    fn at(&self, x: usize, y: usize) -> f32 {
        self.v[y * self.w + x]
    }

    /// Bilinear value at a fractional position (pixel centres at integer + 0.5), clamped.
    pub fn sample(&self, p: Pt) -> f32 {
        let x = (p.x - 0.5).clamp(0.0, (self.w - 1) as f64);
        let y = (p.y - 0.5).clamp(0.0, (self.h - 1) as f64);
        let (x0, y0) = (x as usize, y as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = ((x - x0 as f64) as f32, (y - y0 as f64) as f32);
        (self.at(x0, y0) * (1.0 - fx) + self.at(x1, y0) * fx) * (1.0 - fy)
            + (self.at(x0, y1) * (1.0 - fx) + self.at(x1, y1) * fx) * fy
    }

    fn inside(&self, p: Pt, margin: f64) -> bool {
        p.x >= margin && p.y >= margin && p.x <= self.w as f64 - margin && p.y <= self.h as f64 - margin
    }
}

/// Sobel gradients of a lightly smoothed copy of one plane.
struct Gradient {
    w: usize,
    h: usize,
    gx: Vec<f32>,
    gy: Vec<f32>,
    mag: Vec<f32>,
    /// Magnitude counted as an edge.
    threshold: f32,
}

impl Gradient {
    fn of(g: &Grey) -> Gradient {
        let (w, h) = (g.w, g.h);
        // 3×3 binomial smoothing first: cloth weave and wood grain lose most of their edges.
        let mut s = g.v.clone();
        for y in 1..h.saturating_sub(1) {
            for x in 1..w - 1 {
                let a = |dx: usize, dy: usize| g.v[(y + dy - 1) * w + x + dx - 1];
                s[y * w + x] = (a(0, 0)
                    + a(2, 0)
                    + a(0, 2)
                    + a(2, 2)
                    + 2.0 * (a(1, 0) + a(0, 1) + a(2, 1) + a(1, 2))
                    + 4.0 * a(1, 1))
                    / 16.0;
            }
        }
        let (mut gx, mut gy, mut mag) = (vec![0f32; w * h], vec![0f32; w * h], vec![0f32; w * h]);
        for y in 1..h.saturating_sub(1) {
            for x in 1..w - 1 {
                let a = |dx: usize, dy: usize| s[(y + dy - 1) * w + x + dx - 1];
                let sx = (a(2, 0) + 2.0 * a(2, 1) + a(2, 2)) - (a(0, 0) + 2.0 * a(0, 1) + a(0, 2));
                let sy = (a(0, 2) + 2.0 * a(1, 2) + a(2, 2)) - (a(0, 0) + 2.0 * a(1, 0) + a(2, 0));
                let i = y * w + x;
                (gx[i], gy[i], mag[i]) = (sx / 8.0, sy / 8.0, (sx * sx + sy * sy).sqrt() / 8.0);
            }
        }
        // An edge is among the strongest 12 % of pixels (textured wood or cloth sets the bar
        // high), stands out of the picture's own noise (the median is mostly noise: the card's
        // outline is a small share of the pixels), and is at least `MIN_EDGE`.
        let mut sorted: Vec<f32> = mag.iter().copied().step_by(3).collect();
        sorted.sort_by(f32::total_cmp);
        let at = |p: usize| sorted.get(sorted.len() * p / 100).copied().unwrap_or(0.0);
        Gradient { w, h, gx, gy, mag, threshold: at(88).max(4.0 * at(50)).max(MIN_EDGE) }
    }

    /// Is pixel `i` (at x, y) an edge: above the threshold and a maximum across the edge?
    fn is_edge(&self, x: usize, y: usize) -> bool {
        let i = y * self.w + x;
        let m = self.mag[i];
        if m < self.threshold {
            return false;
        }
        let (dx, dy) = (self.gx[i] / m, self.gy[i] / m);
        let (ox, oy) = (dx.round() as isize, dy.round() as isize);
        let j = |s: isize| ((y as isize + s * oy) as usize) * self.w + (x as isize + s * ox) as usize;
        m >= self.mag[j(1)] && m > self.mag[j(-1)]
    }
}

/// Thinned edge pixels of any plane, each once, with its direction (radians) in the first
/// plane where it is an edge.
fn edges(grads: &[Gradient]) -> Vec<(usize, usize, f64)> {
    let (w, h) = (grads[0].w, grads[0].h);
    let mut out = Vec::new();
    for y in 2..h.saturating_sub(2) {
        for x in 2..w.saturating_sub(2) {
            if let Some(g) = grads.iter().find(|g| g.is_edge(x, y)) {
                let i = y * w + x;
                out.push((x, y, f64::from(g.gy[i]).atan2(f64::from(g.gx[i]))));
            }
        }
    }
    out
}

/// A line `x cos θ + y sin θ = ρ` (θ the direction of its normal).
#[derive(Debug, Clone, Copy)]
struct Line {
    theta: f64,
    rho: f64,
    votes: u32,
}

impl Line {
    fn normal(&self) -> Pt {
        Pt::new(self.theta.cos(), self.theta.sin())
    }
    fn meet(&self, o: &Line) -> Option<Pt> {
        let (a, b) = (self.normal(), o.normal());
        let det = a.cross(b);
        (det.abs() > 1e-6).then(|| Pt::new((self.rho * b.y - o.rho * a.y) / det, (a.x * o.rho - b.x * self.rho) / det))
    }
    /// The line through two points.
    fn through(p: Pt, q: Pt) -> Line {
        let d = q.sub(p);
        let n = Pt::new(-d.y, d.x).scale(1.0 / d.len().max(1e-12));
        let theta = n.y.atan2(n.x);
        Line { theta, rho: n.dot(p), votes: 0 }
    }
}

const THETA_BINS: usize = 180;

fn hough(grads: &[Gradient]) -> Vec<Line> {
    let grad = &grads[0];
    let diag = (grad.w as f64).hypot(grad.h as f64).ceil() as usize;
    let rho_bins = 2 * diag + 1;
    let mut acc = vec![0u32; THETA_BINS * rho_bins];
    let trig: Vec<(f64, f64)> = (0..THETA_BINS).map(|t| (t as f64).to_radians().sin_cos()).collect();
    for (x, y, angle) in edges(grads) {
        let angle = angle.to_degrees().rem_euclid(180.0);
        let centre = angle.round() as isize;
        for dt in -3..=3 {
            let t = (centre + dt).rem_euclid(THETA_BINS as isize) as usize;
            let (s, c) = trig[t];
            let rho = x as f64 * c + y as f64 * s;
            acc[t * rho_bins + (rho.round() as isize + diag as isize) as usize] += 1;
        }
    }
    // Peaks: local maxima over ±4° and ±4 px, strongest first.
    let min_votes = (grad.w.min(grad.h) as f64 * MIN_SIDE_SHARE * 0.5) as u32;
    let mut peaks = Vec::new();
    for t in 0..THETA_BINS {
        for r in 0..rho_bins {
            let v = acc[t * rho_bins + r];
            if v < min_votes.max(8) {
                continue;
            }
            let mut is_max = true;
            'n: for dt in -4isize..=4 {
                let tt = t as isize + dt;
                // Across θ = 0/180 the same line has ρ negated.
                let (tt, flip) = if tt < 0 {
                    (tt + THETA_BINS as isize, true)
                } else if tt >= THETA_BINS as isize {
                    (tt - THETA_BINS as isize, true)
                } else {
                    (tt, false)
                };
                for dr in -4isize..=4 {
                    let rr = if flip { 2 * diag as isize - (r as isize + dr) } else { r as isize + dr };
                    if rr < 0 || rr >= rho_bins as isize || (dt == 0 && dr == 0) {
                        continue;
                    }
                    let o = acc[tt as usize * rho_bins + rr as usize];
                    if o > v || (o == v && (dt, dr) < (0, 0)) {
                        is_max = false;
                        break 'n;
                    }
                }
            }
            if is_max {
                peaks.push(Line { theta: (t as f64).to_radians(), rho: r as f64 - diag as f64, votes: v });
            }
        }
    }
    peaks.sort_by_key(|l| std::cmp::Reverse(l.votes));
    peaks.truncate(MAX_LINES);
    peaks
}

/// Angle between two lines' directions, 0–90°.
fn angle_between(a: &Line, b: &Line) -> f64 {
    let d = (a.theta - b.theta).to_degrees().rem_euclid(180.0);
    d.min(180.0 - d)
}

/// How well a side is an edge, from `support`.
struct SideSupport {
    supported: f64,
    /// Samples inside the picture, and all samples.
    inside: f64,
    total: f64,
    /// The side's polarity in luma (+1: brighter inwards on a clockwise outline) when luma
    /// alone supports at least a quarter of the side, else 0.
    polarity: i8,
}

/// Least share of a side's samples that must be supported.
const MIN_SHARE: f64 = 0.4;

/// How well a side from `p` to `q` is an edge.
/// A sample is supported when, in some plane, the gradient there (or a pixel away across the
/// side) is strong, across the side, and of the side's majority polarity in that plane (a side
/// may show in luma where it lies on a hand and only in tint where it lies on a white desk).
fn support(grads: &[Gradient], p: Pt, q: Pt) -> SideSupport {
    let grad = &grads[0];
    let len = p.dist(q);
    let n = (len / 1.5).ceil().max(4.0) as usize;
    let d = q.sub(p).scale(1.0 / len.max(1e-9));
    let normal = Pt::new(-d.y, d.x);
    let mut inside = 0f64;
    // Per sample, the polarity seen in each plane (0: none).
    let mut seen: Vec<[i8; PLANES.len()]> = Vec::with_capacity(n);
    // Ends left out: the card's corners are rounded.
    let (a, b) = ((n as f64 * 0.08) as usize, n - (n as f64 * 0.08) as usize);
    for k in a..b {
        let c = p.add(q.sub(p).scale((k as f64 + 0.5) / n as f64));
        if c.x < 2.0 || c.y < 2.0 || c.x >= grad.w as f64 - 2.0 || c.y >= grad.h as f64 - 2.0 {
            continue;
        }
        inside += 1.0;
        seen.push(std::array::from_fn(|k| {
            let g = &grads[k];
            let mut best: Option<f32> = None;
            for s in [-1.0, 0.0, 1.0] {
                let t = c.add(normal.scale(s));
                let i = t.y as usize * g.w + t.x as usize;
                let m = g.mag[i];
                if m < g.threshold {
                    continue;
                }
                let across = (f64::from(g.gx[i]) * normal.x + f64::from(g.gy[i]) * normal.y) / f64::from(m);
                if across.abs() > 0.9 && best.is_none_or(|b| m > b.abs()) {
                    best = Some(m * across.signum() as f32);
                }
            }
            best.map_or(0, |v| if v > 0.0 { 1 } else { -1 })
        }));
    }
    let majority: [i8; PLANES.len()] =
        std::array::from_fn(|k| seen.iter().map(|s| i32::from(s[k])).sum::<i32>().signum() as i8);
    let supported = seen.iter().filter(|s| (0..PLANES.len()).any(|k| majority[k] != 0 && s[k] == majority[k])).count();
    let luma = seen.iter().filter(|s| majority[0] != 0 && s[0] == majority[0]).count();
    let polarity = if luma as f64 >= 0.25 * inside { majority[0] } else { 0 };
    SideSupport { supported: supported as f64, inside, total: (b - a) as f64, polarity }
}

/// A candidate outline, corners clockwise on screen, in search-copy pixels.
#[derive(Debug, Clone)]
struct Quad {
    corners: [Pt; 4],
    score: f64,
    confidence: f64,
}

fn shoelace(c: &[Pt; 4]) -> f64 {
    (0..4).map(|i| c[i].cross(c[(i + 1) % 4])).sum::<f64>() / 2.0
}

fn is_convex(c: &[Pt; 4]) -> bool {
    (0..4).all(|i| c[(i + 1) % 4].sub(c[i]).cross(c[(i + 2) % 4].sub(c[(i + 1) % 4])) > 0.0)
}

/// Corner angles' largest departure from 90°, degrees.
pub fn max_corner_error(c: &[Pt; 4]) -> f64 {
    (0..4)
        .map(|i| {
            let (a, b) = (c[(i + 3) % 4].sub(c[i]), c[(i + 1) % 4].sub(c[i]));
            let cos = a.dot(b) / (a.len() * b.len()).max(1e-12);
            (cos.clamp(-1.0, 1.0).acos().to_degrees() - 90.0).abs()
        })
        .fold(0.0, f64::max)
}

fn score_quad(grads: &[Gradient], c: [Pt; 4]) -> Option<Quad> {
    let grad = &grads[0];
    let c = if shoelace(&c) < 0.0 { [c[0], c[3], c[2], c[1]] } else { c };
    if !is_convex(&c) {
        return None;
    }
    let len = |i: usize| c[i].dist(c[(i + 1) % 4]);
    let (pair_a, pair_b) = ((len(0) + len(2)) / 2.0, (len(1) + len(3)) / 2.0);
    let (long, short) = (pair_a.max(pair_b), pair_a.min(pair_b));
    if short < grad.w.min(grad.h) as f64 * MIN_SIDE_SHARE {
        return None;
    }
    // Perspective up to ~25 % foreshortening moves the apparent aspect by about that much.
    let aspect = long / short;
    let aspect_fit = (-(aspect / ASPECT).ln().powi(2) / (2.0 * 0.18f64.powi(2))).exp();
    if aspect_fit < 0.1 || max_corner_error(&c) > 35.0 {
        return None;
    }
    let mut supported = 0.0;
    let mut min_share = f64::MAX;
    let mut polarities = [0i8; 4];
    for i in 0..4 {
        let side = support(grads, c[i], c[(i + 1) % 4]);
        // A side mostly outside the picture is judged by its visible part, which must be some.
        if side.inside < side.total * 0.25 {
            return None;
        }
        supported += side.supported;
        min_share = min_share.min(side.supported / side.inside);
        polarities[i] = side.polarity;
    }
    if min_share < MIN_SHARE {
        return None;
    }
    // A card on one ground is brighter (or darker) than all around it: an outline whose sides
    // disagree in luma runs partly along something else, typically the outer edge of the card's
    // own shadow, darker inwards where the card's edge is brighter inwards. (Not so in tint: an
    // emblem side is bluer than a hand but less blue than a grey desk.) Halved, not refused: a
    // card lying half on a hand and half on a white desk disagrees too.
    let disagree = polarities.contains(&1) && polarities.contains(&-1);
    let confidence = (min_share * aspect_fit.sqrt()).clamp(0.0, 1.0);
    // The full aspect fit in the score: of two outlines sharing three sides (the card's, and one
    // running along a hand or a shadow beside it) the card's own shape wins.
    let score = supported * min_share * aspect_fit * if disagree { 0.5 } else { 1.0 };
    Some(Quad { corners: c, score, confidence })
}

/// Every outline of two near-parallel pairs that `score_quad` accepts, best first.
fn quads(grads: &[Gradient], lines: &[Line]) -> Vec<Quad> {
    let grad = &grads[0];
    let mut pairs = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (a, b) = (&lines[i], &lines[j]);
            if angle_between(a, b) > 30.0 {
                continue;
            }
            // Far enough apart (measured near the picture's centre) to be opposite sides.
            let centre = Pt::new(grad.w as f64 / 2.0, grad.h as f64 / 2.0);
            let foot = centre.sub(a.normal().scale(a.normal().dot(centre) - a.rho));
            if (b.normal().dot(foot) - b.rho).abs() < grad.w.min(grad.h) as f64 * MIN_SIDE_SHARE {
                continue;
            }
            pairs.push((i, j));
        }
    }
    let mut found: Vec<Quad> = Vec::new();
    for (pi, &(a1, a2)) in pairs.iter().enumerate() {
        for &(b1, b2) in &pairs[pi + 1..] {
            if [b1, b2].contains(&a1) || [b1, b2].contains(&a2) {
                continue;
            }
            let cross = angle_between(&lines[a1], &lines[b1]);
            if cross < 55.0 {
                continue;
            }
            let (la1, la2, lb1, lb2) = (&lines[a1], &lines[a2], &lines[b1], &lines[b2]);
            let corners = [la1.meet(lb1), lb1.meet(la2), la2.meet(lb2), lb2.meet(la1)];
            let [Some(p0), Some(p1), Some(p2), Some(p3)] = corners else {
                continue;
            };
            found.extend(score_quad(grads, [p0, p1, p2, p3]));
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found
}

/// Is `p` inside the convex outline `c` (clockwise on screen)?
fn contains(c: &[Pt; 4], p: Pt) -> bool {
    (0..4).all(|i| c[(i + 1) % 4].sub(c[i]).cross(p.sub(c[i])) >= 0.0)
}

fn centroid(c: &[Pt; 4]) -> Pt {
    c.iter().fold(Pt::default(), |s, p| s.add(p.scale(0.25)))
}

/// Largest area ratio of a second card's outline to the first's (either way): the same card
/// size, seen from the same phone, differs by perspective only.
const SECOND_AREA_RATIO: f64 = 2.0;

/// Could `b` be another card beside `a`: about its size, and neither holds the other's centre
/// or any of its corners (an outline running along part of the card and part of the desk does).
fn apart(a: &[Pt; 4], b: &[Pt; 4]) -> bool {
    let ratio = shoelace(a).abs() / shoelace(b).abs().max(1e-9);
    (1.0 / SECOND_AREA_RATIO..=SECOND_AREA_RATIO).contains(&ratio)
        && [(a, b), (b, a)].iter().all(|(x, y)| !contains(x, centroid(y)) && y.iter().all(|p| !contains(x, *p)))
}

/// Moves each side of `c` (clockwise, refine-copy pixels) onto the strongest edge of the side's
/// polarity within `reach` pixels, fitting a line to the sub-pixel edge points of its middle, in
/// the plane where the side's edge is most consistent.
fn refine(planes: &[Grey], c: [Pt; 4], reach: f64) -> [Pt; 4] {
    let mut lines = Vec::with_capacity(4);
    for i in 0..4 {
        let (p, q) = (c[i], c[(i + 1) % 4]);
        // Noise peaks take either sign and cancel in the sum; a real edge's add up.
        let consistency = |f: &Vec<(Pt, f32)>| f.iter().map(|(_, v)| v).sum::<f32>().abs();
        let found = planes
            .iter()
            .map(|g| edge_points(g, p, q, reach))
            .max_by(|a, b| consistency(a).total_cmp(&consistency(b)))
            .unwrap_or_default();
        // Keep the majority polarity, then fit a line twice, dropping points far off the first fit.
        let pos = found.iter().filter(|(_, v)| *v > 0.0).count();
        let sign = if pos * 2 >= found.len() { 1.0 } else { -1.0 };
        let pts: Vec<Pt> = found.iter().filter(|(_, v)| v * sign > 2.0).map(|(p, _)| *p).collect();
        let line = fit_line(&pts).and_then(|l| {
            let near: Vec<Pt> = pts.iter().copied().filter(|p| (l.normal().dot(*p) - l.rho).abs() < 1.0).collect();
            fit_line(&near)
        });
        lines.push(line.unwrap_or_else(|| Line::through(p, q)));
    }
    let mut out = c;
    for i in 0..4 {
        if let Some(m) = lines[(i + 3) % 4].meet(&lines[i]) {
            out[i] = m;
        }
    }
    out
}

/// How far inside a side the card's own edge is looked for when the side runs along the outer
/// edge of a shadow, share of the card's shorter side pair: the generated shadow reaches 2.5 mm
/// plus its 4 mm falloff past the card, its outer step lies about 3.5 mm out (6.5 % of the card's
/// 54 mm), and the card's printing starts 5 mm inside its edges (9 %: the labels and the emblem).
const SHADOW_REACH: f64 = 0.085;

/// A shadow only darkens, so an outline side running along the outer edge of the card's shadow
/// turns darker inwards, and a little way inside lies the card's own edge, brighter inwards
/// (the lit card against its shadow). Seed by seed, every corner error over 1 % of the diagonal
/// in `card_accuracy` was such a side: the shadow's band is an edge in tint as well as luma and
/// makes the outline larger, so it scored above the card's own. Each side whose luma step is
/// darker inwards along most of it is moved to the strongest brighter-inwards step within
/// `SHADOW_REACH` inside it, when most of the side has one; other sides are left as found.
fn off_shadow(g: &Grey, c: [Pt; 4]) -> [Pt; 4] {
    let len = |i: usize| c[i].dist(c[(i + 1) % 4]);
    let short = ((len(0) + len(2)) / 2.0).min((len(1) + len(3)) / 2.0);
    let reach = short * SHADOW_REACH;
    let mut lines: Vec<Line> = (0..4).map(|i| Line::through(c[i], c[(i + 1) % 4])).collect();
    let mut moved = false;
    for (i, line) in lines.iter_mut().enumerate() {
        let (p, q) = (c[i], c[(i + 1) % 4]);
        let outer = edge_points(g, p, q, 1.5);
        let darker = outer.iter().filter(|(_, v)| *v < -1.0).count();
        if outer.is_empty() || darker * 3 < outer.len() * 2 {
            continue;
        }
        // The strongest brighter-inwards step between 1.5 px and `reach` inside the side.
        let inner = inner_steps(g, p, q, reach);
        let pts: Vec<Pt> = inner.iter().filter(|(_, v)| *v > 4.0).map(|(p, _)| *p).collect();
        if pts.len() * 2 < outer.len() {
            continue;
        }
        let fitted = fit_line(&pts).and_then(|l| {
            let near: Vec<Pt> = pts.iter().copied().filter(|p| (l.normal().dot(*p) - l.rho).abs() < 1.0).collect();
            (near.len() * 2 >= outer.len()).then(|| fit_line(&near)).flatten()
        });
        if let Some(l) = fitted {
            *line = l;
            moved = true;
        }
    }
    if !moved {
        return c;
    }
    let mut out = c;
    for i in 0..4 {
        match lines[(i + 3) % 4].meet(&lines[i]) {
            Some(m) => out[i] = m,
            None => return c,
        }
    }
    if is_convex(&out) { out } else { c }
}

/// Along the middle of the side `p` → `q`, the strongest brighter-inwards step between 1.5 px
/// and `reach` pixels inside it: position and strength (grey levels per pixel).
fn inner_steps(g: &Grey, p: Pt, q: Pt, reach: f64) -> Vec<(Pt, f32)> {
    let len = p.dist(q);
    let d = q.sub(p).scale(1.0 / len.max(1e-9));
    let normal = Pt::new(-d.y, d.x);
    let n = (len / 2.0).ceil().max(8.0) as usize;
    let (from, to) = (6, (reach * 4.0) as i32);
    let mut found = Vec::new();
    if to <= from + 2 {
        return found;
    }
    for k in 0..n {
        let base = p.add(q.sub(p).scale(0.1 + 0.8 * (k as f64 + 0.5) / n as f64));
        if !g.inside(base, 2.0) {
            continue;
        }
        let step = |s: i32| {
            let o = f64::from(s) / 4.0;
            g.sample(base.add(normal.scale(o + 0.5))) - g.sample(base.add(normal.scale(o - 0.5)))
        };
        let prof: Vec<f32> = (from - 1..=to + 1).map(step).collect();
        let Some((bi, bv)) = prof
            .iter()
            .enumerate()
            .skip(1)
            .take(prof.len() - 2)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, v)| (i, *v))
        else {
            continue;
        };
        let (a, b, cc) = (prof[bi - 1], bv, prof[bi + 1]);
        let denom = a - 2.0 * b + cc;
        let sub = if denom.abs() > 1e-6 { (0.5 * (a - cc) / denom).clamp(-0.5, 0.5) } else { 0.0 };
        let off = (f64::from(bi as i32 + from - 1) + f64::from(sub)) / 4.0;
        found.push((base.add(normal.scale(off)), bv));
    }
    found
}

/// Along the middle of the side `p` → `q`, the sub-pixel position and signed strength of the
/// strongest step across it within `reach` pixels.
fn edge_points(g: &Grey, p: Pt, q: Pt, reach: f64) -> Vec<(Pt, f32)> {
    let len = p.dist(q);
    let d = q.sub(p).scale(1.0 / len.max(1e-9));
    let normal = Pt::new(-d.y, d.x);
    let n = (len / 2.0).ceil().max(8.0) as usize;
    let mut found: Vec<(Pt, f32)> = Vec::new();
    for k in 0..n {
        let t = 0.1 + 0.8 * (k as f64 + 0.5) / n as f64;
        let base = p.add(q.sub(p).scale(t));
        if !g.inside(base, reach + 2.0) {
            continue;
        }
        // Directional derivative across the side at quarter-pixel steps.
        let steps = (reach * 4.0) as i32;
        let prof: Vec<f32> = (-steps - 1..=steps + 1)
            .map(|s| {
                let o = f64::from(s) / 4.0;
                g.sample(base.add(normal.scale(o + 0.5))) - g.sample(base.add(normal.scale(o - 0.5)))
            })
            .collect();
        let (mut bi, mut bv) = (1usize, 0f32);
        for (j, v) in prof.iter().enumerate().skip(1).take(prof.len() - 2) {
            if v.abs() > bv {
                (bi, bv) = (j, v.abs());
            }
        }
        let (a, b, cc) = (prof[bi - 1].abs(), prof[bi].abs(), prof[bi + 1].abs());
        let denom = a - 2.0 * b + cc;
        let sub = if denom.abs() > 1e-6 { (0.5 * (a - cc) / denom).clamp(-0.5, 0.5) } else { 0.0 };
        let off = (f64::from(bi as i32 - steps - 1) + f64::from(sub)) / 4.0;
        found.push((base.add(normal.scale(off)), prof[bi]));
    }
    found
}

/// Total-least-squares line through points (at least 6).
fn fit_line(pts: &[Pt]) -> Option<Line> {
    if pts.len() < 6 {
        return None;
    }
    let n = pts.len() as f64;
    let m = pts.iter().fold(Pt::default(), |s, p| s.add(*p)).scale(1.0 / n);
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for p in pts {
        let d = p.sub(m);
        sxx += d.x * d.x;
        syy += d.y * d.y;
        sxy += d.x * d.y;
    }
    // The normal is the eigenvector of the smaller eigenvalue of the scatter matrix.
    let theta = 0.5 * (2.0 * sxy).atan2(sxx - syy) + std::f64::consts::FRAC_PI_2;
    let n = Pt::new(theta.cos(), theta.sin());
    Some(Line { theta, rho: n.dot(m), votes: pts.len() as u32 })
}

/// Grid of the side/orientation test: cells across and down the upright card.
const GRID: (usize, usize) = (16, 10);

/// Per cell of the card seen through `to_pic` (card millimetres → pixels): how much darker
/// than the card's own ground it is (ink: text, portrait, emblem), and its edge strength.
fn detail_grid(g: &Grey, to_pic: &Homography) -> (Vec<f64>, Vec<f64>) {
    let (gw, gh) = GRID;
    let sub = 5;
    let (cw, ch) = (CARD_W / gw as f64, CARD_H / gh as f64);
    let step = cw / sub as f64 / 2.0;
    let mut samples = Vec::with_capacity(gw * gh * sub * sub);
    let mut edges = Vec::with_capacity(gw * gh);
    for cy in 0..gh {
        for cx in 0..gw {
            let mut e = 0.0;
            for sy in 0..sub {
                for sx in 0..sub {
                    let m = Pt::new(
                        cw * (cx as f64 + (sx as f64 + 0.5) / sub as f64),
                        ch * (cy as f64 + (sy as f64 + 0.5) / sub as f64),
                    );
                    let px = |dx: f64, dy: f64| f64::from(g.sample(to_pic.apply(Pt::new(m.x + dx, m.y + dy))));
                    samples.push(px(0.0, 0.0));
                    e += (px(step, 0.0) - px(-step, 0.0)).abs() + (px(0.0, step) - px(0.0, -step)).abs();
                }
            }
            edges.push(e);
        }
    }
    let mut sorted = samples.clone();
    sorted.sort_by(f64::total_cmp);
    // The card's ground: the light majority of its pixels.
    let ground = sorted[sorted.len() * 3 / 4].max(1.0);
    let ink = samples
        .chunks(sub * sub)
        .map(|cell| cell.iter().map(|v| ((ground - v) / ground).clamp(0.0, 1.0)).sum::<f64>())
        .collect();
    (ink, edges)
}

/// A side with its ink and edge grids.
type Template = (Side, Vec<f64>, Vec<f64>);

/// The ink and edge grids of each side drawn upright (`synthetic::plain_face`: the public
/// layout drawn with simple shapes), computed once.
fn templates() -> &'static [Template; 2] {
    static T: OnceLock<[Template; 2]> = OnceLock::new();
    T.get_or_init(|| {
        let ppm = 4.0;
        let holder = Holder { name: "张样例", number: "410102201001010011".into() };
        let to_pic = Homography::from_points(rect_corners(CARD_W, CARD_H), rect_corners(CARD_W * ppm, CARD_H * ppm));
        Side::ALL.map(|side| {
            let face = plain_face(side, &holder, ppm);
            let (ink, edges) = to_pic.as_ref().map(|h| detail_grid(&Grey::from_rgb(&face, 1), h)).unwrap_or_default();
            (side, ink, edges)
        })
    })
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma).powi(2);
        sbb += (y - mb).powi(2);
    }
    sab / (saa * sbb).sqrt().max(1e-12)
}

/// Mean darkness of the printing over the card (`detail_grid`'s ink per sample), 0–1.
fn printed(ink: &[f64]) -> f64 {
    let (gw, gh) = GRID;
    ink.iter().sum::<f64>() / (gw * gh * 25) as f64
}

/// Share of the least printed side's `printed` an outline must reach to be a card: a blank
/// sheet of paper or a patch of desk of the card's shape has next to no ink, a card has its
/// text and portrait or emblem; a third leaves room for glare and blur.
const MIN_PRINTED_SHARE: f64 = 0.33;

/// Which side is shown and which corner is the card's top-left: tries both ways up of the
/// outline (long sides as the reading direction) against both sides' layouts. Also returns
/// whether the outline holds printing enough for a card.
fn read_side(g: &Grey, c: [Pt; 4]) -> ([Pt; 4], Side, f64, bool) {
    let len = |i: usize| c[i].dist(c[(i + 1) % 4]);
    // Start on a long side: TL → TR runs along the card's reading line.
    let start = if len(0) + len(2) >= len(1) + len(3) { 0 } else { 1 };
    let mut scored = Vec::new();
    let mut enough_ink = false;
    for flip in [0, 2] {
        let s = start + flip;
        let order: [Pt; 4] = std::array::from_fn(|i| c[(s + i) % 4]);
        let Some(to_pic) = Homography::from_points(rect_corners(CARD_W, CARD_H), order) else {
            continue;
        };
        let (ink, edges) = detail_grid(g, &to_pic);
        let least = templates().iter().map(|(_, t_ink, _)| printed(t_ink)).fold(f64::MAX, f64::min);
        enough_ink = printed(&ink) >= least * MIN_PRINTED_SHARE;
        for (side, t_ink, t_edges) in templates() {
            scored.push((correlation(&ink, t_ink) + correlation(&edges, t_edges), order, *side));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some(&(best, order, side)) = scored.first() else {
        return (c, Side::Portrait, 0.0, false);
    };
    let other = scored.iter().find(|s| s.2 != side).map_or(-1.0, |s| s.0);
    (order, side, best - other, enough_ink)
}

/// Finds the card in a picture, or `None` when no outline of a card's shape has clean edges.
pub fn find(img: &RgbImage) -> Option<Finding> {
    let (w, h) = img.dimensions();
    if w < 16 || h < 16 {
        return None;
    }
    let factor = w.max(h).div_ceil(REFINE_SIZE).max(1);
    let planes: Vec<Grey> = PLANES.iter().map(|&weights| Grey::plane(img, factor, weights)).collect();
    let fine = &planes[0];
    let grads: Vec<Gradient> = planes
        .iter()
        .map(|p| if p.w.max(p.h) > SEARCH_SIZE as usize { Gradient::of(&p.half()) } else { Gradient::of(p) })
        .collect();
    let up = fine.w as f64 / grads[0].w as f64;
    let lines = hough(&grads);
    // A picture cropped to the card has no outline; an inner rectangle (the portrait's frame) may
    // still pass for one, so the whole-picture reading competes with the best outline.
    let whole = whole_picture(fine, factor, (w, h));
    let quads = quads(&grads, &lines);
    let Some(quad) = quads.first() else {
        return whole;
    };
    let outline_of = |q: &Quad| {
        let mut corners = q.corners.map(|p| p.scale(up));
        for reach in [up * 2.0 + 1.0, 1.5] {
            corners = refine(&planes, corners, reach);
        }
        let corners = off_shadow(fine, corners);
        is_convex(&corners).then_some(corners)
    };
    let corners = outline_of(quad)?;
    let (ordered, side, side_margin, card_like) = read_side(fine, corners);
    if !card_like {
        return whole;
    }
    let k = f64::from(factor);
    // The best few outlines apart from the card: the first with printing inside is a second card.
    let second = quads.iter().filter(|q| apart(&quad.corners, &q.corners)).take(SECOND_TRIES).find_map(|q| {
        let c = outline_of(q)?;
        let (ordered, _, _, card_like) = read_side(fine, c);
        card_like.then(|| (ordered.map(|p| p.scale(k)), q.confidence))
    });
    let outline = Finding {
        corners: ordered.map(|p| p.scale(k)),
        confidence: quad.confidence,
        side,
        side_margin,
        frame: (w, h),
        second,
    };
    match whole {
        Some(whole) if whole.confidence > outline.confidence => Some(whole),
        _ => Some(outline),
    }
}

/// Outlines apart from the card tried as a second card.
const SECOND_TRIES: usize = 3;

/// Largest departure of a picture's aspect from the card's for it to be taken as the card itself.
const WHOLE_PICTURE_ASPECT: f64 = 0.04;
/// The side reading must be this decisive before a picture without edges is taken as a card.
const WHOLE_PICTURE_MIN_MARGIN: f64 = 0.25;

/// A scan or a picture already cropped to the card has no table around it, so no edges to find:
/// when the picture has the card's shape (either way round) and its content reads clearly as
/// one side of the card, the picture's own frame is the card.
fn whole_picture(fine: &Grey, factor: u32, frame: (u32, u32)) -> Option<Finding> {
    let (w, h) = (fine.w as f64, fine.h as f64);
    let aspect = w.max(h) / w.min(h).max(1.0);
    if (aspect / ASPECT - 1.0).abs() > WHOLE_PICTURE_ASPECT {
        return None;
    }
    let (ordered, side, side_margin, _) = read_side(fine, rect_corners(w, h));
    if side_margin < WHOLE_PICTURE_MIN_MARGIN {
        return None;
    }
    let k = f64::from(factor);
    Some(Finding {
        corners: ordered.map(|p| p.scale(k)),
        // No outline was seen: as sure as the side reading, and never more than a clean outline.
        confidence: (0.5 + side_margin / 4.0).min(0.8),
        side,
        side_margin,
        frame,
        second: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::synthetic::{Background, CardPose, Desk, Holder, Rng, Scene, card_face, photo};
    use super::*;

    fn error(found: &Finding, truth: [Pt; 4]) -> f64 {
        let diag = truth[0].dist(truth[2]);
        (0..4).map(|i| found.corners[i].dist(truth[i])).fold(0.0, f64::max) / diag
    }

    #[test]
    fn finds_a_tilted_card_in_perspective_and_reads_which_way_up() {
        for (rotation, bg, seed) in
            [(8.0, Background::Wood, 1), (183.0, Background::Cloth, 2), (-95.0, Background::Wood, 3)]
        {
            let mut scene = Scene::simple(480, 360, seed);
            scene.background = bg;
            let card = scene.card.as_mut().unwrap();
            (card.rotation, card.fy, card.length) = (rotation, 0.15, 260.0);
            let (img, truth) = photo(&scene);
            let found = find(&img).unwrap_or_else(|| panic!("{rotation}: not found"));
            let e = error(&found, truth.corners.unwrap());
            assert!(e < 0.02, "{rotation}°: corner error {:.2} % of the diagonal", e * 100.0);
            assert_eq!(found.side, Side::Portrait, "{rotation}°");
            assert_eq!(found.second, None, "{rotation}°: one card");
        }
    }

    #[test]
    fn a_picture_cropped_to_the_card_is_the_card_and_a_plain_one_is_not() {
        let holder = Holder::fictional(&mut Rng::new(5));
        for side in Side::ALL {
            let scan = card_face(side, &holder, 10.0);
            let found = find(&scan).unwrap_or_else(|| panic!("{side:?}: a scan of the card is the card"));
            assert_eq!(found.side, side);
            assert!(max_corner_error(&found.corners) < 0.5, "{:?}", found.corners);
            assert_eq!(found.corners[0], Pt::new(0.0, 0.0), "upright scan: TL is the picture's");
        }
        // Upside down: the corners come back in reading order.
        let flipped = image::imageops::rotate180(&card_face(Side::Portrait, &holder, 10.0));
        let found = find(&flipped).expect("upside-down scan");
        assert!(found.corners[0].x > 800.0 && found.corners[0].y > 500.0, "{:?}", found.corners);
        // The card's shape but no card in it.
        let plain = RgbImage::from_pixel(856, 540, image::Rgb([200, 190, 170]));
        assert_eq!(find(&plain), None);
    }

    #[test]
    fn two_cards_are_two_outlines() {
        let mut scene = Scene::simple(1600, 1200, 26);
        scene.background = Background::Wood;
        let card = scene.card.as_mut().unwrap();
        (card.length, card.centre, card.rotation, card.shadow) = (620.0, Pt::new(440.0, 580.0), -4.0, true);
        let mut other = CardPose::upright(1600, 1200, 0.4, 27);
        (other.centre, other.rotation, other.fy) = (Pt::new(1170.0, 640.0), 7.0, 0.1);
        scene.second = Some(other.clone());
        let (img, truth) = photo(&scene);
        let f = find(&img).expect("found");
        let (second, confidence) = f.second.expect("a second card");
        assert!(confidence >= 0.5, "{confidence}");
        // Either card may be the first; each outline lies on one of them.
        let centre = |c: &[Pt; 4]| c.iter().fold(Pt::default(), |s, p| s.add(p.scale(0.25)));
        let (a, b) = (centre(&truth.corners.unwrap()), centre(&other.corners()));
        let (f1, f2) = (centre(&f.corners), centre(&second));
        let paired = (f1.dist(a) < 10.0 && f2.dist(b) < 10.0) || (f1.dist(b) < 10.0 && f2.dist(a) < 10.0);
        assert!(paired, "found {f1:?} and {f2:?}, cards at {a:?} and {b:?}");
    }

    #[test]
    fn tells_the_emblem_side() {
        let mut scene = Scene::simple(480, 360, 4);
        let card = scene.card.as_mut().unwrap();
        (card.side, card.rotation) = (Side::Emblem, 177.0);
        let (img, truth) = photo(&scene);
        let found = find(&img).expect("found");
        assert_eq!(found.side, Side::Emblem);
        assert!(error(&found, truth.corners.unwrap()) < 0.02);
    }

    #[test]
    fn no_card_no_finding() {
        for (bg, seed) in [(Background::Wood, 5), (Background::Cloth, 6), (Background::Desk, 7)] {
            let scene = Scene { card: None, background: bg, ..Scene::simple(480, 360, seed) };
            let (img, _) = photo(&scene);
            assert!(find(&img).is_none_or(|f| f.confidence < 0.5), "{bg:?}");
        }
    }

    /// The first seed from `from` whose photo is drawn on `desk`.
    fn seed_on(desk: Desk, from: u64) -> u64 {
        (from..).find(|&s| Desk::of_seed(s) == desk).unwrap_or(from)
    }

    #[test]
    fn finds_a_card_on_a_pale_desk_or_in_a_hand() {
        // The card's luma nearly matches these desks: only its tint and a faint step tell it.
        for (desk, bg, side, rotation) in [
            (Desk::White, Background::Desk, Side::Portrait, 0.0),
            (Desk::White, Background::Desk, Side::Emblem, 7.0),
            (Desk::PaleGrey, Background::Desk, Side::Portrait, -5.0),
            (Desk::PaleGrey, Background::Desk, Side::Emblem, 181.0),
            (Desk::White, Background::Hand, Side::Portrait, 3.0),
            (Desk::PaleGrey, Background::Hand, Side::Emblem, -2.0),
        ] {
            let seed = seed_on(desk, 31);
            let mut scene = Scene::simple(800, 600, seed);
            scene.background = bg;
            let card = scene.card.as_mut().unwrap();
            (card.side, card.rotation, card.fx, card.shadow) = (side, rotation, 0.1, true);
            let (img, truth) = photo(&scene);
            let case = format!("{desk:?} {bg:?} {side:?} {rotation}°");
            let found = find(&img).unwrap_or_else(|| panic!("{case}: not found"));
            assert!(found.confidence >= 0.5, "{case}: confidence {:.2}", found.confidence);
            let e = error(&found, truth.corners.unwrap());
            assert!(e < 0.01, "{case}: corner error {:.2} % of the diagonal", e * 100.0);
            assert_eq!(found.side, side, "{case}");
        }
    }

    /// Fills the convex quad `c` (clockwise on screen) with `colour` blended at `alpha`.
    fn fill_quad(img: &mut RgbImage, c: [Pt; 4], colour: [f64; 3], alpha: f64) {
        for (x, y, px) in img.enumerate_pixels_mut() {
            let p = Pt::new(f64::from(x) + 0.5, f64::from(y) + 0.5);
            if (0..4).all(|i| c[(i + 1) % 4].sub(c[i]).cross(p.sub(c[i])) >= 0.0) {
                px.0 = std::array::from_fn(|k| (f64::from(px.0[k]) * (1.0 - alpha) + colour[k] * alpha) as u8);
            }
        }
    }

    #[test]
    fn a_pale_desk_with_paper_or_a_shadow_but_no_card_gives_no_finding() {
        let rect = |cx: f64, cy: f64, w: f64, h: f64| {
            [Pt::new(cx - w, cy - h), Pt::new(cx + w, cy - h), Pt::new(cx + w, cy + h), Pt::new(cx - w, cy + h)]
        };
        for desk in [Desk::White, Desk::PaleGrey] {
            let seed = seed_on(desk, 40);
            let (plain, _) = photo(&Scene { card: None, ..Scene::simple(800, 600, seed) });
            // A square note of neutral white paper, brighter than the desk.
            let mut note = plain.clone();
            fill_quad(&mut note, rect(400.0, 300.0, 180.0, 180.0), [246.0, 246.0, 244.0], 1.0);
            // An A4 sheet (1.41 : 1, within the perspective allowance of the card's shape).
            let mut a4 = plain.clone();
            fill_quad(&mut a4, rect(400.0, 300.0, 250.0, 177.0), [246.0, 246.0, 244.0], 1.0);
            // The soft-edged shadow of the phone and the hand holding it, from the picture's corner.
            let mut shadow = plain.clone();
            for k in 0..6 {
                let grow = f64::from(k) * 3.0;
                fill_quad(&mut shadow, rect(0.0, 600.0, 380.0 + grow, 330.0 + grow), [0.0; 3], 0.05);
            }
            for (what, img) in [("plain", &plain), ("note", &note), ("A4", &a4), ("shadow", &shadow)] {
                let found = find(img);
                assert!(found.as_ref().is_none_or(|f| f.confidence < 0.5), "{desk:?} {what}: {found:?}");
            }
        }
    }
}
