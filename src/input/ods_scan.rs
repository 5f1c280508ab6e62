//! A scan of an OpenDocument spreadsheet's `content.xml`, made before calamine opens the
//! workbook: it counts what the repeated rows and cells expand to against the caps, and reads
//! the merged ranges, which calamine has no API for.
//!
//! calamine expands `table:number-rows-repeated` and `table:number-columns-repeated` of rows
//! and cells that hold a value as it opens the workbook, every sheet at once, into dense
//! ranges: a 1.5 KB file whose one data row repeats 1,048,575 times became a million tasks
//! before any cap was checked. So this scan counts, per non-empty cell element, the cells it
//! stands for (its row's repeats times its own), and refuses the file where the workbook's
//! copies (every cell past the first of each element) pass [`Limits::max_repeated_cells`] or
//! a sheet's non-empty cells pass [`Limits::max_cells`]. Empty rows and cells, which
//! LibreOffice repeats to the sheet's edge, are free, as calamine keeps them free. A cell
//! counts as non-empty as calamine sees it (a value attribute, a string type or a formula),
//! since that is what calamine copies, even where rolecall later finds the text blank.
//!
//! In ODF a merge is written on its first cell, `table:number-columns-spanned` and/or
//! `table:number-rows-spanned`, and the cells it covers are `table:covered-table-cell`. The
//! scan streams `content.xml` once and decodes no cell text. Rows are counted through
//! `table:table-row` (and `table:number-rows-repeated`, added, never iterated), columns
//! through `table:table-cell` and `table:covered-table-cell` (and
//! `table:number-columns-repeated`). Rows inside `table:table-header-rows`,
//! `table:table-rows` and `table:table-row-group` count like any other, as they do in
//! calamine, whose cell positions these must agree with.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::limits::Exceeded;
use super::{CellRange, Limit, Limits};

/// Most bytes read from `content.xml`. The part is compressed in the zip, so a small file
/// could otherwise decompress into an endless stream; a real team sheet's content.xml is a few
/// megabytes, and calamine, which parses the whole part into memory when it opens the
/// workbook, could not hold one this large anyway.
pub(super) const MAX_CONTENT_XML_BYTES: u64 = 512 * 1024 * 1024;

/// Most merged ranges kept per sheet. A merge inside a repeated row or cell stands for one
/// merge per repetition, and `number-rows-repeated` can say a million; past this many the
/// rest are dropped (filling would skip them anyway: see `MAX_MERGED_FILL_CELLS`).
const MAX_RANGES_PER_SHEET: usize = 100_000;

/// Why a scan stopped.
#[derive(Debug)]
pub(super) enum ScanError {
    /// The repeats pass a cap at this cell (row 1-based, column 0-based, as in
    /// [`super::Location`]): the workbook must not be opened.
    Limit {
        sheet: String,
        row: u32,
        column: u32,
        exceeded: Exceeded,
    },
    /// `content.xml` could not be scanned; a one-line description. calamine, reading the
    /// same part, names such damage better.
    Unreadable(String),
}

impl From<String> for ScanError {
    fn from(detail: String) -> ScanError {
        ScanError::Unreadable(detail)
    }
}

/// Merged ranges per sheet name (`table:table/@table:name`), in document order, once the
/// repeats are found within `limits`. A sheet with no merges may be missing.
pub(super) fn scan(
    path: &Path,
    limits: &Limits,
) -> Result<HashMap<String, Vec<CellRange>>, ScanError> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    scan_zip(BufReader::new(file), limits)
}

fn scan_zip<R: Read + Seek>(
    reader: R,
    limits: &Limits,
) -> Result<HashMap<String, Vec<CellRange>>, ScanError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| format!("zip: {e}"))?;
    let content = archive
        .by_name("content.xml")
        .map_err(|e| format!("content.xml: {e}"))?;
    let mut limited = BufReader::new(content.take(MAX_CONTENT_XML_BYTES + 1));
    let scanned = scan_xml(&mut limited, limits);
    if limited.get_ref().limit() == 0 {
        return Err(ScanError::Unreadable(format!(
            "content.xml is larger than {} MiB",
            MAX_CONTENT_XML_BYTES / (1024 * 1024)
        )));
    }
    scanned
}

/// Where the scanner is inside the current `table:table`.
struct Table {
    name: String,
    ranges: Vec<CellRange>,
    /// 0-based index of the current (or next) row.
    row: u64,
    /// The current row's `number-rows-repeated`, while inside a row.
    row_repeats: Option<u64>,
    /// 0-based index of the next cell in the current row.
    column: u64,
    /// Non-empty cells so far, every repetition counted.
    cells: u64,
}

