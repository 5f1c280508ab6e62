//! Caps on what one input may cost. Team sheets are emailed around and opened by people who
//! trust them, so a file must never be able to take the process down: every cap is checked
//! while reading, before the cost is paid, and the error names the cap and the flag that
//! raises it.

use std::fmt;
use std::time::Duration;

/// The caps one read works within. The defaults leave room for an organisation-wide export
/// (a million rows of a few columns) and stop well short of what a laptop can hold: ten
/// million cells of short text take about 600 MB while read, within the memory cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Non-blank cells in one sheet (a CSV file is one sheet).
    pub max_cells: u64,
    /// Characters in one cell. Excel and LibreOffice hold at most 32,767, so a longer cell
    /// came from a script or an attack, not a team.
    pub max_cell_chars: usize,
    /// Bytes of input: a CSV file's size, or what a zip-based workbook (xlsx, xlsm, xlsb,
    /// ods) unpacks to, summed over its entries (a few kilobytes can claim gigabytes). A CSV
    /// streams through the parser, so its size costs no memory, but the text of its cells
    /// is kept: 256 MB is twice a million-row export, and past it a dense sheet's run would
    /// need gigabytes.
    pub max_input_bytes: u64,
    /// Worksheets in one workbook.
    pub max_sheets: usize,
    /// Address space of the process that parses a workbook. The parser runs in a child
    /// process under this cap, so a file that makes it allocate without bound ends that
    /// child, not rolecall.
    pub max_memory_bytes: u64,
    /// Wall time the workbook parser may take.
    pub timeout: Duration,
    /// Tasks (one per person and task) the input's cells may split into.
    pub max_tasks: usize,
    /// Cells that repeat counts may add to one workbook: an ods writes identical consecutive
    /// rows or cells once with a count, and a row of values repeated a million times is a
    /// million rows from a few bytes. Each copy past the first counts; empty rows and cells
    /// repeat free. A team sheet repeats a few identical rows or marks, nowhere near this.
    pub max_repeated_cells: u64,
    /// People an audit may take: each costs a record, a place in the rules' tallies and
    /// often a finding, about 3 KB in all, so that the default keeps a sheet of one task a
    /// person under 1 GiB (a million names took 1.95 GB and wrote a 5.5 GB report).
    pub max_people: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cells: 10_000_000,
            max_cell_chars: 32_767,
            max_input_bytes: 256 * 1024 * 1024,
            max_sheets: 1_000,
            max_memory_bytes: 1024 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            max_tasks: 2_000_000,
            max_repeated_cells: 100_000,
            max_people: 250_000,
        }
    }
}

/// Which cap a read ran into, for the error message: its name as a person reads it and the
/// flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Limit {
    Cells,
    CellChars,
    InputBytes,
    Sheets,
    Memory,
    Time,
    RepeatedCells,
}

impl Limit {
    pub fn flag(self) -> &'static str {
        match self {
            Limit::Cells => "--max-cells",
            Limit::CellChars => "--max-cell-chars",
            Limit::InputBytes => "--max-input-mb",
            Limit::Sheets => "--max-sheets",
            Limit::Memory => "--max-memory-mb",
            Limit::Time => "--read-timeout",
            Limit::RepeatedCells => "--max-repeated-cells",
        }
    }

    /// The cap's value under `limits`, in the unit its flag takes.
    pub fn value(self, limits: &Limits) -> String {
        const MIB: u64 = 1024 * 1024;
        match self {
            Limit::Cells => limits.max_cells.to_string(),
            Limit::CellChars => limits.max_cell_chars.to_string(),
            Limit::InputBytes => format!("{} MB", limits.max_input_bytes / MIB),
            Limit::Sheets => limits.max_sheets.to_string(),
            Limit::Memory => format!("{} MB", limits.max_memory_bytes / MIB),
            Limit::Time => format!("{} s", limits.timeout.as_secs()),
            Limit::RepeatedCells => limits.max_repeated_cells.to_string(),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Cells => "cells",
            Limit::CellChars => "characters a cell",
            Limit::InputBytes => "of input",
            Limit::Sheets => "sheets",
            Limit::Memory => "of memory for reading",
            Limit::Time => "for reading",
            Limit::RepeatedCells => "repeated cells",
        })
    }
}

/// Counts what a read has taken so far and says when it passes a cap.
#[derive(Debug)]
pub(crate) struct Budget {
    limits: Limits,
    cells: u64,
}

/// A cap passed, and how far: `found` is what the input asked for, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exceeded {
    pub limit: Limit,
    pub found: Option<u64>,
}

impl Budget {
    pub(crate) fn new(limits: Limits) -> Budget {
        Budget { limits, cells: 0 }
    }

    /// Takes one non-blank cell of `text`.
    pub(crate) fn take_cell(&mut self, text: &str) -> Result<(), Exceeded> {
        // Bytes bound characters from above: count characters only when it could matter.
        if text.len() > self.limits.max_cell_chars {
            let chars = text.chars().count();
            if chars > self.limits.max_cell_chars {
                return Err(Exceeded {
                    limit: Limit::CellChars,
                    found: Some(chars as u64),
                });
            }
        }
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(Exceeded {
                limit: Limit::Cells,
                found: None,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_stops_at_the_cell_and_length_caps() {
        let mut budget = Budget::new(Limits {
            max_cells: 2,
            max_cell_chars: 3,
            ..Limits::default()
        });
        assert_eq!(budget.take_cell("abc"), Ok(()));
        // Three characters in six bytes is within the cap.
        assert_eq!(budget.take_cell("äöü"), Ok(()));
        assert_eq!(
            budget.take_cell("x"),
            Err(Exceeded {
                limit: Limit::Cells,
                found: None
            })
        );
        let mut budget = Budget::new(Limits {
            max_cell_chars: 3,
            ..Limits::default()
        });
        assert_eq!(
            budget.take_cell("abcd"),
            Err(Exceeded {
                limit: Limit::CellChars,
                found: Some(4)
            })
        );
    }

    #[test]
    fn every_limit_names_its_flag_and_value() {
        let limits = Limits::default();
        assert_eq!(Limit::Memory.value(&limits), "1024 MB");
        assert_eq!(Limit::Time.value(&limits), "60 s");
        assert_eq!(Limit::CellChars.flag(), "--max-cell-chars");
    }
}
