//! Everything that can go wrong reading an input, each message naming the file (or the
//! cell) and what to do about it.

use super::limits::{self, Limit, Limits};
use super::location::Location;
use super::workbook::SheetSelector;

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{file}: no such file; check the path")]
    NotFound { file: String },
    #[error(
        "{file}: is a directory; pass a spreadsheet file (xlsx, xlsm, xls, xlsb, ods, csv, tsv) or a Trello board's json"
    )]
    IsDirectory { file: String },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: unsupported file type \"{extension}\"; use xlsx, xlsm, xls, xlsb, ods, csv, tsv, txt or a Trello board's json"
    )]
    UnsupportedType { file: String, extension: String },
    #[error("{file}: not a readable board export ({detail}); rolecall reads a Trello board's JSON export as it was downloaded")]
    Board { file: String, detail: String },
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
