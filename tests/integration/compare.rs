//! `rolecall diff`: two audits of one team compared by finding id.

use crate::util::{json, repo_root, report_json, sample, TestEnv};

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
    let after = report_json(&std::fs::read_to_string(&new).unwrap_or_default());
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
        .fails_with(
            "schema-3.json: a report of schema version 3; this rolecall reads versions 4 to 5",
        );

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

#[test]
fn a_schema_4_report_is_compared_with_a_schema_5_one_as_it_is() {
    // Recorded by rolecall before schema 5 (each verdict inside every task), from the same
    // sample: a comparison reads no task, so nothing has changed and no setting differs.
    let env = TestEnv::new();
    let old = repo_root()
        .join("tests/data/reports/startup-five.schema-4.json")
        .display()
        .to_string();
    let new = report(&env, &sample("startup-five.csv"), "new.json");
    let run = env.run(["diff", &old, &new, "--format", "json"]);
    run.success();
    assert!(!run.stderr.contains("different settings"), "{}", run.stderr);
    let comparison = json(&run.stdout);
    assert_eq!(
        json(&std::fs::read_to_string(&new).unwrap_or_default())["schema_version"],
        5
    );
    for list in ["new", "resolved"] {
        assert_eq!(
            comparison[list],
            serde_json::json!([]),
            "{list}: {comparison}"
        );
    }
    assert!(
        comparison["persisting"]
            .as_array()
            .is_some_and(|p| !p.is_empty()),
        "{comparison}"
    );
}

/// `rolecall audit INPUT --baseline BASELINE` with `args`, successful, and its stdout.
fn audit_since(env: &TestEnv, input: &std::path::Path, baseline: &str, args: &[&str]) -> String {
    let input = input.display().to_string();
    let mut command = vec!["audit", &input, "--baseline", baseline];
    command.extend_from_slice(args);
    env.run(command).success().stdout.clone()
}

#[test]
fn an_audit_with_its_own_report_as_baseline_says_nothing_changed() {
    let env = TestEnv::new();
    for name in ["startup-five.csv", "launch-raci.xlsx"] {
        let old = report(&env, &sample(name), "old.json");
        let without = json(&std::fs::read_to_string(&old).unwrap_or_default());
        assert!(without.get("since_last_audit").is_none(), "{name}");
        let with = json(&audit_since(
            &env,
            &sample(name),
            &old,
            &["--format", "json"],
        ));
        let since = &with["since_last_audit"];
        for list in ["new", "resolved", "joined", "left", "coverage", "role_mix"] {
            assert_eq!(since[list], serde_json::json!([]), "{name}: {list}");
        }
        assert_eq!(ids(&since["persisting"]), ids(&with["findings"]), "{name}");
        assert_eq!(since["warnings"], serde_json::json!([]), "{name}");
        assert_eq!(since["baseline"]["file"], old.as_str(), "{name}");
        // The rest of the report is the one an audit without a baseline makes.
        for part in ["findings", "people", "coverage", "summary"] {
            assert_eq!(with[part], without[part], "{name}: {part}");
        }
        for (format, heading) in [
            ("text", "Since the last audit"),
            ("md", "## Since the last audit"),
        ] {
            let out = audit_since(&env, &sample(name), &old, &["--format", format]);
            assert!(out.contains(heading), "{name} {format}: {out}");
            assert!(out.contains("Nothing changed"), "{name} {format}: {out}");
        }
    }
}

