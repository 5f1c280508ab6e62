//! The review lists: tasks that matched no responsibility, or two roles almost equally, for a
//! person to read.

use super::{Finding, Severity};
use crate::audit::{Facts, FindingKind};
use crate::matching::MatchStatus;
use crate::text::{slug, thousands};

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

/// Unmatched and ambiguous tasks, one finding per person and kind, listed for review.
pub(super) fn review_lists(facts: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for profile in &facts.profiles {
        for (kind, status, one, many, advice) in [
            (
                FindingKind::Unmatched,
                MatchStatus::Unmatched,
                "matches no responsibility of the rubrics",
                "match no responsibility of the rubrics",
                "Review these lines: reword any that are vague, and if they are role work the rubrics miss, add them to your own rubrics (rolecall rubrics export DIR, then --rubric DIR).",
            ),
            (
                FindingKind::Ambiguous,
                MatchStatus::Ambiguous,
                "matches two roles almost equally",
                "match two roles almost equally",
                "Consider saying which role owns each of these tasks, or splitting each into one line per part, so that each counts for one role.",
            ),
        ] {
            let tasks: Vec<usize> = profile
                .tasks
                .iter()
                .copied()
                .filter(|&t| facts.tasks[t].verdict.status == status && facts.carrying[t])
                .collect();
            if tasks.is_empty() {
                continue;
            }
            let quoted: Vec<String> = tasks
                .iter()
                .take(3)
                .map(|&t| quoted_task(&facts.tasks[t].task))
                .collect();
            let more = tasks.len().saturating_sub(3);
            out.push(Finding {
                id: format!("{}:{}", kind.name(), slug(&profile.name)),
                kind,
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
                advice: advice.to_string(),
            });
        }
    }
    out
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
