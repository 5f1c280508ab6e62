//! The letter-column layout: one row per task, a column per RACI letter (`Task | R | A | C
//! | I`, or the letters spelled out), and the parties' names written in those cells, several
//! to a cell when several share a letter. Text RACIs are often kept this way.
//!
//! Each (task, party) becomes one assignment carrying every letter the party has on that
//! task, and the sheet becomes a [`Chart`] like a matrix's, so the RACI rules apply.

use std::collections::BTreeMap;

use super::chart::ChartBuilder;
use super::detect::Considered;
use super::header::{
    header_candidates, named_columns, normalise_header, role_named_by, LayoutOptions,
    HEADER_SEARCH_ROWS,
};
use super::marks::{read_cell, CellMarks, Mark, Marks, Scheme};
use super::names::split_people;
use super::reader::{found, Candidate, Found, Reader, Sheet};
use super::{
    ColumnRole, Decided, DetectedColumn, Extraction, LayoutError, LayoutKind, Line, MarkNote,
    SheetNotes, SkipReason, SkippedLine,
};
use crate::input::{column_letters, RawTable};

/// Where a letter-column sheet keeps what.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    header: u32,
    task: u32,
    task_decided: Decided,
    /// A phase or category column, whose value holds for the rows under it.
    group: Option<(u32, Decided)>,
    /// Each letter column and the one mark it stands for, left to right.
    letters: Vec<(u32, Mark)>,
}

impl Reading {
    /// The task and group columns, as the notes list them.
    fn columns(&self, table: &RawTable) -> Vec<DetectedColumn> {
        std::iter::once((ColumnRole::Task, self.task, self.task_decided))
            .chain(
                self.group
                    .map(|(column, decided)| (ColumnRole::Group, column, decided)),
            )
            .map(|(role, column, decided)| DetectedColumn {
                role,
                at: Line::Column(column),
                header: table
                    .text_at(self.header, column)
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                decided,
            })
            .collect()
    }

    /// Where the tasks and letters are, in words.
    pub(super) fn evidence(&self) -> String {
        let letters: Vec<String> = self
            .letters
            .iter()
            .map(|&(p, m)| format!("{} {}", column_letters(p), m.letter()))
            .collect();
        format!(
            "row {} heads a task column ({}) and a column per RACI letter ({}), with the parties' names written in them",
            self.header,
            column_letters(self.task),
            letters.join(", "),
        )
    }
}

/// The letter-column reader.
pub(super) struct LetterColumns;

impl Reader for LetterColumns {
    fn kind(&self) -> LayoutKind {
        LayoutKind::LetterColumns
    }

    fn find(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        found(
            LayoutKind::LetterColumns,
            sheet,
            find(&sheet.table, options),
        )
    }
}

