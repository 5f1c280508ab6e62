//! Workbooks through calamine. A workbook is read by what its first bytes say it is where
//! they contradict its extension (an xlsx saved as .xls or .csv, an old xls renamed .xlsx).
//!
//! xlsx and xlsb are read with the streaming cell reader, never as a dense range: a valid
//! 2 KB file with one cell at XFD1048576 would otherwise ask for hundreds of gigabytes. xls is
//! bounded by its format (65,536 x 256) and ods by calamine's own cell cap and by the repeat
//! counts [`super::ods_scan`] holds to the caps before calamine opens it, so those use ranges.
//!
//! Merged ranges fill with their top-left value ([`RawTable::fill_merged`]): xlsx/xlsm and
//! xls through calamine's `merge_cells_by_sheet_name`, ods through [`super::ods_scan`]
//! (calamine has no ods merge API). xlsb merges are not read: calamine has no API for them
//! either, so an xlsb sheet's merged cells stay blank below and right of their value.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, DataRef, Dimensions, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use compact_str::{CompactString, ToCompactString};

use super::limits::{Budget, Exceeded};
use super::ods_scan::{self, ScanError};
use super::{CellRange, InputError, Limit, Limits, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Kind {
    pub(super) fn from_extension(extension: &str) -> Option<Kind> {
        Some(match extension {
            "xlsx" | "xlsm" | "xltx" | "xltm" => Kind::Xlsx,
            "xlsb" => Kind::Xlsb,
            "xls" | "xlt" => Kind::Xls,
            "ods" => Kind::Ods,
            _ => return None,
        })
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xlsb => "xlsb",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
        }
    }
}

pub(super) struct Spreadsheet {
    name: String,
    path: PathBuf,
    book: Sheets<BufReader<File>>,
    /// ods only: every sheet's merged ranges, scanned before calamine opened the workbook,
    /// or why the scan could not read them; empty for the other kinds.
    ods_merges: Result<HashMap<String, Vec<CellRange>>, String>,
    limits: Limits,
}

fn is_password_error(error: &calamine::Error) -> bool {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    matches!(
        error,
        Error::Xlsx(XlsxError::Password)
            | Error::Xlsb(XlsbError::Password)
            | Error::Xls(XlsError::Password)
            | Error::Ods(OdsError::Password)
    )
}

/// calamine's messages repeat the reader name ("Xlsx error: Zip error: ..."); keep the cause.
fn detail(error: &calamine::Error) -> String {
    let text = error.to_string();
    let text = text
        .split_once(" error: ")
        .map(|(_, rest)| rest.to_string())
        .unwrap_or(text);
    text.lines().next().unwrap_or_default().to_string()
}

impl Spreadsheet {
    pub(super) fn open(
        path: &Path,
        name: &str,
        kind: Kind,
        limits: &Limits,
    ) -> Result<Spreadsheet, InputError> {
        let signature = Signature::of(path);
        // Whatever the extension says, a zip is read by what it holds.
        let kind = match signature {
            Signature::Zip => check_zip(path, name, limits)?.unwrap_or(kind),
            _ => kind,
        };
        // calamine expands an ods's repeats as it opens it: they are counted first. A scan
        // that cannot read the file leaves the verdict to calamine, which names the damage
        // (or the password) better; what it found is told sheet by sheet should calamine
        // read the file all the same.
        let ods_merges = match kind {
            Kind::Ods => match ods_scan::scan(path, limits) {
                Ok(sheets) => Ok(sheets),
                Err(ScanError::Unreadable(detail)) => Err(detail),
                Err(ScanError::Limit {
                    sheet,
                    row,
                    column,
                    exceeded,
                }) => {
                    let location = Location {
                        file: name.to_string(),
                        sheet: Some(sheet),
                        row: Some(row),
                        column: Some(column),
                    };
                    return Err(InputError::limit(location, exceeded, limits));
                }
            },
            _ => Ok(HashMap::new()),
        };
        let book = match signature {
            // An xls under a newer name, or a password-protected OOXML workbook, which is
            // a compound file too and which only the named reader recognises.
            Signature::Compound if kind != Kind::Xls => {
                open_as(path, name, kind).or_else(|error| match error {
                    InputError::Encrypted { .. } => Err(error),
                    _ => open_as(path, name, Kind::Xls).map_err(|_| error),
                })?
            }
            _ => open_as(path, name, kind)?,
        };
        let spreadsheet = Spreadsheet {
            name: name.to_string(),
            path: path.to_path_buf(),
            book,
            ods_merges,
            limits: *limits,
        };
        let sheets = spreadsheet.sheet_names().len();
        if sheets == 0 {
            return Err(InputError::NoSheets {
                file: name.to_string(),
            });
        }
        if sheets > limits.max_sheets {
            return Err(InputError::limit(
                Location::file(name),
                Exceeded {
                    limit: Limit::Sheets,
                    found: Some(sheets as u64),
                },
                limits,
            ));
        }
        Ok(spreadsheet)
    }

