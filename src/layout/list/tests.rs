//! The list reader's unit tests.

use super::*;

fn table(rows: &[(u32, &[&str])]) -> RawTable {
    RawTable {
        file: "team.csv".into(),
        sheet: None,
        rows: rows
            .iter()
            .map(|(number, texts)| RawRow::from_texts(*number, texts))
            .collect(),
        merged: Vec::new(),
    }
}

fn read(t: &RawTable) -> Result<Extraction, LayoutError> {
    let options = LayoutOptions::default();
    let header = super::super::header::detect(t, &options)?;
    extract(t.clone(), &header, &options, "")
}

fn extract_ok(t: &RawTable) -> Extraction {
    read(t).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn splits_multi_task_cells() {
    assert_eq!(
        split_tasks("• Roadmap\n• PRDs; launch plan"),
        vec!["Roadmap", "PRDs", "launch plan"]
    );
    assert_eq!(
        split_tasks("1. hiring\n2) budget\n- vendor SOWs"),
        vec!["hiring", "budget", "vendor SOWs"]
    );
    assert_eq!(split_tasks(" ;\n "), Vec::<String>::new());
}

#[test]
fn fills_names_down_and_splits_effort() {
    let t = table(&[
        (1, &["Name", "Title", "Task", "Hours"]),
        (2, &["Ana", "PM", "Roadmap; PRDs", "10"]),
        (3, &["", "", "Launch plan", "4"]),
        (5, &["Bo", "", "Budget", ""]),
    ]);
    let x = extract_ok(&t);
    type Row<'a> = (&'a str, Option<&'a str>, &'a str, Option<f64>, u32);
    let got: Vec<Row> = x
        .assignments
        .iter()
        .map(|a| {
            (
                &*a.person,
                a.title.as_deref(),
                a.task.as_str(),
                a.effort,
                a.row,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Ana", Some("PM"), "Roadmap", Some(5.0), 2),
            ("Ana", Some("PM"), "PRDs", Some(5.0), 2),
            ("Ana", Some("PM"), "Launch plan", Some(4.0), 3),
            ("Bo", None, "Budget", None, 5),
        ]
    );
    assert_eq!(
        x.notes.skipped,
        vec![SkippedLine {
            line: Line::Row(4),
            reason: SkipReason::Blank
        }]
    );
}

#[test]
fn skips_rows_without_task_or_person_and_warns_on_effort() {
    let t = table(&[
        (1, &["Owner", "Task", "Effort"]),
        (2, &["", "orphan task", ""]),
        (3, &["Ana", "", ""]),
        (4, &["", "Roadmap", "lots"]),
    ]);
    let x = extract_ok(&t);
    assert_eq!(x.assignments.len(), 1);
    assert_eq!(&*x.assignments[0].person, "Ana");
    assert_eq!(x.assignments[0].effort, None);
    let reasons: Vec<SkipReason> = x.notes.skipped.iter().map(|s| s.reason.clone()).collect();
    assert_eq!(reasons, vec![SkipReason::NoPerson, SkipReason::NoTask]);
    assert_eq!(x.notes.warnings.len(), 1);
    assert!(x.notes.warnings[0].message.contains("team.csv, cell C4"));
    assert!(x.notes.warnings[0].message.contains("\"lots\""));
}

#[test]
fn an_outlines_summary_rows_are_headings_and_group_the_rows_under_them() {
    let t = table(&[
        (1, &["Outline", "Task Name", "Assigned to", "Milestone"]),
        (2, &["1", "Initiation", "", "No"]),
        (3, &["1.1", "Determine scope", "Project Manager", "No"]),
        (4, &["2", "Build", "", "No"]),
        (5, &["2.1", "Testing", "", "No"]),
        (6, &["2.1.1", "Unit tests", "Dev, QA, Content Team", "Yes"]),
        (7, &["2.2", "Write code", "", "No"]),
        (8, &["3", "Lessons learned", "", "No"]),
    ]);
    let x = extract_ok(&t);
    let got: Vec<(&str, &str, Option<&str>)> = x
        .assignments
        .iter()
        .map(|a| (&*a.person, a.task.as_str(), a.group.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Project Manager", "Determine scope", Some("Initiation")),
            ("Dev", "Unit tests", Some("Testing")),
            ("QA", "Unit tests", Some("Testing")),
            ("Content Team", "Unit tests", Some("Testing")),
            // Left blank, not a parent: the people above, under the outer heading.
            ("Dev", "Write code", Some("Build")),
            ("QA", "Write code", Some("Build")),
            ("Content Team", "Write code", Some("Build")),
            ("Dev", "Lessons learned", None),
            ("QA", "Lessons learned", None),
            ("Content Team", "Lessons learned", None),
        ]
    );
    let headings: Vec<Line> = x
        .notes
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Category)
        .map(|s| s.line)
        .collect();
    assert_eq!(headings, vec![Line::Row(2), Line::Row(4), Line::Row(5)]);
    // A column of yes/no flags is no group, whatever its header says.
    assert!(x.notes.columns.iter().all(|c| c.role != ColumnRole::Group));
    assert!(x
        .notes
        .layout_reason
        .contains("column A \"Outline\" numbers the rows"));
}

#[test]
fn a_group_column_groups_its_rows() {
    let t = table(&[
        (1, &["Phase", "Owner", "Task"]),
        (2, &["Discovery", "Ana", "Interview customers"]),
        (3, &["", "Bo", "Write up findings"]),
    ]);
    let groups: Vec<Option<String>> = extract_ok(&t)
        .assignments
        .into_iter()
        .map(|a| a.group)
        .collect();
    assert_eq!(
        groups,
        vec![Some("Discovery".into()), Some("Discovery".into())]
    );
}

#[test]
fn header_without_rows_is_an_error() {
    let t = table(&[(1, &["Name", "Task"])]);
    assert!(matches!(read(&t), Err(LayoutError::NoTasks { .. })));
}
