//! The report's headline counts and what it says of the rubrics and the scope: read from the
//! facts and findings once the rules have run, for page 1 and every format's summary.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::slice::ParallelSliceMut;

use super::{Coverage, Facts, Finding, FindingKind, RoleSummary, ScopeNotes, Summary, TaskRecord};
use crate::matching::MatchStatus;
use crate::rubric::Rubric;
use crate::text::round3;

/// The counts of people, tasks, verdicts, effort, coverage and findings.
pub(super) fn summary(facts: &Facts<'_>, coverage: &[Coverage], findings: &[Finding]) -> Summary {
    let tasks = facts.tasks;
    let mut finding_counts: BTreeMap<FindingKind, usize> = BTreeMap::new();
    for finding in findings {
        *finding_counts.entry(finding.kind).or_default() += 1;
    }
    let lines = task_lines(tasks);
    let count = |status| lines.iter().filter(|t| t.verdict.status == status).count();
    let efforts: Vec<f64> = tasks.iter().filter_map(|t| t.effort).collect();
    let unassigned = facts
        .charts
        .iter()
        .flat_map(|c| &c.tasks)
        .filter(|t| t.marks.is_empty())
        .count();
    Summary {
        people: facts.profiles.len(),
        tasks: lines.len() + unassigned,
        assignments: tasks.len(),
        chart_marks: tasks.iter().filter(|t| t.raci.is_some()).count(),
        matched: count(MatchStatus::Matched),
        ambiguous: count(MatchStatus::Ambiguous),
        unmatched: count(MatchStatus::Unmatched),
        other_work: other_work(&lines),
        unassigned,
        effort_hours: (!efforts.is_empty()).then(|| round3(efforts.iter().sum())),
        responsibilities: facts.rubric.responsibilities.len(),
        responsibilities_covered: coverage.iter().filter(|c| !c.people.is_empty()).count(),
        findings: finding_counts,
    }
}

/// The task lines that are another job's work, counted by area, most first.
pub(super) fn other_work(lines: &[&TaskRecord]) -> Vec<(Arc<str>, usize)> {
    let mut areas: BTreeMap<&Arc<str>, usize> = BTreeMap::new();
    for line in lines {
        if let Some(other) = line.other_work() {
            *areas.entry(&other.title).or_default() += 1;
        }
    }
    let mut areas: Vec<(Arc<str>, usize)> = areas
        .into_iter()
        .map(|(title, n)| (title.clone(), n))
        .collect();
    areas.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    areas
}

/// One record per task line: a list row's task, or a chart row (all its marks share it,
/// told apart from a repeated line by its row or, turned over, its column).
///
/// The records' positions are sorted by line and each line's first kept: a set of every
/// line held 200 MB at a million tasks, where the positions take 8 bytes a task.
fn task_lines(tasks: &[TaskRecord]) -> Vec<&TaskRecord> {
    /// Text, sheet, group, and for a list row its row and column.
    fn line(t: &TaskRecord) -> (&str, Option<&str>, Option<&str>, u32, u32) {
        match t.raci {
            Some(_) => (&t.task, t.sheet.as_deref(), t.group.as_deref(), 0, 0),
            None => (&t.task, t.sheet.as_deref(), None, t.row, t.column),
        }
    }
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.par_sort_unstable_by(|&a, &b| line(&tasks[a]).cmp(&line(&tasks[b])).then(a.cmp(&b)));
    let mut first = vec![false; tasks.len()];
    let mut previous = None;
    for index in order {
        let key = line(&tasks[index]);
        if previous != Some(key) {
            first[index] = true;
            previous = Some(key);
        }
    }
    tasks
        .iter()
        .zip(first)
        .filter(|(_, f)| *f)
        .map(|(t, _)| t)
        .collect()
}

/// Each role of the rubrics with its short name and how many responsibilities it has.
pub(super) fn role_summaries(rubric: &Rubric) -> Vec<RoleSummary> {
    rubric
        .roles
        .iter()
        .map(|role| {
            let own = || rubric.responsibilities.iter().filter(|r| r.role == role.id);
            RoleSummary {
                id: role.id.clone(),
                name: role.name.clone(),
                short_name: role
                    .aliases
                    .iter()
                    .filter(|a| a.chars().count() <= 4 && !a.contains(' '))
                    .min_by_key(|a| a.chars().count())
                    .unwrap_or(&role.name)
                    .clone(),
                file: role.file.clone(),
                responsibilities: own().count(),
                core: own().filter(|r| r.core).count(),
            }
        })
        .collect()
}

/// The roles audited for gaps, and whether the user listed them or the titles did.
pub(super) fn scope_notes(facts: &Facts<'_>) -> ScopeNotes {
    ScopeNotes {
        audited_roles: facts
            .rubric
            .roles
            .iter()
            .zip(&facts.in_scope)
            .filter(|(_, &audited)| audited)
            .map(|(role, _)| role.id.clone())
            .collect(),
        chosen_by: if facts.settings.scope.roles.is_some() {
            "listed"
        } else {
            "titles"
        },
        excluded_people: 0,
    }
}
