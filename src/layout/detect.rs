//! Which layout a sheet is in, when the user did not say. Every reading is tried, what
//! speaks for and against each is kept, and the most likely one is taken: a strong block of
//! marks (whichever way round its labels read as tasks), then letter columns, then a long
//! form, then one party's column of marks, then a list under a header of person and task.
//! The weighing goes into the notes, so `inspect` can show why the sheet was read as it was
//! and what came next.

use serde::Serialize;

use super::grid::Grid;
use super::{
    header, letters, list, long, marks, matrix, Extraction, LayoutError, LayoutKind, LayoutOptions,
};
use crate::input::RawTable;

/// How a reading fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The sheet was read this way.
    Taken,
    /// The likeliest of the other readings that fit; its flag reads the sheet so.
    RunnerUp,
    /// Fits the sheet, but a likelier reading was taken.
    PassedOver,
    /// Does not fit the sheet: the evidence against says why.
    NotFound,
}

impl Verdict {
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Taken => "taken",
            Verdict::RunnerUp => "runner-up",
            Verdict::PassedOver => "passed over",
            Verdict::NotFound => "does not fit",
        }
    }
}

/// One reading that detection weighed, and what spoke for and against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Considered {
    pub layout: LayoutKind,
    /// Set for the chart of a single party, which reads in the matrix layout.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub one_party: bool,
    pub verdict: Verdict,
    #[serde(rename = "for")]
    pub evidence_for: Vec<String>,
    pub against: Vec<String>,
}

impl Considered {
    fn fits(layout: LayoutKind, (evidence_for, against): (Vec<String>, Vec<String>)) -> Self {
        Considered {
            layout,
            one_party: false,
            verdict: Verdict::PassedOver,
            evidence_for,
            against,
        }
    }

    fn misses(layout: LayoutKind, why: String) -> Self {
        Considered {
            layout,
            one_party: false,
            verdict: Verdict::NotFound,
            evidence_for: Vec::new(),
            against: vec![why],
        }
    }

    /// The reading's name, as the notes say it.
    pub fn name(&self) -> String {
        if self.one_party {
            format!("{} of one party", self.layout)
        } else {
            self.layout.to_string()
        }
    }
}

/// Two readings whose task-likeness differ by less than this are a close call, said aloud.
const CLOSE_READINGS: f64 = 0.5;

