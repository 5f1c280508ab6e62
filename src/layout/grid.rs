//! A sheet seen as lines of cells: its rows, or its columns for a transposed matrix. The
//! matrix reader works on lines and positions only, and asks the grid to name cells as the
//! spreadsheet program does, so one reader serves both orientations and every message still
//! points at the right cell.

use crate::input::{Cell, Location, RawRow, RawTable};
use compact_str::CompactString;

use super::Line;

pub(super) struct Grid<'a> {
    pub table: &'a RawTable,
    /// Lines are the sheet's columns (line n is column n-1) and positions its rows.
    pub transposed: bool,
    /// Non-blank lines in order; a line's `number` is 1-based, its cells' `column` is the
    /// 0-based position along it.
    pub lines: &'a [RawRow],
}

/// The sheet's columns as lines, for a transposed grid: made once per sheet, by the
/// [`Sheet`](super::reader::Sheet) that lends them to every reader asking.
pub(super) fn columns_as_lines(table: &RawTable) -> Vec<RawRow> {
    let mut cells: Vec<(u32, u32, &str)> = table
        .rows
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .map(move |c| (c.column, row.number - 1, c.text.as_str()))
        })
        .collect();
    cells.sort_by_key(|&(line, position, _)| (line, position));
    let mut lines: Vec<RawRow> = Vec::new();
    for (line, position, text) in cells {
        let cell = Cell {
            column: position,
            text: CompactString::from(text),
        };
        match lines.last_mut() {
            Some(last) if last.number == line + 1 => last.cells.push(cell),
            _ => lines.push(RawRow {
                number: line + 1,
                cells: vec![cell],
            }),
        }
    }
    lines
}

impl Grid<'_> {
    /// The sheet's row and column (1-based, 0-based) of a position on a line.
    pub fn cell(&self, line: u32, position: u32) -> (u32, u32) {
        if self.transposed {
            (position + 1, line - 1)
        } else {
            (line, position)
        }
    }

    pub fn location(&self, line: u32, position: Option<u32>) -> Location {
        match position {
            Some(position) => {
                let (row, column) = self.cell(line, position);
                self.table.location(Some(row), Some(column))
            }
            None => {
                let (row, column) = match self.line(line) {
                    Line::Row(row) => (Some(row), None),
                    Line::Column(column) => (None, Some(column)),
                };
                self.table.location(row, column)
            }
        }
    }

    /// A whole line as the sheet names it.
    pub fn line(&self, line: u32) -> Line {
        if self.transposed {
            Line::Column(line - 1)
        } else {
            Line::Row(line)
        }
    }

    /// All cells at one position, across lines, as the sheet names that line.
    pub fn across(&self, position: u32) -> Line {
        if self.transposed {
            Line::Row(position + 1)
        } else {
            Line::Column(position)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposing_swaps_rows_and_columns_and_names_cells_as_the_sheet_does() {
        let table = RawTable {
            file: "t.csv".into(),
            sheet: None,
            rows: vec![
                RawRow::from_texts(1, &["", "Plan", "Build"]),
                RawRow::from_texts(2, &["Ana", "A", "R"]),
            ],
            merged: Vec::new(),
        };
        let columns = columns_as_lines(&table);
        let grid = Grid {
            table: &table,
            transposed: true,
            lines: &columns,
        };
        assert_eq!(grid.lines.len(), 3);
        assert_eq!(grid.lines[0].number, 1);
        assert_eq!(grid.lines[0].get(1), Some("Ana"));
        assert_eq!(grid.lines[1].get(0), Some("Plan"));
        assert_eq!(grid.lines[2].get(1), Some("R"));
        assert_eq!(grid.location(3, Some(1)).to_string(), "t.csv, cell C2");
        assert_eq!(grid.line(2), Line::Column(1));
        assert_eq!(grid.across(0), Line::Row(1));
    }
}
