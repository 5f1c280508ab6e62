//! Matching quality, measured with `rolecall eval` on three sets: the development set of
//! sheet-style task lines (tests/data/devset.csv), real responsibility lines written by people
//! outside the team (`../shared/eval/role_lines_dev.csv`, kept outside the repository and
//! never trained on), and the training text's own cross-validation (`rubrics check`). Run with
//! `--nocapture` to see the confusion matrices; `.ci/run` does.

use rolecall::quality::{self, Scores};
use rolecall::{MatchSettings, Matcher, Rubric};

use crate::util::{outside_set_present, repo_root, TestEnv};

/// Scores a labelled file through the library, printing the table `rolecall eval` prints.
fn scores(path: &std::path::Path) -> Scores {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let lines = quality::read_labelled(&rubric, path).unwrap_or_else(|e| panic!("{e}"));
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let scores = Scores::new(&rubric, &lines, &quality::predict(&matcher, &texts));
    println!("\n{}\n{}", path.display(), scores.text());
    scores
}

#[test]
fn quality_on_the_development_set() {
    let scores = scores(&repo_root().join("tests/data/devset.csv"));
    assert!(scores.lines >= 250, "{} lines", scores.lines);
    assert!(
        scores.fine >= 0.85,
        "fine accuracy {:.3} < 0.85",
        scores.fine
    );
    for (label, accuracy) in &scores.per_label {
        assert!(*accuracy >= 0.80, "{label}: {accuracy:.3} < 0.80");
    }
}

/// The real lines are kept outside the repository (see README "Quality"). Their floors sit
/// just under what the shipped model measures, to catch a regression; the targets
/// (fine 0.75, coarse 0.88) are not met yet, and README says so.
#[test]
fn quality_on_real_lines_written_outside_the_team() {
    let path = repo_root().join("../shared/eval/role_lines_dev.csv");
    if !outside_set_present(&path) {
        return;
    }
    let scores = scores(&path);
    assert!(scores.lines >= 300, "{} lines", scores.lines);
    assert!(scores.fine >= 0.55, "fine accuracy {:.3}", scores.fine);
    assert!(
        scores.coarse >= 0.60,
        "coarse accuracy {:.3}",
        scores.coarse
    );
}

#[test]
fn the_eval_command_prints_the_confusion_matrix_and_accuracies() {
    let env = TestEnv::new();
    let path = env.write(
        "labelled.csv",
        "label,text\nPM,Write the PRD for offline mode\nTPM,Track API dependencies between the mobile and backend teams before launch\nNONE,Fix the flaky login test\nPgM|TPM,Weekly programme status report to the steering committee\n",
    );
    let out = env.run(["eval", path.to_str().unwrap_or_default()]);
    out.success();
    for needle in [
        "confusion matrix",
        "fine accuracy (role)",
        "coarse accuracy",
        "none lines caught as none",
        "role lines wrongly called none",
        "PgM|TPM",
    ] {
        assert!(out.stdout.contains(needle), "{needle}:\n{}", out.stdout);
    }
    let json = env.run([
        "eval",
        path.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]);
    json.success();
    let value: serde_json::Value =
        serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["lines"], 4);
    assert!(value["fine"]
        .as_f64()
        .is_some_and(|f| (0.0..=1.0).contains(&f)));

    let bad = env.write("bad.csv", "label,text\nCEO,Set the company strategy\n");
    let out = env.run(["eval", bad.to_str().unwrap_or_default()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("line 2") && out.stderr.contains("CEO"),
        "{}",
        out.stderr
    );
    let missing = env.run(["eval", "no-such-file.csv"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("not here"), "{}", missing.stderr);
}

/// Testing and QA work belongs to nobody's rubric: it must never be credited to the Product
/// Manager, whatever words it shares with requirements or acceptance. Lines written for this
/// test, not taken from the training text.
#[test]
fn testing_and_qa_lines_never_reach_the_product_manager() {
    let rubric = Rubric::built_in().unwrap_or_else(|e| panic!("{e}"));
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    let lines = [
        "Write test cases for the refund flow",
        "Test strategy for the mobile app",
        "Integration testing of the payments service",
        "Regression suite run before Friday",
        "Automate the smoke tests for checkout",
        "Exploratory testing session on the new editor",
        "Log defects from the UAT cycle",
        "QA sign-off on build 4.2",
        "Maintain the Cypress end-to-end tests",
        "I write and run test plans for every sprint",
        "Performance test scripts for the search API",
        "Triage bugs found by the QA team",
    ];
    for line in lines {
        let verdict = matcher.classify(line);
        let role = verdict
            .best()
            .map(|m| rubric.responsibilities[m.responsibility].role.as_str());
        assert_ne!(role, Some("product-manager"), "{line}: {verdict:?}");
    }
}
