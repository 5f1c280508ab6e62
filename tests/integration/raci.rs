//! RACI charts end to end: every shape a team draws one in (matrix, transposed, two-row
//! header, merged cells, banner, legend, several sheets), as xlsx, ods and csv where the
//! shape allows; `inspect` on every sample; and the launch sample's audit naming exactly its
//! deliberate problems.

use std::collections::BTreeSet;

use crate::util::{json, sample, TestEnv};
use crate::workbooks::Sheet;

/// A launch chart: banner, titles over names, phase headings, a legend.
const CHART: &[&[&str]] = &[
    &["Beacon launch RACI"],
    &[],
    &[
        "",
        "",
        "Product Manager",
        "Engineering Manager",
        "Support Lead",
    ],
    &["ID", "Task", "Ana Lima", "Bo Berg", "Cy Diaz"],
    &["", "Phase 1: Plan"],
    &["1", "Write the launch plan", "A/R", "C", "I"],
    &["2", "Review the API design", "C", "A", ""],
    &["", "Phase 2: Ship"],
    &["3", "Train the support team", "I", "C", "R"],
    &["4", "Publish the release notes", "R", "", "A"],
    &[],
    &["Legend"],
    &["R = Responsible, A = Accountable, C = Consulted, I = Informed"],
];

/// (party, task, letters, group), the way every shape must read.
fn expected() -> BTreeSet<(String, String, String, String)> {
    [
        ("Ana Lima", "Write the launch plan", "RA", "Phase 1: Plan"),
        ("Bo Berg", "Write the launch plan", "C", "Phase 1: Plan"),
        ("Cy Diaz", "Write the launch plan", "I", "Phase 1: Plan"),
        ("Ana Lima", "Review the API design", "C", "Phase 1: Plan"),
        ("Bo Berg", "Review the API design", "A", "Phase 1: Plan"),
        ("Ana Lima", "Train the support team", "I", "Phase 2: Ship"),
        ("Bo Berg", "Train the support team", "C", "Phase 2: Ship"),
        ("Cy Diaz", "Train the support team", "R", "Phase 2: Ship"),
        (
            "Ana Lima",
            "Publish the release notes",
            "R",
            "Phase 2: Ship",
        ),
        ("Cy Diaz", "Publish the release notes", "A", "Phase 2: Ship"),
    ]
    .into_iter()
    .map(|(p, t, l, g)| (p.into(), t.into(), l.into(), g.into()))
    .collect()
}

fn transposed(rows: &[&[&str]]) -> Vec<Vec<String>> {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).copied().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Writes one sheet in the format the extension names.
fn write(env: &TestEnv, name: &str, sheet: Sheet<'_>) -> String {
    if name.ends_with(".csv") {
        env.write(name, csv_text(&sheet.rows));
    } else {
        env.workbook(name, &[sheet]);
    }
    name.to_string()
}

#[track_caller]
fn audit(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = env.run(all);
    run.success();
    json(&run.stdout)
}

fn text(value: &serde_json::Value) -> String {
    value.as_str().unwrap_or("").to_string()
}

fn assignments(report: &serde_json::Value) -> BTreeSet<(String, String, String, String)> {
    report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                text(&t["person"]),
                text(&t["task"]),
                text(&t["raci"]),
                text(&t["group"]),
            )
        })
        .collect()
}

fn skipped(sheet: &serde_json::Value) -> Vec<(String, String)> {
    sheet["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let at = s
                .get("row")
                .map(|r| format!("row {r}"))
                .or_else(|| s.get("column").map(|c| format!("column {}", text(c))))
                .unwrap_or_default();
            (at, text(&s["reason"]))
        })
        .collect()
}

