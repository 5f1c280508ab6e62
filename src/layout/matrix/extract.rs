//! Reading a matrix found by the party search: every line under the party names is sorted
//! (set apart as a heading, legend, total or repeated header, or read as a task), each mark
//! becomes an assignment, and the whole becomes a [`Chart`] for the RACI rules. The line's
//! kind is decided in the order the checks are made here, and that order is the reading.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::super::grid::Grid;
use super::super::header::{named_column, normalise_header, role_named_by};
use super::super::learned;
use super::super::marks::{looks_like_mark, reads_as_marks, Marks, Scheme};
use super::super::{
    Assignment, Chart, ChartTask, ColumnRole, Decided, DetectedColumn, Extraction, LayoutError,
    LayoutOptions, MarkNote, Party, PartyNote, SheetNotes, SkipReason, SkippedLine, UnreadMark,
    Warning, Who,
};
use super::super::{DoubtKind, ReadingDoubt};
use super::legend::{read_key, scheme_letters, Key, KeyRead};
use super::lines::{
    is_uniform, legend_or_total, looks_like_heading, looks_like_id, taskiness, words,
};
use super::parties::read_parties;
use super::reading::Reading;
use super::unread::{in_chart, legend_doubt, unknown_marks_doubt};
use crate::input::{column_letters, RawRow};

/// Reads every line under the party names into tasks and assignments.
pub(super) fn extract(
    grid: &Grid<'_>,
    reading: &Reading,
    options: &LayoutOptions,
    layout_reason: String,
) -> Result<Extraction, LayoutError> {
    let header = grid
        .lines
        .iter()
        .find(|l| l.number == reading.header)
        .ok_or_else(|| LayoutError::BlankHeaderRow {
            location: grid.location(reading.header, None),
        })?;
    let parties = read_parties(grid, reading, header);
    let body: Vec<&RawRow> = grid
        .lines
        .iter()
        .filter(|l| l.number > reading.header)
        .collect();
    let mut read = Body::new(grid, reading, header, options.scheme, &parties, &body);
    read.not_tasks = learned_not_tasks(grid, reading);
    for index in 0..body.len() {
        read.line(index);
    }
    read.finish(options, parties, layout_reason)
}

/// The unmarked lines with task text that the learned line reader judges to be no task (a
/// heading, a note, a milestone) at [`learned::LINE_BAR`] or more.
fn learned_not_tasks(grid: &Grid<'_>, reading: &Reading) -> BTreeSet<u32> {
    let Some(forest) = learned::shipped_lines() else {
        return BTreeSet::new();
    };
    let frame = learned::lines::Frame {
        lines: grid.lines,
        merged: if grid.transposed {
            &[]
        } else {
            &grid.table.merged
        },
        header: reading.header,
        task: reading.label,
        owners: &reading.parties,
    };
    let body = learned::lines::Body::new(&frame);
    grid.lines
        .iter()
        .filter(|l| l.number > reading.header)
        .filter(|l| !reading.parties.iter().any(|&p| l.get(p).is_some()))
        .filter(|l| {
            body.features(l.number)
                .is_some_and(|f| forest.predict(&f)[1] >= learned::LINE_BAR)
        })
        .map(|l| l.number)
        .collect()
}

/// Tasks written as a bulleted list ("– Define scope"): a line without the bullet is then a
/// heading, however long.
fn is_bulleted(text: &str) -> bool {
    text.trim_start().starts_with(['–', '-', '•', '*', '—'])
}

/// How the sheet sets its tasks apart from its headings, learned from the marked lines: a
/// number (1.1, T-03) in a column left of the text, or a bullet before it.
struct TaskShape {
    /// The column of task numbers, when most marked lines have one there.
    id_position: Option<u32>,
    bulleted: bool,
}

impl TaskShape {
    fn of(reading: &Reading, body: &[&RawRow]) -> TaskShape {
        let marked_lines: Vec<&&RawRow> = body
            .iter()
            .filter(|l| reading.parties.iter().any(|&p| l.get(p).is_some()))
            .collect();
        let labelled: Vec<&str> = marked_lines
            .iter()
            .filter_map(|l| l.get(reading.label))
            .collect();
        let bulleted = labelled.len() >= 3
            && labelled.iter().filter(|t| is_bulleted(t)).count() as f64
                >= labelled.len() as f64 * 0.8;
        let id_position = (0..reading.label)
            .filter(|p| !reading.parties.contains(p) && Some(*p) != reading.group)
            .find(|&p| {
                let ids = marked_lines
                    .iter()
                    .filter(|l| l.get(p).is_some_and(looks_like_id))
                    .count();
                !marked_lines.is_empty() && ids as f64 >= marked_lines.len() as f64 * 0.6
            });
        TaskShape {
            id_position,
            bulleted,
        }
    }
}

