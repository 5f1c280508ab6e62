//! A team's labels (`--labels`, `[matching] labels`) and `[tasks]` patterns: exact verdicts
//! shown as "labelled by the team", one-line errors with the file and line.

use crate::util::{report_json, TestEnv};

const TEAM: &str = "person,title,task\n\
Ana,Product Manager,Monthly variance report to finance\n\
Ana,Product Manager,Own the mobile road map\n\
Ben,Engineer,Fix flaky unit tests in the login service\n\
Ben,Engineer,Zorblat handover checklist\n\
Cy,TPM,Release notes for 2.0\n\
Cy,TPM,Write the product roadmap\n";

/// The verdict JSON of the task with this text.
/// The task of this text, with its verdict (see `util::report_json`).
fn task<'v>(report: &'v serde_json::Value, text: &str) -> &'v serde_json::Value {
    report["tasks"]
        .as_array()
        .and_then(|tasks| tasks.iter().find(|t| t["task"] == text))
        .unwrap_or_else(|| panic!("no task {text:?}"))
}

#[test]
fn a_label_naming_nothing_known_is_an_error_with_file_and_line() {
    let env = TestEnv::new();
    env.write("team.csv", TEAM);
    env.write(
        "labels.csv",
        "task,label,notes\nOwn the mobile road map,pm,\nRelease notes for 2.0,,not reviewed\nZorblat handover checklist,product-mgr,\n",
    );
    env.run(["audit", "team.csv", "--no-config", "--labels", "labels.csv"])
        .fails_with("labels.csv: line 4: label \"product-mgr\" is no role");
}

#[test]
fn an_xlsx_labels_file_is_read_by_its_header_and_never_overwritten() {
    let env = TestEnv::new();
    env.write("team.csv", TEAM);
    env.xlsx(
        "labels.xlsx",
        &[(
            "Review",
            &[
                &["task", "people", "label"],
                &["Own the mobile road map", "1", "pm"],
                &["Release notes for 2.0", "1", "release-czar"],
            ],
        )],
    );
    env.run([
        "audit",
        "team.csv",
        "--no-config",
        "--labels",
        "labels.xlsx",
    ])
    .fails_with("labels.xlsx: line 3: label \"release-czar\"");
    env.run([
        "audit",
        "team.csv",
        "--no-config",
        "--labels",
        "labels.xlsx",
        "--format",
        "xlsx",
        "-o",
        "labels.xlsx",
    ])
    .fails_with("labels.xlsx: is the labels file; choose another output path");
}

#[test]
fn one_task_labelled_twice_differently_is_an_error_naming_both_lines() {
    let env = TestEnv::new();
    env.write("team.csv", TEAM);
    env.write(
        "labels.csv",
        "\u{feff}task,label\nOwn the mobile road map,pm\nRelease notes for 2.0,tpm\nown the  mobile road map ,tpm\n",
    );
    env.run(["audit", "team.csv", "--no-config", "--labels", "labels.csv"])
        .fails_with(
            "labels.csv: line 4: \"own the  mobile road map\" is labelled differently on line 2",
        );
}

/// One run covers the config's labels path (relative to the config's folder, not the
/// working folder), an exact label of each kind, a `[tasks]` glob, and the JSON field.
#[test]
fn labels_and_patterns_give_their_verdicts_exactly() {
    let env = TestEnv::new();
    env.write("team.csv", TEAM);
    std::fs::create_dir(env.path("team")).unwrap_or_else(|e| panic!("{e}"));
    env.write(
        "team/labels.csv",
        "task,label\n\
         Monthly variance report to finance,pgm-resources-budget\n\
         own the mobile ROAD map,pm\n\
         Write the product roadmap,none\n\
         Fix flaky unit tests in the login service,other-qa-testing\n",
    );
    env.write(
        "team/rolecall.toml",
        "[matching]\nlabels = \"labels.csv\"\n\n[tasks]\n\"release *\" = \"technical-program-manager\"\n\"*\" = \"none\"\n",
    );
    let run = env.run([
        "audit",
        "team.csv",
        "--config",
        "team/rolecall.toml",
        "--format",
        "json",
    ]);
    run.success();
    let report = report_json(&run.stdout);

    let variance = task(&report, "Monthly variance report to finance");
    assert_eq!(variance["responsibility"], "pgm-resources-budget");
    assert_eq!(variance["score"], 1.0);
    assert_eq!(variance["status"], "matched");
    assert_eq!(variance["labelled_by"], "labels.csv line 2");

    let road_map = task(&report, "Own the mobile road map");
    assert_eq!(
        road_map["role"], "product-manager",
        "a role label, folded text"
    );
    assert_eq!(road_map["labelled_by"], "labels.csv line 3");

    let roadmap = task(&report, "Write the product roadmap");
    assert_eq!(roadmap["status"], "unmatched", "none: {roadmap}");
    assert_eq!(roadmap["role"], serde_json::Value::Null);

    let tests = task(&report, "Fix flaky unit tests in the login service");
    assert_eq!(tests["status"], "unmatched");
    assert_eq!(tests["other_work"]["area"], "other-qa-testing");

    // The longer pattern wins over "*"; the exact labels above won over both.
    let release = task(&report, "Release notes for 2.0");
    assert_eq!(release["role"], "technical-program-manager");
    assert_eq!(
        release["labelled_by"],
        "rolecall.toml [tasks] \"release *\""
    );
    let zorblat = task(&report, "Zorblat handover checklist");
    assert_eq!(zorblat["labelled_by"], "rolecall.toml [tasks] \"*\"");
    assert_eq!(zorblat["status"], "unmatched");
}

#[test]
fn the_terminal_and_csv_say_labelled_by_the_team() {
    let env = TestEnv::new();
    env.write("team.csv", TEAM);
    env.write("rolecall.toml", "[tasks]\n\"zorblat *\" = \"pm-roadmap\"\n");
    let run = env.run(["audit", "team.csv"]);
    run.success();
    assert!(
        run.stdout.contains("1 of 6 tasks labelled by the team"),
        "{}",
        run.stdout
    );
    let run = env.run([
        "audit", "team.csv", "--format", "csv", "--table", "verdicts",
    ]);
    run.success();
    assert!(
        run.stdout
            .contains("labelled by the team (rolecall.toml [tasks] \"\"zorblat *\"\")"),
        "{}",
        run.stdout
    );
}
