//! Where a cell lives, written as a spreadsheet program shows it (rows from 1, columns as
//! letters), so that every message can send a person to the exact cell in their own sheet.

use std::fmt;

/// Where a cell lives, as the spreadsheet program shows it (rows 1-based, columns as letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<u32>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ": sheet \"{sheet}\"")?;
        }
        match (self.row, self.column) {
            (Some(row), Some(col)) => write!(f, ", cell {}{row}", column_letters(col)),
            (Some(row), None) => write!(f, ", row {row}"),
            (None, Some(col)) => write!(f, ", column {}", column_letters(col)),
            (None, None) => Ok(()),
        }
    }
}

/// Spreadsheet column name for a 0-based index: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The inverse of [`column_letters`], for user-typed column names such as `c` or `AB`.
pub fn parse_column_letters(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 3 || !text.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u64 = 0;
    for c in text.to_ascii_uppercase().bytes() {
        n = n * 26 + u64::from(c - b'A' + 1);
    }
    u32::try_from(n - 1).ok().filter(|&i| i < 16_384)
}
