//! One sheet's table, the one mechanism every sheet is written through: the header and the
//! cells as their types, Excel's limits (characters a cell, rows and columns a sheet) met by
//! cutting with a line that says what was left out, and column names Excel accepts.

use std::borrow::Cow;
use std::collections::HashSet;

use rust_xlsxwriter::{
    Color, Format as CellFormat, FormatAlign, Table as XlsxTable, TableColumn, Worksheet, XlsxError,
};

use crate::text::{sanitise, thousands};

/// Excel's widest useful column, in characters: wider text wraps instead.
const MAX_WIDTH: usize = 60;
/// Text longer than this wraps within its capped column.
const WRAP_AFTER: usize = 40;

/// One cell's value, as the type a spreadsheet should see.
pub(super) enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Number(f64),
    /// A whole count, shown with its thousands set apart ("5,000") and kept a number.
    Count(usize),
    /// A share of a whole, shown as a percentage.
    Share(f64),
    Bool(bool),
    /// A severity, filled with its colour.
    Severity(&'static str),
    Empty,
}

impl Cell<'_> {
    pub(super) fn number(value: Option<f64>) -> Cell<'static> {
        value.map_or(Cell::Empty, Cell::Number)
    }

    pub(super) fn count(value: usize) -> Cell<'static> {
        Cell::Count(value)
    }
}

/// How cells are written, and how many rows and columns a sheet's table may hold.
pub(super) struct Formats {
    /// Data rows per table: Excel's limit, or fewer in tests.
    row_limit: usize,
    /// Columns per table: Excel's limit, or fewer in tests.
    column_limit: usize,
    wrap: CellFormat,
    count: CellFormat,
    share: CellFormat,
    high: CellFormat,
    medium: CellFormat,
    low: CellFormat,
}

impl Formats {
    pub(super) fn new(row_limit: usize, column_limit: usize) -> Self {
        let fill = |colour: u32| CellFormat::new().set_background_color(Color::RGB(colour));
        Formats {
            row_limit,
            column_limit,
            wrap: CellFormat::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            count: CellFormat::new().set_num_format("#,##0"),
            share: CellFormat::new().set_num_format("0%"),
            high: fill(0xF4B6B6),
            medium: fill(0xFFD966),
            low: fill(0xD9D9D9),
        }
    }

    fn severity(&self, name: &str) -> &CellFormat {
        match name {
            "high" => &self.high,
            "medium" => &self.medium,
            _ => &self.low,
        }
    }
}

/// The last row and column a table took, for what is laid over it (the Heatmap's scale).
pub(super) struct Extent {
    pub last_row: u32,
    pub last_col: u16,
}

/// Writes one table: its header in row 0, frozen, its rows below, columns as wide as their
/// widest first line up to [`MAX_WIDTH`]. An empty table keeps one blank row, since Excel
/// has no table without a data row. The table, header and all, is laid down before its
/// rows, so that a sheet in constant-memory mode is written top to bottom; hence the rows'
/// count must be known first. Rows past Excel's limit are left out and counted in a line
/// below the table (the Tasks and Finding tasks sheets of a million-row sheet), and so are
/// columns past its last (see [`write_table_of`]).
pub(super) fn write_table<'a, Rows>(
    sheet: &mut Worksheet,
    formats: &Formats,
    headers: &[String],
    rows: Rows,
) -> Result<Extent, XlsxError>
where
    Rows: IntoIterator<Item = Vec<Cell<'a>>>,
    Rows::IntoIter: ExactSizeIterator,
{
    write_table_of(sheet, formats, headers, rows, "columns")
}

