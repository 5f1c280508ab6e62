//! Matching quality on the labelled development set (tests/data/devset.csv): task lines
//! written the way team sheets are, each labelled with the role whose work it is, or "none".
//! Top-1 prediction is the role of the best match, or "none" when the task is unmatched.
//! Run with `--nocapture` to see the confusion matrix; `.ci/run` does.

use std::collections::BTreeMap;

use rolecall::{MatchSettings, Matcher, Rubric};

use crate::util::repo_root;

const LABELS: [&str; 4] = [
    "product-manager",
    "program-manager",
    "technical-program-manager",
    "none",
];
const MIN_OVERALL: f64 = 0.85;
const MIN_PER_LABEL: f64 = 0.70;

#[test]
fn top1_accuracy_on_the_development_set() {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let path = repo_root().join("tests/data/devset.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    // confusion[label][predicted] = count
    let mut confusion: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut misses = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let (task, label) = (&record[0], &record[1]);
        let label = LABELS
            .iter()
            .find(|l| **l == label)
            .unwrap_or_else(|| panic!("unknown label {label}"));
        let verdict = matcher.classify(task);
        let predicted = verdict
            .best()
            .map(|m| rubric.responsibilities[m.responsibility].role.clone())
            .unwrap_or_else(|| "none".to_string());
        if predicted != *label {
            misses.push(format!("  {label:<26} -> {predicted:<26} {task}"));
        }
        *confusion
            .entry(label)
            .or_default()
            .entry(predicted)
            .or_default() += 1;
    }

    let short = |l: &str| match l {
        "product-manager" => "PM",
        "program-manager" => "PgM",
        "technical-program-manager" => "TPM",
        _ => "none",
    };
    println!("\nconfusion matrix (rows: label, columns: predicted)");
    println!(
        "{:<6}{}",
        "",
        LABELS.map(|l| format!("{:>7}", short(l))).join("")
    );
    let mut correct = 0;
    let mut total = 0;
    let mut per_label = Vec::new();
    for label in LABELS {
        let row = confusion.get(label).cloned().unwrap_or_default();
        let cells: String = LABELS
            .iter()
            .map(|p| format!("{:>7}", row.get(*p).copied().unwrap_or(0)))
            .collect();
        let n: usize = row.values().sum();
        let hits = row.get(label).copied().unwrap_or(0);
        correct += hits;
        total += n;
        let accuracy = hits as f64 / n.max(1) as f64;
        println!(
            "{:<6}{cells}   accuracy {accuracy:.3} ({hits}/{n})",
            short(label)
        );
        per_label.push((label, accuracy, n));
    }
    let overall = correct as f64 / total.max(1) as f64;
    println!("overall top-1 accuracy {overall:.3} ({correct}/{total})");
    println!("misses:\n{}", misses.join("\n"));

    assert!(
        total >= 200,
        "the set must hold at least 200 lines, has {total}"
    );
    assert!(
        overall >= MIN_OVERALL,
        "overall accuracy {overall:.3} < {MIN_OVERALL}"
    );
    for (label, accuracy, n) in per_label {
        assert!(n > 0, "no lines labelled {label}");
        assert!(
            accuracy >= MIN_PER_LABEL,
            "{label}: accuracy {accuracy:.3} < {MIN_PER_LABEL}"
        );
    }
}
