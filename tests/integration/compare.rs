//! `rolecall diff`: two audits of one team compared by finding id.

use crate::util::{json, sample, TestEnv};

/// The JSON report of `input`, written to `out` in the test folder.
fn report(env: &TestEnv, input: &std::path::Path, out: &str) -> String {
    let input = input.display().to_string();
    let path = env.path(out).display().to_string();
    env.run(["audit", &input, "--format", "json", "-o", &path])
        .success();
    path
}

fn diff(env: &TestEnv, old: &str, new: &str) -> serde_json::Value {
    json(
        &env.run(["diff", old, new, "--format", "json"])
            .success()
            .stdout,
    )
}

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|f| f["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_sample_compared_with_itself_shows_no_change() {
    let env = TestEnv::new();
    for name in [
        "launch-raci.xlsx",
        "launch-raci.ods",
        "northwind-product-org.xlsx",
        "northwind-product-org.csv",
        "startup-five.csv",
        "gaps-team.csv",
    ] {
        let old = report(&env, &sample(name), "old.json");
        let new = report(&env, &sample(name), "new.json");
        let comparison = diff(&env, &old, &new);
        for list in ["new", "resolved", "joined", "left", "coverage", "role_mix"] {
            assert_eq!(comparison[list], serde_json::json!([]), "{name}: {list}");
        }
        assert!(!ids(&comparison["persisting"]).is_empty(), "{name}");
        assert_eq!(comparison["warnings"], serde_json::json!([]), "{name}");
        let text = env.run(["diff", &old, &new]).success().stdout.clone();
        assert!(text.contains("Nothing changed"), "{name}: {text}");
    }
}

/// A team where Ben alone carries the program's status reporting, and Ana the product work.
const TEAM: &str = "Name,Title,Task\n\
    Ana,Product Manager,Write the PRD for the mobile app\n\
    Ana,Product Manager,Prioritize the product roadmap\n\
    Ana,Product Manager,Run customer discovery interviews\n\
    Ben,Program Manager,Run the weekly program status review\n\
    Ben,Program Manager,Track cross-team dependencies and risks\n\
    Ben,Program Manager,Write the monthly executive status report\n";

