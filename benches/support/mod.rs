//! What the benches share: repeated timing with median, minimum and maximum, and units.

// Each bench uses a different part of this module.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Timings of `runs` calls, as "median 812 ms (min 790, max 850)".
pub struct Timings(pub Vec<Duration>);

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut sorted = self.0.clone();
        sorted.sort();
        match (sorted.first(), sorted.last()) {
            (Some(min), Some(max)) => write!(
                f,
                "median {} (min {}, max {})",
                millis(sorted[sorted.len() / 2]),
                millis(*min).trim_end_matches(" ms"),
                millis(*max).trim_end_matches(" ms")
            ),
            _ => write!(f, "not measured"),
        }
    }
}

pub fn time(runs: usize, mut step: impl FnMut() -> Result<(), String>) -> Result<Timings, String> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        step()?;
        times.push(started.elapsed());
    }
    Ok(Timings(times))
}

pub fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

pub fn megabytes(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

impl Timings {
    pub fn median(&self) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}
