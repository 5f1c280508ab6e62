//! The shipped samples tell the stories they were built to tell, and the README's
//! quick-start command works.

use crate::util::{json, repo_root, sample, TestEnv};

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
    assert!(has_prefix(&ids, "missing-core:"), "{ids:?}");
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
