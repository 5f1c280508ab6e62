//! Merged cells: a merged cell's value fills its range, in xlsx (calamine's merge list) and
//! ods (rolecall's own content.xml scan) alike.

use crate::util::{json, people_and_tasks, TestEnv};
use crate::workbooks::Sheet;

/// A banner merged over A1:D1 above a list whose first person's name is merged down over her
/// two task rows; the header is on row 3.
fn banner_and_merged_name() -> Sheet<'static> {
    Sheet::new(
        "Team",
        &[
            &["Mobile team: who does what"],
            &[],
            &["Name", "Title", "Task"],
            &["Ana", "Product Manager", "Own the mobile roadmap"],
            &["", "", "Run customer interviews"],
            &["Wei", "TPM", "Track API dependencies"],
        ],
    )
    .merge(0, 0, 0, 3)
    .merge(3, 0, 4, 0)
    .merge(3, 1, 4, 1)
}

#[track_caller]
fn audit_json(env: &TestEnv, file: &str) -> serde_json::Value {
    let run = env.run(["audit", file, "--format", "json"]);
    run.success();
    json(&run.stdout)
}

/// The notes on the first sheet read: header row, merged ranges filled, and so on.
fn sheet_notes(report: &serde_json::Value) -> &serde_json::Value {
    &report["input"]["sheets"][0]
}

fn owned(rows: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    rows.iter()
        .map(|(p, t, r)| (p.to_string(), t.to_string(), *r))
        .collect()
}

#[test]
fn merged_name_owns_both_tasks_in_xlsx_and_ods() {
    let env = TestEnv::new();
    for file in ["team.xlsx", "team.ods"] {
        env.workbook(file, &[banner_and_merged_name()]);
        let report = audit_json(&env, file);
        assert_eq!(
            people_and_tasks(&report),
            owned(&[
                ("Ana", "Own the mobile roadmap", 4),
                ("Ana", "Run customer interviews", 5),
                ("Wei", "Track API dependencies", 6),
            ]),
            "{file}"
        );
        let notes = sheet_notes(&report);
        assert_eq!(notes["header"]["row"], 3, "{file}");
        // The banner A1:D1 is clipped to the sheet's used columns, A to C.
        assert_eq!(
            notes["merged"],
            serde_json::json!(["A1:C1", "A4:A5", "B4:B5"]),
            "{file}"
        );
        assert_eq!(report["tasks"][1]["sheet"], "Team", "{file}");
    }
}

/// Fill-down would give a blank name its owner anyway; a task merged down over two people is
/// only read right when the merge fills: without it, Wei's row has no task.
#[test]
fn task_merged_over_two_people_belongs_to_both() {
    let env = TestEnv::new();
    let sheet = Sheet::new(
        "Launch",
        &[
            &["Name", "Title", "Task"],
            &["Ana", "Product Manager", "Plan the beta launch"],
            &["Wei", "TPM", ""],
            &["Sam", "Engineer", "Fix the flaky build"],
        ],
    )
    .merge(1, 2, 2, 2);
    for file in ["shared.xlsx", "shared.ods"] {
        env.workbook(file, std::slice::from_ref(&sheet));
        let report = audit_json(&env, file);
        assert_eq!(
            people_and_tasks(&report),
            owned(&[
                ("Ana", "Plan the beta launch", 2),
                ("Wei", "Plan the beta launch", 3),
                ("Sam", "Fix the flaky build", 4),
            ]),
            "{file}"
        );
    }
}

/// On a later sheet, after a run of blank rows (number-rows-repeated in ods), a task merged
/// over two people still lands on the right cells; a merge far outside the data and a
/// two-row banner do no harm.
#[test]
fn merges_after_blank_rows_and_on_a_later_sheet() {
    let env = TestEnv::new();
    let mut rows: Vec<Vec<String>> = vec![vec!["Team sheet".into()]];
    rows.extend(std::iter::repeat_n(Vec::new(), 8));
    rows.push(vec!["Name".into(), "Title".into(), "Task".into()]);
    rows.push(vec![
        "Ana".into(),
        "Product Manager".into(),
        "Plan the launch".into(),
    ]);
    rows.push(vec!["Wei".into(), "TPM".into()]);
    let sheet = Sheet {
        name: "Q3 & Q4",
        rows,
        merges: Vec::new(),
    }
    .merge(10, 2, 11, 2)
    .merge(0, 0, 1, 5)
    .merge(20, 10, 2_000, 30);
    for file in ["later.xlsx", "later.ods"] {
        env.workbook(
            file,
            &[
                Sheet::new("Cover", &[&["Read me"]]).merge(0, 0, 1, 1),
                sheet.clone(),
            ],
        );
        let report = audit_json(&env, file);
        assert_eq!(
            people_and_tasks(&report),
            owned(&[
                ("Ana", "Plan the launch", 11),
                ("Wei", "Plan the launch", 12)
            ]),
            "{file}"
        );
        assert_eq!(report["tasks"][0]["sheet"], "Q3 & Q4", "{file}");
        let notes = sheet_notes(&report);
        assert_eq!(notes["sheet"], "Q3 & Q4", "{file}");
        assert_eq!(notes["header"]["row"], 10, "{file}");
        assert_eq!(
            notes["merged"],
            serde_json::json!(["A1:C2", "C11:C12"]),
            "{file}"
        );
    }
}

#[test]
fn written_workbooks_are_byte_identical_run_to_run() {
    let env = TestEnv::new();
    for extension in ["xlsx", "ods"] {
        let first = env.workbook(&format!("a.{extension}"), &[banner_and_merged_name()]);
        let second = env.workbook(&format!("b.{extension}"), &[banner_and_merged_name()]);
        let read = |path: &std::path::Path| {
            std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        };
        assert!(
            read(&first) == read(&second),
            "{extension} differs run to run"
        );
    }
}