/// The two quarters of [`TEAM`]: Ben's executive status report moves to Ana.
fn moved_task(env: &TestEnv) -> (String, std::path::PathBuf, String) {
    let old = report(env, &env.write("q3.csv", TEAM), "q3.json");
    let moved = TEAM.replace(
        "Ben,Program Manager,Write the monthly executive status report",
        "Ana,Product Manager,Write the monthly executive status report",
    );
    let new_csv = env.write("q4.csv", moved);
    let new = report(env, &new_csv, "q4.json");
    let after = report_json(&std::fs::read_to_string(&new).unwrap_or_default());
    let responsibility = after["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["task"] == "Write the monthly executive status report")
        .and_then(|t| t["responsibility"].as_str().map(str::to_string))
        .unwrap_or_default();
    (old, new_csv, responsibility)
}

#[test]
fn audit_baseline_shows_the_moved_task_in_json_text_markdown_and_pdf() {
    let env = TestEnv::new();
    let (old, new_csv, responsibility) = moved_task(&env);
    let overlap = format!("overlap:{responsibility}");
    let single = format!("single-point-of-failure:{responsibility}");

    let report = json(&audit_since(&env, &new_csv, &old, &["--format", "json"]));
    let since = &report["since_last_audit"];
    assert_eq!(
        ids(&since["new"]),
        std::slice::from_ref(&overlap),
        "{since:#}"
    );
    assert_eq!(ids(&since["resolved"]), std::slice::from_ref(&single));
    // The same comparison `rolecall diff` makes of the two JSON reports.
    let q4 = env.path("q4.json").display().to_string();
    let mut diffed = diff(&env, &old, &q4);
    // Only the current side differs: no file, and a later run.
    for field in ["file", "generated_at"] {
        diffed["current"][field] = since["current"][field].clone();
    }
    assert_eq!(since, &diffed);

    let text = audit_since(&env, &new_csv, &old, &[]);
    let section = text
        .split("Since the last audit")
        .nth(1)
        .unwrap_or_else(|| panic!("no section: {text}"));
    assert!(
        section.contains("1 new, 1 resolved, ") && section.contains(&overlap),
        "{text}"
    );
    assert!(section.contains("Resolved findings (1)") && section.contains(&single));
    assert!(section.contains("Coverage that rose or fell (1)"), "{text}");
    // Before the people, as near the front as the findings.
    assert!(text.find("Since the last audit") < text.find("\nPeople\n"));

    let md = audit_since(&env, &new_csv, &old, &["--format", "md"]);
    assert!(md.contains("\n## Since the last audit\n"), "{md}");
    assert!(md.contains("\n### New findings (1)\n"), "{md}");
    assert!(md.contains("\n### Resolved findings (1)\n"), "{md}");
    assert!(md.find("## Since the last audit") < md.find("## Coverage"));

    if crate::util::poppler(&["pdftotext"]) {
        let pdf = env.path("q4.pdf");
        let pdf_path = pdf.display().to_string();
        audit_since(
            &env,
            &new_csv,
            &old,
            &[
                "--format",
                "pdf",
                "-o",
                &pdf_path,
                "--generated-at",
                "2026-12-01",
            ],
        );
        let pages = crate::util::pdftotext(&pdf, "-layout");
        let page_two = pages.split('\u{c}').nth(1).unwrap_or_default();
        assert!(page_two.contains("Since the last audit"), "{page_two}");
        assert!(
            page_two.contains("1 new finding, 1 resolved, "),
            "{page_two}"
        );
        // An id wraps in its narrow column; its kind starts the first line.
        for expected in [
            "New findings (1)",
            "Resolved findings (1)",
            "Coverage that rose or fell (1)",
            "overlap:",
            "single-point",
        ] {
            assert!(page_two.contains(expected), "{expected}: {page_two}");
        }
        let page_one = pages.split('\u{c}').next().unwrap_or_default();
        assert!(
            page_one.contains("Since the last audit"),
            "contents: {page_one}"
        );
    }
}

#[test]
fn audit_fails_on_new_findings_and_mix_shift_needs_a_baseline() {
    let env = TestEnv::new();
    let (old, new_csv, _) = moved_task(&env);
    let input = new_csv.display().to_string();
    let run = env.run([
        "audit",
        &input,
        "--baseline",
        &old,
        "--fail-on",
        "new:overlap",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("1 new overlap"), "{}", run.stderr);
    // The overlap is new; a single point of failure is not (it was resolved).
    let run = env.run([
        "audit",
        &input,
        "--baseline",
        &old,
        "--fail-on",
        "new:single-point-of-failure",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.run(["audit", &input, "--fail-on", "new:overlap"])
        .fails_with(
            "--fail-on new:overlap: new findings are those a baseline lacks: add --baseline",
        );
    env.run([
        "audit",
        &input,
        "--baseline",
        &old,
        "--fail-on",
        "new:nonsense",
    ])
    .fails_with("--fail-on new:nonsense: unknown finding kind");
    env.run(["audit", &input, "--mix-shift", "0.1"])
        .fails_with("--mix-shift goes with --baseline");
    // Ana's mix moved by a quarter: listed at the default threshold, not at a half.
    let shifts = |args: &[&str]| {
        let report = json(&audit_since(&env, &new_csv, &old, args));
        report["since_last_audit"]["role_mix"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert!(shifts(&["--format", "json"]) > 0);
    assert_eq!(shifts(&["--format", "json", "--mix-shift", "0.5"]), 0);
}

#[test]
fn audit_refuses_a_baseline_of_other_rubrics_or_no_report_before_reading_the_input() {
    let env = TestEnv::new();
    let input = sample("startup-five.csv");
    let old = report(&env, &input, "old.json");
    let text = std::fs::read_to_string(&old).unwrap_or_default();
    let input = input.display().to_string();

    let mut other = json(&text);
    other["run"]["rubrics"]["digest"] = "fnv1a64:0000000000000000".into();
    let other = env.write("other-rubrics.json", other.to_string());
    // One audit of `input` against `baseline`, refused with `message`.
    let refused = |input: &str, baseline: &std::path::Path, message: &str| {
        env.run([
            "audit",
            input,
            "--baseline",
            &baseline.display().to_string(),
        ])
        .fails_with(message);
    };
    let other_rubrics = "other-rubrics.json: made with other rubrics (fnv1a64:0000000000000000";
    refused(&input, &other, other_rubrics);
    // Once the rubrics are loaded, before the input is read: here it does not exist.
    let missing = env.path("missing.csv").display().to_string();
    refused(&missing, &other, other_rubrics);
    env.run(["audit", &missing, "--anonymize", "--baseline", &old])
        .fails_with("old.json: holds people's names, which this --anonymize report must not show");

    // A baseline that is no report, or of another schema, fails before the input is read.
    let not_json = env.write("notes.json", "quarterly notes");
    refused(
        &missing,
        &not_json,
        "notes.json: not a rolecall JSON report",
    );
    let mut old_schema = json(&text);
    old_schema["schema_version"] = 3.into();
    let old_schema = env.write("schema-3.json", old_schema.to_string());
    refused(
        &missing,
        &old_schema,
        "schema-3.json: a report of schema version 3; this rolecall reads versions 4 to 5",
    );

    // An anonymised report must not name the people of a baseline with real names.
    env.run(["audit", &input, "--anonymize", "--baseline", &old])
        .fails_with("old.json: holds people's names, which this --anonymize report must not show");
    let anonymised = env.path("anonymised.json").display().to_string();
    env.run([
        "audit",
        &input,
        "--anonymize",
        "--format",
        "json",
        "-o",
        &anonymised,
    ])
    .success();
    let run = env.run(["audit", &input, "--anonymize", "--baseline", &anonymised]);
    run.success();
    assert!(run.stdout.contains("Nothing changed"), "{}", run.stdout);

    let mut older = json(&text);
    older["run"]["version"] = "0.0.9".into();
    let older = env.write("older.json", older.to_string());
    let run = env.run([
        "audit",
        &input,
        "--baseline",
        &older.display().to_string(),
        "--format",
        "json",
    ]);
    run.success();
    assert!(
        run.stderr
            .contains("older.json: the baseline was made by rolecall 0.0.9"),
        "{}",
        run.stderr
    );
    let warnings = &json(&run.stdout)["since_last_audit"]["warnings"];
    assert_eq!(warnings.as_array().map_or(0, Vec::len), 1, "{warnings}");
}
