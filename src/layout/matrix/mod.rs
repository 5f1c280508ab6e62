//! The matrix layout: tasks down one side, parties (people or role titles) across the other,
//! RACI marks where they meet.
//!
//! Reading happens in two steps. The party search (`search`) looks for the line of party
//! names: the line under which some positions hold mostly marks. The extraction (`extract`)
//! then reads every line under it as a task, a task-group heading, a legend or a total
//! (`lines` tells which), and turns each mark into an assignment. Both work on a [`Grid`],
//! so a transposed chart is the same code run on the sheet's columns.
//!
//! What tells a heading from a task nobody is marked on: a heading has no marks and either
//! fills its whole line (a merged cell), stands left of the task column, lacks the number
//! every task has, or reads as one ("Phase 2: Build", "LAUNCH", "Discovery:"). Anything else
//! unmarked is a task, and the RACI rules report it as unassigned.

mod extract;
mod legend;
mod lines;
mod parties;
mod reading;
mod search;
mod survey;
mod unread;

use super::detect::{Considered, Verdict};
use super::grid::Grid;
use super::reader::{Candidate, CloseCall, Found, Reader, Rivalry, Sheet};
use super::{Extraction, LayoutError, LayoutKind, LayoutOptions};
use reading::Reading;

pub(in crate::layout) use lines::{looks_like_heading, taskiness};

/// The matrix reader one way round: the same search and extraction run on the sheet's rows
/// (tasks down) or on its columns (tasks across, the transposed layout).
pub(super) struct MatrixReader {
    transposed: bool,
}

pub(super) const TASKS_DOWN: MatrixReader = MatrixReader { transposed: false };
pub(super) const TASKS_ACROSS: MatrixReader = MatrixReader { transposed: true };

/// The layout a matrix reads as, one way round or the other.
fn layout(transposed: bool) -> LayoutKind {
    if transposed {
        LayoutKind::Transposed
    } else {
        LayoutKind::Matrix
    }
}

/// Two readings whose task-likeness differ by less than this are a close call, said aloud.
const CLOSE_READINGS: f64 = 0.5;

impl MatrixReader {
    fn miss(&self, sheet: &Sheet, detail: &str) -> LayoutError {
        LayoutError::NoMatrix {
            location: sheet.table.location(None, None),
            layout: self.kind(),
            detail: detail.to_string(),
        }
    }

    fn found(&self, reading: Reading, one_party: bool) -> Box<dyn Candidate> {
        Box::new(Block {
            transposed: self.transposed,
            reading,
            one_party,
        })
    }
}

impl Reader for MatrixReader {
    fn kind(&self) -> LayoutKind {
        layout(self.transposed)
    }

    fn find(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        if !sheet.any_marks() {
            return Err(self.miss(sheet, "no cell of the sheet reads as R/A/C/I marks"));
        }
        match search::find(&sheet.grid(self.transposed), options) {
            Some(reading) => Ok(self.found(reading, false)),
            None if self.transposed => Err(self.miss(
                sheet,
                "no column of the first 20 has two rows of R/A/C/I marks beside it",
            )),
            None => Err(self.miss(
                sheet,
                "no row of the first 20 has two columns of R/A/C/I marks under it",
            )),
        }
    }

    /// Named, any block of marks is read, however weak, and failing one, one party's marks.
    fn find_named(&self, sheet: &Sheet, options: &LayoutOptions) -> Found {
        let grid = sheet.grid(self.transposed);
        search::find(&grid, options)
            .or_else(|| search::find_one_party(&grid, options))
            .map(|reading| self.found(reading, false))
            .ok_or_else(|| {
                self.miss(
                    sheet,
                    "no two columns of R/A/C/I marks stand under a row of names",
                )
            })
    }

    /// The sheet may be one party's chart, its marks down one column: too weak a sign to
    /// weigh against anything else.
    fn last_resort(&self, sheet: &Sheet, options: &LayoutOptions) -> Option<Box<dyn Candidate>> {
        if !sheet.any_marks() {
            return None;
        }
        search::find_one_party(&sheet.grid(self.transposed), options)
            .map(|reading| self.found(reading, true))
    }
}

/// A block of marks found on the sheet one way round.
struct Block {
    transposed: bool,
    reading: Reading,
    /// Found as a last resort: one party's marks.
    one_party: bool,
}

impl Block {
    fn grid<'s>(&self, sheet: &'s Sheet) -> Grid<'s> {
        sheet.grid(self.transposed)
    }
}

impl Candidate for Block {
    fn weigh(&self, sheet: &Sheet) -> Considered {
        let evidence = self.reading.weigh(&self.grid(sheet));
        let mut considered = Considered::fits(layout(self.transposed), evidence);
        if self.one_party {
            considered.one_party = true;
            considered.against.push(
                "one column of marks is weak evidence, read only when no other layout fits"
                    .to_string(),
            );
        } else if !self.reading.is_strong() {
            considered.verdict = Verdict::NotFound;
        }
        considered
    }

    /// Whichever way round its labels read more as tasks.
    fn likeness(&self) -> Option<f64> {
        self.reading
            .is_strong()
            .then(|| self.reading.task_likeness())
    }

    fn outranks(&self, rival: &dyn Candidate) -> Rivalry {
        let (Some(best), Some(other)) = (self.likeness(), rival.likeness()) else {
            return Rivalry::default();
        };
        let doubt = (best - other < CLOSE_READINGS).then(|| {
            let (taken, flag, parties) = if self.transposed {
                ("across", "matrix", "across the top")
            } else {
                ("down", "transposed", "down the side")
            };
            CloseCall {
                says: format!(
                    "read with tasks {taken}, but the other way round read nearly as well (tasks {best:+.2} against {other:+.2})"
                ),
                settle: format!("pass --layout {flag} if the parties run {parties}"),
            }
        });
        Rivalry {
            against_rival: Some(format!(
                "the other way round reads more like tasks: {best:+.2} against {other:+.2}, score and length together"
            )),
            doubt,
        }
    }

    fn extract(
        self: Box<Self>,
        sheet: Sheet,
        options: &LayoutOptions,
        named: &str,
    ) -> Result<Extraction, LayoutError> {
        let grid = self.grid(&sheet);
        let mut reason = super::reason(named, self.reading.evidence(&grid));
        if self.one_party {
            reason.push_str("; one party's marks only, so the rules that weigh parties against each other (one Accountable per task, who is consulted, who carries most) are not checked");
        }
        extract::extract(&grid, &self.reading, options, reason)
    }
}