#[test]
fn matrix_with_banner_titles_headings_and_legend_in_every_format() {
    for name in ["chart.xlsx", "chart.ods", "chart.csv"] {
        let env = TestEnv::new();
        let file = write(&env, name, Sheet::new("RACI", CHART));
        let report = audit(&env, &[&file]);
        assert_eq!(assignments(&report), expected(), "{name}");
        let sheet = &report["input"]["sheets"][0];
        assert_eq!(sheet["layout"], "matrix", "{name}");
        assert_eq!(sheet["header"]["row"], 4, "{name}");
        assert_eq!(sheet["columns"][0]["role"], "task");
        assert_eq!(sheet["columns"][0]["column"], "B");
        let titles: Vec<String> = sheet["parties"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                format!(
                    "{} / {} / {}",
                    text(&p["name"]),
                    text(&p["title"]),
                    text(&p["column"])
                )
            })
            .collect();
        assert_eq!(
            titles,
            [
                "Ana Lima / Product Manager / C",
                "Bo Berg / Engineering Manager / D",
                "Cy Diaz / Support Lead / E"
            ],
            "{name}"
        );
        assert_eq!(
            skipped(sheet),
            [
                ("row 5".into(), "category".into()),
                ("row 8".into(), "category".into()),
                ("row 11".into(), "blank".into()),
                ("row 12".into(), "legend".into()),
                ("row 13".into(), "legend".into()),
            ],
            "{name}"
        );
        // The task rows carry their own cells: Bo's A on "Review the API design" is D7.
        let bo = report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["person"] == "Bo Berg" && t["task"] == "Review the API design")
            .cloned()
            .unwrap_or_default();
        assert_eq!(bo["row"], 7, "{name}");
    }
}

#[test]
fn transposed_chart_reads_like_the_matrix_in_every_format() {
    let rows = transposed(CHART);
    for name in ["across.xlsx", "across.ods", "across.csv"] {
        let env = TestEnv::new();
        let sheet = Sheet {
            name: "RACI",
            rows: rows.clone(),
            merges: Vec::new(),
        };
        let file = write(&env, name, sheet);
        let report = audit(&env, &[&file]);
        assert_eq!(assignments(&report), expected(), "{name}");
        let notes = &report["input"]["sheets"][0];
        assert_eq!(notes["layout"], "transposed", "{name}");
        assert_eq!(notes["header"]["column"], "D", "{name}");
        assert_eq!(notes["columns"][0]["row"], 2, "{name}");
        assert_eq!(skipped(notes)[0], ("column E".into(), "category".into()));
        // --layout matrix on it reads the tasks as parties: the user's word is kept.
        let forced = audit(&env, &[&file, "--layout", "matrix"]);
        assert_eq!(forced["input"]["sheets"][0]["layout"], "matrix");
    }
}

#[test]
fn merged_cells_fill_headings_groups_and_marks() {
    // Row 2 is a group line merged over the parties; row 4 a heading merged across the
    // whole row; Cy's "R" is merged down over two tasks.
    let rows: &[&[&str]] = &[
        &["Platform migration RACI"],
        &["", "Platform", "", "Product"],
        &["Task", "Ana Lima", "Bo Berg", "Cy Diaz"],
        &["Cutover"],
        &["Freeze the old cluster", "A", "C", "R"],
        &["Move the traffic", "A", "R", ""],
    ];
    for name in ["merged.xlsx", "merged.ods"] {
        let env = TestEnv::new();
        let sheet = Sheet::new("Migration", rows)
            .merge(0, 0, 0, 3)
            .merge(1, 1, 1, 2)
            .merge(3, 0, 3, 3)
            .merge(4, 3, 5, 3);
        let file = write(&env, name, sheet);
        let report = audit(&env, &[&file]);
        let got = assignments(&report);
        let cy: Vec<_> = got.iter().filter(|a| a.0 == "Cy Diaz").collect();
        assert_eq!(
            cy.len(),
            2,
            "{name}: the merged R covers both tasks: {got:?}"
        );
        assert!(got.iter().all(|a| a.3 == "Cutover"), "{name}: {got:?}");
        let notes = &report["input"]["sheets"][0];
        let teams: Vec<String> = notes["parties"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| text(&p["team"]))
            .collect();
        assert_eq!(teams, ["Platform", "Platform", "Product"], "{name}");
        let merged: Vec<String> = notes["merged"]
            .as_array()
            .into_iter()
            .flatten()
            .map(text)
            .collect();
        assert_eq!(merged, ["A1:D1", "B2:C2", "A4:D4", "D5:D6"], "{name}");
    }
}