#[test]
fn moving_one_task_between_people_shows_exactly_its_new_and_resolved_findings() {
    let env = TestEnv::new();
    let old_csv = env.write("q3.csv", TEAM);
    // Ben's executive status report moves to Ana.
    let moved = TEAM.replace(
        "Ben,Program Manager,Write the monthly executive status report",
        "Ana,Product Manager,Write the monthly executive status report",
    );
    let new_csv = env.write("q4.csv", &moved);
    let old = report(&env, &old_csv, "q3.json");
    let new = report(&env, &new_csv, "q4.json");
    let after = json(&std::fs::read_to_string(&new).unwrap_or_default());
    let responsibility_of = |text: &str| {
        after["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["task"] == text)
            .and_then(|t| t["responsibility"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    // The moved task shares its responsibility with Ben's status review, so Ben no longer
    // carries it alone (a single point of failure resolved) and Ana now carries it with him
    // (an overlap across titles, new). Nothing else changes.
    let responsibility = responsibility_of("Write the monthly executive status report");
    assert_eq!(
        responsibility,
        responsibility_of("Run the weekly program status review")
    );
    let comparison = diff(&env, &old, &new);
    assert_eq!(
        ids(&comparison["new"]),
        [format!("overlap:{responsibility}")],
        "{comparison:#}"
    );
    assert_eq!(
        ids(&comparison["resolved"]),
        [format!("single-point-of-failure:{responsibility}")]
    );
    let change = comparison["coverage"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["responsibility"] == responsibility.as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(change["people_before"], 1, "{comparison:#}");
    assert_eq!(change["people_after"], 2);
    assert_eq!(change["change"], "rose");
    // Ana's mix moved by a quarter of her work towards Program Manager.
    let shifts: Vec<(String, String)> = comparison["role_mix"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["person"].as_str().unwrap_or_default().to_string(),
                s["role"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        shifts.contains(&("Ana".to_string(), "program-manager".to_string())),
        "{shifts:?}"
    );
    assert_eq!(comparison["joined"], serde_json::json!([]));
    assert_eq!(comparison["left"], serde_json::json!([]));
}

#[test]
fn fail_on_new_kind_fails_only_on_new_findings_of_that_kind() {
    let env = TestEnv::new();
    let old = report(&env, &env.write("q3.csv", TEAM), "q3.json");
    // Ana leaves: her product work becomes gaps, and she is listed as having left.
    let without_ana: String = TEAM
        .lines()
        .filter(|l| !l.starts_with("Ana"))
        .collect::<Vec<_>>()
        .join("\n");
    let new = report(&env, &env.write("q4.csv", without_ana), "q4.json");
    let comparison = diff(&env, &old, &new);
    assert_eq!(comparison["left"], serde_json::json!(["Ana"]));
    let new_kinds: Vec<String> = comparison["new"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["kind"].as_str().unwrap_or_default().to_string())
        .collect();
    let run = env.run(["diff", &old, &new, "--fail-on", "new:any"]);
    assert_eq!(
        run.code,
        if new_kinds.is_empty() { 0 } else { 1 },
        "{}",
        run.stderr
    );
    // A kind that is not new does not fail the run, even when it persists.
    let absent = ["similar-work", "drift", "raci-no-accountable"]
        .into_iter()
        .find(|k| !new_kinds.iter().any(|n| n == k))
        .unwrap_or("drift");
    assert_eq!(
        env.run(["diff", &old, &new, "--fail-on", &format!("new:{absent}")])
            .code,
        0
    );
    if let Some(kind) = new_kinds.first() {
        let run = env.run(["diff", &old, &new, "--fail-on", &format!("new:{kind}")]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains(&format!("new {kind}")),
            "{}",
            run.stderr
        );
    }
    env.run(["diff", &old, &new, "--fail-on", "gap"])
        .fails_with("--fail-on gap: a comparison fails on new findings: write new:KIND or new:any");
    env.run(["diff", &old, &new, "--fail-on", "new:nonsense"])
        .fails_with("--fail-on new:nonsense: unknown finding kind");
}

#[test]
fn a_baseline_from_other_rubrics_or_schema_is_refused_and_another_version_warned() {
    let env = TestEnv::new();
    let new = report(&env, &sample("startup-five.csv"), "new.json");
    let text = std::fs::read_to_string(&new).unwrap_or_default();
    let mut baseline = json(&text);

    baseline["run"]["rubrics"]["digest"] = "fnv1a64:0000000000000000".into();
    let other = env.write("other-rubrics.json", baseline.to_string());
    env.run(["diff", &other.display().to_string(), &new])
        .fails_with("other-rubrics.json: made with other rubrics (fnv1a64:0000000000000000");

    let mut old_schema = json(&text);
    old_schema["schema_version"] = 3.into();
    let old = env.write("schema-3.json", old_schema.to_string());
    env.run(["diff", &old.display().to_string(), &new])
        .fails_with("schema-3.json: a report of schema version 3; this rolecall reads version 4");

    let not_json = env.write("notes.json", "quarterly notes");
    env.run(["diff", &not_json.display().to_string(), &new])
        .fails_with("notes.json: not a rolecall JSON report");

    let mut older_tool = json(&text);
    older_tool["run"]["version"] = "0.0.9".into();
    let older = env.write("older.json", older_tool.to_string());
    let run = env.run([
        "diff",
        &older.display().to_string(),
        &new,
        "--format",
        "json",
    ]);
    run.success();
    assert!(
        run.stderr.contains("made by rolecall 0.0.9"),
        "{}",
        run.stderr
    );
    let comparison = json(&run.stdout);
    assert_eq!(comparison["new"], serde_json::json!([]));
}
