//! `explain` and `rubrics`.

use crate::util::{json, repo_root, report_json, TestEnv};

#[test]
fn explain_ranks_and_names_the_words() {
    let env = TestEnv::new();
    let run = env.run([
        "explain",
        "Prioritise the Q3 roadmap with customer feedback",
    ]);
    run.success();
    assert!(run.stdout.contains("verdict: matched"), "{}", run.stdout);
    assert!(run.stdout.contains(" 1. "), "{}", run.stdout);
    assert!(run.stdout.contains("carried by: "), "{}", run.stdout);
    let run = env.run(["explain", "Own the product roadmap", "--format", "json"]);
    run.success();
    let value = json(&run.stdout);
    assert_eq!(value["matches"][0]["role"], "product-manager");
    let evidence = value["matches"][0]["evidence"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        evidence
            .iter()
            .any(|t| t["term"] == "roadmap" && t["weight"].as_f64().is_some_and(|w| w > 0.0)),
        "{evidence:?}"
    );
    let total: f64 = value["roles"]
        .as_array()
        .map(|roles| roles.iter().filter_map(|r| r["score"].as_f64()).sum())
        .unwrap_or(0.0)
        + value["none"].as_f64().unwrap_or(0.0);
    assert!(
        (total - 1.0).abs() < 0.005,
        "probabilities add up to {total}"
    );
}

#[test]
fn explain_unrelated_text_is_unmatched() {
    let env = TestEnv::new();
    let run = env.run(["explain", "Fix flaky unit tests in the login service"]);
    run.success();
    assert!(run.stdout.contains("verdict: unmatched"), "{}", run.stdout);
}

#[test]
fn rubrics_lists_the_three_roles() {
    let env = TestEnv::new();
    let run = env.run(["rubrics"]);
    run.success();
    for id in [
        "[product-manager]",
        "[program-manager]",
        "[technical-program-manager]",
    ] {
        assert!(run.stdout.contains(id), "{id}");
    }
}

#[test]
fn rubrics_check_accepts_the_shipped_files_and_rejects_broken_ones() {
    let env = TestEnv::new();
    let folder = repo_root().join("rubrics");
    let run = env.run(["rubrics", "check", &folder.display().to_string()]);
    run.success();
    assert!(
        run.stdout.starts_with("ok: 4 file(s), 3 role(s), ")
            && run.stdout.contains("18 area(s) of other work"),
        "{}",
        run.stdout
    );
    for needle in [
        "training lines per role and responsibility",
        "pm-roadmap",
        "cross-validated on the training lines (5 folds",
        "fine accuracy (role)",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {}", run.stdout);
    }
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
    env.write(
        "dup.toml",
        "[role]\nid = \"x\"\nname = \"X\"\naliases = [\"X\"]\nsummary = \"s\"\n\n[[responsibility]]\nid = \"x\"\ntitle = \"t\"\ndescription = \"d\"\nterms = [\"a\"]\nexamples = [\"b\"]\ncore = false\nsource = \"s\"\n",
    );
    env.run(["rubrics", "check", "dup.toml"])
        .fails_with("dup.toml: line 8: duplicate id \"x\" (first defined in dup.toml, line 2)");
}

#[test]
fn user_rubric_replaces_the_built_ins() {
    let env = TestEnv::new();
    env.write(
        "ops.toml",
        "[role]\nid = \"ops\"\nname = \"Office Manager\"\naliases = [\"Office Manager\"]\nsummary = \"s\"\n\n[[responsibility]]\nid = \"ops-offsite\"\ntitle = \"Offsites\"\ndescription = \"Plans team offsites.\"\nterms = [\"offsite\", \"venue\"]\nexamples = [\"book the offsite venue\"]\ncore = true\nsource = \"ours\"\n",
    );
    env.write("team.csv", "Name,Task\nAna,Book the offsite venue\n");
    let run = env.run([
        "audit", "team.csv", "--rubric", "ops.toml", "--format", "json",
    ]);
    run.success();
    let report = report_json(&run.stdout);
    assert_eq!(report["tasks"][0]["responsibility"], "ops-offsite");
    assert_eq!(report["rubrics"].as_array().map(Vec::len), Some(1));
}

/// A user's folder trains its own model from its rubric text and its `training/*.csv`:
/// the training lines decide a task the rubric text alone cannot.
#[test]
fn a_user_rubric_folder_trains_on_its_own_training_text() {
    let env = TestEnv::new();
    crate::cache::small_rubrics(&env);
    let run = env.run([
        "explain",
        "order snacks",
        "--rubric",
        "mine",
        "--format",
        "json",
    ]);
    run.success();
    assert_eq!(
        json(&run.stdout)["responsibility"],
        "ops-main",
        "{}",
        run.stdout
    );
    let check = env.run(["rubrics", "check", "mine"]);
    check.success();
    assert!(
        check.stdout.contains("24 training line(s)"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("warning: ops-main has fewer than 20 training lines"),
        "{}",
        check.stdout
    );
    env.write(
        "mine/training/bad.csv",
        "text,label,style\nSomething,ops-mian,sheet\n",
    );
    env.run(["rubrics", "check", "mine"]).fails_with(
        "bad.csv: line 2: label \"ops-mian\" is neither a responsibility nor an area of other work of the loaded rubrics",
    );
}

#[test]
fn help_shows_examples() {
    let env = TestEnv::new();
    let run = env.run(["audit", "--help"]);
    run.success();
    assert!(run.stdout.contains("Examples:"));
    assert!(run.stdout.contains("--fail-on"));
}
