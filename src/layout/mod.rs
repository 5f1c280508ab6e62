//! Layout: from a [`RawTable`] to [`Assignment`]s, one per person and task.
//!
//! Format-agnostic: CSV and every workbook kind arrive here as the same text grid. The
//! header is found by the words people use (see the `header` module); everything below it is read
//! forgivingly, the way a person would read the sheet: a name given once per block applies
//! to the rows under it, a cell listing several tasks is several tasks, and an effort that
//! cannot be read is a warning rather than a failure.

mod effort;
mod header;

use serde::Serialize;

use crate::input::{Location, RawRow, RawTable};

pub use effort::{parse_effort, EffortUnit, HOURS_PER_WEEK};
pub use header::{
    normalise_header, ColumnRole, ColumnSpec, Decided, DetectedColumn, Header, LayoutOptions,
    HEADER_SEARCH_ROWS,
};

/// One person doing one task, as read from the sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    pub person: String,
    pub title: Option<String>,
    pub team: Option<String>,
    pub task: String,
    /// Hours per week, when the sheet gives an effort.
    pub effort: Option<f64>,
    /// Where the task text is (1-based row, 0-based column).
    pub row: u32,
    #[serde(skip)]
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Nothing in any cell.
    Blank,
    /// A name, title or team but no task text.
    NoTask,
    /// Task text with no name on it or above it.
    NoPerson,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Blank => "blank row",
            SkipReason::NoTask => "no task text",
            SkipReason::NoPerson => "no person named on the row or above it",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    pub row: u32,
    pub reason: SkipReason,
}

/// A problem with one cell that does not stop the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub row: u32,
    pub column: String,
    pub message: String,
}

/// What rolecall understood of the input, reported with every audit so a reader can check
/// the reading before trusting the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputNotes {
    pub file: String,
    pub sheet: Option<String>,
    pub header_row: u32,
    pub columns: Vec<DetectedColumn>,
    /// Rows under the header that held something.
    pub rows_read: usize,
    pub rows_skipped: Vec<SkippedRow>,
    pub warnings: Vec<Warning>,
}

/// The assignments of one sheet and what was learned reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub assignments: Vec<Assignment>,
    pub notes: InputNotes,
}

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("{location}: the sheet is empty")]
    EmptySheet { location: Location },
    #[error("{location}: no header row found in the first {searched} rows (first row seen: {}); name the columns with --header-row N, --person-column and --task-column", list(first_row))]
    NoHeader {
        location: Location,
        searched: usize,
        first_row: Vec<String>,
    },
    #[error("{location}: no {role} column; pass --{role}-column NAME or a column letter (headers seen: {})", list(seen))]
    MissingColumn {
        location: Location,
        role: ColumnRole,
        seen: Vec<String>,
    },
    #[error("{location}: no column \"{spec}\" in the header row (headers seen: {}); give a header text or a column letter", list(seen))]
    UnknownColumn {
        location: Location,
        spec: String,
        seen: Vec<String>,
    },
    #[error("{location}: the header row is blank; pick another with --header-row N")]
    BlankHeaderRow { location: Location },
    #[error("{location}: no task rows under the header in row {header_row}")]
    NoTasks { location: Location, header_row: u32 },
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

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
pub fn extract(table: &RawTable, options: &LayoutOptions) -> Result<Extraction, LayoutError> {
    let header = header::detect(table, options)?;
    let column = |role| header.column(role);
    let (person_col, task_col) = (column(ColumnRole::Person), column(ColumnRole::Task));
    let (title_col, team_col, effort_col) = (
        column(ColumnRole::Title),
        column(ColumnRole::Team),
        column(ColumnRole::Effort),
    );
    let effort_unit = header
        .header_text(ColumnRole::Effort)
        .map_or(EffortUnit::Either, EffortUnit::from_header);

    let mut assignments = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut rows_read = 0;
    // The person block the current row belongs to: (name, title, team).
    let mut block: Option<(String, Option<String>, Option<String>)> = None;
    let mut previous_row = header.row;

    for row in table.rows.iter().filter(|r| r.number > header.row) {
        for blank in previous_row + 1..row.number {
            skipped.push(SkippedRow {
                row: blank,
                reason: SkipReason::Blank,
            });
        }
        previous_row = row.number;
        rows_read += 1;

        let person = cell_text(row, person_col);
        let title = cell_text(row, title_col).map(str::to_string);
        let team = cell_text(row, team_col).map(str::to_string);
        if let Some(person) = person {
            block = Some((person.to_string(), title.clone(), team.clone()));
        }
        let Some(task_cell) = cell_text(row, task_col) else {
            skipped.push(SkippedRow {
                row: row.number,
                reason: if person.is_some() || title.is_some() || team.is_some() {
                    SkipReason::NoTask
                } else {
                    SkipReason::Blank
                },
            });
            continue;
        };
        let Some((name, block_title, block_team)) = &block else {
            skipped.push(SkippedRow {
                row: row.number,
                reason: SkipReason::NoPerson,
            });
            continue;
        };
        let tasks = split_tasks(task_cell);
        let effort = cell_text(row, effort_col).and_then(|text| {
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
        let share = effort.map(|hours| hours / tasks.len().max(1) as f64);
        for task in tasks {
            assignments.push(Assignment {
                person: name.clone(),
                title: title.clone().or_else(|| block_title.clone()),
                team: team.clone().or_else(|| block_team.clone()),
                task,
                effort: share,
                row: row.number,
                column: task_col.unwrap_or(0),
            });
        }
    }
    if assignments.is_empty() {
        return Err(LayoutError::NoTasks {
            location: table.location(None, None),
            header_row: header.row,
        });
    }
    Ok(Extraction {
        assignments,
        notes: InputNotes {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            header_row: header.row,
            columns: header.columns,
            rows_read,
            rows_skipped: skipped,
            warnings,
        },
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
        }
    }

    fn extract_ok(t: &RawTable) -> Extraction {
        extract(t, &LayoutOptions::default()).unwrap_or_else(|e| panic!("{e}"))
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
                    a.person.as_str(),
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
            x.notes.rows_skipped,
            vec![SkippedRow {
                row: 4,
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
        assert_eq!(x.assignments[0].person, "Ana");
        assert_eq!(x.assignments[0].effort, None);
        let reasons: Vec<SkipReason> = x.notes.rows_skipped.iter().map(|s| s.reason).collect();
        assert_eq!(reasons, vec![SkipReason::NoPerson, SkipReason::NoTask]);
        assert_eq!(x.notes.warnings.len(), 1);
        assert!(x.notes.warnings[0].message.contains("team.csv, cell C4"));
        assert!(x.notes.warnings[0].message.contains("\"lots\""));
    }

    #[test]
    fn header_without_rows_is_an_error() {
        let t = table(&[(1, &["Name", "Task"])]);
        assert!(matches!(
            extract(&t, &LayoutOptions::default()),
            Err(LayoutError::NoTasks { .. })
        ));
    }
}
