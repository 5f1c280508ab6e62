//! The list layout: one row per person and task, under a header found by its words.

use super::detect::Considered;
use super::effort::{parse_effort, EffortUnit};
use super::reader::{Candidate, Reader, Sheet};
use super::vocabulary::looks_like_role_title;
use super::{
    share, Assignment, ColumnRole, Decided, Extraction, Header, LayoutError, LayoutKind,
    LayoutOptions, Line, SheetNotes, SkipReason, SkippedLine, Warning,
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

/// The names in one person cell. "Dev, QA, Content Team" is three parties, while "Lima,
/// Ana" is one person written surname first: semicolons and line breaks always separate,
/// commas only when there are three or more parts, or a part is more than one word or
/// reads as a role.
fn split_people(cell: &str) -> Vec<&str> {
    let mut people = Vec::new();
    for piece in cell
        .split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let parts: Vec<&str> = piece
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let separate = parts.len() >= 3
            || parts
                .iter()
                .any(|p| p.split_whitespace().count() >= 2 || looks_like_role_title(p));
        if separate {
            people.extend(parts);
        } else {
            people.push(piece);
        }
    }
    people
}

/// An outline number as project tools export it: "1", "2.5", "3.4.1.2".
fn is_outline_number(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.split('.').all(|level| {
            (1..=4).contains(&level.len()) && level.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Whether `child` sits under `parent` in an outline: "3.4.1" under "3.4" and "3".
fn is_under(child: &str, parent: &str) -> bool {
    child
        .strip_prefix(parent)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// The column that numbers the rows as an outline (an export's "Outline number", a WBS
/// code): nearly every row has a number there, and some row is the parent of the next.
/// Its parents with nobody on them are summary rows, the headings of the rows under them.
/// The first rows decide, so a list of a million rows is not scanned once per column.
fn outline_column(rows: &[RawRow], header_row: u32, taken: &[u32]) -> Option<u32> {
    let body: Vec<&RawRow> = rows
        .iter()
        .filter(|r| r.number > header_row)
        .take(OUTLINE_SAMPLE_ROWS)
        .collect();
    if body.len() < 3 {
        return None;
    }
    let positions: std::collections::BTreeSet<u32> = body
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.column))
        .filter(|c| !taken.contains(c))
        .collect();
    positions.into_iter().find(|&position| {
        let values: Vec<&str> = body.iter().filter_map(|r| r.get(position)).collect();
        let numbered = values.iter().filter(|v| is_outline_number(v)).count();
        numbered as f64 >= body.len() as f64 * 0.8
            && values
                .windows(2)
                .any(|w| is_under(w[1].trim(), w[0].trim()))
    })
}

/// How many rows under the header decide whether a column is an outline.
const OUTLINE_SAMPLE_ROWS: usize = 500;

/// A column of yes/no flags ("Milestone: No") groups nothing, whatever its header says.
fn holds_only_flags(rows: &[RawRow], header_row: u32, column: u32) -> bool {
    const FLAGS: &[&str] = &[
        "yes", "no", "y", "n", "true", "false", "x", "0", "1", "✓", "✔",
    ];
    rows.iter()
        .filter(|r| r.number > header_row)
        .filter_map(|r| r.get(column))
        .all(|v| FLAGS.contains(&v.trim().to_lowercase().as_str()))
}

/// The people a row's first person column names, and the title and team beside them: the
/// block the rows below belong to until another name is written.
struct People {
    names: Vec<Arc<str>>,
    title: Option<Arc<str>>,
    team: Option<Arc<str>>,
}

impl People {
    /// `last` is the name written last, shared when a row repeats it.
    fn new(
        cell: &str,
        last: &mut Option<Arc<str>>,
        title: Option<Arc<str>>,
        team: Option<Arc<str>>,
    ) -> People {
        People {
            names: split_people(cell)
                .into_iter()
                .map(|name| share(last, name))
                .collect(),
            title,
            team,
        }
    }
}

fn cell_text(row: &RawRow, column: Option<u32>) -> Option<&str> {
    column
        .and_then(|c| row.get(c))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The list reader: the header row found by its words.
pub(super) struct List;

impl Reader for List {
    fn kind(&self) -> LayoutKind {
        LayoutKind::List
    }

    fn find(
        &self,
        sheet: &Sheet,
        options: &LayoutOptions,
    ) -> Result<Box<dyn Candidate>, LayoutError> {
        Ok(Box::new(super::header::detect(&sheet.table, options)?))
    }
}

impl Candidate for Header {
    fn weigh(&self, _sheet: &Sheet) -> Considered {
        Considered::fits(LayoutKind::List, (vec![self.evidence()], Vec::new()))
    }

    fn extract(
        self: Box<Self>,
        sheet: Sheet,
        options: &LayoutOptions,
        named: &str,
    ) -> Result<Extraction, LayoutError> {
        extract(sheet.into_table(), &self, options, named)
    }
}

/// Reads every row under the header into assignments.
pub(super) fn extract(
    mut table: RawTable,
    header: &Header,
    options: &LayoutOptions,
    named: &str,
) -> Result<Extraction, LayoutError> {
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
        .filter_map(|c| c.at.column())
        .collect();
    let effort_unit = header
        .header_text(ColumnRole::Effort)
        .map_or(EffortUnit::Either, EffortUnit::from_header);
    let mut columns = header.columns.clone();
    let group_named = header
        .columns
        .iter()
        .any(|c| c.role == ColumnRole::Group && c.decided == Decided::Override);
    let group_col = column(ColumnRole::Group)
        .filter(|&c| group_named || !holds_only_flags(&table.rows, header.row, c));
    if group_col.is_none() {
        columns.retain(|c| c.role != ColumnRole::Group);
    }
    let taken: Vec<u32> = columns.iter().filter_map(|c| c.at.column()).collect();
    let outline_col = outline_column(&table.rows, header.row, &taken);
    let outline_header = outline_col.map(|column| {
        table
            .text_at(header.row, column)
            .unwrap_or("")
            .trim()
            .to_string()
    });

    let mut assignments = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut rows_read = 0;
    // The people the current row belongs to, with the block's title and team.
    let mut block: Option<People> = None;
    // The last of each as a shared string, for the rows that repeat it.
    let (mut last_person, mut last_title, mut last_team, mut last_group) = (None, None, None, None);
    let mut previous_row = header.row;
    // The summary rows the current row sits under: (outline number, heading text).
    let mut headings: Vec<(String, Arc<str>)> = Vec::new();

    // Exports joined end to end (`cat a.csv b.csv`) repeat the header, the second one with
    // its byte order mark still on: read as a row, it would be a person named "\u{feff}Name".
    let bare = |text: &str| {
        text.trim()
            .trim_start_matches('\u{feff}')
            .trim()
            .to_lowercase()
    };
    let header_texts: Vec<(u32, String)> = [person_col, task_col]
        .into_iter()
        .flatten()
        .map(|c| (c, bare(table.text_at(header.row, c).unwrap_or(""))))
        .collect();
    let repeats_header = |row: &RawRow| {
        !header_texts.is_empty()
            && header_texts
                .iter()
                .all(|(c, text)| row.get(*c).is_some_and(|cell| bare(cell) == *text))
    };

    // A quote left open in a delimited file swallows the rows after it into one cell,
    // whose lines then carry as many delimiters as a row: one fewer than the header has
    // columns. A task line with a comma or two does not.
    let header_width = table
        .rows
        .iter()
        .find(|r| r.number == header.row)
        .map_or(0, |r| r.cells.len());
    let swallowed_rows = |cell: &str| {
        let wanted = header_width.saturating_sub(1).max(2);
        cell.lines()
            .skip(1)
            .filter(|line| {
                [',', '\t', ';']
                    .iter()
                    .any(|&d| line.matches(d).count() >= wanted)
            })
            .count()
    };

    // Each row is dropped once read; `table` keeps only where things are.
    let rows = std::mem::take(&mut table.rows);
    let mut rows = rows
        .into_iter()
        .filter(|r| r.number > header.row)
        .peekable();
    while let Some(row) = rows.next() {
        skipped.extend(SkippedLine::blank_rows(previous_row, row.number));
        previous_row = row.number;
        rows_read += 1;
        if repeats_header(&row) {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::RepeatedHeader,
            });
            continue;
        }

        let further: Vec<&str> = further_person_cols
            .iter()
            .filter_map(|&c| cell_text(&row, Some(c)))
            .flat_map(split_people)
            .collect();
        let person = cell_text(&row, person_col);
        let title = cell_text(&row, title_col).map(|t| share(&mut last_title, t));
        let team = cell_text(&row, team_col).map(|t| share(&mut last_team, t));
        let outline = cell_text(&row, outline_col).filter(|o| is_outline_number(o));
        if let Some(outline) = outline {
            headings.retain(|(parent, _)| is_under(outline, parent));
        }
        let Some(task_cell) = cell_text(&row, task_col) else {
            if let Some(person) = person {
                block = Some(People::new(
                    person,
                    &mut last_person,
                    title.clone(),
                    team.clone(),
                ));
            }
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
        // A summary row: nobody on it, and the next row numbered under it.
        let next_outline = rows
            .peek()
            .and_then(|next| cell_text(next, outline_col))
            .map(str::to_string);
        if let (None, true, Some(outline), Some(next)) =
            (person, further.is_empty(), outline, next_outline)
        {
            if is_under(&next, outline) {
                headings.push((outline.to_string(), Arc::from(task_cell)));
                skipped.push(SkippedLine {
                    line: Line::Row(row.number),
                    reason: SkipReason::Category,
                });
                continue;
            }
        }
        if let Some(person) = person {
            block = Some(People::new(
                person,
                &mut last_person,
                title.clone(),
                team.clone(),
            ));
        }
        let lone = further.first().map(|&name| People {
            names: vec![Arc::from(name)],
            title: None,
            team: None,
        });
        let Some(People {
            names,
            title: block_title,
            team: block_team,
        }) = block.as_ref().or(lone.as_ref())
        else {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::NoPerson,
            });
            continue;
        };
        // A group written once over its rows holds until the next one is written.
        if let Some(written) = cell_text(&row, group_col) {
            share(&mut last_group, written);
        }
        let group = last_group
            .clone()
            .or_else(|| headings.last().map(|(_, text)| text.clone()));
        // A warning about one cell of this row, led by where it is.
        let mut warn = |column: Option<u32>, message: String| {
            warnings.push(Warning {
                row: row.number,
                column: crate::input::column_letters(column.unwrap_or(0)),
                message: format!("{}: {message}", table.location(Some(row.number), column)),
            });
        };
        let swallowed = swallowed_rows(task_cell);
        if swallowed > 0 {
            warn(
                task_col,
                format!(
                    "the cell holds {swallowed} line{} shaped like whole rows; a quote left open may have swallowed the rows after it",
                    if swallowed == 1 { "" } else { "s" }
                ),
            );
        }
        let tasks = split_tasks(task_cell);
        let effort = cell_text(&row, effort_col).and_then(|text| {
            parse_effort(text, effort_unit)
                .map_err(|problem| {
                    warn(
                        effort_col,
                        format!(
                            "effort \"{text}\" {}; the task counts without effort",
                            problem.describe()
                        ),
                    );
                })
                .ok()
        });
        let mut people: Vec<Arc<str>> = names.clone();
        for other in &further {
            if !people.iter().any(|p| **p == **other) {
                people.push(Arc::from(*other));
            }
        }
        options.check_tasks(assignments.len() + tasks.len() * people.len(), || {
            table.location(Some(row.number), task_col)
        })?;
        // Effort is the row's: shared over its tasks and the people who do them.
        let share = effort.map(|hours| hours / (tasks.len() * people.len()).max(1) as f64);
        for task in tasks {
            for (index, person) in people.iter().enumerate() {
                // A title or team column describes the people of the first person column.
                let first = index < names.len();
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
                    group: group.as_deref().map(str::to_string),
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
    let mut found = format!("{}: one row per person and task", header.evidence());
    if let (Some(outline), Some(outline_header)) = (outline_col, outline_header) {
        found.push_str(&format!(
            "; column {} \"{outline_header}\" numbers the rows as an outline, and a row with nobody on it that the next row is numbered under is a summary row, the heading of the rows under it",
            column_letters(outline),
        ));
    }
    Ok(Extraction {
        assignments,
        notes: SheetNotes {
            sheet: table.sheet.clone(),
            layout: LayoutKind::List,
            layout_reason: super::reason(named, found),
            layout_doubt: None,
            weighed: Vec::new(),
            header: Line::Row(header.row),
            columns,
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
    fn splits_people_but_not_a_surname_first_name() {
        assert_eq!(
            split_people("Dev, QA, Content Team"),
            vec!["Dev", "QA", "Content Team"]
        );
        assert_eq!(
            split_people("Ana Lima, Bo Berg"),
            vec!["Ana Lima", "Bo Berg"]
        );
        assert_eq!(split_people("Ana; Bo\nCy"), vec!["Ana", "Bo", "Cy"]);
        assert_eq!(split_people("Lima, Ana"), vec!["Lima, Ana"]);
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
}
