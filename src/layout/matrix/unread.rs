//! Marks a chart's reading could give no RACI meaning, and the legend it read them by,
//! said in the reading's doubts: an unknown mark is listed by its cells, never dropped
//! silently, and a mark the sheet's legend explains (or explains anew) is named with the
//! meaning taken, so that a reader can check the key was heard right.

use std::collections::BTreeMap;

use super::super::grid::Grid;
use super::super::marks::{looks_like_mark, read_cell, CellMarks, Scheme};
use super::super::meanings::Meaning;
use super::super::SkipReason;
use super::super::{DoubtKind, ReadingDoubt, UnreadMark};
use super::legend::Key;
use super::lines::legend_or_total;
use super::reading::Reading;
use crate::input::column_letters;

/// Whether a sheet cell (row 1-based, column 0-based) belongs to the chart rather than to
/// a legend: on the header line or on a line whose party cells hold marks or short codes
/// like them (a task's unknown "Q" beside its text is no key), anywhere up
/// to the chart's last party or its task text. A legend beside the chart, or under it
/// where no marks stand or on a line that reads as one, is left to be read.
pub(super) fn in_chart(grid: &Grid<'_>, reading: &Reading, row: u32, column: u32) -> bool {
    let (line, position) = if grid.transposed {
        (column + 1, row - 1)
    } else {
        (row, column)
    };
    let right_edge = reading
        .parties
        .iter()
        .copied()
        .chain([reading.label])
        .max()
        .unwrap_or(0);
    if position > right_edge || line < reading.header {
        return false;
    }
    if line == reading.header {
        return true;
    }
    let Ok(at) = grid.lines.binary_search_by_key(&line, |l| l.number) else {
        return false;
    };
    let line = &grid.lines[at];
    // "D | Driver" under the chart: a word where a mark would stand, but a legend's line.
    legend_or_total(line) != Some(SkipReason::Legend)
        && reading
            .parties
            .iter()
            .any(|&p| line.get(p).is_some_and(looks_like_mark))
}

/// Cells of unknown marks, as a share of all the marked cells, from which they weigh as
/// a doubt of their own; fewer weigh [`STRAY_MARKS_FACTOR`].
const UNKNOWN_MARKS_SHARE: f64 = 0.1;
const STRAY_MARKS_FACTOR: f64 = 0.85;

/// Cells named for each unknown mark: enough to find them, few enough to read.
const CELLS_NAMED: usize = 3;

/// Marks the scheme does not know are left out of the chart: a reading that drops them may
/// drop the sheet's whole meaning ("Q", "P"/"S" for primary and support), so each is
/// listed with the cells it stands in. A few stray short texts among many marks (a typo,
/// "TBD") weigh less than a share of them ([`UNKNOWN_MARKS_SHARE`]) or any word. Marks
/// the legend explains outside RACI are said by [`legend_doubt`], not here.
pub(super) fn unknown_marks_doubt(
    doubt: &mut ReadingDoubt,
    unread: &BTreeMap<String, Vec<UnreadMark>>,
    known: usize,
    scheme: Scheme,
) {
    let unknown: Vec<(&String, Vec<&UnreadMark>)> = unread
        .iter()
        .map(|(text, marks)| {
            let cells = marks.iter().filter(|m| m.explained.is_none()).collect();
            (text, cells)
        })
        .filter(|(_, cells): &(_, Vec<_>)| !cells.is_empty())
        .collect();
    if unknown.is_empty() {
        return;
    }
    let cells: usize = unknown.iter().map(|(_, c)| c.len()).sum();
    // Only short texts count as stray (a letter, "TBD"): a word where marks stand says
    // the line may be no task.
    let letters_only = unknown.iter().all(|(text, _)| text.chars().count() <= 3);
    let factor = if !letters_only || cells as f64 >= (cells + known) as f64 * UNKNOWN_MARKS_SHARE {
        DoubtKind::UnknownMarks.factor()
    } else {
        STRAY_MARKS_FACTOR
    };
    let mut listed = unknown;
    listed.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut named: Vec<String> = listed
        .iter()
        .take(5)
        .map(|(text, at)| {
            let n = at.len();
            let shown: Vec<&str> = at
                .iter()
                .take(CELLS_NAMED)
                .map(|m| m.cell.as_str())
                .collect();
            format!(
                "\"{text}\" ({n} cell{}: {}{})",
                if n == 1 { "" } else { "s" },
                shown.join(", "),
                if n > CELLS_NAMED { ", ..." } else { "" }
            )
        })
        .collect();
    if listed.len() > 5 {
        named.push(format!("{} more", listed.len() - 5));
    }
    doubt.add_weighed(
        DoubtKind::UnknownMarks,
        factor,
        format!(
            "{cells} cell{} where marks stand hold no {} mark and were left out: {}",
            if cells == 1 { "" } else { "s" },
            scheme.name().to_uppercase(),
            named.join(", ")
        ),
        "pass --scheme rasci or daci if the sheet uses those letters, or explain the marks in a legend on the sheet",
    );
}

