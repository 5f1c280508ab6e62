//! Input: turn a file on disk (or CSV on stdin) into [`RawTable`]s of text cells.
//!
//! This stage knows nothing about teams, tasks or rubrics. It only decodes bytes into a grid
//! of text while remembering where every cell came from, so that every later message can point
//! a person at the exact cell in their own spreadsheet. Blank cells are not stored: a sheet
//! with one value at XFD1048576 costs one cell, not a dense grid.
//!
//! A merged cell's value fills its merged range ([`RawTable::fill_merged`]): a name merged
//! down over three task rows names all three. Merges come from xlsx/xlsm and xls through
//! calamine, and from ods through a small scanner of `content.xml` (`ods_scan`); xlsb
//! merges are not read (calamine has no API for them), and CSV has none.

mod delimited;
mod identity;
mod isolated;
mod limits;
mod ods_scan;
mod spreadsheet;

use std::fmt;
use std::path::{Path, PathBuf};

use compact_str::CompactString;

pub use delimited::Delimiter;
pub use identity::{ReadFiles, Role as ReadRole};
pub use isolated::{serve as serve_worker, WORKER_COMMAND};
pub use limits::{Limit, Limits};

/// Reads CSV or TSV bytes (any encoding a spreadsheet program writes) as one sheet named
/// `name`, within `limits`: the entry point for text that did not come from a file.
pub fn parse_delimited(
    name: &str,
    bytes: &[u8],
    delimiter: Option<Delimiter>,
    limits: &Limits,
) -> Result<RawTable, InputError> {
    delimited::parse(name, delimited::Source::Bytes(bytes), delimiter, limits)
}

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
    fn from_cells(
        file: String,
        sheet: Option<String>,
        mut cells: Vec<(u32, u32, CompactString)>,
    ) -> RawTable {
        cells.retain(|(_, _, text)| !text.trim().is_empty());
        cells.sort_by_key(|&(row, col, _)| (row, col));
        RawTable::from_ordered_cells(file, sheet, cells)
    }

    /// Collects non-blank `(row, column, text)` triples already in row and column order.
    fn from_ordered_cells(
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

    /// A cell's text; rows are kept in sheet order, so the row is found by halving.
    pub fn text_at(&self, row: u32, column: u32) -> Option<&str> {
        let index = self.rows.binary_search_by_key(&row, |r| r.number).ok()?;
        self.rows[index].get(column)
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

    /// The file's name without its folder ("-" for standard input).
    pub fn file_name(&self) -> String {
        match self {
            InputPath::Stdin => "-".to_string(),
            InputPath::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
        }
    }

    /// The file's size and SHA-256 in hex, read apart from the parser (which may run in a
    /// child process); `None` for standard input, which can be read only once.
    pub fn digest(&self) -> Result<Option<(u64, String)>, InputError> {
        use sha2::{Digest, Sha256};
        let InputPath::File(path) = self else {
            return Ok(None);
        };
        let io = |source| InputError::Io {
            file: path.display().to_string(),
            source,
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let read = match std::io::Read::read(&mut file, &mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io(e)),
            };
            hasher.update(&buffer[..read]);
            bytes += read as u64;
        }
        let hex = hasher
            .finalize()
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{byte:02x}");
                hex
            });
        Ok(Some((bytes, hex)))
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
    #[error("{location}: {what}, over the cap of {cap} {limit}; raise it with {flag} if the file is trusted", flag = limit.flag())]
    Limit {
        location: Location,
        limit: Limit,
        /// What the input asked for, in words.
        what: String,
        cap: String,
    },
    #[error("{file}: is not a regular file (a pipe, socket or device); save it as a file, or pipe CSV into `rolecall audit -`")]
    NotARegularFile { file: String },
    #[error("{file}: holds a workbook (xlsx, xlsb, xls or ods), and standard input is read as CSV text; pass the workbook's path instead")]
    WorkbookOnStdin { file: String },
}

impl InputError {
    pub(crate) fn limit(location: Location, exceeded: limits::Exceeded, limits: &Limits) -> Self {
        let what = match (exceeded.limit, exceeded.found) {
            (Limit::CellChars, Some(found)) => format!("a cell holds {found} characters"),
            (Limit::Sheets, Some(found)) => format!("the workbook has {found} sheets"),
            (Limit::RepeatedCells, Some(found)) => {
                format!("repeated rows and cells add {found} cells")
            }
            (Limit::InputBytes, Some(found)) => {
                format!("the input unpacks to {} MB", found.div_ceil(1024 * 1024))
            }
            (Limit::InputBytes, None) => "the input is larger".to_string(),
            (Limit::Memory, _) => "reading needed more memory".to_string(),
            (Limit::Time, _) => "reading took longer".to_string(),
            (limit, _) => format!("the input has more {limit}"),
        };
        InputError::Limit {
            location,
            limit: exceeded.limit,
            what,
            cap: exceeded.limit.value(limits),
        }
    }
}

