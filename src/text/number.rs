//! Numbers as reports show them: scores and weights rounded to three decimals, shares as
//! whole percentages. One rounding and one percentage for every stage, so a figure reads the
//! same in the matching, the audit and each report, to the last bit.

/// The nearest integer, halves away from zero: the same value as [`f64::round`], which the
/// baseline x86-64 target has no instruction for and so calls out to the C library; every
/// `exp` and every rounded score needs one. Inlined, as it was beside `exp` before it moved
/// here: it sits in matching's hottest loop.
#[inline]
pub fn round(x: f64) -> f64 {
    let magnitude = x.abs();
    // From 2^52 on every float is an integer; NaN and infinities are their own rounding.
    if magnitude >= 4_503_599_627_370_496.0 || x.is_nan() {
        return x;
    }
    let whole = magnitude as u64 as f64;
    // Exact: `whole` is `magnitude` with its fraction bits cleared.
    let rounded = if magnitude - whole >= 0.5 {
        whole + 1.0
    } else {
        whole
    };
    rounded.copysign(x)
}

/// Rounded to three decimals, halves away from zero: how every score, weight and share is
/// stored in a report, so that reports compare equal across machines and runs.
pub fn round3(value: f64) -> f64 {
    round(value * 1000.0) / 1000.0
}

/// A share (0 to 1) as a whole percentage: 0.256 -> "26%".
pub fn percent(share: f64) -> String {
    whole_percent(share * 100.0)
}

/// `part` of `whole` as a whole percentage, "0%" of nothing: 1 of 3 -> "33%".
pub fn percent_of(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    whole_percent(part as f64 * 100.0 / whole as f64)
}

fn whole_percent(hundredths: f64) -> String {
    format!("{hundredths:.0}%")
}

/// A count as a reader reads it, its thousands set apart: 5000 -> "5,000". Every count a
/// person reads (people, tasks, rows, "and 428 more") goes through here; JSON and CSV,
/// which tools read, keep bare numbers.
pub fn thousands(count: usize) -> String {
    grouped(count.to_string())
}

/// A figure with `places` decimals, rounded as `format!` rounds, its thousands set apart:
/// hours and FTE. 116768.4 at 0 places -> "116,768"; 2919.23 at 1 -> "2,919.2".
pub fn decimal(value: f64, places: usize) -> String {
    grouped(format!("{value:.places$}"))
}

/// Commas between the groups of three digits of a number's whole part, its sign and
/// fraction kept: "-1234567.5" -> "-1,234,567.5". Anything else (NaN, "inf") is left as it is.
fn grouped(number: String) -> String {
    let digits_start = usize::from(number.starts_with('-'));
    let whole_end = number[digits_start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(number.len(), |at| at + digits_start);
    let whole = &number[digits_start..whole_end];
    if whole.len() <= 3 {
        return number;
    }
    let mut out = String::with_capacity(number.len() + whole.len() / 3);
    out.push_str(&number[..digits_start]);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(&number[whole_end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_is_the_standard_library_round_bit_for_bit() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut x = -1000.0;
        while x < 1000.0 {
            values.push(x);
            x += 0.0625 + 1e-7;
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            values.push(f64::from_bits(seed));
        }
        for x in values {
            let (ours, std) = (round(x), x.round());
            assert!(
                ours.to_bits() == std.to_bits() || (ours.is_nan() && std.is_nan()),
                "{x}"
            );
        }
    }

    #[test]
    fn three_decimals_as_the_standard_library_rounds_them() {
        for x in [0.0, 0.0005, -0.0005, 1.23449, 2.0 / 3.0, 1234.5675, -7.1e-4] {
            assert_eq!(
                round3(x).to_bits(),
                ((x * 1000.0).round() / 1000.0).to_bits(),
                "{x}"
            );
        }
    }

    #[test]
    fn percentages_are_whole() {
        assert_eq!(percent(0.256), "26%");
        assert_eq!(percent_of(1, 3), "33%");
        assert_eq!(percent_of(2, 0), "0%");
    }

    #[test]
    fn thousands_are_set_apart_in_counts_and_figures() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(232_463), "232,463");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(u64::MAX as usize), "18,446,744,073,709,551,615");
        assert_eq!(decimal(116_768.4, 0), "116,768");
        assert_eq!(decimal(2_919.23, 1), "2,919.2");
        assert_eq!(decimal(999.96, 1), "1,000.0");
        assert_eq!(decimal(-1_234_567.5, 1), "-1,234,567.5");
        assert_eq!(decimal(12.5, 1), "12.5");
        assert_eq!(decimal(f64::NAN, 1), "NaN");
    }
}
