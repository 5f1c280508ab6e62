//! The review lists: tasks the model cannot place, matched only weakly, or matched to two
//! roles almost equally, for a person to read; and how much work is other jobs'.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::matching::MatchStatus;
use crate::text::{capped_list, lower_first, slug, thousands};

/// A finding quotes at most this many characters of a task line; the report's tasks carry
/// the whole text, and quoting lines of 30,000 characters in full doubled a report.
const QUOTED_CHARS: usize = 500;

/// A task line in quotes, cut after [`QUOTED_CHARS`] characters with an ellipsis.
fn quoted_task(task: &str) -> String {
    match task.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("\"{}…\"", &task[..end]),
        None => format!("\"{task}\""),
    }
}

/// The lists a person reads: per person, the tasks the model cannot place, those matched
/// only weakly, and those split between two roles; and once for everyone, how much work is
/// other jobs' (see [`other_work`]).
pub(super) fn review_lists(facts: &Facts<'_>) -> Vec<Finding> {
    let confidence = facts.settings.confidence;
    let lists: [ReviewList<'_>; 3] = [
        ReviewList(
            FindingKind::Unmatched,
            &|t| facts.tasks[t].verdict.status == MatchStatus::Unmatched
                && facts.tasks[t].other_work().is_none(),
            "matches no responsibility and reads as no other job's work either",
            "match no responsibility and read as no other job's work either",
            "Review these lines: a vague line says too little to place; if they are role work the rubrics miss, add them to your own rubrics (rolecall rubrics export DIR, then --rubric DIR).".into(),
        ),
        ReviewList(
            FindingKind::WeakMatch,
            &|t| facts.tasks[t].verdict.status == MatchStatus::Matched && !facts.sure[t],
            "reads as role work only weakly",
            "read as role work only weakly",
            format!(
                "They count in coverage, but no overlap, single point, drift or missing-core finding rests on them alone (a match needs a probability of {confidence} to). Confirm whose work they are: rolecall explain \"LINE\" shows which words carried each."
            )
            .into(),
        ),
        ReviewList(
            FindingKind::Ambiguous,
            &|t| facts.tasks[t].verdict.status == MatchStatus::Ambiguous,
            "matches two roles almost equally",
            "match two roles almost equally",
            "Consider saying which role owns each of these tasks, or splitting each into one line per part, so that each counts for one role.".into(),
        ),
    ];
    let mut out = Vec::new();
    for profile in &facts.profiles {
        for ReviewList(kind, listed, one, many, advice) in &lists {
            let tasks: Vec<usize> = profile
                .tasks
                .iter()
                .copied()
                .filter(|&t| facts.carrying[t] && listed(t))
                .collect();
            if tasks.is_empty() {
                continue;
            }
            let quoted: Vec<String> = tasks
                .iter()
                .take(3)
                .map(|&t| quoted_with_score(facts, *kind, t))
                .collect();
            let more = tasks.len().saturating_sub(3);
            out.push(Finding {
                id: format!("{}:{}", kind.name(), slug(&profile.name)),
                kind: *kind,
                severity: Severity::Info,
                people: vec![profile.name.clone()],
                responsibilities: Vec::new(),
                tasks: tasks.iter().map(|&t| facts.tasks[t].id).collect(),
                message: format!(
                    "{} of {}'s tasks {}: {}{}.",
                    thousands(tasks.len()),
                    profile.name,
                    if tasks.len() == 1 { one } else { many },
                    quoted.join(", "),
                    if more > 0 {
                        format!(" and {} more", thousands(more))
                    } else {
                        String::new()
                    }
                ),
                advice: advice.clone(),
            });
        }
    }
    out.extend(other_work(facts));
    out
}

/// One list: its kind, which tasks it lists, its verb for one task and for several, and
/// its advice, which every person's list of the kind shares (a hundred thousand people's
/// lists repeated it in as many copies).
struct ReviewList<'f>(
    FindingKind,
    &'f dyn Fn(usize) -> bool,
    &'static str,
    &'static str,
    Arc<str>,
);

/// A listed task as the list quotes it; a weak match with its role and probability, which
/// are what make it weak.
fn quoted_with_score(facts: &Facts<'_>, kind: FindingKind, t: usize) -> String {
    let task = &facts.tasks[t];
    match (kind, task.verdict.role.as_deref()) {
        (FindingKind::WeakMatch, Some(role)) => format!(
            "{} ({}, {:.2})",
            quoted_task(&task.task),
            facts.role_name_by_id(role),
            task.verdict.score
        ),
        _ => quoted_task(&task.task),
    }
}

/// Tasks that are plainly other jobs' work, said once for the whole team by area: that
/// work is outside the audited roles, nothing to reword or fix.
fn other_work(facts: &Facts<'_>) -> Option<Finding> {
    let tasks: Vec<usize> = (0..facts.tasks.len())
        .filter(|&t| facts.carrying[t] && facts.tasks[t].other_work().is_some())
        .collect();
    if tasks.is_empty() {
        return None;
    }
    let mut areas: BTreeMap<&str, usize> = BTreeMap::new();
    for &t in &tasks {
        if let Some(other) = facts.tasks[t].other_work() {
            *areas.entry(&other.title).or_default() += 1;
        }
    }
    let mut areas: Vec<(&str, usize)> = areas.into_iter().collect();
    areas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // A line of each of the two largest areas, for a reader to check the placing against.
    let examples: Vec<String> = areas
        .iter()
        .take(2)
        .filter_map(|(area, _)| {
            tasks
                .iter()
                .find(|&&t| {
                    facts.tasks[t]
                        .other_work()
                        .is_some_and(|o| &*o.title == *area)
                })
                .map(|&t| quoted_task(&facts.tasks[t].task))
        })
        .collect();
    let named: Vec<String> = areas
        .iter()
        .map(|(area, n)| format!("{} {}", lower_first(area), thousands(*n)))
        .collect();
    let people: BTreeSet<usize> = tasks.iter().map(|&t| facts.person_of_task[t]).collect();
    let people: Vec<usize> = people.into_iter().collect();
    Some(Finding {
        id: format!("{}:team", FindingKind::OtherWork.name()),
        kind: FindingKind::OtherWork,
        severity: Severity::Info,
        people: facts.names(&people),
        responsibilities: Vec::new(),
        tasks: tasks.iter().map(|&t| facts.tasks[t].id).collect(),
        message: format!(
            "{} {} other jobs' work, outside the audited roles: {} (for example {}).",
            thousands(tasks.len()),
            if tasks.len() == 1 { "task is" } else { "tasks are" },
            capped_list(&named),
            examples.join(", ")
        ),
        advice: "Nothing to do for this audit: the roles' rubrics do not cover that work, and rolecall counts it apart from what it cannot place.".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_task_line_is_quoted_cut_after_its_first_characters() {
        assert_eq!(quoted_task("Run the beta"), "\"Run the beta\"");
        let quoted = quoted_task(&"é".repeat(QUOTED_CHARS + 1));
        assert_eq!(quoted, format!("\"{}…\"", "é".repeat(QUOTED_CHARS)));
    }
}
