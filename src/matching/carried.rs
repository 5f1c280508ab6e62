//! Which words carried a verdict, and how to override it. Evidence alone ("map +3.57")
//! tells a user why the model decided, not whether one word decided it nor what to do
//! about it. The test is the one a reader would make: read the task again without its
//! strongest word for the verdict (then without its two strongest); if the verdict changes
//! (unmatched becomes matched, or the best role changes), those words carried it, and a
//! label or a `[tasks]` line in rolecall.toml is how to say the team means otherwise.
//! `explain`, `review` and any report share this one test.

use serde::Serialize;

use super::{text, MatchStatus, Matcher, Source, TaskMatches, Term};
use crate::text::toml_string;

/// At most this many words are taken away: a verdict that stands without its two strongest
/// words rests on many, and no one word is to blame.
const MAX_CARRIERS: usize = 2;

/// The words a verdict rests on, what the text would be without them, and the fix. Its
/// fields serialise in alphabetical order, as `explain --format json` has always been.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carried {
    /// "if it is Product Manager work, label it ...": how to override the verdict.
    pub fix: String,
    /// What the fix would label the task: the verdict without the words (a role id, an
    /// area-of-other-work id, or `none`), as a labels file or `[tasks]` takes it.
    pub label: String,
    /// "carried by "map" (+3.57): without it, this would be ...".
    pub message: String,
    /// The words, strongest first, with what each added to the verdict's class.
    pub terms: Vec<Term>,
    /// The verdict without them.
    pub without: MatchStatus,
}

impl Matcher<'_> {
    /// The one or two words that carried `verdict`, the verdict of `task`; `None` when it
    /// stands without its two strongest words, when no word spoke for it, or when the team
    /// gave it (no word carries a label).
    pub fn carried_by(&self, task: &str, verdict: &TaskMatches) -> Option<Carried> {
        if verdict.source != Source::Model {
            return None;
        }
        let leaning: Vec<&Term> = verdict_evidence(verdict)
            .iter()
            .filter(|t| t.weight > 0.0)
            .take(MAX_CARRIERS)
            .collect();
        let folded = text::fold(task);
        (1..=leaning.len()).find_map(|count| {
            let dropped = &leaning[..count];
            let rest: Vec<&str> = text::split_words(&folded)
                .filter(|word| {
                    !dropped
                        .iter()
                        .any(|t| t.term.split(' ').any(|w| w == *word))
                })
                .collect();
            let without = self.classify(&rest.join(" "));
            (decision(&without) != decision(verdict)).then(|| self.carried(task, dropped, &without))
        })
    }

    fn carried(&self, task: &str, dropped: &[&Term], without: &TaskMatches) -> Carried {
        let rubric = self.rubric;
        let words = dropped
            .iter()
            .map(|t| format!("\"{}\" ({:+.2})", t.term, t.weight))
            .collect::<Vec<_>>()
            .join(" and ");
        let pronoun = if dropped.len() == 1 { "it" } else { "them" };
        let role = |m: &TaskMatches| m.roles.first().map(|r| &rubric.roles[r.role]);
        let area = plain_other_work(without).map(|a| &rubric.other_work[a]);
        let (outcome, work, label) = match (without.status, role(without), area) {
            (MatchStatus::Unmatched, _, Some(area)) => (
                format!("unmatched, other work ({})", area.title),
                format!("{} work", area.title),
                area.id.clone(),
            ),
            (MatchStatus::Unmatched, _, None) | (_, None, _) => (
                "unmatched".to_string(),
                "no role's work".to_string(),
                "none".to_string(),
            ),
            (status, Some(role), _) => (
                format!(
                    "{}{} at {:.2}",
                    if status == MatchStatus::Ambiguous {
                        "ambiguous, leaning to "
                    } else {
                        ""
                    },
                    role.name,
                    without.score()
                ),
                format!("{} work", role.name),
                role.id.clone(),
            ),
        };
        Carried {
            fix: format!(
                "if it is {work}, label it \"{label}\" in a review file (rolecall review, then \
                 --labels FILE) or add to rolecall.toml under [tasks]: {} = \"{label}\"",
                toml_string(task)
            ),
            label,
            message: format!("carried by {words}: without {pronoun}, this would be {outcome}"),
            terms: dropped.iter().map(|&t| t.clone()).collect(),
            without: without.status,
        }
    }
}

/// The words the verdict rests on: the best role's when the task is role work; for an
/// unmatched task, those of the other work that outweighed the roles (an unmatched task
/// with no such words is unmatched for want of words, which no word carried).
fn verdict_evidence(verdict: &TaskMatches) -> &[Term] {
    match (verdict.status, &verdict.other, verdict.roles.first()) {
        (MatchStatus::Unmatched, Some(other), _) => &other.evidence.terms,
        (MatchStatus::Unmatched, None, _) | (_, _, None) => &[],
        (_, _, Some(role)) => &role.evidence.terms,
    }
}

/// What a verdict decides: its status and, for role work, the best role.
fn decision(verdict: &TaskMatches) -> (MatchStatus, Option<usize>) {
    let role = match verdict.status {
        MatchStatus::Unmatched => None,
        _ => verdict.roles.first().map(|r| r.role),
    };
    (verdict.status, role)
}

/// The area of other work an unmatched verdict plainly is, as the audit decides it (see
/// `audit::TaskRecord::other_work`): "none" over one half, and an area with words of its own.
fn plain_other_work(verdict: &TaskMatches) -> Option<usize> {
    match (&verdict.other, verdict.status) {
        (Some(other), MatchStatus::Unmatched)
            if verdict.none > 0.5 && !other.evidence.terms.is_empty() =>
        {
            Some(other.area)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    /// The `[tasks]` line a fix suggests is TOML that reads back as the task's exact text,
    /// whatever the text holds.
    #[test]
    fn the_suggested_tasks_line_reads_back_as_the_text() {
        for text in [
            "Own the mobile road map",
            "Say \"no\" to C:\\scope\\creep",
            "tab\there, bell\u{7}, newline\nend",
            "Café roadmap – ünïcode",
        ] {
            let line = format!("{} = \"pm\"", toml_string(text));
            let table: toml::Table = line.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(table.keys().collect::<Vec<_>>(), [text], "{line}");
        }
    }
}