/// Reads a whole text input, stopping as soon as it passes [`Limits::max_input_bytes`]
/// rather than after (stdin may never end).
fn read_capped(
    reader: impl std::io::Read,
    name: &str,
    limits: &Limits,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(reader, limits.max_input_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|source| InputError::Io {
        file: name.to_string(),
        source,
    })?;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(InputError::limit(
            Location::file(name),
            limits::Exceeded {
                limit: Limit::InputBytes,
                found: None,
            },
            limits,
        ));
    }
    Ok(bytes)
}

/// An opened input, every sheet already read: a CSV/TSV file is one sheet with no name.
pub struct Workbook {
    name: String,
    sheets: Vec<Sheet>,
}

struct Sheet {
    name: Option<String>,
    /// `None` once taken.
    table: Option<Result<RawTable, InputError>>,
}

impl Sheet {
    fn unnamed(table: Result<RawTable, InputError>) -> Sheet {
        Sheet {
            name: None,
            table: Some(table),
        }
    }
}

/// Where a workbook is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// In a child process running this executable (which must answer
    /// [`WORKER_COMMAND`] by calling [`serve_worker`]), under the memory and time caps: no
    /// file can take rolecall down, whatever it does to the parser.
    Child(PathBuf),
    /// In this process, for callers that trust their files: the caps checked while reading
    /// (cells, cell length, input size, sheets) hold, memory and time are not capped.
    InProcess,
}

/// The two families of input this tool reads.
enum Family {
    Delimited(Option<Delimiter>),
    Spreadsheet(spreadsheet::Kind),
}

/// The family by the file's name, except that a zip or compound file named as text (an xlsx
/// saved as `team.csv`, an ods as `.tsv`) is a workbook: its bytes would only read as
/// garbage. Workbook names are sniffed again when opened (`Spreadsheet::open`); an unknown
/// extension stays refused, whatever the file holds.
fn family_of(path: &Path, name: &str) -> Result<Family, InputError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let delimiter = match extension.as_str() {
        // Excel's "Unicode text" export is tab-separated and named .txt; sniff those too.
        "csv" | "txt" => None,
        "tsv" | "tab" => Some(Delimiter::Tab),
        other => {
            return match spreadsheet::Kind::from_extension(other) {
                Some(kind) => Ok(Family::Spreadsheet(kind)),
                None => Err(InputError::UnsupportedType {
                    file: name.to_string(),
                    extension: if other.is_empty() {
                        "(none)".into()
                    } else {
                        other.into()
                    },
                }),
            }
        }
    };
    Ok(match spreadsheet::Signature::of(path).workbook_kind() {
        Some(kind) => Family::Spreadsheet(kind),
        None => Family::Delimited(delimiter),
    })
}

