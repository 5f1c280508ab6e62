//! The list layout: one row per person and task, under a header found by its words.

use super::detect::Considered;
use super::doubt::FillDown;
use super::effort::{parse_effort, EffortUnit};
use super::names::split_people;
use super::reader::{Candidate, Found, Reader, Sheet};
use super::tracker::{self, Export};
use super::{
    share, Assignment, ColumnRole, Decided, DetectedColumn, DoubtKind, Extraction, Header,
    LayoutError, LayoutKind, LayoutOptions, Line, ReadingDoubt, SheetNotes, SkipReason,
    SkippedLine, TrackerNotes, UnassignedIssue, Warning,
};
use std::collections::{HashMap, HashSet};
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
#[derive(Clone)]
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

    fn find(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        if let Some(export) = tracker::recognise(&sheet.table, options) {
            return Ok(Box::new(export.header()));
        }
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
    let columns = Columns::of(&table, header);
    // Each row is dropped once read; `table` keeps only where things are.
    let rows = std::mem::take(&mut table.rows);
    let mut read = Rows::new(&table, columns, options, header.row);
    // Most lists give one assignment a row: room for them at once, rather than a list grown
    // by doubling that copies itself as it grows and ends up to half empty.
    read.assignments.reserve(rows.len());
    let mut rows = rows
        .into_iter()
        .filter(|r| r.number > header.row)
        .peekable();
    while let Some(row) = rows.next() {
        read.row(&row, rows.peek())?;
    }
    read.finish(header, named)
}

/// Where the header puts what a row says, and what the rows under it are checked against.
struct Columns {
    person: Option<u32>,
    task: Option<u32>,
    title: Option<u32>,
    team: Option<u32>,
    effort: Option<u32>,
    /// Person columns after the first name more people on the same row; only the first
    /// fills down over the rows that leave it blank.
    further_people: Vec<u32>,
    effort_unit: EffortUnit,
    group: Option<u32>,
    /// A column numbering the rows as an outline, and its header.
    outline: Option<u32>,
    outline_header: Option<String>,
    /// The columns given a role, as the notes list them.
    detected: Vec<DetectedColumn>,
    /// The person and task headers, bare, to know the header when it comes again.
    header_texts: Vec<(u32, String)>,
    /// How many cells the header row has.
    header_width: usize,
    /// The tracker export the sheet is, with what its rows were read for beforehand.
    tracker: Option<Issues>,
}

/// A tracker export and what its whole body says: each assignee spelling to the one that
/// stands for its person, and the rows that are a legend kept as cards.
struct Issues {
    export: Arc<Export>,
    spellings: HashMap<String, String>,
    legend: HashSet<u32>,
}

/// A cell's text without its spaces, case and byte order mark: exports joined end to end
/// (`cat a.csv b.csv`) repeat the header, the second one with its byte order mark still on.
fn bare(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
}

/// Whether `cell` bared is `bare_text` (itself bared): asked of every row, so an ASCII cell,
/// whose lower case is ASCII's, is compared as it is rather than lowered into a new string.
fn is_bare(cell: &str, bare_text: &str) -> bool {
    let cell = cell.trim().trim_start_matches('\u{feff}').trim();
    if cell.is_ascii() {
        cell.eq_ignore_ascii_case(bare_text)
    } else {
        cell.to_lowercase() == bare_text
    }
}

