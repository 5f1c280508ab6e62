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
    #[cfg(test)]
    pub(super) fn from_cells(
        file: String,
        sheet: Option<String>,
        cells: Vec<(u32, u32, CompactString)>,
    ) -> RawTable {
        let mut sink = CellSink::default();
        for (row, column, text) in cells {
            sink.push(row, column, text);
        }
        sink.finish(file, sheet)
    }

    /// Collects non-blank `(row, column, text)` triples already in row and column order.
    pub(super) fn from_ordered_cells(
        file: String,
        sheet: Option<String>,
        cells: impl IntoIterator<Item = (u32, u32, CompactString)>,
    ) -> RawTable {
        let mut rows: Vec<RawRow> = Vec::new();
        for (row, column, text) in cells {
            append(&mut rows, row, column, text);
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

/// A sheet's table built from `(row, column, text)` cells, 0-based, as a reader gives them
/// one at a time. Readers give them in row and column order nearly always, and then each
/// cell goes straight into its row: no list of every cell is held beside the table. A cell
/// out of order sends the rest to be sorted at the end, so the table is the same either way:
/// blanks dropped, rows and cells in order, the first of a duplicated cell kept.
#[derive(Default)]
pub(super) struct CellSink {
    rows: Vec<RawRow>,
    /// The last cell taken into `rows`, as the reader numbered it.
    last: Option<(u32, u32)>,
    /// Every cell since the first out of order, with those of `rows`, to be sorted.
    unordered: Option<Vec<(u32, u32, CompactString)>>,
}

impl CellSink {
    pub(super) fn push(&mut self, row: u32, column: u32, text: CompactString) {
        if text.trim().is_empty() {
            return;
        }
        if let Some(cells) = &mut self.unordered {
            cells.push((row, column, text));
            return;
        }
        if self.last.is_some_and(|last| (row, column) < last) {
            let mut cells: Vec<(u32, u32, CompactString)> = std::mem::take(&mut self.rows)
                .into_iter()
                .flat_map(|r| {
                    r.cells
                        .into_iter()
                        .map(move |c| (r.number - 1, c.column, c.text))
                })
                .collect();
            cells.push((row, column, text));
            self.unordered = Some(cells);
            return;
        }
        self.last = Some((row, column));
        append(&mut self.rows, row, column, text);
    }

    pub(super) fn finish(self, file: String, sheet: Option<String>) -> RawTable {
        match self.unordered {
            Some(mut cells) => {
                // Stable: of a duplicated cell, the first given stays first.
                cells.sort_by_key(|&(row, col, _)| (row, col));
                RawTable::from_ordered_cells(file, sheet, cells)
            }
            None => RawTable {
                file,
                sheet,
                rows: self.rows,
                merged: Vec::new(),
            },
        }
    }
}

/// Adds a cell that comes at or after the last of `rows`: to the last row or as a new one.
fn append(rows: &mut Vec<RawRow>, row: u32, column: u32, text: CompactString) {
    let number = row + 1;
    match rows.last_mut() {
        Some(last) if last.number == number => {
            if last.cells.last().map(|c| c.column) == Some(column) {
                return; // a duplicated cell record: keep the first
            }
            last.cells.push(Cell { column, text });
        }
        _ => {
            // Rows of a sheet are mostly as wide as the one before: room for that many at
            // once, where growing one cell at a time would leave up to half of it empty.
            let width = rows.last().map_or(1, |last| last.cells.len());
            let mut cells = Vec::with_capacity(width);
            cells.push(Cell { column, text });
            rows.push(RawRow { number, cells });
        }
    }
}