/// [`write_table`] for a table whose columns past the first few are things of one kind,
/// named by `columns_are` in the line that counts those left out: the Heatmap has a column
/// per team, and a sheet of more than 16,384 teams ends at Excel's last column, XFD.
pub(super) fn write_table_of<'a, Rows>(
    sheet: &mut Worksheet,
    formats: &Formats,
    headers: &[String],
    rows: Rows,
    columns_are: &str,
) -> Result<Extent, XlsxError>
where
    Rows: IntoIterator<Item = Vec<Cell<'a>>>,
    Rows::IntoIter: ExactSizeIterator,
{
    let rows = rows.into_iter();
    let total = rows.len();
    let shown = total.min(formats.row_limit);
    let count = u32::try_from(shown)
        .map_err(|_| XlsxError::ParameterError("too many rows for a sheet".to_string()))?;
    let names = column_names(&headers[..headers.len().min(formats.column_limit)]);
    let columns: Vec<TableColumn> = names
        .iter()
        .map(|name| TableColumn::new().set_header(name.as_str()))
        .collect();
    let last_col = u16::try_from(names.len() - 1)
        .map_err(|_| XlsxError::ParameterError("too many columns for a sheet".to_string()))?;
    sheet.add_table(
        0,
        0,
        count.max(1),
        last_col,
        &XlsxTable::new().set_columns(&columns),
    )?;
    let mut widths: Vec<usize> = names.iter().map(|h| h.chars().count() + 3).collect();
    let mut last = 0u32;
    for cells in rows.take(shown) {
        last += 1;
        for (column, cell) in cells.iter().take(names.len()).enumerate() {
            let col = column as u16;
            let width = match cell {
                Cell::Text(text) => write_text(sheet, formats, last, col, text)?,
                Cell::Owned(text) => write_text(sheet, formats, last, col, text)?,
                Cell::Number(n) => {
                    sheet.write_number(last, col, *n)?;
                    8
                }
                Cell::Count(n) => {
                    sheet.write_number_with_format(last, col, *n as f64, &formats.count)?;
                    8
                }
                Cell::Share(n) => {
                    sheet.write_number_with_format(last, col, *n, &formats.share)?;
                    6
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(last, col, *b)?;
                    6
                }
                Cell::Severity(name) => {
                    sheet.write_string_with_format(last, col, *name, formats.severity(name))?;
                    name.len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(column) {
                *w = (*w).max(width.min(MAX_WIDTH));
            }
        }
    }
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column as u16, *width as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let notes = [
        (total > shown).then(|| left_out_text(total - shown)),
        (headers.len() > names.len())
            .then(|| columns_left_out_text(headers.len() - names.len(), columns_are)),
    ];
    for (below, note) in (last + 1..).zip(notes.into_iter().flatten()) {
        write_text(sheet, formats, below, 0, &note)?;
    }
    Ok(Extent {
        last_row: last,
        last_col,
    })
}

/// The most characters Excel keeps in one cell.
pub(super) const CELL_CHARS: usize = 32_767;

/// Text cut to fit one cell. A list (one item a line, such as the people carrying a
/// responsibility in a large organisation) keeps its first lines and counts the rest; one
/// overlong line is cut. The JSON and CSV reports keep everything.
pub(super) fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.len() <= CELL_CHARS || text.chars().count() <= CELL_CHARS {
        return Cow::Borrowed(text);
    }
    // Room for the line that says what was left out.
    let budget = CELL_CHARS - 100;
    let mut kept = String::with_capacity(budget);
    let mut kept_lines = 0;
    let mut used = 0;
    for line in text.split('\n') {
        let cost = line.chars().count() + 1;
        if used + cost > budget {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
        used += cost;
        kept_lines += 1;
    }
    if kept_lines == 0 {
        kept.extend(text.chars().take(budget));
        kept.push_str("… (cut at Excel's cell limit; the JSON and CSV reports hold it all)");
    } else {
        let left = text.split('\n').count() - kept_lines;
        kept.push_str(&format!(
            "… and {} more (Excel's cell limit; the JSON and CSV reports hold them all)",
            thousands(left)
        ));
    }
    Cow::Owned(kept)
}

/// Text as text, wrapped when long, cut to Excel's cell limit; returns the width its
/// longest line asks for.
fn write_text(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    text: &str,
) -> Result<usize, XlsxError> {
    let text = &*fit_cell(text);
    let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if width > WRAP_AFTER || text.contains('\n') {
        sheet.write_string_with_format(row, col, text, &formats.wrap)?;
    } else {
        sheet.write_string(row, col, text)?;
    }
    Ok(width)
}

/// Table column names Excel takes: a table's header is XML markup (`xl/tables/*.xml`,
/// `tableColumn name`) that, unlike a cell, has no escape for a control character or a
/// noncharacter (U+FFFE), so a team named with one made a corrupt workbook. Such characters
/// are shown as escapes, as on a terminal ([`sanitise`]); a blank name reads "(blank)", since
/// Excel has no column without one; and names are made unique, case aside, as Excel requires
/// of a table's columns, so that a team called "tasks" does not clash with the column of
/// that name. The cells keep the names as they are.
pub(super) fn column_names(headers: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .map(|header| {
            let header = match sanitise(header) {
                shown if shown.trim().is_empty() => "(blank)".to_string(),
                shown => shown,
            };
            let mut name = header.clone();
            let mut n = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{header} ({n})");
                n += 1;
            }
            name
        })
        .collect()
}

pub(super) fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

pub(super) fn lines<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Data rows a table holds: Excel's 1,048,576 rows less the header and the row that says
/// how many were left out.
pub(super) const TABLE_ROWS: usize = 1_048_576 - 2;

/// Columns a table holds: Excel's 16,384, A to XFD.
pub(super) const TABLE_COLUMNS: usize = 16_384;

pub(super) fn left_out_text(left_out: usize) -> String {
    format!(
        "{} more rows left out: Excel sheets end at 1,048,576 rows; see the JSON or CSV report",
        thousands(left_out)
    )
}

pub(super) fn columns_left_out_text(left_out: usize, columns_are: &str) -> String {
    format!(
        "{} more {columns_are} left out: Excel sheets end at 16,384 columns; see the JSON or CSV report",
        thousands(left_out)
    )
}
