//! What the party search asks of a grid's cells and lines, worked out once per grid rather
//! than once per header candidate: the search weighs twenty candidate lines, both ways round,
//! over the same body of cells, and a chart of a million marks must not be read forty times.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::super::grid::Grid;
use super::super::marks::{looks_like_mark, read_cell, reads_as_marks, CellMarks, Scheme};
use super::super::SkipReason;
use super::legend::{read_key, Key};
use super::lines::{is_uniform, legend_or_total};
use crate::input::RawRow;

/// (filled, mark-like) cells per position of some lines.
pub(super) type PositionCounts = BTreeMap<u32, (usize, usize)>;

/// What header detection asks of one cell, worked out once: every header candidate weighs
/// the same cells, and reading each cell's marks again for each of them (twenty candidates,
/// both ways round) made a chart of a million marks take most of a minute.
#[derive(Debug, Clone, Copy)]
pub(super) struct CellKind {
    /// [`looks_like_mark`]: a mark or a short code like one.
    pub looks: bool,
    /// [`reads_as_marks`] under some scheme.
    pub reads: bool,
    /// Blank under RACI: empty, or a "not involved" placeholder.
    pub blank: bool,
}

impl CellKind {
    /// A cell's kind; a letter the sheet's legend explains ("L" beside "Lead") reads as a
    /// mark, so that a chart of letters no scheme knows is found as readily as one of R's.
    fn of(text: &str, key: &Key) -> CellKind {
        let reads = reads_as_marks(text);
        CellKind {
            looks: looks_like_mark(text),
            reads: reads || (!key.entries.is_empty() && key.defines(text)),
            blank: matches!(read_cell(text, Scheme::Raci), CellMarks::None),
        }
    }
}

/// What every header candidate asks of the lines under it, worked out once per grid. Each
/// candidate's body is the lines after it up to the first legend line, less headings,
/// totals and lines filled with one text. All candidates lie among the first lines, so
/// their bodies differ only there and share one tail. Without this, finding the header of
/// a 100,000-row sheet read every cell twenty times over.
pub(super) struct Survey {
    /// Per line, the kinds of its cells in cell order.
    pub kinds: Vec<Vec<CellKind>>,
    /// Per line: whether a body keeps it (no legend, total or uniform line).
    kept: Vec<bool>,
    /// Per line: whether some cell looks like a mark. A line with none (a heading, a note,
    /// a definition below the chart) says nothing about which positions hold marks.
    pub marked: Vec<bool>,
    /// Indices of the legend lines, where a body ends.
    legends: Vec<usize>,
    /// Per line before the tail: its counts when a body keeps it.
    head: Vec<Option<PositionCounts>>,
    /// Counts of the lines from the tail up to the first legend line at or after it.
    tail: PositionCounts,
}

impl Survey {
    pub fn new(grid: &Grid<'_>, last_candidate: u32) -> Survey {
        let tail_start = grid.lines.partition_point(|l| l.number <= last_candidate);
        // Before the chart is found nothing of it is known, so no cell is kept from the key.
        let key = read_key(&grid.table.rows, Scheme::Raci, |_, _| false);
        let kinds: Vec<Vec<CellKind>> = grid
            .lines
            .par_iter()
            .map(|line| {
                line.cells
                    .iter()
                    .map(|c| CellKind::of(&c.text, &key))
                    .collect()
            })
            .collect();
        let marked: Vec<bool> = kinds.iter().map(|k| k.iter().any(|k| k.looks)).collect();
        let count = |counts: &mut PositionCounts, index: usize| {
            if !marked[index] {
                return;
            }
            for (cell, kind) in grid.lines[index].cells.iter().zip(&kinds[index]) {
                let entry = counts.entry(cell.column).or_default();
                entry.0 += 1;
                entry.1 += usize::from(kind.looks);
            }
        };
        let mut kept = Vec::with_capacity(grid.lines.len());
        let mut legends = Vec::new();
        let mut head = Vec::with_capacity(tail_start);
        let mut tail = PositionCounts::new();
        for (index, line) in grid.lines.iter().enumerate() {
            let keeps = match legend_or_total(line) {
                Some(SkipReason::Legend) => {
                    legends.push(index);
                    false
                }
                Some(_) => false,
                None => !is_uniform(line),
            };
            kept.push(keeps);
            if index < tail_start {
                head.push(keeps.then(|| {
                    let mut counts = PositionCounts::new();
                    count(&mut counts, index);
                    counts
                }));
            } else if keeps && legends.last().is_none_or(|&l| l < tail_start) {
                count(&mut tail, index);
            }
        }
        Survey {
            kinds,
            kept,
            marked,
            legends,
            head,
            tail,
        }
    }

    /// The index of the legend line that ends the body under the line at `header`.
    fn body_end(&self, header: usize) -> Option<usize> {
        self.legends.iter().copied().find(|&l| l > header)
    }

    /// Indices of the lines of the body under the line at `header`.
    pub fn body_lines(&self, header: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.body_end(header).unwrap_or(self.kept.len());
        (header + 1..end).filter(|&index| self.kept[index])
    }

    /// The counts of the body under the line at index `header`.
    pub fn body(&self, header: usize) -> PositionCounts {
        let start = header + 1;
        let legend = self.body_end(header).filter(|&l| l < self.head.len());
        let end = legend.unwrap_or(self.head.len());
        let mut counts = PositionCounts::new();
        for line in self.head[start.min(end)..end].iter().flatten() {
            add(&mut counts, line);
        }
        if legend.is_none() {
            add(&mut counts, &self.tail);
        }
        counts
    }
}

/// The cells of a line at the given positions, or at every other position, with their
/// kinds: one walk along both, as both are in position order.
pub(super) fn cells_at<'l>(
    line: &'l RawRow,
    kinds: &'l [CellKind],
    positions: &'l [u32],
    inside: bool,
) -> impl Iterator<Item = (u32, &'l str, CellKind)> + 'l {
    let mut rest = positions;
    line.cells
        .iter()
        .zip(kinds.iter().copied())
        .filter(move |(cell, _)| {
            while let Some((&position, later)) = rest.split_first() {
                if position >= cell.column {
                    break;
                }
                rest = later;
            }
            (rest.first() == Some(&cell.column)) == inside
        })
        .map(|(cell, kind)| (cell.column, cell.text.as_str(), kind))
}

fn add(total: &mut PositionCounts, counts: &PositionCounts) {
    for (&position, &(filled, marks)) in counts {
        let entry = total.entry(position).or_default();
        entry.0 += filled;
        entry.1 += marks;
    }
}