/// What a legend entry's meaning is, in a doubt's words.
fn said_as(meaning: Meaning) -> String {
    match meaning {
        Meaning::Marks(m) => m.to_string(),
        Meaning::NotInvolved => "no part".into(),
        Meaning::Outside => "no RACI mark, kept aside".into(),
    }
}

/// The marks the sheet's legend gave a meaning the scheme would not have, among those
/// the chart's cells hold (`texts`): a key read wrong would change every finding on
/// them, so it is said, with the legend's cell. A legend that gives one of the scheme's
/// own letters another meaning ("A | Auxiliary") weighs more than one that defines new
/// letters.
pub(super) fn legend_doubt<'t>(
    doubt: &mut ReadingDoubt,
    key: &Key,
    scheme: Scheme,
    texts: impl Iterator<Item = &'t String>,
) {
    let tokens: Vec<String> = texts
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric() && !"✓✔●•★".contains(c))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut redefined = false;
    let mut said: Vec<String> = Vec::new();
    let mut first = None;
    for entry in &key.entries {
        let own = read_cell(&entry.mark, scheme);
        let changes = match (own, entry.meaning) {
            (CellMarks::Marks(m), Meaning::Marks(n)) => m != n,
            (CellMarks::None, Meaning::NotInvolved) => false,
            _ => true,
        };
        if !changes || !tokens.contains(&entry.mark.to_lowercase()) {
            continue;
        }
        let mut one = match own {
            CellMarks::Marks(m) => {
                redefined = true;
                format!(
                    "\"{}\" = {} ({}, not {m})",
                    entry.mark,
                    entry.words,
                    said_as(entry.meaning)
                )
            }
            _ => format!(
                "\"{}\" = {} ({})",
                entry.mark,
                entry.words,
                said_as(entry.meaning)
            ),
        };
        // "D | Driver | Assists those who are responsible": the name is read, and the
        // explanation beside it that says otherwise is said, weighing as a redefinition.
        if let Some((words, meaning)) = &entry.disagrees {
            redefined = true;
            one.push_str(&format!(
                ", though its explanation \"{words}\" reads as {}",
                said_as(*meaning)
            ));
        }
        said.push(one);
        first = first.or(Some(entry));
    }
    let Some(first) = first else {
        return;
    };
    let at = format!("cell {}{}", column_letters(first.column), first.row);
    doubt.add(
        if redefined {
            DoubtKind::LegendRedefines
        } else {
            DoubtKind::LegendMarks
        },
        format!(
            "the sheet's legend ({at}) explains marks the {} scheme does not read so: {}",
            scheme.name().to_uppercase(),
            said.join(", ")
        ),
        "rolecall inspect shows each cell's marks; a legend read wrong is settled by --scheme or by spelling it \"X = Meaning\"",
    );
}
