//! The roll-up: each role's work by title and by team, and how much of it people not
//! titled for the role do. An organisation of hundreds is read by its groups; this page
//! answers "who does the product work?" without a row per person.

use std::borrow::Cow;

use super::canvas::{size, Colour, Flow, Look};
use super::fonts::Style;
use super::table::{self, Cell, Column};
use super::Context;
use crate::report::{outside_title_sentences, rollup_cells};
use crate::text::thousands;

/// Rows of each table: the largest groups; the JSON and CSV reports have every one.
const ROWS_SHOWN: usize = 30;

pub(super) fn rollup(flow: &mut Flow<'_>, context: &Context<'_>) {
    const TITLE: &str = "Roll-up by title and team";
    let report = context.report;
    flow.section(TITLE);
    let look = Look::new(size::BODY, Style::Regular, Colour::INK);
    flow.paragraph(
        "Each row is the people of one title or one team: how many tasks they carry, their hours where the sheet gives them, and what share of those tasks is each role's work and no role's (an ambiguous task counts as a share of each contender).",
        Look::new(size::BODY, Style::Regular, Colour::MUTED),
    );
    flow.advance(4.0);
    for sentence in outside_title_sentences(report) {
        flow.paragraph(&sentence, look);
        flow.advance(2.0);
    }
    flow.advance(4.0);
    for (heading, group, rows) in [
        ("By title", "Title", &report.rollup.by_title),
        ("By team", "Team", &report.rollup.by_team),
    ] {
        if rows.is_empty() {
            continue;
        }
        let (header, cells) = rollup_cells(report, group, rows, ROWS_SHOWN);
        let columns: Vec<Column> = header
            .into_iter()
            .enumerate()
            .map(|(i, name)| Column::named(Cow::Owned(name), if i == 0 { 3.0 } else { 1.0 }))
            .collect();
        let rows_shown = cells.len();
        let table_rows = cells
            .into_iter()
            .map(|row| row.into_iter().map(Cell::plain).collect())
            .collect();
        let table = table::Table::new(flow, heading, &columns, table_rows);
        flow.heading(heading, size::SUBHEADING, table.lead());
        table.draw(flow);
        if rows.len() > rows_shown {
            flow.paragraph(
                &format!(
                    "The {rows_shown} largest of {} are listed; the rest are in the JSON report and rollup.csv.",
                    thousands(rows.len())
                ),
                Look::new(size::BODY, Style::Bold, Colour::INK),
            );
        }
        flow.advance(8.0);
    }
}
