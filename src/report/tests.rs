//! Every renderer, snapshotted from one shared report, so a change to any format's shape
//! shows up as a reviewed diff.

use super::{renderer, CsvOptions, Format, Rendered, Table};
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

pub(crate) fn assignment(person: &str, title: &str, task: &str, row: u32) -> Assignment {
    Assignment {
        person: person.into(),
        title: Some(title.into()),
        team: Some("Core".into()),
        task: task.to_string(),
        effort: Some(4.0),
        raci: None,
        group: None,
        sheet: None,
        row,
        column: 2,
    }
}

pub(crate) fn fixture() -> AuditReport {
    report_of(&[
        assignment("Zoë Brontë", "Planner", "Own the roadmap | Q3", 2),
        assignment("Zoë Brontë", "Planner", "Fix the build", 3),
        assignment("陈伟", "Engineer", "Roadmap prioritization", 4),
        assignment("陈伟", "Engineer", "Customer interviews", 5),
    ])
}

/// The audit of `assignments` against the fixture rubric, read from one CSV sheet.
pub(crate) fn report_of(assignments: &[Assignment]) -> AuditReport {
    report_with(assignments, AuditSettings::default())
}

fn report_with(assignments: &[Assignment], settings: AuditSettings) -> AuditReport {
    let rubric = Rubric::from_sources([("planner.toml".to_string(), RUBRIC.to_string())])
        .unwrap_or_else(|e| panic!("{e}"));
    let notes = InputNotes {
        file: "team.csv".to_string(),
        sheets: vec![SheetNotes {
            sheet: None,
            layout: LayoutKind::List,
            layout_reason: "row 1 names a person column and a task column".to_string(),
            reading: Default::default(),
            weighed: Vec::new(),
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
            tracker: None,
        }],
        sheets_skipped: Vec::new(),
    };
    let matcher = Matcher::new(&rubric, MatchSettings::default());
    audit(
        &rubric,
        &matcher,
        assignments.to_vec(),
        &[],
        notes,
        settings,
        crate::progress::Progress::Hidden,
    )
}

const CSV: Format = Format::Csv(CsvOptions {
    raw: false,
    bom: false,
});

fn rendered_text(format: Format, table: Option<Table>) -> String {
    let report = fixture();
    let rendered = renderer(format, table)
        .render(crate::report::Document::of(&report))
        .unwrap_or_else(|e| panic!("{e}"));
    match rendered {
        Rendered::Document(body) => String::from_utf8_lossy(&body.to_bytes().unwrap()).into_owned(),
        Rendered::Tables(tables) => tables
            .into_iter()
            .map(|(name, body)| {
                format!(
                    "== {name}\n{}",
                    String::from_utf8_lossy(&body.to_bytes().unwrap())
                )
            })
            .collect(),
    }
}

#[test]
fn terminal() {
    insta::assert_snapshot!(rendered_text(
        Format::Text(crate::report::TerminalOptions {
            width: 100,
            colour: false
        }),
        None
    ));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(rendered_text(
        Format::Markdown(crate::report::MarkdownOptions::default()),
        None
    ));
}

/// The narrowest layout, in colour: every line within 40 columns, severities coloured.
#[test]
fn terminal_narrow_in_colour() {
    insta::assert_snapshot!(rendered_text(
        Format::Text(crate::report::TerminalOptions {
            width: 40,
            colour: true
        }),
        None
    ));
}

#[test]
fn markdown_summary() {
    insta::assert_snapshot!(rendered_text(
        Format::Markdown(crate::report::MarkdownOptions { summary: true }),
        None
    ));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered_text(Format::Json, None));
}

#[test]
fn csv_tables() {
    insta::assert_snapshot!(rendered_text(CSV, None));
}

#[test]
fn csv_single_table_matches_its_part_of_the_folder() {
    let all = rendered_text(CSV, None);
    let people = rendered_text(CSV, Some(Table::People));
    assert!(all.contains(&format!("== people.csv\n{people}")));
}

/// Cells a spreadsheet would evaluate, each as a person's name, title, team and sheet, and at
/// the start of their task; and a name with a harmless dash inside.
const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
];
const HARMLESS: &str = "Ana-Maria";

fn hostile_report() -> AuditReport {
    let assignments: Vec<Assignment> = HOSTILE
        .iter()
        .chain([&HARMLESS])
        .zip(2..)
        .map(|(&text, row)| Assignment {
            team: Some(text.into()),
            sheet: Some(text.to_string()),
            ..assignment(text, text, &format!("{text} roadmap prioritization"), row)
        })
        .collect();
    // Seven people on one responsibility is shared work, whose one finding lists no
    // tasks; as an overlap, every hostile line reaches every table.
    let settings = AuditSettings {
        max_owners: usize::MAX,
        ..AuditSettings::default()
    };
    report_with(&assignments, settings)
}

