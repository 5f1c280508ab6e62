//! Input: turn a file on disk (or CSV on stdin) into [`RawTable`]s of text cells.
//!
//! This stage knows nothing about teams, tasks or rubrics. It only decodes bytes into a grid
//! of text while remembering where every cell came from, so that every later message can point
//! a person at the exact cell in their own spreadsheet. Blank cells are not stored: a sheet
//! with one value at XFD1048576 costs one cell, not a dense grid.

mod delimited;
mod spreadsheet;

use std::fmt;
use std::path::{Path, PathBuf};

pub use delimited::Delimiter;

/// Where a cell lives, as the spreadsheet program shows it (rows 1-based, columns as letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<u32>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ": sheet \"{sheet}\"")?;
        }
        match (self.row, self.column) {
            (Some(row), Some(col)) => write!(f, ", cell {}{row}", column_letters(col)),
            (Some(row), None) => write!(f, ", row {row}"),
            (None, Some(col)) => write!(f, ", column {}", column_letters(col)),
            (None, None) => Ok(()),
        }
    }
}

/// Spreadsheet column name for a 0-based index: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The inverse of [`column_letters`], for user-typed column names such as `c` or `AB`.
pub fn parse_column_letters(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 3 || !text.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u64 = 0;
    for c in text.to_ascii_uppercase().bytes() {
        n = n * 26 + u64::from(c - b'A' + 1);
    }
    u32::try_from(n - 1).ok().filter(|&i| i < 16_384)
}

/// One non-empty cell's text and its 0-based column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub column: u32,
    pub text: String,
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
                    text: t.to_string(),
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
}

impl RawTable {
    pub fn location(&self, row: Option<u32>, column: Option<u32>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column,
        }
    }

    /// Collects `(row, column, text)` triples that may arrive in any order, dropping blanks.
    fn from_cells(
        file: String,
        sheet: Option<String>,
        mut cells: Vec<(u32, u32, String)>,
    ) -> RawTable {
        cells.retain(|(_, _, text)| !text.trim().is_empty());
        cells.sort_by_key(|&(row, col, _)| (row, col));
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
        RawTable { file, sheet, rows }
    }
}

/// How to pick a sheet in a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetSelector {
    Name(String),
    /// 1-based, in workbook order.
    Number(usize),
}

impl fmt::Display for SheetSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetSelector::Name(name) => write!(f, "\"{name}\""),
            SheetSelector::Number(n) => write!(f, "number {n}"),
        }
    }
}

/// Where the input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File(PathBuf),
}

impl InputPath {
    pub fn display_name(&self) -> String {
        match self {
            InputPath::Stdin => "<stdin>".to_string(),
            InputPath::File(path) => path.display().to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{file}: no such file; check the path")]
    NotFound { file: String },
    #[error(
        "{file}: is a directory; pass a spreadsheet file (xlsx, xlsm, xls, xlsb, ods, csv, tsv)"
    )]
    IsDirectory { file: String },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: unsupported file type \"{extension}\"; use xlsx, xlsm, xls, xlsb, ods, csv, tsv or txt"
    )]
    UnsupportedType { file: String, extension: String },
    #[error("{file}: the workbook is password protected; save an unprotected copy and audit that")]
    Encrypted { file: String },
    #[error("{file}: not a readable {kind} workbook ({detail}); check that the file is not damaged and that its extension matches its format")]
    Corrupt {
        file: String,
        kind: &'static str,
        detail: String,
    },
    #[error("{location}: cannot read the sheet ({detail}); the file may be damaged")]
    CorruptSheet { location: Location, detail: String },
    #[error("{file}: the workbook has no worksheets")]
    NoSheets { file: String },
    #[error("{file}: no sheet {wanted}; sheets are: {available}")]
    UnknownSheet {
        file: String,
        wanted: SheetSelector,
        available: String,
    },
    #[error("{location}: malformed delimited text: {detail}")]
    Delimited { location: Location, detail: String },
}

/// An opened input: a CSV/TSV file (one unnamed sheet) or a workbook with named sheets.
pub struct Workbook {
    name: String,
    source: Source,
}

enum Source {
    Delimited(RawTable),
    Spreadsheet(Box<spreadsheet::Spreadsheet>),
}

/// The two families of input this tool reads, chosen from the file extension.
enum Family {
    Delimited(Option<Delimiter>),
    Spreadsheet(spreadsheet::Kind),
}

