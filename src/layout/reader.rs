//! The one shape every layout's reader has. Detection weighs every reader in one loop over
//! [`READERS`], and `--layout` reads through the same two steps, so a layout is known to
//! rolecall by its reader alone: the recipe for adding one is in the module docs of
//! [`layout`](super).
//!
//! A reader finds a [`Candidate`]: where its layout lies on the sheet, which can say what
//! speaks for and against it and then read the sheet. Finding is cheap next to reading, and
//! every reader finds before any reads, so the notes can tell why each reading lost.

use std::cell::OnceCell;

use super::detect::Considered;
use super::grid::{columns_as_lines, Grid};
use super::marks::any_cell_reads_as_marks;
use super::{letters, list, long, matrix, Extraction, LayoutError, LayoutKind, LayoutOptions};
use crate::input::{RawRow, RawTable};

/// A sheet being read, with the views of it that several readers ask for, each made once.
pub(super) struct Sheet {
    pub table: RawTable,
    /// The sheet's columns as lines, made when a reader first turns the sheet over.
    columns: OnceCell<Vec<RawRow>>,
    any_marks: OnceCell<bool>,
}

impl Sheet {
    pub fn new(table: RawTable) -> Sheet {
        Sheet {
            table,
            columns: OnceCell::new(),
            any_marks: OnceCell::new(),
        }
    }

    /// The sheet as lines of cells: its rows, or turned over, its columns.
    pub fn grid(&self, transposed: bool) -> Grid<'_> {
        let lines = if transposed {
            self.columns.get_or_init(|| columns_as_lines(&self.table))
        } else {
            &self.table.rows
        };
        Grid {
            table: &self.table,
            transposed,
            lines,
        }
    }

    /// Whether any cell reads as RACI marks. A chart needs one; a list of a hundred thousand
    /// rows usually has none, and is then spared the chart searches and the turned-over copy.
    pub fn any_marks(&self) -> bool {
        *self
            .any_marks
            .get_or_init(|| any_cell_reads_as_marks(&self.table))
    }

    /// The table itself, for a reader that frees its rows as it reads them.
    pub fn into_table(self) -> RawTable {
        self.table
    }
}

/// What a reader finds: a candidate, or an error saying why its layout does not fit.
pub(super) type Found = Result<Box<dyn Candidate>, LayoutError>;

/// A reader's finding from a search that says in words why its layout does not fit: the
/// letter-column and long-form readers search this way.
pub(super) fn found<C: Candidate + 'static>(
    kind: LayoutKind,
    sheet: &Sheet,
    search: Result<C, String>,
) -> Found {
    match search {
        Ok(reading) => Ok(Box::new(reading)),
        Err(detail) => Err(LayoutError::NoMatrix {
            location: sheet.table.location(None, None),
            layout: kind,
            detail,
        }),
    }
}

/// Finds one layout on a sheet.
pub(super) trait Reader {
    fn kind(&self) -> LayoutKind;

    /// Looks for the layout unbidden: where it lies, or an error saying why it does not fit
    /// (detection keeps only the words). A candidate may still be too weak to be taken; its
    /// [`Candidate::weigh`] says so.
    fn find(&self, sheet: &Sheet, options: &LayoutOptions) -> Found;

    /// Looks for the layout the user named with `--layout`: the reader may accept weaker
    /// evidence than it would unbidden.
    fn find_named(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        self.find(sheet, options)
    }

    /// A reading too weak to weigh against the others, taken only when no reader's
    /// candidate fits (one party's marks down one column).
    fn last_resort(&self, _sheet: &Sheet, _options: &LayoutOptions) -> Option<Box<dyn Candidate>> {
        None
    }
}

/// Where a reader found its layout, before the sheet is read.
pub(super) trait Candidate {
    /// What speaks for the reading and against it, for the notes; its verdict is
    /// [`Verdict::NotFound`](super::Verdict::NotFound) when the reading is too weak to take
    /// unbidden.
    fn weigh(&self, sheet: &Sheet) -> Considered;

    /// How well the reading holds against its rivals, the readers of its group in
    /// [`READERS`]: the likeliest is preferred. `None` when it is too weak to be taken.
    fn likeness(&self) -> Option<f64> {
        None
    }

    /// What to say when this reading outranks `rival`, a likelier reading of its group.
    fn outranks(&self, _rival: &dyn Candidate) -> Rivalry {
        Rivalry::default()
    }

    /// Reads the sheet; `named` is the flag that named the layout, empty when detected.
    fn extract(
        self: Box<Self>,
        sheet: Sheet,
        options: &LayoutOptions,
        named: &str,
    ) -> Result<Extraction, LayoutError>;
}

/// What a reading says of a rival it outranks.
#[derive(Debug, Default)]
pub(super) struct Rivalry {
    /// Why the rival lost, added to its evidence against.
    pub against_rival: Option<String>,
    /// The rival came close: said in the notes of the sheet read this way.
    pub doubt: Option<CloseCall>,
}

/// A rival reading that came close: what was read, with the evidence, and the flag that
/// reads the sheet the rival's way.
#[derive(Debug)]
pub(super) struct CloseCall {
    pub says: String,
    pub settle: String,
}

/// Every reader, in the order detection prefers them when several fit. Readers in one group
/// read the same evidence in different ways (a block of marks, tasks down or tasks across)
/// and are ranked by [`Candidate::likeness`] rather than by their order.
pub(super) const READERS: &[&[&dyn Reader]] = &[
    &[&matrix::TASKS_DOWN, &matrix::TASKS_ACROSS],
    &[&letters::LetterColumns],
    &[&long::LongForm],
    &[&list::List],
];

/// Whether two layouts are read by rivals of one group of [`READERS`].
pub(super) fn rivals(a: LayoutKind, b: LayoutKind) -> bool {
    READERS
        .iter()
        .any(|group| group.iter().any(|r| r.kind() == a) && group.iter().any(|r| r.kind() == b))
}

impl LayoutKind {
    /// The reader of this layout, which `--layout` reads with.
    pub(super) fn reader(self) -> &'static dyn Reader {
        match self {
            LayoutKind::List => &list::List,
            LayoutKind::Matrix => &matrix::TASKS_DOWN,
            LayoutKind::Transposed => &matrix::TASKS_ACROSS,
            LayoutKind::LetterColumns => &letters::LetterColumns,
            LayoutKind::LongForm => &long::LongForm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_has_its_reader_once_in_the_detection_order() {
        for kind in LayoutKind::ALL {
            assert_eq!(kind.reader().kind(), kind);
            let listed = READERS
                .iter()
                .flat_map(|g| g.iter())
                .filter(|r| r.kind() == kind);
            assert_eq!(listed.count(), 1, "{kind} in READERS");
        }
        let readers: usize = READERS.iter().map(|g| g.len()).sum();
        assert_eq!(readers, LayoutKind::ALL.len());
    }
}
