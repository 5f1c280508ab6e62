//! The learned line reader: whether a line with task text and nobody marked on it is a task
//! nobody owns or something else (a heading, a note, a legend, a milestone). It is the
//! question that decides a high "nobody is Responsible" finding, and the one the hand rules
//! answered worst on sheets they were not written for.
//!
//! The features are the line's own shape (numbering, length, case, a verb first, a colon
//! last), its place among its neighbours (does a marked line follow it, is it numbered
//! above the lines under it, does it come after the last marked line) and what the hand
//! rules say of it, so that the forest keeps a rule where the rule is right.

use crate::input::{CellRange, RawRow};

use super::super::matrix::{looks_like_heading, taskiness};

/// The features' names, in their order; the trained forest depends on it.
pub const LINE_FEATURES: [&str; 22] = [
    "task chars (log)",
    "task words",
    "outline depth",
    "outline depth of the next task line",
    "numbered in a column left of the task",
    "ends with a colon",
    "shouted (capitals)",
    "bulleted",
    "taskiness (hand rule)",
    "reads as a heading (hand rule)",
    "cells on the line",
    "cells between the task and the owners",
    "cells past the owners",
    "next line owned",
    "previous line owned",
    "lines owned in the body",
    "place in the body",
    "after the last owned line",
    "merged across",
    "length against the owned lines'",
    "unowned lines in a run",
    "sentence (ends with a full stop)",
];

/// Where a sheet's table lies, as the reader that asks has found it.
pub struct Frame<'a> {
    /// The sheet's lines: its rows, or its columns for a transposed chart.
    pub lines: &'a [RawRow],
    /// Merged ranges, when the lines are rows (a transposed chart gives none).
    pub merged: &'a [CellRange],
    pub header: u32,
    pub task: u32,
    /// The owners' columns: a matrix's parties or a list's person columns.
    pub owners: &'a [u32],
}

/// "2.1.3 Write" is at depth 3, "2. Define" at 1, unnumbered text at 0.
fn outline_depth(text: &str) -> f32 {
    let first = text.split_whitespace().next().unwrap_or("");
    let numbers = first
        .trim_end_matches(['.', ')'])
        .split('.')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>();
    if !numbers.is_empty()
        && numbers
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        numbers.len() as f32
    } else {
        0.0
    }
}

/// A frame's body with what every line's features share, worked out once: a sheet of a
/// hundred thousand unowned lines must cost one pass, not one per line.
pub struct Body<'a> {
    frame: &'a Frame<'a>,
    rows: &'a [RawRow],
    owned: Vec<bool>,
    /// For each line, how many unowned lines stand in the run it belongs to.
    runs: Vec<usize>,
    last_owned: Option<usize>,
    owned_share: f32,
    mean_owned: f32,
}

