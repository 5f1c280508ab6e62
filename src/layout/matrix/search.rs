//! The party search: which line of the grid names the parties, found as the line under which
//! some positions hold mostly marks, and where the task texts and groups stand beside them.
//! Every one of the top lines is tried as the header and measured; the measures become a
//! [`Reading`], which detection weighs against the other layouts.

use std::collections::BTreeMap;

use super::super::grid::Grid;
use super::super::header::{named_column, normalise_header, resolve_spec, role_named_by};
use super::super::vocabulary::NOT_PARTIES;
use super::super::{ColumnRole, Decided, LayoutOptions, HEADER_SEARCH_ROWS};
use super::lines::{is_uniform, looks_like_id, taskiness, words};
use super::reading::Reading;
use super::survey::{cells_at, PositionCounts, Survey};
use crate::input::{parse_column_letters, RawRow};

/// Share of a party column's filled cells that must look like marks: high enough that a
/// column of names or numbers never passes, low enough for a stray note or a total.
const MARK_SHARE: f64 = 0.7;

/// The best reading of the grid as tasks down, parties across; `None` when no line has at
/// least two positions of marks under it.
pub(super) fn find(grid: &Grid<'_>, options: &LayoutOptions) -> Option<Reading> {
    find_with(grid, options, 2)
}

/// A chart of one party's marks ("Step | Role", the role's letters down one column): read
/// only when nothing else reads, since one column of letters beside text is weak evidence.
/// Its marks run down one column, so a transposed grid is never searched for one.
pub(super) fn find_one_party(grid: &Grid<'_>, options: &LayoutOptions) -> Option<Reading> {
    if grid.transposed {
        return None;
    }
    find_with(grid, options, 1).filter(|r| {
        r.parties.len() == 1
            && r.task_lines >= ONE_PARTY_MIN_TASKS
            && r.marks as f64 >= r.filled as f64 * 0.9
    })
}

/// A one-party chart needs this many marked tasks before it is believed.
const ONE_PARTY_MIN_TASKS: usize = 4;

fn find_with(grid: &Grid<'_>, options: &LayoutOptions, min_parties: usize) -> Option<Reading> {
    let fixed_header = if grid.transposed {
        options
            .columns
            .iter()
            .find(|(role, _)| *role == ColumnRole::Person)
            .and_then(|(_, spec)| parse_column_letters(spec.0.trim()))
            .map(|column| column + 1)
    } else {
        options.header_row
    };
    let candidates: Vec<&RawRow> = match fixed_header {
        Some(number) => grid.lines.iter().filter(|l| l.number == number).collect(),
        None => grid.lines.iter().take(HEADER_SEARCH_ROWS).collect(),
    };
    let survey = Survey::new(grid, candidates.last().map_or(0, |l| l.number));
    let mut best: Option<(Reading, usize)> = None;
    for header in candidates.into_iter().filter(|l| !is_uniform(l)) {
        let Some(reading) = read_at(grid, &survey, header, options, min_parties) else {
            continue;
        };
        // The latest line with the most marks: any earlier one has the names in its body;
        // except that a line repeating one text over the parties ("Project Team" merged
        // across) groups the names above it rather than naming anyone.
        let names = distinct_names(grid, &reading);
        if best
            .as_ref()
            .is_none_or(|(b, b_names)| (reading.marks, names >= *b_names) >= (b.marks, true))
        {
            best = Some((reading, names));
        }
    }
    best.map(|(reading, _)| reading)
}

