//! Where a matrix lies on its grid, as the party search found it, and the evidence for it
//! in words: detection weighs a reading by these numbers and `inspect` shows them, so they
//! live with the reading rather than with the search that measures them.

use super::super::grid::Grid;
use super::super::Decided;
use crate::input::column_letters;

/// Where a matrix lies on its grid.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    /// The line of party names.
    pub(super) header: u32,
    /// The position of the task texts.
    pub(super) label: u32,
    pub(super) label_decided: Decided,
    /// A position of the task group (phase, stage), named by its header.
    pub(super) group: Option<u32>,
    pub(super) parties: Vec<u32>,
    /// Cells that read as marks under some scheme.
    pub(super) marks: usize,
    /// Filled cells in the party positions, marks or not.
    pub(super) filled: usize,
    /// Lines with at least one mark.
    pub(super) task_lines: usize,
    pub(super) label_words: f64,
    pub(super) party_words: f64,
    /// Mean [`taskiness`](super::lines::taskiness) of the task texts and of the party names.
    pub(super) label_taskiness: f64,
    pub(super) party_taskiness: f64,
}

impl Reading {
    /// Evidence enough to call the sheet a matrix without being told.
    pub fn is_strong(&self) -> bool {
        // One marked task is no chart: a legend's letters beside a column of tasks, or a
        // list's column of grades, read that way when the sheet is turned over.
        self.parties.len() >= 2
            && self.task_lines >= 2
            && self.marks >= self.task_lines.max(2)
            && self.marks as f64 >= self.filled as f64 * 0.6
    }

    /// How much more the task side reads like tasks than the party side: a task is a
    /// phrase, a party a name or a title. (The corner cell is no help: "Task" there may head
    /// the column under it or the row it stands in.)
    pub fn task_likeness(&self) -> f64 {
        (self.label_taskiness - self.party_taskiness) + 0.25 * (self.label_words - self.party_words)
    }

    /// Where the parties are named, in words: "5 parties named across row 3 (columns C to G)".
    fn named(&self, grid: &Grid<'_>) -> String {
        let span = |position: u32| {
            let (row, column) = grid.cell(self.header, position);
            if grid.transposed {
                row.to_string()
            } else {
                column_letters(column)
            }
        };
        let side = if grid.transposed { "down" } else { "across" };
        let noun = if grid.transposed { "row" } else { "column" };
        let first = span(self.parties.first().copied().unwrap_or(0));
        let last = span(self.parties.last().copied().unwrap_or(0));
        match self.parties.len() {
            1 => format!(
                "1 party named {side} {} ({noun} {first})",
                grid.line(self.header)
            ),
            n => format!(
                "{n} parties named {side} {} ({noun}s {first} to {last})",
                grid.line(self.header)
            ),
        }
    }

    fn tasks(&self, grid: &Grid<'_>) -> String {
        let across = if grid.transposed { "across" } else { "down" };
        format!(
            "{} marked task{} {across} {}",
            self.task_lines,
            if self.task_lines == 1 { "" } else { "s" },
            grid.across(self.label)
        )
    }

    /// The evidence, in words, for the input notes.
    pub fn evidence(&self, grid: &Grid<'_>) -> String {
        format!(
            "{} and {}, with {} cells of R/A/C/I marks between them; task texts average {:.1} words against {:.1} for the party names, and read as tasks {:+.2} against {:+.2}",
            self.named(grid),
            self.tasks(grid),
            self.marks,
            self.label_words,
            self.party_words,
            self.label_taskiness,
            self.party_taskiness,
        )
    }

    /// What speaks for this reading and what against it, one fact to a line, for `inspect`.
    pub fn weigh(&self, grid: &Grid<'_>) -> (Vec<String>, Vec<String>) {
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        good.push(self.named(grid));
        let how = match self.label_decided {
            Decided::Header => "its header names it",
            Decided::Content => "the line of most text beside the marks",
            Decided::Override => "named on the command line",
            Decided::Learned => "chosen by what its cells hold",
        };
        good.push(format!("{} ({how})", self.tasks(grid)));
        let share = 100.0 * self.marks as f64 / self.filled.max(1) as f64;
        good.push(format!(
            "{} cells of R/A/C/I marks, {share:.0}% of the filled cells in the party positions",
            self.marks
        ));
        let mut side = |holds: bool, text: String| {
            if holds {
                good.push(text);
            } else {
                bad.push(text);
            }
        };
        side(
            self.label_taskiness > self.party_taskiness,
            format!(
                "task texts read as tasks {:+.2}, the party names {:+.2} (a score of verbs and work words, less names and titles)",
                self.label_taskiness, self.party_taskiness
            ),
        );
        side(
            // Equal as shown is no evidence either way: it counts against.
            self.label_words - self.party_words >= 0.05,
            format!(
                "task texts average {:.1} words, the party names {:.1}",
                self.label_words, self.party_words
            ),
        );
        if self.parties.len() < 2 {
            bad.push("only one party position holds marks".to_string());
        }
        if self.task_lines < 2 {
            bad.push("only one task carries marks".to_string());
        }
        if (self.marks as f64) < self.filled as f64 * 0.6 {
            bad.push("fewer than 60% of the filled cells in the party positions read as marks, so the block is more text than marks".to_string());
        } else if self.filled > self.marks {
            let others = self.filled - self.marks;
            bad.push(format!(
                "{others} filled cell{} in the party positions {} not marks",
                if others == 1 { "" } else { "s" },
                if others == 1 { "is" } else { "are" },
            ));
        }
        (good, bad)
    }
}