    /// Worksheets only: chart sheets and other non-grid sheets are left out.
    pub(super) fn sheet_names(&self) -> Vec<String> {
        self.book
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Reads one sheet, handing each cell to `cell` as `(row, column, text)`, 0-based, as
    /// the parser gives it, and returns the sheet's merged ranges. Cells handed over before
    /// an error belong to no table: the caller drops them.
    pub(super) fn read_sheet(
        &mut self,
        index: usize,
        cell: &mut dyn FnMut(u32, u32, CompactString),
    ) -> Result<Vec<CellRange>, InputError> {
        let names = self.sheet_names();
        let Some(sheet) = names.get(index).cloned() else {
            return Err(InputError::NoSheets {
                file: self.name.clone(),
            });
        };
        let location = |row: Option<u32>, column: Option<u32>| Location {
            file: self.name.clone(),
            sheet: Some(sheet.clone()),
            row,
            column,
        };
        let corrupt = |detail: String| InputError::CorruptSheet {
            location: location(None, None),
            detail,
        };
        let limits = self.limits;
        let mut budget = Budget::new(limits);
        // Takes a cell into the workbook's budget and hands it on, or names it as the one
        // past a cap.
        let mut take = |row: u32, column: u32, text: CompactString| {
            budget
                .take_cell(&text)
                .map(|()| cell(row, column, text))
                .map_err(|exceeded| {
                    InputError::limit(
                        location(Some(row.saturating_add(1)), Some(column)),
                        exceeded,
                        &limits,
                    )
                })
        };
        let merges = match &mut self.book {
            Sheets::Xlsx(book) => {
                // mergeCells comes after sheetData, so calamine reads the sheet's XML a
                // second time for them. That pass runs on a second handle on the file, beside
                // the cell reading, where it costs no wall time on a machine with two cores.
                let path = &self.path;
                std::thread::scope(|scope| {
                    let merges = scope.spawn(|| xlsx_merges(path, &sheet));
                    let mut reader = book
                        .worksheet_cells_reader(&sheet)
                        .map_err(|e| corrupt(detail(&calamine::Error::Xlsx(e))))?;
                    while let Some(cell) = reader
                        .next_cell()
                        .map_err(|e| corrupt(detail(&calamine::Error::Xlsx(e))))?
                    {
                        let (row, column) = cell.get_position();
                        take(row, column, data_ref_text(cell.get_value()))?;
                    }
                    // calamine can panic on a damaged range (a reversed "C1:A1" does, in a
                    // build with overflow checks); the cells are read by then, so such a
                    // sheet is read without its merges.
                    let merges = merges
                        .join()
                        .unwrap_or_else(|_| Ok(Vec::new()))
                        .map_err(|e| corrupt(detail(&calamine::Error::Xlsx(e))))?;
                    Ok(ranges(&merges))
                })?
            }
            Sheets::Xlsb(book) => {
                let mut reader = book
                    .worksheet_cells_reader(&sheet)
                    .map_err(|e| corrupt(detail(&calamine::Error::Xlsb(e))))?;
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| corrupt(detail(&calamine::Error::Xlsb(e))))?
                {
                    let (row, column) = cell.get_position();
                    take(row, column, data_ref_text(cell.get_value()))?;
                }
                Vec::new()
            }
            Sheets::Xls(_) | Sheets::Ods(_) => {
                let merges = match &self.book {
                    Sheets::Xls(book) => ranges(
                        &book
                            .merge_cells_by_sheet_name(&sheet)
                            .map_err(|e| corrupt(detail(&calamine::Error::Xls(e))))?,
                    ),
                    _ => match &self.ods_merges {
                        Ok(sheets) => sheets.get(&sheet).cloned().unwrap_or_default(),
                        Err(detail) => return Err(corrupt(format!("merged cells: {detail}"))),
                    },
                };
                let range = self
                    .book
                    .worksheet_range(&sheet)
                    .map_err(|e| corrupt(detail(&e)))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (row, column, value) in range.cells() {
                    if matches!(value, Data::Empty) {
                        continue;
                    }
                    let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
                    let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
                    take(row, column, data_text(value))?;
                }
                merges
            }
        };
        Ok(merges)
    }
}

/// An xlsx sheet's merged ranges, read through a handle of their own.
fn xlsx_merges(path: &Path, sheet: &str) -> Result<Vec<calamine::Dimensions>, calamine::XlsxError> {
    let mut book: calamine::Xlsx<BufReader<File>> = calamine::open_workbook(path)?;
    book.merge_cells_by_sheet_name(sheet)
}

/// What a file's first bytes say it is.
pub(super) enum Signature {
    Zip,
    /// An OLE compound file: xls, or an encrypted OOXML workbook.
    Compound,
    Other,
}

