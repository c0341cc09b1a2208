//! A small in-place radix-2 FFT, enough for the 32×32 and 64×64 blocks the recapture check
//! looks at (a 64×64 transform is 128 one-dimensional 64-point transforms: microseconds).
//! `rustfft` would do the same with a much larger dependency.

/// In-place forward DFT of `re`/`im` (length a power of two): X[k] = Σ x[n]·e^(−2πi·kn/N).
pub fn fft(re: &mut [f32], im: &mut [f32]) {
    let n = re.len();
    debug_assert!(n.is_power_of_two() && im.len() == n);
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    // Twiddles e^(−2πi·k/n) for k < n/2, computed once; stage `len` uses every (n/len)-th.
    let twiddles: Vec<(f32, f32)> = (0..n / 2)
        .map(|k| {
            let a = -2.0 * std::f64::consts::PI * k as f64 / n as f64;
            (a.cos() as f32, a.sin() as f32)
        })
        .collect();
    let mut len = 2;
    while len <= n {
        let stride = n / len;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (wr, wi) = twiddles[k * stride];
                let (a, b) = (start + k, start + k + len / 2);
                let (tr, ti) = (re[b] * wr - im[b] * wi, re[b] * wi + im[b] * wr);
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
        len <<= 1;
    }
}

/// Power spectrum |X|² of an `n`×`n` real block (row-major), 2-D.
pub fn power_2d(block: &[f32], n: usize) -> Vec<f32> {
    let mut re = block.to_vec();
    let mut im = vec![0f32; n * n];
    for row in 0..n {
        fft(&mut re[row * n..(row + 1) * n], &mut im[row * n..(row + 1) * n]);
    }
    let (mut cr, mut ci) = (vec![0f32; n], vec![0f32; n]);
    for col in 0..n {
        for row in 0..n {
            cr[row] = re[row * n + col];
            ci[row] = im[row * n + col];
        }
        fft(&mut cr, &mut ci);
        for row in 0..n {
            re[row * n + col] = cr[row];
            im[row * n + col] = ci[row];
        }
    }
    re.iter().zip(&im).map(|(r, i)| r * r + i * i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_naive_dft() {
        let n = 16;
        let x: Vec<f32> = (0..n).map(|i| ((i * 7 + 3) % 11) as f32 - 5.0).collect();
        let (mut re, mut im) = (x.clone(), vec![0f32; n]);
        fft(&mut re, &mut im);
        for k in 0..n {
            let (mut sr, mut si) = (0f64, 0f64);
            for (t, v) in x.iter().enumerate() {
                let a = -2.0 * std::f64::consts::PI * (k * t) as f64 / n as f64;
                sr += f64::from(*v) * a.cos();
                si += f64::from(*v) * a.sin();
            }
            assert!((f64::from(re[k]) - sr).abs() < 1e-3 && (f64::from(im[k]) - si).abs() < 1e-3, "bin {k}");
        }
    }

    #[test]
    fn a_2d_cosine_lands_on_its_bin() {
        let n = 32;
        let block: Vec<f32> = (0..n * n)
            .map(|i| {
                let (x, y) = ((i % n) as f32, (i / n) as f32);
                (2.0 * std::f32::consts::PI * (3.0 * x + 5.0 * y) / n as f32).cos()
            })
            .collect();
        let p = power_2d(&block, n);
        let (best, _) = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap();
        assert!(best == 5 * n + 3 || best == (n - 5) * n + (n - 3), "{best}");
    }
}
