//! Auditing again: task ids that survive edits to other rows, and the run metadata that says
//! whether two reports are comparable.

use std::collections::BTreeMap;

use calamine::{open_workbook_auto, Reader};
use sha2::{Digest, Sha256};

use crate::util::{json, sample, TestEnv};

/// Each task's id, by the person and text it names (a copy's number follows the text).
fn ids_by_task(report: &serde_json::Value) -> BTreeMap<String, (String, String)> {
    report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let text = |key: &str| t[key].as_str().unwrap_or_default().to_string();
            (text("id"), (text("person"), text("task")))
        })
        .collect()
}

fn audit(env: &TestEnv, input: &std::path::Path) -> serde_json::Value {
    let path = input.display().to_string();
    json(
        &env.run(["audit", &path, "--format", "json"])
            .success()
            .stdout,
    )
}

/// Every id of `before` names the same task in `after`, and `after` has exactly `added` more.
#[track_caller]
fn keeps_every_id(before: &serde_json::Value, after: &serde_json::Value, added: &[(&str, &str)]) {
    let before = ids_by_task(before);
    let mut after = ids_by_task(after);
    assert!(!before.is_empty());
    for (id, task) in &before {
        assert_eq!(after.remove(id).as_ref(), Some(task), "task {id} changed");
    }
    let mut extra: Vec<(String, String)> = after.into_values().collect();
    extra.sort();
    let mut added: Vec<(String, String)> = added
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    added.sort();
    assert_eq!(extra, added);
}

/// The sample CSV with `row` inserted just under its header line (which names "Task" or
/// "Responsibilities").
fn with_row_under_header(text: &str, row: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("Task") || l.contains("Responsibilities"))
        .unwrap_or_else(|| panic!("no header in {text}"));
    lines.insert(header + 1, row);
    lines.join("\n") + "\n"
}

#[test]
fn a_row_inserted_at_the_top_of_a_list_changes_no_other_task_id() {
    let env = TestEnv::new();
    // A new person with one task, in each sample's own columns.
    for (name, row) in [
        ("startup-five.csv", "Zed Newcomer,Analyst,Plan the offsite,"),
        (
            "northwind-product-org.csv",
            "Zed Newcomer,Analyst,Mobile,Plan the offsite,2",
        ),
        (
            "gaps-team.csv",
            "Zed Newcomer,Analyst,Core,Plan the offsite,2",
        ),
    ] {
        let text = std::fs::read_to_string(sample(name)).unwrap_or_else(|e| panic!("{e}"));
        let before = audit(&env, &sample(name));
        let edited = env.write(&format!("edited-{name}"), with_row_under_header(&text, row));
        let after = audit(&env, &edited);
        keeps_every_id(&before, &after, &[("Zed Newcomer", "Plan the offsite")]);
    }
}

/// The rows of a workbook's first sheet as text, with its name.
fn sheet_rows(path: &std::path::Path) -> (String, Vec<Vec<String>>) {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{e}"));
    let name = book.sheet_names()[0].clone();
    let range = book
        .worksheet_range(&name)
        .unwrap_or_else(|e| panic!("{e}"));
    // Rows from the sheet's first row, so row numbers stay those of the file.
    let start = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = vec![Vec::new(); start];
    rows.extend(
        range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
    );
    (name, rows)
}

fn write_rows(env: &TestEnv, file: &str, sheet: &str, rows: &[Vec<String>]) -> std::path::PathBuf {
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    env.xlsx(file, &[(sheet, &rows)])
}

#[test]
fn a_task_inserted_at_the_top_of_a_raci_chart_changes_no_other_task_id() {
    let env = TestEnv::new();
    let (sheet, rows) = sheet_rows(&sample("launch-raci.xlsx"));
    // The header names the parties; the new task goes right under it.
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Task"))
        .unwrap_or_else(|| panic!("no header row in {rows:?}"));
    let task_column = rows[header]
        .iter()
        .position(|c| c == "Task")
        .unwrap_or_default();
    let mut inserted = vec![String::new(); rows[header].len()];
    inserted[task_column] = "Draft the customer FAQ for the launch".to_string();
    inserted[task_column + 1] = "R".to_string();
    let party = rows[header][task_column + 1].clone();
    let mut edited = rows.clone();
    edited.insert(header + 1, inserted);
    let before = audit(&env, &write_rows(&env, "before.xlsx", &sheet, &rows));
    let after = audit(&env, &write_rows(&env, "after.xlsx", &sheet, &edited));
    keeps_every_id(
        &before,
        &after,
        &[(party.as_str(), "Draft the customer FAQ for the launch")],
    );
}