impl<'a> Body<'a> {
    pub fn new(frame: &'a Frame<'a>) -> Body<'a> {
        let at = frame
            .lines
            .iter()
            .position(|r| r.number > frame.header)
            .unwrap_or(frame.lines.len());
        let rows = &frame.lines[at..];
        let owned: Vec<bool> = rows
            .iter()
            .map(|r| {
                frame
                    .owners
                    .iter()
                    .any(|&c| r.get(c).is_some_and(|t| !t.trim().is_empty()))
            })
            .collect();
        let mut runs = vec![0; owned.len()];
        let mut start = 0;
        for i in 0..=owned.len() {
            if i == owned.len() || owned[i] {
                for run in &mut runs[start..i] {
                    *run = i - start;
                }
                start = i + 1;
            }
        }
        let lengths: Vec<usize> = rows
            .iter()
            .zip(&owned)
            .filter(|(_, &o)| o)
            .filter_map(|(r, _)| r.get(frame.task).map(|t| t.chars().count()))
            .collect();
        Body {
            frame,
            rows,
            last_owned: owned.iter().rposition(|&o| o),
            owned_share: lengths.len() as f32 / owned.len().max(1) as f32,
            owned,
            runs,
            mean_owned: lengths.iter().sum::<usize>() as f32 / lengths.len().max(1) as f32,
        }
    }

    /// The outline depth of a line's task text or of a number left of it.
    fn depth(&self, row: &RawRow) -> f32 {
        let task = self.frame.task;
        let own = row.get(task).map_or(0.0, outline_depth);
        row.cells
            .iter()
            .filter(|c| c.column < task)
            .map(|c| outline_depth(&c.text))
            .fold(own, f32::max)
    }

    /// The features of the body line numbered `number`; `None` when it has no task text.
    pub fn features(&self, number: u32) -> Option<Vec<f32>> {
        let index = self.rows.binary_search_by_key(&number, |r| r.number).ok()?;
        let row = &self.rows[index];
        let task = self.frame.task;
        let text = row.get(task)?.trim();
        if text.is_empty() {
            return None;
        }
        let owners = self.frame.owners;
        let first_owner = owners.iter().min().copied().unwrap_or(task);
        let last_owner = owners.iter().max().copied().unwrap_or(task);
        let between = row
            .cells
            .iter()
            .filter(|c| c.column > task && c.column < first_owner)
            .count();
        let past = row.cells.iter().filter(|c| c.column > last_owner).count();
        let id_left = row.cells.iter().any(|c| {
            c.column < task && c.text.chars().any(|ch| ch.is_ascii_digit()) && c.text.len() <= 12
        });
        let next_task = self.rows[index + 1..]
            .iter()
            .find(|r| r.get(task).is_some());
        let merged =
            self.frame.merged.iter().any(|m| {
                m.top <= number && number <= m.bottom && m.left <= task && m.right > m.left
            });
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let chars = text.chars().count() as f32;
        let flag = |b: bool| f32::from(u8::from(b));
        let owned = &self.owned;
        Some(vec![
            chars.ln_1p(),
            text.split_whitespace().count() as f32,
            self.depth(row),
            next_task.map_or(-1.0, |r| self.depth(r)),
            flag(id_left),
            flag(text.ends_with(':')),
            flag(letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())),
            flag(text.starts_with(['–', '-', '•', '*', '—'])),
            taskiness(text) as f32,
            flag(looks_like_heading(text)),
            row.cells.len() as f32,
            between as f32,
            past as f32,
            flag(owned.get(index + 1).copied().unwrap_or(false)),
            flag(index > 0 && owned[index - 1]),
            self.owned_share,
            index as f32 / self.rows.len().max(1) as f32,
            flag(self.last_owned.is_some_and(|l| index > l)),
            flag(merged),
            chars / self.mean_owned.max(1.0),
            self.runs[index] as f32,
            flag(text.ends_with('.')),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_seen_among_its_neighbours() {
        let table = crate::input::RawTable::from_texts(
            "chart.csv",
            &[
                &["Task", "Ana", "Bo"],
                &["1. Plan", "", ""],
                &["1.1 Write the plan", "R", "A"],
                &["1.2 Review the plan", "C", "R"],
                &["2.1 Ship it", "", ""],
                &["Notes: marks are kept by the PMO.", "", ""],
            ],
        );
        let frame = Frame {
            lines: &table.rows,
            merged: &table.merged,
            header: 1,
            task: 0,
            owners: &[1, 2],
        };
        let body = Body::new(&frame);
        let at = |name: &str| LINE_FEATURES.iter().position(|f| *f == name).unwrap_or(99);
        let heading = body.features(2).unwrap_or_default();
        assert_eq!(heading[at("outline depth")], 1.0);
        assert_eq!(heading[at("outline depth of the next task line")], 2.0);
        assert_eq!(heading[at("next line owned")], 1.0);
        let note = body.features(6).unwrap_or_default();
        assert_eq!(note[at("after the last owned line")], 1.0);
        assert_eq!(note[at("unowned lines in a run")], 2.0);
        assert_eq!(note[at("sentence (ends with a full stop)")], 1.0);
        assert_eq!(body.features(3).map(|f| f.len()), Some(LINE_FEATURES.len()));
        assert_eq!(body.features(1), None, "the header is no body line");
    }
}