impl Table {
    fn new(name: String) -> Table {
        Table {
            name,
            ranges: Vec::new(),
            row: 0,
            row_repeats: None,
            column: 0,
            cells: 0,
        }
    }

    /// Takes one cell element; `repeated` counts the copies repeats made in the workbook so
    /// far.
    fn cell(
        &mut self,
        e: &BytesStart<'_>,
        covered: bool,
        repeated: &mut u64,
        limits: &Limits,
    ) -> Result<(), ScanError> {
        let Some(row_repeats) = self.row_repeats else {
            return Ok(()); // a cell outside any row: not part of the grid
        };
        let column_repeats = number(e, "table:number-columns-repeated")?.unwrap_or(1);
        if holds_value(e)? {
            let cells = row_repeats.saturating_mul(column_repeats);
            self.cells = self.cells.saturating_add(cells);
            *repeated = repeated.saturating_add(cells.saturating_sub(1));
            let exceeded = if *repeated > limits.max_repeated_cells {
                Some(Exceeded {
                    limit: Limit::RepeatedCells,
                    found: Some(*repeated),
                })
            } else if self.cells > limits.max_cells {
                Some(Exceeded {
                    limit: Limit::Cells,
                    found: None,
                })
            } else {
                None
            };
            if let Some(exceeded) = exceeded {
                let at_most = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                return Err(ScanError::Limit {
                    sheet: self.name.clone(),
                    row: at_most(self.row.saturating_add(1)),
                    column: at_most(self.column),
                    exceeded,
                });
            }
        }
        if !covered {
            let columns = number(e, "table:number-columns-spanned")?
                .unwrap_or(1)
                .max(1);
            let rows = number(e, "table:number-rows-spanned")?.unwrap_or(1).max(1);
            if columns > 1 || rows > 1 {
                // One merge per repetition of the cell and of its row, up to the cap.
                'rows: for r in 0..row_repeats {
                    for c in 0..column_repeats {
                        if self.ranges.len() >= MAX_RANGES_PER_SHEET {
                            break 'rows;
                        }
                        let top = self.row.saturating_add(r);
                        let left = self.column.saturating_add(c);
                        self.ranges.push(range(
                            top,
                            left,
                            top.saturating_add(rows - 1),
                            left.saturating_add(columns - 1),
                        ));
                    }
                }
            }
        }
        self.column = self.column.saturating_add(column_repeats);
        Ok(())
    }
}

