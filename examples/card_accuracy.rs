//! Accuracy and speed of the card finder on generated phone photos of fictional cards.
//!
//! ```sh
//! cargo run --release --example card_accuracy                 # 200 photos of 1600×1200
//! cargo run --release --example card_accuracy -- 400 2000 1500 # count, width, height
//! ```
//!
//! Each photo is `synthetic::Scene::random(w, h, seed)` for seeds 1..=count: wood, desk, cloth
//! or a hand under the card; any rotation; perspective up to 25 %; shadows, glare, blur; about
//! 10 % grey copies, 8 % cards partly outside the picture and 6 % photos with no card. Printed:
//! found / not-found against the truth; over the cards wholly inside, the corner error as % of
//! the card's diagonal (mean, max) and the tilt error; side and orientation accuracy; the
//! finder's time per photo; and the measures the thresholds of `[document.card]` were set from.
//! Then the same per background (the desk's colour told apart: two of the four are pale), with
//! a no-card twin of every photo (the same scene with the card left out) to count false
//! findings where the card's own photos have too few. Last, the finder's time on one 4000×3000
//! (12 MP) photo.
//!
//! Then the number reader on the same scenes, each saved as a JPEG of quality 50–95 (drawn from
//! the seed) and analysed as the worker does: every portrait-side card wholly inside the picture
//! counts as read correctly, not read (no reading, or no card found), or read WRONG (a number
//! accepted that is not the printed one: the target is none). With the per-character template
//! correlation and lead over the runner-up for characters matched right and wrong, the measures
//! `number_score` and `number_margin` were set from; and the same tally for each margin in
//! `MARGINS`, so a change of `number_margin` is judged on the same readings.

use precheck::document::card::checks::{measure, screen_peak, second_card};
use precheck::document::card::number::read;
use precheck::document::card::synthetic::Rng;
use precheck::document::card::synthetic::{Background, Desk, Scene, photo};
use precheck::document::card::{Pt, analyse_found, find};
use precheck::imaging::decode::decode;
use precheck::imaging::jpeg_write::encode;
use precheck::photo::content::scene::recapture::loudest;
use precheck::profile::default_profile;
use std::ops::{Add as _, Sub as _}; // `Pt` sums and differences as methods: `a.sub(b).add(c)`
use std::time::Instant;

fn tilt(c: &[Pt; 4]) -> f64 {
    let v = c[1].sub(c[0]).add(c[2].sub(c[3]));
    v.y.atan2(v.x).to_degrees()
}

fn summary(name: &str, v: &mut [f64]) {
    if v.is_empty() {
        println!("  {name}: –");
        return;
    }
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "  {name}: n {} · mean {mean:.3} · min {:.3} · p10 {:.3} · median {:.3} · p90 {:.3} · max {:.3}",
        v.len(),
        q(0.0),
        q(0.1),
        q(0.5),
        q(0.9),
        q(1.0)
    );
}

/// What the photo lies on: the background, and for a desk or a hand the desk's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ground(Background, Option<Desk>);

impl Ground {
    fn of(scene: &Scene) -> Ground {
        let desk = matches!(scene.background, Background::Desk | Background::Hand).then(|| Desk::of_seed(scene.seed));
        Ground(scene.background, desk)
    }
    fn label(self) -> String {
        match self.1 {
            Some(d) => format!("{:?}/{:?}", self.0, d),
            None => format!("{:?}", self.0),
        }
    }
}

/// Found and missed on one ground.
#[derive(Default)]
struct Tally {
    found: usize,
    missed: Vec<u64>,
    /// Worst-corner errors of the found whole cards, % of the diagonal.
    errors: Vec<f64>,
    /// No-card twins: found (false) of total.
    false_found: usize,
    twins: usize,
}

