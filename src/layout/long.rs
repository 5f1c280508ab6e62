//! The long-form layout: one row per task, party and letter, as RACI tools and databases
//! export a chart (`group | action | role | raci`). Rows of one task gather into one chart
//! task; a party's letters on it into one assignment.

use super::chart::ChartBuilder;
use super::detect::Considered;
use super::header::{
    header_candidates, named_columns, normalise_header, role_named_by, LayoutOptions,
    HEADER_SEARCH_ROWS,
};
use super::marks::{read_cell, CellMarks, Scheme};
use super::reader::{found, Candidate, Found, Reader, Sheet};
use super::vocabulary::{GROUP_HEADER_WORDS, LETTER_HEADERS, PARTY_HEADER_WORDS};
use super::{
    ColumnRole, Decided, DetectedColumn, Extraction, LayoutError, LayoutKind, Line, SheetNotes,
    SkipReason, SkippedLine,
};
use crate::input::{column_letters, Cell, RawRow, RawTable};

#[derive(Debug, Clone)]
pub(super) struct Reading {
    header: u32,
    task: (u32, Decided),
    party: (u32, Decided),
    letters: u32,
    group: Option<(u32, Decided)>,
}

fn header_text(table: &RawTable, row: u32, column: u32) -> String {
    table.text_at(row, column).unwrap_or("").trim().to_string()
}

impl Reading {
    /// Where the tasks, parties and letters are, in words.
    pub(super) fn evidence(&self, table: &RawTable) -> String {
        let named = |column: u32| {
            format!(
                "{} \"{}\"",
                column_letters(column),
                header_text(table, self.header, column)
            )
        };
        format!(
            "row {} heads a task column ({}), a party column ({}) and a column of RACI letters ({})",
            self.header,
            named(self.task.0),
            named(self.party.0),
            named(self.letters),
        )
    }
}

/// The long-form reader.
pub(super) struct LongForm;

impl Reader for LongForm {
    fn kind(&self) -> LayoutKind {
        LayoutKind::LongForm
    }

    fn find(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        found(LayoutKind::LongForm, sheet, find(&sheet.table, options))
    }
}

impl Candidate for Reading {
    fn weigh(&self, sheet: &Sheet) -> Considered {
        Considered::fits(
            LayoutKind::LongForm,
            (vec![self.evidence(&sheet.table)], Vec::new()),
        )
    }

    fn extract(
        self: Box<Self>,
        sheet: Sheet,
        _options: &LayoutOptions,
        named: &str,
    ) -> Result<Extraction, LayoutError> {
        Ok(extract(&sheet.table, &self, named))
    }
}

/// Whether a column's cells are identifiers ("delivery_manager", "A-12") rather than text
/// a person reads: a long-form export carries both, and the text is wanted.
fn is_id_column(body: &[&RawRow], column: u32) -> bool {
    let values: Vec<&str> = body.iter().filter_map(|r| r.get(column)).collect();
    let ids = values
        .iter()
        .filter(|v| {
            let v = v.trim();
            !v.contains(' ')
                && (v.contains('_') || v.chars().any(|c| c.is_ascii_digit()) || v.len() > 24)
        })
        .count();
    !values.is_empty() && ids * 10 >= values.len() * 8
}

/// The header cell over a column of RACI letters: headed as one, and nearly all letters
/// under it. The header is read first: a list of a hundred thousand rows is not scanned
/// once per cell of its top rows.
fn letters_column<'r>(row: &'r RawRow, body: &[&RawRow]) -> Option<&'r Cell> {
    row.cells.iter().find(|c| {
        if !LETTER_HEADERS.contains(&normalise_header(&c.text).as_str()) {
            return false;
        }
        let values: Vec<&str> = body.iter().filter_map(|r| r.get(c.column)).collect();
        let marks = values
            .iter()
            .filter(|v| matches!(read_cell(v, Scheme::Raci), CellMarks::Marks(_)))
            .count();
        values.len() >= 2 && marks * 10 >= values.len() * 9
    })
}