/// Each table as (header, rows of cells), read back by a CSV reader.
fn hostile_tables(raw: bool) -> Vec<(Table, Vec<String>, Vec<Vec<String>>)> {
    let csv = renderer(Format::Csv(CsvOptions { raw, bom: false }), None);
    let report = hostile_report();
    let Rendered::Tables(tables) = csv.render(crate::report::Document::of(&report)).unwrap() else {
        panic!("csv renders tables");
    };
    Table::ALL
        .into_iter()
        .zip(tables)
        .map(|(table, (name, body))| {
            assert_eq!(name, table.file_name());
            let bytes = body.to_bytes().unwrap();
            let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
            let header = reader.headers().unwrap().iter().map(String::from).collect();
            let rows = reader
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            (table, header, rows)
        })
        .collect()
}

/// The cells of `column` in a table.
fn column(header: &[String], rows: &[Vec<String>], column: &str) -> Vec<String> {
    let at = header.iter().position(|h| h == column).unwrap();
    rows.iter().map(|row| row[at].clone()).collect()
}

#[test]
fn csv_cells_never_start_a_formula_in_any_table() {
    for (table, header, rows) in hostile_tables(false) {
        let quoted = rows
            .iter()
            .flatten()
            .filter(|c| c.starts_with('\''))
            .count();
        // That table's text is the rubric's alone, which the sheet cannot reach.
        if table != Table::FindingResponsibilities {
            assert!(quoted > 0, "{table:?}: no hostile cell reached this table");
        }
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{table:?}: {cell:?} in {header:?}"
            );
        }
    }
}

#[test]
fn csv_quotes_hostile_names_titles_teams_sheets_and_tasks_and_nothing_else() {
    let tables = hostile_tables(false);
    let (_, header, rows) = &tables[0];
    for name in ["person", "title", "team", "sheet"] {
        let cells = column(header, rows, name);
        for text in HOSTILE {
            assert!(cells.contains(&format!("'{text}")), "{name}: {text:?}");
        }
        assert!(cells.contains(&HARMLESS.to_string()), "{name}");
    }
    let tasks = column(header, rows, "task");
    for text in HOSTILE.iter().chain([&HARMLESS]) {
        let quote = if HOSTILE.contains(text) { "'" } else { "" };
        assert!(tasks.contains(&format!("{quote}{text} roadmap prioritization")));
    }
    let (_, header, rows) = tables
        .iter()
        .find(|(table, ..)| *table == Table::People)
        .unwrap();
    for name in ["name", "title", "team"] {
        let cells = column(header, rows, name);
        for text in HOSTILE {
            assert!(cells.contains(&format!("'{text}")), "{name}: {text:?}");
        }
        assert!(cells.contains(&HARMLESS.to_string()), "{name}");
    }
}

#[test]
fn raw_csv_writes_every_cell_exactly() {
    let tables = hostile_tables(true);
    let (_, header, rows) = &tables[0];
    let people = column(header, rows, "person");
    let tasks = column(header, rows, "task");
    for text in HOSTILE.iter().chain([&HARMLESS]) {
        assert!(people.contains(&text.to_string()), "{text:?}");
        assert!(tasks.contains(&format!("{text} roadmap prioritization")));
    }
    assert!(tables
        .iter()
        .flat_map(|(_, _, rows)| rows.iter().flatten())
        .all(|cell| !cell.starts_with('\'')));
}

/// A report whose task, finding and people lists each span several of the chunks the JSON
/// and CSV writers render in parallel, with verdicts shared by many tasks and by one.
pub(crate) fn large_report() -> AuditReport {
    let tasks = [
        "Own the roadmap",
        "Roadmap prioritization",
        "Customer interviews",
        "Fix the build",
        "Roadmap review with customer interviews",
    ];
    let assignments: Vec<Assignment> = (0..9000u32)
        .map(|i| {
            let person = format!("Person {}", i / 3);
            let title = if i % 2 == 0 { "Planner" } else { "Engineer" };
            // Most texts repeat, so that their verdict is shared; every tenth is the only
            // one of its kind.
            let task = if i % 10 == 0 {
                format!("Roadmap review number {i}")
            } else {
                tasks[i as usize % tasks.len()].to_string()
            };
            let mut a = assignment(&person, title, &task, i + 2);
            a.effort = (i % 4 != 0).then_some(f64::from(i % 7) + 0.5);
            a
        })
        .collect();
    report_of(&assignments)
}