impl Columns {
    fn of(table: &RawTable, header: &Header) -> Columns {
        let column = |role| header.column(role);
        let further_people: Vec<u32> = header
            .columns
            .iter()
            .filter(|c| c.role == ColumnRole::Person)
            .skip(1)
            .filter_map(|c| c.at.column())
            .collect();
        let effort_unit = header
            .header_text(ColumnRole::Effort)
            .map_or(EffortUnit::Either, EffortUnit::from_header);
        let mut detected = header.columns.clone();
        let group_named = header
            .columns
            .iter()
            .any(|c| c.role == ColumnRole::Group && c.decided == Decided::Override);
        let group = column(ColumnRole::Group)
            .filter(|&c| group_named || !holds_only_flags(&table.rows, header.row, c));
        if group.is_none() {
            detected.retain(|c| c.role != ColumnRole::Group);
        }
        let taken: Vec<u32> = detected.iter().filter_map(|c| c.at.column()).collect();
        let outline = outline_column(&table.rows, header.row, &taken);
        let header_text = |column: u32| table.text_at(header.row, column).unwrap_or("");
        let (person, task) = (column(ColumnRole::Person), column(ColumnRole::Task));
        let header_texts = [person, task]
            .into_iter()
            .flatten()
            .map(|c| (c, bare(header_text(c))))
            .collect();
        Columns {
            person,
            task,
            title: column(ColumnRole::Title),
            team: column(ColumnRole::Team),
            effort: column(ColumnRole::Effort),
            further_people,
            effort_unit,
            group,
            outline,
            outline_header: outline.map(|column| header_text(column).trim().to_string()),
            detected,
            header_texts,
            header_width: table
                .rows
                .iter()
                .find(|r| r.number == header.row)
                .map_or(0, |r| r.cells.len()),
            tracker: header.tracker.as_ref().map(|export| Issues {
                spellings: export.spellings(&table.rows),
                legend: export.legend_rows(&table.rows),
                export: Arc::from(export.as_ref().clone()),
            }),
        }
    }

    /// The header's words again, as joined exports repeat them: read as a row, they would
    /// be a person named "\u{feff}Name".
    fn repeats_header(&self, row: &RawRow) -> bool {
        !self.header_texts.is_empty()
            && self
                .header_texts
                .iter()
                .all(|(c, text)| row.get(*c).is_some_and(|cell| is_bare(cell, text)))
    }

    /// A quote left open in a delimited file swallows the rows after it into one cell,
    /// whose lines then carry as many delimiters as a row: one fewer than the header has
    /// columns. A task line with a comma or two does not.
    fn swallowed_rows(&self, cell: &str) -> usize {
        let wanted = self.header_width.saturating_sub(1).max(2);
        cell.lines()
            .skip(1)
            .filter(|line| {
                [',', '\t', ';']
                    .iter()
                    .any(|&d| line.matches(d).count() >= wanted)
            })
            .count()
    }
}

/// One row's work: its tasks, who does them (the first `described` of them being the ones
/// the row's title and team describe), and the effort and group it carries.
struct Work {
    tasks: Vec<String>,
    people: Vec<Arc<str>>,
    described: usize,
    title: Option<Arc<str>>,
    team: Option<Arc<str>>,
    effort: Option<f64>,
    group: Option<Arc<str>>,
}

/// The rows under the header being read, and what has been read of them so far.
struct Rows<'t> {
    table: &'t RawTable,
    columns: Columns,
    options: &'t LayoutOptions,
    assignments: Vec<Assignment>,
    skipped: Vec<SkippedLine>,
    warnings: Vec<Warning>,
    rows_read: usize,
    /// How the rows of work name their person: written, or carried down from above.
    fill: FillDown,
    /// The people the current row belongs to, with the block's title and team.
    block: Option<People>,
    /// The last of each as a shared string, for the rows that repeat it.
    last_person: Option<Arc<str>>,
    last_title: Option<Arc<str>>,
    last_team: Option<Arc<str>>,
    last_group: Option<Arc<str>>,
    previous_row: u32,
    /// The summary rows the current row sits under: (outline number, heading text).
    headings: Vec<(String, Arc<str>)>,
    /// A tracker export's issues nobody is assigned to, and how many issues are done.
    unassigned: Vec<UnassignedIssue>,
    done: usize,
    /// The issues read with someone assigned.
    assigned: usize,
}

