//! Prints every cell of every sheet of a file as rolecall's reader sees it, row by row with
//! the spreadsheet's own row numbers and column letters: what a person writing down how a
//! sheet should be read (the corpus's readings) looks at.
//!
//! ```sh
//! cargo run --release --example dump-sheet -- ../shared/realworld/township-raci.xlsx
//! ```
//!
//! A cell's line breaks show as `⏎`; merged ranges are listed before their sheet (the reader
//! copies a merged value into the blank cells of its range, so they show filled). A file that
//! cannot be read prints one line and exits 2.

use std::io::Write as _;
use std::process::ExitCode;

use rolecall::input::{column_letters, InputPath, Isolation, Limits, Workbook};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("dump-sheet: give a file");
        return ExitCode::from(2);
    };
    match dump(&InputPath::File(path.into())) {
        // A closed pipe (`| head`) is the reader having seen enough, not a failure.
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dump-sheet: {e}");
            ExitCode::from(2)
        }
    }
}

fn dump(input: &InputPath) -> Result<String, rolecall::input::InputError> {
    let mut workbook = Workbook::open(input, &Limits::default(), &Isolation::InProcess)?;
    let mut out = String::new();
    for (index, name) in workbook.sheet_names().into_iter().enumerate() {
        out.push_str(&format!(
            "== sheet {}: {}\n",
            index + 1,
            name.as_deref().unwrap_or("(no sheets: delimited text)")
        ));
        let table = match workbook.take_sheet(index) {
            Ok(table) => table,
            Err(e) => {
                out.push_str(&format!("   (unreadable: {e})\n"));
                continue;
            }
        };
        if !table.merged.is_empty() {
            let ranges: Vec<String> = table.merged.iter().map(ToString::to_string).collect();
            out.push_str(&format!("   merged: {}\n", ranges.join(", ")));
        }
        for row in &table.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| {
                    format!(
                        "{}={}",
                        column_letters(cell.column),
                        cell.text.replace("\r\n", "⏎").replace('\n', "⏎")
                    )
                })
                .collect();
            out.push_str(&format!("{:>5}: {}\n", row.number, cells.join(" | ")));
        }
    }
    Ok(out)
}
