//! Exponential and logarithm from plain IEEE arithmetic, so that a trained model's weights and
//! every probability in a report are the same bits on any machine: the platform's `exp` and
//! `ln` may differ in their last bit from one C library to another, while `+ - * /` may not.

use crate::text::round;

/// ln 2 split in two, the high part with its low bits zero so `k · LN_2_HI` is exact.
const LN_2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN_2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const INV_LN_2: f64 = std::f64::consts::LOG2_E;

/// 1/n for the Taylor series below, so its loop multiplies instead of dividing (a division
/// is several times slower, and every class of every task needs an `exp`).
const RECIPROCALS: [f64; 14] = {
    let mut table = [0.0; 14];
    let mut n = 1;
    while n < 14 {
        table[n] = 1.0 / n as f64;
        n += 1;
    }
    table
};

/// `e^x` to within a few units in the last place; 0 below -708 and infinity above 709.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -708.0 {
        return 0.0;
    }
    // x = k·ln 2 + r with |r| ≤ ln 2 / 2, then e^r by its Taylor series, Horner's way.
    let k = round(x * INV_LN_2);
    let r = (x - k * LN_2_HI) - k * LN_2_LO;
    let mut sum = 1.0;
    for n in (1..=13).rev() {
        sum = 1.0 + sum * r * RECIPROCALS[n];
    }
    sum * two_to(k as i32)
}

/// [`exp`] of every value in place, the same bits as one at a time. Four at a time in
/// lockstep: each `exp` is a chain of dependent steps, and side by side the processor runs
/// the four chains at once. A softmax needs one per class of every task.
pub fn exp_in_place(values: &mut [f64]) {
    const LANES: usize = 4;
    let mut chunks = values.chunks_exact_mut(LANES);
    for chunk in &mut chunks {
        if !chunk.iter().all(|x| (-708.0..=709.0).contains(x)) {
            chunk.iter_mut().for_each(|x| *x = exp(*x));
            continue;
        }
        let k: [f64; LANES] = std::array::from_fn(|i| round(chunk[i] * INV_LN_2));
        let r: [f64; LANES] = std::array::from_fn(|i| (chunk[i] - k[i] * LN_2_HI) - k[i] * LN_2_LO);
        let mut sum = [1.0; LANES];
        for n in (1..=13).rev() {
            for i in 0..LANES {
                sum[i] = 1.0 + sum[i] * r[i] * RECIPROCALS[n];
            }
        }
        for i in 0..LANES {
            chunk[i] = sum[i] * two_to(k[i] as i32);
        }
    }
    chunks
        .into_remainder()
        .iter_mut()
        .for_each(|x| *x = exp(*x));
}

/// `2^k` for `k` in -1022..=1023, built from its bits.
fn two_to(k: i32) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// The natural logarithm of a positive number (negative infinity at 0).
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // x = m · 2^e with m in [√½, √2), then ln m = 2·atanh((m−1)/(m+1)) by its series.
    let (mut m, mut e) = (x, 0i32);
    if m < f64::MIN_POSITIVE {
        m *= two_to(54);
        e -= 54;
    }
    let bits = m.to_bits();
    e += ((bits >> 52) & 0x7ff) as i32 - 1023;
    m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut sum = 0.0;
    for n in (0..=14).rev() {
        sum = 1.0 / f64::from(2 * n + 1) + s2 * sum;
    }
    let e = f64::from(e);
    e * LN_2_HI + (2.0 * s * sum + e * LN_2_LO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        a == b || ((a - b) / b).abs() < 4.0 * f64::EPSILON
    }

    #[test]
    fn exp_agrees_with_the_platform_to_the_last_bits() {
        let mut x = -700.0;
        while x < 700.0 {
            assert!(close(exp(x), x.exp()), "{x}: {} {}", exp(x), x.exp());
            x += 0.337;
        }
        for x in [0.0, 1e-12, -1e-12, 0.5, -0.5, 1.0, std::f64::consts::LN_2] {
            assert!(close(exp(x), x.exp()), "{x}");
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
    }

    #[test]
    fn exp_in_place_is_exp_of_each() {
        let mut values: Vec<f64> = (0..203).map(|i| f64::from(i) * 3.7 - 720.0).collect();
        values.extend([f64::NAN, 709.5, -708.0, 709.0, 0.0, -0.0]);
        let expected: Vec<u64> = values.iter().map(|&x| exp(x).to_bits()).collect();
        exp_in_place(&mut values);
        let got: Vec<u64> = values.iter().map(|x| x.to_bits()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn ln_agrees_with_the_platform_to_the_last_bits() {
        let mut x = 1e-300;
        while x < 1e300 {
            assert!(close(ln(x), x.ln()), "{x}: {} {}", ln(x), x.ln());
            x *= 1.7;
        }
        for x in [1.0, 2.0, 0.5, 1.0 + 1e-9, 1e-310, f64::MAX] {
            assert!(
                close(ln(x), x.ln()) || (ln(x) - x.ln()).abs() < 1e-15,
                "{x}"
            );
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
    }
}
