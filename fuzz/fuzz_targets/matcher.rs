//! Arbitrary task text through the matcher: no panic, and the same verdict twice.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rolecall::{MatchSettings, Matcher, Rubric};

fn rubric() -> &'static Rubric {
    static RUBRIC: OnceLock<Rubric> = OnceLock::new();
    RUBRIC.get_or_init(|| match Rubric::built_in() {
        Ok(rubric) => rubric,
        Err(error) => panic!("built-in rubric: {error}"),
    })
}

fn matcher() -> &'static Matcher<'static> {
    static MATCHER: OnceLock<Matcher<'static>> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(rubric(), MatchSettings::default()))
}

fuzz_target!(|text: &str| {
    let first = matcher().classify(text);
    let second = matcher().classify(text);
    // Debug text, not ==: a NaN score would make == fail on two identical verdicts.
    assert_eq!(
        format!("{first:?}"),
        format!("{second:?}"),
        "classify is not deterministic"
    );
    for score in first
        .roles
        .iter()
        .map(|r| r.score)
        .chain(first.ranked.iter().map(|m| m.score))
    {
        assert!(score.is_finite(), "score {score} for {text:?}");
    }
});
