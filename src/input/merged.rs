//! Merged cells: a merged cell's value fills its range, so that a name merged down over
//! three task rows names all three. Apart from the grid because filling copies text, and a
//! hostile file's merges must be held to caps.

use std::fmt;

use compact_str::CompactString;

use super::location::column_letters;
use super::table::{Cell, RawRow, RawTable};

/// A rectangle of cells, corners included: rows 1-based like [`RawRow::number`], columns
/// 0-based like [`Cell::column`]. Shown and serialized as spreadsheet notation, `A1:H1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRange {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
}

impl fmt::Display for CellRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}:{}{}",
            column_letters(self.left),
            self.top,
            column_letters(self.right),
            self.bottom
        )
    }
}

impl serde::Serialize for CellRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl CellRange {
    /// From calamine's 0-based `(row, column)` corners ([`calamine::Dimensions`]), in either
    /// order.
    pub(crate) fn from_corners(start: (u32, u32), end: (u32, u32)) -> CellRange {
        CellRange {
            top: start.0.saturating_add(1),
            left: start.1,
            bottom: end.0.saturating_add(1),
            right: end.1,
        }
        .normalized()
    }

    /// The same cells with the corners in order (top <= bottom, left <= right).
    fn normalized(self) -> CellRange {
        CellRange {
            top: self.top.min(self.bottom),
            left: self.left.min(self.right),
            bottom: self.top.max(self.bottom),
            right: self.left.max(self.right),
        }
    }

    /// How many cells the range covers (as u64: XFD1048576 is 2^34 cells).
    fn area(&self) -> u64 {
        (u64::from(self.bottom) - u64::from(self.top) + 1)
            * (u64::from(self.right) - u64::from(self.left) + 1)
    }
}

/// Most cells [`RawTable::fill_merged`] adds to one sheet. Filling copies text, so a hostile
/// file (one long cell merged over a large used area) could otherwise turn a few kilobytes
/// into gigabytes; a real team sheet's merges fill a few hundred cells.
pub const MAX_MERGED_FILL_CELLS: u64 = 1_000_000;

/// Most bytes of text [`RawTable::fill_merged`] copies into one sheet, for the same reason:
/// a million copies of a 32,767-character cell would be 32 GB.
pub const MAX_MERGED_FILL_BYTES: u64 = 256 * 1024 * 1024;

impl RawTable {
    /// A merged cell's value fills its merged range: for each range whose top-left cell holds
    /// text, that text is copied into every blank cell of the range, and the range is listed
    /// in [`RawTable::merged`].
    ///
    /// Ranges may come in any order and with corners swapped. Each is first clipped to the
    /// sheet's used extent (the last row and the last column that hold text), so a merge over
    /// A1:XFD1048576 costs what the sheet holds, and the listed range is the clipped one.
    /// Ranges whose top-left cell is blank, that fill nothing, or that would take the sheet
    /// past [`MAX_MERGED_FILL_CELLS`] or [`MAX_MERGED_FILL_BYTES`] are left out. Texts are
    /// taken from the sheet before any filling, so overlapping ranges (invalid, but possible
    /// in a hand-edited file) do not chain; where they overlap, the earlier range in sheet
    /// order wins.
    pub fn fill_merged(&mut self, ranges: &[CellRange]) {
        let Some(last_row) = self.rows.iter().map(|r| r.number).max() else {
            return;
        };
        let Some(last_column) = self
            .rows
            .iter()
            .filter_map(|r| r.cells.last().map(|c| c.column))
            .max()
        else {
            return;
        };
        let mut ranges: Vec<CellRange> = ranges
            .iter()
            .map(|r| r.normalized())
            .filter(|r| r.top <= last_row && r.left <= last_column)
            .map(|r| CellRange {
                bottom: r.bottom.min(last_row),
                right: r.right.min(last_column),
                ..r
            })
            .collect();
        ranges.sort_unstable();
        ranges.dedup();

        // Pick the ranges to fill, within the budget, with their top-left text.
        let mut chosen: Vec<(CellRange, CompactString)> = Vec::new();
        let (mut cells, mut bytes) = (0_u64, 0_u64);
        for range in ranges {
            let Some(text) = self.text_at(range.top, range.left) else {
                continue;
            };
            let added = range.area() - 1;
            if added == 0 {
                continue;
            }
            let added_bytes = added.saturating_mul(text.len() as u64);
            if cells + added > MAX_MERGED_FILL_CELLS || bytes + added_bytes > MAX_MERGED_FILL_BYTES
            {
                continue;
            }
            cells += added;
            bytes += added_bytes;
            chosen.push((range, CompactString::from(text)));
        }
        if chosen.is_empty() {
            return;
        }

        // Every candidate cell, as (row, column, range index), earliest range first on ties.
        let mut additions: Vec<(u32, u32, usize)> = Vec::new();
        for (index, (range, _)) in chosen.iter().enumerate() {
            for row in range.top..=range.bottom {
                for column in range.left..=range.right {
                    if (row, column) != (range.top, range.left) {
                        additions.push((row, column, index));
                    }
                }
            }
        }
        additions.sort_unstable();
        additions.dedup_by_key(|&mut (row, column, _)| (row, column));

        // Merge the additions into the rows, both sorted by row then column.
        let mut filled = vec![false; chosen.len()];
        let old_rows = std::mem::take(&mut self.rows);
        let mut rows = Vec::with_capacity(old_rows.len());
        let mut old_rows = old_rows.into_iter().peekable();
        let mut additions = additions.into_iter().peekable();
        loop {
            let next_old = old_rows.peek().map(|r| r.number);
            let next_add = additions.peek().map(|a| a.0);
            let number = match (next_old, next_add) {
                (None, None) => break,
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
            };
            let existing = if next_old == Some(number) {
                old_rows.next().map(|r| r.cells).unwrap_or_default()
            } else {
                Vec::new()
            };
            let mut cells = Vec::with_capacity(existing.len());
            let mut existing = existing.into_iter().peekable();
            while let Some(&(_, column, index)) = additions.peek().filter(|a| a.0 == number) {
                additions.next();
                while let Some(cell) = existing.next_if(|c| c.column < column) {
                    cells.push(cell);
                }
                if existing.peek().is_some_and(|c| c.column == column) {
                    continue; // the cell holds its own text
                }
                filled[index] = true;
                cells.push(Cell {
                    column,
                    text: chosen[index].1.clone(),
                });
            }
            cells.extend(existing);
            rows.push(RawRow { number, cells });
        }
        self.rows = rows;
        self.merged = chosen
            .into_iter()
            .zip(filled)
            .filter(|(_, filled)| *filled)
            .map(|((range, _), _)| range)
            .collect();
    }
}
