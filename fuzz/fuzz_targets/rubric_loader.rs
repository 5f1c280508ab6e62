//! Arbitrary text as a user's rubric file: loading must give a rubric or an error whose line
//! number points inside a source, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall::rubric::{Rubric, RubricError, BUILT_IN};

fn lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

fn check(text: &str, result: Result<Rubric, RubricError>) {
    if let Err(RubricError::Invalid {
        file,
        line: Some(line),
        ..
    }) = &result
    {
        let source = BUILT_IN
            .iter()
            .find(|(name, _)| name == file)
            .map_or(text, |(_, t)| t);
        assert!(
            (1..=lines(source)).contains(line),
            "{file}: line {line} outside the source"
        );
    }
}

fuzz_target!(|text: &str| {
    let alone = Rubric::from_sources([("fuzz.toml".to_string(), text.to_string())]);
    check(text, alone);
    // Beside the built-in files the text also meets real ids (duplicates) and real roles
    // (so a lone background file is accepted and its areas checked).
    let with_built_in = Rubric::from_sources(
        BUILT_IN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .chain([("fuzz.toml".to_string(), text.to_string())]),
    );
    check(text, with_built_in);
});
