//! `rolecall review` as a workbook: one table like the report's sheets (frozen header,
//! filters, capped widths, wrapped long text), and on the `label` column a note, shown as
//! its cell is selected, saying what a label may be.

use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};

use super::spill;
use super::table::{headers, write_table, Cell, Formats, TABLE_COLUMNS, TABLE_ROWS};
use crate::matching::Matcher;
use crate::report::review::{row, Review, HEADERS};
use crate::report::ReportError;

/// What the `label` column's note says; Excel shows at most 255 characters.
const LABEL_NOTE: &str = "A role (pm, pgm, tpm, or its id or name), a responsibility id, an \
                          other-work id, or none. Leave it empty for a line not reviewed. \
                          Then: rolecall audit SHEET --labels THIS-FILE";

pub(in crate::report) fn workbook(
    review: &Review,
    matcher: &Matcher<'_>,
) -> Result<Vec<u8>, ReportError> {
    spill::building(|_| build(review, matcher))
}

fn build(review: &Review, matcher: &Matcher<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Review")?;
    let formats = Formats::new(TABLE_ROWS, TABLE_COLUMNS);
    let rows = review.items.iter().map(|item| {
        let row = row(matcher, item);
        vec![
            Cell::Text(row.task),
            Cell::Owned(row.why),
            Cell::count(row.people),
            Cell::count(row.rows),
            Cell::number(row.effort),
            Cell::count(row.findings),
            Cell::Text(row.role_1),
            Cell::number(row.probability_1),
            Cell::Text(row.responsibility_1),
            Cell::Owned(row.evidence_1),
            Cell::Text(row.role_2),
            Cell::number(row.probability_2),
            Cell::Text(row.responsibility_2),
            Cell::Owned(row.evidence_2),
            Cell::Text(row.carried_by),
            Cell::Text(row.how_to_fix),
            Cell::Empty,
        ]
    });
    let extent = write_table(sheet, &formats, &headers(&HEADERS), rows)?;
    let note = DataValidation::new()
        .allow_any_value()
        .set_input_title("label")?
        .set_input_message(LABEL_NOTE)?;
    sheet.add_data_validation(
        1,
        extent.last_col,
        extent.last_row.max(1),
        extent.last_col,
        &note,
    )?;
    workbook.save_to_buffer()
}