/// The first of the top rows with a column of single letters (headed as such, and nearly
/// all letters under it) beside a task column and a party column. When none is, the nearest
/// miss in words, for the notes and the error of `--layout long-form`.
pub(super) fn find(table: &RawTable, options: &LayoutOptions) -> Result<Reading, String> {
    // The first near miss is the one told.
    let mut miss: Option<String> = None;
    for row in header_candidates(table, options) {
        let index = table.rows.partition_point(|r| r.number < row.number);
        let body: Vec<&RawRow> = table.rows[index + 1..].iter().collect();
        if body.len() < 2 {
            break;
        }
        let Some(letters) = letters_column(row, &body) else {
            continue;
        };
        let readable: Vec<(u32, &str)> = row
            .cells
            .iter()
            .filter(|c| c.column != letters.column && !is_id_column(&body, c.column))
            .map(|c| (c.column, c.text.as_str()))
            .collect();
        let words_of = |column: u32| {
            body.iter()
                .filter_map(|r| r.get(column))
                .map(|t| t.split_whitespace().count())
                .sum::<usize>()
        };
        let roles = [ColumnRole::Task, ColumnRole::Person, ColumnRole::Group];
        let [named_task, named_party, named_group] = match named_columns(options, roles, row) {
            Ok(found) => found,
            Err(near_miss) => {
                miss.get_or_insert(near_miss);
                continue;
            }
        };
        let overridden = |named: Option<u32>| named.map(|column| (column, Decided::Override));
        let Some(task) = overridden(named_task).or_else(|| {
            readable
                .iter()
                .filter(|(_, h)| role_named_by(h) == Some(ColumnRole::Task))
                .max_by_key(|(c, _)| words_of(*c))
                .map(|(c, _)| (*c, Decided::Header))
        }) else {
            miss.get_or_insert_with(|| {
                format!(
                    "row {} heads a column of RACI letters ({}), but no task column beside it",
                    row.number,
                    column_letters(letters.column)
                )
            });
            continue;
        };
        let has_word = |header: &str, list: &[&str]| {
            normalise_header(header)
                .split(' ')
                .any(|w| list.contains(&w))
        };
        // Words, not codes: the wordier column, the later of equals ("role_id", "role_name").
        let Some(party) = overridden(named_party).or_else(|| {
            readable
                .iter()
                .filter(|(c, h)| *c != task.0 && has_word(h, PARTY_HEADER_WORDS))
                .max_by_key(|(c, _)| words_of(*c))
                .map(|(c, _)| (*c, Decided::Header))
        }) else {
            miss.get_or_insert_with(|| {
                format!(
                    "row {} heads a column of RACI letters ({}) and a task column, but no party column (\"Role\", \"Person\", \"Owner\"…)",
                    row.number,
                    column_letters(letters.column)
                )
            });
            continue;
        };
        let group = overridden(named_group).or_else(|| {
            readable
                .iter()
                .filter(|(c, h)| *c != task.0 && *c != party.0 && has_word(h, GROUP_HEADER_WORDS))
                .max_by_key(|(c, _)| words_of(*c))
                .map(|(c, _)| (*c, Decided::Header))
        });
        return Ok(Reading {
            header: row.number,
            task,
            party,
            letters: letters.column,
            group,
        });
    }
    Err(miss.unwrap_or_else(|| {
        format!(
            "no row of the first {HEADER_SEARCH_ROWS} heads a column of RACI letters (\"RACI\", \"Letter\", \"Role code\"…)"
        )
    }))
}

