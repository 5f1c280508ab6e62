//! `explain` and `rubrics`.

use crate::util::{json, repo_root, TestEnv};

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
    assert!(value["matches"][0]["terms"]
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x == "roadmap")));
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
            && run.stdout.contains("12 area(s) of other work"),
        "{}",
        run.stdout
    );
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
    let report = json(&run.stdout);
    assert_eq!(report["tasks"][0]["responsibility"], "ops-offsite");
    assert_eq!(report["rubrics"].as_array().map(Vec::len), Some(1));
}

#[test]
fn help_shows_examples() {
    let env = TestEnv::new();
    let run = env.run(["audit", "--help"]);
    run.success();
    assert!(run.stdout.contains("Examples:"));
    assert!(run.stdout.contains("--fail-on"));
}