impl Candidate for Reading {
    fn weigh(&self, _sheet: &Sheet) -> Considered {
        Considered::fits(
            LayoutKind::LetterColumns,
            (vec![self.evidence()], Vec::new()),
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

/// The header cell's single mark, when it names one letter ("R", "Accountable").
fn letter_of(text: &str) -> Option<Mark> {
    match read_cell(text, Scheme::Raci) {
        CellMarks::Marks(marks) => {
            let mut all = marks.iter();
            let mark = all.next()?;
            all.next().is_none().then_some(mark)
        }
        _ => None,
    }
}

/// The first of the top rows with at least three distinct letter columns and a column of
/// text left of them, whose cells below hold names rather than marks. When none is, the
/// nearest miss in words, for the notes and the error of `--layout letter-columns`.
pub(super) fn find(table: &RawTable, options: &LayoutOptions) -> Result<Reading, String> {
    // The first near miss is the one told: rows under a header repeat its shape.
    let mut miss: Option<String> = None;
    for row in header_candidates(table, options) {
        let mut letters: Vec<(u32, Mark)> = Vec::new();
        for cell in &row.cells {
            if let Some(mark) = letter_of(&cell.text) {
                if !letters.iter().any(|(_, m)| *m == mark) {
                    letters.push((cell.column, mark));
                }
            }
        }
        if letters.len() < 3 {
            continue;
        }
        let first_letter = letters[0].0;
        let is_letter = |column: u32| letters.iter().any(|(p, _)| *p == column);
        let by_header = |role: ColumnRole| {
            row.cells
                .iter()
                .filter(|c| !is_letter(c.column))
                .find(|c| role_named_by(&c.text) == Some(role))
                .map(|c| (c.column, Decided::Header))
        };
        let [named_task, named_group] =
            match named_columns(options, [ColumnRole::Task, ColumnRole::Group], row) {
                Ok(found) => found,
                Err(near_miss) => {
                    miss.get_or_insert(near_miss);
                    continue;
                }
            };
        let named = named_task
            .map(|column| (column, Decided::Override))
            .or_else(|| by_header(ColumnRole::Task));
        let (task, task_decided) = match named {
            Some(found) => found,
            None => match row
                .cells
                .iter()
                .filter(|c| c.column < first_letter)
                .map(|c| c.column)
                .next_back()
            {
                Some(column) => (column, Decided::Content),
                None => {
                    miss.get_or_insert_with(|| {
                        format!(
                            "row {} heads R/A/C/I columns, but no task column stands left of them",
                            row.number
                        )
                    });
                    continue;
                }
            },
        };
        // Names, not marks, under the letters: otherwise this is a matrix's header.
        let body = table.rows.iter().filter(|r| r.number > row.number);
        let (mut names, mut marks) = (0, 0);
        for line in body {
            for &(position, _) in &letters {
                if let Some(text) = line.get(position) {
                    match read_cell(text, Scheme::Raci) {
                        CellMarks::Marks(_) => marks += 1,
                        CellMarks::None => {}
                        CellMarks::Unknown => names += 1,
                    }
                }
            }
        }
        if names >= 2 && names > marks * 3 {
            let group = named_group
                .map(|column| (column, Decided::Override))
                .or_else(|| by_header(ColumnRole::Group))
                .filter(|(column, _)| *column != task);
            return Ok(Reading {
                header: row.number,
                task,
                task_decided,
                group,
                letters,
            });
        }
        miss.get_or_insert_with(|| {
            format!(
                "row {} heads R/A/C/I columns, but under them stand {marks} cells of marks and {names} of names: names are wanted",
                row.number
            )
        });
    }
    Err(miss.unwrap_or_else(|| {
        format!(
            "no row of the first {HEADER_SEARCH_ROWS} heads three R/A/C/I columns (\"Responsible\", \"Accountable\", \"Consulted\"…)"
        )
    }))
}

pub(super) fn extract(table: &RawTable, reading: &Reading, named: &str) -> Extraction {
    let mut chart = ChartBuilder::new(table);
    let mut skipped = Vec::new();
    let mut mark_notes: BTreeMap<String, (Marks, usize)> = BTreeMap::new();
    let mut lines_read = 0;
    let mut previous = reading.header;
    let mut group: Option<String> = None;
    for row in table.rows.iter().filter(|r| r.number > reading.header) {
        skipped.extend(SkippedLine::blank_rows(previous, row.number));
        previous = row.number;
        lines_read += 1;
        if let Some(written) = reading
            .group
            .and_then(|(column, _)| row.get(column))
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            group = Some(written.to_string());
        }
        let Some(task) = row
            .get(reading.task)
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::NoTask,
            });
            continue;
        };
        let mut named_anyone = false;
        for &(position, mark) in &reading.letters {
            let Some(cell) = row.get(position) else {
                continue;
            };
            let note = mark_notes
                .entry(column_header(table, reading, position))
                .or_insert((Marks::of(&[mark]), 0));
            note.1 += 1;
            for name in split_people(cell) {
                named_anyone = true;
                let location = table.location(Some(row.number), Some(reading.task));
                chart.mark(
                    task,
                    group.as_deref(),
                    location,
                    name,
                    mark,
                    (row.number, position),
                );
            }
        }
        if !named_anyone {
            // A line of text alone: a heading over the tasks under it, their group when the
            // sheet has no group column.
            if reading.group.is_none() {
                group = Some(task.to_string());
            }
            skipped.push(SkippedLine {
                line: Line::Row(row.number),
                reason: SkipReason::Category,
            });
        }
    }
    let found = format!(
        "{}: {} tasks, {} parties",
        reading.evidence(),
        chart.task_count(),
        chart.party_count()
    );
    let (assignments, chart, parties) = chart.finish(Line::Row(reading.header));
    let notes = SheetNotes {
        sheet: table.sheet.clone(),
        layout: LayoutKind::LetterColumns,
        layout_reason: super::reason(named, found),
        reading: Default::default(),
        weighed: Vec::new(),
        header: Line::Row(reading.header),
        columns: reading.columns(table),
        parties,
        scheme: Some(Scheme::Raci),
        marks: MarkNote::from_counts(mark_notes),
        merged: Vec::new(),
        lines_read,
        skipped,
        warnings: Vec::new(),
        tracker: None,
    };
    Extraction {
        assignments,
        notes,
        chart: Some(chart),
    }
}