/// How many different texts name the parties of a reading.
fn distinct_names(grid: &Grid<'_>, reading: &Reading) -> usize {
    let Some(line) = grid.lines.iter().find(|l| l.number == reading.header) else {
        return 0;
    };
    let mut names: Vec<&str> = reading
        .parties
        .iter()
        .filter_map(|&p| line.get(p).map(str::trim))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// The grid read with `header` as the line of party names, or `None` when fewer than
/// `min_parties` positions under it hold marks.
fn read_at(
    grid: &Grid<'_>,
    survey: &Survey,
    header: &RawRow,
    options: &LayoutOptions,
    min_parties: usize,
) -> Option<Reading> {
    let header_index = grid.lines.partition_point(|l| l.number < header.number);
    let counts = survey.body(header_index);
    let (fixed_label, fixed_group) = named_positions(grid, options, header);
    let is_party = |position: u32, text: &str| {
        let (filled, marks) = counts.get(&position).copied().unwrap_or((0, 0));
        Some(position) != fixed_label
            && Some(position) != fixed_group
            && !NOT_PARTIES.contains(&normalise_header(text).as_str())
            && !text.trim().chars().all(|c| c.is_ascii_digit() || c == '.')
            && (filled == 0 || marks as f64 >= filled as f64 * MARK_SHARE)
    };
    let parties = party_positions(header, &counts, is_party)?;
    if parties.len() < min_parties {
        return None;
    }
    let is_listed = |position: &u32| parties.binary_search(position).is_ok();
    let label_by_header = header
        .cells
        .iter()
        .filter(|c| !is_listed(&c.column))
        // A header is a few words; a sentence ending "... the tasks" is a legend's.
        .find(|c| words(&c.text) <= 4 && role_named_by(&c.text) == Some(ColumnRole::Task))
        .map(|c| c.column);
    let (label, label_decided) = match (fixed_label, label_by_header) {
        (Some(label), _) => (label, Decided::Override),
        (None, Some(label)) => (label, Decided::Header),
        (None, None) => (
            label_by_content(grid, survey, header_index, &counts, &parties)?,
            Decided::Content,
        ),
    };
    let group = fixed_group.filter(|&g| g != label).or_else(|| {
        header
            .cells
            .iter()
            .filter(|c| c.column != label && !is_listed(&c.column))
            .find(|c| role_named_by(&c.text) == Some(ColumnRole::Group))
            .map(|c| c.column)
    });
    let tally = Tally::of(grid, survey, header_index, &parties, label);
    if tally.marks == 0 {
        return None;
    }
    let party_texts: Vec<&str> = parties.iter().filter_map(|&p| header.get(p)).collect();
    Some(Reading {
        header: header.number,
        label,
        label_decided,
        group,
        marks: tally.marks,
        filled: tally.filled,
        task_lines: tally.task_lines,
        label_words: mean(tally.label_lengths.into_iter()),
        party_words: mean(party_texts.iter().map(|t| words(t))),
        label_taskiness: mean_of(tally.label_texts.iter().map(|t| taskiness(t))),
        party_taskiness: mean_of(party_texts.iter().map(|t| taskiness(t))),
        parties,
    })
}

/// The task label's and the group's positions when the user named them. Turned over, the
/// tasks' header row names the label line; a column letter names no line of the sheet's
/// columns, so a named group column applies only the right way round.
fn named_positions(
    grid: &Grid<'_>,
    options: &LayoutOptions,
    header: &RawRow,
) -> (Option<u32>, Option<u32>) {
    let label = if grid.transposed {
        options.header_row.map(|row| row - 1)
    } else {
        options
            .columns
            .iter()
            .find(|(role, _)| *role == ColumnRole::Task)
            .and_then(|(_, spec)| resolve_spec(header, spec))
    };
    // A named group column is the rows' phase, never a party.
    let group = (!grid.transposed)
        .then(|| named_column(options, ColumnRole::Group, header)?.ok())
        .flatten();
    (label, group)
}

/// The positions of the header that name parties: the block from the first to the last
/// position with marks under it, and a run of unmarked parties right after it.
fn party_positions(
    header: &RawRow,
    counts: &PositionCounts,
    is_party: impl Fn(u32, &str) -> bool,
) -> Option<Vec<u32>> {
    let marked: Vec<u32> = header
        .cells
        .iter()
        .filter(|c| is_party(c.column, &c.text))
        .filter(|c| counts.get(&c.column).is_some_and(|&(_, m)| m > 0))
        .map(|c| c.column)
        .collect();
    let (&first, &last) = (marked.first()?, marked.last()?);
    // Unmarked parties count inside the block and in a run right after it.
    let mut parties: Vec<u32> = Vec::new();
    let mut next_after_block = last + 1;
    for cell in &header.cells {
        let inside = cell.column >= first && cell.column <= last;
        let run = cell.column == next_after_block;
        if (inside || run) && is_party(cell.column, &cell.text) {
            parties.push(cell.column);
            if run {
                next_after_block += 1;
            }
        }
    }
    Some(parties)
}

/// When no header names the task position: the position with the most text that is not
/// marks, nearest the parties, left of them if any such position is.
fn label_by_content(
    grid: &Grid<'_>,
    survey: &Survey,
    header_index: usize,
    counts: &PositionCounts,
    parties: &[u32],
) -> Option<u32> {
    let first = *parties.first()?;
    let is_listed = |position: &u32| parties.binary_search(position).is_ok();
    let mut text_cells: BTreeMap<u32, usize> = BTreeMap::new();
    for index in survey.body_lines(header_index) {
        let line = &grid.lines[index];
        let others = cells_at(line, &survey.kinds[index], parties, false);
        for (position, text, kind) in others {
            if !kind.looks && !looks_like_id(text) {
                *text_cells.entry(position).or_default() += 1;
            }
        }
    }
    let text_cells = |position: u32| text_cells.get(&position).copied().unwrap_or(0);
    counts
        .keys()
        .copied()
        .filter(|p| !is_listed(p) && *p < first)
        .max_by_key(|&p| (text_cells(p), p))
        .or_else(|| {
            counts
                .keys()
                .copied()
                .filter(|p| !is_listed(p))
                .max_by_key(|&p| (text_cells(p), std::cmp::Reverse(p)))
        })
}

/// What the body under a header holds at the party positions, line by line: the counts a
/// reading is weighed by.
struct Tally<'g> {
    marks: usize,
    filled: usize,
    task_lines: usize,
    /// Words of each marked line's task text.
    label_lengths: Vec<usize>,
    label_texts: Vec<&'g str>,
}

impl<'g> Tally<'g> {
    fn of(
        grid: &'g Grid<'_>,
        survey: &Survey,
        header_index: usize,
        parties: &[u32],
        label: u32,
    ) -> Tally<'g> {
        let mut tally = Tally {
            marks: 0,
            filled: 0,
            task_lines: 0,
            label_lengths: Vec::new(),
            label_texts: Vec::new(),
        };
        for index in survey.body_lines(header_index) {
            // Notes and definitions below a chart, with no mark on their line, are no
            // evidence against the marks.
            if !survey.marked[index] {
                continue;
            }
            let line = &grid.lines[index];
            let mut line_marks = 0;
            // "N", "-", "n/a" written in every empty cell say "not involved": blank.
            for (_, _, kind) in cells_at(line, &survey.kinds[index], parties, true) {
                if !kind.blank {
                    tally.filled += 1;
                    line_marks += usize::from(kind.reads);
                }
            }
            if line_marks > 0 {
                tally.marks += line_marks;
                tally.task_lines += 1;
                if let Some(text) = line.get(label) {
                    tally.label_lengths.push(words(text));
                    tally.label_texts.push(text);
                }
            }
        }
        tally
    }
}

fn mean(values: impl Iterator<Item = usize>) -> f64 {
    let (sum, n) = values.fold((0, 0), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum as f64 / n as f64
    }
}

fn mean_of(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}
