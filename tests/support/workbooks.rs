//! Workbook writers shared by the integration tests and `examples/make_samples.rs`: one
//! description of a workbook ([`Sheet`]s of text with [`Merge`]d ranges) written as xlsx
//! (through rust_xlsxwriter) or as an OpenDocument spreadsheet (a zip built here).
//!
//! It depends on no test harness, so both include it with
//! `#[path = "../support/workbooks.rs"] mod workbooks;`. The output is byte-identical run to
//! run (fixed document dates and zip timestamps), so a generated sample can be committed and
//! regenerated without noise.

// Each includer uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::Path;

/// One worksheet: rows of cell texts (an empty string leaves the cell blank) and merges.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<String>>,
    pub merges: Vec<Merge>,
}

impl<'a> Sheet<'a> {
    /// A sheet from borrowed rows, with no merges.
    pub fn new(name: &'a str, rows: &[&[&str]]) -> Sheet<'a> {
        Sheet {
            name,
            rows: rows
                .iter()
                .map(|row| row.iter().map(|text| text.to_string()).collect())
                .collect(),
            merges: Vec::new(),
        }
    }

    /// Adds a merge, 0-based corners included (`merge(0, 0, 0, 3)` is A1:D1).
    pub fn merge(mut self, top: u32, left: u32, bottom: u32, right: u32) -> Sheet<'a> {
        self.merges.push(Merge {
            top,
            left,
            bottom,
            right,
        });
        self
    }

    /// The text at a 0-based position; blank when the row is shorter.
    fn text(&self, row: u32, column: u32) -> &str {
        self.rows
            .get(row as usize)
            .and_then(|cells| cells.get(column as usize))
            .map_or("", String::as_str)
    }

    /// Cells covered by a merge (every cell of it but the top-left).
    fn covered(&self) -> HashSet<(u32, u32)> {
        let mut covered = HashSet::new();
        for m in &self.merges {
            for row in m.top..=m.bottom {
                for column in m.left..=m.right {
                    if (row, column) != (m.top, m.left) {
                        covered.insert((row, column));
                    }
                }
            }
        }
        covered
    }
}

/// A merged range, 0-based, corners included. Its value is the top-left cell's text; any
/// other text inside it is not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
}

/// A number when the whole text reads as a finite one ("12", "0.5"), else `None`: "NaN" and
/// "inf" parse as f64 but are names here, not numbers.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn other(error: impl std::fmt::Display) -> io::Error {
    io::Error::other(error.to_string())
}