fn tally_for(tallies: &mut Vec<(Ground, Tally)>, g: Ground) -> &mut Tally {
    let i = match tallies.iter().position(|(k, _)| *k == g) {
        Some(i) => i,
        None => {
            tallies.push((g, Tally::default()));
            tallies.len() - 1
        }
    };
    &mut tallies[i].1
}

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let count = args.first().copied().unwrap_or(200);
    let (w, h) = (args.get(1).copied().unwrap_or(1600) as u32, args.get(2).copied().unwrap_or(1200) as u32);
    let spec = default_profile().document.card.clone().expect("[document.card] in the default profile");
    let (mut tp, mut fn_, mut fp, mut tn, mut cut_found, mut cut_total) = (0, 0, 0, 0, 0, 0);
    let (mut corner_mean, mut corner_max, mut tilt_err, mut times) = (vec![], vec![], vec![], vec![]);
    let (mut side_ok, mut up_ok, mut judged) = (0, 0, 0);
    let (mut conf_card, mut conf_none, mut margin) = (vec![], vec![], vec![]);
    let (mut sharp_sharp, mut sharp_blur, mut chroma_col, mut chroma_grey) = (vec![], vec![], vec![], vec![]);
    let mut worst: Vec<(f64, u64)> = vec![];
    let mut tallies: Vec<(Ground, Tally)> = vec![];
    // Two cards reported where there is one; `card.recapture` on the ordinary cards and on the
    // same cards shown on a phone's screen (found / warned / strongest ratio of each).
    let (mut second_false, mut plain_warned, mut plain_ratio) = (vec![], vec![], vec![]);
    let (mut screens, mut screen_found, mut screen_warned, mut screen_ratio, mut screen_missed) =
        (0, 0, 0, vec![], vec![]);
    let strongest = |m: &precheck::document::card::checks::Measures| {
        loudest(m.ground_peaks.iter().copied(), spec.recapture_amplitude).map_or(0.0, |p| f64::from(p.ratio))
    };
    for seed in 1..=count {
        let scene = Scene::random(w, h, seed);
        let ground = Ground::of(&scene);
        let (twin, _) = photo(&Scene { card: None, ..scene.clone() });
        let t0 = Instant::now();
        let twin_found = find(&twin).is_some_and(|f| f.confidence >= spec.min_confidence);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        let tally = tally_for(&mut tallies, ground);
        tally.twins += 1;
        tally.false_found += usize::from(twin_found);
        let (img, truth) = photo(&scene);
        let t0 = Instant::now();
        let finding = find(&img);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        let found = finding.as_ref().filter(|f| f.confidence >= spec.min_confidence);
        if found.is_some_and(|f| second_card(f, &spec).is_some()) {
            second_false.push(seed);
        }
        let Some(tc) = truth.corners else {
            conf_none.push(finding.as_ref().map_or(0.0, |f| f.confidence));
            if found.is_some() {
                fp += 1
            } else {
                tn += 1
            }
            continue;
        };
        let inside = tc.iter().all(|p| p.x >= 0.0 && p.y >= 0.0 && p.x <= f64::from(w) && p.y <= f64::from(h));
        if !inside {
            cut_total += 1;
            cut_found += usize::from(found.is_some());
            continue;
        }
        conf_card.push(finding.as_ref().map_or(0.0, |f| f.confidence));
        let Some(f) = found else {
            fn_ += 1;
            tally_for(&mut tallies, ground).missed.push(seed);
            continue;
        };
        tp += 1;
        let diag = tc[0].dist(tc[2]);
        // Corner error in the finder's own order (a wrong way up counts in `up_ok`, not here):
        // match the found outline to the truth at the best of the four rotations.
        let err = |shift: usize| -> Vec<f64> {
            (0..4).map(|i| f.corners[(i + shift) % 4].dist(tc[i]) / diag * 100.0).collect()
        };
        let best =
            (0..4).min_by(|&a, &b| err(a).iter().sum::<f64>().total_cmp(&err(b).iter().sum::<f64>())).unwrap_or(0);
        let e = err(best);
        corner_mean.push(e.iter().sum::<f64>() / 4.0);
        let emax = e.iter().copied().fold(0.0, f64::max);
        corner_max.push(emax);
        let tally = tally_for(&mut tallies, ground);
        tally.found += 1;
        tally.errors.push(emax);
        worst.push((emax, seed));
        let dt = (tilt(&f.corners) - tilt(&tc) + 540.0).rem_euclid(360.0) - 180.0;
        let card = scene.card.as_ref().expect("truth has a card");
        judged += 1;
        side_ok += usize::from(f.side == card.side);
        up_ok += usize::from(best == 0);
        if best == 0 {
            tilt_err.push(dt.abs());
        }
        margin.push(f.side_margin);
        let m = measure(&img, f, img.width());
        plain_ratio.push(strongest(&m));
        if screen_peak(&m.ground_peaks, &spec).is_some() {
            plain_warned.push(seed);
        }
        let (shown, _) = photo(&Scene { screen: true, ..scene.clone() });
        screens += 1;
        if let Some(sf) = find(&shown).filter(|f| f.confidence >= spec.min_confidence) {
            screen_found += 1;
            let sm = measure(&shown, &sf, shown.width());
            screen_ratio.push(strongest(&sm));
            if screen_peak(&sm.ground_peaks, &spec).is_some() {
                screen_warned += 1;
            } else {
                screen_missed.push(seed);
            }
        }
        if let Some(s) = m.sharpness {
            if scene.blur == 0.0 {
                sharp_sharp.push(s)
            } else if scene.blur > 1.2 {
                sharp_blur.push(s)
            }
        }
        if scene.grey { chroma_grey.push(m.chroma) } else { chroma_col.push(m.chroma) }
    }
    println!("card_accuracy: {count} photos of {w}×{h} (seeds 1..={count}); min_confidence {}", spec.min_confidence);
    println!("found/not found vs truth (whole cards and no-card photos):");
    println!("  card, found {tp} · card, missed {fn_} · no card, found {fp} · no card, none {tn}");
    println!("  cards partly outside the picture: found {cut_found} of {cut_total}");
    println!("side right {side_ok} of {judged}; right way up {up_ok} of {judged}");
    println!("corner error, % of the card's diagonal (found whole cards):");
    summary("mean of 4 corners", &mut corner_mean);
    summary("worst corner", &mut corner_max);
    summary("tilt error, degrees (right way up)", &mut tilt_err);
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("  worst seeds: {:?}", &worst[..worst.len().min(5)]);
    println!("per ground (whole cards; no-card twins: the same scenes without the card):");
    tallies.sort_by_key(|(g, _)| g.label());
    let (mut twins_found, mut twins) = (0, 0);
    for (g, t) in &tallies {
        let n = t.found + t.missed.len();
        let (mean, max) = if t.errors.is_empty() {
            (f64::NAN, f64::NAN)
        } else {
            (t.errors.iter().sum::<f64>() / t.errors.len() as f64, t.errors.iter().copied().fold(0.0, f64::max))
        };
        println!(
            "  {:<16} found {:>3} of {:>3} · worst corner mean {mean:.2} % max {max:.2} % · no-card twins found {} of {} · missed seeds {:?}",
            g.label(),
            t.found,
            n,
            t.false_found,
            t.twins,
            t.missed
        );
        (twins_found, twins) = (twins_found + t.false_found, twins + t.twins);
    }
    println!("  false findings on the no-card twins: {twins_found} of {twins}");
    println!("two cards reported in a photo of one (or none): {} of {count} {second_false:?}", second_false.len());
    println!("card.recapture (peak ratio {}, amplitude {}):", spec.recapture_peak_ratio, spec.recapture_amplitude);
    println!("  ordinary cards found whole: warned {} of {} {plain_warned:?}", plain_warned.len(), plain_ratio.len());
    summary("strongest ground peak ratio, ordinary cards", &mut plain_ratio);
    println!(
        "  the same cards on a phone's screen: found {screen_found} of {screens}, warned {screen_warned} of {screen_found}; not warned {screen_missed:?}"
    );
    summary("strongest ground peak ratio, on a screen", &mut screen_ratio);
    println!("finder time, ms (card photos and no-card twins):");
    summary("per photo", &mut times);
    println!("measures behind the thresholds:");
    summary("confidence, cards", &mut conf_card);
    summary("confidence, no card", &mut conf_none);
    summary("side margin", &mut margin);
    summary("sharpness, no blur", &mut sharp_sharp);
    summary("sharpness, blur σ > 1.2", &mut sharp_blur);
    summary("chroma, colour", &mut chroma_col);
    summary("chroma, grey copies", &mut chroma_grey);
    let big = Scene::simple(4000, 3000, 1);
    let (img, _) = photo(&big);
    let mut t12 = vec![];
    for _ in 0..5 {
        let t0 = Instant::now();
        let f = find(&img);
        t12.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert!(f.is_some(), "the 12 MP card is found");
    }
    summary("finder time on a 4000×3000 photo, ms (5 runs)", &mut t12);
    numbers(count, (w, h), &spec);
}

