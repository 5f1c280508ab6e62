//! The grid every reader produces: a sheet's non-blank cells as text, row by row, each
//! knowing its place. Blank cells are not stored, so a sheet with one value at XFD1048576
//! costs one cell, not a dense grid.

use compact_str::CompactString;

use super::location::Location;
use super::merged::CellRange;

/// One non-empty cell's text and its 0-based column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub column: u32,
    /// Held inline when short, as names, titles, teams and hours are: a sheet of a million
    /// rows has millions of cells, and one allocation for each cost more time than parsing.
    pub text: CompactString,
}

/// One row that holds at least one non-blank cell, with cells sorted by column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based, as the spreadsheet shows it (for CSV: the record number).
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl RawRow {
    /// A row from cell texts in column order, blanks left out as a reader leaves them.
    #[cfg(test)]
    pub(crate) fn from_texts(number: u32, texts: &[&str]) -> RawRow {
        RawRow {
            number,
            cells: texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(i, t)| Cell {
                    column: i as u32,
                    text: CompactString::from(*t),
                })
                .collect(),
        }
    }

    pub fn get(&self, column: u32) -> Option<&str> {
        self.cells
            .binary_search_by_key(&column, |c| c.column)
            .ok()
            .map(|i| self.cells[i].text.as_str())
    }
}

/// A sheet's non-blank rows, in row order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub file: String,
    /// `None` for CSV and TSV, which have no sheets.
    pub sheet: Option<String>,
    pub rows: Vec<RawRow>,
    /// The merged ranges whose value was copied into their blank cells, in sheet order and
    /// clipped to the sheet's used extent (see [`RawTable::fill_merged`]).
    pub merged: Vec<CellRange>,
}

impl RawTable {
    /// A sheet from rows of cell texts, row 1 first; rows with nothing in them are left
    /// out, as the readers leave them.
    #[cfg(test)]
    pub(crate) fn from_texts(file: &str, rows: &[&[&str]]) -> RawTable {
        RawTable {
            file: file.to_string(),
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, texts)| RawRow::from_texts(i as u32 + 1, texts))
                .filter(|r| !r.cells.is_empty())
                .collect(),
            merged: Vec::new(),
        }
    }

    pub fn location(&self, row: Option<u32>, column: Option<u32>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column,
        }
    }

    /// Collects `(row, column, text)` triples that may arrive in any order, dropping blanks.
    pub(super) fn from_cells(
        file: String,
        sheet: Option<String>,
        mut cells: Vec<(u32, u32, CompactString)>,
    ) -> RawTable {
        cells.retain(|(_, _, text)| !text.trim().is_empty());
        cells.sort_by_key(|&(row, col, _)| (row, col));
        RawTable::from_ordered_cells(file, sheet, cells)
    }

    /// Collects non-blank `(row, column, text)` triples already in row and column order.
    pub(super) fn from_ordered_cells(
        file: String,
        sheet: Option<String>,
        cells: impl IntoIterator<Item = (u32, u32, CompactString)>,
    ) -> RawTable {
        let mut rows: Vec<RawRow> = Vec::new();
        for (row, column, text) in cells {
            let number = row + 1;
            match rows.last_mut() {
                Some(last) if last.number == number => {
                    if last.cells.last().map(|c| c.column) == Some(column) {
                        continue; // a duplicated cell record: keep the first
                    }
                    last.cells.push(Cell { column, text });
                }
                _ => rows.push(RawRow {
                    number,
                    cells: vec![Cell { column, text }],
                }),
            }
        }
        RawTable {
            file,
            sheet,
            rows,
            merged: Vec::new(),
        }
    }

    /// A cell's text; rows are kept in sheet order, so the row is found by halving.
    pub fn text_at(&self, row: u32, column: u32) -> Option<&str> {
        let index = self.rows.binary_search_by_key(&row, |r| r.number).ok()?;
        self.rows[index].get(column)
    }
}
