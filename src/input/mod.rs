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

mod board;
mod delimited;
mod error;
mod family;
mod identity;
mod isolated;
mod limits;
mod location;
mod merged;
mod ods_scan;
mod source;
mod spreadsheet;
mod table;
#[cfg(test)]
mod tests;
mod workbook;

pub use delimited::Delimiter;
pub use error::InputError;
pub use identity::{ReadFiles, Role as ReadRole};
pub use isolated::{serve as serve_worker, WORKER_COMMAND};
pub use limits::{Limit, Limits};
pub use location::{column_letters, parse_column_letters, Location};
pub use merged::{CellRange, MAX_MERGED_FILL_BYTES, MAX_MERGED_FILL_CELLS};
pub use source::InputPath;
pub use table::{Cell, RawRow, RawTable};
pub use workbook::{Isolation, SheetSelector, Workbook};

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
