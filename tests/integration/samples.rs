//! The shipped samples tell the stories they were built to tell, and the README's
//! quick-start command works.

use crate::util::{json, repo_root, report_json, sample, TestEnv};

fn kinds(file: &str) -> Vec<String> {
    let env = TestEnv::new();
    let run = env.run([
        "audit",
        &sample(file).display().to_string(),
        "--format",
        "json",
    ]);
    run.success();
    json(&run.stdout)["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

fn audit_json(file: &str, args: &[&str]) -> serde_json::Value {
    let env = TestEnv::new();
    let input = sample(file).display().to_string();
    let mut argv = vec!["audit", &input, "--format", "json"];
    argv.extend_from_slice(args);
    let run = env.run(argv);
    run.success();
    report_json(&run.stdout)
}

fn has_prefix(ids: &[String], prefix: &str) -> bool {
    ids.iter().any(|id| id.starts_with(prefix))
}

#[test]
fn org_sample_shows_overlap_gap_and_drift() {
    for file in ["northwind-product-org.csv", "northwind-product-org.xlsx"] {
        let ids = kinds(file);
        assert!(has_prefix(&ids, "overlap:pm-"), "{file}: {ids:?}");
        assert!(has_prefix(&ids, "gap:"), "{file}: {ids:?}");
        assert!(
            ids.iter().any(|i| i == "drift:søren-dubois"),
            "{file}: {ids:?}"
        );
        assert!(
            ids.iter().any(|i| i == "drift:wei-chen-陈伟"),
            "{file}: {ids:?}"
        );
    }
}

#[test]
fn xlsx_and_csv_samples_agree() {
    let env = TestEnv::new();
    let tasks = |file: &str| {
        let run = env.run([
            "audit",
            &sample(file).display().to_string(),
            "--format",
            "json",
        ]);
        run.success();
        let report = json(&run.stdout);
        report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| {
                (
                    t["person"].clone(),
                    t["task"].clone(),
                    t["responsibility"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tasks("northwind-product-org.csv"),
        tasks("northwind-product-org.xlsx")
    );
}

#[test]
fn startup_sample_shows_overlap_and_drift() {
    let ids = kinds("startup-five.csv");
    assert!(has_prefix(&ids, "overlap:"), "{ids:?}");
    assert!(has_prefix(&ids, "drift:"), "{ids:?}");
}

#[test]
fn gaps_sample_shows_gaps() {
    let ids = kinds("gaps-team.csv");
    assert!(
        has_prefix(&ids, "gap:pm-") || has_prefix(&ids, "role-gap:"),
        "{ids:?}"
    );
    // Its Product Owner and TPM each carry one core responsibility of their role: what the
    // team misses is said once per responsibility, as gaps, not again per person.
    assert!(!has_prefix(&ids, "missing-core:"), "{ids:?}");
}

/// The quick start's audit command from README.md, run as written (`.ci/quick-start` runs
/// the whole block, install included).
#[test]
fn readme_quick_start_command_runs() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap_or_default();
    let command = readme
        .lines()
        .skip_while(|l| *l != "<!-- quick-start -->")
        .take_while(|l| *l != "<!-- /quick-start -->")
        .find(|l| l.starts_with("rolecall audit samples/"))
        .unwrap_or_else(|| panic!("README.md's quick start has no audit command"));
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let env = TestEnv::new();
    let resolved: Vec<String> = args
        .iter()
        .map(|a| {
            if a.starts_with("samples/") {
                repo_root().join(a).display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    let run = env.run(&resolved);
    run.success();
    assert!(run.stdout.contains("Findings"), "{}", run.stdout);
    assert!(run.stdout.contains("drift"), "{}", run.stdout);
}

/// On Northwind one weak line, "iOS feature dev - offline sync" (Product Manager at 0.69),
/// once made an engineer drift, the single point of failure of cross-functional product
/// leadership, and the person a Senior PM's missing-core advice sent her to; "Mentor junior
/// eng" (0.38) a high overlap; "Incident postmortems" (0.48) an SRE drift. Below the
/// confidence they make no finding and are listed for review; at a low bar they come back.
#[test]
fn northwind_findings_rest_on_confident_matches() {
    let report = audit_json("northwind-product-org.xlsx", &[]);
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
    for gone in [
        "drift:zoë-brontë",
        "drift:rafael-souza",
        "single-point-of-failure:pm-cross-functional",
        "overlap:tpm-engineering-comms",
    ] {
        assert!(!ids.contains(&gone), "{gone}: {ids:?}");
    }
    assert!(ids.contains(&"weak-match:zoë-brontë"), "{ids:?}");
    for finding in &findings {
        let kind = finding["kind"].as_str().unwrap_or("");
        if kind == "weak-match" || kind == "other-work" || kind == "unmatched" {
            continue;
        }
        let text = format!("{} {}", finding["message"], finding["advice"]);
        assert!(!text.contains("Zoë"), "{}: {text}", finding["id"]);
    }
    // Every task an overlap, single point or drift lists is a confident match.
    let score: std::collections::HashMap<&str, f64> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["id"].as_str().unwrap_or(""),
                t["score"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    for finding in &findings {
        if ["overlap", "single-point-of-failure", "drift"]
            .contains(&finding["kind"].as_str().unwrap_or(""))
        {
            for task in finding["tasks"].as_array().into_iter().flatten() {
                let p = score[task.as_str().unwrap_or("")];
                assert!(p >= 0.7, "{} rests on {task} at {p}", finding["id"]);
            }
        }
    }
    // The bar is the rule: lowered, the weak lines make their findings again.
    let low = audit_json("northwind-product-org.xlsx", &["--confidence", "0.3"]);
    let ids: Vec<&str> = low["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"drift:zoë-brontë"), "{ids:?}");
    assert!(
        ids.contains(&"single-point-of-failure:pm-cross-functional"),
        "{ids:?}"
    );
}

/// Northwind's engineering, design and people-management lines are other jobs' work, not
/// lines the model cannot place: the headline says so, and no "reword" advice is given.
#[test]
fn northwind_names_work_outside_the_audited_roles() {
    let env = TestEnv::new();
    let run = env.run([
        "audit",
        &sample("northwind-product-org.xlsx").display().to_string(),
    ]);
    run.success();
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("0 ambiguous, 23 outside the audited roles (infrastructure and SRE operations 5, design 4, software engineering 4, ...), 1 unmatched."),
        "{flat}"
    );
    let report = audit_json("northwind-product-org.xlsx", &[]);
    let other: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "other-work")
        .collect();
    assert_eq!(other.len(), 1);
    assert!(
        other[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("design 4"),
        "{}",
        other[0]["message"]
    );
    let unmatched: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "unmatched")
        .collect();
    assert_eq!(unmatched.len(), 1, "{unmatched:?}");
    assert_eq!(
        report["summary"]["other_work"][0],
        serde_json::json!(["Infrastructure and SRE operations", 5])
    );
}