impl Workbook {
    pub fn open(
        input: &InputPath,
        limits: &Limits,
        isolation: &Isolation,
    ) -> Result<Workbook, InputError> {
        let name = input.display_name();
        let sheets = match input {
            InputPath::Stdin => {
                let bytes = read_capped(std::io::stdin().lock(), &name, limits)?;
                // The workbook parser reads files (in a child process, under its caps), not
                // a pipe: a workbook piped in is named for what it is, not read as text.
                if spreadsheet::Signature::of_bytes(&bytes)
                    .workbook_kind()
                    .is_some()
                {
                    return Err(InputError::WorkbookOnStdin { file: name });
                }
                vec![Sheet::unnamed(delimited::parse(
                    &name,
                    delimited::Source::Bytes(&bytes),
                    None,
                    limits,
                ))]
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
                // Opening a FIFO would wait for a writer forever, and a device never ends.
                if !metadata.is_file() {
                    return Err(InputError::NotARegularFile { file: name });
                }
                match family_of(path, &name)? {
                    Family::Delimited(delimiter) => {
                        // Refused by its size before a byte is read; within it, the text
                        // streams through the parser and costs only its non-blank cells.
                        if metadata.len() > limits.max_input_bytes {
                            return Err(InputError::Limit {
                                location: Location::file(&name),
                                limit: Limit::InputBytes,
                                what: format!("the file is {} bytes", metadata.len()),
                                cap: Limit::InputBytes.value(limits),
                            });
                        }
                        vec![Sheet::unnamed(delimited::parse(
                            &name,
                            delimited::Source::File(path),
                            delimiter,
                            limits,
                        ))]
                    }
                    Family::Spreadsheet(kind) => {
                        let sheets = match isolation {
                            Isolation::Child(exe) => {
                                isolated::read_in_child(exe, path, &name, kind, limits)?
                            }
                            Isolation::InProcess => isolated::read_here(path, &name, kind, limits)?,
                        };
                        sheets
                            .into_iter()
                            .map(|sheet| Sheet {
                                name: Some(sheet.name),
                                table: Some(sheet.table),
                            })
                            .collect()
                    }
                }
            }
        };
        Ok(Workbook { name, sheets })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sheet names in workbook order; CSV has one sheet with no name.
    pub fn sheet_names(&self) -> Vec<Option<String>> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
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

    /// Hands over one sheet's cells, or why they could not be read. Each sheet is handed
    /// over once, so a large sheet is never copied.
    pub fn take_sheet(&mut self, index: usize) -> Result<RawTable, InputError> {
        self.sheets
            .get_mut(index)
            .and_then(|sheet| sheet.table.take())
            .unwrap_or_else(|| {
                Err(InputError::NoSheets {
                    file: self.name.clone(),
                })
            })
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

    fn cr(top: u32, left: u32, bottom: u32, right: u32) -> CellRange {
        CellRange {
            top,
            left,
            bottom,
            right,
        }
    }

    fn table(rows: &[(u32, &[&str])]) -> RawTable {
        RawTable {
            file: "t.xlsx".into(),
            sheet: Some("S".into()),
            rows: rows
                .iter()
                .map(|(number, texts)| RawRow::from_texts(*number, texts))
                .collect(),
            merged: Vec::new(),
        }
    }

    fn texts(table: &RawTable) -> Vec<(u32, Vec<(u32, &str)>)> {
        table
            .rows
            .iter()
            .map(|r| {
                (
                    r.number,
                    r.cells
                        .iter()
                        .map(|c| (c.column, c.text.as_str()))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn cell_range_reads_and_serializes_as_spreadsheet_notation() {
        let range = cr(1, 0, 1, 7);
        assert_eq!(range.to_string(), "A1:H1");
        assert_eq!(cr(3, 26, 12, 27).to_string(), "AA3:AB12");
        assert_eq!(
            serde_json::to_string(&vec![range]).ok().as_deref(),
            Some(r#"["A1:H1"]"#)
        );
        // calamine's 0-based corners, swapped in a damaged file, come out in order.
        assert_eq!(CellRange::from_corners((4, 3), (0, 1)), cr(1, 1, 5, 3));
    }

    #[test]
    fn merged_value_fills_blank_cells_of_its_range() {
        let mut t = table(&[
            (1, &["Banner"]),
            (3, &["Name", "Title", "Task"]),
            (4, &["Ana", "PM", "Roadmap"]),
            (5, &["", "", "Interviews"]),
            (6, &["Wei", "TPM", "Own text", "x"]),
        ]);
        // The name over rows 4-6 keeps Wei's own text; the title over rows 4-5; the banner.
        t.fill_merged(&[cr(4, 0, 6, 0), cr(4, 1, 5, 1), cr(1, 0, 1, 3)]);
        assert_eq!(
            texts(&t),
            vec![
                (
                    1,
                    vec![(0, "Banner"), (1, "Banner"), (2, "Banner"), (3, "Banner")]
                ),
                (3, vec![(0, "Name"), (1, "Title"), (2, "Task")]),
                (4, vec![(0, "Ana"), (1, "PM"), (2, "Roadmap")]),
                (5, vec![(0, "Ana"), (1, "PM"), (2, "Interviews")]),
                (6, vec![(0, "Wei"), (1, "TPM"), (2, "Own text"), (3, "x")]),
            ]
        );
        assert_eq!(
            t.merged,
            vec![cr(1, 0, 1, 3), cr(4, 0, 6, 0), cr(4, 1, 5, 1)]
        );
    }

    #[test]
    fn merges_create_missing_rows_and_keep_columns_sorted() {
        let mut t = table(&[(2, &["", "Owner", "", "Task"]), (5, &["", "", "", "x"])]);
        t.fill_merged(&[cr(2, 1, 4, 2)]);
        assert_eq!(
            texts(&t),
            vec![
                (2, vec![(1, "Owner"), (2, "Owner"), (3, "Task")]),
                (3, vec![(1, "Owner"), (2, "Owner")]),
                (4, vec![(1, "Owner"), (2, "Owner")]),
                (5, vec![(3, "x")]),
            ]
        );
        assert_eq!(t.merged, vec![cr(2, 1, 4, 2)]);
    }

    #[test]
    fn merges_clip_to_the_used_extent() {
        let mut t = table(&[(1, &["Title"]), (3, &["a", "b", "c"])]);
        // A1:XFD1048576 fills only A1:C3; a merge starting outside the data fills nothing.
        t.fill_merged(&[
            cr(1, 0, 1_048_576, 16_383),
            cr(10, 0, 20, 5),
            cr(1, 3, 2, 9),
        ]);
        assert_eq!(t.merged, vec![cr(1, 0, 3, 2)]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].get(2), Some("Title"));
        assert_eq!(t.rows[2].get(0), Some("a"), "the cell's own text stays");
        assert_eq!(t.rows[2].get(3), None);
    }

    #[test]
    fn blank_top_left_or_nothing_to_fill_is_not_listed() {
        let mut t = table(&[(1, &["", "b"]), (2, &["c", "d"])]);
        let before = t.clone();
        // Blank top-left; every cell already full; clipped down to one cell.
        t.fill_merged(&[cr(1, 0, 2, 0), cr(1, 1, 2, 1), cr(2, 1, 2, 5)]);
        assert_eq!(t, before);
        assert!(t.merged.is_empty());
        let mut empty = table(&[]);
        empty.fill_merged(&[cr(1, 0, 5, 5)]);
        assert!(empty.rows.is_empty() && empty.merged.is_empty());
    }

    #[test]
    fn overlapping_merges_do_not_chain_and_the_earlier_wins() {
        // A1:C1 fills C1, but C1:D2 read C1 as blank before filling, so it fills nothing.
        let mut t = table(&[(1, &["A", "", "", ""]), (2, &["", "", "", "z"])]);
        t.fill_merged(&[cr(1, 2, 2, 3), cr(1, 0, 1, 2)]);
        assert_eq!(
            texts(&t),
            vec![(1, vec![(0, "A"), (1, "A"), (2, "A")]), (2, vec![(3, "z")]),]
        );
        assert_eq!(t.merged, vec![cr(1, 0, 1, 2)]);

        // A1:B2 and B1:B3 both cover B2; A1:B2 comes first in sheet order.
        let mut t = table(&[(1, &["A", "B"]), (3, &["", "", "c"])]);
        t.fill_merged(&[cr(1, 1, 3, 1), cr(1, 0, 2, 1)]);
        assert_eq!(
            texts(&t),
            vec![
                (1, vec![(0, "A"), (1, "B")]),
                (2, vec![(0, "A"), (1, "A")]),
                (3, vec![(1, "B"), (2, "c")]),
            ]
        );
        assert_eq!(t.merged, vec![cr(1, 0, 2, 1), cr(1, 1, 3, 1)]);
    }

    #[test]
    fn fill_stops_at_the_cell_cap() {
        // A used extent of 2,000 x 1,000: a 2,000 x 600 merge (1.2M cells) is over the cap,
        // a smaller one after it still fills.
        let mut t = table(&[(1, &["big", "", "small"])]);
        t.rows.push(RawRow {
            number: 2_000,
            cells: vec![Cell {
                column: 999,
                text: "corner".into(),
            }],
        });
        t.fill_merged(&[cr(1, 0, 2_000, 599), cr(1, 2, 3, 2)]);
        assert_eq!(t.merged, vec![cr(1, 2, 3, 2)]);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[0].get(1), None, "the big merge is left unfilled");
        assert_eq!(t.rows[2].get(2), Some("small"));

        // Exactly at the cap fills: 1,000 x 1,000 cells is the top-left plus 999,999.
        let mut t = table(&[(1, &["big"])]);
        t.rows.push(RawRow {
            number: 1_000,
            cells: vec![Cell {
                column: 999,
                text: "corner".into(),
            }],
        });
        t.fill_merged(&[cr(1, 0, 1_000, 999)]);
        assert_eq!(t.merged, vec![cr(1, 0, 1_000, 999)]);
        let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
        assert_eq!(cells, 1_000_000);
        assert_eq!(t.rows[999].get(999), Some("corner"));
    }

    #[test]
    fn fill_stops_at_the_byte_cap() {
        // 300 copies of a 1 MB text would be 300 MB.
        let long = "x".repeat(1024 * 1024);
        let mut t = table(&[(1, &[long.as_str()]), (2, &["", "short"])]);
        t.rows[1].cells[0].column = 300;
        t.fill_merged(&[cr(1, 0, 1, 300), cr(2, 0, 2, 1)]);
        assert!(t.merged.is_empty(), "{:?}", t.merged);
        assert_eq!(t.rows[0].cells.len(), 1);
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