/// Picks the layout and reads the sheet in it.
pub(super) fn detect(table: RawTable, options: &LayoutOptions) -> Result<Extraction, LayoutError> {
    if table.rows.is_empty() {
        return Err(LayoutError::EmptySheet {
            location: table.location(None, None),
        });
    }
    let header = header::detect(&table, options);
    let letters = letters::find(&table, options);
    let long = long::find(&table, options);
    let mut weighed: Vec<Considered> = Vec::new();
    let mut taken: Option<Extraction> = None;
    // A matrix reading needs at least one cell that reads as RACI marks. A list of a
    // hundred thousand rows usually has none, and is then spared both matrix searches (and
    // the transposed copy of the sheet the second one needs).
    if marks::any_cell_reads_as_marks(&table) {
        let down = Grid::new(&table, false);
        let across = Grid::new(&table, true);
        let mut readings = [
            (&down, matrix::find(&down, options)),
            (&across, matrix::find(&across, options)),
        ];
        let likeness = |reading: &Option<matrix::Reading>| {
            reading
                .as_ref()
                .filter(|r| r.is_strong())
                .map(matrix::Reading::task_likeness)
        };
        // The likelier way round first; on a tie, tasks down: by far the commoner chart.
        if let (Some(a), Some(b)) = (likeness(&readings[0].1), likeness(&readings[1].1)) {
            if b > a {
                readings.swap(0, 1);
            }
        } else if likeness(&readings[0].1).is_none() && likeness(&readings[1].1).is_some() {
            readings.swap(0, 1);
        }
        let best = likeness(&readings[0].1);
        let doubt = match (best, likeness(&readings[1].1)) {
            (Some(a), Some(b)) if a - b < CLOSE_READINGS => {
                let (taken, flag, parties) = if readings[0].0.transposed {
                    ("across", "matrix", "across the top")
                } else {
                    ("down", "transposed", "down the side")
                };
                Some(format!(
                    "read with tasks {taken}, but the other way round read nearly as well (tasks {a:+.2} against {b:+.2}); pass --layout {flag} if the parties run {parties}"
                ))
            }
            _ => None,
        };
        for (index, (grid, reading)) in readings.iter().enumerate() {
            let layout = if grid.transposed {
                LayoutKind::Transposed
            } else {
                LayoutKind::Matrix
            };
            let Some(reading) = reading else {
                let why = if grid.transposed {
                    "no column of the first 20 has two rows of R/A/C/I marks beside it"
                } else {
                    "no row of the first 20 has two columns of R/A/C/I marks under it"
                };
                weighed.push(Considered::misses(layout, why.to_string()));
                continue;
            };
            let mut considered = Considered::fits(layout, reading.weigh(grid));
            if !reading.is_strong() {
                considered.verdict = Verdict::NotFound;
            } else if let (1, Some(best)) = (index, best) {
                considered.against.push(format!(
                    "the other way round reads more like tasks: {best:+.2} against {:+.2}, score and length together",
                    reading.task_likeness()
                ));
            }
            weighed.push(considered);
        }
        if let (Some(_), (grid, Some(reading))) = (best, &readings[0]) {
            let mut extraction = matrix::extract(grid, reading, options, reading.evidence(grid))?;
            extraction.notes.layout_doubt = doubt;
            taken = Some(extraction);
        } else if header.is_err() && letters.is_err() && long.is_err() {
            // No other layout reads: the sheet may be one party's chart, its marks down one
            // column, which is too weak a sign to weigh against anything else.
            if let Some(reading) = matrix::find_one_party(&down, options) {
                let mut considered = Considered::fits(LayoutKind::Matrix, reading.weigh(&down));
                considered.one_party = true;
                considered.against.push(
                    "one column of marks is weak evidence, read only when no other layout fits"
                        .to_string(),
                );
                weighed.push(considered);
                let reason = format!(
                    "{}; one party's marks only, so the rules that weigh parties against each other (one Accountable per task, who is consulted, who carries most) are not checked",
                    reading.evidence(&down)
                );
                taken = Some(matrix::extract(&down, &reading, options, reason)?);
            }
        }
    } else {
        for layout in [LayoutKind::Matrix, LayoutKind::Transposed] {
            weighed.push(Considered::misses(
                layout,
                "no cell of the sheet reads as R/A/C/I marks".to_string(),
            ));
        }
    }
    weighed.push(match &letters {
        Ok(reading) => Considered::fits(
            LayoutKind::LetterColumns,
            (vec![reading.evidence()], Vec::new()),
        ),
        Err(why) => Considered::misses(LayoutKind::LetterColumns, why.clone()),
    });
    weighed.push(match &long {
        Ok(reading) => Considered::fits(
            LayoutKind::LongForm,
            (vec![reading.evidence(&table)], Vec::new()),
        ),
        Err(why) => Considered::misses(LayoutKind::LongForm, why.clone()),
    });
    weighed.push(match &header {
        Ok(header) => Considered::fits(LayoutKind::List, (vec![header.evidence()], Vec::new())),
        Err(error) => Considered::misses(LayoutKind::List, list_miss(error)),
    });
    let mut extraction = match (taken, letters, long) {
        (Some(extraction), _, _) => extraction,
        (None, Ok(reading), _) => letters::extract(&table, &reading, ""),
        (None, _, Ok(reading)) => long::extract(&table, &reading, ""),
        (None, _, _) => list::extract(table, options, "").map_err(no_layout)?,
    };
    judge(&mut weighed, extraction.notes.layout);
    extraction.notes.weighed = weighed;
    Ok(extraction)
}

/// Marks the reading taken, the runner-up among the rest that fit, and why each of those
/// lost: the order of preference, or for the matrix the way round.
fn judge(weighed: &mut [Considered], layout: LayoutKind) {
    let Some(taken) = weighed
        .iter()
        .position(|c| c.verdict != Verdict::NotFound && c.layout == layout)
    else {
        return;
    };
    weighed[taken].verdict = Verdict::Taken;
    let taken_name = weighed[taken].name();
    let orientation =
        |layout: LayoutKind| matches!(layout, LayoutKind::Matrix | LayoutKind::Transposed);
    let mut runner_up = true;
    for (index, considered) in weighed.iter_mut().enumerate() {
        if index == taken || considered.verdict == Verdict::NotFound {
            continue;
        }
        if runner_up {
            considered.verdict = Verdict::RunnerUp;
            runner_up = false;
        }
        if !(orientation(layout) && orientation(considered.layout)) {
            considered.against.push(format!(
                "a {taken_name} reading comes first when both fit (preferred in order: a block of marks either way round, letter columns, a long form, one party's marks, a list)"
            ));
        }
    }
}

/// Why no list header was found, in words without the location the error leads with.
fn list_miss(error: &LayoutError) -> String {
    match error {
        LayoutError::MissingColumn { location, role, .. } => format!(
            "the header row likeliest to be one ({}) names no {role} column",
            location
                .row
                .map_or_else(String::new, |row| format!("row {row}"))
        ),
        LayoutError::NoHeader { searched, .. } => {
            format!("no row of the first {searched} names a person and a task column")
        }
        LayoutError::UnknownColumn { spec, .. } => {
            format!("no header row has a column \"{spec}\"")
        }
        other => other.to_string(),
    }
}

/// A sheet no reading fits: say which layouts were looked for, and the flags.
fn no_layout(error: LayoutError) -> LayoutError {
    match error {
        LayoutError::NoHeader {
            location,
            searched,
            first_row,
        } => LayoutError::NoLayout {
            location,
            hint: format!(
                "searched the first {searched} rows (first row seen: {}); name the layout with --layout list|matrix|transposed and the header with --header-row N",
                super::list(&first_row)
            ),
        },
        other => other,
    }
}
