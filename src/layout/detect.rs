//! Which layout a sheet is in, when the user did not say. Every reader of [`READERS`] looks,
//! what speaks for and against each reading is kept, and the first that fits in the order
//! of preference is taken: a strong block of marks (whichever way round its labels read as
//! tasks), then letter columns, then a long form, then a list under a header of person and
//! task; when none fits, one party's column of marks as a last resort. The weighing goes
//! into the notes, so `inspect` can show why the sheet was read as it was and what came
//! next.

use serde::Serialize;

use super::reader::{rivals, Candidate, CloseCall, Found, Reader, Sheet, READERS};
use super::{DoubtKind, Extraction, LayoutError, LayoutKind, LayoutOptions};

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
    /// A reading that fits the sheet, with what speaks for and against it.
    pub(super) fn fits(
        layout: LayoutKind,
        (evidence_for, against): (Vec<String>, Vec<String>),
    ) -> Self {
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

    fn fits_the_sheet(&self) -> bool {
        self.verdict != Verdict::NotFound
    }
}

/// Picks the layout and reads the sheet in it.
pub(super) fn detect(sheet: Sheet, options: &LayoutOptions) -> Result<Extraction, LayoutError> {
    if sheet.table.rows.is_empty() {
        return Err(LayoutError::EmptySheet {
            location: sheet.table.location(None, None),
        });
    }
    // A tracker's export is known by the columns its tool writes, before any weighing: its
    // rows are issues, read as a list whatever else its cells might look like.
    if let Some(export) = super::tracker::recognise(&sheet.table, options) {
        return Box::new(export.header()).extract(sheet, options, "");
    }
    let mut weighing = Weighing::default();
    for group in READERS {
        weighing.group(&sheet, options, group);
    }
    let taken = match weighing.taken.take() {
        Some(taken) => Some(taken),
        None => weighing.last_resort(&sheet, options),
    };
    let mut extraction = match taken {
        Some(candidate) => candidate.extract(sheet, options, "")?,
        // Nothing fits: the sheet is read as a list after all, the most forgiving layout,
        // so that its error names the header it looked for.
        None => LayoutKind::List
            .reader()
            .find(&sheet, options)
            .and_then(|candidate| candidate.extract(sheet, options, ""))
            .map_err(no_layout)?,
    };
    if let Some(doubt) = weighing.doubt {
        extraction
            .notes
            .reading
            .add(DoubtKind::CloseLayout, doubt.says, doubt.settle);
    }
    judge(&mut weighing.weighed, extraction.notes.layout);
    passed_over(&mut extraction, &weighing.weighed);
    extraction.notes.weighed = weighing.weighed;
    Ok(extraction)
}

/// Every reading detection weighed so far, and the one it takes.
#[derive(Default)]
struct Weighing {
    weighed: Vec<Considered>,
    /// The first reading that fits, in the order of preference.
    taken: Option<Box<dyn Candidate>>,
    /// A rival of the reading taken came close.
    doubt: Option<CloseCall>,
    /// Where each group's readings end in `weighed`.
    group_ends: Vec<usize>,
}

impl Weighing {
    /// Every reader of a group looks; their readings are weighed, the likeliest first.
    fn group(&mut self, sheet: &Sheet, options: &LayoutOptions, group: &[&dyn Reader]) {
        let mut found: Vec<(LayoutKind, Found)> = group
            .iter()
            .map(|reader| (reader.kind(), reader.find(sheet, options)))
            .collect();
        let likeness = |found: &Found| found.as_ref().ok().and_then(|c| c.likeness());
        // The likelier first; on a tie, the group's order.
        found.sort_by(|(_, a), (_, b)| {
            likeness(b)
                .partial_cmp(&likeness(a))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let lead = found.first().and_then(|(_, found)| found.as_ref().ok());
        let mut fits = None;
        let mut doubt = None;
        for (index, (layout, found)) in found.iter().enumerate() {
            let considered = match found {
                Err(miss) => Considered::misses(*layout, miss_words(miss)),
                Ok(candidate) => {
                    let mut considered = candidate.weigh(sheet);
                    if let Some(lead) = lead.filter(|_| index > 0) {
                        let rivalry = lead.outranks(candidate.as_ref());
                        considered.against.extend(rivalry.against_rival);
                        doubt = doubt.or(rivalry.doubt);
                    }
                    considered
                }
            };
            if fits.is_none() && considered.fits_the_sheet() {
                fits = Some(index);
            }
            self.weighed.push(considered);
        }
        self.group_ends.push(self.weighed.len());
        if let (None, Some(index)) = (&self.taken, fits) {
            if index == 0 {
                self.doubt = doubt;
            }
            self.taken = found.swap_remove(index).1.ok();
        }
    }

    /// When no reading fits: the first reader's last resort, weighed with its group.
    fn last_resort(
        &mut self,
        sheet: &Sheet,
        options: &LayoutOptions,
    ) -> Option<Box<dyn Candidate>> {
        for (group, &end) in READERS.iter().zip(&self.group_ends) {
            for reader in group.iter() {
                if let Some(candidate) = reader.last_resort(sheet, options) {
                    self.weighed.insert(end, candidate.weigh(sheet));
                    return Some(candidate);
                }
            }
        }
        None
    }
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
    let mut runner_up = true;
    for (index, considered) in weighed.iter_mut().enumerate() {
        if index == taken || considered.verdict == Verdict::NotFound {
            continue;
        }
        if runner_up {
            considered.verdict = Verdict::RunnerUp;
            runner_up = false;
        }
        // A rival of the same group has said why it lost.
        if !rivals(layout, considered.layout) {
            considered.against.push(format!(
                "a {taken_name} reading comes first when both fit (preferred in order: a block of marks either way round, letter columns, a long form, one party's marks, a list)"
            ));
        }
    }
}

/// A block of marks taken while a reading of another kind fits too, losing only by the
/// order of preference: the sheet may be that kind (a tracker's columns of flags read as
/// marks, a list beside a chart), which the order cannot tell.
fn passed_over(extraction: &mut Extraction, weighed: &[Considered]) {
    let taken = extraction.notes.layout;
    // Letter columns headed "C" or "Consulted" name people as a list's header would: a
    // list fitting too says nothing there.
    if !matches!(taken, LayoutKind::Matrix | LayoutKind::Transposed) {
        return;
    }
    let Some(other) = weighed.iter().find(|c| {
        matches!(c.verdict, Verdict::RunnerUp | Verdict::PassedOver)
            && !c.one_party
            && !rivals(taken, c.layout)
    }) else {
        return;
    };
    let evidence = other
        .evidence_for
        .first()
        .map_or_else(String::new, |e| format!(" ({e})"));
    extraction.notes.reading.add(
        DoubtKind::OtherLayoutFits,
        format!(
            "read as a {taken}, which comes first, but a {} reading fits too{evidence}",
            other.name()
        ),
        format!("pass --layout {} if the sheet is one", other.layout),
    );
}

/// Why a reader found nothing, in words without the location the error leads with.
fn miss_words(error: &LayoutError) -> String {
    match error {
        LayoutError::NoMatrix { detail, .. } => detail.clone(),
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
