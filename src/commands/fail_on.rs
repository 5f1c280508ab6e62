//! `--fail-on`, shared by `audit` and `diff`: which of the findings it names were found,
//! said on stderr, and the exit code that lets a CI job fail on them.

use crate::audit::{AuditReport, FindingKind};
use crate::compare::Comparison;
use crate::error::Exit;

use super::stderr;

/// The kinds `--fail-on` names that the report holds, with their counts: "2 gap, 1 drift".
pub(super) fn found(report: &AuditReport, fail_on: &[Option<FindingKind>]) -> Vec<String> {
    report
        .summary
        .findings
        .iter()
        .filter(|(kind, _)| fail_on.iter().any(|f| f.is_none_or(|k| k == **kind)))
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect()
}

/// The kinds of new finding `--fail-on new:KIND` names that the comparison holds, with
/// their counts: "1 new overlap".
pub(super) fn found_new(comparison: &Comparison, fail_on: &[Option<FindingKind>]) -> Vec<String> {
    fail_on
        .iter()
        .map(|kind| (kind, comparison.new_of(*kind)))
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| match kind {
            Some(kind) => format!("{n} new {}", kind.name()),
            None if n == 1 => "1 new finding".to_string(),
            None => format!("{n} new findings"),
        })
        .collect()
}

/// Says what was found, and fails the run if anything was.
pub(super) fn exit(found: &[String]) -> Exit {
    stderr::failed(found);
    if found.is_empty() {
        Exit::Success
    } else {
        Exit::FindingsFound
    }
}
