//! Small robust statistics.

use super::colour::Lab;

/// Median (upper median for an even count); 0 for no values. Reorders `v`.
pub fn median(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// 1.4826 × median absolute deviation: the standard deviation of normal data, unmoved by a few
/// stray pixels (hair, a mask edge).
pub fn robust_sigma(v: &[f32]) -> f32 {
    let mut work = v.to_vec();
    let m = median(&mut work);
    for x in work.iter_mut() {
        *x = (*x - m).abs();
    }
    1.4826 * median(&mut work)
}

/// Channel-wise median of some colours.
pub fn median_lab(labs: &[Lab]) -> Lab {
    let ch = |f: fn(&Lab) -> f32| median(&mut labs.iter().map(f).collect::<Vec<_>>());
    Lab { l: ch(|c| c.l), a: ch(|c| c.a), b: ch(|c| c.b) }
}
