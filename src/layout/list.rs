//! The list layout: one row per person and task, under a header found by its words.

use super::effort::{parse_effort, EffortUnit};
use super::{
    share, Assignment, ColumnRole, Extraction, LayoutError, LayoutKind, LayoutOptions, Line,
    SheetNotes, SkipReason, SkippedLine, Warning, Who,
};
use std::sync::Arc;

use crate::input::{column_letters, RawRow, RawTable};

/// Bullets people type or paste into a cell to list several tasks.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '‣', '●', '∙', '○', '■', '□', '➢', '➤', '►', '▸',
];

/// Splits a cell holding several tasks (one per line, separated by semicolons or bullets)
/// and strips list markers such as "- ", "* " or "1.".
pub fn split_tasks(cell: &str) -> Vec<String> {
    cell.split(|c: char| c == '\n' || c == '\r' || c == ';' || BULLETS.contains(&c))
        .map(strip_list_marker)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn strip_list_marker(line: &str) -> &str {
    let line = line.trim();
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("– "))
    {
        return rest.trim();
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim();
        }
    }
    line
}

fn cell_text(row: &RawRow, column: Option<u32>) -> Option<&str> {
    column
        .and_then(|c| row.get(c))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Reads every row under the header into assignments.
pub(super) fn extract(
    mut table: RawTable,
    options: &LayoutOptions,
    named: &str,
) -> Result<Extraction, LayoutError> {
    let header = super::header::detect(&table, options)?;
    let column = |role| header.column(role);
    let (person_col, task_col) = (column(ColumnRole::Person), column(ColumnRole::Task));
    let (title_col, team_col, effort_col) = (
        column(ColumnRole::Title),
        column(ColumnRole::Team),
        column(ColumnRole::Effort),
    );
    // Person columns after the first name more people on the same row; only the first
    // fills down over the rows that leave it blank.
    let further_person_cols: Vec<u32> = header
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Person)
        .skip(1)
        .filter_map(|c| match c.at {
            Line::Column(column) => Some(column),
            Line::Row(_) => None,
        })
        .collect();
    let effort_unit = header
        .header_text(ColumnRole::Effort)
        .map_or(EffortUnit::Either, EffortUnit::from_header);

    let mut assignments = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut rows_read = 0;
    // The person block the current row belongs to: (name, title, team).
    let mut block: Option<Who> = None;
    // The last of each as a shared string, for the rows that repeat it.
    let (mut last_person, mut last_title, mut last_team) = (None, None, None);
    let mut previous_row = header.row;

    // Each row is dropped once read; `table` keeps only where things are.
    let rows = std::mem::take(&mut table.rows);
    for row in rows.into_iter().filter(|r| r.number > header.row) {
        skipped.extend(SkippedLine::blank_rows(previous_row, row.number));
        previous_row = row.number;
        rows_read += 1;

        let further: Vec<&str> = further_person_cols
            .iter()
            .filter_map(|&c| cell_text(&row, Some(c)))
            .collect();
        let person = cell_text(&row, person_col);
        let title = cell_text(&row, title_col).map(|t| share(&mut last_title, t));
        let team = cell_text(&row, team_col).map(|t| share(&mut last_team, t));
        if let Some(person) = person {
            block = Some((share(&mut last_person, person), title.clone(), team.clone()));
        }
        let Some(task_cell) = cell_text(&row, task_col) else {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: if person.is_some() || title.is_some() || team.is_some() {
                    SkipReason::NoTask
                } else {
                    SkipReason::Blank
                },
            });
            continue;
        };
        let lone = further.first().map(|&name| (Arc::from(name), None, None));
        let Some((name, block_title, block_team)) = block.as_ref().or(lone.as_ref()) else {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::NoPerson,
            });
            continue;
        };
        let tasks = split_tasks(task_cell);
        let effort = cell_text(&row, effort_col).and_then(|text| {
            let parsed = parse_effort(text, effort_unit);
            if parsed.is_none() {
                let location = table.location(Some(row.number), effort_col);
                warnings.push(Warning {
                    row: row.number,
                    column: crate::input::column_letters(effort_col.unwrap_or(0)),
                    message: format!(
                        "{location}: effort \"{text}\" is not hours, a percentage or a fraction; the task counts without effort"
                    ),
                });
            }
            parsed
        });
        let mut people: Vec<Arc<str>> = vec![name.clone()];
        for other in &further {
            if !people.iter().any(|p| **p == **other) {
                people.push(Arc::from(*other));
            }
        }
        // Effort is the row's: shared over its tasks and the people who do them.
        let share = effort.map(|hours| hours / (tasks.len() * people.len()).max(1) as f64);
        for task in tasks {
            for (index, person) in people.iter().enumerate() {
                // A title or team column describes the first person column's person.
                let first = index == 0;
                assignments.push(Assignment {
                    person: person.clone(),
                    title: first
                        .then(|| title.clone().or_else(|| block_title.clone()))
                        .flatten(),
                    team: first
                        .then(|| team.clone().or_else(|| block_team.clone()))
                        .flatten(),
                    task: task.clone(),
                    effort: share,
                    row: row.number,
                    raci: None,
                    group: None,
                    sheet: table.sheet.clone(),
                    column: task_col.unwrap_or(0),
                });
            }
        }
    }
    if assignments.is_empty() {
        return Err(LayoutError::NoTasks {
            location: table.location(None, None),
            header_row: header.row,
        });
    }
    let named_column = |role: ColumnRole| {
        header
            .columns
            .iter()
            .find(|c| c.role == role)
            .and_then(|c| {
                let letters = column_letters(header.column(role)?);
                Some(format!("{letters} \"{}\"", c.header))
            })
            .unwrap_or_default()
    };
    let found = format!(
        "row {} names a person column ({}) and a task column ({}): one row per person and task",
        header.row,
        named_column(ColumnRole::Person),
        named_column(ColumnRole::Task)
    );
    Ok(Extraction {
        assignments,
        notes: SheetNotes {
            sheet: table.sheet.clone(),
            layout: LayoutKind::List,
            layout_reason: super::reason(named, found),
            layout_doubt: None,
            header: Line::Row(header.row),
            columns: header.columns,
            parties: Vec::new(),
            scheme: None,
            marks: Vec::new(),
            merged: Vec::new(),
            lines_read: rows_read,
            skipped,
            warnings,
        },
        chart: None,
    })
}

#[cfg(test)]
mod tests {
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

    fn extract_ok(t: &RawTable) -> Extraction {
        extract(t.clone(), &LayoutOptions::default(), "").unwrap_or_else(|e| panic!("{e}"))
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
    fn header_without_rows_is_an_error() {
        let t = table(&[(1, &["Name", "Task"])]);
        assert!(matches!(
            extract(t.clone(), &LayoutOptions::default(), ""),
            Err(LayoutError::NoTasks { .. })
        ));
    }
}
