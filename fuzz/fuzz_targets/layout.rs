//! A grid of cells, partly from the words real team sheets use, through layout detection and
//! every forced layout: reading must give assignments or an error, never a panic.
//!
//! The bytes are decoded into cells by hand rather than with `arbitrary`, so that one byte can
//! place a header word or a RACI mark: random text alone almost never forms a header row or a
//! block of marks, and the fuzzer would spend its time on "no layout" errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall::input::{Cell, RawRow, RawTable};
use rolecall::layout::{extract, LayoutKind, LayoutOptions, Scheme};

const VOCABULARY: &[&str] = &[
    "Name",
    "Person",
    "Owner",
    "Title",
    "Role",
    "Job title",
    "Team",
    "Department",
    "Task",
    "Tasks",
    "Responsibility",
    "Activity",
    "Effort",
    "Hours",
    "Hours / week",
    "%",
    "Phase",
    "Category",
    "Notes",
    "R",
    "A",
    "C",
    "I",
    "S",
    "D",
    "RA",
    "R/A",
    "A, R",
    "x",
    "X",
    "✓",
    "-",
    "?",
    "Legend",
    "Total",
    "Count",
    "Product Manager",
    "Program Manager",
    "Technical Program Manager",
    "TPM",
    "PM",
    "Engineer",
    "Designer",
    "Ana",
    "Bo",
    "Chen Wei",
    "José Álvarez",
    "王芳",
    "Write the PRD",
    "Run the steering committee",
    "Own the launch readiness review",
    "Prioritise the roadmap",
    "Triage bugs; fix CI",
    "Plan sprint\nTrack risks",
    "4",
    "0.5",
    "10h",
    "2 days/week",
    "50%",
    "1,5",
    "n/a",
    "=SUM(A1:A9)",
];

/// Reads the grid: a byte below 0x10 starts a new row (skipping up to 3 blank ones), 0x10 to
/// 0x1f skips columns, 0x20 to 0xbf places a vocabulary word, and 0xc0 and above places the
/// next few bytes as literal text.
fn decode(data: &[u8]) -> RawTable {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut row: u32 = 1;
    let mut column: u32 = 0;
    let mut cells: Vec<Cell> = Vec::new();
    let mut i = 0;
    let mut flush = |row: u32, cells: &mut Vec<Cell>| {
        if !cells.is_empty() {
            rows.push(RawRow {
                number: row,
                cells: std::mem::take(cells),
            });
        }
    };
    while i < data.len() {
        let b = data[i];
        i += 1;
        let text = match b {
            0x00..=0x0f => {
                flush(row, &mut cells);
                row += 1 + u32::from(b & 3);
                column = 0;
                continue;
            }
            0x10..=0x1f => {
                column += u32::from(b & 7) + 1;
                continue;
            }
            0x20..=0xbf => VOCABULARY[usize::from(b - 0x20) % VOCABULARY.len()].to_string(),
            _ => {
                let len = usize::from(b & 0x1f).min(data.len() - i);
                let text = String::from_utf8_lossy(&data[i..i + len]).into_owned();
                i += len;
                text
            }
        };
        // Readers never store blank cells.
        if !text.trim().is_empty() {
            cells.push(Cell { column, text });
        }
        column += 1;
    }
    flush(row, &mut cells);
    RawTable {
        file: "fuzz.xlsx".to_string(),
        sheet: Some("Sheet1".to_string()),
        rows,
        merged: Vec::new(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let scheme = match first % 3 {
        0 => Scheme::Raci,
        1 => Scheme::Rasci,
        _ => Scheme::Daci,
    };
    // Now and then a header row named by the user, as with --header-row.
    let header_row = (first & 0x30 == 0x30).then_some(u32::from(first >> 6) + 1);
    let table = decode(rest);
    for layout in [
        None,
        Some(LayoutKind::List),
        Some(LayoutKind::Matrix),
        Some(LayoutKind::Transposed),
    ] {
        let options = LayoutOptions {
            layout,
            scheme,
            header_row,
            ..LayoutOptions::default()
        };
        if let Ok(extraction) = extract(table.clone(), &options) {
            for a in &extraction.assignments {
                assert!(!a.task.trim().is_empty(), "blank task from {table:?}");
                assert!(!a.person.trim().is_empty(), "blank person from {table:?}");
            }
        }
    }
});
