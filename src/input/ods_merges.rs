//! Merged ranges of an OpenDocument spreadsheet, which calamine reads cells from but has no
//! merge API for.
//!
//! In ODF a merge is written on its first cell, `table:number-columns-spanned` and/or
//! `table:number-rows-spanned`, and the cells it covers are `table:covered-table-cell`. This
//! streams `content.xml` once and keeps only those spans: no cell text is decoded and nothing
//! is expanded. Rows are counted through `table:table-row` (and `table:number-rows-repeated`,
//! which LibreOffice sets to about a million for the trailing empty rows, so the count is
//! added, never iterated), columns through `table:table-cell` and `table:covered-table-cell`
//! (and `table:number-columns-repeated`). Rows inside `table:table-header-rows`,
//! `table:table-rows` and `table:table-row-group` count like any other, as they do in calamine,
//! whose cell positions these must agree with.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::CellRange;

/// Most bytes read from `content.xml`. The part is compressed in the zip, so a small file
/// could otherwise decompress into an endless stream; a real team sheet's content.xml is a few
/// megabytes, and calamine, which parses the whole part into memory when it opens the
/// workbook, could not hold one this large anyway.
pub(super) const MAX_CONTENT_XML_BYTES: u64 = 512 * 1024 * 1024;

/// Most merged ranges kept per sheet. A merge inside a repeated row or cell stands for one
/// merge per repetition, and `number-rows-repeated` can say a million; past this many the
/// rest are dropped (filling would skip them anyway: see `MAX_MERGED_FILL_CELLS`).
const MAX_RANGES_PER_SHEET: usize = 100_000;

/// Merged ranges per sheet name (`table:table/@table:name`), in document order. A sheet with
/// no merges may be missing. The error is a one-line description of what went wrong.
pub(super) fn scan(path: &Path) -> Result<HashMap<String, Vec<CellRange>>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    scan_zip(BufReader::new(file))
}

fn scan_zip<R: Read + Seek>(reader: R) -> Result<HashMap<String, Vec<CellRange>>, String> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| format!("zip: {e}"))?;
    let content = archive
        .by_name("content.xml")
        .map_err(|e| format!("content.xml: {e}"))?;
    let mut limited = BufReader::new(content.take(MAX_CONTENT_XML_BYTES + 1));
    let scanned = scan_xml(&mut limited);
    if limited.get_ref().limit() == 0 {
        return Err(format!(
            "content.xml is larger than {} MiB",
            MAX_CONTENT_XML_BYTES / (1024 * 1024)
        ));
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
}

impl Table {
    fn cell(&mut self, e: &BytesStart<'_>, covered: bool) -> Result<(), String> {
        let Some(row_repeats) = self.row_repeats else {
            return Ok(()); // a cell outside any row: not part of the grid
        };
        let column_repeats = number(e, "table:number-columns-repeated")?.unwrap_or(1);
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

/// A non-negative integer attribute; a value that is not one reads as absent (calamine, which
/// reads the same file first, already refuses a bad repeat count).
fn number(e: &BytesStart<'_>, name: &str) -> Result<Option<u64>, String> {
    let attribute = e
        .try_get_attribute(name)
        .map_err(|error| format!("XML: {error}"))?;
    Ok(attribute.and_then(|a| a.value.trim().parse().ok()))
}

fn scan_xml<R: BufRead>(source: R) -> Result<HashMap<String, Vec<CellRange>>, String> {
    let mut reader = Reader::from_reader(source);
    // As lenient as calamine, which has already read this part: it must not fail here.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    config.expand_empty_elements = false;

    let xml_error = |reader: &Reader<R>, error: quick_xml::Error| {
        format!("content.xml at byte {}: {error}", reader.error_position())
    };
    let mut sheets = HashMap::new();
    let mut table: Option<Table> = None;
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
                        Some(name) => {
                            table = Some(Table {
                                name,
                                ranges: Vec::new(),
                                row: 0,
                                row_repeats: None,
                                column: 0,
                            })
                        }
                        None => {
                            // calamine skips an unnamed table; so do we, with its rows.
                            skip.clear();
                            if let Err(error) = reader.read_to_end_into(e.name(), &mut skip) {
                                return Err(xml_error(&reader, error));
                            }
                        }
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
                        t.cell(&e, name == "table:covered-table-cell")?;
                    }
                    // The cell's content (text, annotations, even a nested table) is not grid.
                    skip.clear();
                    if let Err(error) = reader.read_to_end_into(e.name(), &mut skip) {
                        return Err(xml_error(&reader, error));
                    }
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
                        t.cell(&e, name == "table:covered-table-cell")?;
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
        return Err(format!(
            "content.xml ends inside sheet \"{}\"; the file is cut short",
            t.name
        ));
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
        match scan_xml(xml.as_bytes()) {
            Ok(sheets) => sheets,
            Err(e) => panic!("scan failed: {e}"),
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
        let cut = format!(r#"{HEAD}<table:table table:name="S"><table:table-row>"#);
        assert!(scan_xml(cut.as_bytes()).is_err_and(|e| e.contains("cut short")));
        let bad = format!(
            r#"{HEAD}<table:table table:name="S"><table:table-row><table:table-cell a="1" a=></table:table-row></table:table>{TAIL}"#
        );
        assert!(scan_xml(bad.as_bytes()).is_err());
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let result = scan_zip(std::io::Cursor::new(b"not a zip".to_vec()));
        assert!(result.is_err_and(|e| e.starts_with("zip:")));
    }
}
