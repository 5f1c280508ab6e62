//! Hostile CSV/TSV bytes through the delimited reader: it must return a table or an error,
//! never panic, and stay within its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall::input::{parse_delimited, Delimiter, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    // Sniffed, as for a file with no --delimiter.
    let _ = parse_delimited("fuzz.csv", data, None, &limits);
    // Forced, as with --delimiter: the first byte picks one, so each gets its share of runs
    // on the same inputs without a second target.
    if let Some((&first, rest)) = data.split_first() {
        let delimiter = match first % 3 {
            0 => Delimiter::Comma,
            1 => Delimiter::Semicolon,
            _ => Delimiter::Tab,
        };
        let _ = parse_delimited("fuzz.csv", rest, Some(delimiter), &limits);
    }
});