/// The body of a chart being read line by line, and what has been read of it so far.
struct Body<'a, 'g> {
    grid: &'a Grid<'g>,
    reading: &'a Reading,
    header: &'a RawRow,
    body: &'a [&'a RawRow],
    scheme: Scheme,
    /// The marks the sheet's own legend explains, wherever it stands.
    key: Key,
    shape: TaskShape,
    /// Each party's name, title and team, shared by all of its assignments.
    named: Vec<Who>,
    /// The header's text over the task position, normalised.
    header_label: Option<String>,
    assignments: Vec<Assignment>,
    tasks: Vec<ChartTask>,
    skipped: Vec<SkippedLine>,
    warnings: Vec<Warning>,
    mark_notes: BTreeMap<String, (Marks, usize)>,
    /// Cells where marks stand that the scheme does not know, or that the legend explains
    /// outside RACI, on task lines, by their text; those of the line being read wait in
    /// `line_unknown` until it is a task.
    unknown_marks: BTreeMap<String, Vec<UnreadMark>>,
    line_unknown: Vec<UnreadMark>,
    /// Unmarked lines taken as headings by their shape alone: short and verbless, over a
    /// marked task. A task nobody holds looks the same.
    by_shape: Vec<u32>,
    /// Lines the learned line reader set apart, for the reading's doubts.
    by_forest: Vec<u32>,
    /// The group of the lines being read: the last heading or group cell met.
    group: Option<String>,
    /// Past a legend line: everything after it explains the marks.
    in_legend: bool,
    /// Unmarked lines the learned line reader sets apart as no task, with its probability.
    not_tasks: BTreeSet<u32>,
    previous: u32,
    lines_read: usize,
}