fn json_of(report: &AuditReport) -> Vec<u8> {
    let Rendered::Document(body) = renderer(Format::Json, None)
        .render(crate::report::Document::of(report))
        .unwrap_or_else(|e| panic!("{e}"))
    else {
        panic!("JSON is one document");
    };
    body.to_bytes().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn json_lists_each_verdict_once_one_record_a_line_whatever_the_threads() {
    for report in [fixture(), large_report(), report_of(&[])] {
        let rendered = json_of(&report);
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
            .install(|| json_of(&report));
        assert!(
            rendered == one_thread,
            "{} tasks: threads changed the bytes",
            report.tasks.len()
        );
        let text = String::from_utf8(rendered).unwrap_or_else(|e| panic!("{e}"));
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let distinct: std::collections::BTreeSet<&str> =
            report.tasks.iter().map(|t| &*t.task).collect();
        let verdicts = value["verdicts"].as_array().map_or(0, Vec::len);
        assert_eq!(verdicts, distinct.len());
        let ids: std::collections::BTreeSet<&str> = value["verdicts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v["id"].as_str())
            .collect();
        for task in value["tasks"].as_array().into_iter().flatten() {
            assert!(
                ids.contains(task["verdict"].as_str().unwrap_or("")),
                "{task}"
            );
        }
        // Every task and verdict is one line of its own.
        let lines = text
            .lines()
            .filter(|l| l.starts_with("    {\"id\":\"T") || l.starts_with("    {\"id\":\"V"))
            .count();
        assert_eq!(lines, report.tasks.len() + distinct.len());
    }
}

#[test]
fn csv_tables_of_many_chunks_have_one_header_and_every_row() {
    let report = large_report();
    assert!(report.findings.len() > 1000, "{}", report.findings.len());
    let Rendered::Tables(tables) = renderer(CSV, None)
        .render(crate::report::Document::of(&report))
        .unwrap_or_else(|e| panic!("{e}"))
    else {
        panic!("CSV is eight tables");
    };
    for (name, body) in tables {
        let bytes = body.to_bytes().unwrap_or_else(|e| panic!("{e}"));
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let header = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
        let rows: Vec<::csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = match name.as_str() {
            "tasks.csv" => report.tasks.len(),
            "verdicts.csv" => (report.tasks.iter().map(|t| &*t.task))
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            "coverage.csv" => report.coverage.len(),
            "findings.csv" => report.findings.len(),
            "finding-tasks.csv" => report.findings.iter().map(|f| f.tasks.len()).sum(),
            "finding-responsibilities.csv" => report
                .findings
                .iter()
                .map(|f| f.responsibilities.len())
                .sum(),
            "people.csv" => report.people.len(),
            _ => {
                let groups = report.rollup.by_title.len() + report.rollup.by_team.len();
                groups * (report.rubrics.len() + 1)
            }
        };
        assert_eq!(rows.len(), expected, "{name}");
        assert!(
            rows.iter().all(|r| r != &header),
            "{name}: a header in the middle"
        );
        let first_column: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        if name == "tasks.csv" {
            let ids: Vec<String> = report.tasks.iter().map(|t| t.id.to_string()).collect();
            assert_eq!(first_column, ids, "tasks in order");
        }
    }
}

/// The files [`super::output_files`] plans before a run reads anything are exactly the files
/// [`super::write_all`] then writes, for every shape of run: its refusal of an output that is
/// a file the run reads depends on it.
#[test]
fn output_files_are_the_files_written() {
    use super::{output_files, write_all, Destination, MarkdownOptions, TerminalOptions};
    let report = fixture();
    let markdown = Format::Markdown(MarkdownOptions::default());
    let text = Format::Text(TerminalOptions {
        width: 80,
        colour: false,
    });
    let runs: [(&[Format], Option<Table>, &str); 6] = [
        (&[Format::Json], None, "out.json"),
        (&[CSV], None, "tables"),
        (&[CSV], Some(Table::People), "people.csv"),
        (&[markdown], None, "out.md"),
        (&[Format::Json, markdown, CSV], None, "set"),
        (&[text, Format::Json], None, "two"),
    ];
    for (formats, table, name) in runs {
        let dir = tempfile::tempdir().unwrap();
        let destination = Destination::Path(dir.path().join(name));
        let rendered: Vec<(&str, Rendered<'_>)> = formats
            .iter()
            .map(|&f| {
                (
                    f.file_name(),
                    renderer(f, table)
                        .render(crate::report::Document::of(&report))
                        .unwrap(),
                )
            })
            .collect();
        write_all(&rendered, &destination, &Default::default()).unwrap();
        let mut written = Vec::new();
        let mut folders = vec![dir.path().to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap().flatten() {
                match entry.path() {
                    p if p.is_dir() => folders.push(p),
                    p => written.push(p),
                }
            }
        }
        written.sort();
        let mut planned = output_files(formats, table, &destination);
        planned.sort();
        assert_eq!(planned, written, "{name}");
    }
}