#[test]
fn deleting_and_reordering_rows_changes_no_other_task_id() {
    let env = TestEnv::new();
    let rows = [
        "Name,Title,Task",
        "Ana,Product Manager,Write the PRD",
        "Ben,Program Manager,Run the weekly status review",
        "Cy,TPM,Plan the API migration",
        "Dee,Engineer,Review pull requests",
    ];
    let before = audit(&env, &env.write("before.csv", rows.join("\n")));
    let shuffled = [rows[0], rows[4], rows[3], rows[1]].join("\n");
    let after = audit(&env, &env.write("after.csv", shuffled));
    let mut before_ids = ids_by_task(&before);
    before_ids.retain(|_, (person, _)| person != "Ben");
    assert_eq!(before_ids, ids_by_task(&after));
}

#[test]
fn only_true_duplicates_get_a_counter_and_ids_ignore_case_and_spacing() {
    let env = TestEnv::new();
    let csv = "Name,Title,Task\n\
               Ana,Product Manager,Write the PRD\n\
               Ana,Product Manager,write  the prd\n\
               Ben,Product Manager,Write the PRD\n";
    let report = audit(&env, &env.write("dupes.csv", csv));
    let ids: Vec<String> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[1], format!("{}-2", ids[0]), "{ids:?}");
    assert!(!ids[2].starts_with(&ids[0]), "another person: {ids:?}");
    for id in &ids {
        let digits = id.trim_start_matches('T').split('-').next().unwrap_or("");
        assert_eq!(digits.len(), 10, "{id}");
        assert!(digits.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }
}

#[test]
fn the_report_records_its_run_input_rubrics_and_settings() {
    let env = TestEnv::new();
    let input = sample("startup-five.csv");
    let path = input.display().to_string();
    let report = json(
        &env.run([
            "audit",
            &path,
            "--format",
            "json",
            "--generated-at",
            "2026-11-23",
            "--drift-share",
            "0.6",
            "--roles",
            "pm",
        ])
        .success()
        .stdout,
    );
    assert_eq!(report["schema_version"], 5);
    let run = &report["run"];
    assert_eq!(run["tool"], "rolecall");
    assert_eq!(run["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["generated_at"], "2026-11-23");
    let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{e}"));
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(run["input"]["name"], "startup-five.csv");
    assert_eq!(run["input"]["bytes"], bytes.len());
    assert_eq!(run["input"]["sha256"], digest.as_str());
    assert_eq!(run["rubrics"]["sources"], serde_json::json!(["built-in"]));
    assert_eq!(run["settings"]["drift_share"], 0.6);
    assert_eq!(
        run["settings"]["roles"],
        serde_json::json!(["product-manager"])
    );

    // Without a pinned date, the time of the run in UTC.
    let unpinned = json(
        &env.run(["audit", &path, "--format", "json"])
            .success()
            .stdout,
    );
    let at = unpinned["run"]["generated_at"].as_str().unwrap_or_default();
    assert!(
        at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );
}

#[test]
fn other_rubrics_give_another_digest_and_standard_input_no_file_digest() {
    let env = TestEnv::new();
    env.run(["rubrics", "export", "mine"]).success();
    let built_in = audit(&env, &sample("startup-five.csv"));
    let toml = env.path("mine/product-manager.toml");
    let text = std::fs::read_to_string(&toml).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&toml, text.replacen("Product Manager", "Product Lead", 1))
        .unwrap_or_else(|e| panic!("{e}"));
    let path = sample("startup-five.csv").display().to_string();
    let theirs = json(
        &env.run(["audit", &path, "--format", "json", "--rubric", "mine"])
            .success()
            .stdout,
    );
    let digest = |r: &serde_json::Value| r["run"]["rubrics"]["digest"].clone();
    assert_ne!(digest(&built_in), digest(&theirs));
    assert_ne!(
        built_in["run"]["rubrics"]["model"],
        theirs["run"]["rubrics"]["model"]
    );
    assert_eq!(
        theirs["run"]["rubrics"]["sources"],
        serde_json::json!(["mine"])
    );

    let csv = std::fs::read(sample("startup-five.csv")).unwrap_or_else(|e| panic!("{e}"));
    let piped = env.run_with_stdin(["audit", "-", "--format", "json"], Some(&csv));
    let piped = json(&piped.success().stdout);
    assert_eq!(piped["run"]["input"]["name"], "-");
    assert!(piped["run"]["input"]["sha256"].is_null());
}