impl<'a, 'g> Body<'a, 'g> {
    fn new(
        grid: &'a Grid<'g>,
        reading: &'a Reading,
        header: &'a RawRow,
        scheme: Scheme,
        parties: &[Party],
        body: &'a [&'a RawRow],
    ) -> Body<'a, 'g> {
        let named = parties
            .iter()
            .map(|p| {
                (
                    Arc::from(p.name.as_str()),
                    p.title.as_deref().map(Arc::from),
                    p.team.as_deref().map(Arc::from),
                )
            })
            .collect();
        Body {
            grid,
            reading,
            header,
            body,
            scheme,
            key: read_key(&grid.table.rows, scheme, |row, column| {
                in_chart(grid, reading, row, column)
            }),
            shape: TaskShape::of(reading, body),
            named,
            header_label: header.get(reading.label).map(normalise_header),
            assignments: Vec::new(),
            tasks: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            mark_notes: BTreeMap::new(),
            unknown_marks: BTreeMap::new(),
            line_unknown: Vec::new(),
            by_shape: Vec::new(),
            by_forest: Vec::new(),
            group: None,
            in_legend: false,
            not_tasks: BTreeSet::new(),
            previous: reading.header,
            lines_read: 0,
        }
    }

    fn skip(&mut self, number: u32, reason: SkipReason) {
        self.skipped.push(SkippedLine {
            line: self.grid.line(number),
            reason,
        });
    }

    /// Reads the body's line at `index`: sets it apart, or reads its marks and its task.
    fn line(&mut self, index: usize) {
        let line = self.body[index];
        for blank in self.previous + 1..line.number {
            self.skip(blank, SkipReason::Blank);
        }
        self.previous = line.number;
        self.lines_read += 1;
        if self.sets_apart(line) {
            return;
        }
        if let Some(text) = self.reading.group.and_then(|p| line.get(p)) {
            self.group = Some(text.trim().to_string());
        }
        let (marks, unknown) = self.read_marks(line);
        let label = line
            .get(self.reading.label)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(label) = label else {
            self.without_task(line, marks.is_empty() && unknown == 0);
            return;
        };
        let unmarked = marks.is_empty() && unknown == 0;
        // Short and verbless: what a heading reads like, though the sheet did not set it
        // apart as one. Kept as a task, it is reported with less certainty.
        let short_noun_phrase =
            words(label) <= 6 && taskiness(label) < 1.0 && !label.starts_with(['–', '-', '•']);
        if unmarked && self.heads_or_repeats(index, line, label, short_noun_phrase) {
            return;
        }
        if unmarked && self.not_tasks.contains(&line.number) {
            self.by_forest.push(line.number);
            self.group = Some(label.trim_end_matches(':').trim().to_string());
            self.skip(line.number, SkipReason::Category);
            return;
        }
        self.add_task(line, label, &marks, unmarked && short_noun_phrase);
    }

    /// Sets apart, before its marks are read, a line that is no task: a legend or total, a
    /// heading filled across, the header repeated, or notes where the marks would stand.
    fn sets_apart(&mut self, line: &RawRow) -> bool {
        match legend_or_total(line) {
            Some(SkipReason::Legend) => self.in_legend = true,
            Some(reason) if !self.in_legend => {
                self.skip(line.number, reason);
                return true;
            }
            _ => {}
        }
        if self.in_legend {
            self.skip(line.number, SkipReason::Legend);
            return true;
        }
        if is_uniform(line) {
            self.group = Some(line.cells[0].text.trim().to_string());
            self.skip(line.number, SkipReason::Category);
            return true;
        }
        let parties = &self.reading.parties;
        // The party names again, as charts repeat their header under each phase.
        let repeated = parties
            .iter()
            .filter(|&&p| {
                line.get(p)
                    .is_some_and(|t| self.header.get(p).is_some_and(|h| h.trim() == t.trim()))
            })
            .count();
        // A second header line under the names ("Deliverable or Task | Sponsor | Project
        // Team"): its task cell names the column, and nothing in it is a mark.
        let names_the_column = line.get(self.reading.label).is_some_and(|label| {
            words(label) <= 4 && role_named_by(label) == Some(ColumnRole::Task)
        }) && !self.has_marks(line);
        if repeated * 2 > parties.len() || names_the_column {
            self.skip(line.number, SkipReason::RepeatedHeader);
            return true;
        }
        // Sentences where marks would stand, and no mark: the parties' definitions or notes
        // written under the chart.
        let party_texts: Vec<&str> = parties.iter().filter_map(|&p| line.get(p)).collect();
        if !party_texts.is_empty()
            && party_texts.iter().all(|t| !looks_like_mark(t))
            && party_texts.iter().any(|t| words(t) >= 3)
        {
            self.skip(line.number, SkipReason::Legend);
            return true;
        }
        false
    }

    fn has_marks(&self, line: &RawRow) -> bool {
        self.reading
            .parties
            .iter()
            .any(|&p| line.get(p).is_some_and(reads_as_marks))
    }

    /// The marks of a line: (party index, position, marks) for each marked party, and how
    /// many cells held something that is no RACI mark, each told in a warning. A mark the
    /// legend explains outside RACI is held with them, as no mark but no mystery.
    fn read_marks(&mut self, line: &RawRow) -> (Vec<(usize, u32, Marks)>, usize) {
        let mut marks: Vec<(usize, u32, Marks)> = Vec::new();
        let mut unknown = 0;
        self.line_unknown.clear();
        for (index, &position) in self.reading.parties.iter().enumerate() {
            let Some(text) = line.get(position) else {
                continue;
            };
            let read = self.key.read(text, self.scheme);
            let (known, explained) = match read {
                KeyRead::Marks(m) => (m, None),
                KeyRead::None => continue,
                KeyRead::Outside(m, entry) => (m, Some(entry)),
                KeyRead::Unknown => (Marks::default(), None),
            };
            if !known.is_empty() {
                let note = self
                    .mark_notes
                    .entry(text.trim().to_string())
                    .or_insert((known, 0));
                note.1 += 1;
                marks.push((index, position, known));
            }
            if matches!(read, KeyRead::Marks(_)) {
                continue;
            }
            unknown += 1;
            let (row, column) = self.grid.cell(line.number, position);
            self.line_unknown.push(UnreadMark {
                party: index,
                cell: format!("{}{row}", column_letters(column)),
                text: text.trim().to_string(),
                explained: explained.map(|e| self.key.entries[e].words.clone()),
            });
            let warning = match explained {
                None => self.unknown_mark(line.number, position, text),
                Some(entry) => self.explained_mark(line.number, position, text, entry),
            };
            self.warnings.push(warning);
        }
        (marks, unknown)
    }

    /// A mark the sheet's legend explains by a meaning RACI has no letter for.
    fn explained_mark(&self, line: u32, position: u32, text: &str, entry: usize) -> Warning {
        let (row, column) = self.grid.cell(line, position);
        let said = &self.key.entries[entry];
        Warning {
            row,
            column: column_letters(column),
            message: format!(
                "{}: \"{}\" means \"{}\" by the sheet's legend ({}), which is no RACI mark; it is kept aside, never counted as a part in the task",
                self.grid.location(line, Some(position)),
                text.trim(),
                said.words,
                self.grid
                    .table
                    .location(Some(said.row), Some(said.column)),
            ),
        }
    }

    fn unknown_mark(&self, line: u32, position: u32, text: &str) -> Warning {
        let scheme = self.scheme;
        let (row, column) = self.grid.cell(line, position);
        Warning {
            row,
            column: column_letters(column),
            message: format!(
                "{}: \"{}\" is not a {} mark ({}); the cell is left out{}",
                self.grid.location(line, Some(position)),
                text.trim(),
                scheme.name().to_uppercase(),
                scheme_letters(scheme),
                match scheme {
                    Scheme::Raci =>
                        "; pass --scheme rasci or --scheme daci if the sheet uses those letters",
                    _ => "",
                }
            ),
        }
    }

    /// A line with nothing in the task position: a heading when, unmarked, it has text
    /// left of the tasks that is not a task number.
    fn without_task(&mut self, line: &RawRow, unmarked: bool) {
        let heading = line
            .cells
            .iter()
            .find(|c| c.column < self.reading.label && !looks_like_id(&c.text));
        match heading {
            Some(cell) if unmarked => {
                self.group = Some(cell.text.trim().to_string());
                self.skip(line.number, SkipReason::Category);
            }
            _ => self.skip(line.number, SkipReason::NoTask),
        }
    }

    /// Sets apart an unmarked line whose task text is the header's again, or a heading:
    /// the sheet numbers or bullets its tasks and not this line, it reads as a heading, or
    /// it stands alone, short and verbless, over a marked task.
    fn heads_or_repeats(
        &mut self,
        index: usize,
        line: &RawRow,
        label: &str,
        short_noun_phrase: bool,
    ) -> bool {
        let reading = self.reading;
        let normalised = normalise_header(label);
        if role_named_by(label) == Some(ColumnRole::Task)
            || self.header_label.as_deref() == Some(normalised.as_str())
        {
            self.skip(line.number, SkipReason::RepeatedHeader);
            return true;
        }
        let id_position = self.shape.id_position;
        let numbered_elsewhere = id_position.is_some_and(|p| line.get(p).is_none())
            || (self.shape.bulleted && !is_bulleted(label));
        // Text in the task position alone, short and not opening with a verb, over a
        // marked task: the name of the group under it ("Testing", "GitHub Actions").
        // Nothing else from the task column to the last party: a status or deliverable
        // beside the text makes it a task; notes far to the right do not.
        let first = reading.parties.first().copied().unwrap_or(reading.label);
        let last = reading.parties.last().copied().unwrap_or(reading.label);
        let span = reading.label.min(first)..=reading.label.max(last);
        let alone = line.cells.iter().all(|c| {
            c.column == reading.label
                || !span.contains(&c.column)
                || Some(c.column) == id_position
                || Some(c.column) == reading.group
        });
        let heads_tasks = self.body[index + 1..]
            .iter()
            .find(|l| l.get(reading.label).is_some())
            .is_some_and(|l| self.has_marks(l));
        if numbered_elsewhere
            || looks_like_heading(label)
            || (alone && heads_tasks && short_noun_phrase)
        {
            self.group = Some(label.trim_end_matches(':').trim().to_string());
            self.skip(line.number, SkipReason::Category);
            if !numbered_elsewhere && !looks_like_heading(label) {
                self.by_shape.push(line.number);
            }
            return true;
        }
        false
    }

    /// A task line: an assignment for each marked party, and the chart's task.
    fn add_task(
        &mut self,
        line: &RawRow,
        label: &str,
        marks: &[(usize, u32, Marks)],
        may_be_heading: bool,
    ) {
        let unread: Vec<UnreadMark> = self.line_unknown.drain(..).collect();
        for mark in &unread {
            self.unknown_marks
                .entry(mark.text.clone())
                .or_default()
                .push(mark.clone());
        }
        let location = self.grid.location(line.number, Some(self.reading.label));
        for &(index, position, m) in marks {
            let (person, title, team) = &self.named[index];
            let (row, column) = self.grid.cell(line.number, position);
            self.assignments.push(Assignment {
                person: person.clone(),
                title: title.clone(),
                team: team.clone(),
                task: label.to_string(),
                effort: None,
                raci: Some(m),
                group: self.group.clone(),
                sheet: self.grid.table.sheet.clone(),
                row,
                column,
            });
        }
        self.tasks.push(ChartTask {
            text: label.to_string(),
            group: self.group.clone(),
            location,
            marks: marks.iter().map(|&(index, _, m)| (index, m)).collect(),
            may_be_heading,
            unread,
        });
    }

    /// The assignments, the chart and the notes of the sheet, once every line is read.
    fn finish(
        self,
        options: &LayoutOptions,
        parties: Vec<Party>,
        layout_reason: String,
    ) -> Result<Extraction, LayoutError> {
        let (grid, reading, header) = (self.grid, self.reading, self.header);
        if self.tasks.is_empty() {
            return Err(LayoutError::NoTasks {
                location: grid.location(reading.header, None),
                header_row: reading.header,
            });
        }
        let mut columns = vec![DetectedColumn {
            role: ColumnRole::Task,
            at: grid.across(reading.label),
            header: header.get(reading.label).unwrap_or("").trim().to_string(),
            decided: reading.label_decided,
        }];
        if let Some(p) = reading.group {
            columns.push(DetectedColumn {
                role: ColumnRole::Group,
                at: grid.across(p),
                header: header.get(p).unwrap_or("").trim().to_string(),
                decided: if !grid.transposed
                    && named_column(options, ColumnRole::Group, header) == Some(Ok(p))
                {
                    Decided::Override
                } else {
                    Decided::Header
                },
            });
        }
        let sheet = grid.table.sheet.clone();
        let chart = Chart {
            sheet: sheet.clone(),
            parties: parties.clone(),
            tasks: self.tasks,
        };
        let mut doubt = ReadingDoubt::default();
        let known = self.mark_notes.values().map(|(_, cells)| cells).sum();
        unknown_marks_doubt(&mut doubt, &self.unknown_marks, known, self.scheme);
        legend_doubt(
            &mut doubt,
            &self.key,
            self.scheme,
            self.mark_notes.keys().chain(self.unknown_marks.keys()),
        );
        if let Some(&first) = self.by_shape.first() {
            doubt.add(
                DoubtKind::HeadingByShape,
                format!(
                    "{} unmarked line{} ({}{}) taken as a heading by {} shape alone, short and verbless over a marked task",
                    self.by_shape.len(),
                    if self.by_shape.len() == 1 { "" } else { "s" },
                    grid.line(first),
                    if self.by_shape.len() > 1 { ", ..." } else { "" },
                    if self.by_shape.len() == 1 { "its" } else { "their" },
                ),
                "rolecall inspect lists them; a task nobody holds looks the same",
            );
        }
        if let Some(&first) = self.by_forest.first() {
            let n = self.by_forest.len();
            doubt.add(
                DoubtKind::LineKinds,
                format!(
                    "{n} unmarked line{} ({}{}) set apart as {} by the learned line reader, at {:.0}% or more sure {} no task",
                    if n == 1 { "" } else { "s" },
                    grid.line(first),
                    if n > 1 { ", ..." } else { "" },
                    if n == 1 { "a heading" } else { "headings" },
                    learned::LINE_BAR * 100.0,
                    if n == 1 { "it is" } else { "they are" },
                ),
                "rolecall inspect lists them; a task nobody holds set apart is a gap unheard of",
            );
        }
        Ok(Extraction {
            assignments: self.assignments,
            notes: SheetNotes {
                sheet,
                layout: super::layout(grid.transposed),
                layout_reason,
                reading: doubt,
                weighed: Vec::new(),
                header: grid.line(reading.header),
                columns,
                parties: parties
                    .into_iter()
                    .zip(&reading.parties)
                    .map(|(party, &p)| PartyNote {
                        name: party.name,
                        title: party.title,
                        team: party.team,
                        at: grid.across(p),
                    })
                    .collect(),
                scheme: Some(self.scheme),
                marks: MarkNote::from_counts(self.mark_notes),
                merged: Vec::new(),
                lines_read: self.lines_read,
                skipped: self.skipped,
                warnings: self.warnings,
                tracker: None,
            },
            chart: Some(chart),
        })
    }
}