fn family_of(path: &Path, name: &str) -> Result<Family, InputError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Ok(match extension.as_str() {
        "csv" => Family::Delimited(None),
        // Excel's "Unicode text" export is tab-separated and named .txt; sniff those too.
        "txt" => Family::Delimited(None),
        "tsv" | "tab" => Family::Delimited(Some(Delimiter::Tab)),
        other => match spreadsheet::Kind::from_extension(other) {
            Some(kind) => Family::Spreadsheet(kind),
            None => {
                return Err(InputError::UnsupportedType {
                    file: name.to_string(),
                    extension: if other.is_empty() {
                        "(none)".into()
                    } else {
                        other.into()
                    },
                })
            }
        },
    })
}

impl Workbook {
    pub fn open(input: &InputPath) -> Result<Workbook, InputError> {
        let name = input.display_name();
        let source = match input {
            InputPath::Stdin => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(
                    |source| InputError::Io {
                        file: name.clone(),
                        source,
                    },
                )?;
                Source::Delimited(delimited::parse(&name, &bytes, None)?)
            }
            InputPath::File(path) => {
                let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
                    std::io::ErrorKind::NotFound => InputError::NotFound { file: name.clone() },
                    _ => InputError::Io {
                        file: name.clone(),
                        source,
                    },
                })?;
                if metadata.is_dir() {
                    return Err(InputError::IsDirectory { file: name });
                }
                match family_of(path, &name)? {
                    Family::Delimited(delimiter) => {
                        let bytes = std::fs::read(path).map_err(|source| InputError::Io {
                            file: name.clone(),
                            source,
                        })?;
                        Source::Delimited(delimited::parse(&name, &bytes, delimiter)?)
                    }
                    Family::Spreadsheet(kind) => Source::Spreadsheet(Box::new(
                        spreadsheet::Spreadsheet::open(path, &name, kind)?,
                    )),
                }
            }
        };
        Ok(Workbook { name, source })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sheet names in workbook order; CSV has one sheet with no name.
    pub fn sheet_names(&self) -> Vec<Option<String>> {
        match &self.source {
            Source::Delimited(_) => vec![None],
            Source::Spreadsheet(book) => book.sheet_names().into_iter().map(Some).collect(),
        }
    }

    /// Resolves `--sheet` to an index into [`Workbook::sheet_names`].
    pub fn find_sheet(&self, wanted: &SheetSelector) -> Result<usize, InputError> {
        let names = self.sheet_names();
        let found = match wanted {
            SheetSelector::Number(n) => n.checked_sub(1).filter(|&i| i < names.len()),
            SheetSelector::Name(name) => names
                .iter()
                .position(|n| n.as_deref() == Some(name.as_str()))
                .or_else(|| {
                    names.iter().position(|n| {
                        n.as_deref()
                            .is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim()))
                    })
                }),
        };
        found.ok_or_else(|| InputError::UnknownSheet {
            file: self.name.clone(),
            wanted: wanted.clone(),
            available: names
                .iter()
                .map(|n| format!("\"{}\"", n.as_deref().unwrap_or("(csv)")))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    pub fn read_sheet(&mut self, index: usize) -> Result<RawTable, InputError> {
        match &mut self.source {
            Source::Delimited(table) => Ok(table.clone()),
            Source::Spreadsheet(book) => book.read_sheet(index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (index, letters) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (16_383, "XFD"),
        ] {
            assert_eq!(column_letters(index), letters);
            assert_eq!(parse_column_letters(letters), Some(index));
        }
        assert_eq!(parse_column_letters("c"), Some(2));
        assert_eq!(parse_column_letters("XFE"), None);
        assert_eq!(parse_column_letters("Name"), None);
        assert_eq!(parse_column_letters(""), None);
    }

    #[test]
    fn from_cells_sorts_and_drops_blanks() {
        let table = RawTable::from_cells(
            "f".into(),
            None,
            vec![
                (2, 1, "b".into()),
                (0, 0, "a".into()),
                (2, 0, "  ".into()),
                (2, 0, "c".into()),
            ],
        );
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].number, 1);
        assert_eq!(table.rows[1].number, 3);
        assert_eq!(table.rows[1].get(0), Some("c"));
        assert_eq!(table.rows[1].get(1), Some("b"));
        assert_eq!(table.rows[1].get(2), None);
    }

    #[test]
    fn location_reads_like_a_spreadsheet() {
        let loc = Location {
            file: "team.xlsx".into(),
            sheet: Some("Q3".into()),
            row: Some(14),
            column: Some(2),
        };
        assert_eq!(loc.to_string(), "team.xlsx: sheet \"Q3\", cell C14");
    }
}