impl Signature {
    pub(super) fn of(path: &Path) -> Signature {
        use std::io::Read;
        let mut magic = Vec::with_capacity(8);
        match File::open(path).and_then(|file| file.take(8).read_to_end(&mut magic)) {
            Ok(_) => Signature::of_bytes(&magic),
            Err(_) => Signature::Other,
        }
    }

    pub(super) fn of_bytes(bytes: &[u8]) -> Signature {
        match bytes {
            [0x50, 0x4B, 0x03, 0x04, ..] => Signature::Zip,
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => Signature::Compound,
            _ => Signature::Other,
        }
    }

    /// The reader a workbook with this signature opens with when its name names none (a
    /// `.csv` that holds an xlsx): a zip's parts then say which it is ([`Spreadsheet::open`]).
    pub(super) fn workbook_kind(&self) -> Option<Kind> {
        match self {
            Signature::Zip => Some(Kind::Xlsx),
            Signature::Compound => Some(Kind::Xls),
            Signature::Other => None,
        }
    }
}

fn open_as(path: &Path, name: &str, kind: Kind) -> Result<Sheets<BufReader<File>>, InputError> {
    let opened: Result<Sheets<BufReader<File>>, calamine::Error> = match kind {
        Kind::Xlsx => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Kind::Xlsb => open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        Kind::Xls => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        Kind::Ods => open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
    };
    opened.map_err(|error| {
        if is_password_error(&error) {
            InputError::Encrypted {
                file: name.to_string(),
            }
        } else {
            InputError::Corrupt {
                file: name.to_string(),
                kind: kind.label(),
                detail: detail(&error),
            }
        }
    })
}

/// Looks into a zip's directory, before any entry is inflated: refuses one whose entries
/// claim to unpack past [`Limits::max_input_bytes`] (a bomb that lies about its sizes is
/// stopped by the zip reader, which reads no further than the declared size), and says
/// which workbook format its parts make, if any.
fn check_zip(path: &Path, name: &str, limits: &Limits) -> Result<Option<Kind>, InputError> {
    let file = File::open(path).map_err(|source| InputError::Io {
        file: name.to_string(),
        source,
    })?;
    // A damaged zip: calamine names the problem better.
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(None);
    };
    let kind = if archive.index_for_name("xl/workbook.bin").is_some() {
        Some(Kind::Xlsb)
    } else if archive.index_for_name("xl/workbook.xml").is_some() {
        Some(Kind::Xlsx)
    } else if archive.index_for_name("content.xml").is_some() {
        Some(Kind::Ods)
    } else {
        None
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(index) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > limits.max_input_bytes {
        return Err(InputError::limit(
            Location::file(name),
            Exceeded {
                limit: Limit::InputBytes,
                found: Some(total),
            },
            limits,
        ));
    }
    Ok(kind)
}

fn ranges(merges: &[Dimensions]) -> Vec<CellRange> {
    merges
        .iter()
        .map(|d| CellRange::from_corners(d.start, d.end))
        .collect()
}

fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn date_text(value: &calamine::ExcelDateTime) -> String {
    if value.is_duration() {
        return number_text(value.as_f64());
    }
    let (y, m, d, hh, mm, ss, _) = value.to_ymd_hms_milli();
    if value.as_f64().fract() == 0.0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

/// Text as a person would read the cell. Error cells (#REF!, #N/A) become empty: they carry
/// no task or name, and keeping their code would only look like data.
fn data_text(value: &Data) -> CompactString {
    match value {
        Data::Int(i) => i.to_compact_string(),
        Data::Float(f) => number_text(*f).into(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.as_str().into(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => date_text(dt).into(),
        Data::Error(_) | Data::Empty => CompactString::default(),
    }
}

fn data_ref_text(value: &DataRef<'_>) -> CompactString {
    match value {
        DataRef::SharedString(s) => (*s).into(),
        DataRef::Int(i) => i.to_compact_string(),
        DataRef::Float(f) => number_text(*f).into(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.as_str().into(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(dt) => date_text(dt).into(),
        DataRef::Error(_) | DataRef::Empty => CompactString::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_read_from_as_many_bytes_as_there_are() {
        let kind = |bytes: &[u8]| Signature::of_bytes(bytes).workbook_kind();
        assert_eq!(kind(b"PK\x03\x04"), Some(Kind::Xlsx));
        assert_eq!(kind(b"PK\x03\x04\x14\x00\x06\x00more"), Some(Kind::Xlsx));
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Kind::Xls)
        );
        // Seven bytes of the compound signature, a CSV, nothing: not workbooks.
        assert_eq!(kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A]), None);
        assert_eq!(kind(b"Name,Title,Task\n"), None);
        assert_eq!(kind(b""), None);
    }
}
