//! Spelling that does not change the answer: each pair of `tests/data/spelling-variants.csv`
//! (written by this team) is one task written two ways (a compound apart, hyphenated or
//! joined; a British spelling; a plural or another form of the verb; a typing slip; an
//! abbreviation), and the shipped model must give both the same verdict: status, and the
//! role and responsibility (or the contenders, for an ambiguous task).

use rolecall::{MatchSettings, MatchStatus, Matcher, Rubric};

use crate::util::repo_root;

#[test]
fn a_task_written_another_way_gets_the_same_verdict() {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let verdict = |text: &str| -> (MatchStatus, Vec<(usize, String)>) {
        let matches = matcher.classify(text);
        let contenders = matcher
            .contenders(&matches)
            .iter()
            .map(|m| {
                let responsibility = &rubric.responsibilities[m.responsibility];
                (m.responsibility, responsibility.role.clone())
            })
            .collect();
        (matches.status, contenders)
    };
    let path = repo_root().join("tests/data/spelling-variants.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut pairs = 0;
    let mut differ = Vec::new();
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("{e}"));
        let (written, variant) = (&row[0], &row[1]);
        let (a, b) = (verdict(written), verdict(variant));
        if a != b {
            differ.push(format!("{written:?} {a:?} but {variant:?} {b:?}"));
        }
        pairs += 1;
    }
    assert!(pairs >= 100, "{pairs} pairs");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
