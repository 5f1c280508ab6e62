//! Every renderer, snapshotted from one shared report, so a change to any format's shape
//! shows up as a reviewed diff.

use super::{renderer, Format, Rendered, Table};
use crate::audit::{audit, AuditReport, AuditSettings};
use crate::layout::{
    Assignment, ColumnRole, Decided, DetectedColumn, InputNotes, LayoutKind, Line, SheetNotes,
    SkipReason, SkippedLine,
};
use crate::matching::{MatchSettings, Matcher};
use crate::rubric::Rubric;

const RUBRIC: &str = r#"
[role]
id = "planner"
name = "Planner"
aliases = ["Planner"]
summary = "Plans."

[[responsibility]]
id = "pl-roadmap"
title = "Roadmap"
description = "Keeps the roadmap."
terms = ["roadmap", "prioritization"]
examples = ["own the roadmap"]
core = true
source = "fixture"

[[responsibility]]
id = "pl-research"
title = "Research"
description = "Talks to customers."
terms = ["customer interviews"]
examples = ["customer interviews"]
core = true
source = "fixture"
"#;

pub(crate) fn fixture() -> AuditReport {
    let rubric = Rubric::from_sources([("planner.toml".to_string(), RUBRIC.to_string())])
        .unwrap_or_else(|e| panic!("{e}"));
    let assignment = |person: &str, title: &str, task: &str, row: u32| Assignment {
        person: person.to_string(),
        title: Some(title.to_string()),
        team: Some("Core".to_string()),
        task: task.to_string(),
        effort: Some(4.0),
        raci: None,
        group: None,
        sheet: None,
        row,
        column: 2,
    };
    let assignments = vec![
        assignment("Zoë Brontë", "Planner", "Own the roadmap | Q3", 2),
        assignment("Zoë Brontë", "Planner", "Fix the build", 3),
        assignment("陈伟", "Engineer", "Roadmap prioritization", 4),
        assignment("陈伟", "Engineer", "Customer interviews", 5),
    ];
    let notes = InputNotes {
        file: "team.csv".to_string(),
        sheets: vec![SheetNotes {
            sheet: None,
            layout: LayoutKind::List,
            layout_reason: "row 1 names a person column and a task column".to_string(),
            header: Line::Row(1),
            columns: vec![
                DetectedColumn {
                    role: ColumnRole::Person,
                    at: Line::Column(0),
                    header: "Name".to_string(),
                    decided: Decided::Header,
                },
                DetectedColumn {
                    role: ColumnRole::Task,
                    at: Line::Column(2),
                    header: "Task".to_string(),
                    decided: Decided::Header,
                },
            ],
            parties: Vec::new(),
            scheme: None,
            marks: Vec::new(),
            merged: Vec::new(),
            lines_read: 5,
            skipped: vec![SkippedLine {
                line: Line::Row(6),
                reason: SkipReason::NoTask,
            }],
            warnings: Vec::new(),
        }],
        sheets_skipped: Vec::new(),
    };
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    audit(
        &rubric,
        &matcher,
        &assignments,
        &[],
        notes,
        AuditSettings::default(),
    )
}

fn rendered_text(format: Format, table: Option<Table>) -> String {
    let rendered = renderer(format, table)
        .render(&fixture())
        .unwrap_or_else(|e| panic!("{e}"));
    match rendered {
        Rendered::Document(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Rendered::Tables(tables) => tables
            .into_iter()
            .map(|(name, bytes)| format!("== {name}\n{}", String::from_utf8_lossy(&bytes)))
            .collect(),
    }
}

#[test]
fn terminal() {
    insta::assert_snapshot!(rendered_text(Format::Text, None));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(rendered_text(Format::Markdown, None));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered_text(Format::Json, None));
}

#[test]
fn csv_tables() {
    insta::assert_snapshot!(rendered_text(Format::Csv, None));
}

#[test]
fn csv_single_table_matches_its_part_of_the_folder() {
    let all = rendered_text(Format::Csv, None);
    let people = rendered_text(Format::Csv, Some(Table::People));
    assert!(all.contains(&format!("== people.csv\n{people}")));
}