#[test]
fn all_sheets_reads_every_recognisable_sheet_as_one_team() {
    for name in ["book.xlsx", "book.ods"] {
        let env = TestEnv::new();
        let sheets = [
            Sheet::new("Read me", &[&["This workbook lists who does what."]]),
            Sheet::new(
                "Team",
                &[
                    &["Name", "Title", "Task"],
                    &["Ana Lima", "Product Manager", "Own the roadmap"],
                ],
            ),
            Sheet::new("RACI", CHART),
        ];
        env.workbook(name, &sheets);
        let report = audit(&env, &[name, "--all-sheets"]);
        let read: Vec<String> = report["input"]["sheets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| format!("{} {}", text(&s["sheet"]), text(&s["layout"])))
            .collect();
        assert_eq!(read, ["Team list", "RACI matrix"], "{name}");
        assert_eq!(report["input"]["sheets_skipped"][0]["sheet"], "Read me");
        let people: BTreeSet<String> = report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| format!("{} {}", text(&t["sheet"]), text(&t["person"])))
            .collect();
        assert!(people.contains("Team Ana Lima"), "{people:?}");
        assert!(people.contains("RACI Cy Diaz"), "{people:?}");
        // Ana is one person across both sheets.
        let ana = report["people"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["name"] == "Ana Lima")
            .count();
        assert_eq!(ana, 1);
        // Without the flag, the first recognisable sheet alone.
        let first = audit(&env, &[name]);
        assert_eq!(first["input"]["sheets"].as_array().map(Vec::len), Some(1));
        assert_eq!(first["input"]["sheets"][0]["sheet"], "Team");
    }
}

#[test]
fn other_schemes_and_unknown_marks() {
    let env = TestEnv::new();
    let rows = owned(&[
        &["Decision", "Ana", "Bo", "Cy"],
        &["Choose the database", "Driver", "Approver", "Contributor"],
        &["Pick the launch date", "D", "A", "I"],
    ]);
    env.write("daci.csv", csv_text(&rows));
    let raci = audit(&env, &["daci.csv"]);
    let warnings = raci["input"]["sheets"][0]["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        warnings.len(),
        4,
        "Driver, Approver, Contributor and D are no RACI marks"
    );
    assert!(text(&warnings[0]["message"]).contains("cell B2"));
    let daci = audit(&env, &["daci.csv", "--scheme", "daci"]);
    assert!(daci["input"]["sheets"][0]["warnings"]
        .as_array()
        .is_some_and(Vec::is_empty));
    let letters: BTreeSet<String> = daci["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| format!("{} {}", text(&t["person"]), text(&t["raci"])))
        .collect();
    assert!(letters.contains("Ana R") && letters.contains("Bo A") && letters.contains("Cy C"));
}

#[test]
fn inspect_describes_every_sample() {
    for name in [
        "northwind-product-org.csv",
        "northwind-product-org.xlsx",
        "startup-five.csv",
        "gaps-team.csv",
        "launch-raci.xlsx",
        "launch-raci.ods",
    ] {
        let env = TestEnv::new();
        let run = env.run(["inspect".into(), sample(name).display().to_string()]);
        run.success();
        for expected in ["Layout: ", "Header: ", "Columns:", "task: column "] {
            assert!(
                run.stdout.contains(expected),
                "{name}: no {expected:?} in\n{}",
                run.stdout
            );
        }
        if name.starts_with("launch-raci") {
            assert!(
                run.stdout.contains("Layout: matrix: 7 parties"),
                "{}",
                run.stdout
            );
            assert!(run.stdout.contains("Header: row 5"));
            // The readings weighed: the one taken with its evidence, the runner-up with
            // the flag that picks it and what spoke against it.
            for expected in [
                "Layouts weighed:\n    - matrix: taken\n        for: 7 parties named across row 5 (columns C to I)\n",
                "against: 1 filled cell in the party positions is not marks",
                "- transposed: runner-up (--layout transposed)",
                "against: the other way round reads more like tasks",
                "- list: does not fit\n        against: ",
            ] {
                assert!(run.stdout.contains(expected), "no {expected:?} in\n{}", run.stdout);
            }
            let report = env.run([
                "audit".into(),
                sample(name).display().to_string(),
                "--format".into(),
                "md".into(),
            ]);
            report.success();
            assert!(
                report.stdout.contains("Layout") && !report.stdout.contains("Layouts weighed"),
                "a report keeps to the reading taken:\n{}",
                report.stdout
            );
            assert!(run.stdout.contains("Merged cells: A1:I1"));
            assert!(run.stdout.contains("“A/R” as R/A (3 cells)"));
        } else {
            assert!(run.stdout.contains("Layout: list: "), "{}", run.stdout);
            assert!(run.stdout.contains("person: column "));
        }
    }
}

#[test]
fn inspect_json_is_the_reports_input() {
    let env = TestEnv::new();
    let file = sample("launch-raci.xlsx").display().to_string();
    let run = env.run(["inspect", &file, "--json"]);
    run.success();
    // inspect names the file as typed, as a report does with --show-path.
    let report = audit(&env, &[&file, "--show-path"]);
    assert_eq!(json(&run.stdout), report["input"]);
}

#[test]
fn a_sheet_with_no_recognisable_layout_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    env.write("notes.csv", "Meeting notes\nWe talked about the launch.\n");
    env.run(["inspect", "notes.csv"])
        .fails_with("notes.csv: no recognisable layout");
    env.run(["audit", "notes.csv"])
        .fails_with("notes.csv: no recognisable layout");
}