/// Writes an xlsx. Texts that read as numbers are written as numbers, the rest as strings;
/// merges go through `merge_range` with the top-left cell's value.
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) -> io::Result<()> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

    let mut book = Workbook::new();
    // rust_xlsxwriter stamps the creation time; a fixed one keeps the file reproducible.
    let created = ExcelDateTime::from_ymd(2024, 1, 1).map_err(other)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let plain = Format::new();
    for sheet in sheets {
        let worksheet = book.add_worksheet();
        worksheet.set_name(sheet.name).map_err(other)?;
        let covered = sheet.covered();
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).map_err(other)?;
            for (c, text) in row.iter().enumerate() {
                let c = u16::try_from(c).map_err(other)?;
                if text.is_empty() || covered.contains(&(r, u32::from(c))) {
                    continue;
                }
                match number(text) {
                    Some(n) => worksheet.write_number(r, c, n),
                    None => worksheet.write_string(r, c, text),
                }
                .map_err(other)?;
            }
        }
        // After the cells: merge_range writes the value and blanks over its whole range.
        for m in &sheet.merges {
            let (left, right) = (
                u16::try_from(m.left).map_err(other)?,
                u16::try_from(m.right).map_err(other)?,
            );
            let text = sheet.text(m.top, m.left);
            match number(text) {
                Some(n) => {
                    worksheet
                        .merge_range(m.top, left, m.bottom, right, "", &plain)
                        .map_err(other)?;
                    worksheet
                        .write_number_with_format(m.top, left, n, &plain)
                        .map_err(other)?;
                }
                None => {
                    worksheet
                        .merge_range(m.top, left, m.bottom, right, text, &plain)
                        .map_err(other)?;
                }
            }
        }
    }
    book.save(path).map_err(other)
}

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all are dropped rather than written invalid.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One `table:table-cell` with its value (text as one `text:p` per line), or an empty one.
fn ods_cell(out: &mut String, text: &str, span: Option<&Merge>) {
    out.push_str("<table:table-cell");
    if let Some(m) = span {
        if m.right > m.left {
            let _ = write!(
                out,
                r#" table:number-columns-spanned="{}""#,
                m.right - m.left + 1
            );
        }
        if m.bottom > m.top {
            let _ = write!(
                out,
                r#" table:number-rows-spanned="{}""#,
                m.bottom - m.top + 1
            );
        }
    }
    if text.is_empty() {
        out.push_str("/>");
        return;
    }
    match number(text) {
        Some(n) => {
            let _ = write!(out, r#" office:value-type="float" office:value="{n}">"#);
        }
        None => out.push_str(r#" office:value-type="string">"#),
    }
    for line in text.lines() {
        let _ = write!(out, "<text:p>{}</text:p>", escape(line));
    }
    out.push_str("</table:table-cell>");
}

fn ods_content(sheets: &[Sheet]) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0""#,
        r#" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#,
        r#" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        "<office:body><office:spreadsheet>",
    ));
    for sheet in sheets {
        let covered = sheet.covered();
        let height = sheet
            .merges
            .iter()
            .map(|m| m.bottom as usize + 1)
            .chain([sheet.rows.len()])
            .max()
            .unwrap_or(0);
        let width_of = |r: u32| {
            sheet
                .merges
                .iter()
                .filter(|m| (m.top..=m.bottom).contains(&r))
                .map(|m| m.right as usize + 1)
                .chain([sheet.rows.get(r as usize).map_or(0, Vec::len)])
                .max()
                .unwrap_or(0)
        };
        let width = (0..height as u32).map(width_of).max().unwrap_or(0).max(1);
        let _ = write!(
            out,
            r#"<table:table table:name="{}"><table:table-column table:number-columns-repeated="{width}"/>"#,
            escape(sheet.name)
        );
        let mut blank_rows = 0;
        for r in 0..height as u32 {
            let row_width = width_of(r);
            let blank = (0..row_width as u32).all(|c| sheet.text(r, c).is_empty())
                && !sheet.merges.iter().any(|m| (m.top..=m.bottom).contains(&r));
            if blank {
                blank_rows += 1;
                continue;
            }
            if blank_rows > 0 {
                let _ = write!(
                    out,
                    r#"<table:table-row table:number-rows-repeated="{blank_rows}"><table:table-cell/></table:table-row>"#
                );
                blank_rows = 0;
            }
            out.push_str("<table:table-row>");
            let mut blank_cells = 0;
            for c in 0..row_width as u32 {
                let text = sheet.text(r, c);
                let is_covered = covered.contains(&(r, c));
                let span = sheet.merges.iter().find(|m| (m.top, m.left) == (r, c));
                if text.is_empty() && !is_covered && span.is_none() {
                    blank_cells += 1;
                    continue;
                }
                if blank_cells > 0 {
                    let _ = write!(
                        out,
                        r#"<table:table-cell table:number-columns-repeated="{blank_cells}"/>"#
                    );
                    blank_cells = 0;
                }
                if is_covered {
                    out.push_str("<table:covered-table-cell/>");
                } else {
                    ods_cell(&mut out, text, span);
                }
            }
            out.push_str("</table:table-row>");
        }
        if blank_rows > 0 {
            let _ = write!(
                out,
                r#"<table:table-row table:number-rows-repeated="{blank_rows}"><table:table-cell/></table:table-row>"#
            );
        }
        if height == 0 {
            out.push_str("<table:table-row><table:table-cell/></table:table-row>");
        }
        out.push_str("</table:table>");
    }
    out.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    out
}

/// Writes an OpenDocument spreadsheet: `mimetype` first and stored (so `file` and office
/// suites recognise it), then `META-INF/manifest.xml` and `content.xml`. Merges are
/// `table:number-columns-spanned` / `table:number-rows-spanned` on the top-left cell and
/// `table:covered-table-cell` for the rest; runs of blank cells and rows are written with
/// `number-columns-repeated` / `number-rows-repeated`, as office suites do.
pub fn write_ods(path: &Path, sheets: &[Sheet]) -> io::Result<()> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipWriter};

    let file = std::fs::File::create(path)?;
    let mut zip = ZipWriter::new(io::BufWriter::new(file));
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let stored = options.compression_method(CompressionMethod::Stored);
    let deflated = options.compression_method(CompressionMethod::Deflated);
    let content = ods_content(sheets);
    for (name, body, options) in [
        ("mimetype", ODS_MIMETYPE, stored),
        ("META-INF/manifest.xml", ODS_MANIFEST, deflated),
        ("content.xml", content.as_str(), deflated),
    ] {
        zip.start_file(name, options).map_err(other)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.finish().map_err(other)?.flush()
}
