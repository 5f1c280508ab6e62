use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx as Read};

use super::table::{column_names, fit_cell, left_out_text, CELL_CHARS};
use super::*;
use crate::report::tests::{fixture, large_report};

#[test]
fn a_list_past_the_cell_limit_keeps_whole_lines_and_counts_the_rest() {
    let people: Vec<String> = (0..5_000).map(|i| format!("Person number {i}")).collect();
    let text = lines(&people);
    assert!(text.chars().count() > CELL_CHARS);
    let cell = fit_cell(&text);
    assert!(cell.chars().count() <= CELL_CHARS);
    let kept: Vec<&str> = cell.lines().collect();
    let (last, items) = kept.split_last().unwrap();
    assert_eq!(items, &people[..items.len()]);
    let left = people.len() - items.len();
    assert!(
        last.starts_with(&format!("… and {} more ", crate::text::thousands(left))),
        "{last}"
    );
    let long = "x".repeat(CELL_CHARS + 1);
    let cell = fit_cell(&long);
    assert!(cell.chars().count() <= CELL_CHARS);
    assert!(cell.starts_with("xxxx") && cell.contains("cut at Excel's cell limit"));
    assert!(matches!(fit_cell("short"), Cow::Borrowed("short")));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut report = fixture();
    let hostile = ["=HYPERLINK(\"http://x\",\"y\")", "=1+1"];
    for (task, text) in report.tasks.iter_mut().zip(hostile) {
        task.task = Arc::from(text);
        task.person = Arc::from(text);
    }
    let bytes = workbook(&report, None).unwrap_or_else(|e| panic!("{e}"));
    let mut book: Read<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let formulas = book
        .worksheet_formula("Tasks")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let tasks = book
        .worksheet_range("Tasks")
        .unwrap_or_else(|e| panic!("{e}"));
    for (row, text) in hostile.iter().enumerate() {
        let row = row as u32 + 1;
        // Columns: id, sheet, row, person, title, team, task.
        for col in [3, 6] {
            assert_eq!(
                tasks.get_value((row, col)),
                Some(&Data::String(text.to_string())),
                "row {row}, column {col}"
            );
        }
    }
}

#[test]
fn since_last_audit_is_a_table_of_changes_only_with_a_baseline() {
    use super::super::tests::{assignment, report_of};
    use crate::compare::{compare_with_report, Saved};
    let sheets = |report: &AuditReport, since: Option<&crate::compare::Comparison>| {
        let bytes = workbook(report, since).unwrap_or_else(|e| panic!("{e}"));
        let book: Read<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        book
    };
    let report = fixture();
    assert!(!sheets(&report, None)
        .sheet_names()
        .contains(&"Since last audit".to_string()));
    let baseline = report_of(&[
        assignment("Zoë Brontë", "Planner", "Own the roadmap | Q3", 2),
        assignment("Ana", "Planner", "Customer interviews", 3),
    ]);
    let comparison = compare_with_report(&Saved::of_report(&baseline), &report, 0.2)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut book = sheets(&report, Some(&comparison));
    assert_eq!(
        book.sheet_names()[..3],
        ["Summary", "Findings", "Since last audit"]
    );
    book.load_tables().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.table_names_in_sheet("Since last audit").len(),
        1,
        "a real table"
    );
    let range = book
        .worksheet_range("Since last audit")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, String)> = range
        .rows()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert_eq!(rows[0], ("change".to_string(), "id".to_string()));
    assert!(
        rows.contains(&("left".to_string(), "Ana".to_string())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("joined".to_string(), "陈伟".to_string())),
        "{rows:?}"
    );
    for f in &comparison.new {
        assert!(
            rows.contains(&("new finding".to_string(), f.id.clone())),
            "{rows:?}"
        );
    }
    let changes = comparison.new.len()
        + comparison.resolved.len()
        + comparison.joined.len()
        + comparison.left.len()
        + comparison.coverage.len()
        + comparison.role_mix.len();
    assert_eq!(rows.len(), 1 + changes);
}

#[test]
fn rows_past_the_row_limit_are_counted_not_dropped_silently() {
    let report = large_report();
    const LIMIT: usize = 100;
    let bytes =
        workbook_capped(&report, None, LIMIT, TABLE_COLUMNS).unwrap_or_else(|e| panic!("{e}"));
    let mut book: Read<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut column = |sheet: &str| -> Vec<String> {
        let range = book
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("{sheet}: {e}"));
        range.rows().skip(1).map(|r| r[0].to_string()).collect()
    };
    let finding_tasks: usize = report.findings.iter().map(|f| f.tasks.len()).sum();
    assert!(report.tasks.len() > LIMIT && finding_tasks > LIMIT);
    let tasks = column("Tasks");
    let first: Vec<String> = report.tasks[..LIMIT]
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(tasks[..LIMIT], first[..]);
    assert_eq!(tasks[LIMIT..], [left_out_text(report.tasks.len() - LIMIT)]);
    let linked = column("Finding tasks");
    assert_eq!(linked.len(), LIMIT + 1);
    assert_eq!(linked[LIMIT], left_out_text(finding_tasks - LIMIT));
    let summary = book
        .worksheet_range("Summary")
        .unwrap_or_else(|e| panic!("{e}"));
    for (what, left) in [
        ("tasks left out", report.tasks.len() - LIMIT),
        ("finding tasks left out", finding_tasks - LIMIT),
    ] {
        assert!(
            summary
                .rows()
                .any(|r| r[1] == what && r[2] == left_out_text(left).as_str()),
            "{what}"
        );
    }
}

#[test]
fn column_names_are_printable_named_and_unique() {
    let names = column_names(&headers(&[
        "tasks",
        "Tasks",
        "Core\u{1}Team",
        "Plat\u{FFFE}form",
        "line\nbreak",
        " ",
        "",
    ]));
    assert_eq!(
        names,
        [
            "tasks",
            "Tasks (2)",
            "Core\\u{0001}Team",
            "Plat\\u{fffe}form",
            "line\\nbreak",
            "(blank)",
            "(blank) (2)",
        ]
    );
}

#[test]
fn columns_past_the_column_limit_are_counted_below_the_table() {
    use crate::report::tests::{assignment, report_of};
    let teams: Vec<_> = (0..6u32)
        .map(|i| {
            let mut a = assignment(&format!("Person {i}"), "Planner", "Own the roadmap", i + 2);
            a.team = Some(format!("Team {i}").as_str().into());
            a
        })
        .collect();
    let report = report_of(&teams);
    const COLUMNS: usize = 4;
    let groups = report.rollup.by_team.len();
    assert_eq!(groups, 6);
    let bytes =
        workbook_capped(&report, None, TABLE_ROWS, COLUMNS).unwrap_or_else(|e| panic!("{e}"));
    let mut book: Read<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    for (sheet, note) in [
        (
            "Heatmap",
            format!(
                "{} more teams left out: Excel sheets end at 16,384 columns",
                groups - 1
            ),
        ),
        (
            "People",
            "more columns left out: Excel sheets end at 16,384 columns".to_string(),
        ),
    ] {
        let range = book
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("{sheet}: {e}"));
        assert_eq!(range.width(), COLUMNS, "{sheet}");
        let last = range.rows().next_back().map(|r| r[0].to_string());
        assert!(
            last.as_deref().is_some_and(|l| l.contains(&note)),
            "{sheet}: {last:?}"
        );
    }
}