/// The launch sample's RACI findings are its deliberate problems (listed in
/// examples/make_samples.rs), no more and no fewer, in both formats.
#[test]
fn launch_sample_names_every_deliberate_problem_and_no_other() {
    let expected: BTreeSet<String> = [
        "raci-multiple-accountable:approve-launch-pricing-and-packaging",
        "raci-no-accountable:write-the-release-notes-and-help-centre-articles",
        "raci-consultation-overload:make-the-go-no-go-call-on-launch-readiness",
        "raci-many-responsible:run-the-launch-day-war-room",
        "raci-no-accountable:brief-the-sales-team-on-the-launch",
        "raci-no-responsible:brief-the-sales-team-on-the-launch",
        "raci-unassigned:hold-the-post-launch-retrospective",
        "raci-overload:tomás-herrera",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for name in ["launch-raci.xlsx", "launch-raci.ods"] {
        let env = TestEnv::new();
        let report = audit(&env, &[&sample(name).display().to_string()]);
        let found: BTreeSet<String> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| {
                let kind = text(&f["kind"]);
                kind.starts_with("raci-") || kind == "accountability-overlap"
            })
            .map(|f| text(&f["id"]))
            .collect();
        assert_eq!(found, expected, "{name}");
        let warnings: Vec<String> = report["input"]["sheets"][0]["warnings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|w| text(&w["message"]))
            .collect();
        assert_eq!(warnings.len(), 1, "{name}: {warnings:?}");
        assert!(warnings[0].contains("cell D16: \"TBD\""), "{}", warnings[0]);
        // The chart's 13 rows are its tasks (one unmarked); its 42 marks the assignments.
        assert_eq!(report["summary"]["tasks"], 13, "{name}: one task per row");
        assert_eq!(report["summary"]["unassigned"], 1, "{name}");
        assert_eq!(report["summary"]["assignments"], 42, "{name}: one per mark");
        assert_eq!(report["summary"]["chart_marks"], 42, "{name}");
    }
}

/// Consulted and informed marks are recorded but carry no work: no drift, overlap or single
/// point of failure is argued from them (audited as the roles' whole work, as a chart's
/// ownership findings are only with --roles).
#[test]
fn findings_rest_on_the_work_parties_do_or_own() {
    let env = TestEnv::new();
    let report = audit(
        &env,
        &[
            &sample("launch-raci.xlsx").display().to_string(),
            "--roles",
            "pm,pgm,tpm",
        ],
    );
    let letters = |id: &str| {
        report["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["id"] == id)
            .map(|t| text(&t["raci"]))
            .unwrap_or_default()
    };
    let mut checked = 0;
    for finding in report["findings"].as_array().into_iter().flatten() {
        if !["drift", "overlap", "single-point-of-failure"]
            .contains(&text(&finding["kind"]).as_str())
        {
            continue;
        }
        for id in finding["tasks"].as_array().into_iter().flatten() {
            let marks = letters(&text(id));
            assert!(
                marks.contains(['R', 'A', 'S']),
                "{finding} lists {id} ({marks})"
            );
            checked += 1;
        }
    }
    assert!(checked > 5, "only {checked} tasks checked");
}