/// The number reader over the scenes (see the header).
/// The `number_margin` values compared on the same readings.
const MARGINS: [f64; 3] = [0.08, 0.12, 0.15];

fn numbers(count: u64, (w, h): (u32, u32), spec: &precheck::profile::CardSpec) {
    let (mut right, mut unread, mut no_card, mut wrong, mut cards) = (0, 0, 0, vec![], 0);
    // Per margin: read correctly, not read, read wrong.
    let mut by_margin = [(0, 0, 0); MARGINS.len()];
    let (mut ok_score, mut ok_margin, mut bad_score, mut bad_margin, mut times) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut unread_seeds = vec![];
    for seed in 1..=count {
        let scene = Scene::random(w, h, seed);
        let (img, truth) = photo(&scene);
        let (Some(number), Some(tc)) = (truth.number, truth.corners) else { continue };
        if !tc.iter().all(|p| p.x >= 0.0 && p.y >= 0.0 && p.x <= f64::from(w) && p.y <= f64::from(h)) {
            continue;
        }
        cards += 1;
        let quality = 50 + Rng::new(seed ^ 0x0C).below(46) as u8;
        let Ok(img) = encode(&img, quality, 300)
            .and_then(|b| decode(&b, (u32::MAX, u32::MAX)).map(|d| d.image).map_err(|e| format!("{e:?}")))
        else {
            continue;
        };
        let t0 = Instant::now();
        let a = analyse_found(&img, find(&img), img.width(), spec);
        let Some(f) = a.finding.as_ref() else {
            no_card += 1;
            continue;
        };
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        let r = read(&img, f, spec);
        for (tally, margin) in by_margin.iter_mut().zip(MARGINS) {
            let at = precheck::profile::CardSpec { number_margin: margin, ..spec.clone() };
            match read(&img, f, &at).number {
                Some(n) if n == number => tally.0 += 1,
                Some(_) => tally.2 += 1,
                None => tally.1 += 1,
            }
        }
        for (c, t) in r.chars.iter().zip(number.chars()) {
            if c.ch == t {
                ok_score.push(c.score);
                ok_margin.push(c.margin);
            } else {
                bad_score.push(c.score);
                bad_margin.push(c.margin);
            }
        }
        match &a.number {
            Some(n) if *n == number => right += 1,
            Some(n) => wrong.push((seed, n.clone(), number)),
            None => {
                unread += 1;
                let weakest = r.weakest().map(|c| (c.score * 100.0).round() / 100.0);
                unread_seeds.push((seed, r.guess() == number, weakest));
            }
        }
    }
    println!("number reading: {cards} portrait-side cards wholly inside, JPEG quality 50–95:");
    println!(
        "  read correctly {right} · not read {unread} · card not found {no_card} · read WRONG {} (number_score {}, number_margin {})",
        wrong.len(),
        spec.number_score,
        spec.number_margin
    );
    println!("  wrong: {wrong:?}");
    for ((right, unread, wrong), margin) in by_margin.iter().zip(MARGINS) {
        println!("  at number_margin {margin}: read correctly {right} · not read {unread} · read WRONG {wrong}");
    }
    println!("  not read (seed, best guess was right, weakest score): {unread_seeds:?}");
    summary("score, characters matched right", &mut ok_score);
    summary("margin, characters matched right", &mut ok_margin);
    summary("score, characters matched wrong", &mut bad_score);
    summary("margin, characters matched wrong", &mut bad_margin);
    summary("card analysis with the reading, ms", &mut times);
}