pub(super) fn extract(table: &RawTable, reading: &Reading, named: &str) -> Extraction {
    let mut chart = ChartBuilder::new(table);
    let mut skipped = Vec::new();
    let mut lines_read = 0;
    for row in table.rows.iter().filter(|r| r.number > reading.header) {
        lines_read += 1;
        let text = |column: u32| row.get(column).map(str::trim).filter(|t| !t.is_empty());
        let read = (
            text(reading.task.0),
            text(reading.party.0),
            text(reading.letters).map(|l| read_cell(l, Scheme::Raci)),
        );
        // A row without all three, or whose letters are none, carries no assignment.
        let (Some(task), Some(party), Some(CellMarks::Marks(marks))) = read else {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::NoTask,
            });
            continue;
        };
        let group = reading.group.and_then(|(column, _)| text(column));
        for mark in marks.iter() {
            let location = table.location(Some(row.number), Some(reading.task.0));
            chart.mark(
                task,
                group,
                location,
                party,
                mark,
                (row.number, reading.letters),
            );
        }
    }
    let header_text = |column: u32| header_text(table, reading.header, column);
    let found = format!(
        "{}: one row per task, party and letter; {} tasks, {} parties",
        reading.evidence(table),
        chart.task_count(),
        chart.party_count(),
    );
    let columns = [
        (ColumnRole::Task, Some(reading.task)),
        (ColumnRole::Person, Some(reading.party)),
        (ColumnRole::Group, reading.group),
    ]
    .into_iter()
    .filter_map(|(role, found)| {
        let (column, decided) = found?;
        Some(DetectedColumn {
            role,
            at: Line::Column(column),
            header: header_text(column),
            decided,
        })
    })
    .collect();
    let (assignments, chart, parties) = chart.finish(Line::Column(reading.party.0));
    Extraction {
        assignments,
        notes: SheetNotes {
            sheet: table.sheet.clone(),
            layout: LayoutKind::LongForm,
            layout_reason: super::reason(named, found),
            reading: Default::default(),
            weighed: Vec::new(),
            header: Line::Row(reading.header),
            columns,
            parties,
            scheme: Some(Scheme::Raci),
            marks: Vec::new(),
            merged: Vec::new(),
            lines_read,
            skipped,
            warnings: Vec::new(),
            tracker: None,
        },
        chart: Some(chart),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_one_action_gather_into_one_task() {
        let sheet = RawTable::from_texts(
            "raci.csv",
            &[
                &[
                    "group_id",
                    "group_title",
                    "action_id",
                    "action_name",
                    "role_id",
                    "role_name",
                    "raci",
                ],
                &[
                    "ops",
                    "Operations",
                    "ops__plan",
                    "Plan the release",
                    "dm",
                    "Delivery Manager",
                    "R",
                ],
                &[
                    "ops",
                    "Operations",
                    "ops__plan",
                    "Plan the release",
                    "tl",
                    "Team lead",
                    "A",
                ],
                &[
                    "ops",
                    "Operations",
                    "ops__plan",
                    "Plan the release",
                    "dm",
                    "Delivery Manager",
                    "C",
                ],
                &[
                    "ops",
                    "Operations",
                    "ops__ship",
                    "Ship it",
                    "tl",
                    "Team lead",
                    "R",
                ],
            ],
        );
        let reading = find(&sheet, &LayoutOptions::default()).expect("a long-form sheet");
        let read = extract(&sheet, &reading, "");
        let chart = read.chart.expect("a chart");
        assert_eq!(chart.tasks.len(), 2);
        assert_eq!(chart.parties.len(), 2);
        assert_eq!(chart.tasks[0].group.as_deref(), Some("Operations"));
        let dm: Vec<String> = read
            .assignments
            .iter()
            .filter(|a| &*a.person == "Delivery Manager")
            .filter_map(|a| a.raci.map(|m| m.letters()))
            .collect();
        assert_eq!(dm, ["RC"]);
    }

    #[test]
    fn a_list_with_a_raci_column_of_words_is_not_long_form_without_a_party() {
        let sheet = RawTable::from_texts(
            "t.csv",
            &[
                &["Task", "Notes", "RACI"],
                &["Plan", "soon", "R"],
                &["Ship", "later", "A"],
            ],
        );
        let miss = find(&sheet, &LayoutOptions::default())
            .map(|r| r.header)
            .unwrap_err();
        assert!(miss.contains("no party column"), "{miss}");
    }
}
