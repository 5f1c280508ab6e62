//! Everything rolecall says on stderr besides the progress bar: the error a run ends with,
//! and the warnings a report also holds but that must not go unseen. One place, so that
//! every line starts with "rolecall: " and no user text in it (a file, a sheet, a cell) can
//! break the line or act on the terminal.

use crate::audit::{AuditReport, FindingKind};
use crate::compare::Comparison;
use crate::error::Error;
use crate::layout::{InputNotes, SheetNotes};
use crate::text::sanitise;

/// One warning line: "rolecall: PLACE: MESSAGE", both parts sanitised.
pub fn warn(place: &str, message: &str) {
    eprintln!("rolecall: {}: {}", sanitise(place), sanitise(message));
}

/// One line of news about a run that went well, for the reader beside its output.
pub(super) fn note(message: &str) {
    eprintln!("rolecall: {}", sanitise(message));
}

/// The one line a failed run ends with, never a backtrace.
pub fn error(error: &Error) {
    eprintln!("rolecall: {}", sanitise(&error.to_string()));
}

/// A sheet read in doubt, one line each: a report built on a wrong reading would read as
/// confidently as any other. Printed under `--quiet` too, like every warning: quiet draws
/// no progress, it does not hide what may be wrong.
pub(super) fn reading_doubts(notes: &InputNotes) {
    for sheet in notes.sheets.iter().filter(|s| s.reading.in_doubt) {
        warn(
            &place(&notes.file, sheet),
            &doubt_message(&notes.file, sheet),
        );
    }
}

/// "FILE" for a CSV, "FILE, sheet \"S\"" for a workbook's sheet.
pub(super) fn place(file: &str, sheet: &SheetNotes) -> String {
    match &sheet.sheet {
        Some(name) => format!("{file}, sheet \"{name}\""),
        None => file.to_string(),
    }
}

/// "read with doubts (confidence 0.62): DOUBTS; check with rolecall inspect FILE".
pub(super) fn doubt_message(file: &str, sheet: &SheetNotes) -> String {
    format!(
        "read with doubts (confidence {:.2}): {}; check with rolecall inspect {file}",
        sheet.reading.confidence,
        sheet.reading.summary()
    )
}

/// A comparison's warnings (another tool version, other settings), named after the
/// baseline.
pub(super) fn comparison_warnings(baseline: &str, comparison: &Comparison) {
    for warning in &comparison.warnings {
        warn(baseline, warning);
    }
}

/// Text in a language the rubrics do not speak: a report with no gaps reads as good news.
pub(super) fn foreign_language(report: &AuditReport) {
    for finding in report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::ForeignLanguage)
    {
        warn(
            &report.input.file,
            &format!("{} {}", finding.message, finding.advice),
        );
    }
}

/// The findings `--fail-on` named that were found ("2 gap, 1 new overlap"), if any.
pub(super) fn failed(found: &[String]) {
    if !found.is_empty() {
        warn("--fail-on", &format!("found {}", found.join(", ")));
    }
}