/// Whether calamine reads a value (or a formula) from this cell element, and so copies it
/// for every repetition: a value attribute, a formula, or the string type, whose text is the
/// element's content (an empty string is still a value to calamine).
fn holds_value(e: &BytesStart<'_>) -> Result<bool, String> {
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute.map_err(|error| format!("XML: {error}"))?;
        let holds = match attribute.key.as_ref() {
            "office:value"
            | "office:string-value"
            | "office:date-value"
            | "office:time-value"
            | "office:boolean-value" => true,
            "table:formula" => !attribute.value.is_empty(),
            "office:value-type" => attribute.value.as_ref() == "string",
            _ => false,
        };
        if holds {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A 0-based rectangle as a [`CellRange`] (rows 1-based), saturating at the u32 limit; such
/// far-away rows and columns hold no cells (calamine stops at 1,048,576 x 16,384), so filling
/// clips them away.
fn range(top: u64, left: u64, bottom: u64, right: u64) -> CellRange {
    let at_most = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    CellRange {
        top: at_most(top.saturating_add(1)),
        left: at_most(left),
        bottom: at_most(bottom.saturating_add(1)),
        right: at_most(right),
    }
}

/// A non-negative integer attribute; a value that is not one reads as absent (calamine
/// refuses a bad repeat count when it opens the workbook).
fn number(e: &BytesStart<'_>, name: &str) -> Result<Option<u64>, String> {
    let attribute = e
        .try_get_attribute(name)
        .map_err(|error| format!("XML: {error}"))?;
    Ok(attribute.and_then(|a| a.value.trim().parse().ok()))
}

/// A reader as lenient as calamine, which reads this part next.
fn lenient_reader<R: BufRead>(source: R) -> Reader<R> {
    let mut reader = Reader::from_reader(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    config.expand_empty_elements = false;
    reader
}

fn xml_error<R>(reader: &Reader<R>, error: quick_xml::Error) -> ScanError {
    ScanError::Unreadable(format!(
        "content.xml at byte {}: {error}",
        reader.error_position()
    ))
}

/// Reads past the element `start` opens, with all it holds.
fn skip_element<R: BufRead>(
    reader: &mut Reader<R>,
    start: &BytesStart<'_>,
    buf: &mut Vec<u8>,
) -> Result<(), ScanError> {
    buf.clear();
    match reader.read_to_end_into(start.name(), buf) {
        Ok(_) => Ok(()),
        Err(error) => Err(xml_error(reader, error)),
    }
}

fn scan_xml<R: BufRead>(
    source: R,
    limits: &Limits,
) -> Result<HashMap<String, Vec<CellRange>>, ScanError> {
    let mut reader = lenient_reader(source);
    let mut sheets = HashMap::new();
    let mut table: Option<Table> = None;
    let mut repeated = 0_u64;
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(error) => return Err(xml_error(&reader, error)),
        };
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => {
                    if table.is_some() {
                        continue; // a table inside a table: its rows are not the sheet's
                    }
                    match table_name(&e)? {
                        Some(name) => table = Some(Table::new(name)),
                        // calamine skips an unnamed table; so do we, with its rows.
                        None => skip_element(&mut reader, &e, &mut skip)?,
                    }
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        t.row_repeats =
                            Some(number(&e, "table:number-rows-repeated")?.unwrap_or(1));
                        t.column = 0;
                    }
                }
                name @ ("table:table-cell" | "table:covered-table-cell") => {
                    if let Some(t) = table.as_mut() {
                        t.cell(
                            &e,
                            name == "table:covered-table-cell",
                            &mut repeated,
                            limits,
                        )?;
                    }
                    // The cell's content (text, annotations, even a nested table) is not grid.
                    skip_element(&mut reader, &e, &mut skip)?;
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "table:table" if table.is_none() => {
                    if let Some(name) = table_name(&e)? {
                        sheets.insert(name, Vec::new());
                    }
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        let repeats = number(&e, "table:number-rows-repeated")?.unwrap_or(1);
                        t.row = t.row.saturating_add(repeats);
                    }
                }
                name @ ("table:table-cell" | "table:covered-table-cell") => {
                    if let Some(t) = table.as_mut() {
                        t.cell(
                            &e,
                            name == "table:covered-table-cell",
                            &mut repeated,
                            limits,
                        )?;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table" => {
                    if let Some(t) = table.take() {
                        sheets.insert(t.name, t.ranges);
                    }
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        if let Some(repeats) = t.row_repeats.take() {
                            t.row = t.row.saturating_add(repeats);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(t) = table {
        return Err(ScanError::Unreadable(format!(
            "content.xml ends inside sheet \"{}\"; the file is cut short",
            t.name
        )));
    }
    Ok(sheets)
}

fn table_name(e: &BytesStart<'_>) -> Result<Option<String>, String> {
    let Some(attribute) = e
        .try_get_attribute("table:name")
        .map_err(|error| format!("XML: {error}"))?
    else {
        return Ok(None);
    };
    quick_xml::escape::unescape(&attribute.value)
        .map(|name| Some(name.into_owned()))
        .map_err(|error| format!("XML: sheet name: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cr(top: u32, left: u32, bottom: u32, right: u32) -> CellRange {
        CellRange {
            top,
            left,
            bottom,
            right,
        }
    }

    fn scan_str(xml: &str) -> HashMap<String, Vec<CellRange>> {
        match scan_xml(xml.as_bytes(), &Limits::default()) {
            Ok(sheets) => sheets,
            Err(e) => panic!("scan failed: {e:?}"),
        }
    }

    /// Where and how a scan under `limits` stopped at a cap.
    fn refused(xml: &str, limits: &Limits) -> (String, u32, u32, Exceeded) {
        match scan_xml(xml.as_bytes(), limits) {
            Err(ScanError::Limit {
                sheet,
                row,
                column,
                exceeded,
            }) => (sheet, row, column, exceeded),
            other => panic!("not refused at a cap: {other:?}"),
        }
    }

    fn unreadable(result: Result<HashMap<String, Vec<CellRange>>, ScanError>) -> String {
        match result {
            Err(ScanError::Unreadable(detail)) => detail,
            other => panic!("not unreadable: {other:?}"),
        }
    }

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#;
    const TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

    #[test]
    fn spans_repeats_and_wrappers() {
        let xml = format!(
            r#"{HEAD}<table:table table:name="R&amp;D">
<table:table-column table:number-columns-repeated="4"/>
<table:table-header-rows>
<table:table-row><table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>Banner</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
</table:table-header-rows>
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row-group>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"><text:p>x</text:p><text:p>y</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
</table:table-row-group>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="3"/></table:table-row>
</table:table><table:table table:name="Empty"/>{TAIL}"#
        );
        let sheets = scan_str(&xml);
        assert_eq!(
            sheets.get("R&D"),
            Some(&vec![
                cr(1, 0, 1, 3),
                cr(4, 2, 5, 3),
                cr(1_048_576, 0, 1_048_578, 0)
            ])
        );
        assert_eq!(sheets.get("Empty"), Some(&Vec::new()));
    }

    #[test]
    fn merges_in_repeated_rows_repeat_up_to_the_cap() {
        let xml = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell/><table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/></table:table-row><table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/></table:table-row></table:table>{TAIL}"#
        );
        let sheets = scan_str(&xml);
        let ranges = &sheets["S"];
        assert_eq!(ranges.len(), MAX_RANGES_PER_SHEET);
        assert_eq!(
            &ranges[..4],
            &[
                cr(1, 1, 1, 2),
                cr(2, 1, 2, 2),
                cr(3, 1, 3, 2),
                cr(4, 0, 4, 1)
            ]
        );
    }

    #[test]
    fn truncated_and_malformed_content_are_errors() {
        let limits = Limits::default();
        let cut = format!(r#"{HEAD}<table:table table:name="S"><table:table-row>"#);
        assert!(unreadable(scan_xml(cut.as_bytes(), &limits)).contains("cut short"));
        let bad = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row><table:table-cell a="1" a=></table:table-row></table:table>{TAIL}"#
        );
        unreadable(scan_xml(bad.as_bytes(), &limits));
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let result = scan_zip(
            std::io::Cursor::new(b"not a zip".to_vec()),
            &Limits::default(),
        );
        assert!(unreadable(result).starts_with("zip:"));
    }

    const VALUE: &str = r#"office:value-type="string""#;

    #[test]
    fn a_repeated_row_of_values_counts_every_copy() {
        // Row 1 is written once; row 2's two values repeat 1,048,575 times: 2,097,148 copies.
        let xml = format!(
            r#"{HEAD}<table:table table:name="Team"><table:table-row><table:table-cell {VALUE}><text:p>Name</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="3"/><table:table-cell {VALUE}><text:p>Ana</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"/></table:table-row></table:table>{TAIL}"#
        );
        let (sheet, row, column, exceeded) = refused(&xml, &Limits::default());
        assert_eq!((sheet.as_str(), row, column), ("Team", 2, 3));
        assert_eq!(
            exceeded,
            Exceeded {
                limit: Limit::RepeatedCells,
                found: Some(1_048_574)
            }
        );
        // Raised past the copies, the same row meets the cell cap at its second value.
        let limits = Limits {
            max_repeated_cells: 10_000_000,
            max_cells: 2_000_000,
            ..Limits::default()
        };
        let (_, row, column, exceeded) = refused(&xml, &limits);
        assert_eq!((row, column, exceeded.limit), (2, 4, Limit::Cells));
        let limits = Limits {
            max_repeated_cells: 10_000_000,
            ..Limits::default()
        };
        assert!(scan_xml(xml.as_bytes(), &limits).is_ok());
    }

    #[test]
    fn copies_add_up_over_cells_rows_and_sheets() {
        // 3 columns x 4 rows of one value: 11 copies; a formula over 2 columns of the same
        // 4 rows: 7 more; a second sheet's two identical rows: 1 more. 19 in the workbook.
        let xml = format!(
            r#"{HEAD}<table:table table:name="A"><table:table-row table:number-rows-repeated="4"><table:table-cell {VALUE} table:number-columns-repeated="3"><text:p>R</text:p></table:table-cell><table:table-cell table:formula="of:=1" table:number-columns-repeated="2"/></table:table-row></table:table><table:table table:name="B"><table:table-row table:number-rows-repeated="2"><table:table-cell office:value="1"/></table:table-row></table:table>{TAIL}"#
        );
        let at = |cap| Limits {
            max_repeated_cells: cap,
            ..Limits::default()
        };
        assert!(scan_xml(xml.as_bytes(), &at(19)).is_ok());
        let (sheet, row, column, exceeded) = refused(&xml, &at(18));
        assert_eq!((sheet.as_str(), row, column), ("B", 1, 0));
        assert_eq!(exceeded.found, Some(19));
        let (sheet, _, column, exceeded) = refused(&xml, &at(17));
        assert_eq!((sheet.as_str(), column, exceeded.found), ("A", 3, Some(18)));
    }

    #[test]
    fn empty_repeats_are_free() {
        // LibreOffice's trailing rows and columns: styled, valueless, repeated to the edge;
        // text without a value type is not read by calamine either.
        let xml = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row><table:table-cell {VALUE}><text:p>x</text:p></table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"><text:p>no type</text:p></table:table-cell></table:table-row></table:table>{TAIL}"#
        );
        let limits = Limits {
            max_repeated_cells: 1,
            max_cells: 1,
            ..Limits::default()
        };
        assert!(scan_xml(xml.as_bytes(), &limits).is_ok());
    }
}
