//! A sheet's own key to its marks. A chart may define letters beyond its scheme's ("D |
//! Driver", "S = Support") in a legend under the chart; its cells are read through that key
//! before a letter is called unknown, and an unknown one is told with the letters the scheme
//! knows.

use super::super::marks::{read_cell, CellMarks, Marks, Scheme};
use crate::input::RawRow;

/// Letters a legend on the sheet defines beyond the scheme's own ("D | Driver", "S = Support"),
/// each read as the mark its meaning names under any scheme: the sheet's own key wins over
/// a warning that the letter is unknown.
pub(super) fn legend_letters(lines: &[RawRow], scheme: Scheme) -> Vec<(String, Marks)> {
    let mut defined: Vec<(String, Marks)> = Vec::new();
    for line in lines {
        let Some(first) = line.cells.first() else {
            continue;
        };
        let mut tokens = first
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty());
        let Some(letter) = tokens.next().filter(|t| t.chars().count() == 1) else {
            continue;
        };
        let meaning = match tokens.next() {
            Some(word) => word.to_string(),
            None => line
                .cells
                .get(1)
                .and_then(|c| {
                    c.text
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|t| !t.is_empty())
                })
                .unwrap_or("")
                .to_string(),
        };
        if meaning.chars().count() < 2
            || !matches!(read_cell(letter, scheme), CellMarks::Unknown)
            || defined.iter().any(|(l, _)| l.eq_ignore_ascii_case(letter))
        {
            continue;
        }
        let marks = Scheme::ALL
            .into_iter()
            .find_map(|s| match read_cell(&meaning, s) {
                CellMarks::Marks(m) => Some(m),
                _ => None,
            });
        if let Some(marks) = marks {
            defined.push((letter.to_uppercase(), marks));
        }
    }
    defined
}

/// A cell under the scheme, or failing that through the letters the sheet's legend defines
/// ("D", "R/S").
pub(super) fn read_with_legend(
    text: &str,
    scheme: Scheme,
    defined: &[(String, Marks)],
) -> CellMarks {
    let read = read_cell(text, scheme);
    if !matches!(read, CellMarks::Unknown) || defined.is_empty() {
        return read;
    }
    let mut marks = Marks::default();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let known = match read_cell(token, scheme) {
            CellMarks::Marks(m) => Some(m),
            _ => defined
                .iter()
                .find(|(letter, _)| letter.eq_ignore_ascii_case(token))
                .map(|(_, m)| *m),
        };
        match known {
            Some(m) => marks = marks.union(m),
            None => return CellMarks::Unknown,
        }
    }
    if marks.is_empty() {
        CellMarks::Unknown
    } else {
        CellMarks::Marks(marks)
    }
}

/// The marks the scheme knows, in words, for the warning on a cell it does not.
pub(super) fn scheme_letters(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Raci => "R, A, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Rasci => "R, A, S, C, I, their full words, or x / ✓ / yes for R",
        Scheme::Daci => "D, A, C, I, Driver, Approver, Contributor, Informed, or x / ✓ / yes for D",
    }
}