fn column_header(table: &RawTable, reading: &Reading, position: u32) -> String {
    table
        .text_at(reading.header, position)
        .map(|t| normalise_header(t).to_uppercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> RawTable {
        RawTable::from_texts("raci.csv", rows)
    }

    #[test]
    fn names_under_letter_columns_become_marked_parties() {
        let sheet = table(&[
            &[
                "Activity",
                "Responsible",
                "Accountable",
                "Consulted",
                "Informed",
            ],
            &[
                "Define the index",
                "Planner",
                "Project Manager",
                "Analyst",
                "Council",
            ],
            &[
                "Build the model",
                "Analyst, Planner",
                "Project Manager",
                "",
                "Buyers",
            ],
            &["Testing"],
        ]);
        let reading = find(&sheet, &LayoutOptions::default()).expect("a letter-column sheet");
        let read = extract(&sheet, &reading, "");
        let chart = read.chart.expect("a chart");
        let names: Vec<&str> = chart.parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Planner", "Project Manager", "Analyst", "Council", "Buyers"]
        );
        assert_eq!(chart.tasks.len(), 2);
        let analyst = read
            .assignments
            .iter()
            .filter(|a| &*a.person == "Analyst")
            .map(|a| (a.task.as_str(), a.raci.map(Marks::letters)))
            .collect::<Vec<_>>();
        assert_eq!(
            analyst,
            [
                ("Define the index", Some("C".to_string())),
                ("Build the model", Some("R".to_string()))
            ]
        );
        assert_eq!(read.notes.skipped.len(), 1);
    }

    #[test]
    fn a_matrix_header_of_letters_is_not_this_layout() {
        // Marks under the letters, not names: a matrix whose parties are called R, A, C.
        let sheet = table(&[
            &["Task", "R", "A", "C", "I"],
            &["Plan", "x", "", "", ""],
            &["Ship", "R", "A", "", ""],
        ]);
        let miss = find(&sheet, &LayoutOptions::default())
            .map(|r| r.header)
            .unwrap_err();
        assert!(miss.contains("3 cells of marks and 0 of names"), "{miss}");
    }

    #[test]
    fn portuguese_letters_and_shared_cells() {
        let sheet = table(&[
            &["Área", "R", "A", "C", "I"],
            &["Busca", "Backend Eng", "Tech Lead", "PM", "Designer"],
            &[
                "Eventos",
                "Community Lead",
                "PM",
                "Marketing",
                "Legal/Finance",
            ],
        ]);
        let reading = find(&sheet, &LayoutOptions::default()).expect("a letter-column sheet");
        let chart = extract(&sheet, &reading, "").chart.expect("a chart");
        assert!(chart.parties.iter().any(|p| p.name == "Finance"));
        assert_eq!(chart.tasks[1].text, "Eventos");
    }
}
