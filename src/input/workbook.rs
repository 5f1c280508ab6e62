//! An opened input with every sheet already read, whichever reader read it and wherever
//! (here, or in a capped child process), and the way a sheet is picked from it.

use std::fmt;
use std::path::PathBuf;

use super::delimited;
use super::error::InputError;
use super::family::{family_of, Family};
use super::isolated;
use super::limits::{self, Limit, Limits};
use super::location::Location;
use super::source::InputPath;
use super::spreadsheet;
use super::table::RawTable;

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
    /// [`WORKER_COMMAND`](super::WORKER_COMMAND) by calling
    /// [`serve_worker`](super::serve_worker)), under the memory and time caps: no file can
    /// take rolecall down, whatever it does to the parser.
    Child(PathBuf),
    /// In this process, for callers that trust their files: the caps checked while reading
    /// (cells, cell length, input size, sheets) hold, memory and time are not capped.
    InProcess,
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
                    Family::Board => {
                        let bytes = read_capped(
                            std::fs::File::open(path).map_err(|source| InputError::Io {
                                file: name.clone(),
                                source,
                            })?,
                            &name,
                            limits,
                        )?;
                        vec![Sheet::unnamed(super::board::parse(&name, &bytes))]
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