impl<'t> Rows<'t> {
    fn new(
        table: &'t RawTable,
        columns: Columns,
        options: &'t LayoutOptions,
        header_row: u32,
    ) -> Rows<'t> {
        Rows {
            table,
            columns,
            options,
            assignments: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            rows_read: 0,
            fill: FillDown::default(),
            block: None,
            last_person: None,
            last_title: None,
            last_team: None,
            last_group: None,
            previous_row: header_row,
            headings: Vec::new(),
            unassigned: Vec::new(),
            done: 0,
            assigned: 0,
        }
    }

    fn skip(&mut self, row: u32, reason: SkipReason) {
        self.skipped.push(SkippedLine {
            line: Line::Row(row),
            reason,
        });
    }

    /// A warning about one cell of a row, led by where it is.
    fn warn(&mut self, row: u32, column: Option<u32>, message: String) {
        self.warnings.push(Warning {
            row,
            column: crate::input::column_letters(column.unwrap_or(0)),
            message: format!("{}: {message}", self.table.location(Some(row), column)),
        });
    }

    /// Reads one row: a heading, a block's first row, or work for the people it belongs to.
    fn row(&mut self, row: &RawRow, next: Option<&RawRow>) -> Result<(), LayoutError> {
        self.skipped
            .extend(SkippedLine::blank_rows(self.previous_row, row.number));
        self.previous_row = row.number;
        self.rows_read += 1;
        if self.columns.repeats_header(row) {
            self.skip(row.number, SkipReason::RepeatedHeader);
            return Ok(());
        }
        if let Some(issues) = &self.columns.tracker {
            let export = issues.export.clone();
            return self.issue(&export, row, next);
        }
        let columns = &self.columns;
        let further: Vec<&str> = columns
            .further_people
            .iter()
            .filter_map(|&c| cell_text(row, Some(c)))
            .flat_map(split_people)
            .collect();
        let person = cell_text(row, columns.person);
        let (title, team) = (cell_text(row, columns.title), cell_text(row, columns.team));
        let outline = cell_text(row, columns.outline).filter(|o| is_outline_number(o));
        let task_cell = cell_text(row, columns.task);
        let title = title.map(|t| share(&mut self.last_title, t));
        let team = team.map(|t| share(&mut self.last_team, t));
        if let Some(outline) = outline {
            self.headings
                .retain(|(parent, _)| is_under(outline, parent));
        }
        let Some(task_cell) = task_cell else {
            let reason = if person.is_some() || title.is_some() || team.is_some() {
                SkipReason::NoTask
            } else {
                SkipReason::Blank
            };
            if let Some(person) = person {
                self.block = Some(People::new(person, &mut self.last_person, title, team));
            }
            self.skip(row.number, reason);
            return Ok(());
        };
        // A summary row: nobody on it, and the next row numbered under it.
        if let (None, true, Some(outline)) = (person, further.is_empty(), outline) {
            let next = next.and_then(|next| cell_text(next, self.columns.outline));
            if next.is_some_and(|next| is_under(next, outline)) {
                self.headings
                    .push((outline.to_string(), Arc::from(task_cell)));
                self.skip(row.number, SkipReason::Category);
                return Ok(());
            }
        }
        if let Some(person) = person {
            let block = People::new(person, &mut self.last_person, title.clone(), team.clone());
            self.block = Some(block);
        }
        let lone = further.first().map(|&name| People {
            names: vec![Arc::from(name)],
            title: None,
            team: None,
        });
        let Some(block) = self.block.as_ref().or(lone.as_ref()).cloned() else {
            self.skip(row.number, SkipReason::NoPerson);
            return Ok(());
        };
        self.fill.row(person.is_some(), self.block.is_some());
        let work = self.work(row, task_cell, block, &further, (title, team));
        self.assign(row.number, work)
    }

    /// The work of a row with a task and someone to do it.
    fn work(
        &mut self,
        row: &RawRow,
        task_cell: &str,
        block: People,
        further: &[&str],
        (title, team): (Option<Arc<str>>, Option<Arc<str>>),
    ) -> Work {
        // A group written once over its rows holds until the next one is written.
        if let Some(written) = cell_text(row, self.columns.group) {
            share(&mut self.last_group, written);
        }
        let group = self
            .last_group
            .clone()
            .or_else(|| self.headings.last().map(|(_, text)| text.clone()));
        let swallowed = self.columns.swallowed_rows(task_cell);
        if swallowed > 0 {
            self.warn(
                row.number,
                self.columns.task,
                format!(
                    "the cell holds {swallowed} line{} shaped like whole rows; a quote left open may have swallowed the rows after it",
                    if swallowed == 1 { "" } else { "s" }
                ),
            );
        }
        let tasks = split_tasks(task_cell);
        let effort_col = self.columns.effort;
        let effort = cell_text(row, effort_col).and_then(|text| {
            parse_effort(text, self.columns.effort_unit)
                .map_err(|problem| {
                    let message = format!(
                        "effort \"{text}\" {}; the task counts without effort",
                        problem.describe()
                    );
                    self.warn(row.number, effort_col, message);
                })
                .ok()
        });
        let described = block.names.len();
        let mut people = block.names;
        for other in further {
            if !people.iter().any(|p| **p == **other) {
                people.push(Arc::from(*other));
            }
        }
        Work {
            tasks,
            people,
            described,
            // A title or team column describes the people of the first person column.
            title: title.or(block.title),
            team: team.or(block.team),
            effort,
            group,
        }
    }

    /// An assignment for each task of the row and each person doing it.
    fn assign(&mut self, row: u32, work: Work) -> Result<(), LayoutError> {
        let fan_out = work.tasks.len() * work.people.len();
        let (table, task_col) = (self.table, self.columns.task);
        self.options
            .check_tasks(self.assignments.len() + fan_out, || {
                table.location(Some(row), task_col)
            })?;
        // Effort is the row's: shared over its tasks and the people who do them.
        let share = work.effort.map(|hours| hours / fan_out.max(1) as f64);
        for mut task in work.tasks {
            let mut people = work.people.iter().enumerate().peekable();
            while let Some((index, person)) = people.next() {
                let described = index < work.described;
                // The last person takes the task's text itself, the others a copy.
                let task = if people.peek().is_some() {
                    task.clone()
                } else {
                    std::mem::take(&mut task)
                };
                self.assignments.push(Assignment {
                    person: person.clone(),
                    title: described.then(|| work.title.clone()).flatten(),
                    team: described.then(|| work.team.clone()).flatten(),
                    task,
                    effort: share,
                    row,
                    raci: None,
                    group: work.group.as_deref().map(str::to_string),
                    sheet: table.sheet.clone(),
                    column: task_col.unwrap_or(0),
                });
            }
        }
        Ok(())
    }

    fn finish(mut self, header: &Header, named: &str) -> Result<Extraction, LayoutError> {
        let unassigned = self.unassigned_to_report(header);
        let table = self.table;
        // An export whose every issue is unassigned or done is still read: what it lacks
        // is reported, not refused.
        let issues = self.columns.tracker.is_some() && (!unassigned.is_empty() || self.done > 0);
        if self.assignments.is_empty() && !issues {
            return Err(LayoutError::NoTasks {
                location: table.location(None, None),
                header_row: header.row,
            });
        }
        let mut found = match &self.columns.tracker {
            Some(issues) => issues.export.describe(self.done, self.options.open_only),
            None => format!("{}: one row per person and task", header.evidence()),
        };
        if let (Some(outline), Some(outline_header)) =
            (self.columns.outline, &self.columns.outline_header)
        {
            found.push_str(&format!(
                "; column {} \"{outline_header}\" numbers the rows as an outline, and a row with nobody on it that the next row is numbered under is a summary row, the heading of the rows under it",
                column_letters(outline),
            ));
        }
        let mut reading = ReadingDoubt::default();
        if let Some(rival) = header.rival {
            reading.add(
                DoubtKind::Header,
                format!(
                    "rows {} and {rival} both name a person and a task column; the first was taken",
                    header.row
                ),
                format!("pass --header-row {rival} if the table starts there"),
            );
        }
        self.fill.doubt(&mut reading);
        if let Some(learned) = &header.learned {
            reading.add(
                DoubtKind::LearnedColumns,
                learned.as_str(),
                "name them with --task-column and --person-column if this is wrong",
            );
        }
        Ok(Extraction {
            assignments: self.assignments,
            notes: SheetNotes {
                sheet: table.sheet.clone(),
                layout: LayoutKind::List,
                layout_reason: super::reason(named, found),
                reading,
                weighed: Vec::new(),
                header: Line::Row(header.row),
                columns: self.columns.detected,
                parties: Vec::new(),
                scheme: None,
                marks: Vec::new(),
                merged: Vec::new(),
                lines_read: self.rows_read,
                skipped: self.skipped,
                warnings: self.warnings,
                tracker: self.columns.tracker.as_ref().map(|issues| TrackerNotes {
                    tool: issues.export.tool.to_string(),
                    done: self.done,
                    open_only: self.options.open_only,
                    unassigned,
                }),
            },
            chart: None,
        })
    }
}

mod issues;
#[cfg(test)]
mod tests;
